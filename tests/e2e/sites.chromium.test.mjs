// The real sites, as users get them, in headless Chromium with the packaged extension: each
// fixture of fixtures/sites/ served under its site's address (https://vk.com/feed,
// https://web.telegram.org/k/…, https://hh.ru/…) through Playwright's request routing, which
// answers every request locally; the profile is chosen by host name. Then the redesign drill:
// the same pages with every class and data-* attribute renamed must still get their banners,
// through the generic reading, and the popup must say so. lib/sites.mjs lists the fixtures.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './lib/server.mjs';
import { SHOTS, settleIdle, sleep, waitFor } from './lib/common.mjs';
import { answerAll, launchChromium, readBanners, BROWSER_OWN_HOSTS } from './lib/chromium.mjs';
import { SITES, answer, installRecorder, senders, siteExpectations, siteReport } from './lib/sites.mjs';
import { assertChromiumSentNothing } from './lib/no-network.mjs';

let proxy;
let browser;
let options; // the options page: records what content scripts send to the engine
const drilled = new Set();
const routed = []; // every request the route answered: { url, known }
const requests = []; // every request the browser reported
const consoleErrors = [];
const SHOT = new Set(['vk-feed-2025', 'tg-k', 'tg-a']);

async function sentTexts(tab) {
  const all = await options.evaluate(() => globalThis.__sent);
  return all.filter((s) => tab == null || s.tab === tab).flatMap((s) => s.texts);
}

async function clearSent() {
  await options.evaluate(() => { globalThis.__sent = []; });
}

async function fixtureTab() {
  const tabs = await options.evaluate(() => globalThis.__sent.map((s) => s.tab));
  return tabs.find((t) => t != null);
}

// The page's status as the popup asks for it; when the popup should say that the page is read
// in general, waits for that (it comes after a grace period).
async function pageStatus(tab, wantNotice) {
  return waitFor(async () => {
    const st = await options.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-status' }), tab);
    return !wantNotice || st.fallback ? st : null;
  }, { timeout: 20000, message: 'the popup\'s fallback notice' }).catch(() => options.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-status' }), tab));
}

async function popupStatus(tab) {
  const page = await browser.ctx.newPage();
  await page.goto(browser.extUrl(`src/popup/popup.html?tab=${tab}`));
  await page.waitForSelector('#site:not([hidden])', { timeout: 30000 });
  return page;
}

// Scrolls for more posts: the window to the bottom, or a chat list to its top.
async function scrollForMore(page, scroll) {
  if (!scroll) return;
  for (let i = 0; i < 3; i++) {
    if (scroll.window) await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    else await page.evaluate(({ id, to }) => { const el = document.getElementById(id); el.scrollTop = to === 'top' ? 0 : el.scrollHeight; }, { id: scroll.element, to: scroll.to });
    await sleep(150);
  }
}

// Opens a fixture and waits until every risky post of it (also those rendered late or on
// scroll) has its banner. Returns the page and `settled()`, which checks one banner per risky
// post and none elsewhere once the extension has nothing more under way for the page (a late
// batch may still be on its way: it must not add anything; common.mjs, settleIdle); the tests
// ask the popup first, then call it.
async function checkSite(site, { drill = false } = {}) {
  const exp = siteExpectations(site);
  await clearSent();
  const page = await browser.ctx.newPage();
  await page.goto(site.url);
  await scrollForMore(page, site.scroll);
  await waitFor(async () => {
    const r = await page.evaluate(siteReport);
    return exp.risky.every((c) => r.perCase[c]) && exp.risky.concat(exp.ordinary).every((c) => r.present.includes(c)) ? r : null;
  }, { timeout: 20000, message: `banners on ${exp.risky.join(', ')} at ${site.url}${drill ? ' (drill)' : ''}` });
  const settled = async () => {
    const { tab, frames } = senders(await options.evaluate(() => globalThis.__sent));
    await settleIdle((fn, arg) => options.evaluate(fn, arg), tab, frames);
    const r = await page.evaluate(siteReport);
    assert.deepEqual(r.stray, [], `${site.file}: every banner belongs to a post`);
    for (const c of exp.risky) assert.equal(r.perCase[c], 1, `${site.file}: exactly one banner on ${c} (${JSON.stringify(r.perCase)})`);
    for (const c of exp.ordinary) assert.equal(r.perCase[c], undefined, `${site.file}: no banner on ${c} (level ${r.levels[c]})`);
    assert.equal(r.hosts, exp.risky.length, `${site.file}: one banner per risky post`);
  };
  return { page, settled };
}

describe('the real sites (chromium, real host names)', { timeout: 900000 }, () => {
  before(async () => {
    proxy = await startBlackholeProxy();
    browser = await launchChromium({ proxyPort: proxy.port });
    // Every web request, of every page, is answered here: nothing goes to the network.
    await answerAll(browser, (url) => answer(url, drilled), { routed, requests, errors: consoleErrors });
    options = await browser.ctx.newPage();
    await options.goto(browser.extUrl('src/options/options.html'));
    await options.evaluate(installRecorder);
  });

  afterEach(async () => {
    for (const p of browser.ctx.pages()) if (p !== options) await p.close();
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
  });

  for (const site of SITES) {
    it(`${site.file} at ${site.url}: profile ${site.profile}, one banner per risky post, the exact text sent`, async () => {
      const { page, settled } = await checkSite(site);
      const tab = await fixtureTab();
      const status = await pageStatus(tab, site.notice);
      const pop = await popupStatus(tab);
      assert.ok(status.profiles.includes(site.profile), `${site.file}: profile ${site.profile} chosen by host (got ${status.profiles})`);
      assert.equal(status.fallback, !!site.notice, `${site.file}: popup fallback notice ${!!site.notice}`);
      assert.equal(await pop.isVisible('#fallback'), !!site.notice);
      await pop.close();
      await settled();
      const sent = await sentTexts();
      for (const [c, text] of Object.entries(site.texts)) {
        assert.ok(sent.includes(text), `${site.file}: ${c} sent as ${JSON.stringify(text)}; sent: ${JSON.stringify(sent, null, 1)}`);
      }
      for (const bad of site.never) {
        const hit = sent.find((t) => t.includes(bad));
        assert.equal(hit, undefined, `${site.file}: "${bad}" reached the engine in ${JSON.stringify(hit)}`);
      }
      // Each text element read once: no text holds the same sentence twice.
      for (const t of sent) {
        const first = t.slice(0, 40);
        assert.equal(t.indexOf(first, 1), -1, `${site.file}: read twice: ${JSON.stringify(t)}`);
      }
      if (SHOT.has(site.file)) {
        const banners = await readBanners(browser.ctx, page);
        assert.ok(banners.every((b) => b.mode === 'closed'));
        // A chat's own scrolling list is shown whole in the picture.
        if (site.scroll && site.scroll.element) await page.evaluate((id) => { document.getElementById(id).style.height = 'auto'; }, site.scroll.element);
        await page.screenshot({ path: resolve(SHOTS, `sites-chromium-${site.file}.png`), fullPage: true });
      }
    });
  }

  for (const site of SITES) {
    it(`redesign drill: ${site.file} with every class and data-* attribute renamed`, async () => {
      drilled.add(site.file);
      try {
        const { page, settled } = await checkSite(site, { drill: true });
        const tab = await fixtureTab();
        const status = await pageStatus(tab, site.drillNotice);
        const pop = await popupStatus(tab);
        assert.equal(status.fallback, site.drillNotice, `${site.file} (drill): popup says the page is read in general: ${site.drillNotice}`);
        if (site.drillNotice) {
          assert.equal(await pop.isVisible('#fallback'), true);
          assert.equal(await pop.textContent('#fallback'), 'This site\'s layout is not recognised: checking the page in general.');
        }
        if (site.file === 'vk-feed-2025') {
          await pop.setViewportSize({ width: 360, height: 420 });
          await pop.screenshot({ path: resolve(SHOTS, 'sites-chromium-drill-popup.png') });
          await page.screenshot({ path: resolve(SHOTS, 'sites-chromium-drill-vk-feed-2025.png'), fullPage: true });
        }
        await pop.close();
        await settled();
      } finally {
        drilled.delete(site.file);
      }
    });
  }

  it('sent nothing to the network: every request was answered by the route', async () => {
    for (const p of browser.ctx.pages()) if (p !== options) await p.close();
    assertChromiumSentNothing({ proxy, routed, requests, pages: SITES.length * 2 + 1 });
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    console.log(`# sites (chromium): ${routed.length} requests, all answered locally; ${proxy.hits.length - own.length} reached the proxy`);
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
