// End-to-end (Chromium with the extension): the hosted "check a message" site
// (dist/check-site) is a web page like any other for the extension, and it shows a verdict of
// its own. Before the fix, checking a risky message put an extension banner ("Some risk
// signs") at the top of <main>, above the page's own "Strong risk signs": two verdicts on one
// screen. The extension now leaves a post alone when the post itself visibly shows, in the
// extension's own words, a warning at least as strong as the one it would give (content.js,
// pageWarns). That is no "skip me" switch a recruiter's page could copy: a copy of the check
// page that says "No risk signs found", a lower level, or hides the heading, over a risky ad,
// still gets the banner; and to lose the banner by showing "Strong risk signs" over its own ad
// a page warns its readers itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, startBlackholeProxy } from './lib/server.mjs';
import { DIST, ROOT, SHOTS, sleep, waitFor } from './lib/common.mjs';
import { launchChromium, readBanners } from './lib/chromium.mjs';

const SITE = resolve(DIST, 'check-site');
if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE} is missing: run make dist`);
const { I18n } = await import(pathToFileURL(join(SITE, 'src/common.js')).href);

function corpus(name) {
  const file = [resolve(ROOT, `tests/corpus/${name}.jsonl`), resolve(ROOT, `rules/languages/${name}/corpus/${name}.jsonl`)].find(existsSync);
  assert.ok(file, `corpus file ${name}.jsonl`);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
const DANGER = corpus('ru').filter((e) => e.expect === 'danger').map((e) => e.text);
// Three messages, and a long one (several ads, over 6,000 characters): the page is then too
// long to be read whole, and the copy of the message in the result is read alone, under the
// page's heading.
const LONG = (() => { let t = ''; for (let i = 0; t.length < 6000; i++) t += `${DANGER[i % DANGER.length]}\n\n`; return t.trim(); })();
const RISKY = [...DANGER.slice(0, 3), LONG];

// A copy of the check page on another host (a recruiter's page built from the public site),
// served without its scripts, its result filled in by hand: `heading` over `marked`, `css` added.
const COPY_HOST = 'https://jobs-copy.example';
const TYPES = { '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.js': 'text/javascript' };
function copyPage({ heading, marked, css = '' }) {
  let html = readFileSync(join(SITE, 'index.html'), 'utf8').replace(/<script\b[^>]*>\s*<\/script>/g, '');
  html = html.replace('<section id="result" class="result" aria-labelledby="result-level" hidden>', '<section id="result" class="result" aria-labelledby="result-level">')
    .replace('<h2 id="result-level" class="level" tabindex="-1"></h2>', `<h2 id="result-level" class="level" tabindex="-1">${heading}</h2>`)
    .replace('<div id="marked" class="marked"></div>', `<div id="marked" class="marked">${marked}</div>`)
    .replace('</head>', `<style>${css}</style></head>`)
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  return html;
}

let server;
let proxy;
let browser;
const copies = new Map(); // path -> html

// Waits until the extension has read the page: a banner appears on the control post
// (`data-case="control"`, a risky ad the page shows no verdict for), then returns the banners.
async function bannersOnceRead(page) {
  return waitFor(async () => {
    const b = await readBanners(browser.ctx, page);
    return b.some((x) => x.case === 'control') ? b : null;
  }, { timeout: 20000, message: 'the control post\'s banner (the extension read the page)' });
}

const CONTROL = () => `<article data-case="control">${RISKY[1]}</article>`;

describe('the hosted check page with the extension installed (chromium)', { timeout: 300000 }, () => {
  before(async () => {
    server = await startServer({ root: DIST });
    proxy = await startBlackholeProxy();
    browser = await launchChromium({ proxyPort: proxy.port });
    await browser.ctx.route((url) => url.origin === COPY_HOST, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (copies.has(path)) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: copies.get(path) });
      const file = normalize(join(SITE, path));
      if (file.startsWith(SITE) && existsSync(file)) return route.fulfill({ status: 200, contentType: TYPES[extname(file)] || 'application/octet-stream', body: readFileSync(file) });
      return route.fulfill({ status: 404, body: '' });
    });
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('a risky message checked on the hosted site: the page\'s verdict only, no extension banner above it', async () => {
    const page = await browser.ctx.newPage();
    await page.goto(`${server.origin}/check-site/?lang=en&region=intl`);
    // The control post, added by the test beside <main>: proves the extension reads this page.
    for (const [i, text] of RISKY.entries()) {
      await page.fill('#text', text);
      const n = Number(await page.evaluate(() => document.documentElement.dataset.checks || 0));
      await page.click('#check');
      await waitFor(() => page.evaluate((k) => Number(document.documentElement.dataset.checks || 0) > k, n), { timeout: 20000, message: 'a result' });
      const shown = await page.evaluate(() => ({ level: document.getElementById('result').dataset.level, text: document.getElementById('result-level').textContent }));
      assert.equal(shown.level, 'danger', `message ${i}: the page's own verdict`);
      assert.equal(shown.text, I18n.t('en', 'level_danger'));
      if (i === 0) await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), CONTROL());
      const banners = await bannersOnceRead(page);
      // Give the result's own reading (rewritten by the page after each check) time to arrive.
      await sleep(1500);
      const again = await readBanners(browser.ctx, page);
      assert.deepEqual(again.filter((b) => b.case !== 'control').map((b) => b.level), [], `message ${i}: no extension banner besides the page's own verdict (${JSON.stringify(banners.map((b) => [b.case, b.level]))})`);
    }
    await page.screenshot({ path: resolve(SHOTS, 'check-site-with-extension.png'), fullPage: true });
    await page.close();
  });

  const cases = [
    { name: 'says "No risk signs found" over a risky ad', heading: () => I18n.t('en', 'level_none'), banner: true },
    { name: 'shows a lower level ("Some risk signs") over a risky ad', heading: () => I18n.t('en', 'level_caution'), banner: true },
    { name: 'hides its "Strong risk signs" heading (font-size 0)', heading: () => I18n.t('en', 'level_danger'), css: '#result-level{font-size:0}', banner: true },
    { name: 'hides its "Strong risk signs" heading (transparent)', heading: () => I18n.t('en', 'level_danger'), css: '#result-level{opacity:0}', banner: true },
    { name: 'moves its "Strong risk signs" heading off the screen', heading: () => I18n.t('en', 'level_danger'), css: '#result-level{position:absolute;left:-9999px}', banner: true },
    { name: 'shows "Strong risk signs" over its own ad (the page warns itself)', heading: () => I18n.t('en', 'level_danger'), banner: false },
  ];
  for (const [i, c] of cases.entries()) {
    it(`a copy of the check page that ${c.name}: ${c.banner ? 'the banner stays' : 'no banner'}`, async () => {
      const path = `/copy-${i}.html`;
      copies.set(path, copyPage({ heading: c.heading(), marked: RISKY[0], css: c.css }).replace('</body>', `${CONTROL()}</body>`));
      const page = await browser.ctx.newPage();
      await page.goto(`${COPY_HOST}${path}`);
      await bannersOnceRead(page);
      await sleep(500);
      const others = (await readBanners(browser.ctx, page)).filter((b) => b.case !== 'control');
      if (c.banner) assert.equal(others.length, 1, `one banner on the copied result region (${JSON.stringify(others.map((b) => b.level))})`);
      else assert.equal(others.length, 0, 'no second banner');
      await page.close();
    });
  }

  it('a copy that shows "Strong risk signs" and hides it a moment later by a style: the banner comes', async () => {
    copies.set('/copy-late.html', copyPage({ heading: I18n.t('en', 'level_danger'), marked: RISKY[0], css: '.gone #result-level{visibility:hidden}' }).replace('</body>', `${CONTROL()}</body>`));
    const page = await browser.ctx.newPage();
    await page.goto(`${COPY_HOST}/copy-late.html`);
    await bannersOnceRead(page);
    await sleep(500);
    assert.equal((await readBanners(browser.ctx, page)).filter((b) => b.case !== 'control').length, 0, 'no banner while the warning shows');
    // A class on <html>: no text changes, nothing the page's observer would report.
    await page.evaluate(() => document.documentElement.classList.add('gone'));
    await waitFor(async () => ((await readBanners(browser.ctx, page)).some((b) => b.case !== 'control') ? true : null),
      { timeout: 6000, message: 'the banner once the page\'s warning is hidden' });
    await page.close();
  });

  it('sent nothing to the network', () => {
    assert.deepEqual(proxy.hits.filter((h) => !['accounts.google.com', 'update.googleapis.com', 'clients2.google.com', 'clients2.googleusercontent.com', 'edgedl.me.gvt1.com', 'redirector.gvt1.com'].includes(h.host)), []);
  });
});
