// End-to-end: the "check a message" page, as the standalone offline site (dist/check-site,
// served from a sub-folder of a local HTTP server, at a phone viewport) and inside the
// extension (chrome-extension://<id>/src/check/check.html, verdicts from the background).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import { DIST, ROOT, SHOTS, waitFor } from './lib/common.mjs';
import { CHROMIUM, BROWSER_OWN_HOSTS, launchChromium } from './lib/chromium.mjs';

const SITE = resolve(DIST, 'check-site');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

if (!existsSync(join(SITE, 'index.html')) || !existsSync(join(SITE, 'sw.js'))) {
  throw new Error(`${SITE} is missing: run make check-site`);
}

// The site's own i18n module (what the page shows), and the site's own engine (what the page
// must agree with).
const { I18n } = await import(pathToFileURL(join(SITE, 'src/common.js')).href);
const wasm = await import(pathToFileURL(join(SITE, 'engine/redflag.js')).href);
wasm.initSync({ module: readFileSync(join(SITE, 'engine/redflag_bg.wasm')) });
const engine = new wasm.Engine([readFileSync(join(SITE, 'bundles/default.json'), 'utf8')]);
const DIRECTORY = new Map(engine.supportDirectory().map((e) => [e.id, e]));

// Labelled examples (tests/corpus/<lang>.jsonl, or rules/languages/<lang>/corpus/ after the
// one-folder move).
function findFile(dir, name) {
  if (!existsSync(dir)) return null;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isFile() && d.name === name) return p;
    if (d.isDirectory()) {
      const hit = findFile(p, name);
      if (hit) return hit;
    }
  }
  return null;
}
function corpus(name) {
  const file = findFile(resolve(ROOT, 'tests/corpus'), `${name}.jsonl`) || findFile(resolve(ROOT, 'rules'), `${name}.jsonl`);
  assert.ok(file, `corpus file ${name}.jsonl`);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
const RU = corpus('ru');
const RU_RISKY = RU.find((e) => e.expect === 'danger').text;
const RU_HARMLESS = RU.find((e) => e.expect === 'none').text;
const SR_RISKY = corpus('sr-latn').find((e) => e.expect === 'danger').text;

// What the page shows, read from its DOM.
function readResult() {
  const r = document.getElementById('result');
  const marked = document.getElementById('marked');
  return {
    hidden: r.hidden,
    level: r.dataset.level,
    levelText: document.getElementById('result-level').textContent,
    summary: document.getElementById('summary').textContent,
    markedText: marked.textContent,
    marks: [...marked.querySelectorAll('mark')].map((m) => m.textContent),
    markedChildren: [...marked.childNodes].map((n) => (n.nodeType === 3 ? '#text' : n.localName)),
    why: [...document.querySelectorAll('#evidence li .phrase')].map((e) => e.textContent),
    support: [...document.querySelectorAll('#support li')].map((li) => ({
      id: li.dataset.supportId,
      region: li.dataset.region,
      tel: li.querySelector('a.tel')?.getAttribute('href') || null,
      web: li.querySelector('a.web') ? { target: li.querySelector('a.web').target, rel: li.querySelector('a.web').rel } : null,
    })),
    lang: document.documentElement.lang,
    region: document.getElementById('region').value,
    local: document.querySelector('.local').textContent,
    status: document.getElementById('status').textContent,
  };
}

async function checkText(page, text, { region } = {}) {
  if (region) await page.selectOption('#region', region);
  await page.fill('#text', text);
  const done = Number(await page.evaluate(() => document.documentElement.dataset.checks || 0));
  await page.click('#check');
  await waitFor(() => page.evaluate((n) => Number(document.documentElement.dataset.checks || 0) > n, done),
    { timeout: 20000, message: 'a result' });
  return page.evaluate(readResult);
}

// The evidence ranges merged as the page merges them: the texts that must be marked.
function expectedMarks(text, evidence) {
  const rs = evidence.map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  for (const [s, e] of rs) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out.map(([s, e]) => text.slice(s, e));
}

// region 'auto': nothing chosen; the engine follows the text's language, then `fallback` (the
// page's guess from the browser language).
function assertSameVerdict(shown, text, region, lang, fallback) {
  const [v] = region === 'auto' ? engine.classifyBatch([text], undefined, fallback) : engine.classifyBatch([text], region);
  assert.equal(shown.level, v.level, 'the level the engine gives');
  assert.equal(shown.levelText, I18n.t(lang, v.level === 'none' ? 'level_none' : `level_${v.level}`), 'level in words');
  assert.equal(shown.markedText, v.level === 'none' ? shown.markedText : text, 'the pasted text, unchanged');
  if (v.level !== 'none') {
    assert.deepEqual(shown.marks, expectedMarks(text, v.evidence), 'every risk sign marked, nothing else');
    assert.deepEqual(shown.support.map((s) => s.id), v.support, 'the support entries the engine chose, in its order');
    for (const s of shown.support) {
      const entry = DIRECTORY.get(s.id);
      assert.equal(s.tel, entry.phone ? `tel:${entry.phone.replace(/[^\d+]/g, '')}` : null, `${s.id}: a tel: link for its phone`);
      assert.deepEqual(s.web, entry.web ? { target: '_blank', rel: 'noopener noreferrer' } : null, `${s.id}: website opens only on click, no referrer`);
    }
    for (const e of v.evidence) assert.ok(shown.why.includes(e.text), `"${e.text}" listed under Why`);
  } else {
    assert.deepEqual(shown.support, []);
  }
  return v;
}

let server;
let proxy;
let browser;
let ctx;
let pageUrl;
const requests = []; // { url, phase, fromSW, byWorker }
const problems = []; // console errors, page errors
let phase = 'online';
let standaloneRuLevel = null;

describe('check page', { timeout: 300000 }, () => {
  before(async () => {
    // dist/ as the web root: the site lives in a sub-folder (/check-site/), as on an NGO's host.
    server = await startServer({ root: DIST });
    proxy = await startBlackholeProxy();
    pageUrl = `${server.origin}/${relative(DIST, SITE)}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--disable-domain-reliability', '--no-pings', '--disable-client-side-phishing-detection',
        // As in lib/chromium.mjs: Chromium's own services (autofill predictions for any page with
        // a form field, translation, …) would otherwise show up at the proxy.
        '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,InterestFeedContentSuggestions',
        `--proxy-server=http://127.0.0.1:${proxy.port}`],
    });
    ctx = await browser.newContext({ ...PHONE, locale: 'ru-RU', serviceWorkers: 'allow' });
    ctx.on('request', (r) => requests.push({ url: r.url(), phase, byWorker: !!r.serviceWorker(), req: r, fromSW: null }));
    ctx.on('response', (res) => {
      const rec = requests.find((x) => x.req === res.request());
      if (rec) rec.fromSW = res.fromServiceWorker();
    });
    ctx.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    ctx.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  });

  after(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.close();
    await proxy?.close();
  });

  it('standalone at a phone viewport: risky Russian ad, harmless ad, Serbian ad with region RS', async () => {
    const page = await ctx.newPage();
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.backend), 'page', 'the engine runs in the page');
    // Defaults like the extension: UI language from the browser language (ru-RU); region
    // automatic (the message's language, else the browser's: RU).
    let shown = await page.evaluate(readResult);
    assert.equal(shown.lang, 'ru');
    assert.equal(shown.region, 'auto');
    assert.equal(shown.local, I18n.t('ru', 'checkLocal'), 'says nothing leaves the device');
    assert.equal(shown.hidden, true);

    shown = await checkText(page, RU_RISKY);
    const v = assertSameVerdict(shown, RU_RISKY, 'auto', 'ru', 'RU');
    assert.equal(shown.level, 'danger', 'a strong-risk level for a labelled "danger" ad');
    standaloneRuLevel = shown.level;
    assert.ok(shown.marks.length >= 3, `evidence highlighted (${shown.marks.length} marks)`);
    assert.ok(shown.markedChildren.includes('mark') && shown.markedChildren.includes('#text'), 'marks between text nodes');
    assert.ok(shown.support.length >= 2, 'support links');
    assert.equal(shown.support[0].region, 'RU', 'the region\'s entry first');
    assert.ok(shown.support.every((s) => s.region === 'RU' || s.region === 'intl'), JSON.stringify(shown.support));
    assert.ok(shown.support.some((s) => s.region === 'intl'), 'international entries too');
    for (const s of shown.support.filter((x) => x.web)) assert.deepEqual(s.web, { target: '_blank', rel: 'noopener noreferrer' });
    assert.ok(v.evidence.length > 0);
    await page.screenshot({ path: join(SHOTS, 'check-phone.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'check-phone-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    shown = await checkText(page, RU_HARMLESS);
    assertSameVerdict(shown, RU_HARMLESS, 'auto', 'ru', 'RU');
    assert.equal(shown.level, 'none');
    assert.equal(shown.levelText, I18n.t('ru', 'level_none'), '"no risk signs"');
    assert.deepEqual(shown.marks, []);
    assert.equal(await page.isVisible('#marked-box'), false);
    assert.equal(await page.isVisible('#help-box'), false);

    // Automatic, a Serbian ad read in a Russian browser: the ad's language decides (RS first).
    shown = await checkText(page, SR_RISKY);
    assertSameVerdict(shown, SR_RISKY, 'auto', 'ru', 'RU');
    assert.equal(shown.support[0].region, 'RS', JSON.stringify(shown.support));
    assert.ok(shown.support.every((s) => s.region !== 'RU'), 'not the browser\'s region');

    // Serbian, UI in Serbian Latin, region RS: a Serbian entry first.
    await page.selectOption('#lang', 'sr-Latn');
    shown = await checkText(page, SR_RISKY, { region: 'RS' });
    assertSameVerdict(shown, SR_RISKY, 'RS', 'sr-Latn');
    assert.notEqual(shown.level, 'none');
    assert.equal(shown.lang, 'sr-Latn');
    assert.equal(shown.support[0].region, 'RS', JSON.stringify(shown.support));
    assert.ok(shown.support.every((s) => s.region === 'RS' || s.region === 'intl'));
    assert.ok(shown.support.some((s) => s.tel && /^tel:\+?\d+$/.test(s.tel)), 'a tel: link');
    // Changing the region re-checks: now a Ukrainian entry first.
    await page.selectOption('#region', 'UA');
    await waitFor(() => page.evaluate(() => document.querySelector('#support li')?.dataset.region === 'UA'), { message: 'UA support first' });
    await page.close();
  });

  it('keyboard only, and pasted markup stays text', async () => {
    const page = await ctx.newPage();
    await page.goto(`${pageUrl}?lang=en&region=intl`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', '?lang= chooses the UI language');
    const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> ${RU_RISKY}`;
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'text'; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'text', 'Tab reaches the text box');
    await page.keyboard.insertText(hostile);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'check', 'then the Check button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result-level', 'focus moves to the result');
    const shown = await page.evaluate(readResult);
    assertSameVerdict(shown, hostile, 'intl', 'en');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the pasted text ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('#result img, #result script').length), 0);
    // Ctrl+Enter in the text box checks too.
    await page.fill('#text', RU_HARMLESS);
    await page.focus('#text');
    await page.keyboard.press('Control+Enter');
    await waitFor(() => page.evaluate(() => document.getElementById('result').dataset.level === 'none'), { message: 'Ctrl+Enter check' });
    await page.close();
  });

  it('no horizontal scrolling at 360 px (and 320 px); the web app manifest and its icons', async () => {
    const page = await ctx.newPage();
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${pageUrl}?lang=uk`);
      await page.waitForSelector('html[data-ready="true"]');
      const long = `${RU_RISKY}\n${'https://example.invalid/'.padEnd(400, 'x')} ${'Ж'.repeat(300)}`;
      await checkText(page, long, { region: 'UA' });
      const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, iw: innerWidth }));
      assert.ok(m.sw <= m.cw && m.cw <= m.iw, `no horizontal scroll at ${width} px: ${JSON.stringify(m)}`);
      if (width === 360) await page.screenshot({ path: join(SHOTS, 'check-phone-360.png'), fullPage: true });
    }
    // The manifest the page links to, as Chromium parses it.
    const href = await page.evaluate(() => document.querySelector('link[rel=manifest]').href);
    const cdp = await ctx.newCDPSession(page);
    const app = await cdp.send('Page.getAppManifest');
    await cdp.detach();
    assert.equal(app.url, href);
    assert.deepEqual(app.errors, [], 'the manifest parses without errors');
    const manifest = JSON.parse(app.data);
    for (const k of ['name', 'short_name', 'start_url', 'scope', 'display', 'icons', 'theme_color']) assert.ok(manifest[k], `manifest.${k}`);
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.equal(manifest.display, 'standalone');
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}`);
      assert.ok(icon && icon.type === 'image/png', `a ${size} px PNG icon`);
      const png = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer()).slice(0, 24)), new URL(icon.src, href).href);
      assert.deepEqual(png.slice(1, 4), [0x50, 0x4e, 0x47], 'PNG signature');
      const dim = (o) => ((png[o] << 24) | (png[o + 1] << 16) | (png[o + 2] << 8) | png[o + 3]) >>> 0;
      assert.deepEqual([dim(16), dim(20)], [size, size], `${icon.src} is ${size}×${size}`);
    }
    // The service worker caches every file of the site.
    const sw = readFileSync(join(SITE, 'sw.js'), 'utf8');
    const files = JSON.parse(/const FILES = (\[[\s\S]*?\]);/.exec(sw)[1]);
    const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [relative(SITE, join(d, e.name))]));
    for (const f of walk(SITE).filter((f) => f !== 'sw.js')) assert.ok(files.includes(f), `sw.js precaches ${f}`);
    assert.ok(files.includes('./'));
    await page.close();
  });

  it('offline: after the first load the service worker serves the page; it loads and classifies with the server stopped', async () => {
    const page = await ctx.newPage();
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.equal(cacheNames.filter((n) => n.startsWith('redflag-check ')).length, 1, `one cache of this site: ${cacheNames}`);

    phase = 'offline';
    await ctx.setOffline(true);
    await server.close();
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const shown = await checkText(page, RU_RISKY, { region: 'RU' });
    assertSameVerdict(shown, RU_RISKY, 'RU', 'ru');
    assert.equal(shown.level, standaloneRuLevel);
    // A new tab offline, with the NGO-style link parameters.
    const page2 = await ctx.newPage();
    await page2.goto(`${pageUrl}?lang=sr-Latn&region=RS`);
    await page2.waitForSelector('html[data-ready="true"]');
    const sr = await checkText(page2, SR_RISKY);
    assert.equal(sr.region, 'RS');
    assert.equal(sr.support[0].region, 'RS');
    await page2.close();
    await page.close();
  });

  it('privacy: every request went to the local site; offline, everything came from the service worker', async () => {
    assert.ok(requests.length > 10, `requests recorded (${requests.length})`);
    const origin = server.origin;
    const elsewhere = requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(r.url));
    assert.deepEqual(elsewhere.map((r) => r.url), [], 'no request to anywhere but the local site');
    const offline = requests.filter((r) => r.phase === 'offline');
    assert.ok(offline.length > 0, 'the offline page made requests (to its service worker)');
    for (const r of offline) {
      assert.equal(r.byWorker, false, `the service worker fetched nothing while offline: ${r.url}`);
      assert.equal(r.fromSW, true, `served by the service worker: ${r.url}`);
    }
    const own = proxy.hits.filter((h) => BROWSER_OWN_HOSTS.includes(h.host));
    assert.deepEqual(proxy.hits.filter((h) => !own.includes(h)), [], 'nothing reached the outside (proxy)');
    assert.deepEqual(problems, [], 'no console errors or warnings');
  });

  it('inside the extension: the same page asks the background and gives the same level', async () => {
    const xproxy = await startBlackholeProxy();
    const ext = await launchChromium({ proxyPort: xproxy.port, viewport: PHONE.viewport });
    const errors = [];
    try {
      const page = await ext.ctx.newPage();
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(ext.extUrl('src/check/check.html'));
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.backend), 'extension');
      assert.equal(await page.evaluate(() => document.getElementById('offline-note').hidden), true);
      const shown = await checkText(page, RU_RISKY, { region: 'RU' });
      assert.equal(shown.level, standaloneRuLevel, 'same level as the standalone page');
      assertSameVerdict(shown, RU_RISKY, 'RU', shown.lang);
      assert.equal(shown.support[0].region, 'RU');
      const harmless = await checkText(page, RU_HARMLESS);
      assert.equal(harmless.level, 'none');
      // The popup links to it.
      const popup = await ext.ctx.newPage();
      await popup.goto(ext.extUrl('src/popup/popup.html'));
      assert.equal(await popup.getAttribute('#check-link', 'href'), '../check/check.html');
      assert.deepEqual(errors, []);
      assert.deepEqual(xproxy.hits.filter((h) => !BROWSER_OWN_HOSTS.includes(h.host)), []);
    } finally {
      await ext.close();
      await xproxy.close();
    }
  });
});
