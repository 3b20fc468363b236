// Hostile pages, page-side privacy and a long session, in headless Chromium with the packaged
// extension (the e2e build of lib/common.mjs). Each test names the defence it checks.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import { SHOTS, bannerReport, sleep, waitFor } from './lib/common.mjs';
import { launchChromium, readBanners, stopServiceWorker } from './lib/chromium.mjs';

let server;
let proxy;
let browser;
const pageErrors = [];
const report = {};

async function open(name) {
  const page = await browser.ctx.newPage();
  await page.goto(`${server.origin}/${name}.html`);
  return page;
}

// Banners the extension made: closed shadow roots (seen through the DevTools protocol).
async function realBanners(page) {
  for (let i = 0; ; i++) {
    try {
      return (await readBanners(browser.ctx, page)).filter((b) => b.mode === 'closed');
    } catch (err) {
      // A node went away while the DOM was read (the page is changing): read again.
      if (i >= 5 || !/Could not find node/.test(err.message)) throw err;
      await sleep(100);
    }
  }
}

async function waitForReal(page, cases, timeout = 20000) {
  return waitFor(async () => {
    const got = await realBanners(page);
    return cases.every((c) => got.some((b) => b.case === c)) ? got : null;
  }, { timeout, message: `real banners on ${cases.join(', ')}` });
}

// Evaluates in the content script's isolated world: what a page could do if it ever got into
// that world (it cannot, short of a browser bug).
async function inContentWorld(page, expression) {
  const cdp = await browser.ctx.newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const ctx = await waitFor(() => contexts.find((c) => c.auxData && c.auxData.type === 'isolated'
      && c.origin && c.origin.startsWith('chrome-extension://')) || contexts.find((c) => c.auxData && c.auxData.type === 'isolated'
      && !/playwright/i.test(c.name)), { timeout: 5000, message: 'content script world' });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression, contextId: ctx.id, awaitPromise: true, returnByValue: true,
    });
    if (exceptionDetails) return { thrown: exceptionDetails.exception?.description || exceptionDetails.text };
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function metrics(page) {
  const cdp = await browser.ctx.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics: m } = await cdp.send('Performance.getMetrics');
    const get = (n) => m.find((x) => x.name === n)?.value;
    return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners'), documents: get('Documents') };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// The service worker's heap, through the (browser-wide) target domain of a page session.
async function workerMetrics(page) {
  const cdp = await browser.ctx.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(browser.extUrl('')));
    if (!sw) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let id = 0;
    const pending = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message);
      if (pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
    });
    const call = (method, params = {}) => new Promise((r) => {
      const i = ++id;
      pending.set(i, r);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params }) });
    });
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const { result } = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    return { heap: result.usedSize, backing: result.backingStorageSize };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

describe('hostile pages (chromium)', { timeout: 900000 }, () => {
  before(async () => {
    server = await startServer();
    proxy = await startBlackholeProxy();
    browser = await launchChromium({ proxyPort: proxy.port });
    browser.ctx.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`)));
  });

  afterEach(async () => {
    for (const p of browser.ctx.pages()) await p.close();
  });

  after(async () => {
    writeFileSync(resolve(SHOTS, 'hostile-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await browser?.close();
    await server?.close();
    await proxy?.close();
  });

  it('replaced attachShadow, appendChild, JSON.parse, MutationObserver: banners still closed and placed', async () => {
    const page = await open('hostile-prototypes');
    const got = await waitForReal(page, ['h-companion', 'h-abroad']);
    assert.equal(got.length, 2, 'one real banner per risky post, none on the ordinary one');
    for (const b of got) assert.match(b.html, /class="dismiss"/);
    const seen = await page.evaluate(() => window.__hostile);
    assert.equal(seen.ours, 0, 'no page override ever saw a redflag element');
    assert.equal(seen.pageWorks, true, "the page's own code still works");
    const r = await page.evaluate(bannerReport);
    for (const v of Object.values(r.byCase)) assert.equal(v.open, true, 'page sees no shadow root');
    report.prototypes = { banners: got.length, pageSawOurs: seen.ours };
  });

  it('page that removes banners at once: no fight, page stays responsive', async () => {
    const page = await open('hostile-remover');
    await waitFor(() => page.evaluate(() => window.__remover.removed >= 2), { message: 'page removed the banners' });
    await sleep(1500);
    const a = await page.evaluate(() => ({ ...window.__remover }));
    await sleep(1500);
    const b = await page.evaluate(() => ({ ...window.__remover }));
    assert.equal(b.removed, a.removed, 'no re-insert loop');
    assert.ok(b.removed <= 2 * 4, `bounded re-inserts (${b.removed})`);
    assert.ok(b.ticks - a.ticks >= 15, `page timers keep running (${b.ticks - a.ticks} ticks in 1.5 s)`);
    report.remover = { removed: b.removed };
  });

  it('look-alike banners and a page-defined <redflag-banner>: real ones still made, fakes never trusted', async () => {
    const page = await open('hostile-fakes');
    const got = await waitForReal(page, ['f-hidden-in-fake', 'f-abroad']);
    assert.equal(got.filter((b) => b.case === 'f-data-entry').length, 0, 'no real banner on the ordinary post');
    const fakes = await page.evaluate(() => window.__fakes);
    assert.deepEqual(fakes.attrs.filter((a) => !/^data-redflag-(level|state)=(danger|open)$/.test(a)), [],
      'the page learned nothing beyond level and state');
    report.fakes = { real: got.length, pageConstructed: fakes.constructed };
  });

  it('markup in post text is never executed or parsed', async () => {
    const page = await open('hostile-markup');
    const got = await waitForReal(page, ['m-spread', 'm-companion']);
    await sleep(500);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no page-supplied markup ran');
    // The evidence list is built when "Why?" is opened: open every banner's disclosures.
    const opened = (await readBanners(browser.ctx, page, { open: true })).filter((b) => b.mode === 'closed');
    const spread = opened.find((b) => b.case === 'm-spread');
    assert.match(spread.html, /<ul class="evidence">/, '"Why?" opened');
    assert.match(spread.html, /e&lt;s&gt;c&lt;o&gt;r&lt;t/, 'evidence shown as text');
    assert.doesNotMatch(spread.html, /<s>|<img|<script|<svg|<iframe/);
    assert.ok(opened.length >= got.length);
    for (const b of opened) assert.doesNotMatch(b.html, /onerror|onload|javascript:/);
  });

  it('posts whose text changes after being checked are checked again', async () => {
    const page = await open('hostile-mutate');
    await waitForReal(page, ['x-switch', 'x-node']);
    await page.evaluate(() => window.__swap());
    const got = await waitFor(async () => {
      const b = await realBanners(page);
      const cases = b.map((x) => x.case).sort();
      return cases.length === 1 && cases[0] === 'x-bait' ? b : null;
    }, { message: 'banner moved to the changed posts only' });
    assert.equal(got.length, 1);
  });

  it('50,000 posts: every risky one flagged, frames keep coming', async () => {
    const page = await browser.ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${server.origin}/hostile-spam.html`);
    await page.evaluate(() => { window.__spam.measuring = true; });
    const want = Array.from({ length: 50 }, (_, i) => `s-${i * 1000 + 500}`);
    await waitFor(async () => {
      const r = await page.evaluate(bannerReport);
      return want.every((c) => r.byCase[c]) ? r : null;
    }, { timeout: 240000, interval: 1000, message: 'banners on all 50 risky posts of 50,000' });
    const ms = Date.now() - t0;
    const r = await page.evaluate(bannerReport);
    assert.equal(r.hosts, 50, 'no banner on the 49,950 ordinary posts');
    const spam = await page.evaluate(() => ({ maxGap: window.__spam.maxGap, frames: window.__spam.frames }));
    assert.ok(spam.maxGap < 1500, `longest frame gap while checking ${Math.round(spam.maxGap)} ms`);
    report.spam = { posts: 50000, risky: 50, allFlaggedMs: ms, maxFrameGapMs: Math.round(spam.maxGap) };
  });

  it('the page cannot read settings, choices or verdicts', async () => {
    const opts = await browser.ctx.newPage();
    await opts.goto(browser.extUrl('src/options/options.html'));
    await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'set-settings', patch: { region: 'RS' } }));
    const page = await open('generic');
    await waitForReal(page, ['en-companion', 'sq-abroad']);
    const seen = await page.evaluate(async (extId) => {
      const out = {};
      out.globals = Object.keys(window).filter((k) => /redflag/i.test(k));
      out.runtime = typeof (globalThis.chrome && chrome.runtime && chrome.runtime.sendMessage);
      try {
        out.answer = await new Promise((res, rej) => {
          try { chrome.runtime.sendMessage(extId, { type: 'state' }, (r) => res(r ?? null)); } catch (e) { rej(e); }
          setTimeout(() => res('no answer'), 1000);
        });
      } catch (e) { out.answer = `refused: ${e.message}`; }
      out.attrs = [...document.querySelectorAll('redflag-banner')].flatMap((h) => h.getAttributeNames());
      out.shadow = [...document.querySelectorAll('redflag-banner')].map((h) => h.shadowRoot);
      out.local = Object.keys(localStorage).length + Object.keys(sessionStorage).length;
      out.cookie = document.cookie;
      try { out.keys = await (await fetch(`chrome-extension://${extId}/src/trusted-keys.json`)).text(); } catch (e) { out.keys = 'refused'; }
      return out;
    }, browser.extensionId);
    assert.deepEqual(seen.globals, []);
    assert.ok(seen.runtime === 'undefined' || /refused|no answer|null/.test(String(seen.answer)), `page got: ${JSON.stringify(seen.answer)}`);
    assert.doesNotMatch(JSON.stringify(seen.answer ?? ''), /RS|settings/);
    assert.deepEqual([...new Set(seen.attrs)].sort(), ['data-redflag-level', 'data-redflag-state']);
    assert.ok(seen.shadow.every((s) => s === null));
    assert.equal(seen.local, 0);
    assert.equal(seen.cookie, '');
    assert.equal(seen.keys, 'refused', 'extension files are not web-accessible');
    // Even from inside the content script's world, the background answers only classify /
    // choice: no settings, imports or state.
    for (const type of ['state', 'set-settings', 'import-bundle', 'forget-everything']) {
      const res = await inContentWorld(page, `chrome.runtime.sendMessage({ type: ${JSON.stringify(type)}, patch: { region: 'US' }, json: '{}' })`);
      assert.deepEqual(res, { ok: false, error: 'not allowed' }, `${type} from a content script: ${JSON.stringify(res)}`);
    }
    // The engine host (Chromium's offscreen document, src/engine-host.js) answers the service
    // worker alone: a message addressed to it from the content script's world gets no answer.
    const toHost = await inContentWorld(page, `chrome.runtime.sendMessage({ to: 'redflag-engine-host', op: 'classify', key: 'shipped', texts: ['Требуются девушки 18-25, высокий доход'] }).then((r) => r ?? 'no answer', (e) => 'refused: ' + e.message)`);
    assert.match(String(toHost && (toHost.thrown || toHost)), /no answer|refused|closed/, `content script got from the host: ${JSON.stringify(toHost)}`);
    const state = await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'state' }));
    assert.equal(state.settings.region, 'RS', 'settings unchanged');
    await opts.evaluate(() => chrome.runtime.sendMessage({ type: 'set-settings', patch: { region: 'auto' } }));
  });

  it('soak: a few thousand posts, flat memory, worker restarted mid-feed', async () => {
    const page = await open('soak');
    const STEP = 30;
    let lastRisky = 0;
    const feed = async (n) => {
      for (let i = 0; i < n; i += STEP) {
        const total = await page.evaluate((k) => window.__soak.more(k), STEP);
        // The newest risky post gets its banner before the next batch arrives.
        let risky = total;
        while (risky % 4 !== 1) risky--;
        lastRisky = risky;
        await waitFor(async () => page.evaluate((c) => {
          const p = document.querySelector(`[data-case="${c}"]`);
          return !!(p && p.querySelector('redflag-banner'));
        }, `soak-${risky}`), { timeout: 20000, interval: 50, message: `banner on soak-${risky}` });
      }
    };
    await feed(300); // warm up
    const p0 = await metrics(page);
    const w0 = await workerMetrics(page);
    await feed(1500);
    const p1 = await metrics(page);
    const w1 = await workerMetrics(page);
    await stopServiceWorker(browser.ctx, page);
    await feed(1500);
    const p2 = await metrics(page);
    const w2 = await workerMetrics(page);
    const posts = await page.evaluate(() => window.__soak.posts);
    report.soak = { posts, lastRisky, page: { warm: p0, mid: p1, end: p2 }, worker: { warm: w0, beforeStop: w1, afterRestart: w2 } };
    const MB = 1024 * 1024;
    assert.ok(posts >= 3000);
    assert.ok(p2.nodes <= p0.nodes + 500, `DOM nodes flat: ${p0.nodes} → ${p2.nodes}`);
    assert.ok(p2.listeners <= p0.listeners + 50, `listeners flat: ${p0.listeners} → ${p2.listeners}`);
    assert.ok(p1.heap <= p0.heap + 2 * MB && p2.heap <= p0.heap + 2 * MB, `page heap flat: ${p0.heap} → ${p1.heap} → ${p2.heap}`);
    assert.ok(w1.heap <= w0.heap + 2 * MB, `worker heap flat: ${w0.heap} → ${w1.heap}`);
    assert.ok(w2 && w2.heap <= w0.heap + 2 * MB, `worker after restart: ${JSON.stringify(w2)}`);
  });

  it('"forget everything" clears settings, imported bundles and choices in one click', async () => {
    const { importBundle } = await import('./lib/bundles.mjs');
    const opts = await browser.ctx.newPage();
    await opts.goto(browser.extUrl('src/options/options.html'));
    await opts.waitForSelector('#builtin li');
    const send = (m) => opts.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
    await send({ type: 'set-settings', patch: { region: 'RS', sensitivity: 'warning', lang: 'hr', disabledSites: ['example.org'] } });
    assert.equal((await send({ type: 'import-bundle', name: 'e2e-bundle.json', json: importBundle(), confirmed: true })).ok, true);
    const { verdicts } = await send({ type: 'classify', texts: ['Looking for girls to work as paid companions for wealthy gentlemen. Nothing intimate, just dinner dates, 100% discreet. Earn $2000 a week. DM me.'] });
    assert.match(verdicts[0].key, /^[0-9a-f]{32}$/);
    await send({ type: 'choice', key: verdicts[0].key, choice: 'dismissed' });
    const before = await opts.evaluate(() => chrome.storage.local.get(null));
    assert.deepEqual(Object.keys(before).sort(), ['choices', 'imported', 'salt', 'settings']);
    // What is stored: no post text anywhere, only the fingerprint.
    assert.doesNotMatch(JSON.stringify(before.choices), /companions|gentlemen/);
    await opts.reload();
    await opts.click('#forget-all');
    await opts.waitForSelector('#forget-all-status.ok', { timeout: 30000 });
    const after = await opts.evaluate(() => chrome.storage.local.get(null));
    assert.deepEqual(Object.keys(after).filter((k) => k !== 'salt'), [], `left: ${JSON.stringify(Object.keys(after))}`);
    const state = await send({ type: 'state' });
    assert.deepEqual(state.imported, []);
    assert.equal(state.settings.region, 'auto');
    assert.equal(state.settings.sensitivity, 'caution');
    assert.deepEqual(state.settings.disabledSites, []);
    assert.equal(await opts.$$eval('.imported-bundle', (l) => l.length), 0);
    // The dismissed post shows its banner again, with a new fingerprint (new salt).
    const again = await send({ type: 'classify', texts: ['Looking for girls to work as paid companions for wealthy gentlemen. Nothing intimate, just dinner dates, 100% discreet. Earn $2000 a week. DM me.'] });
    assert.equal(again.verdicts[0].choice, null);
    assert.notEqual(again.verdicts[0].key, verdicts[0].key, 'old fingerprints cannot be matched any more');
  });

  it('no page errors from the hostile pages caused by redflag', () => {
    // The pages' own overrides may throw in their own code; nothing may come from redflag.
    const ours = pageErrors.filter((e) => /redflag|chrome-extension/i.test(e));
    assert.deepEqual(ours, []);
  });
});
