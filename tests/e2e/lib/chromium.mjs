// Chromium with the packaged extension (dist/chromium) via playwright-core.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { requireDist, sleep, waitFor } from './common.mjs';

// Service-worker requests are reported on the context too (Chromium only).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export const CHROMIUM = process.env.REDFLAG_CHROMIUM || '/usr/bin/chromium';

// `dir` (optional): an unpacked package to load instead of the test copy of dist/chromium
// (the NGO suite loads its branded build).
export async function launchChromium({ proxyPort, viewport = { width: 1100, height: 1000 }, dir = requireDist('chromium') }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'redflag-chromium-'));
  // No preconnecting or prefetching: pages served under real host names through request
  // routing would otherwise make Chromium open connections to those hosts.
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'en-US',
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,InterestFeedContentSuggestions',
      '--disable-client-side-phishing-detection',
      '--disable-default-apps',
      '--disable-component-extensions-with-background-pages',
      '--disable-domain-reliability',
      '--metrics-recording-only',
      '--no-pings',
      '--lang=en-US',
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
    ],
  });
  let [sw] = ctx.serviceWorkers();
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 20000 });
  const extensionId = new URL(sw.url()).host;
  return {
    ctx,
    extensionId,
    extUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    close: async () => {
      await ctx.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Runs `fn(arg)` in the extension's service worker (for settleIdle, lib/common.mjs); when the
// worker is not running (stopped by a test, or idle), in an extension page opened for it.
export async function inExtension(browser, fn, arg) {
  const [sw] = browser.ctx.serviceWorkers();
  if (sw) {
    try {
      return await sw.evaluate(fn, arg);
    } catch (_) { /* stopped meanwhile */ }
  }
  const page = await browser.ctx.newPage();
  try {
    await page.goto(browser.extUrl('src/options/options.html'));
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

// The closed shadow roots are invisible to page scripts; the DevTools protocol sees them.
// Returns [{ case, level, html, buttons: {hide, dismiss, show}: nodeId }] for one page.
// A banner's "Why?" list and help links are built when their disclosure (a button with
// aria-expanded) is opened: with `open` (true for every banner, or a list of cases) the
// closed disclosures of those banners are opened first, by a mouse click on the button (as a
// person would) or, with `how: 'script'`, by the button's click() (as a keyboard's Enter
// does; quicker for pages with hundreds of banners), and the banners are read once every
// one of them is open.
export async function readBanners(ctx, page, { open = false, how = 'click' } = {}) {
  if (open) {
    const cases = open === true ? null : open;
    if (await openBanners(ctx, page, { cases, how })) {
      return waitFor(async () => {
        const got = await readBannersOnce(ctx, page);
        return got.some((b) => (!cases || cases.includes(b.case)) && /aria-expanded="false"/.test(b.html)) ? null : got;
      }, { timeout: 15000, message: 'disclosures opened' });
    }
  }
  return readBannersOnce(ctx, page);
}

async function readBannersOnce(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const out = [];
    const walk = async (node, caseName) => {
      const attrs = attrMap(node);
      const here = attrs['data-case'] || caseName;
      if (/^redflag-banner/.test(node.localName || '')) {
        const shadow = (node.shadowRoots || [])[0];
        let html = '';
        const buttons = {};
        if (shadow) {
          for (const child of shadow.children || []) {
            html += (await cdp.send('DOM.getOuterHTML', { nodeId: child.nodeId })).outerHTML;
          }
          collectButtons(shadow, buttons);
        }
        out.push({
          case: here || prevCase(node),
          level: attrs['data-redflag-level'],
          state: attrs['data-redflag-state'],
          mode: shadow ? shadow.shadowRootType : null,
          html,
          buttons,
        });
      }
      for (const child of node.children || []) await walk(child, here);
    };
    await walk(root, null);
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Opens the closed disclosures ("Why?", help) of the banners of `cases` (null: all). Returns
// how many were opened.
export async function openBanners(ctx, page, { cases = null, how = 'click' } = {}) {
  const cdp = await ctx.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const closed = [];
    const find = (node) => {
      const a = attrMap(node);
      if (node.localName === 'button' && a['aria-expanded'] === 'false') closed.push(node.nodeId);
      for (const child of node.children || []) find(child);
    };
    const walk = (node, c) => {
      const here = attrMap(node)['data-case'] || c;
      if (/^redflag-banner/.test(node.localName || '') && (!cases || cases.includes(here))) {
        for (const sr of node.shadowRoots || []) find(sr);
      }
      for (const child of node.children || []) walk(child, here);
    };
    walk(root, null);
    for (const nodeId of closed) {
      if (how === 'script') {
        const { object } = await cdp.send('DOM.resolveNode', { nodeId });
        await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
        continue;
      }
      await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
      const { x, y } = await stableCentre(cdp, nodeId);
      await page.mouse.click(x, y);
    }
    return closed.length;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// The centre of a node's border box once the box has stopped moving (two reads 50 ms apart
// agree): a click at a box measured while a late banner above it is still being inserted, or
// while the page still scrolls it into view, would land beside the button on a busy machine.
async function stableCentre(cdp, nodeId) {
  const centre = async () => {
    const q = (await cdp.send('DOM.getBoxModel', { nodeId })).model.border;
    return { x: (q[0] + q[2] + q[4] + q[6]) / 4, y: (q[1] + q[3] + q[5] + q[7]) / 4 };
  };
  let last = await centre();
  for (let i = 0; i < 40; i++) {
    await sleep(50);
    const now = await centre();
    if (Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5) return now;
    last = now;
  }
  return last;
}

function attrMap(node) {
  const m = {};
  const a = node.attributes || [];
  for (let i = 0; i < a.length; i += 2) m[a[i]] = a[i + 1];
  return m;
}

function prevCase() {
  return null;
}

function collectButtons(node, buttons) {
  if (node.localName === 'button') {
    const cls = attrMap(node).class || '';
    buttons[cls] = node.nodeId;
  }
  for (const child of node.children || []) collectButtons(child, buttons);
}

// Clicks a button inside a closed shadow root (found by readBanners).
export async function clickBannerButton(ctx, page, caseName, which) {
  const cdp = await ctx.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let target = null;
    const walk = (node, c) => {
      const here = attrMap(node)['data-case'] || c;
      if (/^redflag-banner/.test(node.localName || '') && here === caseName) {
        const shadow = (node.shadowRoots || [])[0];
        const buttons = {};
        if (shadow) collectButtons(shadow, buttons);
        target = buttons[which];
      }
      for (const child of node.children || []) walk(child, here);
    };
    walk(root, null);
    if (!target) throw new Error(`no ${which} button on the banner of ${caseName}`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: target });
    const { x, y } = await stableCentre(cdp, target);
    await page.mouse.click(x, y);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Stops the extension's service worker, as the browser does when it is idle. `page` must be
// a web page (the fixture), not an extension page.
export async function stopServiceWorker(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  try {
    const seen = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => seen.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    await waitFor(() => seen.some((v) => v.scriptURL.startsWith('chrome-extension://')), { timeout: 15000, message: 'worker versions' });
    const start = seen.length;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => seen.slice(start).some((v) => v.scriptURL.startsWith('chrome-extension://') && v.runningStatus === 'stopped'),
      { timeout: 30000, message: 'service worker to stop' });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Hosts Chromium itself contacts (sign-in cookie check, component and extension update
// checks, network time) with or without any extension. They are refused by the proxy, and
// listed here so the network test can tell them from a request made by redflag: anything
// else that reaches the proxy fails the test.
export const BROWSER_OWN_HOSTS = ['accounts.google.com', 'update.googleapis.com', 'clients2.google.com', 'clients2.googleusercontent.com', 'edgedl.me.gvt1.com', 'redirector.gvt1.com'];

// Chromium without the extension, for the standalone check site (a web page with its own
// service worker): the same quiet flags, everything that is not loopback sent to the
// recording proxy.
export async function launchSiteBrowser({ proxyPort }) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-domain-reliability', '--no-pings', '--disable-client-side-phishing-detection',
      // Chromium's own services (autofill predictions for any page with a form field,
      // translation, …) would otherwise show up at the proxy.
      '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,InterestFeedContentSuggestions',
      `--proxy-server=http://127.0.0.1:${proxyPort}`],
  });
}

// Answers every web request of every page of `browser` (launchChromium) with `answer(url)`
// ({ status, contentType, body, known }; lib/sites.mjs, lib/blind-sites.mjs): nothing goes to
// the network (the extension's own chrome-extension: files load as usual). Each answer is
// recorded in `routed`, every request the browser reports in `requests`, console errors and
// page errors in `errors`.
export async function answerAll(browser, answer, { routed, requests, errors }) {
  await browser.ctx.route((url) => /^(https?|wss?):$/.test(url.protocol), async (route) => {
    const url = route.request().url();
    const a = answer(url);
    routed.push({ url, known: a.known });
    await route.fulfill({ status: a.status, contentType: a.contentType, body: a.body });
  });
  browser.ctx.on('request', (r) => requests.push(r.url()));
  browser.ctx.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
  });
  browser.ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(`page error ${p.url()}: ${e.message}`)));
}
