// Applies the UI language to an extension page (popup, options).
import { I18n } from './common.js';

export function applyI18n(lang, root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = I18n.t(lang, el.getAttribute('data-i18n'));
  }
}
