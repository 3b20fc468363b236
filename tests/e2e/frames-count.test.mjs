// End-to-end (Chromium and Firefox ESR with the extension): the popup's "N posts with risk signs
// on this page" counts the posts of cross-origin frames too. A news page embeds a post widget
// from another site (a cross-origin <iframe>, read by the extension's own copy in that frame,
// content.js); before, the popup asked only the page and said 1 while 2 banners showed. The
// popup now opens a port to every frame of the tab and adds what each frame reports.
// Pages are served under real host names through request routing; nothing leaves the machine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlackholeProxy } from './lib/server.mjs';
import { ROOT, waitFor } from './lib/common.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { launchFirefox, openAnswered } from './lib/firefox.mjs';

const file = [resolve(ROOT, 'tests/corpus/ru.jsonl'), resolve(ROOT, 'rules/languages/ru/corpus/ru.jsonl')].find(existsSync);
const items = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const DANGER = items.filter((e) => e.expect === 'danger').map((e) => e.text);
const ORDINARY = items.filter((e) => e.expect === 'none').map((e) => e.text);
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const PAGE = 'https://news-frames.example/article.html';
const HTML = 'text/html; charset=utf-8';
// The page: one risky post of its own, a risky post in a cross-origin widget, an ordinary one in
// a second widget, and a same-origin frame (read by the page's own copy, counted once).
const FILES = {
  'https://news-frames.example/article.html': `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Новости</title></head><body>
<main><h1>Новости города</h1><article data-case="page">${esc(DANGER[0])}</article>
<p>${esc(ORDINARY[0])}</p>
<iframe src="https://widget-frames.example/post-1.html" width="600" height="400" title="post"></iframe>
<iframe src="https://widget-frames.example/post-2.html" width="600" height="300" title="post"></iframe>
<iframe src="https://news-frames.example/same.html" width="600" height="300" title="same"></iframe></main></body></html>`,
  'https://widget-frames.example/post-1.html': `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><article data-case="frame">${esc(DANGER[1])}</article></body></html>`,
  'https://widget-frames.example/post-2.html': `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><article data-case="frame-ordinary">${esc(ORDINARY[1])}</article></body></html>`,
  'https://news-frames.example/same.html': `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><article data-case="same">${esc(DANGER[2])}</article></body></html>`,
};
function answer(url) {
  const body = FILES[url.split('#')[0]];
  return body ? { status: 200, contentType: HTML, body, known: true } : { status: 404, contentType: 'text/plain', body: 'not found', known: false };
}

// Banners in one document (the extension's hosts carry data-redflag-level).
function bannerCount() {
  return [...document.querySelectorAll('[data-redflag-level]')].filter((h) => h.localName.startsWith('redflag')).length;
}
const WANT = 3; // the page's post, the same-origin frame's, the cross-origin widget's

describe('the popup counts posts in cross-origin frames (chromium)', { timeout: 180000 }, () => {
  let proxy;
  let browser;
  before(async () => {
    proxy = await startBlackholeProxy();
    browser = await launchChromium({ proxyPort: proxy.port });
    await browser.ctx.route((url) => url.hostname.endsWith('-frames.example'), (route) => {
      const a = answer(route.request().url());
      return route.fulfill({ status: a.status, contentType: a.contentType, body: a.body });
    });
  });
  after(async () => {
    await browser?.close();
    await proxy?.close();
  });

  it('page 2 (its own post and the same-origin frame\'s) + widget 1 = 3, as many as banners show', async () => {
    const page = await browser.ctx.newPage();
    await page.goto(PAGE);
    // Every banner, in every frame, before asking the popup.
    await waitFor(async () => {
      let n = 0;
      for (const f of page.frames()) n += await f.evaluate(bannerCount).catch(() => 0);
      return n === WANT;
    }, { timeout: 30000, message: `${WANT} banners across the page and its frames` });
    for (const p of browser.ctx.pages()) if (p !== page) await p.close(); // the start page
    const pop = await browser.ctx.newPage();
    await pop.goto(browser.extUrl('src/popup/popup.html'));
    const tabId = await pop.evaluate(async () => {
      const me = await chrome.tabs.getCurrent();
      return (await chrome.tabs.query({})).filter((t) => t.id !== me.id).map((t) => t.id);
    });
    assert.equal(tabId.length, 1, 'exactly one page tab is open');
    await pop.goto(browser.extUrl(`src/popup/popup.html?tab=${tabId[0]}`));
    const want = await pop.evaluate((n) => globalThis.RedflagI18n.t('en', 'pageCount', { n }), WANT);
    await waitFor(async () => (await pop.textContent('#count')) === want, { timeout: 10000, message: `popup count "${want}"` })
      .catch(async (e) => { throw new Error(`${e.message}; shown: "${await pop.textContent('#count')}"`); });
    await pop.close();
    await page.close();
  });

  it('sent nothing to the network', () => {
    assert.deepEqual(proxy.hits.filter((h) => !['accounts.google.com', 'update.googleapis.com', 'clients2.google.com', 'clients2.googleusercontent.com', 'edgedl.me.gvt1.com', 'redirector.gvt1.com'].includes(h.host)), []);
  });
});

describe('the popup counts posts in cross-origin frames (firefox)', { timeout: 180000 }, () => {
  let proxy;
  let ff;
  const routed = [];
  const errors = [];
  before(async () => {
    proxy = await startBlackholeProxy();
    ff = await launchFirefox({ proxyPort: proxy.port });
  });
  after(async () => {
    await ff?.close();
    await proxy?.close();
  });

  it('page 2 + widget 1 = 3, as many as banners show', async () => {
    const page = await openAnswered(ff, PAGE, answer, { routed, errors });
    await waitFor(async () => {
      let n = 0;
      for (const f of page.frames()) n += await f.evaluate(bannerCount).catch(() => 0);
      return n === WANT;
    }, { timeout: 30000, message: `${WANT} banners across the page and its frames` });
    const tabs = await ff.inOptions(async () => (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url })));
    const tab = tabs.find((t) => t.url === PAGE);
    assert.ok(tab, JSON.stringify(tabs));
    const pop = await ff.openExtensionPage(`src/popup/popup.html?tab=${tab.id}`);
    const want = await pop.evaluate((n) => globalThis.RedflagI18n.t('en', 'pageCount', { n }), WANT);
    await waitFor(async () => (await pop.evaluate(() => document.getElementById('count').textContent)) === want,
      { timeout: 10000, message: `popup count "${want}"` });
    await pop.close();
    await page.close();
    assert.deepEqual(routed.filter((r) => !r.known && !r.url.endsWith('/favicon.ico')), [], 'every request answered from the fixture');
  });

  it('sent nothing to the network', () => {
    assert.deepEqual(proxy.hits.filter((h) => !['firefox.settings.services.mozilla.com', 'content-signature-2.cdn.mozilla.net'].includes(h.host)), []);
  });
});
