// Headless Chromium (Debian's /usr/bin/chromium through playwright-core, the packaged
// dist/chromium extension loaded, fresh user-data-dir; launch helper shared with tests/e2e):
//   1. WASM vs RegExp in one cross-origin-isolated page (same V8, same process, same texts);
//   2. engine build in the extension's service worker after restarts (builtMs of `state`);
//   3. the page budget: a 1,000-post VK-style feed, CPU profile of the page's isolate (the
//      content script runs in an isolated world of the same isolate), long tasks, banner
//      latency, memory of the extension's contexts.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../tests/e2e/lib/chromium.mjs';
import { startBlackholeProxy } from '../tests/e2e/lib/server.mjs';
import { stopServiceWorker } from '../tests/e2e/lib/chromium.mjs';
import { sleep, waitFor } from '../tests/e2e/lib/common.mjs';
import { startBenchServer } from './lib/server.mjs';

const q = (sorted, p) => (sorted.length ? sorted[Math.round((sorted.length - 1) * p)] : null);

// `parts`: which of the three to run (bench/page.mjs runs only the extension's two).
// `keepProfile`: the feed's result also carries the raw CPU profile (bench/page.mjs saves it).
// `extDir`: an unpacked extension to load instead of the test copy of dist/chromium (an older
// build, for a before/after comparison in the same session).
export async function runChromium({ texts, feedPosts, expectedRisky, budgetMs = 4000, log = console.error, parts = ['wasm', 'sw', 'feed'], keepProfile = false, extDir = null }) {
  const proxy = await startBlackholeProxy();
  const server = await startBenchServer({ 'texts.json': JSON.stringify(texts), 'feed-posts.json': JSON.stringify(feedPosts) });
  const b = await launchChromium({ proxyPort: proxy.port, viewport: { width: 1100, height: 900 }, ...(extDir ? { dir: extDir } : {}) });
  const out = { version: null };
  try {
    const version = await b.ctx.serviceWorkers()[0]?.evaluate(() => navigator.userAgent).catch(() => null);
    out.version = version;

    // 1. WASM and RegExp in the same page.
    const page = await b.ctx.newPage();
    await page.goto(`${server.origin}/bench/wasm.html`);
    await page.waitForFunction(() => window.benchReady === true);
    if (parts.includes('wasm')) {
      log('chromium: WASM and RegExp in one page');
      out.wasm = await page.evaluate((o) => window.runBench(o), { budgetMs });
      // The RegExp baseline in a page of its own, so that the engine's figures are kept if
      // the baseline fails (with round 9's rules its former translation compiled to more than
      // 1.2 GB of machine code and crashed the renderer: fixtures/baseline.mjs says why).
      const rp = await b.ctx.newPage();
      try {
        await rp.goto(`${server.origin}/bench/wasm.html`);
        await rp.waitForFunction(() => window.benchReady === true);
        out.wasm.baseline = await rp.evaluate((o) => window.runBaseline(o), { budgetMs });
      } catch (e) {
        log(`chromium: the RegExp baseline failed (${e.message.split('\n')[0]}): no WASM/RegExp ratio`);
        out.wasm.baseline = { error: e.message.split('\n')[0] };
      }
      await rp.close().catch(() => {});
    }

    // 2. Engine build in the service worker, cold (after a stop), five times.
    if (parts.includes('sw')) {
    log('chromium: service-worker restarts');
    const ext = await b.ctx.newPage();
    await ext.goto(b.extUrl('src/options/options.html'));
    const state = () => ext.evaluate(() => chrome.runtime.sendMessage({ type: 'state' }));
    const first = await waitFor(async () => { const s = await state(); return s && s.builtMs != null ? s : null; }, { timeout: 30000, message: 'engine in the worker' });
    const built = [];
    const timings = [];
    for (let i = 0; i < 5; i++) {
      await stopServiceWorker(b.ctx, page);
      const s = await waitFor(async () => { const r = await state().catch(() => null); return r && r.builtMs != null ? r : null; }, { timeout: 30000, message: 'engine after restart' });
      if (s.startedAt === first.startedAt) throw new Error('the service worker did not restart');
      built.push(s.builtMs);
      if (s.timings) timings.push(s.timings);
    }
    // What the extension's processes hold: with the worker running (after the last restart),
    // then stopped as when idle (an engine host, src/engine-host.js, keeps its engine then).
    // The extension's pages, its worker and an offscreen document share one renderer process.
    await sleep(1000);
    const running = processMemory(proxy.port);
    await stopServiceWorker(b.ctx, page);
    await sleep(1000);
    const stopped = processMemory(proxy.port);
    out.sw = {
      first_build_ms: first.builtMs,
      first_timings: first.timings,
      restart_build_ms: built,
      restart_build_ms_median: q([...built].sort((a, b) => a - b), 0.5),
      restart_timings: timings,
      memory: { running: running && running.extension, stopped: stopped && stopped.extension },
    };
    await ext.close();
    }
    await page.close();

    // 3. Page budget.
    if (parts.includes('feed')) {
      log('chromium: 1,000-post feed');
      out.feed = await feedBudget(b, server, proxy, expectedRisky, feedPosts.length, keepProfile);
    }
  } finally {
    await b.close().catch(() => {});
    await server.close();
    await proxy.close();
  }
  return out;
}

async function feedBudget(b, server, proxy, expectedRisky, total, keepProfile = false) {
  const page = await b.ctx.newPage();
  const cdp = await b.ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  // Same-origin blank page first, so the profiler is attached to the renderer the feed uses.
  await page.goto(`${server.origin}/bench/wasm.html`);
  await cdp.send('Profiler.start');
  // The page's own rendering work (style, layout, paint) while the feed grows: not part of the
  // content script's main-thread figure (it runs after the script's tasks), but the banners'
  // share of it is the extension's cost too. A devtools timeline trace of the same session.
  const traceEvents = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const ev of e.value) traceEvents.push(ev); });
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  const tNav = Date.now();
  await page.goto(`${server.origin}/bench/feed.html`);
  await page.waitForFunction(() => window.__bench && window.__bench.ready);
  // Clock calibration: a named busy loop at a known performance.now(), found in the profile.
  const calibT = await page.evaluate(() => {
    const t0 = performance.now();
    const end = t0 + 4;
    (function __redflagBenchCalib() { while (performance.now() < end) { /* spin */ } })();
    return t0;
  });
  // Scroll like a fast reader: to the bottom every 150 ms until all posts are in.
  const scrollStart = Date.now();
  while (true) {
    const n = await page.evaluate(() => { window.scrollTo(0, document.documentElement.scrollHeight); return window.__bench.posts; });
    if (n >= total) break;
    if (Date.now() - scrollStart > 90000) throw new Error(`feed stuck at ${n} posts`);
    await sleep(150);
  }
  const scrollMs = Date.now() - scrollStart;
  // Settle: every expected banner present, then one more second of quiet.
  await waitFor(() => page.evaluate((n) => Object.keys(window.__bench.banners).length >= n, expectedRisky.length), { timeout: 30000, interval: 200, message: 'banners on the feed' }).catch(() => {});
  await sleep(1000);
  const { profile } = await cdp.send('Profiler.stop');
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await traced;
  const rendering = renderingTime(traceEvents, '/bench/feed.html');
  // BENCH_TRACE_OUT=file keeps the raw events (chrome://tracing or DevTools opens them).
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(traceEvents));
  const data = await page.evaluate(() => ({ ...window.__bench, hosts: document.querySelectorAll('redflag-banner').length }));

  // Memory after scrolling: the page's isolate (page + content script world) and the processes.
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const procs = processMemory(proxy.port);
  await cdp.detach().catch(() => {});

  // Attribute profile samples to the extension (any frame from chrome-extension://).
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const extNode = new Map();
  const isExt = (id) => {
    if (extNode.has(id)) return extNode.get(id);
    const n = nodes.get(id);
    const here = (n.callFrame.url || '').startsWith('chrome-extension://');
    const v = here || (parent.has(id) ? isExt(parent.get(id)) : false);
    extNode.set(id, v);
    return v;
  };
  const calibNode = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '__redflagBenchCalib').map((n) => n.id));
  const ts = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) { t += d; ts.push(t); }
  // Where the extension's time goes: each sample is charged to the innermost extension
  // function on its stack (with what it calls: DOM, style, the browser's own code).
  const innermostExt = new Map();
  const ownerOf = (id) => {
    if (innermostExt.has(id)) return innermostExt.get(id);
    const n = nodes.get(id);
    const url = n.callFrame.url || '';
    const v = url.startsWith('chrome-extension://')
      ? `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${n.callFrame.lineNumber + 1}`
      : parent.has(id) ? ownerOf(parent.get(id)) : null;
    innermostExt.set(id, v);
    return v;
  };
  const byFunction = new Map();
  let extUs = 0;
  let run = 0;
  let longestRun = 0;
  let calibTs = null;
  const extSamples = [];
  for (let i = 0; i < profile.samples.length; i++) {
    const dur = i + 1 < ts.length ? ts[i + 1] - ts[i] : 0;
    const id = profile.samples[i];
    if (calibTs == null && calibNode.has(id)) calibTs = ts[i];
    if (isExt(id)) {
      extUs += dur;
      const f = ownerOf(id);
      byFunction.set(f, (byFunction.get(f) || 0) + dur);
      run += dur;
      extSamples.push([ts[i], dur]);
      if (run > longestRun) longestRun = run;
    } else run = 0;
  }
  // Long tasks (page clock) → profile clock; a long task is the extension's if most of it is
  // extension code.
  const offsetUs = calibTs != null ? calibTs - calibT * 1000 : null;
  const longtasks = data.longtasks.map((lt) => {
    let ext = 0;
    if (offsetUs != null) {
      const s = lt.start * 1000 + offsetUs;
      const e = s + lt.duration * 1000;
      for (const [st, d] of extSamples) if (st >= s && st < e) ext += d;
    }
    return { start_ms: lt.start, duration_ms: lt.duration, extension_ms: ext / 1000 };
  });
  const extLong = longtasks.filter((l) => l.extension_ms > l.duration_ms / 2);

  // Banner latency for the posts that should have one; wrong or missing banners are errors.
  const lat = [];
  const missing = [];
  for (const id of expectedRisky) {
    if (!(id in data.banners)) { missing.push(id); continue; }
    lat.push(data.banners[id] - data.inserted[id]);
  }
  const expectedSet = new Set(expectedRisky);
  const unexpected = Object.keys(data.banners).filter((id) => !expectedSet.has(id));
  lat.sort((a, b) => a - b);
  await page.close();
  return {
    posts: data.posts,
    scroll_ms: scrollMs,
    session_ms: Date.now() - tNav,
    banners_expected: expectedRisky.length,
    banners_seen: Object.keys(data.banners).length,
    banner_hosts: data.hosts,
    missing,
    unexpected,
    main_thread_ms: extUs / 1000,
    main_thread_by_function: [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)
      .map(([f, us]) => ({ function: f, ms: Math.round(us / 100) / 10 })),
    longest_extension_run_ms: longestRun / 1000,
    longtasks_all: longtasks.length,
    longtasks_extension: extLong,
    longest_longtask_ms: longtasks.reduce((m, l) => Math.max(m, l.duration_ms), 0),
    page_rendering_ms: rendering,
    longest_task_ms: Math.max(longestRun / 1000, ...extLong.map((l) => l.duration_ms)),
    calibrated: offsetUs != null,
    banner_ms: { p50: q(lat, 0.5), p95: q(lat, 0.95), max: lat[lat.length - 1] ?? null, n: lat.length },
    page_heap_mb: heap.usedSize / 1e6,
    page_heap_total_mb: heap.totalSize / 1e6,
    processes: procs,
    ...(keepProfile ? { profile } : {}),
  };
}

// Style, layout and paint on the main thread of the renderer that parsed `path`, in ms, from
// devtools.timeline trace events (complete events, or begin/end pairs).
function renderingTime(events, path) {
  const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url || '').includes(path));
  if (!parse) return null;
  const { pid, tid } = parse;
  const kinds = { UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint' };
  const out = { style: 0, layout: 0, paint: 0 };
  const open = new Map();
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || !(e.name in kinds)) continue;
    if (e.ph === 'X') out[kinds[e.name]] += (e.dur || 0) / 1000;
    else if (e.ph === 'B') open.set(e.name, e.ts);
    else if (e.ph === 'E' && open.has(e.name)) {
      out[kinds[e.name]] += (e.ts - open.get(e.name)) / 1000;
      open.delete(e.name);
    }
  }
  return { ...out, total: out.style + out.layout + out.paint };
}

// RSS and PSS of this browser's processes (found through the unique proxy port on the
// browser's command line, then its descendants); the extension's service worker lives in the
// renderer started with --extension-process.
function processMemory(proxyPort) {
  const procs = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Chromium rewrites its children's titles: arguments may be separated by spaces.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.push({ pid: Number(pid), ppid, cmd });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.some((a) => a === `--proxy-server=http://127.0.0.1:${proxyPort}`) && !p.cmd.some((a) => a.startsWith('--type=')));
  if (!root) return null;
  const mine = new Set([root.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (mine.has(p.ppid) && !mine.has(p.pid)) { mine.add(p.pid); grew = true; }
  }
  const mem = (pid) => {
    const kb = (file, key) => {
      try {
        const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
        return m ? Number(m[1]) / 1024 : null;
      } catch { return null; }
    };
    return { rss_mb: kb(`/proc/${pid}/status`, 'VmRSS'), pss_mb: kb(`/proc/${pid}/smaps_rollup`, 'Pss') };
  };
  const out = { extension: [], renderers: [], total_pss_mb: 0 };
  for (const p of procs.filter((x) => mine.has(x.pid))) {
    const m = mem(p.pid);
    out.total_pss_mb += m.pss_mb || 0;
    const type = (p.cmd.find((a) => a.startsWith('--type=')) || '--type=browser').slice(7);
    if (p.cmd.includes('--extension-process')) out.extension.push({ pid: p.pid, ...m });
    else if (type === 'renderer') out.renderers.push({ pid: p.pid, ...m });
  }
  return out;
}
