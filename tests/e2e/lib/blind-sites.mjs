// The blind markup round (issue 11): pages of sites and markup variants that the site
// profiles were NOT written against, built from public evidence of how those sites render
// (scrapers, userscripts, extensions; each fixture names its evidence in a comment at its
// top), with invented texts. Served under the sites' real addresses through the browser's
// request routing, as lib/sites.mjs does for the profiled sites.
//
// Each entry: the fixture (fixtures/sites/blind/<file>.html), the address it is served at,
// how to scroll for more posts, strings of the page's chrome that must never reach the
// engine (`never`: buttons, counters, times, sidebars), and, where a profile was added after
// the round's first measurement, the profile the host must choose (`profile`; the popup
// must then not say that the page is read in general).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { redesign, SITES_DIR } from './sites.mjs';

export const BLIND = [
  { file: 'mvk-wall', url: 'https://m.vk.com/club1001', scroll: { window: true }, profile: 'vk',
    never: ['Показать полностью', 'Поделиться', '13,7K', '4096', 'Запись закреплена', 'Показать больше записей', '12 480 подписчиков'] },
  { file: 'tme-s', url: 'https://t.me/s/rabota_abroad_demo', profile: 'telegram-s',
    never: ['13.7K', 'Load older messages', 'Forwarded from', 'Open in Telegram', '8.4K subscribers'] },
  { file: 'ok-feed', url: 'https://ok.ru/feed', scroll: { window: true },
    never: ['Класс!', 'Комментировать', '1 024', 'Открыть', 'Возможно, вы знакомы'] },
  { file: 'fb-group', url: 'https://www.facebook.com/groups/poslovi.demo', scroll: { window: true },
    never: ['See more', '214 comments', 'Suggested groups', 'Leave a comment', 'Public group'] },
  { file: 'reddit', url: 'https://www.reddit.com/r/jobs/',
    never: ['13 hr. ago', 'About Community', 'Upvote', 'No recruitment spam'] },
  { file: 'x-search', url: 'https://x.com/search?q=hostess%20abroad', scroll: { window: true },
    never: ['Show more', '4096', 'Who to follow', "What's happening", 'Terms of Service'] },
  { file: 'xenforo-thread', url: 'https://forum.krstarica.com/threads/posao-u-inostranstvu.990001/',
    never: ['Sviđa mi se', 'Odgovori', 'Kliknite da proširite', 'Najbolji poslovi u Evropi', 'Slične teme', 'VIP Agencija said:'] },
  { file: 'wp-comments', url: 'https://oksana-blog.wordpress.com/2026/11/20/sezonna-robota/',
    never: ['Відповісти', 'Останні коментарі', 'Залишити коментар', 'Архіви'] },
  { file: 'halooglasi-posao', url: 'https://www.halooglasi.com/posao/ponuda-poslova', scroll: { window: true },
    never: ['Sačuvaj', 'Postavi oglas', 'Uslovi korišćenja'] },
  { file: 'workua-jobs', url: 'https://www.work.ua/jobs-hostes/',
    never: ['Відгукнутися', 'Знайти вакансії', 'Схожі запити'] },
  { file: 'olxba-list', url: 'https://olx.ba/pretraga?kategorija=31',
    never: ['Objavi oglas', 'Izdvojene kategorije'], known: ['prije 2 sata', '2.500 KM'] },
  { file: 'mojposao-list', url: 'https://www.moj-posao.net/Pretraga-Poslova/?keyword=hostesa', profile: 'mojposao',
    never: ['Spremi', 'Savjeti za posao', 'Pronađeno 14 oglasa'] },
];

// One blind round: its pages (fixtures/sites/<name>/<file>.html, their stylesheet
// fixtures/sites/<name>/<name>.css and the shared sites.js), served under their sites'
// addresses like lib/sites.mjs. `html(site)` is a page's markup, `expectations(site)` its
// expected posts (also inside <template>s inserted later), `answer(url, drilled)` the answer
// to one request: a page (the redesign drill's version for drilled ones), one of its files, or
// a 404 (`known: false` for anything no fixture uses).
export function blindRound(name, title, sites) {
  const dir = fileURLToPath(new URL(`../fixtures/sites/${name}/`, import.meta.url));
  const hosts = [...new Set(sites.map((s) => new URL(s.url).hostname))];
  const assets = {
    '/sites.js': [`${SITES_DIR}sites.js`, 'text/javascript; charset=utf-8'],
    [`/${name}.css`]: [`${dir}${name}.css`, 'text/css; charset=utf-8'],
  };
  const html = (site) => readFileSync(`${dir}${site.file}.html`, 'utf8');
  const expectations = (site) => {
    const page = html(site);
    const risky = [...page.matchAll(/data-expect="risky" data-case="([^"]+)"/g)].map((m) => m[1]);
    const ordinary = [...page.matchAll(/data-expect="ordinary" data-case="([^"]+)"/g)].map((m) => m[1]);
    return { risky, ordinary };
  };
  const answer = (url, drilled = new Set()) => {
    let u;
    try { u = new URL(url); } catch { return { status: 404, contentType: 'text/plain', body: '', known: false }; }
    const page = sites.find((s) => {
      const a = new URL(s.url);
      return a.origin === u.origin && a.pathname === u.pathname && a.search === u.search;
    });
    if (page && u.protocol === 'https:') {
      const body = html(page);
      return { status: 200, contentType: 'text/html; charset=utf-8', body: drilled.has(page.file) ? redesign(body) : body, known: true };
    }
    if (hosts.includes(u.hostname) && assets[u.pathname]) {
      const [file, contentType] = assets[u.pathname];
      return { status: 200, contentType, body: readFileSync(file, 'utf8'), known: true };
    }
    if (hosts.includes(u.hostname) && u.pathname === '/favicon.ico') return { status: 404, contentType: 'text/plain', body: '', known: true };
    return { status: 404, contentType: 'text/plain', body: '', known: false };
  };
  return { name, title, sites, hosts, html, expectations, answer };
}

export const ROUND1 = blindRound('blind', 'the blind round', BLIND);

// One page's figures from siteReport() (lib/sites.mjs): risky posts with a banner, posts with
// more than one, ordinary posts with one, banners outside any post (page chrome).
export function blindFigures(exp, report, sent, never) {
  return {
    risky: exp.risky.length,
    bannered: exp.risky.filter((c) => report.perCase[c]).length,
    missing: exp.risky.filter((c) => !report.perCase[c]),
    duplicates: Object.entries(report.perCase).filter(([, n]) => n > 1).map(([c, n]) => `${c}×${n}`),
    onOrdinary: exp.ordinary.filter((c) => report.perCase[c]),
    onChrome: report.stray.length,
    chromeSent: never.filter((bad) => sent.some((t) => t.includes(bad))),
  };
}

// Chrome a reading cannot tell from a post's text (dates written as text inside a card):
// measured and reported, not asserted.
export function knownSent(site, sent) {
  return (site.known || []).filter((s) => sent.some((t) => t.includes(s)));
}

// Runs in the page: scrolls the window to the bottom, or an element (a chat's list) to the
// end where it loads more.
// A page shorter than the window (the redesign drill drops the fixtures' styles) does not
// scroll: a scroll event is sent anyway, as a wheel turned at the end of a page does.
export function scrollPage(scroll) {
  if (scroll.window) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    window.dispatchEvent(new Event('scroll'));
  } else {
    const el = document.getElementById(scroll.element);
    el.scrollTop = scroll.to === 'top' ? 0 : el.scrollHeight;
    el.dispatchEvent(new Event('scroll'));
  }
}
