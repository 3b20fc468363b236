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

export const BLIND_DIR = fileURLToPath(new URL('../fixtures/sites/blind/', import.meta.url));

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

export const BLIND_HOSTS = [...new Set(BLIND.map((s) => new URL(s.url).hostname))];
const ASSETS = {
  '/sites.js': [`${SITES_DIR}sites.js`, 'text/javascript; charset=utf-8'],
  '/blind.css': [`${BLIND_DIR}blind.css`, 'text/css; charset=utf-8'],
};

export function blindHtml(site) {
  return readFileSync(`${BLIND_DIR}${site.file}.html`, 'utf8');
}

// The expected posts of a fixture, from its markup (also inside <template>s inserted later).
export function blindExpectations(site) {
  const html = blindHtml(site);
  const risky = [...html.matchAll(/data-expect="risky" data-case="([^"]+)"/g)].map((m) => m[1]);
  const ordinary = [...html.matchAll(/data-expect="ordinary" data-case="([^"]+)"/g)].map((m) => m[1]);
  return { risky, ordinary };
}

// The answer to one request: a blind page (the redesign drill's version for drilled ones),
// the shared sites.js and blind.css, or a 404 (`known: false` for anything no fixture uses).
export function blindAnswer(url, drilled = new Set()) {
  let u;
  try { u = new URL(url); } catch { return { status: 404, contentType: 'text/plain', body: '', known: false }; }
  const page = BLIND.find((s) => {
    const a = new URL(s.url);
    return a.origin === u.origin && a.pathname === u.pathname && a.search === u.search;
  });
  if (page && u.protocol === 'https:') {
    const html = blindHtml(page);
    return { status: 200, contentType: 'text/html; charset=utf-8', body: drilled.has(page.file) ? redesign(html) : html, known: true };
  }
  if (BLIND_HOSTS.includes(u.hostname) && ASSETS[u.pathname]) {
    const [file, contentType] = ASSETS[u.pathname];
    return { status: 200, contentType, body: readFileSync(file, 'utf8'), known: true };
  }
  if (BLIND_HOSTS.includes(u.hostname) && u.pathname === '/favicon.ico') return { status: 404, contentType: 'text/plain', body: '', known: true };
  return { status: 404, contentType: 'text/plain', body: '', known: false };
}

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
