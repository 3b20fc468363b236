// Measures what the manifest's all_frames costs a page (not a test; run by hand:
// `make dist && cd tests/e2e && node frames-cost.mjs [frames] [runs]`). A news page with N
// cross-origin widget frames (each a comment box with a few posts), served under made-up
// addresses through request routing (nothing goes to the network), is loaded in Chromium with
// the packaged extension and without any extension. Site isolation is turned off so that every
// frame runs in the page's renderer: the renderer's main-thread time (CDP Performance.getMetrics:
// TaskDuration, ScriptDuration) then holds each frame's copy of the content script. Printed:
// the medians over `runs` loads, and the extension's extra time per frame
// ((with N − with 0) − (without N − without 0)) / N.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/chromium.mjs';
import { requireDist, sleep } from './lib/common.mjs';

const N = Number(process.argv[2] || 20);
const RUNS = Number(process.argv[3] || 5);
const POSTS = ['Ищем бухгалтера в пекарню, опыт от трёх лет, официальное трудоустройство.',
  'Открылась новая библиотека в нашем районе: читальный зал, кружки для детей, вход свободный.',
  'Работа для девушек за границей, билеты и визу оплачиваем, паспорт хранится у работодателя.'];
const widget = (i) => `<!doctype html><meta charset="utf-8"><body>${POSTS.map((p, k) => `<div class="comment" data-comment-id="${i}-${k}"><b>Автор ${k}</b><p>${p}</p></div>`).join('')}</body>`;
const top = (n) => `<!doctype html><meta charset="utf-8"><body><article><h1>Новости</h1><p>${POSTS[0]} ${POSTS[1]}</p></article>${Array.from({ length: n }, (_, i) => `<iframe src="https://widget.example/w${i}.html" width="400" height="200"></iframe>`).join('')}</body>`;

async function measure(withExt, n) {
  const dir = mkdtempSync(join(tmpdir(), 'redflag-frames-'));
  const ext = withExt ? requireDist('chromium') : null;
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1100, height: 1000 },
    ignoreDefaultArgs: withExt ? ['--disable-extensions'] : [],
    args: ['--no-sandbox', '--disable-gpu', '--disable-site-isolation-trials', '--disable-features=site-per-process,IsolateOrigins',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--proxy-server=http://127.0.0.1:9',
      ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : [])],
  });
  try {
    if (withExt && !ctx.serviceWorkers().length) await ctx.waitForEvent('serviceworker', { timeout: 20000 });
    await ctx.route(() => true, (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === 'news.example') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: top(n) });
      if (u.hostname === 'widget.example') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: widget(u.pathname) });
      return route.fulfill({ status: 404, body: '' });
    });
    // One warm-up load (the engine is built once in the worker), then the measured one.
    const warm = await ctx.newPage();
    await warm.goto('https://news.example/', { waitUntil: 'load' });
    await sleep(2500);
    await warm.close();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.goto('https://news.example/', { waitUntil: 'load' });
    await sleep(3000); // content scripts run at document_idle, then scan and send
    const after = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const frames = page.frames().length - 1;
    return { task: (after.TaskDuration - before.TaskDuration) * 1000, script: (after.ScriptDuration - before.ScriptDuration) * 1000, frames };
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const out = {};
for (const withExt of [false, true]) {
  for (const n of [0, N]) {
    const rs = [];
    for (let r = 0; r < RUNS; r++) rs.push(await measure(withExt, n));
    out[`${withExt ? 'with' : 'without'} ${n}`] = { task: median(rs.map((x) => x.task)), script: median(rs.map((x) => x.script)), frames: rs[0].frames };
    console.log(withExt ? 'with extension' : 'without', `${n} frames:`, JSON.stringify(out[`${withExt ? 'with' : 'without'} ${n}`]), 'runs', JSON.stringify(rs.map((x) => Math.round(x.task))));
  }
}
const per = (k) => ((out[`with ${N}`][k] - out['with 0'][k]) - (out[`without ${N}`][k] - out['without 0'][k])) / N;
console.log(`extension's extra main-thread time per cross-origin frame: task ${per('task').toFixed(2)} ms, script ${per('script').toFixed(2)} ms (N=${N}, medians of ${RUNS})`);
