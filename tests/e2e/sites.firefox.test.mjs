// The real sites in headless Firefox ESR with the packaged extension: the same fixtures as
// sites.chromium.test.mjs, under the same addresses, answered through puppeteer's request
// interception (WebDriver BiDi network interception: every request of the page is held and
// answered locally, none goes to the network), and the redesign drill on four of them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './lib/server.mjs';
import { SHOTS, settleIdle, sleep, waitFor } from './lib/common.mjs';
import { launchFirefox, openAnswered, BROWSER_OWN_HOSTS } from './lib/firefox.mjs';
import { SITES, answer, installRecorder, senders, siteExpectations, siteReport } from './lib/sites.mjs';
import { assertFirefoxSentNothing } from './lib/no-network.mjs';

let proxy;
let ff;
const drilled = new Set();
const routed = []; // every request answered: { url, known }
const consoleErrors = [];
const DRILL = ['vk-feed-2025', 'tg-k', 'hh-serp', 'merrjep-list'];

const inOptions = (fn, arg) => ff.inOptions(fn, arg);
// Every request of the page is held and answered here.
const openSite = (site) => openAnswered(ff, site.url, (url) => answer(url, drilled), { routed, errors: consoleErrors });

async function scrollForMore(page, scroll) {
  if (!scroll) return;
  for (let i = 0; i < 3; i++) {
    if (scroll.window) await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    else await page.evaluate((id, to) => { const el = document.getElementById(id); el.scrollTop = to === 'top' ? 0 : el.scrollHeight; }, scroll.element, scroll.to);
    await sleep(150);
  }
}

async function checkSite(site, { drill = false } = {}) {
  const exp = siteExpectations(site);
  await inOptions(() => { globalThis.__sent = []; });
  const page = await openSite(site);
  await scrollForMore(page, site.scroll);
  await waitFor(async () => {
    const r = await page.evaluate(siteReport);
    return exp.risky.every((c) => r.perCase[c]) && exp.risky.concat(exp.ordinary).every((c) => r.present.includes(c)) ? r : null;
  }, { timeout: 25000, message: `banners on ${exp.risky.join(', ')} at ${site.url}${drill ? ' (drill)' : ''}` });
  // A late batch may still be under way: it must not add anything.
  const { tab, frames } = senders(await inOptions(() => globalThis.__sent));
  await settleIdle(inOptions, tab, frames);
  const r = await page.evaluate(siteReport);
  assert.deepEqual(r.stray, [], `${site.file}: every banner belongs to a post`);
  for (const c of exp.risky) assert.equal(r.perCase[c], 1, `${site.file}: exactly one banner on ${c}`);
  for (const c of exp.ordinary) assert.equal(r.perCase[c], undefined, `${site.file}: no banner on ${c}`);
  assert.equal(r.hosts, exp.risky.length);
  return page;
}

async function status(tab, wantNotice) {
  const ask = () => inOptions((id) => browser.tabs.sendMessage(id, { type: 'page-status' }), tab);
  return waitFor(async () => {
    const st = await ask();
    return !wantNotice || st.fallback ? st : null;
  }, { timeout: 20000, message: 'the fallback notice' }).catch(ask);
}

async function fixtureTab() {
  const tabs = await inOptions(() => globalThis.__sent.map((s) => s.tab));
  return tabs.find((t) => t != null);
}

describe('the real sites (firefox, real host names)', { timeout: 900000 }, () => {
  before(async () => {
    proxy = await startBlackholeProxy();
    ff = await launchFirefox({ proxyPort: proxy.port }).catch(async (e) => { await proxy.close(); throw e; });
    await ff.optionsPage.evaluate(installRecorder);
  });

  after(async () => {
    await ff?.close();
    await proxy?.close();
  });

  for (const site of SITES) {
    it(`${site.file} at ${site.url}: one banner per risky post, the exact text sent`, async () => {
      const page = await checkSite(site);
      const sent = (await inOptions(() => globalThis.__sent)).flatMap((s) => s.texts);
      for (const [c, text] of Object.entries(site.texts)) assert.ok(sent.includes(text), `${site.file}: ${c} sent as ${JSON.stringify(text)}; sent: ${JSON.stringify(sent)}`);
      for (const bad of site.never) assert.equal(sent.find((t) => t.includes(bad)), undefined, `${site.file}: "${bad}" reached the engine`);
      const st = await status(await fixtureTab(), site.notice);
      assert.ok(st.profiles.includes(site.profile), `${site.file}: profile ${site.profile} (got ${st.profiles})`);
      assert.equal(st.fallback, !!site.notice);
      if (site.file === 'vk-feed-2025') await page.screenshot({ path: resolve(SHOTS, 'sites-firefox-vk-feed-2025.png'), fullPage: true });
      await page.close();
    });
  }

  for (const file of DRILL) {
    const site = SITES.find((s) => s.file === file);
    it(`redesign drill: ${file} with every class and data-* attribute renamed`, async () => {
      drilled.add(file);
      try {
        const page = await checkSite(site, { drill: true });
        const tab = await fixtureTab();
        const st = await status(tab, site.drillNotice);
        assert.equal(st.fallback, site.drillNotice, `${file} (drill): fallback notice`);
        const pop = await ff.openExtensionPage(`src/popup/popup.html?tab=${tab}`);
        await pop.waitForSelector('#site:not([hidden])', { timeout: 30000 });
        assert.equal(await pop.$eval('#fallback', (e) => e.hidden), !site.drillNotice);
        assert.equal(await pop.$eval('#fallback', (e) => e.textContent), 'This site\'s layout is not recognised: checking the page in general.');
        await pop.close();
        await page.close();
      } finally {
        drilled.delete(file);
      }
    });
  }

  it('sent nothing to the network: every request was answered by the interception', async () => {
    await assertFirefoxSentNothing({ proxy, routed, pages: SITES.length * 2 + 1 });
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    console.log(`# sites (firefox): ${routed.length} requests, all answered locally; ${proxy.hits.length - own.length} reached the proxy`);
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
