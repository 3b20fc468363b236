#!/usr/bin/env node
// `make bench-page`: only the extension's own figures of `make bench` — the engine build in
// the service worker after restarts (with its parts) and the 1,000-post feed (with the
// content script's time by function). For working on start-up and page cost without the
// ~6 minutes of throughput and RegExp runs. Same fixtures and measurements as bench/run.mjs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, mixedCorpus } from './lib/corpus.mjs';
import { runChromium } from './chromium.mjs';

const log = (...a) => console.error('[bench-page]', ...a);
const BUNDLE = resolve(ROOT, 'dist/chromium/bundles/default.json');
const WASM = resolve(ROOT, 'dist/chromium/engine/redflag_bg.wasm');
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

const out = await runChromium({ texts: [], feedPosts, expectedRisky, log, parts: ['sw', 'feed'] });
const { sw, feed } = out;
console.log(`engine in the service worker after a restart: median ${sw.restart_build_ms_median} ms (${sw.restart_build_ms.join(', ')}); first ${sw.first_build_ms} ms`);
for (const t of sw.restart_timings) console.log(`  parts: ${JSON.stringify(t)}`);
console.log(`feed: ${feed.posts} posts; main thread ${feed.main_thread_ms.toFixed(0)} ms; longest task ${feed.longest_task_ms.toFixed(1)} ms; banner p50 ${feed.banner_ms.p50} p95 ${feed.banner_ms.p95} max ${feed.banner_ms.max} ms (${feed.banner_ms.n}); missing ${feed.missing.length}, unexpected ${feed.unexpected.length}`);
for (const f of feed.main_thread_by_function) console.log(`  ${String(f.ms).padStart(7)} ms  ${f.function}`);
if (feed.missing.length || feed.unexpected.length) process.exit(1);
