// The site fixtures (fixtures/sites/): pages built like each site's current markup, served
// under the site's real address through the browser's request routing, so the extension
// picks its profile by host name as it does for users. Nothing is fetched from the network:
// every request a page makes is answered here (or refused with a 404, and reported).
//
// Each entry: the fixture file, the address it is served at, the profile that must read it,
// the evidence it mirrors (../shared/research/site-markup.md), what must be sent to the engine
// for a few posts (`texts`, exact), strings that must never reach it (`never`: buttons,
// times, counters, reactions), how to scroll for more posts, and whether the popup should say
// that the page is read in general (`notice`; `drillNotice` after the redesign drill).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SITES_DIR = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

export const SITES = [
  {
    file: 'vk-feed-2025', url: 'https://vk.com/feed', profile: 'vk', scroll: { window: true },
    evidence: 'vk-classic-feed onAddWallPost.ts, oldPostDesign/index.scss (2025-09); vk_tools innerStyleGet.ts (2025-09)',
    texts: {
      'vk25-hostess': 'Срочно требуются девушки 18-25 для работы хостес за границей! Билеты и визу оплачиваем, жильё предоставляем, высокий доход, опыт не нужен. Фото в полный рост присылайте в личку.',
      'vk25-salon': 'VIP-салон приглашает девушек, от 10 000 за смену, без интима, всё безопасно.\nФото в полный рост в телеграм.',
      'vk25-lazy': 'Ищем девушек в агентство досуга, оплата ежедневно, полная анонимность. Пиши в личку, фото обязательно.',
    },
    never: ['Показать ещё', '4096', '13,7K', 'Комментировать', 'Поделиться', 'сегодня в', 'Фотографии нашего города'],
    drillNotice: true,
  },
  {
    file: 'vk-wall-2025', url: 'https://vk.com/wall-1001_777', profile: 'vk',
    evidence: 'botnadzor/extension insertions.ts (modern comments); 2025 redesign scrapers',
    texts: {
      'wall25-debt': 'Перелёт и жильё оплачиваем, долг потом отработаешь, паспорт хранится у работодателя, работа для девушек за границей. Пиши в личку.',
      'wall25-question': 'А в какой это компании? Адрес офиса есть?',
      'wall25-thanks': 'Спасибо, записалась на собеседование, завтра в 10 утра.',
      'wall25-post': 'Ищем повара в столовую завода, официальное трудоустройство, опыт от года. Вопросы пишите в комментариях.',
    },
    never: ['Ответить', 'Показать ещё', 'Показать следующие комментарии', 'Менеджер', 'сегодня в'],
    drillNotice: true,
  },
  {
    file: 'vk-wall-legacy', url: 'https://vk.com/club1001', profile: 'vk',
    evidence: 'vk_tools getNearestPost.ts, getInlineCommentElement.ts (2025-05); botnadzor insertions.ts (legacy .reply._post)',
    texts: {
      'legacy-recruit': 'Хостес в ночной клуб за границей. Девушки 18-25, без опыта, билеты и проживание за счёт работодателя, доход от 3000 $ в неделю.',
      'legacy-repost': 'Актуально!\nТільки дівчата 18-25 на роботу хостес за кордоном. Квитки та візу оплачуємо, житло надаємо, висока зарплата, досвід не потрібен. Фото в особисті.',
    },
    never: ['Показать полностью', '4096', '13,7K', 'вчера в'],
    drillNotice: true,
  },
  {
    file: 'tg-k', url: 'https://web.telegram.org/k/#-1001234', profile: 'telegram-k',
    evidence: 'tweb bubbleText.tsx, bubbleLayout.tsx, bubbleTime.tsx, messageRender.ts, reactions.ts',
    texts: {
      'tgk-abroad': 'Tražimo mlade devojke 18-25 za rad u klubu u Austriji. Laka zarada, isplata svaki dan, karte i smeštaj plaćeni. Slike na inbox.',
      'tgk-image-abuse': 'Šaljite slike bivših i drugarica, ocenjujemo i delimo u grupi. Link samo preko telegrama.',
      'tgk-dubai': 'Hostese za VIP klub u Dubaiju, samo devojke do 25 godina, avionska karta plaćena, isplata u kešu.',
    },
    never: ['10:21', '1,7K', '214', 'Agencija Sjaj', 'Privatna grupa', 'Izdaje se namešten dvosoban stan…'],
    drillNotice: true,
  },
  {
    file: 'tg-a', url: 'https://web.telegram.org/a/#-1005678', profile: 'telegram-a', scroll: { element: 'message-list', to: 'top' },
    evidence: 'telegram-tt Message.tsx, MessageMeta.tsx, Reactions.tsx, EmbeddedMessage.tsx',
    texts: {
      'tga-dubai': 'Hiring girls only 18-25 as VIP hostess in Dubai! High pay, cash daily, flights and visa paid, accommodation provided, no experience needed. Send full body pics to DM.',
      'tga-minor': 'Girls 16+ wanted for a modeling job, easy money, send bikini pics to my snap.',
      'tga-clinic': 'Licensed massage therapist wanted at our downtown clinic. State license required, employment contract, health insurance and paid time off.',
    },
    never: ['27.4K', '14:02', '318 comments', 'Dream Jobs Abroad', 'Is the clinic job still open?', '63'],
    drillNotice: true,
  },
  {
    file: 'hh-serp', url: 'https://hh.ru/search/vacancy?text=%D1%85%D0%BE%D1%81%D1%82%D0%B5%D1%81', profile: 'hh',
    evidence: 'smrduty/practice src/selectors.py (2026-01)',
    texts: {
      'hh-dubai': 'Хостес в ночной клуб (Дубай)\nМеждународное агентство «Звезда»\nРабота для девушек в Дубае! Билеты и визу оплачиваем, жильё предоставляем. Приятная внешность обязательна.\nДевушки от 18 до 25, опыт не нужен.',
      'hh-leisure': 'Администратор (ночные смены)\nИщем девушек в агентство досуга, оплата ежедневно, полная анонимность. Пиши в личку, фото обязательно.',
    },
    never: ['Откликнуться', 'Показать контакты', 'Опубликовано'],
    drillNotice: true,
  },
  {
    file: 'hh-vacancy', url: 'https://hh.ru/vacancy/101', profile: 'hh',
    evidence: 'smrduty/practice src/selectors.py (2026-01)',
    texts: {
      'hhv-description': 'Приглашаем девушек 18-25 лет на работу хостес в ночной клуб в Дубае.\nУсловия:\nбилеты и визу оплачиваем, жильё предоставляем;\nвысокий доход, опыт не нужен;\nпаспорт хранится у работодателя на время контракта.\nФото в полный рост присылайте в личку.',
    },
    never: ['Откликнуться'],
    drillNotice: true,
  },
  {
    file: 'avito-list', url: 'https://www.avito.ru/moskva/vakansii?q=%D1%85%D0%BE%D1%81%D1%82%D0%B5%D1%81', profile: 'avito', scroll: { window: true },
    evidence: 'smrduty/practice src/avito_parser.py (2026-01)',
    texts: {
      'avito-dubai': 'Хостес в клуб в Дубае, только девушки до 25 лет\nСменный график · Опыт не нужен · Проживание\nБилеты и визу оплачиваем, жильё предоставляем. Фото в полный рост в личные сообщения.',
    },
    never: ['Показать телефон', '2 часа назад', '300 000'],
    drillNotice: true,
  },
  {
    file: 'avito-item', url: 'https://www.avito.ru/moskva/vakansii/hostes_v_dubay_3456789012', profile: 'avito',
    evidence: 'smrduty/practice src/avito_parser.py (2026-01)',
    texts: {
      'avitoi-description': 'Приглашаем девушек 18-25 лет на работу хостес в клуб в Дубае.\nБилеты и визу оплачиваем, жильё предоставляем, высокий доход, опыт не нужен.\nФото в полный рост присылайте в личные сообщения.',
    },
    never: ['Написать', 'Описание'],
    // [itemprop="description"] is not a class or a data-* attribute: the profile still reads it.
    drillNotice: false,
  },
  {
    file: 'olx-list', url: 'https://www.olx.ua/uk/rabota/', profile: 'olx',
    evidence: 'Prirogativus/Devyse configs/scraper_config.py',
    texts: { 'olx-poland': 'Робота для дівчат у Польщі, масаж для VIP-клієнтів, без досвіду, житло надаємо, оплата щодня' },
    never: ['25 000 грн', 'Сьогодні о 10:15', 'Додати в обране'],
    drillNotice: true,
  },
  {
    file: 'olx-ad', url: 'https://www.olx.ua/d/uk/obyavlenie/hostes-IDxyz.html', profile: 'olx',
    evidence: 'Prirogativus/Devyse configs/scraper_config.py',
    texts: { 'olxad-description': 'Опис\nТільки дівчата 18-25 на роботу хостес за кордоном.\nКвитки та візу оплачуємо, житло надаємо, висока зарплата, досвід не потрібен.\nФото в особисті.' },
    never: ['Показати телефон', 'Переглядів'],
    drillNotice: true,
  },
  {
    file: 'kp-list-legacy', url: 'https://www.kupujemprodajem.com/poslovi/ponuda-poslova/pretraga?categoryId=2', profile: 'kupujemprodajem',
    evidence: 'older scrapers (AdItem_adOuterHolder, AdItem_name)',
    texts: { 'kpl-dubai': 'Hostese za VIP klub u Dubaiju, samo devojke do 25 godina, avionska karta plaćena, isplata u kešu' },
    never: ['pre 2 sata', 'Dogovor'],
    drillNotice: true,
  },
  {
    file: 'kp-list-2026', url: 'https://www.kupujemprodajem.com/poslovi/pretraga', profile: 'kupujemprodajem',
    evidence: 'pythonpetar-cloud/kupujemprodajem-price-tracker main.py (2026-08)',
    texts: { 'kp26-abroad': 'Posao za devojke u inostranstvu\nHostese u noćnom klubu, bez iskustva, putni troškovi i smeštaj plaćeni, zarada 3000 evra mesečno.\nDogovor · Niš' },
    never: ['Sačuvaj'],
    // <article> and the /oglas/ links are neither classes nor data-*: the profile still reads them.
    drillNotice: false,
  },
  {
    file: 'kp-ad', url: 'https://www.kupujemprodajem.com/poslovi/ugostiteljstvo/hostese-za-vip-klub/oglas/1700001', profile: 'kupujemprodajem',
    evidence: 'older scrapers (AdViewDescription_descriptionHolder)',
    texts: { 'kpad-description': 'Opis\nHostese za VIP klub u Dubaiju, samo devojke do 25 godina.\nAvionska karta plaćena, smeštaj obezbeđen, isplata u kešu svake nedelje.' },
    never: ['Prikaži više', 'Pošalji poruku'],
    drillNotice: true,
  },
  {
    file: 'infostud-2026', url: 'https://poslovi.infostud.com/oglasi-za-posao', profile: 'infostud',
    evidence: 'a 2026 scraper quoted in site-markup.md ([data-job-id], h2)',
    texts: { 'info26-hostess': 'Posao za devojke u inostranstvu, hostese u noćnom klubu, bez iskustva, putni troškovi i smeštaj plaćeni' },
    never: ['Prijavi se', 'rok 20.12.'],
    drillNotice: true,
  },
  {
    file: 'infostud-legacy', url: 'https://poslovi.infostud.com/oglasi-za-posao/beograd', profile: 'infostud',
    evidence: 'older markup quoted in site-markup.md ([id^="oglas_"])',
    texts: { 'infol-dubai': 'Hostese za VIP klub u Dubaiju, samo devojke do 25 godina, avionska karta plaćena' },
    never: ['VIP Agencija · Beograd'],
    // The cards' ids (oglas_…) are not renamed by a redesign of classes.
    drillNotice: false,
  },
  {
    file: 'infostud-ad', url: 'https://poslovi.infostud.com/posao/hostese-u-inostranstvu/990001', profile: 'infostud',
    evidence: 'none for ad pages: the generic reading',
    texts: { 'infoad-description': 'Tražimo mlade devojke 18-25 za rad u klubu u Austriji. Laka zarada, isplata svaki dan, karte i smeštaj plaćeni. Slike na inbox.' },
    never: ['Moj nalog', '© Infostud'],
    notice: true,
    drillNotice: true,
  },
  {
    file: 'njuskalo-list', url: 'https://www.njuskalo.hr/posao', profile: 'njuskalo',
    evidence: 'Scallywer/njuskalo-scraper electronics/parsers.py (2026-06)',
    texts: { 'nj-abroad': 'Hostese u inozemstvu\nTražimo djevojke 18-25 za posao hostese u inozemstvu, smještaj i putni troškovi plaćeni, visoka zarada, iskustvo nije potrebno. Slike na privatnu poruku.' },
    never: ['Objavljen', '05.12.2025', '3.000 €'],
    drillNotice: true,
  },
  {
    file: 'njuskalo-ad', url: 'https://www.njuskalo.hr/posao/hostese-inozemstvo-oglas-44100001', profile: 'njuskalo',
    evidence: 'Scallywer/njuskalo-scraper electronics/parsers.py (2026-06)',
    texts: { 'njad-description': 'Tražimo djevojke 18-25 za posao hostese u inozemstvu.\nSmještaj i putni troškovi plaćeni, visoka zarada, iskustvo nije potrebno. Slike na privatnu poruku.' },
    never: ['Opis oglasa', 'Pošalji poruku'],
    drillNotice: true,
  },
  {
    file: 'merrjep-list', url: 'https://www.merrjep.com/shpalljet/pune', profile: 'merrjep',
    evidence: 'ErlisX/merrjep_scraper scraper/merrjep_scraper.py (2024-11)',
    texts: { 'mj-club': 'Punë për vajza 18-25 jashtë shtetit, hostesë në klub nate, pagesë çdo ditë' },
    never: ['Me marrëveshje'],
    drillNotice: true,
  },
  {
    file: 'merrjep-ad', url: 'https://www.merrjep.com/shpallja/pune/hostese-jashte-shtetit/13500001', profile: 'merrjep',
    evidence: 'none for ad pages (JSON-LD only): the generic reading',
    texts: { 'mjad-description': 'Kërkohen vetëm vajza 18-25 vjeç për punë jashtë vendit si kameriere. Biletat dhe banimi paguhen, pagë e lartë, dërgo foto në inbox.' },
    never: ['Shfaq numrin'],
    notice: true,
    drillNotice: true,
  },
];

export const SITE_HOSTS = [...new Set(SITES.map((s) => new URL(s.url).hostname))];
const ASSETS = { '/sites.css': 'text/css; charset=utf-8', '/sites.js': 'text/javascript; charset=utf-8' };

export function siteHtml(site) {
  return readFileSync(`${SITES_DIR}${site.file}.html`, 'utf8');
}

// The expected posts of a fixture, from its markup (data-expect and data-case on each post,
// also inside <template>s that are inserted later).
export function siteExpectations(site) {
  const html = siteHtml(site);
  const risky = [...html.matchAll(/data-expect="risky" data-case="([^"]+)"/g)].map((m) => m[1]);
  const ordinary = [...html.matchAll(/data-expect="ordinary" data-case="([^"]+)"/g)].map((m) => m[1]);
  return { risky, ordinary };
}

// A short stable hash: the drill's new names.
function rename(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return `r${(h >>> 0).toString(36)}`;
}

// The redesign drill: every class and every data-* attribute (name, and value unless it is a
// number) renamed, as a redesign with new generated names does. Only the tests' own
// data-case and data-expect stay. Element names, ids, roles, itemprop and links stay.
export function redesign(html) {
  return html
    .replace(/(\s)class="([^"]*)"/g, (_, sp, v) => `${sp}class="${v.split(/\s+/).filter(Boolean).map(rename).join(' ')}"`)
    .replace(/(\s)data-([a-z0-9_-]+)(="([^"]*)")?/gi, (m, sp, name, eq, v) => {
      if (name === 'case' || name === 'expect') return m;
      const value = eq === undefined ? '' : `="${/^[\d\s._-]*$/.test(v) ? v : rename(v)}"`;
      return `${sp}data-${rename(name)}${value}`;
    });
}

// The answer to one request: a fixture page (the drill's version for drilled addresses), the
// fixtures' stylesheet and script, or a 404. `known` is false for anything a fixture does not
// reference (the test then fails: the page or the extension asked for something else).
export function answer(url, drilled = new Set()) {
  let u;
  try { u = new URL(url); } catch { return { status: 404, contentType: 'text/plain', body: '', known: false }; }
  const page = SITES.find((s) => {
    const a = new URL(s.url);
    return a.origin === u.origin && a.pathname === u.pathname && a.search === u.search;
  });
  if (page && u.protocol === 'https:') {
    const html = siteHtml(page);
    return { status: 200, contentType: 'text/html; charset=utf-8', body: drilled.has(page.file) ? redesign(html) : html, known: true };
  }
  if (SITE_HOSTS.includes(u.hostname) && ASSETS[u.pathname]) {
    return { status: 200, contentType: ASSETS[u.pathname], body: readFileSync(`${SITES_DIR}${u.pathname.slice(1)}`, 'utf8'), known: true };
  }
  // Browsers ask every host for its icon.
  if (SITE_HOSTS.includes(u.hostname) && u.pathname === '/favicon.ico') return { status: 404, contentType: 'text/plain', body: '', known: true };
  return { status: 404, contentType: 'text/plain', body: '', known: false };
}

// Runs in the page: the banners, by post. A banner belongs to the nearest post (data-case)
// around it, or to the post right after it (insert "before") or right before it.
export function siteReport() {
  const out = { hosts: 0, perCase: {}, levels: {}, stray: [], present: [] };
  for (const host of document.querySelectorAll('[data-redflag-level]')) {
    out.hosts++;
    let post = host.closest('[data-case]');
    if (!post && host.nextElementSibling && host.nextElementSibling.matches('[data-case]')) post = host.nextElementSibling;
    if (!post && host.previousElementSibling && host.previousElementSibling.matches('[data-case]')) post = host.previousElementSibling;
    if (!post) {
      out.stray.push((host.parentElement ? host.parentElement.outerHTML : '').slice(0, 300));
      continue;
    }
    const c = post.getAttribute('data-case');
    out.perCase[c] = (out.perCase[c] || 0) + 1;
    out.levels[c] = host.getAttribute('data-redflag-level');
  }
  out.present = [...document.querySelectorAll('[data-case]')].map((e) => e.getAttribute('data-case'));
  return out;
}

// Runs in the options page (an extension page, so it hears what content scripts send to the
// background): records the texts of every "classify" batch, with the sending tab. Content
// scripts send their batches over a port (content.js, "redflag-classify"), which connects to
// every extension page listening for it too; the recorder only listens, the background answers.
// The tab and the frames (frame ids) that sent the posts recorded in `sent` (globalThis.__sent
// of installRecorder), for settleIdle (common.mjs).
export function senders(sent) {
  const tab = sent.map((s) => s.tab).find((t) => t != null);
  return { tab, frames: sent.filter((s) => s.tab === tab).map((s) => s.frame) };
}

export function installRecorder() {
  const api = globalThis.browser ?? globalThis.chrome;
  globalThis.__sent = [];
  const record = (msg, sender) => {
    if (msg && msg.type === 'classify' && Array.isArray(msg.texts)) {
      globalThis.__sent.push({
        tab: sender && sender.tab ? sender.tab.id : null, frame: sender ? sender.frameId : null, url: (sender && sender.url) || '', texts: msg.texts,
      });
    }
  };
  api.runtime.onMessage.addListener((msg, sender) => {
    record(msg, sender);
    return undefined;
  });
  api.runtime.onConnect.addListener((port) => {
    if (port.name !== 'redflag-classify') return;
    port.onMessage.addListener((m) => record(m && m.msg, port.sender));
  });
  return true;
}
