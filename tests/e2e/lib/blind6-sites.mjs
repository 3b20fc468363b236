// The sixth blind markup round (issue 11): sites and page BEHAVIOURS rounds 1-5 left out. Sites:
// Reddit's shreddit client (posts as custom elements, their chrome in open shadow roots, one
// body only inside a shadow root), an Odnoklassniki group, VK's new messenger (vk.com/im/convo),
// a WhatsApp Web group, Threads, X, KosovaJob, Posao.hr, TikTok's 2025 comments and Google
// Messages for web (SMS). Behaviours: hidden text shown by a class change only ("ещё"), a chat
// whose oldest rows are removed as newer ones arrive, a forwarded message inside a message, the
// person's draft typed letter by letter, a translation shown beside the original, a route change
// by history.pushState that replaces the feed and back by popstate, soft hyphens and <wbr>
// inside words and decoration drawn by ::before / ::after, posts in collapsed <details> then
// opened, replies inserted under a comment, custom elements whose words are repeated in
// aria-label. Each page is built from public evidence (named in a comment at the top of its
// fixture) with invented texts, written before reading the extension's reading code, and served
// under the site's real address.
//
// Each entry, as in lib/blind5-sites.mjs: the fixture (fixtures/sites/blind6/<file>.html), its
// address, `never` (chrome, drafts), `known` (measured only), `profile` (a profile the host must
// choose), `steps` (functions of window.__b6, awaited, run one after the other once the banners
// are up; after each, posts are judged by their CURRENT data-expect) and `cases` (the cases
// present at load when the page's script draws them; otherwise every case of the fixture
// outside a <template x-later>).
import { chromiumStepRound, firefoxStepRound } from './step-suite.mjs';
import { blindRound } from './blind-sites.mjs';
import { assertSite, stepMeasure } from './blind5-sites.mjs';

export const BLIND6 = [
  { file: 'reddit-feed', url: 'https://www.reddit.com/r/jobsabroad/',
    never: ['Upvote', 'Downvote', '214 comments', 'Create Post', 'View NSFW content', 'My cousin says she was offered', 'Community highlights', '48K members'],
    known: ['u/gulf_talent_hub', '13 hr. ago'] },
  { file: 'ok-group', url: 'https://ok.ru/group/70000031337', steps: ['expand'],
    never: ['Класс!', 'Комментировать', '1 024', '12 480 участников', 'Возможно, вы знакомы', 'Популярные группы', 'Вступить'],
    known: ['вчера в 18:02', 'Галина Петрова', 'Кадры Москва', 'ещё'] },
  { file: 'vk-convo', url: 'https://vk.com/im/convo/2000000218', steps: ['newer'], profile: 'vk',
    cases: ['vk-meet', 'vk-escort', 'vk-fwd', 'vk-fwd-ok'],
    never: ['Мам, я подумаю', 'Напишите сообщение', '24 участника', 'Купи хлеба по дороге', 'Кто едет на дачу в субботу…'],
    known: ['Анжела Workteam', '09:10', 'Вакансии Стамбул', 'вчера в 21:40', '👍'] },
  { file: 'whatsapp-group', url: 'https://web.whatsapp.com/', steps: ['type'],
    never: ['Ljudi, pogledajte', 'Hitno tražim', 'Unesite poruku', 'DANAS', 'pridružila putem linka', 'Ana, Marko, Vesna'],
    known: ['~ Vesna', '+381 64 555 0101', '09:40'] },
  { file: 'threads-post', url: 'https://www.threads.com/@rabota.dubai.vip/post/DCb6aaa01', steps: ['translate'],
    never: ['А сколько лет должно быть', 'Опубликовать', 'Рекомендации', 'Нравится'],
    known: ['rabota.dubai.vip', '14 ч', 'Перевести', 'Переведено с русского'] },
  { file: 'x-spa', url: 'https://x.com/home', steps: ['openStatus', 'back'],
    cases: ['x-girls', 'x-weather', 'x-news'],
    never: ['Does anyone know if the Vienna', 'What’s happening', 'Who to follow', '4,096 posts', 'For you'],
    known: ['@gulfjobs_vip', '1.2K', '2h'] },
  { file: 'kosovajob-list', url: 'https://kosovajob.com/',
    never: ['Publiko shpallje', 'Kushtet e përdorimit', 'Të gjitha industritë', 'Kërko punë'] ,
    known: ['Prishtinë', 'Gjakovë'] },
  { file: 'posaohr-list', url: 'https://www.posao.hr/oglasi/?keyword=hostesa', steps: ['openAll'],
    never: ['Spremi oglas', 'Pronađeno 3 oglasa', 'Sljedeća stranica', 'Savjeti za razgovor', 'Dopusti sve'],
    known: ['Global Events d.o.o.', '12 dana', 'Opis posla'] },
  { file: 'tiktok-comments', url: 'https://www.tiktok.com/@robota.mriyi/video/7445566778899001122', steps: ['replies'],
    never: ['Мені теж писали', 'Додайте коментар', 'Переглянути 2 відповіді', 'оригінальний звук', '8 214', 'Опублікувати'],
    known: ['Dubai Hostess Work', '2 дн. тому', 'Відповісти', '14'] },
  { file: 'gmessages-sms', url: 'https://messages.google.com/web/conversations/17',
    never: ['Ne zanima me', 'Text message', 'Kupi hleb i mleko', 'Received on', 'said:'],
    known: ['Isporučeno', '18:02', 'Juče'] },
];

export const ROUND6 = blindRound('blind6', 'the sixth blind round', BLIND6);

// The cases present when a page has loaded: `cases`, or every case of the fixture except those
// a step brings (<template x-later>).
export function initialCases(site) {
  if (site.cases) return site.cases;
  const page = ROUND6.html(site).replace(/<template[^>]* x-later[\s\S]*?<\/template>/g, '');
  return [...page.matchAll(/data-expect="(risky|ordinary)" data-case="([^"]+)"/g)].map((m) => m[2]);
}

const measureSite = stepMeasure({ cases: initialCases, hook: '__b6' });

// The round in headless Chromium (with the redesign drill) and Firefox ESR, with the packaged
// extension (lib/step-suite.mjs), judged as round 5's pages are (assertSite).
export function chromiumRound6() {
  chromiumStepRound({ round: ROUND6, label: 'the sixth blind round', measureSite, assertSite, drill: true });
}

export function firefoxRound6() {
  firefoxStepRound({ round: ROUND6, label: 'the sixth blind round', measureSite, assertSite });
}
