// The fifth blind markup round (issue 11): sites and page BEHAVIOURS the first four rounds left
// out. Sites: Telegram's post widget embedded in a Serbian news article (cross-origin t.me
// iframes) with a comments widget in a CLOSED shadow root, FREEMAIL (ukr.net) with a letter in
// an <iframe srcdoc>, VK Video comments in a virtualised list, a Facebook group post opened in a
// dialog, Jooble, lalafo (200 ads), Index Oglasi, Mastodon, a Telegram Web A channel, Posao.ba.
// Behaviours: rows reused AND moved (transform: translateY), text streamed in word by word,
// characterData edits, risk signs only in an image's alt text, a dialog opened by a click and
// closed, a "read more" that fetches the rest and replaces the element, a page that rewrites
// every post's text every second (banners must neither flicker nor multiply), the <body>
// element replaced, a print / reader view, 200 posts of which 3 risky. Each page is built from
// public evidence (named in a comment at the top of its fixture) with invented texts, written
// before reading the extension's reading code, and served under the site's real address.
//
// Each entry, as in lib/blind4-sites.mjs: the fixture (fixtures/sites/blind5/<file>.html), its
// address, `never` (chrome, drafts), `known` (measured only), `profile` (a profile added after
// the round's first measurement), `steps` (functions of window.__b5 run one after the other
// once the banners are up; after each, posts are judged by their CURRENT data-expect), and:
// `cases`: the cases present at load when the page's script draws them (otherwise read from the
// fixture), `files`: other addresses the page loads (frames, fetched text) and their fixture
// files under blind5/frames/, `sample`: watch the page for 3 seconds after load (it rewrites
// itself, or a message is still being written) and count, in each of 30 samples, risky posts without a banner and posts with two.
// The report looks into every frame of the page (also cross-origin ones) and into the closed
// shadow roots a page lists in window.__b5closed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './common.mjs';
import { chromiumStepRound, firefoxStepRound, assertProfileChosen, assertStageBasics, drillReady } from './step-suite.mjs';
import { blindRound } from './blind-sites.mjs';
import { figures } from './blind3-sites.mjs';

const FRAMES = fileURLToPath(new URL('../fixtures/sites/blind5/frames/', import.meta.url));
const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export const BLIND5 = [
  { file: 'tme-embed', url: 'https://www.blic.rs/vesti/drustvo/struja-radovi-objave-kanala/k3x9q2w',
    files: {
      'https://t.me/posao_ino_demo/4182?embed=1': ['tme-post-4182.html', HTML],
      'https://t.me/beograd_info_demo/9120?embed=1': ['tme-post-9120.html', HTML],
      'https://t.me/posao_ino_demo/4190?embed=1': ['tme-post-4190.html', HTML],
    },
    never: ['View in Telegram', '13.7K', 'Povezane vesti', 'Prijavi se', 'Odgovori', '18 komentara'], known: ['Posao Inostranstvo'] },
  { file: 'ukrnet-mail', url: 'https://mail.ukr.net/desktop#msglist/f0/p0', steps: ['openHeating'],
    never: ['Написати лист', 'Позначити прочитаними', 'Це спам', 'Пошук у пошті', 'Чернетки'],
    known: ['Кадрове агентство «Світ»', '09:12', 'Робота для вас'] },
  { file: 'vkvideo-comments', url: 'https://vkvideo.ru/video-1001_456239017', steps: ['scroll'], profile: 'vk',
    cases: ['vkv-baikal', 'vkv-dubai', 'vkv-music', 'vkv-escort', 'vkv-weekly', 'vkv-cold'],
    never: ['Ответить', 'Отличный ролик, жду вторую часть', '48 тыс. просмотров', 'Субтитры', 'Поделиться'],
    known: ['Kristina_Work', '2 часа назад'] },
  { file: 'fb-post-dialog', url: 'https://www.facebook.com/groups/poslovi.bih/', steps: ['openComments', 'closeDialog'],
    never: ['Sviđa mi se', 'Komentariši', '37 komentara', 'Prikaži još 33 komentara', 'Ovo je sigurno prevara', 'Predložene grupe', 'Pridruži se grupi'],
    known: ['Zaposlenje Plus', '3 h', 'Dino'] },
  { file: 'jooble-list', url: 'https://ua.jooble.org/SearchResult?ukw=адміністратор', steps: ['readMoreHotel'], profile: 'jooble',
    files: { 'https://ua.jooble.org/api/jobdesc/71842': ['jooble-desc-71842.json', JSON_TYPE] },
    never: ['Детальніше', 'Зберегти', 'Схожі запити', 'Наступна сторінка', 'Створити резюме', '1 240 вакансій'],
    known: ['Hotel Partners', '2 дні тому', 'від 40 000 грн'] },
  { file: 'lalafo-jobs', url: 'https://lalafo.kg/bishkek/rabota/vakansii', profile: 'lalafo',
    never: ['Подать объявление', 'Следующая', '3 412 объявлений', 'Сортировка'], known: ['сегодня, 10:12', 'Бишкек, Свердловский'] },
  { file: 'indexhr-oglasi', url: 'https://www.index.hr/oglasi/posao/gid/3', steps: ['nextPage'],
    never: ['Predaj oglas', 'Spremi', 'Sljedeća', '1.284 oglasa', 'Prethodna'], known: ['Objavljen:', '3.000 €'] },
  { file: 'mastodon-tag', url: 'https://mastodon.social/tags/jobs', steps: ['showMore'], sample: true, profile: 'mastodon',
    cases: ['mas-dubai', 'mas-library', 'mas-albanian', 'mas-waiter', 'mas-cw'],
    never: ['Follow hashtag', 'Show more', 'Looking for honest work', 'Live feeds', '128 posts'],
    known: ['Gulf Talent Hub', 'gulftalent@mastodon.social', '4m', 'job offer, long'] },
  { file: 'tga-channel', url: 'https://web.telegram.org/a/#-1001977001', steps: ['edit'], sample: true,
    never: ['13,7K', '12 480 подписчиков', 'Переслано из', 'Это правда? Кто-нибудь ездил?', 'Позвони вечером'],
    known: ['Работа Стамбул', '09:12'] },
  { file: 'posaoba-print', url: 'https://www.posao.ba/oglas/hostese-za-rad-u-inostranstvu/30911', steps: ['print', 'closePrint'],
    never: ['Apliciraj', 'Printaj oglas', 'Objavi oglas', 'Zatvori pregled', 'Pregleda: 2.184', 'Slični oglasi'],
    known: ['Global Staff d.o.o.', 'Rok prijave'] },
];

// The round: blindRound's pages and files, and the other addresses the pages load.
function round5() {
  const base = blindRound('blind5', 'the fifth blind round', BLIND5);
  const files = Object.assign({}, ...BLIND5.map((s) => s.files || {}));
  const answer = (url, drilled = new Set()) => {
    const own = files[url];
    if (own) return { status: 200, contentType: own[1], body: readFileSync(`${FRAMES}${own[0]}`, 'utf8'), known: true };
    return base.answer(url, drilled);
  };
  return { ...base, answer };
}

export const ROUND5 = round5();

// The cases present when a page has loaded: `cases`, or every case of the fixture except those
// a step brings (<template x-later>), and those of the frames it loads.
export function initialCases(site) {
  if (site.cases) return site.cases;
  const found = (html) => [...html.matchAll(/data-expect="(risky|ordinary)" data-case="([^"]+)"/g)].map((m) => m[2]);
  const page = ROUND5.html(site).replace(/<template[^>]* x-later[\s\S]*?<\/template>/g, '');
  const frames = Object.values(site.files || {}).filter(([, t]) => t === HTML).map(([f]) => readFileSync(`${FRAMES}${f}`, 'utf8'));
  return [...found(page), ...frames.flatMap(found)];
}

// Runs in one frame: its banners and posts, in its open shadow roots and in the closed ones it
// lists in window.__b5closed (not in its iframes: every frame is asked on its own). A banner
// belongs to the nearest post around it (across shadow roots), or to the post right before or
// after it.
function frameReport() {
  const out = { perCase: {}, expect: {}, stray: [], present: [] };
  const roots = [];
  const visit = (root) => {
    roots.push(root);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  for (const r of window.__b5closed || []) visit(r);
  const postOf = (el) => {
    let node = el;
    while (node) {
      const post = node.closest('[data-case]');
      if (post) return post;
      if (node === el && node.nextElementSibling && node.nextElementSibling.matches('[data-case]')) return node.nextElementSibling;
      if (node === el && node.previousElementSibling && node.previousElementSibling.matches('[data-case]')) return node.previousElementSibling;
      const root = node.getRootNode();
      node = root.host || null;
    }
    return null;
  };
  for (const root of roots) {
    for (const host of root.querySelectorAll('[data-redflag-level]')) {
      const post = postOf(host);
      if (!post) {
        out.stray.push((host.parentElement ? host.parentElement.outerHTML : '').slice(0, 300));
        continue;
      }
      const c = post.getAttribute('data-case');
      out.perCase[c] = (out.perCase[c] || 0) + 1;
    }
    for (const post of root.querySelectorAll('[data-case]')) {
      const c = post.getAttribute('data-case');
      out.present.push(c);
      out.expect[c] = post.getAttribute('data-expect');
    }
  }
  return out;
}

// The whole page's report: every frame's, merged.
async function pageReport(page) {
  const out = { perCase: {}, expect: {}, stray: [], present: [] };
  for (const frame of page.frames()) {
    const r = await frame.evaluate(frameReport).catch(() => null);
    if (!r) continue;
    for (const [c, n] of Object.entries(r.perCase)) out.perCase[c] = (out.perCase[c] || 0) + n;
    Object.assign(out.expect, r.expect);
    out.stray.push(...r.stray);
    out.present.push(...r.present);
  }
  return out;
}

const settled = (r, cases) => cases.every((c) => r.present.includes(c))
  && Object.keys(r.expect).every((c) => (r.expect[c] === 'risky') === Boolean(r.perCase[c]));

// Watches a page that rewrites itself (or a message still being written) for 3 seconds, at
// every frame the browser paints (requestAnimationFrame: what the person can see), in the
// page's own document: the risky posts without a banner (`flicker`) and the posts with more
// than one (`doubled`), as "case@ms". A banner removed and put back before the next paint is
// not seen, nor counted.
async function samplePage(page) {
  await page.evaluate(`window.__b5report = ${frameReport.toString()}`);
  return page.evaluate(() => new Promise((done) => {
    const flicker = [];
    const doubled = [];
    const t0 = performance.now();
    const tick = () => {
      const ms = Math.round(performance.now() - t0);
      const r = window.__b5report();
      for (const [c, e] of Object.entries(r.expect)) {
        if (e === 'risky' && !r.perCase[c]) flicker.push(`${c}@${ms}`);
        if ((r.perCase[c] || 0) > 1) doubled.push(`${c}@${ms}`);
      }
      if (ms < 3000) requestAnimationFrame(tick);
      else done({ flicker, doubled });
    };
    requestAnimationFrame(tick);
  }));
}

// Measures an opened page of `site` through `io` ({ page, sent(), status() }), runs its steps
// (functions of window[hook], awaited when they return a promise), and returns { stages:
// [{ stage, ...figures, flicker, doubled }], status, sent }. `cases(site)`: the cases present
// once the page has loaded. Rounds 5 and 6 measure their pages this way.
export function stepMeasure({ cases: casesOf, hook }) {
  return async function measureSite(site, io, timeout) {
    const cases = casesOf(site);
    const stages = [];
    const stage = async (name, expected) => {
      const t0 = Date.now();
      await waitFor(async () => {
        const r = await pageReport(io.page);
        return (io.drill ? drillReady : settled)(r, expected()) ? r : null;
      }, { timeout, message: `${site.file} ${name}: banners on the risky posts only` }).catch(() => null);
      const ms = Date.now() - t0;
      await io.settle(); // a late batch or a late reading may still be under way: it must not change anything
      const r = await pageReport(io.page);
      const sent = await io.sent();
      stages.push({ stage: name, ms, ...figures(r, sent, site.never), flicker: [], doubled: [] });
    };
    await stage('load', () => cases);
    if (site.sample) {
      const s = await samplePage(io.page);
      const r = await pageReport(io.page);
      stages.push({ stage: 'watched 3 s', ms: 0, ...figures(r, await io.sent(), site.never), ...s });
    }
    for (const step of site.steps || []) {
      await io.page.evaluate(([h, s]) => window[h][s](), [hook, step]);
      await stage(step, () => []);
    }
    return { stages, status: await io.status(), sent: await io.sent() };
  };
}

const measureSite = stepMeasure({ cases: initialCases, hook: '__b5' });

// What every page must show, at load and after each step: a banner on every risky post, one per
// post, none on an ordinary post or the page's chrome, no chrome or draft sent to the engine,
// and, on a page that rewrites itself, no moment without a risky post's banner or with two.
export function assertSite(site, m) {
  for (const f of m.stages) {
    const at = `${site.file} (${f.stage})`;
    assertStageBasics(f, at);
    assert.deepEqual(f.flicker, [], `${at}: a risky post's banner never disappears while the page rewrites itself`);
    assert.deepEqual(f.doubled, [], `${at}: never two banners on one post while the page rewrites itself`);
  }
  assertProfileChosen(site, m);
}

// The round in headless Chromium (with the redesign drill) and Firefox ESR, with the packaged
// extension (lib/step-suite.mjs).
export function chromiumRound5() {
  chromiumStepRound({ round: ROUND5, label: 'the fifth blind round', measureSite, assertSite, drill: true });
}

export function firefoxRound5() {
  firefoxStepRound({ round: ROUND5, label: 'the fifth blind round', measureSite, assertSite });
}
