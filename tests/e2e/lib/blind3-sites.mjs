// The third blind markup round (issue 11): pages and page BEHAVIOURS the first two rounds left
// out — webmail (Gmail, Outlook, Mail.ru: an inbox with snippets beside an opened message, the
// body of one in a same-origin iframe), Instagram, TikTok and YouTube comments (very short risky
// comments in long lists, emoji drawn as images), WhatsApp Web, Facebook Marketplace, job
// boards (robota.ua, DuaPune), MSN's comments in nested open shadow roots and a VK 2025 clip.
// Behaviours: a virtualised list that RECYCLES its row elements for other messages, text edited
// in place (text nodes' data rewritten), "show more" that expands the text inside the same
// element, a post rendered empty and filled later, batches added on scroll. Each page is built
// from public evidence of the site's markup (named in a comment at the top of its fixture) with
// invented texts and served under the site's real address through the browser's request
// routing (blindRound() of lib/blind-sites.mjs).
//
// Each entry, as in lib/blind2-sites.mjs: the fixture (fixtures/sites/blind3/<file>.html), its
// address, how to scroll for more posts, chrome that must never reach the engine (`never`),
// a profile that must be chosen by host (`profile`: gmail and youtube were added after the
// round's first measurement), and chrome a reading cannot tell from a post's text, only
// measured (`known`: a like count or a job type inside a card read whole, a sidebar of titles). New: `steps`, names of functions of the
// page's own script (window.__b3) run one after the other once the page's banners are up
// (recycle, edit, expand, seeMore); after each, the posts are judged again by their CURRENT
// data-expect, so a recycled or edited node whose text turned ordinary must lose its banner
// and one whose text turned risky must get one. Cases in <template x-recycle> exist only after
// a step.
//
// The page report walks open shadow roots and same-origin iframes (siteReport() of
// lib/sites.mjs sees the top document only).
import { sleep, waitFor } from './common.mjs';
import { chromiumStepRound, firefoxStepRound, assertProfileChosen, assertStageBasics } from './step-suite.mjs';
import { blindRound, scrollPage } from './blind-sites.mjs';

export const BLIND3 = [
  { file: 'gmail-inbox', url: 'https://mail.google.com/mail/u/0/', profile: 'gmail',
    never: ['Написать', 'Входящие 1 204', '2 318', 'Помеченные', 'Ответить', 'Переслать', 'кому: мне', '3 часа назад'] },
  { file: 'outlook-inbox', url: 'https://outlook.live.com/mail/0/', steps: ['recycle'],
    never: ['Створити повідомлення', 'Пріоритетні', 'Небажана пошта', 'Відповісти', 'Переслати'] },
  { file: 'mailru-letter', url: 'https://e.mail.ru/inbox/0:17000000001/',
    never: ['Написать письмо', 'Ответить всем', 'Облако', 'Отправленные'] },
  { file: 'instagram-post', url: 'https://www.instagram.com/p/C9xYz12AbCd/', scroll: { element: 'ig-comments', to: 'bottom' },
    never: ['Ответить', 'Подписаться', 'Добавьте комментарий', 'Ещё публикации', 'Конфиденциальность'], known: ['отметок', 'Посмотреть перевод'] },
  { file: 'tiktok-video', url: 'https://www.tiktok.com/@dream.jobs.eu/video/7441234567890123456', scroll: { element: 'tt-comments', to: 'bottom' }, steps: ['expand'],
    never: ['Ответить', '8 214', '1 032', 'Копировать ссылку', 'Рекомендуем', 'оригинальный звук', 'Загрузка…'] },
  { file: 'youtube-comments', url: 'https://www.youtube.com/watch?v=Xk3dR9pL2mQ', profile: 'youtube', scroll: { window: true },
    never: ['Читать дальше', 'Ответить', '1 874', 'Упорядочить', 'Введите комментарий', '48,2 тыс.', '@lena.travel', '13 дней назад'], known: ['Работа в Германии 2026'] },
  { file: 'whatsapp-chat', url: 'https://web.whatsapp.com/', steps: ['edit'],
    never: ['Poruke i pozivi su sveobuhvatno šifrovani', 'DANAS', 'Kupi hleb', 'teren je rezervisan', 'Unesite poruku'] },
  { file: 'fb-marketplace', url: 'https://www.facebook.com/marketplace/item/1100000000000001/', steps: ['seeMore'],
    never: ['Надіслати повідомлення продавцю', 'Показати більше', 'Сьогоднішні пропозиції', 'Переглянути все', 'Пошук у Facebook'] },
  { file: 'robota-ua', url: 'https://robota.ua/zapros/hostes/ukraine', scroll: { window: true },
    never: ['Відгукнутися без резюме', 'Знайдено 214', 'Наступна', 'Підписатися', 'Схожі запити'] },
  { file: 'duapune-jobs', url: 'https://duapune.com/', never: ['Apliko', 'Posto punë', 'Kategoritë', 'Kushtet e përdorimit'], known: ['Me kohë të plotë'] },
  { file: 'msn-comments', url: 'https://www.msn.com/uk-ua/news/other/sezonna-robota-za-kordonom/ar-AA1uXyZ1',
    never: ['Показати більше коментарів', 'Відповісти', 'Додайте коментар', 'Курс валют', 'Поскаржитися'] },
  { file: 'vk-clip', url: 'https://vk.com/clip-2170001_456239101', profile: 'vk', steps: ['expand', 'recycle'],
    never: ['Показать ещё', 'Ответить', '12,4K', 'Подписаться', 'Написать комментарий', 'вчера в'] },
];

export const ROUND3 = blindRound('blind3', 'the third blind round', BLIND3);

// The cases present when a page has loaded (and scrolled): every case of the fixture except
// those that only a step brings (<template x-recycle>).
export function initialCases(site) {
  const page = ROUND3.html(site).replace(/<template x-recycle[\s\S]*?<\/template>/g, '');
  return [...page.matchAll(/data-expect="(risky|ordinary)" data-case="([^"]+)"/g)].map((m) => m[2]);
}

// Runs in the page: every banner (an element with data-redflag-level) and every post
// (data-case) in the document, in its open shadow roots and in its same-origin iframes. A
// banner belongs to the nearest post around it, across shadow roots and frames, or to the post
// right before or after it. `expect` is each post's CURRENT data-expect.
export function deepReport() {
  const out = { perCase: {}, levels: {}, expect: {}, stray: [], present: [] };
  const roots = [];
  const visit = (root) => {
    roots.push(root);
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.tagName === 'IFRAME') {
        let doc = null;
        try { doc = el.contentDocument; } catch { doc = null; }
        if (doc && doc.documentElement) visit(doc);
      }
    }
  };
  visit(document);
  const postOf = (el) => {
    let node = el;
    while (node) {
      const post = node.closest('[data-case]');
      if (post) return post;
      if (node.nextElementSibling && node.nextElementSibling.matches('[data-case]') && node === el) return node.nextElementSibling;
      if (node.previousElementSibling && node.previousElementSibling.matches('[data-case]') && node === el) return node.previousElementSibling;
      const root = node.getRootNode();
      if (root.host) node = root.host;
      else if (root.defaultView && root.defaultView.frameElement) node = root.defaultView.frameElement;
      else return null;
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
      out.levels[c] = host.getAttribute('data-redflag-level');
    }
    for (const post of root.querySelectorAll('[data-case]')) {
      const c = post.getAttribute('data-case');
      out.present.push(c);
      out.expect[c] = post.getAttribute('data-expect');
    }
  }
  return out;
}

// One page's figures at one moment, judged by the posts' current data-expect.
export function figures(report, sent, never) {
  const risky = Object.keys(report.expect).filter((c) => report.expect[c] === 'risky');
  const ordinary = Object.keys(report.expect).filter((c) => report.expect[c] === 'ordinary');
  return {
    risky: risky.length,
    bannered: risky.filter((c) => report.perCase[c]).length,
    missing: risky.filter((c) => !report.perCase[c]),
    duplicates: Object.entries(report.perCase).filter(([, n]) => n > 1).map(([c, n]) => `${c}×${n}`),
    onOrdinary: ordinary.filter((c) => report.perCase[c]),
    onChrome: report.stray.length,
    stray: report.stray,
    chromeSent: never.filter((bad) => sent.some((t) => t.includes(bad))),
  };
}

const settled = (r, cases) => cases.every((c) => r.present.includes(c))
  && Object.keys(r.expect).every((c) => (r.expect[c] === 'risky') === Boolean(r.perCase[c]));

// Opens nothing itself: measures an opened page of `site` through `io` ({ page, sent(), reset(),
// status() }), runs its steps, and returns { stages: [{ stage, ...figures }], status, sent }.
async function measureSite(site, io, timeout) {
  const cases = initialCases(site);
  if (site.scroll) {
    for (let i = 0; i < 3; i++) {
      await io.page.evaluate(scrollPage, site.scroll);
      await sleep(150);
    }
  }
  const stages = [];
  const stage = async (name) => {
    await waitFor(async () => {
      const r = await io.page.evaluate(deepReport);
      return settled(r, cases) ? r : null;
    }, { timeout, message: `${site.file} ${name}: banners on the risky posts only` }).catch(() => null);
    await io.settle(); // a late batch or a late reading may still be under way: it must not change anything
    const r = await io.page.evaluate(deepReport);
    stages.push({ stage: name, ...figures(r, await io.sent(), site.never) });
  };
  await stage('load');
  for (const step of site.steps || []) {
    await io.page.evaluate((s) => window.__b3[s](), step);
    await stage(step);
  }
  return { stages, status: await io.status(), sent: await io.sent() };
}

// What every page must show, at load and after each step: a banner on every risky post, one per
// post, none on an ordinary post (so none left over on a recycled or edited one) or the page's
// chrome, no chrome sent to the engine; a profile named for the page chosen by its host.
function assertSite(site, m) {
  for (const f of m.stages) {
    const at = `${site.file} (${f.stage})`;
    assertStageBasics(f, at);
  }
  assertProfileChosen(site, m, { noFallback: false });
}

// The round in headless Chromium (with the redesign drill: false) and Firefox ESR, with
// the packaged extension (lib/step-suite.mjs).
export function chromiumRound3() {
  chromiumStepRound({ round: ROUND3, label: 'the third blind round', measureSite, assertSite });
}

export function firefoxRound3() {
  firefoxStepRound({ round: ROUND3, label: 'the third blind round', measureSite, assertSite });
}
