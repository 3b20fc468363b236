// The hosted "check a message" site with the extension installed, in Firefox ESR: the same
// cases as check-site-extension.test.mjs (Chromium; the reasons are written there). The site
// is served from 127.0.0.1 (its service worker's own requests stay on the machine), the copies
// of it under a made-up https address through puppeteer's request interception (nothing goes
// to the network). Banners are counted by their host elements
// (data-redflag-level), which Firefox's closed roots leave visible.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBlackholeProxy, startServer } from './lib/server.mjs';
import { DIST, ROOT, sleep, waitFor } from './lib/common.mjs';
import { launchFirefox, openAnswered, BROWSER_OWN_HOSTS } from './lib/firefox.mjs';

const SITE = resolve(DIST, 'check-site');
if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE} is missing: run make dist`);
const { I18n } = await import(pathToFileURL(join(SITE, 'src/common.js')).href);

const file = [resolve(ROOT, 'tests/corpus/ru.jsonl'), resolve(ROOT, 'rules/languages/ru/corpus/ru.jsonl')].find(existsSync);
const DANGER = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((e) => e.expect === 'danger').map((e) => e.text);
const LONG = (() => { let t = ''; for (let i = 0; t.length < 6000; i++) t += `${DANGER[i % DANGER.length]}\n\n`; return t.trim(); })();
const RISKY = [DANGER[0], DANGER[2], LONG];
const CONTROL = `<article data-case="control">${DANGER[1]}</article>`;

const COPY_HOST = 'https://jobs-copy.example';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
};
const copies = new Map(); // path -> html

function copyPage({ heading, marked, css = '' }) {
  return readFileSync(join(SITE, 'index.html'), 'utf8').replace(/<script\b[^>]*>\s*<\/script>/g, '')
    .replace('<section id="result" class="result" aria-labelledby="result-level" hidden>', '<section id="result" class="result" aria-labelledby="result-level">')
    .replace('<h2 id="result-level" class="level" tabindex="-1"></h2>', `<h2 id="result-level" class="level" tabindex="-1">${heading}</h2>`)
    .replace('<div id="marked" class="marked"></div>', `<div id="marked" class="marked">${marked}</div>`)
    .replace('</head>', `<style>${css}</style></head>`)
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace('</body>', `${CONTROL}</body>`);
}

// Every request: the site's files (both hosts), the copies, or a 404.
function answer(url) {
  const u = new URL(url);
  if (u.origin === COPY_HOST && copies.has(u.pathname)) return { status: 200, contentType: TYPES['.html'], body: copies.get(u.pathname), known: true };
  if (u.origin === COPY_HOST) {
    const rel = u.pathname.endsWith('/') ? `${u.pathname}index.html` : u.pathname;
    const f = normalize(join(SITE, rel));
    if (f.startsWith(SITE) && existsSync(f)) return { status: 200, contentType: TYPES[extname(f)] || 'application/octet-stream', body: readFileSync(f), known: true };
  }
  return { status: 404, contentType: 'text/plain', body: 'not found', known: false };
}

let proxy;
let server;
let ff;
const routed = [];
const errors = [];

// Banners by post: the control post's, and the others.
function banners() {
  const all = [...document.querySelectorAll('[data-redflag-level]')].filter((h) => h.localName.startsWith('redflag'));
  const control = all.filter((h) => h.closest('[data-case="control"]')).length;
  return { control, others: all.length - control, levels: all.map((h) => h.getAttribute('data-redflag-level')) };
}

async function readAfterControl(page) {
  await waitFor(async () => ((await page.evaluate(banners)).control ? true : null), { timeout: 25000, message: 'the control post\'s banner (the extension read the page)' });
  await sleep(1500);
  return page.evaluate(banners);
}

describe('the hosted check page with the extension installed (firefox)', { timeout: 300000 }, () => {
  before(async () => {
    proxy = await startBlackholeProxy();
    server = await startServer({ root: DIST });
    ff = await launchFirefox({ proxyPort: proxy.port });
  });

  after(async () => {
    await ff?.close();
    await proxy?.close();
    await server?.close();
  });

  it('risky messages checked on the hosted site: the page\'s verdict only, no extension banner', async () => {
    const page = await ff.browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`page error ${page.url()}: ${e.message}`));
    await page.goto(`${server.origin}/check-site/?lang=en&region=intl`, { waitUntil: 'load' });
    for (const [i, text] of RISKY.entries()) {
      const n = Number(await page.evaluate(() => document.documentElement.dataset.checks || 0));
      await page.evaluate((t) => { const el = document.getElementById('text'); el.value = t; el.dispatchEvent(new Event('input', { bubbles: true })); }, text);
      await page.click('#check');
      await waitFor(() => page.evaluate((k) => Number(document.documentElement.dataset.checks || 0) > k, n), { timeout: 20000, message: 'a result' });
      assert.equal(await page.evaluate(() => document.getElementById('result-level').textContent), I18n.t('en', 'level_danger'), `message ${i}: the page's own verdict`);
      if (i === 0) await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), CONTROL);
      const b = await readAfterControl(page);
      assert.equal(b.others, 0, `message ${i}: no extension banner besides the page's own verdict (${b.levels})`);
    }
    await page.close();
  });

  const cases = [
    { name: 'says "No risk signs found"', heading: 'level_none', banner: true },
    { name: 'shows a lower level', heading: 'level_caution', banner: true },
    { name: 'hides its heading (font-size 0)', heading: 'level_danger', css: '#result-level{font-size:0}', banner: true },
    { name: 'hides its heading (visibility)', heading: 'level_danger', css: '#result-level{visibility:hidden}', banner: true },
    { name: 'moves its heading off the screen', heading: 'level_danger', css: '#result-level{position:absolute;left:-9999px}', banner: true },
    { name: 'shows "Strong risk signs" over its own ad (the page warns itself)', heading: 'level_danger', banner: false },
  ];
  for (const [i, c] of cases.entries()) {
    it(`a copy of the check page that ${c.name}: ${c.banner ? 'the banner stays' : 'no banner'}`, async () => {
      copies.set(`/copy-${i}.html`, copyPage({ heading: I18n.t('en', c.heading), marked: DANGER[0], css: c.css }));
      const page = await openAnswered(ff, `${COPY_HOST}/copy-${i}.html`, answer, { routed, errors });
      const b = await readAfterControl(page);
      assert.equal(b.others, c.banner ? 1 : 0, `banners besides the control: ${b.levels}`);
      await page.close();
    });
  }

  it('sent nothing to the network; no console errors', () => {
    assert.deepEqual(proxy.hits.filter((h) => !BROWSER_OWN_HOSTS.includes(h.host)), []);
    assert.deepEqual(routed.filter((r) => !r.known && !/favicon/.test(r.url)), []);
    assert.deepEqual(errors, []);
  });
});
