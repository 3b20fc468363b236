// The second blind markup round (issue 11): pages of sites and page kinds the first round
// left out — Telegram Web A and K group chats and a comments thread (albums, forwards,
// replies quoting other messages, service lines, polls), VK's messenger, a classic group wall
// with a repost and an attached article, VK's post search and photo viewer, and very short
// risky messages on pages no profile knows (Discord, Element, a news site's comment list).
// Each page is built from public evidence of the site's markup (named in a comment at the
// top of its fixture) with invented texts, and served under the site's address through the
// browser's request routing, like lib/sites.mjs and lib/blind-sites.mjs.
//
// Each entry: the fixture (fixtures/sites/blind2/<file>.html), the address it is served at,
// how to scroll for more posts (`scroll`: the window, or an element's id and the end it
// loads at), strings of the page's chrome that must never reach the engine (`never`), chrome
// that a reading cannot tell from a post's text and is only measured (`known`), and, where a
// profile must read the page, its name (`profile`).
import { blindRound } from './blind-sites.mjs';

export const BLIND2 = [
  { file: 'tga-group', url: 'https://web.telegram.org/a/#-1007001', profile: 'telegram-a', scroll: { element: 'message-list', to: 'top' },
    never: ['Anonymous Poll', '127 votes', 'joined the group', 'Forwarded message', '3 418 members', 'Model Agency Istanbul', '09:12', '8.1K'] },
  { file: 'tga-comments', url: 'https://web.telegram.org/a/?thread#-1007002_118', profile: 'telegram-a',
    never: ['Discussion started', '24 comments', '41.2K', 'Работа Мечты | Вакансии', '11:06'] },
  { file: 'tgk-group', url: 'https://web.telegram.org/k/#-1007003', profile: 'telegram-k',
    never: ['Переслано от', 'присоединилась к группе', 'Анонимный опрос', '52 голоса', '8 214 участников', '2,4K', '12:05'] },
  { file: 'vk-im', url: 'https://vk.com/im?sel=c42', profile: 'vk',
    never: ['Выделить сообщение', '214 участников', 'пригласил', 'Подработка для студентов', 'Позвони как будешь свободна', 'Тимур Алиев'], known: ['(ред.)'] },
  { file: 'vk-group-wall', url: 'https://vk.com/public5555', profile: 'vk', scroll: { window: true },
    never: ['Показать полностью', 'Поделиться', '7,3K', 'Показать больше записей', '18 902 подписчика', 'Читать', '3 дек в 19:02', 'Менеджер сообщества'] },
  { file: 'vk-search', url: 'https://vk.com/search/statuses?q=%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D0%B0%20%D0%B4%D0%B5%D0%B2%D1%83%D1%88%D0%BA%D0%B8', profile: 'vk', scroll: { window: true },
    never: ['Найдено 2 314 записей', 'Параметры поиска', 'Показать ещё', 'Только с фото', '2,1K'] },
  { file: 'vk-photo', url: 'https://vk.com/photo-6060_457239017', profile: 'vk',
    never: ['3 из 48', 'Отметить человека', 'Показать предыдущие комментарии', 'Ответить', '3,5K', '5 дек в 8:40'] },
  { file: 'discord-channel', url: 'https://discord.com/channels/1180000000000000001/1180000000000000002',
    never: ['Today at', 'Online — 214', 'Oglasi za posao. Bez spama.', 'Servers sidebar', 'nikola_ns'], known: ['Balkan Jobs — game night'] },
  { file: 'element-room', url: 'https://app.element.io/#/room/!sezona:matrix.org',
    never: ['Seen by', '1 204 members', 'Proverite poslodavca', 'Dinner at 7?'], known: ['joined', '@posaobec:matrix.org'] },
  { file: 'news-comments', url: 'https://vesti.portal.example/drustvo/sezonski-rad-na-sta-da-pazite-1180021', scroll: { window: true },
    never: ['Odgovori', 'Učitaj još komentara', 'Najčitanije', 'Uslovi korišćenja', 'pre 2 sata', '👍'] },
];

export const ROUND2 = blindRound('blind2', 'the second blind round', BLIND2);
