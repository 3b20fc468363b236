#!/usr/bin/env node
// Builds an NGO's branded redflag packages and its branded check site from a small config file
// (docs/NGO.md).
//
// Usage: node scripts/ngo-build.mjs ngo/example-rs/ngo.toml [--out dist-ngo] [--sign-key KEY]
//        [--dist dist] [--redflag target/release/redflag]
//        node scripts/ngo-build.mjs CONFIG --compile-only NGO.json   (lint, test and compile the
//        NGO's TOML files into one unsigned document, to be signed on an offline machine)
//
// Starts from the standard build (`make`: dist/chromium, dist/firefox) and writes
//   <out>/<slug>/chromium/, <out>/<slug>/firefox/, <out>/<slug>/<slug>-chromium.zip,
//   <out>/<slug>/<slug>-firefox.zip, <out>/<slug>/check-site/ (the "check a message" page as a
//   web site, scripts/build-check-site.mjs, from the branded Chromium package: the NGO's rules,
//   help lines first, region, language, name and icon), <out>/<slug>/<slug>-check-site.zip and
//   <out>/<slug>/SHA256SUMS (sha256sum format).
// Steps: read and check the config; lint and test the NGO's rule files together with the
// shipped default bundle; compile them, sign them with --sign-key (or take bundles signed
// offline) and verify every signature against the configured public key; refuse unconfirmed
// support numbers that the package would show for its default region unless their ids are in
// allow_unconfirmed; copy the standard packages and set name, description, gecko id, icons,
// branding (src/branding.js) and the pinned key (src/trusted-keys.json); build the check site
// from the branded Chromium package; zip reproducibly.
// Re-running gives the same files (and the same checksums for the same inputs).
//
// The config is TOML, like the rule files NGOs already edit, parsed with smol-toml (a small,
// dependency-free TOML 1.0 parser from npm, installed with the other build tools in
// tests/e2e/node_modules by `make tools`).
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync,
  utimesSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { decodePng, encodePng, resize } from './png.mjs';
import { buildCheckSite } from './build-check-site.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BROWSERS = ['chromium', 'firefox'];
const ICON_SIZES = [16, 32, 48, 128];
// The check site's web app icons (home screen, share menu).
const SITE_ICON_SIZES = [192, 512];
// The standard package's Firefox id: a branded build must have its own.
const STANDARD_GECKO_ID = 'redflag@redflag-extension';
// The end-to-end tests' key pair: its secret is public (tests/e2e/keys). Only a config marked
// `example = true` may pin it.
const TEST_PUBLIC_KEY_FILE = join(ROOT, 'tests/e2e/keys/e2e-publisher.pub');
// Fixed timestamp for every file in the zips, so the same inputs give the same checksums.
const ZIP_TIME = new Date(Number(process.env.SOURCE_DATE_EPOCH || 1767225600) * 1000); // 2026-01-01

class BuildError extends Error {}
const fail = (msg) => { throw new BuildError(msg); };
const warnings = [];
const warn = (msg) => { warnings.push(msg); console.warn(`ngo-build: warning: ${msg}`); };
const rel = (p) => relative(process.cwd(), p) || '.';

// ------------------------------------------------------------------------------ arguments

function parseArgs(argv) {
  const out = { config: null, out: 'dist-ngo', signKey: null, dist: 'dist', redflag: 'target/release/redflag', compileOnly: null };
  const names = { '--out': 'out', '--sign-key': 'signKey', '--dist': 'dist', '--redflag': 'redflag', '--compile-only': 'compileOnly' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/ngo-build.mjs CONFIG.toml [--out dist-ngo] [--sign-key KEY] [--dist dist] [--redflag target/release/redflag]\n'
        + '       node scripts/ngo-build.mjs CONFIG.toml --compile-only NGO.json   (check and compile only, to sign offline)');
      process.exit(0);
    }
    if (names[a]) {
      if (argv[i + 1] == null) fail(`${a} needs a value`);
      out[names[a]] = argv[++i];
    } else if (a.startsWith('--')) {
      fail(`unknown option ${a}`);
    } else if (!out.config) {
      out.config = a;
    } else {
      fail(`unexpected argument ${a}`);
    }
  }
  if (!out.config) fail('usage: node scripts/ngo-build.mjs CONFIG.toml [--out dist-ngo] [--sign-key KEY]');
  return out;
}

// ------------------------------------------------------------------------------ config

async function tomlParser() {
  try {
    const req = createRequire(join(ROOT, 'tests/e2e/package.json'));
    return (await import(pathToFileURL(req.resolve('smol-toml')).href)).parse;
  } catch (_) {
    fail('the TOML parser (npm package smol-toml) is missing: run `make tools` (or `cd tests/e2e && npm ci`)');
  }
}

// The regions and UI languages the extension offers: the package's content scripts are run in
// their manifest order in a sandbox until RedflagI18n (src/i18n.js) exists.
function extensionLists(distDir) {
  const dir = join(distDir, 'chromium');
  const sandbox = { navigator: { languages: ['en'], language: 'en' } };
  sandbox.globalThis = sandbox;
  vm.createContext(sandbox);
  let problem = 'no RedflagI18n';
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    for (const f of m.content_scripts[0].js) {
      vm.runInContext(readFileSync(join(dir, f), 'utf8'), sandbox, { filename: f });
      const I = sandbox.RedflagI18n;
      if (I && Array.isArray(I.REGIONS) && Array.isArray(I.LANGS)) return { REGIONS: [...I.REGIONS], LANGS: [...I.LANGS] };
    }
  } catch (e) {
    problem = e.message;
  }
  fail(`${rel(dir)}: cannot read the extension's REGIONS and LANGS from its content scripts (${problem})`);
}

function readConfig(parse, file, lists) {
  const where = rel(file);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${where}: cannot read: ${e.message}`);
  }
  let c;
  try {
    c = parse(text);
  } catch (e) {
    fail(`${where}:${e.line || '?'}: ${String(e.message).split('\n')[0]}`);
  }
  const base = dirname(file);
  const lineOf = (key) => {
    const i = text.split('\n').findIndex((l) => new RegExp(`^\\s*${key}\\s*=`).test(l));
    return i >= 0 ? `:${i + 1}` : '';
  };
  const err = (key, msg) => fail(`${where}${lineOf(key)}: ${key}: ${msg}`);
  const known = ['slug', 'name', 'short_name', 'description', 'gecko_id', 'icon', 'region', 'lang',
    'public_key', 'bundles', 'support', 'allow_unconfirmed', 'example', 'release'];
  for (const k of Object.keys(c)) if (!known.includes(k)) err(k, `unknown field (known: ${known.join(', ')})`);
  const str = (key, { required = true, max = Infinity, re = null, hint = '' } = {}) => {
    const v = c[key];
    if (v == null) {
      if (required) err(key, 'missing');
      return null;
    }
    if (typeof v !== 'string' || !v.trim()) err(key, 'must be a non-empty string');
    if (v.length > max) err(key, `${v.length} characters; at most ${max}`);
    if (re && !re.test(v)) err(key, `"${v}" ${hint}`);
    return v;
  };
  const list = (key) => {
    const v = c[key] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x)) err(key, 'must be a list of strings');
    return v;
  };
  const path = (key, p) => {
    const abs = resolve(base, p);
    if (!existsSync(abs)) err(key, `${p}: no such file (paths are relative to ${where})`);
    return abs;
  };
  const cfg = {
    file,
    slug: str('slug', { max: 40, re: /^[a-z0-9][a-z0-9-]*$/, hint: 'must be lowercase letters, digits and -' }),
    name: str('name', { max: 60 }), // Chrome allows 75; the popup adds " — redflag"
    shortName: str('short_name', { required: false, max: 12 }),
    description: str('description', { max: 132 }), // the stores' limit
    geckoId: str('gecko_id', {
      re: /^([A-Za-z0-9._+-]+@[A-Za-z0-9.-]+|\{[0-9a-fA-F-]{36}\})$/,
      hint: 'must look like name@your-ngo.org (or a {GUID})',
    }),
    region: str('region'),
    lang: str('lang'),
    example: c.example === true,
  };
  if (c.example != null && typeof c.example !== 'boolean') err('example', 'must be true or false');
  // The NGO's own rebuilds of one redflag version: 0.1.0 → 0.1.0.<release> (stores refuse an
  // update whose version did not grow).
  cfg.release = c.release ?? 0;
  if (!Number.isInteger(cfg.release) || cfg.release < 0 || cfg.release > 65535) err('release', 'must be a whole number from 0 to 65535');
  if (cfg.geckoId === STANDARD_GECKO_ID) err('gecko_id', `"${cfg.geckoId}" is the standard redflag's id; use one of your own`);
  if (!lists.REGIONS.includes(cfg.region) || cfg.region === 'intl') {
    err('region', `"${cfg.region}" is not a region the extension offers (${lists.REGIONS.filter((r) => r !== 'intl').join(', ')}); a new region needs support entries (a language folder's support.toml, or rules/support/) and its name in the UI strings (rules/languages/*/ui.json) first`);
  }
  if (!lists.LANGS.includes(cfg.lang)) err('lang', `"${cfg.lang}" is not a UI language of the extension (${lists.LANGS.join(', ')})`);
  cfg.icon = path('icon', str('icon'));
  cfg.publicKey = path('public_key', str('public_key'));
  cfg.bundles = list('bundles').map((p) => path('bundles', p));
  cfg.support = list('support').map((p) => path('support', p));
  cfg.allowUnconfirmed = list('allow_unconfirmed');
  for (const p of cfg.bundles) {
    if (!/\.(toml|json)$/.test(p)) err('bundles', `${rel(p)}: a bundle is a .toml rule file or a signed .json`);
  }
  for (const p of cfg.support) if (!p.endsWith('.toml')) err('support', `${rel(p)}: support entries are .toml files`);
  if (!cfg.bundles.length && !cfg.support.length) err('bundles', 'give at least one bundle or support file');
  return cfg;
}

// A key file from `redflag bundle keygen`: the first line that is not a comment.
function readPublicKey(cfg) {
  const text = readFileSync(cfg.publicKey, 'utf8');
  const where = `${rel(cfg.file)}: public_key: ${rel(cfg.publicKey)}`;
  if (/SECRET/i.test(text) || cfg.publicKey.endsWith('.key')) {
    fail(`${where} is a SECRET key; give the .pub file, and keep the .key file offline`);
  }
  const key = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  if (!/^[0-9a-f]{64}$/i.test(key || '')) fail(`${where}: no public key (64 hex digits) in the file`);
  const testKey = readFileSync(TEST_PUBLIC_KEY_FILE, 'utf8').includes(key.toLowerCase());
  if (testKey && !cfg.example) {
    fail(`${where} is the end-to-end tests' key, whose secret is public: anyone could sign bundles your package trusts. Make your own with \`redflag bundle keygen\` (docs/NGO.md)`);
  }
  if (testKey) warn(`${rel(cfg.file)} is an example (example = true) and pins the TEST key: never distribute this package`);
  return key.toLowerCase();
}

// ------------------------------------------------------------------------------ the CLI

function redflag(bin, args, { what, allowFail = false } = {}) {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) fail(`cannot run ${rel(bin)}: ${r.error.message} (run make first)`);
  if (r.status !== 0 && !allowFail) {
    fail(`${what} failed:\n${`${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-40).join('\n')}`);
  }
  return r;
}

// The JSON report of `redflag lint --json` or `redflag test --json` (docs/BUNDLE_FORMAT.md),
// with the exit status: no script reads the CLI's text output.
function report(bin, args, what) {
  const r = redflag(bin, args, { what, allowFail: true });
  try {
    return { ...JSON.parse(r.stdout), status: r.status };
  } catch (_) {
    fail(`${what}: no report (exit status ${r.status})\n${(r.stderr || '').trim()}`);
  }
}

// A problem of `redflag lint --json` as the CLI prints it: file:line: field: message.
function problemText(p) {
  const where = [p.file && rel(resolve(p.file)), p.line].filter((x) => x != null).join(':');
  return [where, p.field, p.message].filter(Boolean).join(': ');
}

// ------------------------------------------------------------------------------ support check

// The support entries a package shows for its default region (the region's and the
// international ones, the NGO's replacing shipped ones with the same id) must be confirmed or
// web only: `redflag lint --region R --deny-unconfirmed` decides (src/cli/lint.rs), with
// allow_unconfirmed as --allow-unconfirmed. The shipped entries are read from rules/ when it
// is there, so a refusal names their TOML file and line. Returns the NGO's own entry ids, its
// banners' first help lines.
function checkSupport(bin, cfg, defaultBundle, ngoDocs) {
  const rules = join(ROOT, 'rules');
  const base = existsSync(rules) ? rules : defaultBundle;
  const sources = [base, ...cfg.bundles, ...cfg.support].flatMap((p) => ['--bundle', p]);
  const lint = report(bin, [...sources, '--trust', cfg.publicKey, 'lint', '--json', '--region', cfg.region, '--deny-unconfirmed',
    ...cfg.allowUnconfirmed.flatMap((id) => ['--allow-unconfirmed', id])], `redflag lint --region ${cfg.region} --deny-unconfirmed`);
  const refused = [];
  for (const p of lint.problems) {
    if (p.code === 'unconfirmed-for-region' && p.severity === 'warning') warn(`allowed by allow_unconfirmed: ${problemText(p)}`);
    else if (p.code === 'unused-allowance') warn(`${rel(cfg.file)}: allow_unconfirmed: ${p.message}`);
    else if (p.code === 'unconfirmed-for-region') refused.push(problemText(p));
  }
  if (refused.length) {
    fail(`support entries shown for region ${cfg.region} are not confirmed:\n  ${refused.join('\n  ')}\n`
      + 'Confirm each number on the organisation\'s own page and set status = "confirmed" and confirmed = "YYYY-MM-DD"\n'
      + `(docs/NGO.md, "Confirm every support number"), or, knowingly, list the id in allow_unconfirmed in ${rel(cfg.file)}.`);
  }
  if (lint.status !== 0) {
    fail(`redflag lint found errors:\n${lint.problems.filter((p) => p.severity === 'error').map(problemText).join('\n')}`);
  }
  const ngoEntries = ngoDocs.flatMap((d) => d.doc.support || []);
  if (ngoEntries.length && !ngoEntries.some((s) => s.region === cfg.region)) {
    warn(`none of your support entries is for region ${cfg.region}: they are shown only when a person chooses their region`);
  }
  return ngoEntries.map((s) => s.id);
}

// ------------------------------------------------------------------------------ icons

function icons(cfg) {
  const where = `${rel(cfg.file)}: icon: ${rel(cfg.icon)}`;
  let img;
  try {
    img = decodePng(readFileSync(cfg.icon));
  } catch (e) {
    fail(`${where}: ${e.message}`);
  }
  if (img.w !== img.h) fail(`${where}: ${img.w}×${img.h} px; the icon must be square`);
  if (img.w < 128) fail(`${where}: ${img.w}×${img.h} px; the icon must be at least 128×128 px`);
  const out = {};
  for (const size of [...ICON_SIZES, ...SITE_ICON_SIZES]) out[size] = encodePng(size, size, resize(img, size));
  return out;
}

// ------------------------------------------------------------------------------ packages

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function brandingScript(b) {
  return `// Branding of this package, written by scripts/ngo-build.mjs from ${b.config}. Do not edit:
// rebuild from the config instead (docs/NGO.md).
(function () {
  'use strict';
  globalThis.RedflagBranding = Object.freeze(${JSON.stringify({
    id: b.id, name: b.name, region: b.region, lang: b.lang, supportFirst: b.supportFirst, bundles: b.bundles,
  }, null, 2).replace(/\n/g, '\n  ')});
})();
`;
}

function zipDir(dir, zip) {
  rmSync(zip, { force: true });
  const files = walk(dir);
  for (const f of [...files, ...walkDirs(dir)]) utimesSync(f, ZIP_TIME, ZIP_TIME);
  execFileSync('zip', ['-q', '-X', '-D', '-9', zip, '-@'], {
    cwd: dir,
    input: files.map((f) => relative(dir, f)).join('\n'),
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
}

function walkDirs(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(join(dir, e.name), ...walkDirs(join(dir, e.name)));
  }
  return out;
}

// ------------------------------------------------------------------------------ main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const configFile = resolve(args.config);
  const dist = resolve(args.dist);
  const bin = resolve(args.redflag);
  for (const b of BROWSERS) {
    if (!existsSync(join(dist, b, 'manifest.json'))) fail(`${rel(join(dist, b))} is missing: run make first (the branded build starts from the standard one)`);
  }
  if (!existsSync(bin)) fail(`${rel(bin)} is missing: run make (or cargo build --release) first`);
  const defaultBundle = join(dist, 'chromium/bundles/default.json');

  const cfg = readConfig(await tomlParser(), configFile, extensionLists(dist));
  const publicKey = readPublicKey(cfg);
  const signKey = args.signKey ? resolve(args.signKey) : null;
  if (signKey && !existsSync(signKey)) fail(`--sign-key ${args.signKey}: no such file`);
  const iconPngs = icons(cfg);
  console.log(`ngo-build: ${cfg.name} (${cfg.slug}), region ${cfg.region}, UI ${cfg.lang}`);

  const work = mkdtempSync(join(tmpdir(), `redflag-ngo-${cfg.slug}-`));
  try {
    const tomls = cfg.bundles.filter((p) => p.endsWith('.toml'));
    const signed = cfg.bundles.filter((p) => p.endsWith('.json'));
    const trust = ['--trust', cfg.publicKey];

    // 1. Bundles signed offline (.json): signed by the configured key, or refused.
    const ngoDocs = [];
    const toShip = [];
    for (const p of signed) {
      const v = redflag(bin, ['bundle', 'verify', '--key', cfg.publicKey, p], { what: 'verify', allowFail: true });
      if (v.status !== 0) {
        fail(`${rel(cfg.file)}: bundles: ${rel(p)} is not signed by public_key ${rel(cfg.publicKey)}: ${(v.stderr || v.stdout).trim()}`);
      }
      const envelope = JSON.parse(readFileSync(p, 'utf8'));
      const inner = typeof envelope.document === 'string' ? JSON.parse(envelope.document) : envelope.document;
      ngoDocs.push({ doc: inner && typeof inner === 'object' ? inner : {}, source: p });
      toShip.push({ file: `bundles/ngo-${basename(p)}`, path: p });
    }

    // 2. The NGO's rules together with the shipped default bundle: lint (errors fail the
    //    build; warnings are printed) and every example.
    const together = ['--bundle', defaultBundle, ...[...cfg.bundles, ...cfg.support].flatMap((p) => ['--bundle', p]), ...trust];
    const lint = report(bin, [...together, 'lint', '--json'], 'redflag lint (your bundles with the default bundle)');
    const own = (p) => [...cfg.bundles, ...cfg.support].some((f) => resolve(p.file || '') === f);
    for (const p of lint.problems) if (p.severity === 'warning' && own(p)) warn(`lint: ${problemText(p)}`);
    if (lint.status !== 0) {
      fail(`redflag lint found errors in your files:\n${lint.problems.filter((p) => p.severity === 'error').map(problemText).join('\n')}`);
    }
    const test = report(bin, [...together, 'test', '--json'], 'redflag test');
    if (test.status !== 0) {
      fail(`redflag test: examples fail with your bundles:\n${test.failures.map((f) => `${f.file}:${f.line}: expected ${f.expected}, got ${f.got}: ${f.text}`).join('\n')}\n${test.passed} passed, ${test.failed} failed`);
    }
    console.log(`ngo-build: lint ok, ${test.passed} passed, ${test.failed} failed`);

    // 3. Compile the TOML sources (bundles and support entries) into one document holding only
    //    the NGO's own bundles (the CLI adds the shipped scoring model, which the package already
    //    has), sign it, and verify every signed file against the configured key.
    if (tomls.length || cfg.support.length) {
      if (!signKey && !args.compileOnly) {
        fail(`${rel(cfg.file)}: the files in bundles/support must be signed: pass --sign-key YOUR.key (the secret key of ${rel(cfg.publicKey)}), or compile them with --compile-only, sign offline and list the signed .json in bundles (docs/NGO.md)`);
      }
      const compiled = join(work, 'ngo.json');
      redflag(bin, [...[...tomls, ...cfg.support].flatMap((p) => ['--bundle', p]), 'compile', '-o', compiled], { what: 'redflag compile' });
      const doc = JSON.parse(readFileSync(compiled, 'utf8'));
      const parse = await tomlParser();
      const ownIds = new Set(tomls.map((f) => parse(readFileSync(f, 'utf8')).bundle?.id));
      doc.bundles = doc.bundles.filter((b) => ownIds.has(b.bundle.id));
      writeFileSync(compiled, JSON.stringify(doc));
      if (args.compileOnly) {
        cpSync(compiled, resolve(args.compileOnly));
        console.log(`ngo-build: wrote ${args.compileOnly} (unsigned): sign it offline with \`redflag bundle sign --key YOUR.key -o SIGNED.json ${args.compileOnly}\`, list SIGNED.json in bundles and remove the .toml files from bundles/support`);
        return;
      }
      const out = join(work, `ngo-${cfg.slug}.json`);
      redflag(bin, ['bundle', 'sign', '--key', signKey, '-o', out, compiled], { what: `redflag bundle sign --key ${rel(signKey)}` });
      const v = redflag(bin, ['bundle', 'verify', '--key', cfg.publicKey, out], { what: 'verify', allowFail: true });
      if (v.status !== 0) {
        fail(`the signature made with --sign-key ${rel(signKey)} does not verify with public_key ${rel(cfg.publicKey)} in ${rel(cfg.file)}: the two keys are not a pair\n${v.stderr.trim()}`);
      }
      ngoDocs.push({ doc, source: cfg.file });
      toShip.push({ file: `bundles/ngo-${cfg.slug}.json`, path: out });
    }
    if (args.compileOnly) fail('--compile-only: nothing to compile (no .toml files in bundles or support)');
    const defaultIds = new Set((JSON.parse(readFileSync(defaultBundle, 'utf8')).bundles || []).map((b) => b.bundle.id));
    for (const { doc, source } of ngoDocs) {
      for (const b of doc.bundles || []) {
        if (defaultIds.has(b.bundle.id)) warn(`${rel(source)}: bundle "${b.bundle.id}" replaces the shipped bundle with the same id`);
      }
    }
    console.log(`ngo-build: ${toShip.length} bundle file(s) signed and verified with ${publicKey.slice(0, 16)}…`);

    // 4. Support entries shown for the default region must be confirmed (or web only).
    const supportFirst = checkSupport(bin, cfg, defaultBundle, ngoDocs);

    // 5. The packages.
    const outDir = resolve(args.out, cfg.slug);
    mkdirSync(outDir, { recursive: true });
    const branding = {
      config: `${basename(dirname(cfg.file))}/${basename(cfg.file)}`, // no local paths in the package
      id: cfg.slug,
      name: cfg.name,
      region: cfg.region,
      lang: cfg.lang,
      supportFirst,
      bundles: toShip.map((b) => b.file),
    };
    const sums = [];
    for (const browser of BROWSERS) {
      const dir = join(outDir, browser);
      rmSync(dir, { recursive: true, force: true });
      cpSync(join(dist, browser), dir, { recursive: true });
      const manifestFile = join(dir, 'manifest.json');
      const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
      m.name = cfg.name;
      if (cfg.release) {
        if (m.version.split('.').length !== 3) fail(`${rel(cfg.file)}: release: the standard version ${m.version} has no room for a fourth number`);
        m.version = `${m.version}.${cfg.release}`;
      }
      m.short_name = cfg.shortName || cfg.slug.slice(0, 12);
      m.description = cfg.description;
      if (m.action) m.action.default_title = cfg.name;
      if (browser === 'firefox') m.browser_specific_settings.gecko.id = cfg.geckoId;
      writeFileSync(manifestFile, `${JSON.stringify(m, null, 2)}\n`);
      for (const size of ICON_SIZES) writeFileSync(join(dir, `icons/icon-${size}.png`), iconPngs[size]);
      writeFileSync(join(dir, 'src/branding.js'), brandingScript(branding));
      const keysFile = join(dir, 'src/trusted-keys.json');
      const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
      keys.keys = [...(keys.keys || []).filter((k) => (k.key || k) !== publicKey), { name: cfg.name, key: publicKey }];
      writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`);
      for (const b of toShip) cpSync(b.path, join(dir, b.file));

      // Never a secret key in a package.
      const secret = signKey ? readFileSync(signKey, 'utf8').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#')) : null;
      for (const f of walk(dir)) {
        if (/\.key$/i.test(f)) fail(`${rel(f)}: a key file in the package`);
        if (secret && readFileSync(f).includes(secret)) fail(`${rel(f)}: contains the secret signing key`);
      }
      const zip = join(outDir, `${cfg.slug}-${browser}.zip`);
      zipDir(dir, zip);
      sums.push(`${createHash('sha256').update(readFileSync(zip)).digest('hex')}  ${basename(zip)}`);
      console.log(`ngo-build: ${rel(dir)} and ${rel(zip)} (${statSync(zip).size} bytes)`);
    }
    // 6. The branded check site, from the branded Chromium package: its branding, signed
    //    bundle and pinned key, with the NGO's name and icon on the home screen.
    const siteDir = join(outDir, 'check-site');
    try {
      buildCheckSite({
        from: join(outDir, 'chromium'),
        out: siteDir,
        zip: null,
        name: cfg.name,
        shortName: cfg.shortName || cfg.slug.slice(0, 12),
        lang: cfg.lang,
        icons: Object.fromEntries(SITE_ICON_SIZES.map((size) => [size, iconPngs[size]])),
      });
    } catch (e) {
      fail(`the check site: ${e.message}`);
    }
    const secret = signKey ? readFileSync(signKey, 'utf8').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#')) : null;
    for (const f of walk(siteDir)) {
      if (/\.key$/i.test(f)) fail(`${rel(f)}: a key file in the check site`);
      if (secret && readFileSync(f).includes(secret)) fail(`${rel(f)}: contains the secret signing key`);
    }
    const siteZip = join(outDir, `${cfg.slug}-check-site.zip`);
    zipDir(siteDir, siteZip);
    sums.push(`${createHash('sha256').update(readFileSync(siteZip)).digest('hex')}  ${basename(siteZip)}`);
    console.log(`ngo-build: ${rel(siteDir)} and ${rel(siteZip)} (${statSync(siteZip).size} bytes)`);

    writeFileSync(join(outDir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
    console.log(`ngo-build: ${rel(join(outDir, 'SHA256SUMS'))}\n${sums.join('\n')}`);
    if (warnings.length) console.log(`ngo-build: done with ${warnings.length} warning(s) (above)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  if (e instanceof BuildError) {
    console.error(`ngo-build: error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
