// Fast checks of the extension's pieces that need no browser: manifests, UI strings,
// profiles, bundle merging.
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
import { mergeDocuments, normalizeSettings, normalizeForKey } from '../../dist/chromium/src/common.js';

const I18n = globalThis.RedflagI18n;
const Profiles = globalThis.RedflagProfiles;

describe('manifest', () => {
  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: minimal permissions, no remote code, wasm allowed`, () => {
      const m = manifest(browser, '0.1.0');
      assert.equal(m.manifest_version, 3);
      assert.deepEqual(m.permissions, ['storage']);
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
      for (const key of Object.keys(en)) {
        assert.ok(t[key] != null, `${lang}.${key}`);
        if (typeof en[key] === 'object') {
          for (const k of Object.keys(en[key])) assert.ok(t[key][k], `${lang}.${key}.${k}`);
        } else {
          const vars = (s) => [...s.matchAll(/\{[a-z]+\}/g)].map((m) => m[0]).sort().join();
          assert.equal(vars(t[key]), vars(en[key]), `${lang}.${key} placeholders`);
        }
      }
    });
  }
  it('Serbian Cyrillic is derived from Latin and has no stray Latin letters', () => {
    const cy = I18n.STRINGS['sr-Cyrl'];
    for (const [k, v] of Object.entries(cy)) {
      if (typeof v !== 'string') continue;
      const stripped = v.replace(/redflag compile|redflag|\{[a-z]+\}|\.json/g, '');
      assert.doesNotMatch(stripped, /[A-Za-zčćšžđ]/, `${k}: ${v}`);
    }
    assert.equal(I18n.srCyrl('Ljubljana njiva džep'), 'Љубљана њива џеп');
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
    assert.equal(I18n.pickLang(['bs-BA']), 'hr');
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
  it('an imported document replaces shipped bundles and support entries with the same ids', () => {
    const def = JSON.stringify({ format: 1, bundles: [{ bundle: { id: 'core' } }, { bundle: { id: 'ru' } }], support: [{ id: 'a' }, { id: 'b' }] });
    const imp = JSON.stringify({ format: 1, bundles: [{ bundle: { id: 'ru' } }], support: [{ id: 'b' }] });
    const [base, again] = mergeDocuments(def, [imp]);
    assert.deepEqual(JSON.parse(base).bundles.map((b) => b.bundle.id), ['core']);
    assert.deepEqual(JSON.parse(base).support.map((s) => s.id), ['a']);
    assert.equal(again, imp);
    assert.deepEqual(mergeDocuments(def, []), [def]);
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
