// End-to-end: the "check a message" page, as the standalone offline site (dist/check-site,
// served from a sub-folder of a local HTTP server, at a phone viewport) and inside the
// extension (chrome-extension://<id>/src/check/check.html, verdicts from the background); a
// message shared into the site from another app (the manifest's share target), online and
// offline, at 360 px; the site's install guide in every UI language.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import { DIST, ROOT, SHOTS, sleep, waitFor } from './lib/common.mjs';
import { BROWSER_OWN_HOSTS, launchChromium, launchSiteBrowser } from './lib/chromium.mjs';

const SITE = resolve(DIST, 'check-site');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const SMALL = { width: 360, height: 740 };

if (!existsSync(join(SITE, 'index.html')) || !existsSync(join(SITE, 'sw.js'))) {
  throw new Error(`${SITE} is missing: run make check-site`);
}

// The site's own i18n module (what the page shows), and the site's own engine (what the page
// must agree with).
const { I18n } = await import(pathToFileURL(join(SITE, 'src/common.js')).href);
const share = await import(pathToFileURL(join(SITE, 'src/check/share.js')).href);
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
    redflagLevel: r.getAttribute('data-redflag-level'),
    text: document.getElementById('text').value,
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
let appManifest = null; // { href, data }: the site's web app manifest as Chromium parsed it

// The address Android opens for "Share → redflag", built from the manifest's share_target as
// the browser builds it (GET: the action with the shared fields as its query).
function shareUrl(data) {
  const target = appManifest.data.share_target;
  const u = new URL(target.action, appManifest.href);
  const q = new URLSearchParams();
  for (const [field, name] of Object.entries(target.params)) if (data[field] != null) q.append(name, data[field]);
  u.search = q.toString();
  return u.href;
}

// Opens a share and waits for the page to have read it (and, unless only a link arrived, for
// its result).
async function openShare(page, data, { result = true } = {}) {
  await page.goto(shareUrl(data));
  await page.waitForSelector('html[data-ready="true"][data-shared="true"]');
  if (result) await page.waitForSelector('#result:not([hidden])', { timeout: 20000 });
  const shown = await page.evaluate(readResult);
  return { ...shown, ...(await page.evaluate(() => ({ href: location.href, search: location.search, focus: document.activeElement?.id }))) };
}

function noHorizontalScroll() {
  const d = document.documentElement;
  return { ok: d.scrollWidth <= d.clientWidth && d.clientWidth <= innerWidth, sw: d.scrollWidth, cw: d.clientWidth, iw: innerWidth };
}

describe('shared text (share.js, in Node)', () => {
  const q = (o) => new URLSearchParams(o);
  it('Telegram: the message in text', () => {
    assert.equal(share.sharedText(q({ text: '  Работа в Дубае\r\nпишите в лс ' })), 'Работа в Дубае\nпишите в лс');
  });
  it('title, text and url: each kept once, in that order', () => {
    assert.equal(share.sharedText(q({ title: 'Вакансия', text: 'Работа в Дубае', url: 'https://vk.com/wall-1_2' })),
      'Вакансия\nРабота в Дубае\nhttps://vk.com/wall-1_2');
    // a link already in the text, a title that repeats the text's start, empty fields
    assert.equal(share.sharedText(q({ title: 'Работа в Дубае', text: 'Работа в Дубае, 3000$ в неделю https://t.me/x', url: 'https://t.me/x' })),
      'Работа в Дубае, 3000$ в неделю https://t.me/x');
    assert.equal(share.sharedText(q({ title: '', text: '', url: 'Only in url' })), 'Only in url');
    assert.equal(share.sharedText(q({ title: 'Only in title' })), 'Only in title');
    assert.equal(share.sharedText(q({ lang: 'ru' })), null);
    assert.equal(share.sharedText(q({ text: '   ' })), null);
  });
  it('only a link; the address without the shared fields', () => {
    assert.equal(share.onlyLinks('https://vk.com/wall-1_2'), true);
    assert.equal(share.onlyLinks(' https://a.example/x\nhttp://b.example '), true);
    assert.equal(share.onlyLinks('Работа https://vk.com/wall-1_2'), false);
    assert.equal(share.withoutShare('https://h.example/site/?title=a&text=b&url=c&lang=ru#x'), '/site/?lang=ru#x');
    assert.equal(share.withoutShare('https://h.example/site/?text=b'), '/site/');
    assert.equal(share.hasShare(q({ text: '' })), true);
    assert.equal(share.hasShare(q({ lang: 'ru' })), false);
  });
});

describe('check page', { timeout: 300000 }, () => {
  before(async () => {
    // dist/ as the web root: the site lives in a sub-folder (/check-site/), as on an NGO's host.
    server = await startServer({ root: DIST });
    proxy = await startBlackholeProxy();
    pageUrl = `${server.origin}/${relative(DIST, SITE)}/`;
    browser = await launchSiteBrowser({ proxyPort: proxy.port });
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
    // The manifest the page links to (once its service worker is active), as Chromium parses it.
    await page.waitForSelector('link[rel=manifest]', { state: 'attached', timeout: 20000 });
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), 'activated');
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
    // "Share → redflag" on Android: a GET to the page itself (works on any static host; the
    // service worker answers it), the three shared fields under their own names.
    assert.deepEqual(manifest.share_target, {
      action: './', method: 'GET', enctype: 'application/x-www-form-urlencoded', params: { title: 'title', text: 'text', url: 'url' },
    });
    appManifest = { href, data: manifest };
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

  it('no service worker (blocked, or plain http): no manifest, so the page cannot be installed as a share target', async () => {
    const blocked = await browser.newContext({ ...PHONE, locale: 'ru-RU', serviceWorkers: 'block' });
    try {
      const page = await blocked.newPage();
      await page.goto(pageUrl);
      await page.waitForSelector('html[data-ready="true"][data-engine="ready"]');
      await sleep(1000);
      assert.equal(await page.evaluate(() => document.querySelectorAll('link[rel=manifest]').length), 0);
      // The page itself works.
      const shown = await checkText(page, RU_RISKY);
      assert.equal(shown.level, 'danger');
    } finally {
      await blocked.close();
    }
  });

  it('share target, online with the service worker in control: checked at once at 360 px, never sent to the server, cleared from the address', async () => {
    assert.ok(appManifest, 'the manifest test ran');
    const page = await ctx.newPage();
    await page.setViewportSize(SMALL);
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    await page.waitForSelector('link[rel=manifest]', { state: 'attached' });
    const seenBefore = server.requests.length;
    const navigations = [];
    const onRequest = (r) => { if (r.isNavigationRequest()) navigations.push(r); };
    page.on('request', onRequest);

    // Telegram: the message in `text`.
    let shown = await openShare(page, { text: RU_RISKY });
    assert.equal(shown.text, RU_RISKY, 'the shared message is in the text box');
    assertSameVerdict(shown, RU_RISKY, 'auto', 'ru', 'RU');
    assert.equal(shown.level, 'danger');
    assert.equal(shown.redflagLevel, 'danger', 'the result carries data-redflag-level, like a banner');
    assert.equal(shown.focus, 'result-level', 'focus on the result');
    assert.equal(shown.search, '', 'the shared text is gone from the address');
    assert.equal(shown.href, pageUrl);
    assert.deepEqual(await page.evaluate(noHorizontalScroll).then((m) => m.ok), true);
    await page.screenshot({ path: join(SHOTS, 'check-share-360.png'), fullPage: true });

    // An ordinary ad: no risk signs, no data-redflag-level.
    shown = await openShare(page, { title: 'Объявление', text: RU_HARMLESS });
    assert.equal(shown.text, `Объявление\n${RU_HARMLESS}`);
    assert.equal(shown.level, 'none');
    assert.equal(shown.redflagLevel, null);
    assert.equal(shown.search, '');

    page.off('request', onRequest);
    assert.ok(navigations.length >= 2);
    for (const r of navigations.filter((n) => /[?&]text=/.test(n.url()))) {
      assert.equal((await r.response()).fromServiceWorker(), true, 'the share was answered by the service worker');
    }
    const reached = server.requests.slice(seenBefore);
    assert.deepEqual(reached.filter((r) => /[?&](title|text|url)=/.test(r.url)), [], 'no shared field reached the server');
    assert.ok(!reached.some((r) => decodeURIComponent(r.url).includes(RU_RISKY.slice(0, 20))), 'nor any part of the message');

    // Even with the page gone from the cache, the service worker fetches only the page's own
    // address, never the one with the message in it.
    await page.evaluate(async () => {
      for (const name of await caches.keys()) if (name.startsWith('redflag-check ')) await (await caches.open(name)).delete('./');
    });
    const before = server.requests.length;
    shown = await openShare(page, { text: RU_RISKY });
    assert.equal(shown.level, 'danger');
    const fetched = server.requests.slice(before).map((r) => r.url);
    assert.ok(fetched.includes(new URL(pageUrl).pathname), `the page itself was fetched: ${fetched}`);
    assert.deepEqual(fetched.filter((u) => /[?&](title|text|url)=/.test(u)), [], 'without the shared text');
    await page.evaluate(async () => {
      for (const name of await caches.keys()) if (name.startsWith('redflag-check ')) await (await caches.open(name)).add('./');
    });
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
    let shown = await checkText(page, RU_RISKY, { region: 'RU' });
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

    // Shared from another app with the network off, at 360 px: a risky message gets its
    // verdict at once, an ordinary one none, only a link gets a word on what to do.
    await page.setViewportSize(SMALL);
    shown = await openShare(page, { text: SR_RISKY });
    assert.equal(shown.text, SR_RISKY);
    assertSameVerdict(shown, SR_RISKY, 'auto', 'ru', 'RU');
    assert.notEqual(shown.level, 'none');
    assert.equal(shown.redflagLevel, shown.level);
    assert.equal(shown.support[0].region, 'RS', 'help follows the message\'s language');
    assert.equal(shown.search, '');
    assert.equal((await page.evaluate(noHorizontalScroll)).ok, true);
    await page.screenshot({ path: join(SHOTS, 'check-share-offline-360.png'), fullPage: true });
    shown = await openShare(page, { text: RU_HARMLESS });
    assert.equal(shown.level, 'none');
    assert.equal(shown.redflagLevel, null);
    // Some apps put the message in `title` or `url`.
    shown = await openShare(page, { title: RU_RISKY, text: '', url: '' });
    assert.equal(shown.text, RU_RISKY);
    assert.equal(shown.redflagLevel, 'danger');
    shown = await openShare(page, { url: 'https://vk.com/wall-1_2' }, { result: false });
    assert.equal(shown.hidden, true, 'nothing checked');
    assert.equal(shown.status, I18n.t('ru', 'shareOnlyLink'));
    assert.equal(shown.search, '');
    await page.screenshot({ path: join(SHOTS, 'check-share-link-360.png'), fullPage: true });
    await page.close();
  });

  it('install guide: every UI language, its pictures, reached from the check page and back (offline)', async () => {
    const page = await ctx.newPage();
    await page.setViewportSize(SMALL);
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-ready="true"]');
    await page.selectOption('#lang', 'uk');
    assert.equal(await page.isVisible('#install-link'), true);
    await page.click('#install-link');
    await page.waitForSelector('html[data-ready="true"]');
    assert.match(page.url(), /\/install\.html\?lang=uk$/);
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
    const NAMES = {
      chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', samsung: 'Samsung Internet', safari: 'Safari',
      chromestore: 'Chrome Web Store', amo: 'addons.mozilla.org', android: 'Android', iphone: 'iPhone', telegram: 'Telegram', vk: 'VK',
    };
    for (const lang of I18n.LANGS) {
      await page.selectOption('#lang', lang);
      const got = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        texts: [...document.querySelectorAll('[data-i18n]')].map((e) => [e.dataset.i18n, e.textContent]),
        alts: [...document.querySelectorAll('img')].map((i) => [i.dataset.i18nAlt, i.alt, i.complete && i.naturalWidth > 0, new URL(i.src).origin === location.origin]),
        back: document.getElementById('back').getAttribute('href'),
      }));
      assert.equal(got.lang, lang);
      assert.ok(got.texts.length >= 20, `${got.texts.length} texts`);
      for (const [key, text] of got.texts) {
        assert.equal(text, I18n.t(lang, key, NAMES), `${lang}: ${key}`);
        assert.doesNotMatch(text, /\{[a-z]+\}/, `${lang}: ${key}: every name filled in`);
      }
      assert.equal(got.alts.length, 3);
      for (const [key, alt, loaded, local] of got.alts) {
        assert.equal(alt, I18n.t(lang, key, NAMES), `${lang}: ${key}`);
        assert.ok(loaded && local, `${lang}: picture ${key} loaded from the site itself`);
      }
      if (lang === 'sr-Cyrl') {
        assert.match(got.texts.find(([k]) => k === 'installPhoneStep1')[1], /Chrome.*Samsung Internet.*Firefox/, 'names stay in Latin in Serbian Cyrillic');
      }
      assert.match(got.back, /\?lang=/);
      assert.equal((await page.evaluate(noHorizontalScroll)).ok, true, `${lang}: no horizontal scroll at 360 px`);
      if (lang === 'ru') await page.screenshot({ path: join(SHOTS, 'install-ru-360.png'), fullPage: true });
    }
    await page.selectOption('#lang', 'sq');
    await page.click('#back');
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'sq', 'back to the check page in the same language');
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
