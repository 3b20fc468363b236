#!/usr/bin/env node
// Does Chromium keep V8's compiled-WebAssembly cache for the extension's service worker, and
// what does a restarted worker cost with it? (BENCHMARKS.md, "restarted worker, seventh round".)
//
//   node bench/wasm-code-cache.mjs [EXT_DIR] [RESTARTS]
//   CACHE_JS_FLAGS=--wasm-caching-timeout-ms=0 node bench/wasm-code-cache.mjs
//
// Loads EXT_DIR (default dist/chromium) in a fresh profile, builds the engine, then RESTARTS
// times (default 4): optionally classifies CACHE_CLASSIFY rounds of 800 posts (so that hot
// functions tier up to TurboFan, which is what V8 caches), waits CACHE_WAIT_MS (default 4000;
// V8 writes the cache only when no new optimized code came for --wasm-caching-timeout-ms,
// 2000 by default), stops the worker and times the next engine build (`state().timings`).
// After each restart it prints how many entries the profile's `Code Cache/wasm` holds.
// CACHE_HOLDER=run makes the extension page that sends the messages (open throughout, in the
// extension's process) load the lean module itself first, read the tables and classify the
// posts three times; CACHE_HOLDER=compile only compiles the module there and keeps it: does a
// module alive elsewhere in the process shorten the restarted worker's start?
// CACHE_JS_FLAGS passes V8 flags to Chromium (--js-flags), e.g. to see the cached path. The
// posts: ../shared/corpora/emscad_fraudulent_856.jsonl (REDFLAG_SHARED_CORPORA elsewhere).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { CHROMIUM, stopServiceWorker } from '../tests/e2e/lib/chromium.mjs';
import { ROOT, SHARED } from './lib/corpus.mjs';

const dir = resolve(process.argv[2] || join(ROOT, 'dist/chromium'));
const restarts = Number(process.argv[3] || 4);
const rounds = Number(process.env.CACHE_CLASSIFY || 0);
const wait = Number(process.env.CACHE_WAIT_MS || 4000);
const flags = process.env.CACHE_JS_FLAGS || '';
const holder = process.env.CACHE_HOLDER || '';
const profile = mkdtempSync(join(tmpdir(), 'redflag-wasm-cache-'));
mkdirSync(join(profile, 'Default'), { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cached = () => {
  try {
    return readdirSync(join(profile, 'Default', 'Code Cache', 'wasm')).filter((f) => /_0$/.test(f)).length;
  } catch {
    return 0;
  }
};

const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--disable-component-update',
    ...(flags ? [`--js-flags=${flags}`] : [])],
});
try {
  let [sw] = ctx.serviceWorkers();
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 20000 });
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${new URL(sw.url()).host}/src/options/options.html`);
  const state = () => page.evaluate(() => chrome.runtime.sendMessage({ type: 'state' }));
  const built = async () => {
    for (let i = 0; i < 600; i++) {
      const s = await state().catch(() => null);
      if (s && s.builtMs != null) return s;
      await sleep(100);
    }
    throw new Error('no engine after 60 s');
  };
  const texts = rounds || holder === 'run' ? readFileSync(join(SHARED, 'emscad_fraudulent_856.jsonl'), 'utf8').split('\n')
    .filter(Boolean).map((l) => JSON.parse(l).text).filter(Boolean).slice(0, 800) : [];
  const classify = async () => {
    for (let k = 0; k < rounds; k++) {
      for (let i = 0; i < texts.length; i += 200) {
        await page.evaluate((t) => chrome.runtime.sendMessage({ type: 'classify', texts: t }), texts.slice(i, i + 200));
      }
    }
  };
  const show = (what, s) => console.log(`${what}: builtMs ${s.builtMs}, wasm ${s.timings?.wasm}, tables ${s.timings?.tables_file}, fromTables ${s.timings?.new_engine} ms; Code Cache/wasm entries: ${cached()}`);
  console.log(`${dir}; V8 flags: ${flags || '(none)'}; classify rounds ${rounds}, wait ${wait} ms; holder: ${holder || '(none)'}`);
  show('first start', await built());
  if (holder) {
    const ms = await page.evaluate(async ({ holder, texts }) => {
      const url = (p) => chrome.runtime.getURL(p);
      if (holder === 'compile') {
        globalThis.heldModule = await WebAssembly.compileStreaming(fetch(url('engine/redflag_lean_bg.wasm')));
        return null;
      }
      const lean = await import(url('engine/redflag_lean.js'));
      await lean.default({ module_or_path: url('engine/redflag_lean_bg.wasm') });
      const tables = new Uint8Array(await (await fetch(url('bundles/default.tables'))).arrayBuffer());
      const t0 = performance.now();
      globalThis.heldEngine = lean.Engine.fromTables(tables);
      const ms = performance.now() - t0;
      for (let k = 0; k < 3; k++) globalThis.heldEngine.classifyBatch(texts, undefined);
      return ms;
    }, { holder, texts });
    console.log(`holder (${holder}) in the extension page${ms == null ? '' : `: its fromTables ${ms.toFixed(0)} ms`}`);
  }
  for (let i = 1; i <= restarts; i++) {
    await classify();
    await sleep(wait);
    await stopServiceWorker(ctx, page);
    show(`restart ${i}`, await built());
  }
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
