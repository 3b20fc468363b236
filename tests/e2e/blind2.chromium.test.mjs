// The second blind markup round (issue 11) in headless Chromium with the packaged extension:
// Telegram Web A and K group chats and a comments thread, VK's messenger, a classic group wall
// with a repost, VK's post search and photo viewer, and very short risky messages on pages no
// profile knows (Discord, Element, a news site's comments), each built from public evidence
// of the site's markup (lib/blind2-sites.mjs) and served under its real address through
// Playwright's request routing. Every risky post must get exactly one banner, no ordinary post
// and no part of the page's chrome any, none of the chrome's strings may reach the engine,
// and nothing may leave the machine; then the redesign drill on the same pages. The figures
// of every page are written to target/e2e-screenshots/blind2-chromium.json and
// blind2-chromium-drill.json (docs/EXTENSION.md, "Blind markup round 2").
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './lib/server.mjs';
import { SHOTS, sleep, waitFor } from './lib/common.mjs';
import { launchChromium, BROWSER_OWN_HOSTS } from './lib/chromium.mjs';
import { installRecorder, siteReport } from './lib/sites.mjs';
import { blindFigures, knownSent } from './lib/blind-sites.mjs';
import { BLIND2, blind2Answer, blind2Expectations, scrollPage } from './lib/blind2-sites.mjs';

let proxy;
let browser;
let options; // the options page: records what content scripts send to the engine
const drilled = new Set(); // pages served with every class and data-* attribute renamed
const routed = [];
const requests = [];
const consoleErrors = [];
const figures = {};
const drillFigures = {};

describe('the second blind round (chromium, real host names)', { timeout: 600000 }, () => {
  before(async () => {
    proxy = await startBlackholeProxy();
    browser = await launchChromium({ proxyPort: proxy.port });
    await browser.ctx.route((url) => /^(https?|wss?):$/.test(url.protocol), async (route) => {
      const url = route.request().url();
      const a = blind2Answer(url, drilled);
      routed.push({ url, known: a.known });
      await route.fulfill({ status: a.status, contentType: a.contentType, body: a.body });
    });
    browser.ctx.on('request', (r) => requests.push(r.url()));
    browser.ctx.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.location().url}: ${m.text()}`);
    });
    browser.ctx.on('page', (p) => p.on('pageerror', (e) => consoleErrors.push(`page error ${p.url()}: ${e.message}`)));
    options = await browser.ctx.newPage();
    await options.goto(browser.extUrl('src/options/options.html'));
    await options.evaluate(installRecorder);
  });

  afterEach(async () => {
    for (const p of browser.ctx.pages()) if (p !== options) await p.close();
  });

  after(async () => {
    writeFileSync(resolve(SHOTS, 'blind2-chromium.json'), `${JSON.stringify(figures, null, 1)}\n`);
    writeFileSync(resolve(SHOTS, 'blind2-chromium-drill.json'), `${JSON.stringify(drillFigures, null, 1)}\n`);
    await browser?.close();
    await proxy?.close();
  });

  // Opens a page, scrolls for more, waits for every risky post's banner (a page the extension
  // misreads runs into the timeout, and its figures are recorded before the assertions fail),
  // and returns the page's figures.
  async function measure(site, shot) {
    const exp = blind2Expectations(site);
    await options.evaluate(() => { globalThis.__sent = []; });
    const page = await browser.ctx.newPage();
    await page.goto(site.url);
    if (site.scroll) {
      for (let i = 0; i < 3; i++) {
        await page.evaluate(scrollPage, site.scroll);
        await sleep(150);
      }
    }
    await waitFor(async () => {
      const r = await page.evaluate(siteReport);
      return exp.risky.every((c) => r.perCase[c]) && exp.risky.concat(exp.ordinary).every((c) => r.present.includes(c)) ? r : null;
    }, { timeout: 8000, message: `banners on ${exp.risky.join(', ')}` }).catch(() => null);
    await sleep(700); // a late batch may still arrive: it must not add anything
    const r = await page.evaluate(siteReport);
    const all = await options.evaluate(() => globalThis.__sent);
    const tab = all.map((x) => x.tab).find((t) => t != null);
    const sent = all.flatMap((x) => x.texts);
    const status = tab == null ? { profiles: [], fallback: false }
      : await options.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-status' }), tab).catch(() => ({ profiles: [], fallback: false }));
    const f = blindFigures(exp, r, sent, site.never);
    await page.screenshot({ path: resolve(SHOTS, shot), fullPage: true });
    return { f, r, status, sent };
  }

  for (const site of BLIND2) {
    it(`${site.file} at ${site.url}: one banner per risky post, none elsewhere, no chrome sent`, async () => {
      const { f, r, status, sent } = await measure(site, `blind2-chromium-${site.file}.png`);
      figures[site.file] = { ...f, knownSent: knownSent(site, sent), profiles: status.profiles, fallback: status.fallback, sent };
      assert.deepEqual(f.missing, [], `${site.file}: every risky post has a banner`);
      assert.deepEqual(f.duplicates, [], `${site.file}: one banner per post`);
      assert.deepEqual(f.onOrdinary, [], `${site.file}: no banner on an ordinary post`);
      assert.deepEqual(r.stray, [], `${site.file}: no banner on the page's chrome`);
      assert.deepEqual(f.chromeSent, [], `${site.file}: the page's chrome never reaches the engine`);
      if (site.profile) assert.ok(status.profiles.includes(site.profile), `${site.file}: profile ${site.profile} chosen by host (got ${status.profiles})`);
    });
  }

  // The redesign drill: every class and data-* attribute renamed. The extension must never be
  // blind: every risky post still gets exactly one banner, and none lands outside a post.
  for (const site of BLIND2) {
    it(`redesign drill: ${site.file}: every risky post still has exactly one banner`, async () => {
      drilled.add(site.file);
      try {
        const { f, r, status } = await measure(site, `blind2-chromium-drill-${site.file}.png`);
        drillFigures[site.file] = { ...f, profiles: status.profiles, fallback: status.fallback };
        assert.deepEqual(f.missing, [], `${site.file} (drill): every risky post has a banner`);
        assert.deepEqual(f.duplicates, [], `${site.file} (drill): one banner per post`);
        assert.deepEqual(r.stray, [], `${site.file} (drill): no banner outside a post`);
      } finally {
        drilled.delete(site.file);
      }
    });
  }

  it('sent nothing to the network: every request was answered by the route', async () => {
    for (const p of browser.ctx.pages()) if (p !== options) await p.close();
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    assert.deepEqual(proxy.hits.filter((h) => !own.includes(h)), [], 'nothing reached the outside (proxy)');
    assert.deepEqual(routed.filter((r) => !r.known).map((r) => r.url), [], 'only fixture files were asked for');
    const web = requests.filter((u) => /^https?:/.test(u));
    assert.ok(web.length >= BLIND2.length, `pages and their files were requested (${web.length})`);
    assert.deepEqual(web.filter((u) => !routed.some((r) => r.url === u)), [], 'every web request went through the route');
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
