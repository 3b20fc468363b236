import { I18n } from '../common.js';
import { applyI18n } from '../page-i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
let lang = 'en';

function send(msg) {
  return api.runtime.sendMessage(msg);
}

function setStatus(id, kind, text) {
  const el = $(id);
  el.className = `status ${kind}`;
  el.textContent = text;
}

async function render() {
  const state = await send({ type: 'state' });
  lang = I18n.resolveLang(state.settings.lang);
  applyI18n(lang);

  const sel = $('lang');
  sel.textContent = '';
  const auto = document.createElement('option');
  auto.value = 'auto';
  auto.textContent = I18n.t(lang, 'langAuto');
  sel.appendChild(auto);
  for (const code of I18n.LANGS) {
    const o = document.createElement('option');
    o.value = code;
    o.textContent = I18n.LANG_NAMES[code];
    o.lang = code;
    sel.appendChild(o);
  }
  sel.value = state.settings.lang;

  const importedIds = new Set();
  const box = $('imported');
  box.textContent = '';
  if (!state.imported.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = I18n.t(lang, 'none');
    box.appendChild(p);
  }
  for (const imp of state.imported) {
    const row = document.createElement('div');
    row.className = 'bundle-row imported-bundle';
    row.dataset.name = imp.name;
    const label = document.createElement('span');
    label.textContent = `${imp.name}: ${imp.bundles.map((b) => `${b.title} (${b.version})`).join(', ')}`;
    for (const b of imp.bundles) importedIds.add(b.id);
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = I18n.t(lang, 'remove');
    btn.setAttribute('aria-label', `${I18n.t(lang, 'remove')}: ${imp.name}`);
    btn.addEventListener('click', async () => {
      const res = await send({ type: 'remove-bundle', name: imp.name });
      if (res.ok) setStatus('import-status', 'ok', I18n.t(lang, 'removed', { title: imp.name }));
      else setStatus('import-status', 'error', res.error);
      render();
    });
    row.append(label, btn);
    box.appendChild(row);
  }

  const list = $('builtin');
  list.textContent = '';
  for (const b of (state.info && state.info.bundles) || []) {
    if (importedIds.has(b.id)) continue;
    const li = document.createElement('li');
    li.textContent = `${b.title} — ${b.version} (${(b.languages || []).join(', ') || '—'})`;
    list.appendChild(li);
  }
}

$('lang').addEventListener('change', async (e) => {
  await send({ type: 'set-settings', patch: { lang: e.target.value } });
  render();
});

$('import-file').addEventListener('change', async (e) => {
  const file = e.target.files && e.target.files[0];
  if (!file) return;
  let text;
  try {
    text = await file.text();
  } catch (err) {
    setStatus('import-status', 'error', I18n.t(lang, 'importError', { file: file.name, msg: String(err) }));
    return;
  }
  const res = await send({ type: 'import-bundle', name: file.name, json: text });
  if (res && res.ok) {
    const b = res.bundles[0] || { title: file.name, version: '' };
    setStatus('import-status', 'ok', I18n.t(lang, 'importOk', { title: res.bundles.map((x) => x.title).join(', ') || b.title, version: res.bundles.map((x) => x.version).join(', ') }));
  } else {
    setStatus('import-status', 'error', I18n.t(lang, 'importError', { file: file.name, msg: (res && res.error) || '?' }));
  }
  e.target.value = '';
  render();
});

$('forget').addEventListener('click', async () => {
  await send({ type: 'forget-choices' });
  setStatus('forget-status', 'ok', I18n.t(lang, 'forgotten'));
});

render();
