// The fourth blind markup round (issue 11): sites and page BEHAVIOURS the first three rounds
// left out. Sites: Google and Yandex search results (the snippets a job seeker reads first),
// Tinder and Badoo web chats (where "sponsor" offers arrive), LinkedIn's and Indeed's job views,
// Yandex Mail with a long sextortion letter, a phpBB thread, Kufar and SuperJob listings.
// Behaviours: a single-page navigation (the content replaced after history.pushState: the old
// banners must go, the new posts get theirs), text split by <br>, <wbr>, soft hyphens, zero-width
// joiners and nested inline elements, text clamped by CSS, a post inside a collapsed <details>,
// screen-reader copies of the same text (read once), a <template> (never read), the user's own
// draft in a textarea / contenteditable (never read, never bannered), a long page (about 3,000
// elements of chrome around five posts), a 3,000-character letter with the risk at its end, a
// "translate" toggle that swaps a message's text in place, right-to-left chrome with <bdi> names
// around Cyrillic posts. Each page is built from public evidence of the site's markup (named in
// a comment at the top of its fixture) with invented texts and served under the site's real
// address through the browser's request routing (blindRound() of lib/blind-sites.mjs).
//
// Each entry, as in lib/blind3-sites.mjs: the fixture (fixtures/sites/blind4/<file>.html), its
// address, chrome that must never reach the engine (`never`: also the user's drafts and
// <template> text), chrome a reading cannot tell from a post's text, only measured (`known`),
// `profile`: a profile added after the round's first measurement, which the host must choose,
// `steps`: names of functions of the page's own script (window.__b4) run one after the other
// once the page's banners are up, after each of which the posts are judged again by their
// CURRENT data-expect (cases in <template x-later> exist only after a step), and `once`:
// strings written twice in the page (a visible and a screen-reader copy) that no text sent to
// the engine may hold twice; `bannerFirst`: long posts whose banner must come before their
// first paragraph (a 3,000-character letter's banner at its top, not after it). In Chromium, the redesign drill then serves each page with every
// class and data-* attribute renamed (figures in blind4-chromium-drill.json).
import assert from 'node:assert/strict';
import { waitFor } from './common.mjs';
import { chromiumStepRound, firefoxStepRound, assertProfileChosen, assertStageBasics, drillReady } from './step-suite.mjs';
import { blindRound } from './blind-sites.mjs';
import { deepReport, figures } from './blind3-sites.mjs';

export const BLIND4 = [
  { file: 'google-serp', url: 'https://www.google.com/search?q=posao+hostesa+inostranstvo&hl=sr',
    never: ['Približno 1.240.000', 'Ljudi takođe pitaju', 'Srodne pretrage', 'Povratne informacije', 'Prosečna plata', 'Sledeća'],
    known: ['12. nov 2026.', 'oglasi-posla.example.rs'] },
  { file: 'yandex-serp', url: 'https://yandex.ru/search/?text=rabota+hostes&lr=213', steps: ['nextPage'],
    never: ['Нашлось 2 млн', 'Вместе с', 'Конфиденциальность', 'Карты'], known: ['Реклама', 'hh.ru', 'вчера', 'Средняя зарплата'] },
  { file: 'tinder-chat', url: 'https://tinder.com/app/messages/64f0aa11bb22cc33dd44ee55', steps: ['openMatch'],
    never: ['готова поїхати в Дубай до спонсора', 'Надіслати', 'Переглянуто', 'Ви отримали збіг', 'Поскаржитися', 'Tinder Gold', 'Введіть повідомлення'] },
  { file: 'badoo-chat', url: 'https://badoo.com/messenger/open', steps: ['translate', 'original'],
    never: ['согласна поехать в Дубай', 'ترجمة', 'عرض الأصل', 'حظر والإبلاغ', 'تمت القراءة', 'متصل الآن', 'اكتب رسالة'] },
  { file: 'linkedin-job', url: 'https://www.linkedin.com/jobs/view/4012345678/',
    never: ['see more', 'Over 100 applicants', 'Meet the hiring team', 'Try Premium', '+ Follow', 'new notifications', 'Easy Apply available', 'About the company'],
    once: ['Hostess in Dubai – girls 18-25 only', 'Junior Accountant – Kyiv', 'Customer Support Specialist (Ukrainian'],
    known: ['Gulf Events Talent', 'Reposted 2 days ago', 'Star Hospitality Group', '5 days ago'] },
  { file: 'indeed-jobs', url: 'https://www.indeed.com/jobs?q=nanny&l=Cyprus&vjk=a1b2c3d4e5f60718',
    never: ['Town 17', 'Recent searches', 'Apply now', 'Report job', 'Find jobs', 'Date posted', 'Jobs in Town'],
    known: ['Posted 2 days ago', '€3,500 a month', 'Sunny Family Agency', 'Housing provided'] },
  { file: 'yandex-mail', url: 'https://mail.yandex.ru/?uid=1130000000000001', bannerFirst: ['ym-letter-sextortion'],
    never: ['Это спам!', 'Ответить всем', 'Нажмите, чтобы ответить', 'Черновики', 'Поиск по письмам', 'Помощь и обратная связь'],
    known: ['Служба безопасности', 'security-notice@mailbox.example', 'сегодня в 09:12', 'Кадровое агентство'] },
  { file: 'phpbb-thread', url: 'https://forum.bljesak.info/viewtopic.php?t=48213',
    never: ['Primjer pregleda', 'Preskoči na sadržaj', 'Pošalji odgovor', 'Alati teme', 'Brzi odgovor', 'Pokreće', 'Pretraži ovu temu'],
    known: ['Strpljen - spašen', 'samo za ozbiljne', 'Postovi:', 'Citiraj'] },
  { file: 'kufar-list', url: 'https://www.kufar.by/l/r~minsk/rabota',
    never: ['Подать объявление', 'Показать 1 284', 'В закладки', 'Следующая', 'Тип занятости'], known: ['Сегодня, 11:20', '4000 $', 'Минск, Фрунзенский'] },
  { file: 'superjob-list', url: 'https://www.superjob.ru/vakansii/hostes.html', profile: 'superjob',
    never: ['Откликнуться', 'Разместить резюме', 'Подпишитесь на новые вакансии', 'Похожие запросы', '312 вакансий', 'Ист Стар Ивентс'], known: ['от 5 000 $', 'Выезд за рубеж'] },
];

export const ROUND4 = blindRound('blind4', 'the fourth blind round', BLIND4);

// The cases present when a page has loaded: every case of the fixture except those that only a
// step brings (<template x-later>).
export function initialCases(site) {
  const page = ROUND4.html(site).replace(/<template[^>]* x-later[\s\S]*?<\/template>/g, '');
  return [...page.matchAll(/data-expect="(risky|ordinary)" data-case="([^"]+)"/g)].map((m) => m[2]);
}

// Strings of `once` that some text sent to the engine holds more than once (a screen-reader
// copy read with the visible one).
export function readTwice(site, sent) {
  return (site.once || []).filter((s) => sent.some((t) => t.split(s).length > 2));
}

// Runs in the page: the cases of `cases` whose banner does not come before the post's first
// paragraph (or that have no banner).
function bannersNotFirst(cases) {
  return cases.filter((c) => {
    const post = document.querySelector(`[data-case="${c}"]`);
    const banner = post && post.querySelector('[data-redflag-level]');
    const p = post && post.querySelector('p');
    return !banner || !p || !(banner.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}

const settled = (r, cases) => cases.every((c) => r.present.includes(c))
  && Object.keys(r.expect).every((c) => (r.expect[c] === 'risky') === Boolean(r.perCase[c]));

// Measures an opened page of `site` through `io` ({ page, sent(), status() }), runs its steps,
// and returns { stages: [{ stage, ...figures, readTwice }], status, sent }.
async function measureSite(site, io, timeout) {
  const cases = initialCases(site);
  const stages = [];
  const stage = async (name, expected) => {
    await waitFor(async () => {
      const r = await io.page.evaluate(deepReport);
      return (io.drill ? drillReady : settled)(r, expected()) ? r : null;
    }, { timeout, message: `${site.file} ${name}: banners on the risky posts only` }).catch(() => null);
    await io.settle(); // a late batch or a late reading may still be under way: it must not change anything
    const r = await io.page.evaluate(deepReport);
    const sent = await io.sent();
    stages.push({
      stage: name, ...figures(r, sent, site.never), readTwice: readTwice(site, sent),
      bannerNotFirst: await io.page.evaluate(bannersNotFirst, site.bannerFirst || []),
      url: await io.page.evaluate(() => location.pathname + location.search),
    });
  };
  await stage('load', () => cases);
  for (const step of site.steps || []) {
    await io.page.evaluate((s) => window.__b4[s](), step);
    await stage(step, () => []);
  }
  return { stages, status: await io.status(), sent: await io.sent() };
}

// What every page must show, at load and after each step: a banner on every risky post, one per
// post, none on an ordinary post (so none left over after a route change or a translation) or
// the page's chrome, no chrome, draft or template sent to the engine, no screen-reader copy read
// with its visible twin.
function assertSite(site, m) {
  for (const f of m.stages) {
    const at = `${site.file} (${f.stage})`;
    assertStageBasics(f, at);
    assert.deepEqual(f.readTwice, [], `${at}: a screen-reader copy is not read with its visible twin`);
    assert.deepEqual(f.bannerNotFirst, [], `${at}: a long post's banner comes before its text`);
  }
  assertProfileChosen(site, m);
}


// The round in headless Chromium (with the redesign drill: true) and Firefox ESR, with
// the packaged extension (lib/step-suite.mjs).
export function chromiumRound4() {
  chromiumStepRound({ round: ROUND4, label: 'the fourth blind round', measureSite, assertSite, drill: true });
}

export function firefoxRound4() {
  firefoxStepRound({ round: ROUND4, label: 'the fourth blind round', measureSite, assertSite });
}
