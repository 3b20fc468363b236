import { I18n, sendToBackground } from '../common.js';
import { applyI18n } from '../page-i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
let lang = 'en';

function send(msg) {
  return sendToBackground(api, msg);
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
    row.dataset.status = imp.status;
    const label = document.createElement('span');
    label.textContent = `${imp.name}: ${imp.bundles.map((b) => `${b.title} (${b.version})`).join(', ')}`;
    const badge = document.createElement('span');
    badge.className = `badge ${imp.status}`;
    badge.textContent = imp.status === 'verified' ? I18n.t(lang, 'verified') : I18n.t(lang, 'unverified');
    if (imp.status === 'verified' && imp.key) badge.title = imp.key;
    label.append(' ', badge);
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
    li.textContent = `${I18n.bundleTitle(lang, b, false)} — ${b.version} (${(b.languages || []).join(', ') || '—'})`;
    li.dataset.bundleId = b.id;
    list.appendChild(li);
  }
}

$('lang').addEventListener('change', async (e) => {
  await send({ type: 'set-settings', patch: { lang: e.target.value } });
  render();
});

// The file waiting for the person's answer (unsigned bundles only); kept in this page only.
let pending = null;

function showConfirm(name) {
  $('confirm-text').textContent = I18n.t(lang, 'unsignedConfirm', { file: name });
  $('confirm-unsigned').hidden = false;
  $('cancel-import').focus();
}

function hideConfirm() {
  pending = null;
  $('confirm-unsigned').hidden = true;
}

async function importText(name, text, confirmed) {
  const res = await send({ type: 'import-bundle', name, json: text, confirmed });
  if (res && res.needsConfirm) {
    pending = { name, text };
    setStatus('import-status', '', '');
    showConfirm(name);
    return;
  }
  hideConfirm();
  if (res && res.ok) {
    const titles = res.bundles.map((x) => x.title).join(', ') || name;
    const versions = res.bundles.map((x) => x.version).join(', ');
    const note = res.signed ? I18n.t(lang, 'verified') : I18n.t(lang, 'unverified');
    setStatus('import-status', 'ok', `${I18n.t(lang, 'importOk', { title: titles, version: versions })} · ${note}`);
  } else {
    setStatus('import-status', 'error', I18n.t(lang, 'importError', { file: name, msg: (res && res.error) || '?' }));
  }
  render();
}

$('import-file').addEventListener('change', async (e) => {
  const file = e.target.files && e.target.files[0];
  if (!file) return;
  hideConfirm();
  let text;
  try {
    text = await file.text();
  } catch (err) {
    setStatus('import-status', 'error', I18n.t(lang, 'importError', { file: file.name, msg: String(err) }));
    return;
  } finally {
    e.target.value = '';
  }
  await importText(file.name, text, false);
});

$('confirm-import').addEventListener('click', async () => {
  if (!pending) return;
  const { name, text } = pending;
  await importText(name, text, true);
});

$('cancel-import').addEventListener('click', () => {
  const name = pending ? pending.name : '';
  hideConfirm();
  setStatus('import-status', 'error', I18n.t(lang, 'importCancelled', { file: name }));
});

$('forget').addEventListener('click', async () => {
  await send({ type: 'forget-choices' });
  setStatus('forget-status', 'ok', I18n.t(lang, 'forgotten'));
});

$('forget-all').addEventListener('click', async () => {
  hideConfirm();
  const res = await send({ type: 'forget-everything' });
  await render();
  if (res && res.ok) setStatus('forget-all-status', 'ok', I18n.t(lang, 'forgotAll'));
  else setStatus('forget-all-status', 'error', (res && res.error) || '?');
});

render();
