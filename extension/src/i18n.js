// redflag's tiny i18n module of our own (chrome.i18n has no Albanian). The strings are in
// rules/languages/<code>/ui.json. Classic script: defines globalThis.RedflagI18n; loaded by
// the content script, the popup and the options page, after src/strings.js. Serbian Cyrillic
// (sr-Cyrl) is converted from Serbian Latin when the extension is built (scripts/languages.mjs,
// with the engine's converter), so the two always say the same thing. Translations are
// drafts: native speakers, please review.
(function () {
  'use strict';

  // The strings and the list of languages come from the language folders
  // (rules/languages/<code>/ui.json and language.toml), collected by scripts/assemble.mjs into
  // src/strings.js, which is loaded first (with sr-Cyrl already converted from sr-Latn). To
  // change a text or add a language, edit those folders: nothing here lists the languages.
  const G = globalThis.RedflagStrings;
  if (!G || !G.strings || !G.strings.en) {
    throw new Error('redflag: src/strings.js (generated from rules/languages/*/ui.json) must be loaded before i18n.js');
  }
  const LANGS = [...G.langs];
  const LANG_NAMES = { ...G.names };
  const FALLBACK = { ...G.fallback };
  const S = { ...G.strings };

  // Browser language -> UI language.
  function pickLang(tags) {
    for (const raw of tags || []) {
      if (!raw) continue;
      const tag = String(raw).toLowerCase();
      const base = tag.split(/[-_]/)[0];
      // language.toml: each folder's code and browser_languages -> its interface (or ui_fallback)
      const ui = G.browser[base];
      if (!ui) continue;
      // Serbian: Cyrillic unless the tag asks for Latin or names Montenegro (sr-ME).
      // Montenegrin browsers (cnr, me) get the ijekavian Bosnian interface (bs/language.toml).
      if (ui === 'sr-Latn' && S['sr-Cyrl']) {
        if (tag.includes('latn') || base !== 'sr' || /-(me)$/.test(tag)) return 'sr-Latn';
        return 'sr-Cyrl';
      }
      return ui;
    }
    return 'en';
  }
  function browserLangs() {
    try {
      if (typeof navigator !== 'undefined') {
        return navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
      }
    } catch (_) { /* ignore */ }
    return ['en'];
  }

  // Region for support links, guessed from the browser's languages.
  // REGIONS: every region with support entries (from the compiled bundle). REGION_BY_LANG:
  // the compiled bundle's language_regions and browser_regions (scripts/languages.mjs), the
  // engine's own table for a stated language: each folder's default_region and browser_regions
  // (language.toml; cnr -> ME), and a language with services but no folder yet (mk -> MK).
  const REGIONS = [...G.regions];
  const REGION_BY_LANG = { ...G.regionByLang };
  function guessRegion(tags) {
    for (const raw of tags || []) {
      if (!raw) continue;
      const parts = String(raw).split(/[-_]/);
      const base = parts[0].toLowerCase();
      const country = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
      const cc = country ? country.toUpperCase() : null;
      if (cc && REGIONS.includes(cc)) return cc;
      const region = REGION_BY_LANG[base];
      if (region && REGIONS.includes(region)) return region;
    }
    return 'intl';
  }

  function resolveLang(setting) {
    if (setting && LANGS.includes(setting)) return setting;
    return pickLang(browserLangs());
  }

  // A text missing in a language comes from its ui_fallback (language.toml), then English.
  function chain(lang) {
    const out = [];
    for (let l = lang; l && S[l] && !out.includes(l); l = FALLBACK[l]) out.push(l);
    if (!out.includes('en')) out.push('en');
    return out;
  }
  function lookup(lang, key, sub) {
    for (const l of chain(lang)) {
      const v = S[l][key];
      if (sub === undefined ? v != null : v && v[sub]) return sub === undefined ? v : v[sub];
    }
    return null;
  }
  // Counts: a text with a count is an object of plural forms ({"one": …, "few": …,
  // "other": …}, the CLDR categories Intl.PluralRules gives for the language; Russian and
  // Ukrainian have one/few/many, Serbian, Croatian and Bosnian one/few, Albanian and English
  // one), plus an optional "zero" for a count of 0. The count is `vars.n`, a number; it is
  // written the language's way (50 000, 50.000).
  const PLURAL_KEYS = ['zero', 'one', 'two', 'few', 'many', 'other'];
  function isPlural(v) {
    return !!v && typeof v === 'object' && typeof v.other === 'string'
      && Object.keys(v).every((k) => PLURAL_KEYS.includes(k));
  }
  const rules = new Map();
  function pluralForm(lang, forms, n) {
    if (n === 0 && forms.zero) return forms.zero;
    if (typeof n !== 'number') return forms.other;
    if (!rules.has(lang)) {
      let r = null;
      try { r = new Intl.PluralRules(lang); } catch (_) { /* unknown tag: "other" */ }
      rules.set(lang, r);
    }
    const r = rules.get(lang);
    return (r && forms[r.select(n)]) || forms.other;
  }
  function formatNumber(lang, n) {
    try { return n.toLocaleString(lang); } catch (_) { return String(n); }
  }
  function t(lang, key, vars) {
    let s = lookup(lang, key);
    if (s == null) return key;
    // the forms come from the language that has the text (a fallback's forms are its own)
    if (isPlural(s)) s = pluralForm(chain(lang).find((l) => S[l][key] === s) || lang, s, vars && vars.n);
    if (typeof s !== 'string') return key;
    if (vars) {
      s = s.replace(/\{([a-z]+)\}/g, (m, name) => {
        if (!(name in vars)) return m;
        const v = vars[name];
        return typeof v === 'number' ? formatNumber(lang, v) : String(v);
      });
    }
    return s;
  }

  // A support line's opening hours (the `hours` field: "24/7", "daily 10:00-18:00",
  // "weekdays 08:00-20:00"; `redflag lint` accepts nothing else), in the reader's language.
  // Anything else is not shown rather than shown untranslated.
  function hours(lang, spec) {
    if (spec === '24/7') return t(lang, 'hours_always');
    const m = /^(daily|weekdays) (\d\d:\d\d)-(\d\d:\d\d)$/.exec(String(spec || ''));
    if (!m) return null;
    return t(lang, m[1] === 'daily' ? 'hours_daily' : 'hours_weekdays', { from: m[2], to: m[3] });
  }

  // A bundle's title in the reader's language: the shipped bundles' titles are translated in
  // ui.json ("bundles"); an imported bundle (or one an import replaced) keeps its own.
  function bundleTitle(lang, bundle, imported) {
    return (!imported && lookup(lang, 'bundles', bundle.id)) || bundle.title;
  }
  function family(lang, id) {
    return lookup(lang, 'families', id) || String(id).replace(/_/g, ' ');
  }
  function regionName(lang, code) {
    return lookup(lang, 'regions', code) || code;
  }
  // What a support service does, in the reader's language (the international services, whose
  // names are their own: "services" in ui.json, by support id). null when not described.
  function service(lang, id) {
    return lookup(lang, 'services', id);
  }

  globalThis.RedflagI18n = {
    LANGS, LANG_NAMES, REGIONS, STRINGS: S, t, family, regionName, pickLang, guessRegion,
    resolveLang, browserLangs, hours, bundleTitle, isPlural, service,
  };
})();
