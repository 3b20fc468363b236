// Firefox ESR with the packaged extension (dist/firefox) via puppeteer-core (WebDriver BiDi;
// no geckodriver). The extension gets a fixed internal UUID so its pages have known URLs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { requireDist, sleep, waitFor } from './common.mjs';
import { GECKO_ID } from '../../../extension/manifest.mjs';

export const FIREFOX = process.env.REDFLAG_FIREFOX || '/usr/bin/firefox-esr';
const UUID = '5d1f0c1e-6a55-4f6e-9c1a-7e2d0f6a9b10';

// `dir`, `geckoId` (optional): an unpacked package and its add-on id, instead of the test copy
// of dist/firefox (the NGO suite loads its branded build). `viewport` and `prefs` (optional):
// the pages' size and more preferences (the phone suite: 360 px and a touch screen).
export async function launchFirefox({
  proxyPort, dir = requireDist('firefox'), geckoId = GECKO_ID, viewport = { width: 1100, height: 1000 }, prefs = {},
}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'redflag-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    // Lets WebDriver BiDi open the extension's own pages (moz-extension: URLs).
    args: ['--remote-allow-system-access'],
    defaultViewport: viewport,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      'intl.accept_languages': 'en-US, en',
      'intl.locale.requested': 'en-US',
      // Everything that is not loopback goes to the recording proxy, which refuses it.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.allow_hijacking_localhost': false,
      'network.proxy.no_proxies_on': '127.0.0.1, localhost',
      // The browser's own background traffic, off.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'browser.safebrowsing.downloads.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'browser.safebrowsing.provider.google4.updateURL': '',
      'extensions.getAddons.cache.enabled': false,
      'extensions.update.enabled': false,
      'extensions.blocklist.enabled': false,
      'services.settings.server': 'http://127.0.0.1:1/remote-settings-disabled',
      'datareporting.policy.dataSubmissionEnabled': false,
      'datareporting.healthreport.uploadEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.normandy.enabled': false,
      'app.shield.optoutstudies.enabled': false,
      'browser.newtabpage.enabled': false,
      'browser.startup.homepage': 'about:blank',
      'browser.topsites.contile.enabled': false,
      'browser.region.network.url': '',
      'browser.region.update.enabled': false,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.http.speculative-parallel-limit': 0,
      'media.gmp-manager.url': '',
      'media.gmp-gmpopenh264.enabled': false,
      'browser.contentblocking.report.lockwise.enabled': false,
      'identity.fxaccounts.enabled': false,
      'privacy.trackingprotection.enabled': false,
      'extensions.originControls.grantByDefault': true,
      // Suspend the idle background page after 3 s (default 30 s), so the tests exercise
      // a restart: the engine must come back with settings, choices and imports intact. Not
      // 1 s: Firefox suspends the page while it still builds an imported bundle's engine (a
      // pending promise is not activity), which on a loaded 2-core machine took over 1 s and
      // left the options page waiting for an answer that never came.
      'extensions.background.idle.timeout': 3000,
      ...prefs,
    },
  });
  let id;
  try {
    id = await browser.installExtension(dir);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const extUrl = (path) => `moz-extension://${UUID}/${path}`;
  // Puppeteer does not see the load of a moz-extension: page (it happens in the extension
  // process), so navigate without waiting and then wait for the document itself.
  const openExtensionPage = async (path, page) => {
    const p = page || (await browser.newPage());
    await p.goto(extUrl(path), { waitUntil: 'domcontentloaded', timeout: 1500 }).catch(() => {});
    await waitFor(() => p.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false),
      { timeout: 15000, message: `extension page ${path}` });
    return p;
  };
  let optionsPage;
  try {
    optionsPage = await openExtensionPage('src/options/options.html');
  } catch (e) {
    await browser.close();
    throw e;
  }
  // Runs `fn(arg)` in the options page. Like the extension's own pages (sendToBackground in
  // common.js): a message that reaches the background page while Firefox is suspending or
  // restarting it ("Receiving end does not exist") is sent again.
  async function inOptions(fn, arg) {
    for (let i = 1; ; i++) {
      try {
        return await optionsPage.evaluate(fn, arg);
      } catch (err) {
        if (i >= 4 || !/Receiving end does not exist|Could not establish connection/i.test(String(err?.message))) throw err;
        await sleep(150 * i);
      }
    }
  }
  return {
    openExtensionPage,
    browser,
    id,
    optionsPage,
    inOptions,
    extUrl,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Hosts Firefox itself contacts (remote settings) with or without any extension; refused by
// the proxy and told apart from anything redflag might send.
export const BROWSER_OWN_HOSTS = ['firefox.settings.services.mozilla.com', 'content-signature-2.cdn.mozilla.net'];

// Opens `url` in a new tab of `ff` with every web request of the page held and answered by
// `answer(url)` ({ status, contentType, body, known }; lib/sites.mjs, lib/blind-sites.mjs), so
// nothing goes to the network; each answer is recorded in `routed`, console errors and page
// errors in `errors`.
export async function openAnswered(ff, url, answer, { routed, errors }) {
  const page = await ff.browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error ${page.url()}: ${e.message}`));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const u = req.url();
    if (!/^https?:/.test(u)) { req.continue(); return; }
    const a = answer(u);
    routed.push({ url: u, known: a.known });
    req.respond({ status: a.status, contentType: a.contentType, body: a.body });
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}
