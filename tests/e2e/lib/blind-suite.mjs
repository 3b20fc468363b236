// The blind markup rounds (issue 11, lib/blind-sites.mjs, lib/blind2-sites.mjs) as test
// suites: each page of a round served under its site's real address (Playwright's request
// routing in Chromium, puppeteer's request interception in Firefox ESR; nothing goes to the
// network), with the packaged extension. Every risky post must get exactly one banner, no
// ordinary post and no part of the page's chrome any, none of the chrome's strings may reach
// the engine, a profile named for a page must be chosen by host and the popup must then not
// say the layout is unknown, and nothing may leave the machine; in Chromium then the redesign
// drill on the same pages. The figures of every page are written to
// target/e2e-screenshots/<round>-chromium.json, <round>-chromium-drill.json and
// <round>-firefox.json (docs/EXTENSION.md, "Blind markup round" and "Blind markup round 2").
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './server.mjs';
import { assertChromiumSentNothing, assertFirefoxSentNothing } from './no-network.mjs';
import { SHOTS, settleIdle, sleep, waitFor } from './common.mjs';
import { answerAll, launchChromium } from './chromium.mjs';
import { launchFirefox, openAnswered } from './firefox.mjs';
import { installRecorder, senders, siteReport } from './sites.mjs';
import { blindFigures, knownSent, scrollPage } from './blind-sites.mjs';

async function scrollForMore(page, scroll) {
  if (!scroll) return;
  for (let i = 0; i < 3; i++) {
    await page.evaluate(scrollPage, scroll);
    await sleep(150);
  }
}

// What every page of a round must show, in either browser: a banner on every risky post, one per
// post, none on ordinary posts or the page's chrome, no chrome sent to the engine, and the
// site's own profile chosen by its host with no "layout not recognised" notice.
function assertSite(site, f, r, status) {
  assert.deepEqual(f.missing, [], `${site.file}: every risky post has a banner`);
  assert.deepEqual(f.duplicates, [], `${site.file}: one banner per post`);
  assert.deepEqual(f.onOrdinary, [], `${site.file}: no banner on an ordinary post`);
  assert.deepEqual(r.stray, [], `${site.file}: no banner on the page's chrome`);
  assert.deepEqual(f.chromeSent, [], `${site.file}: the page's chrome never reaches the engine`);
  if (site.profile) assert.ok(status.profiles.includes(site.profile), `${site.file}: profile ${site.profile} chosen by host (got ${status.profiles})`);
  if (site.profile) assert.equal(status.fallback, false, `${site.file}: the popup does not say the layout is unknown`);
}

// A round (blindRound() of lib/blind-sites.mjs) in headless Chromium, with the redesign drill.
export function chromiumRound(round) {
  let proxy;
  let browser;
  let options; // the options page: records what content scripts send to the engine
  const drilled = new Set(); // pages served with every class and data-* attribute renamed
  const routed = [];
  const requests = [];
  const consoleErrors = [];
  const figures = {};
  const drillFigures = {};

  describe(`${round.title} (chromium, real host names)`, { timeout: 600000 }, () => {
    before(async () => {
      proxy = await startBlackholeProxy();
      browser = await launchChromium({ proxyPort: proxy.port });
      await answerAll(browser, (url) => round.answer(url, drilled), { routed, requests, errors: consoleErrors });
      options = await browser.ctx.newPage();
      await options.goto(browser.extUrl('src/options/options.html'));
      await options.evaluate(installRecorder);
    });

    afterEach(async () => {
      for (const p of browser.ctx.pages()) if (p !== options) await p.close();
    });

    after(async () => {
      writeFileSync(resolve(SHOTS, `${round.name}-chromium.json`), `${JSON.stringify(figures, null, 1)}\n`);
      writeFileSync(resolve(SHOTS, `${round.name}-chromium-drill.json`), `${JSON.stringify(drillFigures, null, 1)}\n`);
      await browser?.close();
      await proxy?.close();
    });

    // Opens a page, waits for every risky post's banner (a page the extension misreads runs
    // into the timeout, and its figures are recorded before the assertions fail), and returns
    // the page's figures.
    async function measure(site, shot) {
      const exp = round.expectations(site);
      await options.evaluate(() => { globalThis.__sent = []; });
      const page = await browser.ctx.newPage();
      await page.goto(site.url);
      await scrollForMore(page, site.scroll);
      await waitFor(async () => {
        const r = await page.evaluate(siteReport);
        return exp.risky.every((c) => r.perCase[c]) && exp.risky.concat(exp.ordinary).every((c) => r.present.includes(c)) ? r : null;
      }, { timeout: 20000, message: `banners on ${exp.risky.join(', ')}` }).catch(() => null);
      // A late batch may still be under way: it must not add anything.
      const { tab, frames } = senders(await options.evaluate(() => globalThis.__sent));
      await Promise.all([
        page.screenshot({ path: resolve(SHOTS, shot), fullPage: true }),
        settleIdle((fn, arg) => options.evaluate(fn, arg), tab, frames),
      ]);
      const r = await page.evaluate(siteReport);
      const all = await options.evaluate(() => globalThis.__sent);
      const sent = all.flatMap((x) => x.texts);
      const status = tab == null ? { profiles: [], fallback: false }
        : await options.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-status' }), tab).catch(() => ({ profiles: [], fallback: false }));
      const f = blindFigures(exp, r, sent, site.never);
      return { f, r, status, sent };
    }

    for (const site of round.sites) {
      it(`${site.file} at ${site.url}: one banner per risky post, none elsewhere, no chrome sent`, async () => {
        const { f, r, status, sent } = await measure(site, `${round.name}-chromium-${site.file}.png`);
        figures[site.file] = { ...f, knownSent: knownSent(site, sent), profiles: status.profiles, fallback: status.fallback, sent };
        assertSite(site, f, r, status);
      });
    }

    // The redesign drill on the round's pages: every class and data-* attribute renamed. What
    // follows class names (quotes, reply links, signatures, the profiles) is lost, so quotes
    // may be read again (recorded in <round>-chromium-drill.json); what must hold is that the
    // extension is never blind: every risky post still gets exactly one banner, and none lands
    // outside a post.
    for (const site of round.sites) {
      it(`redesign drill: ${site.file}: every risky post still has exactly one banner`, async () => {
        drilled.add(site.file);
        try {
          const { f, r, status } = await measure(site, `${round.name}-chromium-drill-${site.file}.png`);
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
      assertChromiumSentNothing({ proxy, routed, requests, pages: round.sites.length });
    });

    it('logged no console errors', () => {
      assert.deepEqual(consoleErrors, []);
    });
  });
}

// A round in headless Firefox ESR.
export function firefoxRound(round) {
  let proxy;
  let ff;
  const routed = [];
  const consoleErrors = [];
  const figures = {};

  const inOptions = (fn, arg) => ff.inOptions(fn, arg);
  const openSite = (site) => openAnswered(ff, site.url, (url) => round.answer(url), { routed, errors: consoleErrors });

  describe(`${round.title} (firefox, real host names)`, { timeout: 600000 }, () => {
    before(async () => {
      proxy = await startBlackholeProxy();
      ff = await launchFirefox({ proxyPort: proxy.port }).catch(async (e) => { await proxy.close(); throw e; });
      await ff.optionsPage.evaluate(installRecorder);
    });

    after(async () => {
      writeFileSync(resolve(SHOTS, `${round.name}-firefox.json`), `${JSON.stringify(figures, null, 1)}\n`);
      await ff?.close();
      await proxy?.close();
    });

    for (const site of round.sites) {
      it(`${site.file} at ${site.url}: one banner per risky post, none elsewhere, no chrome sent`, async () => {
        const exp = round.expectations(site);
        await inOptions(() => { globalThis.__sent = []; });
        const page = await openSite(site);
        if (site.scroll) {
          for (let i = 0; i < 3; i++) {
            await page.evaluate(scrollPage, site.scroll);
            await sleep(150);
          }
        }
        await waitFor(async () => {
          const r = await page.evaluate(siteReport);
          return exp.risky.every((c) => r.perCase[c]) && exp.risky.concat(exp.ordinary).every((c) => r.present.includes(c)) ? r : null;
        }, { timeout: 25000, message: `banners on ${exp.risky.join(', ')}` }).catch(() => null);
        const { tab, frames } = senders(await inOptions(() => globalThis.__sent));
        await settleIdle(inOptions, tab, frames);
        const r = await page.evaluate(siteReport);
        const all = await inOptions(() => globalThis.__sent);
        const sent = all.flatMap((s) => s.texts);
        const status = tab == null ? { profiles: [], fallback: false }
          : await inOptions((id) => browser.tabs.sendMessage(id, { type: 'page-status' }), tab).catch(() => ({ profiles: [], fallback: false }));
        const f = blindFigures(exp, r, sent, site.never);
        figures[site.file] = { ...f, knownSent: knownSent(site, sent), profiles: status.profiles, fallback: status.fallback, sent };
        await page.close();

        assertSite(site, f, r, status);
      });
    }

    it('sent nothing to the network: every request was answered by the interception', async () => {
      await assertFirefoxSentNothing({ proxy, routed, pages: round.sites.length });
    });

    it('logged no console errors', () => {
      assert.deepEqual(consoleErrors, []);
    });
  });
}
