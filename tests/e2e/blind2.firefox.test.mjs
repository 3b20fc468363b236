// The second blind markup round (issue 11) in headless Firefox ESR with the packaged
// extension: the pages of lib/blind2-sites.mjs under their real addresses, answered through
// puppeteer's request interception (WebDriver BiDi; nothing goes to the network), with the
// same assertions as blind2.chromium.test.mjs. Figures: target/e2e-screenshots/blind2-firefox.json.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './lib/server.mjs';
import { SHOTS, sleep, waitFor } from './lib/common.mjs';
import { launchFirefox, BROWSER_OWN_HOSTS } from './lib/firefox.mjs';
import { installRecorder, siteReport } from './lib/sites.mjs';
import { blindFigures, knownSent } from './lib/blind-sites.mjs';
import { BLIND2, blind2Answer, blind2Expectations, scrollPage } from './lib/blind2-sites.mjs';

let proxy;
let ff;
const routed = [];
const consoleErrors = [];
const figures = {};

// The options page hears the content scripts; its messages may be refused for a moment
// while Firefox suspends or restarts the background page.
async function inOptions(fn, arg) {
  for (let i = 1; ; i++) {
    try {
      return await ff.optionsPage.evaluate(fn, arg);
    } catch (err) {
      if (i >= 4 || !/Receiving end does not exist|Could not establish connection/i.test(String(err?.message))) throw err;
      await sleep(150 * i);
    }
  }
}

async function openSite(site) {
  const page = await ff.browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`page error ${page.url()}: ${e.message}`));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (!/^https?:/.test(url)) { req.continue(); return; }
    const a = blind2Answer(url);
    routed.push({ url, known: a.known });
    req.respond({ status: a.status, contentType: a.contentType, body: a.body });
  });
  await page.goto(site.url, { waitUntil: 'load' });
  return page;
}

describe('the second blind round (firefox, real host names)', { timeout: 600000 }, () => {
  before(async () => {
    proxy = await startBlackholeProxy();
    ff = await launchFirefox({ proxyPort: proxy.port }).catch(async (e) => { await proxy.close(); throw e; });
    await ff.optionsPage.evaluate(installRecorder);
  });

  after(async () => {
    writeFileSync(resolve(SHOTS, 'blind2-firefox.json'), `${JSON.stringify(figures, null, 1)}\n`);
    await ff?.close();
    await proxy?.close();
  });

  for (const site of BLIND2) {
    it(`${site.file} at ${site.url}: one banner per risky post, none elsewhere, no chrome sent`, async () => {
      const exp = blind2Expectations(site);
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
      }, { timeout: 10000, message: `banners on ${exp.risky.join(', ')}` }).catch(() => null);
      await sleep(700);
      const r = await page.evaluate(siteReport);
      const all = await inOptions(() => globalThis.__sent);
      const tab = all.map((s) => s.tab).find((t) => t != null);
      const sent = all.flatMap((s) => s.texts);
      const status = tab == null ? { profiles: [], fallback: false }
        : await inOptions((id) => browser.tabs.sendMessage(id, { type: 'page-status' }), tab).catch(() => ({ profiles: [], fallback: false }));
      const f = blindFigures(exp, r, sent, site.never);
      figures[site.file] = { ...f, knownSent: knownSent(site, sent), profiles: status.profiles, fallback: status.fallback, sent };
      await page.close();

      assert.deepEqual(f.missing, [], `${site.file}: every risky post has a banner`);
      assert.deepEqual(f.duplicates, [], `${site.file}: one banner per post`);
      assert.deepEqual(f.onOrdinary, [], `${site.file}: no banner on an ordinary post`);
      assert.deepEqual(r.stray, [], `${site.file}: no banner on the page's chrome`);
      assert.deepEqual(f.chromeSent, [], `${site.file}: the page's chrome never reaches the engine`);
      if (site.profile) assert.ok(status.profiles.includes(site.profile), `${site.file}: profile ${site.profile} chosen by host (got ${status.profiles})`);
    });
  }

  it('sent nothing to the network: every request was answered by the interception', async () => {
    await sleep(300);
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    assert.deepEqual(proxy.hits.filter((h) => !own.includes(h)), [], 'nothing reached the outside (proxy)');
    assert.deepEqual(routed.filter((r) => !r.known).map((r) => r.url), [], 'only fixture files were asked for');
    assert.ok(routed.length >= BLIND2.length, `pages and their files were answered (${routed.length})`);
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
