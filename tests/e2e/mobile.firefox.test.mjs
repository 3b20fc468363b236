// End-to-end: the extension on a phone-sized touch screen, as Firefox for Android shows it.
// Firefox ESR (puppeteer-core) with a 360×740 viewport, touch events, and the pointer a phone
// reports (coarse, no hover: the preferences ui.primaryPointerCapabilities and
// ui.allPointerCapabilities). The popup, the settings, the check page and the banners on feed
// pages must fit the screen (no sideways scrolling, nothing cut off at the edge) and every tap
// target must be at least 44×44 px (or 40×40 px with room around it; lib/touch.mjs); taps work.
// The banner's inside is a closed shadow root, which no page can measure: its own script is
// loaded on a blank test page that keeps the roots it creates (keepShadowRoots), with a real
// verdict and real help entries; the extension itself does not run on that page, so the banner
// measured is the test's alone.
//
// What this does not show: Firefox for Android itself (its popup sheet, its add-on manager,
// the on-screen keyboard). docs/ANDROID.md says what was and was not tried on a phone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import { DIST, ROOT, SHOTS, allowedUrl, bannerReport, expectations, sleep, waitFor } from './lib/common.mjs';
import { launchFirefox, BROWSER_OWN_HOSTS } from './lib/firefox.mjs';
import { keepShadowRoots, touchReport } from './lib/touch.mjs';

const PHONE = { width: 360, height: 740, hasTouch: true };
// A touch screen and nothing else, as a phone reports it: (pointer: coarse), (hover: none).
// Scrollbars drawn over the page, as on a phone.
const TOUCH_PREFS = {
  'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1, 'dom.w3c_touch_events.enabled': 1, 'ui.useOverlayScrollbars': 1,
};
const PKG = join(DIST, 'firefox');
const FIXTURE_DIR = resolve(ROOT, 'tests/e2e/fixtures');

const CORPUS = readFileSync(resolve(ROOT, 'rules/languages/ru/corpus/ru.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const RU_RISKY = CORPUS.find((e) => e.expect === 'danger').text;

// The verdict a banner gets for RU_RISKY, from the package's own engine and bundle.
const wasm = await import(pathToFileURL(join(PKG, 'engine/redflag.js')).href);
wasm.initSync({ module: readFileSync(join(PKG, 'engine/redflag_bg.wasm')) });
const engine = new wasm.Engine([readFileSync(join(PKG, 'bundles/default.json'), 'utf8')]);
const directory = new Map(engine.supportDirectory().map((e) => [e.id, e]));
const [verdict] = engine.classifyBatch([RU_RISKY], 'RU');
const RISKY_VERDICT = JSON.parse(JSON.stringify({ ...verdict, support: verdict.support.map((id) => directory.get(id)) }));

function assertFits(r, what) {
  assert.equal(r.scroll, false, `${what}: no sideways scrolling`);
  assert.deepEqual(r.outside, [], `${what}: nothing beyond the screen's edge`);
  assert.deepEqual(r.clipped, [], `${what}: no text cut off`);
  assert.deepEqual(r.small, [], `${what}: tap targets of at least 44 px (or 40 with room): ${r.targets.join('; ')}`);
  assert.deepEqual(r.overlapping, [], `${what}: no overlapping tap targets`);
  assert.ok(r.targets.length > 0, `${what}: tap targets found`);
}

// An element's box once it is the same on two reads 100 ms apart (a scroll or a layout
// after a disclosure opened has settled): a tap at a stale place misses its target.
async function stableBox(el) {
  let box = await el.boundingBox();
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    const next = await el.boundingBox();
    if (next && box && ['x', 'y', 'width', 'height'].every((k) => Math.abs(next[k] - box[k]) < 0.5)) return next;
    box = next;
  }
  return box;
}

// The elements carrying data-redflag-level in the page and inside the kept shadow roots: 'test'
// for the one the test rendered (after #post), 'other' for any other (the extension's).
function bannerHosts() {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.hasAttribute('data-redflag-level')) found.push(el.previousElementSibling?.id === 'post' ? 'test' : 'other');
      const inner = window.__redflagRoots.get(el);
      if (inner) visit(inner);
    }
  };
  visit(document);
  return found;
}

// A tap in the middle of an element (scrolled into view first).
async function tap(page, selector) {
  const el = await page.waitForSelector(selector, { visible: true });
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const box = await stableBox(el);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

let server;
let proxy;
let ff;
const requests = [];
const consoleErrors = [];

// `also`: another local origin the page may load from (the check site's server).
function watch(page, also = null) {
  page.on('request', (r) => { if (!also || !r.url().startsWith(`${also}/`)) requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`page error ${page.url()}: ${e.message}`));
  return page;
}

async function message(msg) {
  return ff.inOptions((m) => browser.runtime.sendMessage(m), msg);
}

async function fixture(name) {
  const page = watch(await ff.browser.newPage());
  await page.goto(`${server.origin}/${name}.html`);
  const want = expectations(name).risky;
  await waitFor(async () => {
    const r = await page.evaluate(bannerReport);
    return want.every((c) => r.byCase[c]) ? r : null;
  }, { timeout: 25000, message: `banners in ${name}` });
  return page;
}

describe('Firefox on a 360-px touch screen', { timeout: 300000 }, () => {
  before(async () => {
    server = await startServer();
    proxy = await startBlackholeProxy();
    ff = await launchFirefox({ proxyPort: proxy.port, viewport: PHONE, prefs: TOUCH_PREFS })
      .catch(async (e) => { await proxy.close(); await server.close(); throw e; });
    watch(ff.optionsPage);
  });

  after(async () => {
    await ff?.close();
    await server?.close();
    await proxy?.close();
  });

  it('the pages see a phone: 360 px, a coarse pointer, no hover, touch events', async () => {
    const page = watch(await ff.browser.newPage());
    try {
      await page.goto(`${server.origin}/touch-probe.html`);
      for (const [what, p] of [['settings page', ff.optionsPage], ['web page', page]]) {
        const m = await p.evaluate(() => ({
          width: document.documentElement.clientWidth,
          coarse: matchMedia('(pointer: coarse)').matches,
          hover: matchMedia('(any-hover: hover)').matches,
          touch: typeof TouchEvent === 'function',
        }));
        assert.deepEqual(m, { width: 360, coarse: true, hover: false, touch: true }, what);
      }
    } finally {
      await page.close();
    }
  });

  it('popup: fits, 44-px targets, and a tap on "Check posts on this site" switches the site off and on', async () => {
    const page = await fixture('vk');
    const tabs = await ff.optionsPage.evaluate(async () => (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url })));
    const tab = tabs.find((t) => t.url === `${server.origin}/vk.html`);
    assert.ok(tab, JSON.stringify(tabs));
    const pop = watch(await ff.openExtensionPage(`src/popup/popup.html?tab=${tab.id}`));
    await pop.waitForSelector('#site:not([hidden])', { timeout: 10000 });
    await pop.waitForFunction(() => /\d/.test(document.getElementById('count').textContent), { timeout: 10000 });
    assertFits(await pop.evaluate(touchReport), 'popup');
    await pop.screenshot({ path: resolve(SHOTS, 'firefox-phone-popup.png'), fullPage: true });
    const host = new URL(server.origin).hostname;
    await tap(pop, 'label.inline');
    await waitFor(async () => (await message({ type: 'state' })).settings.disabledSites.includes(host), { message: 'site switched off by a tap' });
    await sleep(500);
    await tap(pop, 'label.inline');
    await waitFor(async () => !(await message({ type: 'state' })).settings.disabledSites.includes(host), { message: 'site switched on again' });
    await pop.close();
    await page.close();
  });

  it('settings page: fits, 44-px targets', async () => {
    const page = watch(await ff.openExtensionPage('src/options/options.html'));
    await page.waitForSelector('#builtin li', { timeout: 15000 });
    assertFits(await page.evaluate(touchReport), 'settings');
    await page.screenshot({ path: resolve(SHOTS, 'firefox-phone-options.png'), fullPage: true });
    await page.close();
  });

  it('check page: a tap on Check gives the verdict; the result, its help links and the page fit with 44-px targets', async () => {
    const page = watch(await ff.openExtensionPage('src/check/check.html?region=RU'));
    await page.waitForSelector('html[data-ready="true"]');
    await page.$eval('#text', (t, text) => { t.value = text; }, RU_RISKY);
    await tap(page, '#check');
    await page.waitForSelector('#result:not([hidden])', { timeout: 20000 });
    const r = await page.evaluate(() => ({
      level: document.getElementById('result').getAttribute('data-redflag-level'),
      help: document.querySelectorAll('#support li').length,
    }));
    assert.equal(r.level, RISKY_VERDICT.level);
    assert.ok(r.help >= 2, `help entries: ${r.help}`);
    assertFits(await page.evaluate(touchReport), 'check page with a result');
    await page.screenshot({ path: resolve(SHOTS, 'firefox-phone-check.png'), fullPage: true });
    await page.close();
  });

  it('the standalone check site, as Firefox for Android opens it from the home screen: after the first visit it loads with the server stopped, a tap on Check gives the verdict, the page fits with 44-px targets', async () => {
    // docs/ANDROID.md: in Firefox for Android the site can be added to the home screen (no
    // share target there) and works offline. dist/ served from a second local server.
    const site = await startServer({ root: DIST });
    let siteUp = true;
    const page = watch(await ff.browser.newPage(), site.origin);
    try {
      await page.goto(`${site.origin}/check-site/?region=RU`);
      await page.waitForSelector('html[data-ready="true"]');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 20000 });
      await site.close();
      siteUp = false;
      await page.reload();
      await page.waitForSelector('html[data-ready="true"][data-engine="ready"]', { timeout: 20000 });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.backend), 'page', 'the engine runs in the page');
      await page.$eval('#text', (t, text) => { t.value = text; }, RU_RISKY);
      await tap(page, '#check');
      await page.waitForSelector('#result:not([hidden])', { timeout: 20000 });
      const r = await page.evaluate(() => ({
        level: document.getElementById('result').getAttribute('data-redflag-level'),
        help: [...document.querySelectorAll('#support li')].map((li) => li.dataset.supportId),
      }));
      assert.equal(r.level, RISKY_VERDICT.level, 'the verdict the engine gives');
      assert.deepEqual(r.help, RISKY_VERDICT.support.map((e) => e.id), 'its help entries, in its order');
      assertFits(await page.evaluate(touchReport), 'check site with a result');
      await page.screenshot({ path: resolve(SHOTS, 'firefox-phone-check-site.png'), fullPage: true });
    } finally {
      await page.close();
      if (siteUp) await site.close();
    }
  });

  it('banners on feed pages at 360 px: inside the screen, no sideways scrolling', async () => {
    for (const name of ['vk', 'telegram-k', 'telegram-a', 'jobs']) {
      const page = await fixture(name);
      await sleep(500);
      const m = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const hosts = [...document.querySelectorAll('[data-redflag-level]')].map((h) => h.getBoundingClientRect());
        return {
          scroll: document.documentElement.scrollWidth > vw,
          hosts: hosts.length,
          outside: hosts.filter((b) => b.left < -1 || b.right > vw + 1).length,
          narrow: hosts.filter((b) => b.width < 200).length,
        };
      });
      assert.equal(m.scroll, false, `${name}: no sideways scrolling`);
      assert.ok(m.hosts >= 1, `${name}: banners`);
      assert.equal(m.outside, 0, `${name}: every banner inside the screen`);
      assert.equal(m.narrow, 0, `${name}: no banner squeezed narrower than 200 px`);
      if (name === 'vk') await page.screenshot({ path: resolve(SHOTS, 'firefox-phone-vk.png'), fullPage: true });
      await page.close();
    }
  });

  it('a banner\'s buttons, "Why?", the help and its links: 44-px targets inside the screen; taps open "Why?" and the help and hide the banner', async () => {
    const page = watch(await ff.browser.newPage());
    // The probe page's markup, in a blank tab the extension does not run in (its content
    // scripts match http and https pages only). On the http page, the extension read the test's
    // banner (its closed root: a look-alike made by another script, which a page may make) once
    // "Why?" had opened, flagged the phrases listed there and put its own banner inside it, just
    // above the help button: a tap on the help could land on that banner (CI, stop 24).
    await page.goto('about:blank');
    await page.setContent(readFileSync(join(FIXTURE_DIR, 'touch-probe.html'), 'utf8'));
    await page.evaluate(keepShadowRoots);
    for (const f of ['src/strings.js', 'src/i18n.js', 'src/banner.js']) await page.addScriptTag({ content: readFileSync(join(PKG, f), 'utf8') });
    await page.evaluate((v) => {
      window.__calls = [];
      const I = globalThis.RedflagI18n;
      const ui = {
        lang: 'ru', t: I.t, family: I.family,
        onHide: () => window.__calls.push('hide'), onShow: () => window.__calls.push('show'), onDismiss: () => window.__calls.push('dismiss'),
      };
      document.getElementById('post').after(globalThis.RedflagBanner.render(null, { verdict: v, choice: null }, ui));
    }, RISKY_VERDICT);
    const host = 'body > :not(article)';
    const closed = await page.evaluate(touchReport, null, host);
    assertFits(closed, 'banner');
    // "Why?" and the help are disclosures, built when opened.
    assert.equal(closed.targets.filter((t) => /^button\.more/.test(t)).length, 2, `"Why?" and the help are targets: ${closed.targets}`);
    // Each opens with a tap, and what it holds is built then.
    for (const which of ['why', 'help']) {
      // A person's taps are apart; two synthetic taps within the browser's double-tap window
      // (~300 ms) can be read as one gesture. Measure the button once its box stops moving.
      await sleep(400);
      const button = await page.evaluateHandle((sel, w) => window.__redflagRoots.get(document.querySelector(sel)).querySelector(`button.more.${w}`), host, which);
      await button.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      const box = await stableBox(button);
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await waitFor(() => page.evaluate((sel, w) => {
        const b = window.__redflagRoots.get(document.querySelector(sel)).querySelector(`button.more.${w}`);
        const panel = b.nextElementSibling;
        return b.getAttribute('aria-expanded') === 'true' && panel.id === `rf-${w}` && !panel.hidden
          && !!panel.querySelector(w === 'why' ? 'ul.evidence li' : 'ul.support li');
      }, host, which), { message: `"${which}" opened by a tap` });
    }
    const opened = await page.evaluate(touchReport, null, host);
    assertFits(opened, 'banner with "Why?" and the help open');
    assert.ok(opened.targets.filter((t) => /^a\.tel|^a\.web|^a\.sms/.test(t)).length >= 2, `help links: ${opened.targets}`);
    await sleep(300); // the banner's fade-in
    await page.screenshot({ path: resolve(SHOTS, 'firefox-phone-banner.png'), fullPage: true });
    const hide = await page.evaluateHandle((sel) => window.__redflagRoots.get(document.querySelector(sel)).querySelector('button.hide'), host);
    await hide.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    const hb = await stableBox(hide);
    await page.touchscreen.tap(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await waitFor(() => page.evaluate(() => window.__calls.includes('hide')), { message: '"Hide" by a tap' });
    // Measured was the test's banner alone: no other banner on the page or inside it.
    assert.deepEqual(await page.evaluate(bannerHosts), ['test'], 'only the test\'s banner');
    await page.close();
  });

  it('sent nothing anywhere and logged no errors', async () => {
    await sleep(300);
    assert.deepEqual(proxy.hits.filter((h) => !BROWSER_OWN_HOSTS.includes(h.host)), [], 'nothing reached the outside (proxy)');
    assert.deepEqual(requests.filter((u) => !allowedUrl(u, server.origin)), []);
    assert.deepEqual(consoleErrors, []);
  });
});
