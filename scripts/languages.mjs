// The language folders (rules/languages/<code>/) as the extension build sees them: the UI
// string table and the store messages. Nothing here lists the languages; every folder found is
// used, except those whose name starts with "_" or "." (the template).
//
//   readLanguages(rulesDir, {redflag})      -> [{ code, dir, meta, ui, store }]
//   uiTable(languages, {doc, cyrillic})     -> the table src/strings.js sets as RedflagStrings
//   stringsScript(table)                    -> the text of src/strings.js (a classic script)
//   storeLocales(languages)                 -> { <code>: messages.json contents } for _locales/
//
// Errors name the file, the line when there is one, and the field.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const show = (file) => relative(ROOT, file) || file;

// language.toml is read by the engine's own TOML parser and checks (src/authoring.rs), through
// `redflag languages --json RULES`: one object per folder, every field as written plus "code".
// `redflag lint` reports mistakes in it with file, line and field.
export function languageFields(redflag, rulesDir) {
  let out;
  try {
    out = execFileSync(redflag, ['languages', '--json', rulesDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error(`${show(redflag)}: missing (run make, or cargo build --release)`);
    throw new Error(`${(e.stderr || '').trim() || e.message}`);
  }
  const list = JSON.parse(out);
  if (!Array.isArray(list)) throw new Error(`${show(redflag)} languages --json: expected a list`);
  return list;
}

function readJson(file) {
  if (!existsSync(file)) return null;
  let obj;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${show(file)}: not valid JSON: ${e.message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${show(file)}: expected an object { "key": "text", … }`);
  // "_comment" and other keys starting with "_" are notes for translators
  const clean = Object.fromEntries(Object.entries(obj).filter(([k]) => !k.startsWith('_')));
  return Object.keys(clean).length ? clean : null;
}

// `redflag`: the native CLI (target/release/redflag), which reads every language.toml.
export function readLanguages(rulesDir, { redflag }) {
  const base = join(rulesDir, 'languages');
  if (!existsSync(base)) throw new Error(`${show(base)}: missing (the language folders)`);
  return languageFields(redflag, rulesDir).map((meta) => {
    const dir = join(base, meta.code);
    return { code: meta.code, dir, meta, ui: readJson(join(dir, 'ui.json')), store: readJson(join(dir, 'store.json')) };
  });
}

// The table i18n.js reads: UI languages (those with a ui.json; English first), their menu
// names, strings and fallbacks, which UI a browser language gets, and from `doc` (the compiled
// default document) the regions that have support entries and the region of each language.
// Language → region is the engine's, as `redflag scan` uses it for a post's `lang`: the
// document's `language_regions` (each folder's default_region) and `browser_regions` (each
// folder's browser_regions, cnr -> ME, and a language with services but no folder, mk -> MK;
// src/authoring.rs), the second winning.
//
// Serbian is written in two scripts. The sr folder's ui.json is Latin (sr-Latn); the Cyrillic
// interface (sr-Cyrl) is made from it here, when the extension is built, by `cyrillic` (the
// engine's own converter, `redflag ui-cyrillic`, src/confusables.rs), so the two always say the
// same and the pages carry no converter of their own. sr-Cyrl is listed right after sr-Latn.
export function uiTable(languages, { doc = {}, cyrillic = null } = {}) {
  const regions = (doc.support || []).map((s) => s.region);
  const uiCode = (l) => l.meta.ui_code || l.code;
  const withUi = languages.filter((l) => l.ui);
  const en = withUi.find((l) => uiCode(l) === 'en');
  if (!en) throw new Error('rules/languages/en/ui.json: missing (English is every other language\'s last fallback)');
  const ordered = [en, ...withUi.filter((l) => l !== en)];
  const uiLangs = ordered.map(uiCode);
  const table = {
    langs: uiLangs,
    names: {},
    strings: {},
    fallback: {},
    browser: {},
    regionByLang: { ...(doc.language_regions || {}), ...(doc.browser_regions || {}) },
    regions: [...new Set(regions.filter((r) => r !== 'intl'))].sort().concat(regions.length ? ['intl'] : []),
  };
  const fallbackOf = (l) => {
    const f = l.meta.ui_fallback || 'en';
    if (!uiLangs.includes(f)) {
      throw new Error(`${show(join(l.dir, 'language.toml'))}: ui_fallback: "${f}" has no ui.json (interface languages: ${uiLangs.join(', ')})`);
    }
    return f;
  };
  for (const l of ordered) {
    const u = uiCode(l);
    table.names[u] = l.meta.native_name;
    table.strings[u] = l.ui;
    const f = fallbackOf(l);
    if (f !== u) table.fallback[u] = f;
  }
  for (const l of languages) {
    const target = l.ui ? uiCode(l) : fallbackOf(l);
    // a language without its own interface is named next to the one it uses: "Srpski / Македонски"
    if (!l.ui) table.names[target] = `${table.names[target]} / ${l.meta.native_name}`;
    for (const b of [l.code, ...(l.meta.browser_languages || [])]) {
      if (table.browser[b] && table.browser[b] !== target) {
        throw new Error(`${show(join(l.dir, 'language.toml'))}: browser_languages: "${b}" already gets "${table.browser[b]}"`);
      }
      table.browser[b] = target;
    }
  }
  if (table.strings['sr-Latn'] && cyrillic) {
    const name = table.names['sr-Latn'];
    const cy = cyrillic({ name, strings: table.strings['sr-Latn'] });
    table.strings['sr-Cyrl'] = cy.strings;
    if (table.fallback['sr-Latn']) table.fallback['sr-Cyrl'] = table.fallback['sr-Latn'];
    table.langs.splice(table.langs.indexOf('sr-Latn') + 1, 0, 'sr-Cyrl');
    table.names['sr-Latn'] = `${name} (latinica)`;
    table.names['sr-Cyrl'] = `${cy.name} (ћирилица)`;
  }
  return table;
}

export function stringsScript(table) {
  return `// Generated by scripts/assemble.mjs from rules/languages/*/ (language.toml, ui.json): edit
// those files, not this one. Classic script, loaded before i18n.js.
globalThis.RedflagStrings = ${JSON.stringify(table, null, 1)};
`;
}

// _locales/<code>/messages.json: the store name and description of each folder with a store.json.
export function storeLocales(languages) {
  const out = {};
  for (const l of languages) {
    if (!l.store) continue;
    for (const key of ['extName', 'extDescription']) {
      if (!l.store[key] || typeof l.store[key].message !== 'string') {
        throw new Error(`${show(join(l.dir, 'store.json'))}: ${key}: missing (an object with "message")`);
      }
    }
    if (l.store.extDescription.message.length > 132) {
      throw new Error(`${show(join(l.dir, 'store.json'))}: extDescription: longer than 132 characters`);
    }
    out[l.code] = l.store;
  }
  if (!out.en) throw new Error('rules/languages/en/store.json: missing (the manifest\'s default locale)');
  return out;
}
