#!/usr/bin/env node
// `make bench-page`: only the extension's own figures of `make bench` — the engine build in
// the service worker after restarts (with its parts) and the 1,000-post feed (with the
// content script's time by function). For working on start-up and page cost without the
// ~6 minutes of throughput and RegExp runs. Same fixtures and measurements as bench/run.mjs.
//
// The machine is shared and the feed's figures move by ±30 % with its load, so:
//   BENCH_PAGE_RUNS=N      runs the feed N times (a fresh browser each time) and prints the
//                          medians (default 1);
//   BENCH_PAGE_PARTS=feed  skips the service-worker restarts (default "sw,feed");
//   BENCH_PAGE_EXT=dir     loads that unpacked extension instead of dist/chromium (an older
//                          build assembled elsewhere, for a before/after in one session).
// Each feed run's CPU profile is saved as target/bench/feed-<n>.cpuprofile (DevTools opens it).
// Each feed run also prints the page's own style, layout and paint time from a devtools
// timeline trace of the same session (the posts' and the banners' rendering, which the content
// script's figure does not count); BENCH_TRACE_OUT=file keeps the trace. The per-post parts
// alone, repeated (steadier): node bench/feed-parts.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { ROOT, mixedCorpus } from './lib/corpus.mjs';
import { runChromium } from './chromium.mjs';

const log = (...a) => console.error('[bench-page]', ...a);
const RUNS = Math.max(1, Number(process.env.BENCH_PAGE_RUNS || 1));
const PARTS = (process.env.BENCH_PAGE_PARTS || 'sw,feed').split(',').map((s) => s.trim()).filter(Boolean);
const BUNDLE = resolve(ROOT, 'dist/chromium/bundles/default.json');
const WASM = resolve(ROOT, 'dist/chromium/engine/redflag_bg.wasm');
const OUT = resolve(ROOT, 'target/bench');
const EXT = process.env.BENCH_PAGE_EXT ? resolve(process.env.BENCH_PAGE_EXT) : null;
const own = mixedCorpus().filter((p) => p.origin === 'tests');
const feedPosts = [];
for (let i = 0; feedPosts.length < 1000; i++) feedPosts.push(own[(i * 37) % own.length].text);
const feedTexts = feedPosts.map((t) => t.replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim());
const { Engine, initSync } = await import(resolve(ROOT, 'dist/chromium/engine/redflag.js'));
initSync({ module: readFileSync(WASM) });
const engine = new Engine([readFileSync(BUNDLE, 'utf8')]);
const expectedRisky = [];
engine.classifyBatch(feedTexts, undefined).forEach((v, i) => { if (v.level !== 'none' && feedTexts[i].length >= 12) expectedRisky.push(`-3003_${i}`); });
engine.free();

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Samples with an extension frame on the stack, times the profile's median sampling interval
// (asked for 200 µs, ~290 µs here): close to CPU time. main_thread_ms weighs each sample by
// the wall time to the next one, which also counts the time the renderer waited for a core;
// on a loaded machine the two part.
function extensionSamples(profile) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map();
  const ext = (id) => {
    if (memo.has(id)) return memo.get(id);
    const v = (byId.get(id).callFrame.url || '').startsWith('chrome-extension://') || (parent.has(id) && ext(parent.get(id)));
    memo.set(id, v);
    return v;
  };
  const d = [...profile.timeDeltas].sort((a, b) => a - b);
  return profile.samples.filter(ext).length * (d[d.length >> 1] || 200) / 1000;
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
mkdirSync(OUT, { recursive: true });

let failed = false;
const runs = [];
for (let run = 1; run <= RUNS; run++) {
  const parts = run === 1 ? PARTS : PARTS.filter((p) => p !== 'sw');
  const loadBefore = load();
  const out = await runChromium({ texts: [], feedPosts, expectedRisky, log, parts, keepProfile: true, extDir: EXT });
  const { sw, feed } = out;
  if (sw) {
    console.log(`engine in the service worker after a restart: median ${sw.restart_build_ms_median} ms (${sw.restart_build_ms.join(', ')}); first ${sw.first_build_ms} ms`);
    console.log(`  first: ${JSON.stringify(sw.first_timings)}`);
    for (const t of sw.restart_timings) console.log(`  parts: ${JSON.stringify(t)}`);
    const mb = (l) => (l || []).map((p) => `RSS ${p.rss_mb?.toFixed(1)} MB, PSS ${p.pss_mb?.toFixed(1)} MB`).join('; ');
    console.log(`  extension process: worker running ${mb(sw.memory.running)}; worker stopped ${mb(sw.memory.stopped)}`);
  }
  if (!feed) continue;
  const { profile } = feed;
  delete feed.profile;
  feed.samples_ms = extensionSamples(profile);
  const file = resolve(OUT, `feed-${run}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`feed run ${run}/${RUNS} (load before ${loadBefore}, after ${load()}): ${feed.posts} posts; main thread ${feed.main_thread_ms.toFixed(0)} ms (samples × median interval: ${feed.samples_ms.toFixed(0)} ms); longest task ${feed.longest_task_ms.toFixed(1)} ms; banner p50 ${feed.banner_ms.p50?.toFixed(0)} p95 ${feed.banner_ms.p95?.toFixed(0)} max ${feed.banner_ms.max?.toFixed(0)} ms (${feed.banner_ms.n}); missing ${feed.missing.length}, unexpected ${feed.unexpected.length}`);
  const r = feed.page_rendering_ms;
  if (r) console.log(`  page's own rendering on its main thread (trace): style ${r.style.toFixed(0)} ms, layout ${r.layout.toFixed(0)} ms, paint ${r.paint.toFixed(0)} ms`);
  for (const f of feed.main_thread_by_function) console.log(`  ${String(f.ms).padStart(7)} ms  ${f.function}`);
  if (feed.missing.length || feed.unexpected.length) failed = true;
  runs.push(feed);
}
if (runs.length > 1) {
  const byFn = new Map();
  for (const r of runs) for (const f of r.main_thread_by_function) (byFn.get(f.function) || byFn.set(f.function, []).get(f.function)).push(f.ms);
  console.log(`\nmedians of ${runs.length} feed runs: main thread ${median(runs.map((r) => r.main_thread_ms)).toFixed(0)} ms (${runs.map((r) => r.main_thread_ms.toFixed(0)).join(', ')}), samples × median interval ${median(runs.map((r) => r.samples_ms)).toFixed(0)} ms; page's style + layout + paint ${median(runs.map((r) => r.page_rendering_ms?.total)).toFixed(0)} ms (style ${median(runs.map((r) => r.page_rendering_ms?.style)).toFixed(0)}, layout ${median(runs.map((r) => r.page_rendering_ms?.layout)).toFixed(0)}, paint ${median(runs.map((r) => r.page_rendering_ms?.paint)).toFixed(0)}); longest task ${median(runs.map((r) => r.longest_task_ms)).toFixed(1)} ms; banner p95 ${median(runs.map((r) => r.banner_ms.p95)).toFixed(0)} ms, p50 ${median(runs.map((r) => r.banner_ms.p50)).toFixed(0)} ms`);
  const rows = [...byFn].map(([f, ms]) => [f, median([...ms, ...Array(runs.length - ms.length).fill(0)])]).sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [f, ms] of rows) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f}`);
}
if (failed) process.exit(1);
