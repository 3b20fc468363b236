// Language folders in the extension (no browser): the shipped string table holds every
// rules/languages/<code>/ui.json, and a new folder in a copy of rules/ reaches the assembled
// extension (strings, language menu, browser-language and region guesses, store messages)
// with no other file edited.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { ROOT } from './lib/common.mjs';
import { languageFields, readLanguages, uiTable } from '../../scripts/languages.mjs';

// The native CLI (built by `make` with the default bundle): it reads every language.toml.
const redflag = resolve(ROOT, 'target/release/redflag');

// strings.js + i18n.js of an assembled package, run in a fresh context as the content script
// runs them.
function i18nOf(distDir) {
  const ctx = { navigator: { languages: ['en'] } };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  for (const f of ['src/strings.js', 'src/i18n.js']) vm.runInContext(readFileSync(join(distDir, f), 'utf8'), ctx, { filename: f });
  return ctx.RedflagI18n;
}

const folders = () => readdirSync(resolve(ROOT, 'rules/languages')).filter((d) => !d.startsWith('_') && !d.startsWith('.')).sort();

describe('language folders in the shipped extension', () => {
  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: every folder's ui.json is in src/strings.js, and store.json in _locales`, () => {
      const dir = resolve(ROOT, 'dist', browser);
      const I18n = i18nOf(dir);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const js = manifest.content_scripts[0].js;
      assert.ok(js.indexOf('src/strings.js') >= 0 && js.indexOf('src/strings.js') < js.indexOf('src/i18n.js'), js.join());
      const fields = languageFields(redflag, resolve(ROOT, 'rules'));
      assert.deepEqual(fields.map((m) => m.code), folders());
      for (const meta of fields) {
        const { code } = meta;
        const folder = resolve(ROOT, 'rules/languages', code);
        const uiCode = meta.ui_code || code;
        if (existsSync(join(folder, 'ui.json'))) {
          const ui = JSON.parse(readFileSync(join(folder, 'ui.json'), 'utf8'));
          assert.ok(I18n.LANGS.includes(uiCode), `${code}: ${uiCode} in ${I18n.LANGS}`);
          // (JSON: the table lives in another realm, with its own Object.prototype)
          assert.deepEqual(JSON.parse(JSON.stringify(I18n.STRINGS[uiCode])), ui, `${code}: strings as in ui.json`);
        } else {
          // no interface of its own: its browsers get the fallback's, and the menu names it
          const fallback = meta.ui_fallback;
          if (!fallback.startsWith('sr-')) assert.equal(I18n.pickLang([code]), fallback, code);
          const native = meta.native_name;
          assert.match(I18n.LANG_NAMES[fallback], new RegExp(native), code);
        }
        if (existsSync(join(folder, 'store.json'))) {
          assert.deepEqual(JSON.parse(readFileSync(join(dir, '_locales', code, 'messages.json'), 'utf8')),
            JSON.parse(readFileSync(join(folder, 'store.json'), 'utf8')));
        }
      }
      assert.equal(I18n.LANGS[0], 'en');
      assert.ok(I18n.LANGS.includes('sr-Cyrl'), 'Serbian Cyrillic derived');
      assert.equal(I18n.LANG_NAMES['sr-Cyrl'], 'Српски (ћирилица)');
      assert.equal(I18n.LANG_NAMES.hr, 'Hrvatski');
      assert.equal(I18n.LANG_NAMES.bs, 'Bosanski');
      // every region with support entries can be chosen
      const doc = JSON.parse(readFileSync(join(dir, 'bundles/default.json'), 'utf8'));
      for (const s of doc.support) assert.ok(I18n.REGIONS.includes(s.region), s.region);
      assert.equal(I18n.REGIONS.at(-1), 'intl');
    });
  }
});

describe('store listing', () => {
  // The name and description the browser and the add-on store show (rules/languages/<code>/
  // store.json -> _locales/<code>/messages.json). A language with an interface of its own has
  // its listing in its own words, else its readers see the English one (issue 13: Albanian
  // had none).
  const en = JSON.parse(readFileSync(resolve(ROOT, 'rules/languages/en/store.json'), 'utf8'));
  it('the English source says the ads show signs, it does not state recruitment as a fact', () => {
    assert.match(en.extDescription.message, /show signs of recruitment/);
  });
  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: every language with a ui.json has its store name and description, translated`, () => {
      for (const code of folders()) {
        if (!existsSync(resolve(ROOT, 'rules/languages', code, 'ui.json'))) continue;
        const file = resolve(ROOT, 'dist', browser, '_locales', code, 'messages.json');
        assert.ok(existsSync(file), `${code}: no store listing (rules/languages/${code}/store.json)`);
        const msgs = JSON.parse(readFileSync(file, 'utf8'));
        assert.ok(msgs.extDescription.message.length <= 132, `${code}: description at most 132 characters`);
        if (code === 'en') continue;
        for (const key of ['extName', 'extDescription']) {
          assert.notEqual(msgs[key].message, en[key].message, `${code}: ${key} in English`);
        }
      }
    });
  }
});

describe('a new language folder', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'redflag-lang-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const rules = join(tmp, 'rules');
  cpSync(resolve(ROOT, 'rules'), rules, { recursive: true });
  const mk = join(rules, 'languages/mk');
  mkdirSync(join(mk, 'corpus'), { recursive: true });
  writeFileSync(join(mk, 'language.toml'), `# Macedonian
code = "mk"
name = "Macedonian"
native_name = "Македонски"   # in the menu
regions = ["MK"]
default_region = "MK"
ui_fallback = "sr-Latn"
`);
  writeFileSync(join(mk, 'ui.json'), JSON.stringify({ _comment: 'draft', hide: 'Сокриј', why: 'Зошто?' }, null, 2));
  writeFileSync(join(mk, 'store.json'), JSON.stringify({
    extName: { message: 'redflag — знаци на ризик во огласи за работа' },
    extDescription: { message: 'Предупредува за огласи со знаци на регрутирање. Работи на вашиот уред.' },
  }, null, 2));

  it('is in the assembled extension: strings, menu, fallbacks, guesses, store messages', () => {
    const out = join(tmp, 'dist');
    execFileSync('node', [resolve(ROOT, 'scripts/assemble.mjs'), '--rules', rules, '--out', out,
      '--pkg', resolve(ROOT, 'target/wasm-pkg'), '--bundle', resolve(ROOT, 'target/redflag-bundle.json')],
    { stdio: 'pipe' });
    for (const browser of ['chromium', 'firefox']) {
      const I18n = i18nOf(join(out, browser));
      assert.ok(I18n.LANGS.includes('mk'), I18n.LANGS.join());
      assert.equal(I18n.LANG_NAMES.mk, 'Македонски');
      assert.equal(I18n.t('mk', 'hide'), 'Сокриј');
      assert.equal(I18n.t('mk', '_comment'), '_comment', 'notes for translators are left out');
      // a text not translated yet comes from ui_fallback (sr-Latn), not from English
      assert.equal(I18n.t('mk', 'show'), I18n.t('sr-Latn', 'show'));
      assert.notEqual(I18n.t('mk', 'show'), I18n.t('en', 'show'));
      assert.equal(I18n.family('mk', 'high_pay'), I18n.family('sr-Latn', 'high_pay'));
      assert.equal(I18n.pickLang(['mk-MK']), 'mk');
      assert.equal(I18n.guessRegion(['mk']), 'MK');
      // the other languages are unchanged
      assert.equal(I18n.pickLang(['sr-RS']), 'sr-Cyrl');
      assert.equal(I18n.pickLang(['bs']), 'bs');
      const msgs = JSON.parse(readFileSync(join(out, browser, '_locales/mk/messages.json'), 'utf8'));
      assert.match(msgs.extName.message, /знаци на ризик/);
    }
  });

  it('mistakes name the file and the field', () => {
    writeFileSync(join(mk, 'language.toml'), 'code = "mk"\nname = "Macedonian"\nnative_name = "Македонски"\nui_fallback = "de"\n');
    assert.throws(() => uiTable(readLanguages(rules, { redflag })),
      /rules\/languages\/mk\/language\.toml: ui_fallback: "de" has no ui\.json/);
    writeFileSync(join(mk, 'language.toml'), 'code = "mk"\nname = "Macedonian"\nnative_name = "Македонски"\nlanguage = "mk"\n');
    // read by the engine (`redflag languages --json`): its message names the file, line and field
    assert.throws(() => readLanguages(rules, { redflag }), /languages\/mk\/language\.toml:4\b[^\n]*\blanguage\b/);
    writeFileSync(join(mk, 'language.toml'), 'code = "mk"\nname = "Macedonian"\nnative_name = "Македонски"\n');
    writeFileSync(join(mk, 'ui.json'), '{ "hide": "Сокриј", }');
    assert.throws(() => readLanguages(rules, { redflag }), /rules\/languages\/mk\/ui\.json: not valid JSON/);
  });
});
