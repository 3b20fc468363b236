#!/usr/bin/env node
// Where the content script's time goes in the feed runs of bench/page.mjs: reads the CPU
// profiles it saves (target/bench/feed-<n>.cpuprofile, or the files named) and prints, as the
// mean over them of samples × the profile's median interval (the steadier figure of
// BENCHMARKS.md), the time by part (banners, scanning, messaging, answers) and by innermost
// extension function with the frame it was in (a DOM call such as `after` or `cloneNode`, or
// "(self)": the function's own JavaScript). For comparing two builds run one after the other:
//   BENCH_PAGE_RUNS=3 BENCH_PAGE_PARTS=feed node bench/page.mjs && node bench/feed-profile.mjs
//   TOP=60 node bench/feed-profile.mjs a/feed-*.cpuprofile     # more rows
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './lib/corpus.mjs';

const DIR = resolve(ROOT, 'target/bench');
const files = process.argv.length > 2 ? process.argv.slice(2)
  : readdirSync(DIR).filter((f) => /^feed-\d+\.cpuprofile$/.test(f)).map((f) => join(DIR, f));
if (!files.length) {
  console.error('feed-profile: no profiles (run BENCH_PAGE_PARTS=feed node bench/page.mjs first)');
  process.exit(1);
}
const TOP = Number(process.env.TOP || 30);

// content.js's functions by part; banner.js is the banners, discover.js and extract.js the
// scanning, retry.js the messaging.
const PART = {
  place: 'banners',
  sendBatch: 'messaging', openPort: 'messaging', sendReliably: 'messaging', closeIdlePort: 'messaging', send: 'messaging',
  runScan: 'scanning: content.js', scheduleScan: 'scanning: content.js', onMutations: 'scanning: content.js', consider: 'scanning: content.js', yieldToPage: 'scanning: content.js',
  apply: 'answers', renderPost: 'answers', quietly: 'answers', flush: 'answers', shouldShow: 'answers', removeBanner: 'answers',
};
// An anonymous function of content.js (a promise executor or callback, a listener) counts
// with the named function it is written in, found in this tree's content.js (the line
// numbers of another build's content.js must be close to these).
const enclosing = [];
{
  let name = '';
  readFileSync(resolve(ROOT, 'extension/src/content.js'), 'utf8').split('\n').forEach((line, i) => {
    const m = /^ {2}(?:async )?function\*? ?(\w+)\(/.exec(line);
    if (m) name = m[1];
    enclosing[i + 1] = name;
  });
}
function part(fn, file, line) {
  if (file === 'banner.js') return 'banners';
  if (file === 'discover.js' || file === 'extract.js') return 'scanning: discover.js, extract.js';
  if (file === 'retry.js') return 'messaging';
  if (file === 'content.js' && !fn) fn = enclosing[line] || '';
  if (file === 'content.js' && PART[fn]) return PART[fn];
  return 'start-up, settings, other';
}

const byPart = new Map();
const byFn = new Map();
const add = (m, k, v) => m.set(k, (m.get(k) || 0) + v);
for (const f of files) {
  const p = JSON.parse(readFileSync(f, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const d = [...p.timeDeltas].sort((a, b) => a - b);
  const ms = (d[d.length >> 1] || 200) / 1000 / files.length;
  const memo = new Map();
  const keys = (id) => {
    if (memo.has(id)) return memo.get(id);
    let out = null;
    for (let x = id; x != null; x = parent.get(x)) {
      const n = byId.get(x);
      const url = n.callFrame.url || '';
      if (!url.startsWith('chrome-extension://')) continue;
      const file = url.split('/').pop();
      const fn = n.callFrame.functionName;
      const leaf = x === id ? '(self)' : byId.get(id).callFrame.functionName || '(anonymous)';
      out = [part(fn, file, n.callFrame.lineNumber + 1), `${fn || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1} <- ${leaf}`];
      break;
    }
    memo.set(id, out);
    return out;
  };
  for (const s of p.samples) {
    const k = keys(s);
    if (!k) continue;
    add(byPart, k[0], ms);
    add(byFn, k[1], ms);
  }
}
const total = [...byPart.values()].reduce((a, b) => a + b, 0);
console.log(`content script, samples × median interval, mean of ${files.length} profile(s): ${total.toFixed(1)} ms`);
for (const [k, v] of [...byPart].sort((a, b) => b[1] - a[1])) console.log(`${v.toFixed(1).padStart(7)} ms  ${k}`);
console.log('by innermost extension function <- the frame it was in:');
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${v.toFixed(2).padStart(7)} ms  ${k}`);
