// The browser suites of the blind markup rounds whose pages have steps (rounds 3 to 5: recycled
// rows, edits, route changes, translations): each page of the round opened under its real
// address with the packaged extension, measured by the round's own `measureSite` (the figures
// after loading and after each of the page's steps) and judged by its `assertSite`; then
// nothing sent to the network and no console error. In Chromium, `drill` adds the redesign
// drill: every page served again with every class and data-* attribute renamed, measured at
// load, where every risky post must still have exactly one banner and none may land outside a
// post. One suite for every such round, so a new round adds its pages and its measure only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './server.mjs';
import { assertChromiumSentNothing, assertFirefoxSentNothing } from './no-network.mjs';
import { SHOTS, settleIdle } from './common.mjs';
import { answerAll, launchChromium } from './chromium.mjs';
import { launchFirefox, openAnswered } from './firefox.mjs';
import { installRecorder, senders } from './sites.mjs';
import { knownSent } from './blind-sites.mjs';

const NO_STATUS = { profiles: [], fallback: false };

function record(all, site, m) {
  all[site.file] = { stages: m.stages, knownSent: knownSent(site, m.sent), profiles: m.status.profiles, fallback: m.status.fallback, sent: m.sent };
}

// What the tests read of an opened page: the texts the extension sent to the engine (the
// options page records them), and the page's status as the popup would ask for it; `settle()`
// returns once the extension has nothing more under way for the page (common.mjs, settleIdle).
function pageIo(page, evaluate, tabs) {
  const recorded = () => evaluate(() => globalThis.__sent);
  return {
    page,
    settle: async () => {
      const { tab, frames } = senders(await recorded());
      await settleIdle(evaluate, tab, frames);
    },
    sent: async () => (await recorded()).flatMap((x) => x.texts),
    status: async () => {
      const tab = (await recorded()).map((x) => x.tab).find((t) => t != null);
      return tab == null ? NO_STATUS
        : evaluate(tabs, tab).catch(() => NO_STATUS);
    },
  };
}

const title = (site) => `${site.file} at ${site.url}${site.steps ? ` (then ${site.steps.join(', ')})` : ''}: one banner per risky post, none elsewhere`;

// The round in headless Chromium.
export function chromiumStepRound({ round, label, measureSite, assertSite, drill = false }) {
  let proxy;
  let browser;
  let options;
  const routed = [];
  const requests = [];
  const consoleErrors = [];
  const all = {};
  const drilled = new Set(); // pages served with every class and data-* attribute renamed
  const drillFigures = {};
  const evaluate = (fn, arg) => options.evaluate(fn, arg);
  const tabs = (id) => chrome.tabs.sendMessage(id, { type: 'page-status' });

  describe(`${label} (chromium, real host names)`, { timeout: 600000 }, () => {
    before(async () => {
      proxy = await startBlackholeProxy();
      browser = await launchChromium({ proxyPort: proxy.port });
      await answerAll(browser, (url) => round.answer(url, drilled), { routed, requests, errors: consoleErrors });
      options = await browser.ctx.newPage();
      await options.goto(browser.extUrl('src/options/options.html'));
      await options.evaluate(installRecorder);
    });

    after(async () => {
      writeFileSync(resolve(SHOTS, `${round.name}-chromium.json`), `${JSON.stringify(all, null, 1)}\n`);
      if (drill) writeFileSync(resolve(SHOTS, `${round.name}-chromium-drill.json`), `${JSON.stringify(drillFigures, null, 1)}\n`);
      await browser?.close();
      await proxy?.close();
    });

    for (const site of round.sites) {
      it(title(site), async () => {
        await evaluate(() => { globalThis.__sent = []; });
        const page = await browser.ctx.newPage();
        await page.goto(site.url);
        const m = await measureSite(site, pageIo(page, evaluate, tabs), 8000);
        await page.screenshot({ path: resolve(SHOTS, `${round.name}-chromium-${site.file}.png`), fullPage: true });
        await page.close();
        record(all, site, m);
        assertSite(site, m);
      });
    }

    // The redesign drill: measured at load only (the pages' steps find their elements by
    // class). What follows class names (profiles, screen-reader classes) is lost; what must
    // hold is that the extension is never blind.
    if (drill) {
      for (const site of round.sites) {
        it(`redesign drill: ${site.file}: every risky post still has exactly one banner`, async () => {
          drilled.add(site.file);
          try {
            await evaluate(() => { globalThis.__sent = []; });
            const page = await browser.ctx.newPage();
            await page.goto(site.url);
            const io = { ...pageIo(page, evaluate, tabs), status: async () => NO_STATUS, drill: true };
            const m = await measureSite({ ...site, steps: [] }, io, 8000);
            await page.screenshot({ path: resolve(SHOTS, `${round.name}-chromium-drill-${site.file}.png`), fullPage: true });
            await page.close();
            const f = m.stages[0];
            drillFigures[site.file] = { ...f, sent: m.sent };
            assert.deepEqual(f.missing, [], `${site.file} (drill): every risky post has a banner`);
            assert.deepEqual(f.duplicates, [], `${site.file} (drill): one banner per post`);
            assert.equal(f.onChrome, 0, `${site.file} (drill): no banner outside a post (${f.stray.join(' | ')})`);
          } finally {
            drilled.delete(site.file);
          }
        });
      }
    }

    it('sent nothing to the network: every request was answered by the route', async () => {
      assertChromiumSentNothing({ proxy, routed, requests, pages: round.sites.length });
    });

    it('logged no console errors', () => {
      assert.deepEqual(consoleErrors, []);
    });
  });
}

// The round in headless Firefox ESR.
export function firefoxStepRound({ round, label, measureSite, assertSite }) {
  let proxy;
  let ff;
  const routed = [];
  const consoleErrors = [];
  const all = {};
  const evaluate = (fn, arg) => ff.inOptions(fn, arg);
  const tabs = (id) => browser.tabs.sendMessage(id, { type: 'page-status' });

  describe(`${label} (firefox, real host names)`, { timeout: 600000 }, () => {
    before(async () => {
      proxy = await startBlackholeProxy();
      ff = await launchFirefox({ proxyPort: proxy.port }).catch(async (e) => { await proxy.close(); throw e; });
      await ff.optionsPage.evaluate(installRecorder);
    });

    after(async () => {
      writeFileSync(resolve(SHOTS, `${round.name}-firefox.json`), `${JSON.stringify(all, null, 1)}\n`);
      await ff?.close();
      await proxy?.close();
    });

    for (const site of round.sites) {
      it(title(site), async () => {
        await evaluate(() => { globalThis.__sent = []; });
        const page = await openAnswered(ff, site.url, (url) => round.answer(url), { routed, errors: consoleErrors });
        const m = await measureSite(site, pageIo(page, evaluate, tabs), 10000);
        await page.close();
        record(all, site, m);
        assertSite(site, m);
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

// When a stage of the redesign drill (`io.drill`) is ready to be measured: every expected post
// there and a banner on every risky one. The drill asserts no more (a quote may be read again
// and get a banner, recorded in <round>-chromium-drill.json); waiting for "no banner on an
// ordinary post" as well would run into the timeout on every such page (8 s each).
export const drillReady = (r, cases) => cases.every((c) => r.present.includes(c))
  && Object.keys(r.expect).every((c) => r.expect[c] !== 'risky' || Boolean(r.perCase[c]));

// What every page of these rounds must show after loading and after each step (a round's
// `assertSite` adds its own): a banner on every risky post, one per post, none on an ordinary
// post or the page's chrome, and none of the chrome (nor a draft or template) sent to the engine.
export function assertStageBasics(f, at) {
  assert.deepEqual(f.missing, [], `${at}: every risky post has a banner`);
  assert.deepEqual(f.duplicates, [], `${at}: one banner per post`);
  assert.deepEqual(f.onOrdinary, [], `${at}: no banner on an ordinary post`);
  assert.equal(f.onChrome, 0, `${at}: no banner on the page's chrome (${(f.stray || []).join(' | ')})`);
  assert.deepEqual(f.chromeSent, [], `${at}: the page's chrome, drafts and templates never reach the engine`);
}

// A page whose site has a profile: the profile was chosen by its host name, and (`noFallback`)
// the popup does not say the layout is unknown.
export function assertProfileChosen(site, m, { noFallback = true } = {}) {
  if (!site.profile) return;
  assert.ok(m.status.profiles.includes(site.profile), `${site.file}: profile ${site.profile} chosen by host (got ${m.status.profiles})`);
  if (noFallback) assert.equal(m.status.fallback, false, `${site.file}: the popup does not say the layout is unknown`);
}
