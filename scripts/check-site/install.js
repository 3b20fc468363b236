// The install guide (install.html): its texts in the reader's language, the same language
// menu as the check page, and the way back to the check page in that language. Product names
// (browsers, stores, apps) are filled into the translated sentences, never translated or
// transliterated. Nothing here is sent or stored anywhere.
import { I18n } from './src/common.js';

const $ = (id) => document.getElementById(id);
const NAMES = {
  chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', samsung: 'Samsung Internet', safari: 'Safari',
  chromestore: 'Chrome Web Store', amo: 'addons.mozilla.org', android: 'Android', iphone: 'iPhone',
  telegram: 'Telegram', vk: 'VK',
};
const BRANDING = globalThis.RedflagBranding || {};
const params = new URLSearchParams(location.search);
let lang = I18n.resolveLang(I18n.LANGS.includes(params.get('lang')) ? params.get('lang') : BRANDING.lang);

function apply() {
  const t = (key) => I18n.t(lang, key, NAMES);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of document.querySelectorAll('[data-i18n-alt]')) el.alt = t(el.getAttribute('data-i18n-alt'));
  document.title = `${BRANDING.name || 'redflag'} · ${t('installTitle')}`;
  const back = new URL('./', location.href);
  back.searchParams.set('lang', lang);
  $('back').href = `${back.pathname}${back.search}`;
}

const sel = $('lang');
for (const code of I18n.LANGS) {
  const o = document.createElement('option');
  o.value = code;
  o.lang = code;
  o.textContent = I18n.LANG_NAMES[code] || code;
  sel.appendChild(o);
}
sel.value = lang;
sel.addEventListener('change', () => {
  lang = I18n.resolveLang(sel.value);
  apply();
});
if (BRANDING.name) {
  $('brand').textContent = BRANDING.name;
  $('brand').hidden = false;
}
apply();
document.documentElement.dataset.ready = 'true';
