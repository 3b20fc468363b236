// WASM (the build the extension ships, dist/chromium/engine) and the RegExp baseline in Node.
// Usage: node bench/node.mjs TEXTS.json BUNDLE.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import { measureEngine, engineOnSample } from './fixtures/measure.mjs';

const [textsPath, bundlePath, outPath] = process.argv.slice(2);
const ROOT = new URL('../', import.meta.url);
const engineDir = new URL('dist/chromium/engine/', ROOT);
const mod = await import(new URL('redflag.js', engineDir).href);
const t0 = performance.now();
mod.initSync({ module: readFileSync(new URL('redflag_bg.wasm', engineDir)) });
const initMs = performance.now() - t0;
const texts = JSON.parse(readFileSync(textsPath, 'utf8'));
const bundle = readFileSync(bundlePath, 'utf8');
const { engine, verdicts, result } = measureEngine(mod.Engine, bundle, texts);
// The RegExp in a child process with a hard deadline: Node 20's V8 runs this 858 KB pattern in its
// RegExp interpreter (thousands of times slower than Chromium's compiled RegExp), so one
// post can take minutes. The figure is the progress made when the deadline hits.
const budgetMs = Number(process.env.BENCH_REGEXP_MS || 4000);
const deadlineMs = budgetMs + 15000;
const progress = await new Promise((resolve) => {
  let last = null;
  const w = fork(fileURLToPath(new URL('./lib/baseline-worker.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const timer = setTimeout(() => { w.kill('SIGKILL'); resolve({ ...last, cut: true }); }, deadlineMs);
  w.on('message', (m) => { last = m; if (m.done) { clearTimeout(timer); w.kill('SIGKILL'); resolve(m); } });
  w.on('error', (e) => { clearTimeout(timer); resolve({ ...last, error: String(e) }); });
  w.send({ bundle, texts, budgetMs });
});
const posts = progress.posts || 0;
const wasmSame = posts ? engineOnSample(engine, texts, posts) : null;
const regexpMbS = posts ? progress.bytes / 1e6 / (progress.ms / 1000) : null;
const baseline = {
  sample_posts: posts,
  sample_bytes: progress.bytes || 0,
  regexp_build_ms: progress.buildMs ?? null,
  regexp_warmup_ms: progress.warmMs ?? null,
  regexp_ms: progress.ms ?? null,
  deadline_hit: Boolean(progress.cut),
  regexp_mb_s: regexpMbS,
  wasm_mb_s_same_sample: wasmSame,
  ratio_wasm_over_regexp: posts ? wasmSame / regexpMbS : null,
};
writeFileSync(outPath, JSON.stringify({ node: process.version, wasm_init_ms: initMs, ...result, baseline, verdicts }));
