// "Check a message": the person pastes a message or an ad and gets the verdict, the risk signs
// marked in the text, the reasons and help links. Nothing leaves the device.
//
// One page, two backends:
// - inside the extension (chrome-extension:, moz-extension:) it asks the background, so the
//   verdict is the one the banners give (imported and NGO bundles included);
// - on a web host (dist/check-site, built by scripts/build-check-site.mjs) it runs the same
//   WASM engine in the page (site-engine.js) with the shipped default bundle, and on an NGO's
//   branded site also the NGO's signed bundle. The service worker of that site (registered by
//   the site's own sw-register.js, not by this file) keeps it working offline.
//
// On the site, a message shared from another app arrives in the page's address (share.js): it
// is checked at once, then removed from the address bar and the history entry.
//
// Page and pasted text are only ever put into the page as text nodes (textContent), never
// parsed as HTML.
import { I18n, sendToBackground } from '../common.js';
import { applyI18n } from '../page-i18n.js';
import { siteBackend } from './site-engine.js';
import { hasShare, onlyLinks, sharedText, withoutShare } from './share.js';
import '../banner.js';

const $ = (id) => document.getElementById(id);

// Longer texts are cut (at a character boundary) and the page says so.
export const MAX_CHECK = 50000;

function extensionApi() {
  if (!/^(chrome|moz)-extension:$/.test(location.protocol)) return null;
  const api = globalThis.browser ?? globalThis.chrome;
  return api && api.runtime && api.runtime.id ? api : null;
}

// Backend 1: the extension's background (same engine, same bundles as the banners).
function extensionBackend(api) {
  return {
    name: 'extension',
    warm: () => Promise.resolve(),
    async defaults() {
      const st = await sendToBackground(api, { type: 'state' });
      return { lang: st && st.settings ? st.settings.lang : 'auto', region: st && st.settings ? st.settings.region : null };
    },
    async classify(text, region) {
      const res = await sendToBackground(api, { type: 'classify', texts: [text], region });
      if (!res || !Array.isArray(res.verdicts) || !res.verdicts[0]) throw new Error((res && res.error) || 'no answer from the extension');
      return res.verdicts[0]; // support entries already looked up
    },
  };
}

// Element building and the support list items are the banner's own (src/banner.js).
const { el, supportItem } = globalThis.RedflagBanner;

// Cuts at MAX_CHECK UTF-16 units without splitting a surrogate pair.
export function cut(text) {
  if (text.length <= MAX_CHECK) return { text, cut: false };
  let end = MAX_CHECK;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end), cut: true };
}

// The text as text nodes, each evidence range in a <mark>. Overlapping ranges are merged.
// Offsets are UTF-16 code units of `text` (the engine reports them so).
export function markText(container, text, evidence) {
  const ranges = (evidence || [])
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= text.length)
    .map((e) => ({ start: e.start, end: e.end, families: [e.family] }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      if (!last.families.includes(r.families[0])) last.families.push(r.families[0]);
    } else {
      merged.push({ ...r, families: [...r.families] });
    }
  }
  container.textContent = '';
  let pos = 0;
  for (const r of merged) {
    if (r.start > pos) container.appendChild(document.createTextNode(text.slice(pos, r.start)));
    container.appendChild(el('mark', { 'data-family': r.families.join(' ') }, text.slice(r.start, r.end)));
    pos = r.end;
  }
  if (pos < text.length) container.appendChild(document.createTextNode(text.slice(pos)));
  return merged.length;
}

const api = extensionApi();
const backend = api ? extensionBackend(api) : siteBackend();
document.documentElement.dataset.backend = backend.name;
// An NGO's branded build or site (src/branding.js): its name above the page.
const BRAND = (globalThis.RedflagBranding && globalThis.RedflagBranding.name) || '';

// Read the shared message and take it out of the address bar and the history entry before
// anything else runs (nothing below ever sends it anywhere).
const startParams = new URLSearchParams(location.search);
const shared = hasShare(startParams) ? sharedText(startParams) : null;
if (hasShare(startParams)) history.replaceState(history.state, '', withoutShare(location.href));

let lang = I18n.resolveLang('auto');
let last = null; // { text, cut, verdict } of the result shown
let seq = 0;
const t = (key, vars) => I18n.t(lang, key, vars);

function fillSelects(region) {
  const langSel = $('lang');
  const langValue = langSel.value || lang;
  langSel.textContent = '';
  for (const code of I18n.LANGS) langSel.appendChild(el('option', { value: code, lang: code }, I18n.LANG_NAMES[code] || code));
  langSel.value = I18n.LANGS.includes(langValue) ? langValue : lang;

  // "Automatic": the help follows the language of the message (the engine decides), else the
  // region guessed from the browser; any other choice always wins.
  const regionSel = $('region');
  const regionValue = region || regionSel.value;
  regionSel.textContent = '';
  const guessed = I18n.guessRegion(I18n.browserLangs());
  regionSel.appendChild(el('option', { value: 'auto' }, I18n.t(lang, 'region_auto')));
  for (const code of I18n.REGIONS) regionSel.appendChild(el('option', { value: code }, I18n.regionName(lang, code)));
  regionSel.value = I18n.REGIONS.includes(regionValue) ? regionValue : 'auto';
  $('region-hint').textContent = I18n.t(lang, 'regionHint', { region: I18n.regionName(lang, guessed) });
  $('region-hint').hidden = regionSel.value !== 'auto';
}

function applyLang() {
  applyI18n(lang);
  document.title = `${BRAND || 'redflag'} · ${t('checkTitle')}`;
  fillSelects(null);
  if (!$('install-link').hidden) $('install-link').href = installHref();
  if (rulesProblem) $('rules-problem').textContent = t('checkRulesProblem', { msg: rulesProblem });
  if (last) render(last);
  else if (linkOnly) status(t('shareOnlyLink'));
}

// The site's install guide, in the page's language.
function installHref() {
  const u = new URL('../../install.html', import.meta.url);
  u.searchParams.set('lang', lang);
  return u.href;
}

let rulesProblem = null; // the site's NGO bundle that could not be used (site-engine.js)
let linkOnly = false;    // the shared message was only a link

function status(text, kind) {
  const s = $('status');
  s.textContent = text || '';
  s.className = `status${kind ? ` ${kind}` : ''}`;
}

// The most urgent category decides the summary: the engine lists a verdict's categories most
// urgent first (`Category`'s order in src/verdict.rs), so the first one is it.
function summaryKey(categories) {
  return categories && categories.length ? `sum_${categories[0]}` : 'sum_generic';
}

function render({ text, cut: wasCut, verdict: v }) {
  const result = $('result');
  const level = v && v.level ? v.level : 'none';
  result.dataset.level = level;
  // Like a banner: data-redflag-level only when there are risk signs.
  if (level === 'none') result.removeAttribute('data-redflag-level');
  else result.setAttribute('data-redflag-level', level);
  $('result-level').textContent = t(level === 'none' ? 'level_none' : `level_${level}`);
  $('summary').textContent = t(level === 'none' ? 'sum_none' : summaryKey(v.categories));
  const notes = [];
  if (wasCut || v.truncated) notes.push(t('checkCut', { n: wasCut ? MAX_CHECK : text.length }));
  $('cut-note').textContent = notes.join(' ');
  $('cut-note').hidden = notes.length === 0;

  const risky = level !== 'none';
  const marked = $('marked');
  const evidence = risky ? v.evidence || [] : [];
  const marks = markText(marked, text, evidence);
  $('marked-box').hidden = !risky || marks === 0;

  // Why: the phrases that fired, with the family they belong to (as the banner lists them).
  const ul = $('evidence');
  ul.textContent = '';
  const seen = new Set();
  for (const e of evidence) {
    const key = `${e.text}\u0000${e.family}`;
    if (!e.text || seen.has(key)) continue;
    seen.add(key);
    const li = el('li', { 'data-family': e.family });
    li.appendChild(el('span', { class: 'phrase' }, e.text));
    li.appendChild(el('span', { class: 'family' }, ` — ${I18n.family(lang, e.family)}`));
    ul.appendChild(li);
  }
  // Signs that lower the risk: a label and a list (as the banner shows them).
  const damp = [...new Set(((risky && v.dampeners) || []).map((d) => d.family))];
  const lowers = $('lowers');
  lowers.textContent = '';
  for (const f of damp) lowers.appendChild(el('li', { 'data-family': f, class: 'family' }, I18n.family(lang, f)));
  $('lowered').hidden = damp.length === 0;
  $('why-box').hidden = seen.size === 0;

  // Help: the entries the engine chose for the categories and region (region's first).
  const support = $('support');
  support.textContent = '';
  for (const s of (risky && v.support) || []) {
    support.appendChild(supportItem(s, t, lang));
  }
  $('help-box').hidden = support.childElementCount === 0;
  result.hidden = false;
}

async function check({ focus = true } = {}) {
  const raw = $('text').value;
  if (!raw.trim()) {
    status(t('checkEmpty'), 'error');
    $('result').hidden = true;
    last = null;
    $('text').focus();
    return;
  }
  const mine = ++seq;
  linkOnly = false;
  const { text, cut: wasCut } = cut(raw);
  const region = $('region').value;
  status(t('checkLoading'));
  $('check').disabled = true;
  try {
    const verdict = await backend.classify(text, region);
    if (mine !== seq) return;
    last = { text, cut: wasCut, verdict };
    status('');
    render(last);
    // For tests and assistive tools: how many results this page has shown.
    document.documentElement.dataset.checks = String(Number(document.documentElement.dataset.checks || 0) + 1);
    if (focus) $('result-level').focus();
  } catch (err) {
    if (mine !== seq) return;
    status(t('checkError', { msg: err && err.message ? err.message : String(err) }), 'error');
  } finally {
    if (mine === seq) $('check').disabled = false;
  }
}

async function start() {
  let defaults = {};
  try {
    defaults = await backend.defaults();
  } catch (_) { /* the background is starting; the page's own guesses apply */ }
  const params = startParams;
  const wantLang = params.get('lang');
  const wantRegion = params.get('region');
  if (BRAND) {
    $('brand').textContent = BRAND;
    $('brand').hidden = false;
  }
  lang = I18n.resolveLang(I18n.LANGS.includes(wantLang) ? wantLang : defaults.lang);
  const region = I18n.REGIONS.includes(wantRegion) || wantRegion === 'auto' ? wantRegion
    : I18n.REGIONS.includes(defaults.region) ? defaults.region : 'auto';
  fillSelects(region);
  applyLang();
  $('offline-note').hidden = backend.name !== 'page';
  // The one-page install guide lives on the site only (scripts/check-site/install.html).
  if (backend.name === 'page') {
    $('install-link').hidden = false;
    $('install-link').href = installHref();
  }

  $('check').addEventListener('click', () => check());
  $('clear').addEventListener('click', () => {
    $('text').value = '';
    $('result').hidden = true;
    last = null;
    seq++;
    status('');
    $('text').focus();
  });
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    }
  });
  $('lang').addEventListener('change', (e) => {
    lang = I18n.resolveLang(e.target.value);
    applyLang();
  });
  $('region').addEventListener('change', () => {
    $('region-hint').hidden = $('region').value !== 'auto';
    if (last) check({ focus: false });
  });

  document.documentElement.dataset.ready = 'true';
  // Build the engine while the person pastes (page backend); the background warms itself.
  if (backend.name === 'page') {
    backend.warm().then(
      (built) => {
        if (built.problems.length) {
          rulesProblem = built.problems.join('; ');
          $('rules-problem').textContent = t('checkRulesProblem', { msg: rulesProblem });
          $('rules-problem').hidden = false;
        }
        document.documentElement.dataset.bundles = built.bundles.join(' ');
        document.documentElement.dataset.engine = 'ready';
      },
      (err) => status(t('checkError', { msg: err && err.message ? err.message : String(err) }), 'error'),
    );
  }

  // A message shared from another app: check it at once. Only a link: say why nothing is checked.
  if (shared != null) {
    $('text').value = shared;
    document.documentElement.dataset.shared = 'true';
    if (onlyLinks(shared)) {
      linkOnly = true;
      status(t('shareOnlyLink'));
    } else {
      check();
    }
  }
}

start();
