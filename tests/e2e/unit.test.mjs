// Fast checks of the extension's pieces that need no browser: manifests, UI strings,
// profiles, bundle merging, retrying messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './lib/common.mjs';
import { manifest, GECKO_ID } from '../../extension/manifest.mjs';
// The scripts as packaged (dist/chromium/src: extension/src plus src/strings.js, which
// scripts/assemble.mjs generates from rules/languages/*/ui.json).
import '../../dist/chromium/src/shared.js';
import '../../dist/chromium/src/strings.js';
import '../../dist/chromium/src/i18n.js';
import '../../dist/chromium/src/profiles.js';
import '../../dist/chromium/src/banner.js';
import { normalizeSettings, normalizeForKey, sendToBackground } from '../../dist/chromium/src/common.js';
import { initSync, mergeBundles, supersededImports, Engine } from '../../dist/chromium/engine/redflag.js';

// The packaged engine, in Node (as scripts/check-wasm.mjs loads it).
initSync({ module: readFileSync(resolve(ROOT, 'dist/chromium/engine/redflag_bg.wasm')) });

const I18n = globalThis.RedflagI18n;
const Profiles = globalThis.RedflagProfiles;

describe('manifest', () => {
  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: minimal permissions, no remote code, wasm allowed`, () => {
      const m = manifest(browser, '0.1.0');
      assert.equal(m.manifest_version, 3);
      // Chromium: also the engine host (src/engine-host.js), an offscreen document
      assert.deepEqual(m.permissions, browser === 'chromium' ? ['storage', 'offscreen'] : ['storage']);
      assert.equal(m.host_permissions, undefined);
      assert.equal(m.web_accessible_resources, undefined);
      const csp = m.content_security_policy.extension_pages;
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      assert.doesNotMatch(csp, /https?:|\*|unsafe-inline|'unsafe-eval'/);
      for (const f of [...m.content_scripts[0].js, ...(m.background.scripts || [m.background.service_worker])]) {
        assert.ok(existsSync(resolve(ROOT, 'dist', browser, f)), `${f} exists`);
      }
    });
  }
  it('chromium uses a service worker; firefox background scripts and gecko settings', () => {
    const c = manifest('chromium', '1.0');
    assert.equal(c.background.service_worker, 'src/background.js');
    assert.equal(c.browser_specific_settings, undefined);
    const f = manifest('firefox', '1.0');
    assert.deepEqual(f.background.scripts, ['src/background.js']);
    assert.equal(f.browser_specific_settings.gecko.id, GECKO_ID);
    assert.deepEqual(f.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  });
  it('every _locales message used by the manifest exists in every locale', () => {
    // dist/<browser>/_locales is generated from rules/languages/*/store.json
    const locales = readdirSync(resolve(ROOT, 'dist/chromium/_locales'));
    assert.ok(locales.includes('en') && locales.length >= 5, locales.join());
    for (const loc of locales) {
      const msgs = JSON.parse(readFileSync(resolve(ROOT, `dist/chromium/_locales/${loc}/messages.json`), 'utf8'));
      assert.ok(msgs.extName.message && msgs.extDescription.message.length <= 132, loc);
    }
  });
});

describe('UI strings', () => {
  const en = I18n.STRINGS.en;
  for (const lang of I18n.LANGS) {
    it(`${lang}: every key translated`, () => {
      const t = I18n.STRINGS[lang];
      const vars = (s) => [...s.matchAll(/\{[a-z]+\}/g)].map((m) => m[0]).sort().join();
      for (const key of Object.keys(en)) {
        assert.ok(t[key] != null, `${lang}.${key}`);
        if (I18n.isPlural(en[key])) {
          // a count: every plural form the language has (Intl.PluralRules), same placeholders
          assert.ok(I18n.isPlural(t[key]), `${lang}.${key}: plural forms`);
          for (const form of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
            assert.ok(t[key][form], `${lang}.${key}.${form}`);
            assert.equal(vars(t[key][form]), vars(en[key].other), `${lang}.${key}.${form} placeholders`);
          }
          assert.equal(!!t[key].zero, !!en[key].zero, `${lang}.${key}.zero`);
        } else if (typeof en[key] === 'object') {
          for (const k of Object.keys(en[key])) assert.ok(t[key][k], `${lang}.${key}.${k}`);
        } else {
          assert.equal(vars(t[key]), vars(en[key]), `${lang}.${key} placeholders`);
        }
      }
    });
  }
  it('counts take the plural form of the language and are written its way', () => {
    const c = (lang, n) => I18n.t(lang, 'pageCount', { n });
    assert.equal(c('en', 1), '1 post on this page shows risk signs.');
    assert.equal(c('en', 2), '2 posts on this page show risk signs.');
    assert.equal(c('en', 0), 'No posts on this page show risk signs.');
    assert.match(c('ru', 1), / 1 пост с/);
    assert.match(c('ru', 3), / 3 поста с/);
    assert.match(c('ru', 5), / 5 постов с/);
    assert.match(c('ru', 21), / 21 пост с/);
    assert.match(c('ru', 0), /нет постов/);
    assert.match(c('uk', 2), / 2 дописи з/);
    assert.match(c('uk', 11), / 11 дописів з/);
    assert.match(c('sr-Latn', 3), /su 3 objave/);
    assert.match(c('sr-Cyrl', 3), /су 3 објаве/);
    assert.match(c('sr-Latn', 5), /je 5 objava/);
    assert.match(c('hr', 22), /su 22 objave/);
    assert.match(c('bs', 1), /je 1 objava/);
    assert.match(c('sq', 1), /^1 postim /);
    assert.match(c('sq', 2), /^2 postime /);
    assert.match(I18n.t('en', 'checkCut', { n: 50000 }), /first 50,000 characters/);
    assert.match(I18n.t('ru', 'checkCut', { n: 50000 }), /первые 50\s000 символов/u);
    assert.match(I18n.t('sr-Latn', 'checkCut', { n: 50000 }), /prvih 50\.000 znakova/);
  });
  it('opening hours and bundle titles in the reader\'s language', () => {
    assert.equal(I18n.hours('en', '24/7'), '24 hours, every day');
    assert.equal(I18n.hours('ru', 'daily 10:00-18:00'), 'ежедневно 10:00–18:00');
    assert.equal(I18n.hours('bs', 'weekdays 08:00-20:00'), 'radnim danima 08:00–20:00');
    assert.equal(I18n.hours('en', 'mornings'), null, 'an unknown form is not shown untranslated');
    const doc = JSON.parse(readFileSync(resolve(ROOT, 'dist/chromium/bundles/default.json'), 'utf8'));
    for (const lang of I18n.LANGS) {
      for (const { bundle } of doc.bundles) {
        const title = I18n.bundleTitle(lang, bundle, false);
        assert.notEqual(title, bundle.title, `${lang}: ${bundle.id} has a translated title`);
        if (lang !== 'en') assert.notEqual(title, I18n.bundleTitle('en', bundle, false), `${lang}: ${bundle.id}`);
      }
      assert.equal(I18n.bundleTitle(lang, { id: 'ru', title: 'An NGO bundle' }, true), 'An NGO bundle', 'imported: its own title');
    }
  });
  it('no text of a translated language is left in English (only names: the product, a region)', () => {
    // A key copied from en/ui.json untranslated would show English in the middle of the
    // reader's language (issue 13: no English fallback). Names that are the same in both
    // languages (redflag; Kosovo, Serbia) are the only texts allowed to match.
    const leaves = (o, path = []) => (typeof o === 'string' ? [[path.join('.'), o]]
      : Object.entries(o).flatMap(([k, v]) => leaves(v, [...path, k])));
    const english = new Map(leaves(en));
    const names = (k) => k === 'popupTitle' || (k.startsWith('regions.') && k !== 'regions.auto' && k !== 'regions.intl');
    for (const lang of I18n.LANGS.filter((l) => l !== 'en')) {
      const left = leaves(I18n.STRINGS[lang]).filter(([k, v]) => !names(k) && english.get(k) === v).map(([k]) => k);
      assert.deepEqual(left, [], `${lang}: texts still in English`);
    }
  });
  it('Serbian Cyrillic is derived from Latin and has no stray Latin letters', () => {
    const leaves = (o, path = []) => (typeof o === 'string' ? [[path.join('.'), o]]
      : Object.entries(o).flatMap(([k, v]) => leaves(v, [...path, k])));
    for (const [k, v] of leaves(I18n.STRINGS['sr-Cyrl'])) {
      const stripped = v.replace(/redflag compile|redflag|\{[a-z]+\}|\.json/g, '');
      assert.doesNotMatch(stripped, /[A-Za-zčćšžđ]/, `${k}: ${v}`);
    }
    // converted at build time (`redflag ui-cyrillic`): the same keys, the same placeholders
    const cyrl = new Map(leaves(I18n.STRINGS['sr-Cyrl']));
    for (const [k, v] of leaves(I18n.STRINGS['sr-Latn'])) {
      assert.ok(cyrl.has(k), `sr-Cyrl has ${k}`);
      assert.deepEqual(cyrl.get(k).match(/\{[a-z]+\}/g), v.match(/\{[a-z]+\}/g), k);
    }
    assert.equal(I18n.regionName('sr-Cyrl', 'US'), 'САД');
  });
  it('wording speaks of risk signs and never accuses', () => {
    for (const lang of I18n.LANGS) {
      const all = JSON.stringify(I18n.STRINGS[lang]).toLowerCase();
      assert.doesNotMatch(all, /trafficker|scam!|criminal|prostitut|whore|шлюх|проститут|kurv/, lang);
    }
    assert.match(I18n.t('en', 'level_warning'), /risk signs/i);
  });
  it('guesses the UI language and the region from the browser language', () => {
    assert.equal(I18n.pickLang(['sr-Latn-RS']), 'sr-Latn');
    assert.equal(I18n.pickLang(['sr-RS']), 'sr-Cyrl');
    assert.equal(I18n.pickLang(['bs-BA']), 'bs');
    // Montenegrin browsers get the ijekavian (Bosnian) interface; Serbian in Montenegro, Latin
    assert.equal(I18n.pickLang(['cnr-ME']), 'bs');
    assert.equal(I18n.pickLang(['me']), 'bs');
    assert.equal(I18n.pickLang(['sr-ME']), 'sr-Latn');
    assert.equal(I18n.pickLang(['sq-XK']), 'sq');
    assert.equal(I18n.pickLang(['de-DE', 'uk-UA']), 'uk');
    assert.equal(I18n.pickLang(['fr-FR']), 'en');
    assert.equal(I18n.guessRegion(['sq-XK']), 'XK');
    assert.equal(I18n.guessRegion(['sq']), 'AL');
    assert.equal(I18n.guessRegion(['ru-UA']), 'UA');
    assert.equal(I18n.guessRegion(['uk']), 'UA');
    assert.equal(I18n.guessRegion(['sr-Latn-ME']), 'ME');
    assert.equal(I18n.guessRegion(['en-US']), 'US');
    assert.equal(I18n.guessRegion(['en-GB']), 'intl');
    // bs/language.toml browser_regions: Montenegrin browsers get Montenegro's services
    assert.equal(I18n.guessRegion(['cnr']), 'ME');
    assert.equal(I18n.guessRegion(['bs']), 'BA');
    // no mk folder: the region whose services answer in mk (rules/support/MK.toml)
    assert.equal(I18n.guessRegion(['mk']), 'MK');
  });
  it('a browser language gets the region the engine gives a post in it (the compiled bundle\'s tables)', () => {
    const doc = JSON.parse(readFileSync(resolve(ROOT, 'dist/chromium/bundles/default.json'), 'utf8'));
    const table = { ...doc.language_regions, ...doc.browser_regions };
    assert.deepEqual([doc.browser_regions.cnr, doc.browser_regions.me, doc.browser_regions.mk], ['ME', 'ME', 'MK']);
    assert.ok(Object.keys(table).length >= 9, JSON.stringify(table));
    for (const [lang, region] of Object.entries(table)) {
      assert.equal(I18n.guessRegion([lang]), I18n.REGIONS.includes(region) ? region : 'intl', lang);
    }
  });
});

describe('site profiles', () => {
  it('hosts and ids are unique, every item has post and text', () => {
    const ids = new Set();
    for (const p of Profiles.PROFILES) {
      assert.ok(!ids.has(p.id), p.id);
      ids.add(p.id);
      assert.ok(p.hosts.length && p.items.length, p.id);
      for (const item of p.items) assert.ok(item.post && item.text, p.id);
    }
  });
  it('matches hosts and subdomains, not look-alikes', () => {
    const loc = (h) => ({ hostname: h, pathname: '/', hash: '' });
    const doc = { querySelector: () => null };
    assert.deepEqual(Profiles.forPage(loc('vk.com'), doc).map((p) => p.id), ['vk']);
    assert.deepEqual(Profiles.forPage(loc('m.vk.com'), doc).map((p) => p.id), ['vk']);
    assert.deepEqual(Profiles.forPage(loc('notvk.com'), doc), []);
    assert.deepEqual(Profiles.forPage(loc('web.telegram.org'), doc).map((p) => p.id), ['telegram-k', 'telegram-a']);
    assert.deepEqual(Profiles.forPage(loc('www.njuskalo.hr'), doc).map((p) => p.id), ['njuskalo']);
  });
});

describe('settings and bundles', () => {
  it('normalizes settings', () => {
    assert.deepEqual(normalizeSettings({ sensitivity: 'none', region: 'XX', lang: 'de' }),
      { ...globalThis.RedflagShared.DEFAULT_SETTINGS });
    assert.equal(normalizeSettings({ sensitivity: 'danger' }).sensitivity, 'danger');
  });
  it('an imported document replaces shipped bundles and support entries with the same ids (the engine\'s mergeBundles)', () => {
    const def = readFileSync(resolve(ROOT, 'dist/chromium/bundles/default.json'), 'utf8');
    const doc = JSON.parse(def);
    const bundle = doc.bundles.find((b) => b.bundle.id !== 'core');
    const entry = doc.support[0];
    const imp = JSON.stringify({ ...doc, bundles: [bundle], support: [entry] });
    const [base, again] = mergeBundles(def, [imp]);
    const ids = (d) => JSON.parse(d).bundles.map((b) => b.bundle.id);
    assert.deepEqual(ids(base), ids(def).filter((id) => id !== bundle.bundle.id));
    assert.deepEqual(JSON.parse(base).support.map((s) => s.id), doc.support.slice(1).map((s) => s.id));
    assert.equal(again, imp);
    // nothing replaced: the default text itself (its prebuilt tables still apply)
    assert.deepEqual(mergeBundles(def, []), [def]);
    assert.throws(() => mergeBundles(def, ['{"bundles": 1}']), /imported bundle 1/);
  });
  it('a new import replaces the earlier imports that share a bundle or support id (the engine\'s supersededImports)', () => {
    const def = readFileSync(resolve(ROOT, 'dist/chromium/bundles/default.json'), 'utf8');
    const doc = JSON.parse(def);
    const imp = (bundle, support) => JSON.stringify({
      format: doc.format,
      bundles: [{ bundle: { id: bundle, title: 't', version: '1', licence: 'x', maintainer: 'm' } }],
      support: [{ ...doc.support[0], id: support, name: bundle }],
    });
    const a = imp('import-a', 'rs-x');
    const b = imp('import-b', 'rs-x');
    const other = imp('import-o', 'rs-o');
    assert.deepEqual([...supersededImports(b, [other, a])], [1]);
    assert.deepEqual([...supersededImports(imp('import-a', 'rs-y'), [a, other])], [0]);
    assert.deepEqual([...supersededImports(other, [a, b])], []);
    // why: kept together, "rs-x" would be loaded twice and the new import refused
    assert.throws(() => new Engine(mergeBundles(def, [a, b])), /rs-x/);
    new Engine(mergeBundles(def, [other, b])).free();
    assert.throws(() => supersededImports(b, ['{"bundles": 1}']), /earlier import 1/);
  });
  it('banner support list: at most five, never without Take It Down / StopNCII when they fit', () => {
    const e = (id, region, helps) => ({ id, region, helps });
    const many = [e('a', 'UA', ['recruitment']), e('b', 'UA', ['recruitment']), e('c', 'UA', ['recruitment']),
      e('d', 'UA', ['recruitment']), e('f', 'intl', ['recruitment']), e('tid', 'intl', ['minor'])];
    const ids = (v) => globalThis.RedflagBanner.pickSupport(v).map((x) => x.id);
    assert.deepEqual(ids({ categories: ['minor', 'recruitment'], support: many }), ['a', 'b', 'c', 'd', 'tid']);
    assert.deepEqual(ids({ categories: ['recruitment'], support: many }), ['a', 'b', 'c', 'd']);
    assert.deepEqual(ids({ categories: ['minor'], support: many.slice(0, 3) }), ['a', 'b', 'c']);
  });
  it('fingerprints ignore whitespace differences only', () => {
    assert.equal(normalizeForKey(' a \n b '), 'a b');
  });
});

describe('privacy and trust (static)', () => {
  it('scripts/check-privacy.sh passes: no network APIs, no remote URLs, permissions and CSP as expected', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('bash', [resolve(ROOT, 'scripts/check-privacy.sh')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /check-privacy: ok/);
  });
  it('the shipped trusted-keys.json holds only 64-hex keys and never the e2e test key', () => {
    const keys = JSON.parse(readFileSync(resolve(ROOT, 'extension/src/trusted-keys.json'), 'utf8'));
    assert.ok(Array.isArray(keys.keys));
    const test = readFileSync(resolve(ROOT, 'tests/e2e/keys/e2e-publisher.pub'), 'utf8').split('\n').find((l) => l && !l.startsWith('#')).trim();
    for (const k of keys.keys) {
      const key = typeof k === 'string' ? k : k.key;
      assert.match(key, /^[0-9a-f]{64}$/i);
      assert.notEqual(key.toLowerCase(), test.toLowerCase());
    }
    for (const b of ['chromium', 'firefox']) {
      const f = resolve(ROOT, 'dist', b, 'src/trusted-keys.json');
      if (existsSync(f)) assert.doesNotMatch(readFileSync(f, 'utf8'), new RegExp(test));
    }
  });
  it('the new UI strings exist in every language', () => {
    const I18n = globalThis.RedflagI18n;
    for (const lang of I18n.LANGS) {
      for (const k of ['unverified', 'verified', 'unsignedConfirm', 'importAnyway', 'cancel', 'forgetAll', 'forgotAll', 'forgetAllHelp']) {
        if (!(lang === 'en' && k === 'unverified')) assert.notEqual(I18n.t(lang, k), k, `${lang}.${k}`);
      }
      assert.match(I18n.t(lang, 'unsignedConfirm', { file: 'x.json' }), /x\.json/);
    }
  });
});

describe('retrying messages to the background (retry.js)', () => {
  const { withRetries } = globalThis.RedflagRetry;
  // An attempt that gives each of `answers` in turn (an Error is thrown as a rejection).
  const scripted = (answers) => {
    const calls = [];
    const fn = () => {
      calls.push(calls.length + 1);
      const a = answers[Math.min(calls.length, answers.length) - 1];
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    return { fn, calls };
  };

  it('content scripts load every script before the one that uses it', () => {
    for (const browser of ['chromium', 'firefox']) {
      const js = manifest(browser, '0.1.0').content_scripts[0].js;
      const at = (f) => js.indexOf(`src/${f}`);
      for (const f of ['shared.js', 'profiles.js', 'extract.js']) assert.ok(at(f) >= 0 && at(f) < at('discover.js'), `${browser}: ${f} before discover.js`);
      for (const f of ['discover.js', 'banner.js', 'retry.js', 'i18n.js']) assert.ok(at(f) >= 0 && at(f) < at('content.js'), `${browser}: ${f} before content.js`);
      assert.equal(js[js.length - 1], 'src/content.js');
    }
  });

  it('a lost message is tried again, with a growing pause, until it is answered', async () => {
    const { fn, calls } = scripted([new Error('Receiving end does not exist'), undefined, { ok: 1 }]);
    assert.deepEqual(await withRetries(fn, { pause: 1 }), { ok: 1 });
    assert.deepEqual(calls, [1, 2, 3]);
  });

  it('an error that is not retryable, or the last attempt\'s, is thrown; an answer of false or 0 is an answer', async () => {
    const bad = scripted([new Error('refused')]);
    await assert.rejects(withRetries(bad.fn, { pause: 1, retryable: (e) => /lost/.test(e.message) }), /refused/);
    assert.equal(bad.calls.length, 1);
    const lost = scripted([new Error('lost')]);
    await assert.rejects(withRetries(lost.fn, { tries: 3, pause: 1 }), /lost/);
    assert.equal(lost.calls.length, 3);
    assert.equal(await withRetries(scripted([false]).fn, { pause: 1 }), false);
  });

  it('no answer after the last attempt: undefined, or the error "no answer" when an answer is needed', async () => {
    const none = scripted([undefined]);
    assert.equal(await withRetries(none.fn, { tries: 2, pause: 1 }), undefined);
    assert.equal(none.calls.length, 2);
    await assert.rejects(withRetries(scripted([undefined]).fn, { tries: 2, pause: 1, needAnswer: true }), /no answer/);
  });

  it('an attempt that takes longer than the timeout counts as failed and is tried again', async () => {
    let n = 0;
    const fn = () => (++n === 1 ? new Promise(() => {}) : Promise.resolve('late but answered'));
    assert.equal(await withRetries(fn, { timeout: 20, pause: 1 }), 'late but answered');
    assert.equal(n, 2);
    await assert.rejects(withRetries(() => new Promise(() => {}), { tries: 1, timeout: 20 }), /timeout/);
  });

  it('attempts share one timer for their timeouts; a shorter timeout still fires on time', async () => {
    const real = globalThis.setTimeout;
    let timers = 0;
    globalThis.setTimeout = (f, ms, ...rest) => {
      if (ms >= 100) timers++;
      return real(f, ms, ...rest);
    };
    try {
      // A feed's messages, one after the other, each answered: not a timer each.
      for (let i = 0; i < 10; i++) assert.equal(await withRetries(() => Promise.resolve(i), { timeout: 400 }), i);
      assert.ok(timers <= 1, `${timers} timers for 10 answered attempts`);
      // A slow attempt in flight does not delay the timeout of a shorter one.
      const slow = withRetries(() => new Promise((r) => real(() => r('slow'), 150)), { tries: 1, timeout: 2000 });
      const t0 = Date.now();
      await assert.rejects(withRetries(() => new Promise(() => {}), { tries: 1, timeout: 30 }), /timeout/);
      assert.ok(Date.now() - t0 < 140, `timed out after ${Date.now() - t0} ms`);
      assert.equal(await slow, 'slow');
    } finally {
      globalThis.setTimeout = real;
    }
  });

  it('sendToBackground (the extension\'s pages) retries only a lost message, and returns undefined when nothing answers', async () => {
    const api = (answers) => {
      const s = scripted(answers);
      return { calls: s.calls, runtime: { sendMessage: s.fn } };
    };
    const lost = api([new Error('Could not establish connection. Receiving end does not exist.'), { state: 1 }]);
    assert.deepEqual(await sendToBackground(lost, { type: 'state' }), { state: 1 });
    assert.equal(lost.calls.length, 2);
    const refused = api([new Error('not allowed')]);
    await assert.rejects(sendToBackground(refused, { type: 'state' }), /not allowed/);
    assert.equal(refused.calls.length, 1);
    const silent = api([undefined]);
    assert.equal(await sendToBackground(silent, { type: 'state' }, 2), undefined);
    assert.equal(silent.calls.length, 2);
  });
});
