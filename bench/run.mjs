#!/usr/bin/env node
// `make bench`: every benchmark of issue 5 in one run, one table, target/bench/summary.json.
// Fails (exit 1) when a result is wrong: verdicts differ between the native CLI and the WASM
// build in Node or Chromium, the native harness disagrees with the CLI, the feed misses a
// banner or shows one on an ordinary post, or the CLI loses lines.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, statSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, totalmem } from 'node:os';
import { ROOT, SHARED, PER_SHARED_FILE, mixedCorpus, jsonlFiles, utf8Bytes } from './lib/corpus.mjs';
import { canonical } from './fixtures/measure.mjs';
import { runChromium } from './chromium.mjs';

const OUT = resolve(ROOT, 'target/bench');
const CLI = resolve(ROOT, 'target/release/redflag');
const NATIVE = resolve(ROOT, 'target/bench-native/release/redflag-bench-native');
const BUNDLE = resolve(ROOT, 'dist/chromium/bundles/default.json');
const WASM = resolve(ROOT, 'dist/chromium/engine/redflag_bg.wasm');
// The module a restarted service worker loads with the shipped bundle (src/wasm.rs without the
// feature `documents`): the one the size target is about. The full one loads for imports.
const WASM_LEAN = resolve(ROOT, 'dist/chromium/engine/redflag_lean_bg.wasm');
const REGEXP_MS = Number(process.env.BENCH_REGEXP_MS || 4000);
mkdirSync(OUT, { recursive: true });
const log = (...a) => console.error('[bench]', ...a);
const errors = [];
const fail = (msg) => { errors.push(msg); log('ERROR:', msg); };
for (const f of [CLI, NATIVE, BUNDLE, WASM, WASM_LEAN]) if (!existsSync(f)) { console.error(`missing ${f}: run make bench`); process.exit(2); }

function run(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, ms };
}

// ---- the mixed corpus
const posts = mixedCorpus();
const texts = posts.map((p) => p.text);
const bytes = utf8Bytes(texts);
const mixedPath = resolve(OUT, 'mixed.jsonl');
// id and text only: without `lang` the CLI picks international support entries, as the WASM
// calls do without a region, so support ids are compared too.
writeFileSync(mixedPath, posts.map((p) => JSON.stringify({ id: p.id, text: p.text })).join('\n') + '\n');
writeFileSync(resolve(OUT, 'texts.json'), JSON.stringify(texts));
log(`mixed corpus: ${posts.length} posts, ${(bytes / 1e6).toFixed(2)} MB (rules/languages/*/corpus + first ${PER_SHARED_FILE} of each shared file)`);

// ---- reference verdicts: the native CLI
log('native CLI verdicts on the mixed corpus');
const cliOut = run(CLI, ['scan', '--jsonl', '--bundle', BUNDLE, mixedPath]).stdout.trim().split('\n').map((l) => JSON.parse(l));
if (cliOut.length !== posts.length) fail(`CLI returned ${cliOut.length} verdicts for ${posts.length} posts`);
const reference = cliOut.map(canonical);
const levels = { none: 0, caution: 0, warning: 0, danger: 0 };
for (const v of cliOut) levels[v.level]++;

function compare(name, verdicts) {
  if (!Array.isArray(verdicts) || verdicts.length !== reference.length) {
    fail(`${name}: ${verdicts && verdicts.length} verdicts, expected ${reference.length}`);
    return 0;
  }
  const diffs = [];
  verdicts.forEach((v, i) => { if (v !== reference[i]) diffs.push(i); });
  for (const i of diffs.slice(0, 5)) log(`  ${name} differs on ${posts[i].id}:\n    native ${reference[i]}\n    ${name} ${verdicts[i]}`);
  if (diffs.length) fail(`${name}: ${diffs.length} verdicts differ from the native CLI`);
  return diffs.length;
}

// ---- native harness
log('native harness');
const native = JSON.parse(run(NATIVE, [BUNDLE, mixedPath, '5']).stdout);
for (const k of Object.keys(levels)) if (native.levels[k] !== levels[k]) fail(`native harness levels ${JSON.stringify(native.levels)} differ from the CLI ${JSON.stringify(levels)}`);

// ---- WASM and RegExp in Node (own process)
log('WASM and RegExp in Node');
const nodeOutPath = resolve(OUT, 'node.json');
run(process.execPath, [resolve(ROOT, 'bench/node.mjs'), resolve(OUT, 'texts.json'), BUNDLE, nodeOutPath], { stdio: ['ignore', 'inherit', 'inherit'] });
const node = JSON.parse(readFileSync(nodeOutPath, 'utf8'));
compare('wasm-node', node.verdicts);

// ---- Chromium
// The page-budget feed: 1,000 VK-style posts cycling through the development corpus (rules/languages/*/corpus, all locales; in the
// repository), whitespace-collapsed as the content script does; expected banners from the
// WASM verdicts in Node (level ≥ caution, the default sensitivity).
const own = posts.filter((p) => p.origin === 'tests');
const feedPosts = [];
for (let i = 0; feedPosts.length < 1000; i++) feedPosts.push(own[(i * 37) % own.length].text);
const feedTexts = feedPosts.map((t) => t.replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim());
const { Engine, initSync } = await import(resolve(ROOT, 'dist/chromium/engine/redflag.js'));
initSync({ module: readFileSync(WASM) });
const feedEngine = new Engine([readFileSync(BUNDLE, 'utf8')]);
const expectedRisky = [];
feedEngine.classifyBatch(feedTexts, undefined).forEach((v, i) => { if (v.level !== 'none' && feedTexts[i].length >= 12) expectedRisky.push(`-3003_${i}`); });
feedEngine.free();
log(`feed: ${feedPosts.length} posts, ${expectedRisky.length} expected banners`);

const chromium = await runChromium({ texts, feedPosts, expectedRisky, budgetMs: REGEXP_MS, log });
compare('wasm-chromium', chromium.wasm.verdicts);
if (!chromium.wasm.isolated) log('note: the bench page was not cross-origin isolated (timer resolution 100 µs)');
const feed = chromium.feed;
if (feed.posts < 1000) fail(`feed: only ${feed.posts} posts loaded`);
if (feed.missing.length) fail(`feed: ${feed.missing.length} risky posts without a banner (${feed.missing.slice(0, 5).join(', ')})`);
if (feed.unexpected.length) fail(`feed: banners on ${feed.unexpected.length} ordinary posts (${feed.unexpected.slice(0, 5).join(', ')})`);
if (!feed.calibrated) log('note: profile clock not calibrated; long tasks not attributed');

// ---- batch CLI over the whole shared corpus (one core)
log('batch CLI over the whole shared corpus');
const shared = jsonlFiles(SHARED);
const sharedBytes = shared.reduce((n, f) => n + statSync(f).size, 0);
let sharedTextBytes = 0;
let sharedLines = 0;
for (const f of shared) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) { sharedLines++; sharedTextBytes += Buffer.byteLength(JSON.parse(l).text || '', 'utf8'); }
const pin = spawnSync('taskset', ['--version']).status === 0 ? 'taskset -c 0 ' : '';
const cliRuns = [];
for (let i = 0; i < 2; i++) {
  const r = run('bash', ['-c', `cat ${shared.map((f) => `'${f}'`).join(' ')} | ${pin}'${CLI}' scan --jsonl - | wc -l`]);
  if (Number(r.stdout.trim()) !== sharedLines) fail(`CLI printed ${r.stdout.trim()} verdicts for ${sharedLines} lines`);
  cliRuns.push(r.ms);
}
const cliMs = Math.min(...cliRuns);
// the same on two cores (`--jobs 2`; the output order is the input order)
const cli2Runs = [];
for (let i = 0; i < 2; i++) {
  const r = run('bash', ['-c', `cat ${shared.map((f) => `'${f}'`).join(' ')} | '${CLI}' scan --jsonl --jobs 2 - | wc -l`]);
  if (Number(r.stdout.trim()) !== sharedLines) fail(`CLI --jobs 2 printed ${r.stdout.trim()} verdicts for ${sharedLines} lines`);
  cli2Runs.push(r.ms);
}
const cli2Ms = Math.min(...cli2Runs);

// ---- sizes
const wasmRaw = statSync(WASM_LEAN).size;
const wasmGz = gzipSync(readFileSync(WASM_LEAN), { level: 9 }).length;
const fullRaw = statSync(WASM).size;
const fullGz = gzipSync(readFileSync(WASM), { level: 9 }).length;

// ---- summary
const r2 = (x) => (x == null ? null : Math.round(x * 100) / 100);
const extProc = (feed.processes && feed.processes.extension) || [];
const summary = {
  wasm_chromium_mb_s: r2(chromium.wasm.mb_s_median),
  native_mb_s: r2(native.mb_s_median),
  regexp_chromium_mb_s: r2(chromium.wasm.baseline.regexp_mb_s),
  engine_create_ms: r2(chromium.sw.restart_build_ms_median),
  wasm_gzip_kb: r2(wasmGz / 1024),
  feed_main_thread_ms: r2(feed.main_thread_ms),
  feed_longest_task_ms: r2(feed.longest_task_ms),
  banner_p95_ms: r2(feed.banner_ms.p95),
  cli_mb_s: r2(sharedTextBytes / 1e6 / (cliMs / 1000)),
  // more figures
  cli_2_cores_mb_s: r2(sharedTextBytes / 1e6 / (cli2Ms / 1000)),
  engine_new_ms_native_tables: r2(native.engine_from_tables_ms_median),
  wasm_node_mb_s: r2(node.mb_s_median),
  regexp_node_mb_s: r2(node.baseline.regexp_mb_s),
  ratio_wasm_regexp_chromium: r2(chromium.wasm.baseline.ratio_wasm_over_regexp),
  ratio_wasm_regexp_node: r2(node.baseline.ratio_wasm_over_regexp),
  ratio_wasm_chromium_native: r2(chromium.wasm.mb_s_median / native.mb_s_median),
  ratio_wasm_node_native: r2(node.mb_s_median / native.mb_s_median),
  native_us_post_median: r2(native.us_per_post_median),
  native_us_post_p99: r2(native.us_per_post_p99),
  wasm_node_us_post_median: r2(node.us_per_post_median),
  wasm_node_us_post_p99: r2(node.us_per_post_p99),
  wasm_chromium_us_post_median: r2(chromium.wasm.us_per_post_median),
  wasm_chromium_us_post_p99: r2(chromium.wasm.us_per_post_p99),
  engine_new_ms_chromium_page: r2(chromium.wasm.engine_create_ms_median),
  engine_new_ms_node: r2(node.engine_create_ms_median),
  engine_new_ms_native: r2(native.engine_create_ms_median),
  engine_sw_first_build_ms: r2(chromium.sw.first_build_ms),
  wasm_init_ms_chromium_page: r2(chromium.wasm.wasm_init_ms),
  wasm_raw_kb: r2(wasmRaw / 1024),
  wasm_full_raw_kb: r2(fullRaw / 1024),
  wasm_full_gzip_kb: r2(fullGz / 1024),
  cli_input_mb_s: r2(sharedBytes / 1e6 / (cliMs / 1000)),
  cli_ms: r2(cliMs),
  banner_p50_ms: r2(feed.banner_ms.p50),
  banner_max_ms: r2(feed.banner_ms.max),
  feed_longtasks_all: feed.longtasks_all,
  feed_longtasks_extension: feed.longtasks_extension.length,
  feed_longest_longtask_any_ms: r2(feed.longest_longtask_ms),
  feed_longest_extension_run_ms: r2(feed.longest_extension_run_ms),
  feed_page_heap_mb: r2(feed.page_heap_mb),
  feed_page_rendering_ms: feed.page_rendering_ms ? r2(feed.page_rendering_ms.total) : null,
  feed_extension_process_pss_mb: r2(extProc.reduce((n, p) => n + (p.pss_mb || 0), 0)),
  feed_extension_process_rss_mb: r2(extProc.reduce((n, p) => n + (p.rss_mb || 0), 0)),
  mixed_posts: posts.length,
  mixed_mb: r2(bytes / 1e6),
  regexp_sample_posts_chromium: chromium.wasm.baseline.sample_posts,
  regexp_sample_posts_node: node.baseline.sample_posts,
  regexp_phrases: chromium.wasm.baseline.phrases,
  regexp_build_ms_chromium: r2(chromium.wasm.baseline.regexp_build_ms),
  verdict_mismatches: errors.length,
};
const machine = {
  nproc: cpus().length,
  cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || cpus()[0]?.model,
  mem_gb: r2(totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromium.version,
};
writeFileSync(resolve(OUT, 'summary.json'), JSON.stringify({ ...summary, machine, errors }, null, 2) + '\n');
writeFileSync(resolve(OUT, 'details.json'), JSON.stringify({ native, node: { ...node, verdicts: undefined }, chromium: { ...chromium, wasm: { ...chromium.wasm, verdicts: undefined } } }, null, 2) + '\n');

const f = (x, d = 1) => (x == null ? 'n/a' : Number(x).toFixed(d));
const rows = [
  ['Engine throughput, mixed corpus', `${posts.length} posts, ${f(bytes / 1e6, 2)} MB`, ''],
  ['  native (Rust harness)', `${f(summary.native_mb_s)} MB/s; ${f(summary.native_us_post_median, 0)} µs/post median, ${f(summary.native_us_post_p99, 0)} p99`, ''],
  ['  WASM in Node', `${f(summary.wasm_node_mb_s)} MB/s; ${f(summary.wasm_node_us_post_median, 0)} µs/post median, ${f(summary.wasm_node_us_post_p99, 0)} p99`, `${f(summary.ratio_wasm_node_native, 2)}× native`],
  ['  WASM in Chromium', `${f(summary.wasm_chromium_mb_s)} MB/s; ${f(summary.wasm_chromium_us_post_median, 0)} µs/post median, ${f(summary.wasm_chromium_us_post_p99, 0)} p99`, `${f(summary.ratio_wasm_chromium_native, 2)}× native (target ≥ 0.5)`],
  ['RegExp baseline (same texts, same page)', `${summary.regexp_phrases ?? 'n/a'} phrases; Chromium ${f(summary.regexp_chromium_mb_s, 4)} MB/s, Node ${f(summary.regexp_node_mb_s, 4)} MB/s`, `WASM/RegExp ${f(summary.ratio_wasm_regexp_chromium, 0)}× (target ≥ 5)`],
  ['Cold start: engine in the service worker', `${f(summary.engine_create_ms, 0)} ms after a restart (first ${f(summary.engine_sw_first_build_ms, 0)}); new Engine: page ${f(summary.engine_new_ms_chromium_page, 0)}, Node ${f(summary.engine_new_ms_node, 0)}, native ${f(summary.engine_new_ms_native, 0)} ms (from the prebuilt tables ${f(summary.engine_new_ms_native_tables, 1)} ms)`, 'target ≤ 20 ms'],
  ['.wasm size (the worker\'s: lean module)', `${f(summary.wasm_raw_kb, 0)} KB raw, ${f(summary.wasm_gzip_kb, 0)} KB gzipped (full module, for imports: ${f(summary.wasm_full_raw_kb, 0)} KB raw, ${f(summary.wasm_full_gzip_kb, 0)} KB gzipped)`, 'target ≤ 250 KB gz'],
  ['Feed of 1,000 posts: content-script main thread', `${f(summary.feed_main_thread_ms, 0)} ms total`, 'target ≤ 50 ms'],
  ['  longest task caused by the extension', `${f(summary.feed_longest_task_ms, 1)} ms (long tasks: ${summary.feed_longtasks_all} in all, ${summary.feed_longtasks_extension} the extension's)`, 'target ≤ 50 ms'],
  ['  insertion → banner', `p50 ${f(summary.banner_p50_ms, 0)} ms, p95 ${f(summary.banner_p95_ms, 0)} ms, max ${f(summary.banner_max_ms, 0)} ms (${feed.banner_ms.n} banners)`, 'target p95 ≤ 150 ms'],
  ['  the page\'s own style + layout + paint (trace)', feed.page_rendering_ms ? `${f(feed.page_rendering_ms.total, 0)} ms (style ${f(feed.page_rendering_ms.style, 0)}, layout ${f(feed.page_rendering_ms.layout, 0)}, paint ${f(feed.page_rendering_ms.paint, 0)}): the feed's posts and the banners` : 'n/a', ''],
  ['  memory after scrolling', `service-worker process PSS ${f(summary.feed_extension_process_pss_mb)} MB (RSS ${f(summary.feed_extension_process_rss_mb)}); page isolate heap ${f(summary.feed_page_heap_mb)} MB`, ''],
  ['Batch CLI, whole shared corpus (1 core)', `${f(summary.cli_mb_s)} MB/s of text (${f(summary.cli_input_mb_s)} MB/s of JSONL, ${sharedLines} posts in ${f(cliMs / 1000, 2)} s)`, 'target ≥ 100 MB/s'],
  ['Batch CLI, whole shared corpus (2 cores, --jobs 2)', `${f(summary.cli_2_cores_mb_s)} MB/s of text (${f(cli2Ms / 1000, 2)} s)`, ''],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\nredflag benchmarks — ${machine.nproc} × ${machine.cpu}, ${machine.mem_gb} GB, Node ${machine.node}`);
console.log('-'.repeat(w0 + w1 + 30));
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log('-'.repeat(w0 + w1 + 30));
console.log(`written: target/bench/summary.json, target/bench/details.json`);
if (errors.length) {
  console.error(`\nBENCH FAILED: ${errors.length} wrong result(s):\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
