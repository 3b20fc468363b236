// The language folders (rules/languages/<code>/) as the extension build sees them: the UI
// string table and the store messages. Nothing here lists the languages; every folder found is
// used, except those whose name starts with "_" or "." (the template).
//
//   readLanguages(rulesDir)        -> [{ code, dir, meta, ui, store }]
//   uiTable(languages, {regions})  -> the table that src/strings.js sets as globalThis.RedflagStrings
//   stringsScript(table)           -> the text of src/strings.js (a classic script)
//   storeLocales(languages)        -> { <code>: messages.json contents } for _locales/
//
// Errors name the file, the line when there is one, and the field.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const show = (file) => relative(ROOT, file) || file;

// language.toml is flat: `key = "text"`, `key = ["a", "b"]`, comments. `redflag lint` checks it
// fully (src/authoring.rs); this reads the same fields and refuses anything else.
const FIELDS = {
  code: 'string', name: 'string', native_name: 'string', regions: 'list', default_region: 'string',
  ui_code: 'string', ui_fallback: 'string', browser_languages: 'list',
};
export function parseLanguageToml(file, text) {
  const out = {};
  text.split('\n').forEach((raw, i) => {
    const where = `${show(file)}:${i + 1}`;
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (!line || line.startsWith('#')) return;
    const m = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${where}: expected key = value`);
    const [, key, rest] = m;
    if (!(key in FIELDS)) throw new Error(`${where}: ${key}: unknown field (known: ${Object.keys(FIELDS).join(', ')})`);
    const value = rest.replace(/\s+#[^"\]]*$/, '');
    const str = /^"((?:[^"\\]|\\.)*)"$/;
    if (FIELDS[key] === 'string') {
      const s = str.exec(value);
      if (!s) throw new Error(`${where}: ${key}: expected a quoted text`);
      out[key] = JSON.parse(`"${s[1]}"`);
    } else {
      const l = /^\[(.*)\]$/.exec(value);
      if (!l) throw new Error(`${where}: ${key}: expected a list ["…", "…"]`);
      out[key] = l[1].split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
        const s = str.exec(x);
        if (!s) throw new Error(`${where}: ${key}: expected quoted texts in the list`);
        return JSON.parse(`"${s[1]}"`);
      });
    }
  });
  for (const key of ['code', 'name', 'native_name']) {
    if (!out[key]) throw new Error(`${show(file)}: ${key}: missing`);
  }
  return out;
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

export function readLanguages(rulesDir) {
  const base = join(rulesDir, 'languages');
  if (!existsSync(base)) throw new Error(`${show(base)}: missing (the language folders)`);
  const out = [];
  for (const code of readdirSync(base).sort()) {
    const dir = join(base, code);
    if (code.startsWith('_') || code.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const file = join(dir, 'language.toml');
    if (!existsSync(file)) throw new Error(`${show(file)}: missing (copy it from rules/languages/_template/)`);
    const meta = parseLanguageToml(file, readFileSync(file, 'utf8'));
    if (meta.code !== code) throw new Error(`${show(file)}: code: "${meta.code}" must be the folder's name "${code}"`);
    out.push({ code, dir, meta, ui: readJson(join(dir, 'ui.json')), store: readJson(join(dir, 'store.json')) });
  }
  return out;
}

// The table i18n.js reads: UI languages (those with a ui.json; English first), their menu
// names, strings and fallbacks, which UI a browser language gets, the default support region
// of each language, and the regions that have support entries.
export function uiTable(languages, { regions = [] } = {}) {
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
    regionByLang: {},
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
    if (l.meta.default_region) table.regionByLang[l.code] = l.meta.default_region;
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
