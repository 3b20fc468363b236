// End-to-end: the packaged extension (dist/firefox) in real headless Firefox ESR.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import {
  FIXTURES, SHOTS, allowedUrl, bannerReport, expectations, settleIdle, sleep, waitFor,
} from './lib/common.mjs';
import { launchFirefox, BROWSER_OWN_HOSTS } from './lib/firefox.mjs';
import { badBundles, badSignedBundles, importBundle, signDocument } from './lib/bundles.mjs';

let server;
let proxy;
let ff;
const requests = [];
const consoleErrors = [];
const timings = {};

function watch(page) {
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`page error ${page.url()}: ${e.message}`));
  return page;
}

async function newPage() {
  return watch(await ff.browser.newPage());
}

async function waitForBanners(page, name, { cases } = {}) {
  const want = cases || expectations(name).risky;
  return waitFor(async () => {
    const r = await page.evaluate(bannerReport);
    return want.every((c) => r.byCase[c]) ? r : null;
  }, { timeout: 25000, message: `banners on ${want.join(', ')} in ${name}` });
}

// A message to the background through the options page, sent again while Firefox suspends it
// (lib/firefox.mjs inOptions).
async function message(msg) {
  return ff.inOptions((m) => browser.runtime.sendMessage(m), msg);
}

// Returns once the extension has nothing more under way in the open pages (lib/common.mjs,
// settleIdle): a late batch must not change what is asserted next.
const settle = () => settleIdle(ff.inOptions);

describe('firefox', { timeout: 600000 }, () => {
  before(async () => {
    server = await startServer();
    proxy = await startBlackholeProxy();
    const t0 = Date.now();
    ff = await launchFirefox({ proxyPort: proxy.port }).catch(async (e) => { await proxy.close(); await server.close(); throw e; });
    timings.launchMs = Date.now() - t0;
    watch(ff.optionsPage);
  });

  after(async () => {
    writeFileSync(resolve(SHOTS, 'firefox-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await ff?.close();
    await server?.close();
    await proxy?.close();
  });

  it('loads the extension and builds the engine in the background script', async () => {
    const state = await message({ type: 'state' });
    assert.equal(state.error, null, `engine error: ${state.error}`);
    assert.ok(state.info.bundles.length >= 1);
    // the shipped bundle alone: read from the prebuilt tables by the lean module (src/wasm.rs)
    assert.equal(state.info.prebuilt, true, JSON.stringify(state.timings));
    assert.equal(state.timings.module, 'lean');
    timings.engineBuildMs = state.builtMs;
  });

  for (const name of FIXTURES) {
    it(`${name}: banners on the risky posts and on no other`, async () => {
      const exp = expectations(name);
      const page = await newPage();
      const t0 = Date.now();
      await page.goto(`${server.origin}/${name}.html`);
      await waitForBanners(page, name);
      timings[`firstBanners_${name}_ms`] = Date.now() - t0;
      await settle();
      const r = await page.evaluate(bannerReport);
      for (const c of exp.ordinary) assert.equal(r.byCase[c], undefined, `${name}: no banner on ${c}`);
      for (const c of exp.risky) assert.equal(r.byCase[c].open, true, 'closed shadow root');
      assert.equal(r.stray, 0);
      assert.equal(r.hosts, exp.risky.length);
      await page.screenshot({ path: resolve(SHOTS, `firefox-${name}.png`), fullPage: true });
      await page.close();
    });
  }

  it('keeps settings and "Not a concern" (chosen by keyboard) across reloads', async () => {
    await message({ type: 'set-settings', patch: { region: 'RS', sensitivity: 'caution' } });
    const page = await newPage();
    await page.goto(`${server.origin}/vk.html`);
    await waitForBanners(page, 'vk');
    // Keyboard: the first banner's buttons are Hide, then Not a concern.
    await page.evaluate(() => { document.activeElement?.blur(); window.focus(); });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'redflag-banner');
    await page.keyboard.press('Enter');
    await waitFor(async () => !(await page.evaluate(bannerReport)).byCase['ru-recruitment'], { message: 'dismissed by keyboard' });
    await page.reload();
    await waitForBanners(page, 'vk', { cases: ['ru-comment-risky', 'uk-abroad'] });
    await settle();
    assert.equal((await page.evaluate(bannerReport)).byCase['ru-recruitment'], undefined, 'still dismissed after reload');
    // Let the idle background page be suspended (3 s in these tests), then come back.
    const before = (await message({ type: 'state' })).startedAt;
    await sleep(6500);
    await page.reload();
    await waitForBanners(page, 'vk', { cases: ['ru-comment-risky', 'uk-abroad'] });
    await settle();
    assert.equal((await page.evaluate(bannerReport)).byCase['ru-recruitment'], undefined, 'still dismissed after a restart');
    const state = await message({ type: 'state' });
    timings.backgroundRestarted = state.startedAt !== before;
    assert.notEqual(state.startedAt, before, 'the background page was suspended and started again');
    assert.equal(state.settings.region, 'RS');
    assert.equal(state.region, 'RS');
    await message({ type: 'forget-choices' });
    const all = await waitForBanners(page, 'vk');
    // Sensitivity "danger": only danger banners remain. Waits for them (a fixed pause could end
    // before any banner came on a busy machine, and nothing would be checked), then for the
    // extension to finish: no banner of a lower level may follow.
    const dangerOnly = Object.entries(all.byCase).filter(([, v]) => v.level === 'danger').map(([k]) => k);
    assert.ok(dangerOnly.length > 0, 'the vk fixture has danger posts');
    await message({ type: 'set-settings', patch: { sensitivity: 'danger' } });
    await page.reload();
    await waitForBanners(page, 'vk', { cases: dangerOnly });
    await settle();
    const r = await page.evaluate(bannerReport);
    for (const v of Object.values(r.byCase)) assert.equal(v.level, 'danger');
    assert.equal(r.hosts, dangerOnly.length, 'a banner on every danger post and on no other');
    await message({ type: 'set-settings', patch: { sensitivity: 'caution', region: 'auto' } });
    await page.close();
  });

  it('rejects bad and wrongly signed bundles; unsigned only after confirming; signed verified', async () => {
    const before = await message({ type: 'state' });
    for (const bad of [...badBundles(), ...badSignedBundles()]) {
      const res = await message({ type: 'import-bundle', name: bad.name, json: bad.json, confirmed: true });
      assert.equal(res.ok, false);
      assert.match(res.error, bad.expect, res.error);
    }
    const afterBad = await message({ type: 'state' });
    assert.deepEqual(afterBad.settings, before.settings);
    assert.deepEqual(afterBad.imported, []);
    const opts = ff.optionsPage;
    await opts.waitForSelector('#builtin li');
    const input = await opts.$('#import-file');
    const bad = badBundles()[0];
    const tmp = resolve(SHOTS, bad.name);
    writeFileSync(tmp, bad.json);
    await input.uploadFile(tmp);
    await opts.waitForSelector('#import-status.error', { timeout: 30000 });
    const msg = await opts.$eval('#import-status', (e) => e.textContent);
    assert.match(msg, /unknown-family\.json/);
    assert.match(msg, /no_such_family/);
    assert.equal((await opts.$$('.imported-bundle')).length, 0);
    const good = resolve(SHOTS, 'e2e-bundle.json');
    writeFileSync(good, importBundle());
    await input.uploadFile(good);
    await opts.waitForSelector('#confirm-unsigned:not([hidden])', { timeout: 30000 });
    assert.equal((await opts.$$('.imported-bundle')).length, 0, 'not imported before the answer');
    await opts.click('#confirm-import');
    await opts.waitForSelector('.imported-bundle[data-status="unverified"] .badge.unverified', { timeout: 30000 });
    const page = await newPage();
    await page.goto(`${server.origin}/generic.html`);
    await waitForBanners(page, 'generic', { cases: ['import-only'] });
    await opts.click('.imported-bundle button');
    await waitFor(async () => (await opts.$$('.imported-bundle')).length === 0, { message: 'bundle removed' });
    const signed = resolve(SHOTS, 'e2e-signed.json');
    writeFileSync(signed, signDocument(importBundle()));
    await input.uploadFile(signed);
    await opts.waitForSelector('.imported-bundle[data-status="verified"]', { timeout: 30000 });
    assert.equal(await opts.$eval('#confirm-unsigned', (e) => e.hidden), true);
    await opts.click('.imported-bundle button');
    await waitFor(async () => (await opts.$$('.imported-bundle')).length === 0, { message: 'signed bundle removed' });
    await page.close();
  });

  it('keeps up with an endless feed', async () => {
    const page = await newPage();
    await page.goto(`${server.origin}/feed.html`);
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => window.scrollBy(0, 4000));
      await sleep(300);
    }
    await waitFor(async () => page.evaluate(() => {
      const risky = [...document.querySelectorAll('[data-expect="risky"]')];
      return risky.length > 12 && risky.every((p) => p.querySelector('redflag-banner'));
    }), { timeout: 25000, message: 'feed posts flagged' });
    const wrong = await page.evaluate(() => [...document.querySelectorAll('[data-expect="ordinary"] redflag-banner')].length);
    assert.equal(wrong, 0);
    await page.close();
  });

  it('sent no request anywhere but the fixture server', async () => {
    await sleep(500);
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    timings.browserOwnRequestsRefused = [...new Set(own.map((h) => h.host))];
    assert.deepEqual(proxy.hits.filter((h) => !own.includes(h)), [], 'nothing else reached the outside (proxy)');
    const foreign = requests.filter((u) => !allowedUrl(u, server.origin));
    assert.deepEqual(foreign, []);
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
