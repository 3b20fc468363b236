#!/usr/bin/env node
// Assembles the unpacked extensions dist/chromium/ and dist/firefox/ and their zip packages
// from extension/ (sources), the wasm-pack output and the compiled default bundle.
//
// Usage: node scripts/assemble.mjs --pkg target/wasm-pkg --lean target/wasm-pkg-lean
//        --bundle target/redflag-bundle.json [--tables target/redflag-bundle.tables] [--out dist] [--version 0.1.0] [--rules rules]
//        [--redflag target/release/redflag]
//        (--pkg: the full module, redflag.js and redflag_bg.wasm; --lean: the lean one that a
//        restarted service worker loads, redflag_lean.js and redflag_lean_bg.wasm, src/wasm.rs)
//        (--rules: where the language folders are; --tables: the engine's prebuilt tables for
//        the bundle, shipped as bundles/default.tables next to it, src/prebuilt.rs; --redflag: the
//        native CLI, which reads the language folders' language.toml and writes Serbian Cyrillic)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { icon } from './png.mjs';
import { readLanguages, storeLocales, stringsScript, uiTable } from './languages.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const pkg = resolve(ROOT, args.pkg || 'target/wasm-pkg');
const lean = resolve(ROOT, args.lean || 'target/wasm-pkg-lean');
const bundle = resolve(ROOT, args.bundle || 'target/redflag-bundle.json');
const tables = args.tables ? resolve(ROOT, args.tables) : null;
const out = resolve(ROOT, args.out || 'dist');
const redflag = resolve(ROOT, args.redflag || 'target/release/redflag');
const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const version = args.version || cargoVersion.replace(/[^0-9.]/g, '');

const { manifest } = await import(join(ROOT, 'extension/manifest.mjs'));
const HOST_ONLY = ['engine-host.html', 'engine-host.js', 'engine-worker.js'];

const engineFiles = [
  join(pkg, 'redflag.js'), join(pkg, 'redflag_bg.wasm'), join(lean, 'redflag_lean.js'), join(lean, 'redflag_lean_bg.wasm'),
];
for (const f of [...engineFiles, bundle, redflag]) {
  if (!existsSync(f)) {
    console.error(`assemble: missing ${f} (run make)`);
    process.exit(1);
  }
}

// The default bundle must be a compiled document the engine's format knows.
const doc = JSON.parse(readFileSync(bundle, 'utf8'));
// The engine itself checks the version (scripts/check-wasm.mjs loaded this document already).
if (!Number.isInteger(doc.format) || doc.format < 1 || !Array.isArray(doc.bundles)) {
  console.error(`assemble: ${bundle} is not a compiled bundle document`);
  process.exit(1);
}

const icons = {};
for (const size of [16, 32, 48, 128]) icons[size] = icon(size);

// Serbian Cyrillic strings: the engine's converter, run on a JSON file of the Latin ones.
function cyrillic(value) {
  const dir = mkdtempSync(join(tmpdir(), 'redflag-ui-'));
  try {
    const file = join(dir, 'sr-Latn.json');
    writeFileSync(file, JSON.stringify(value));
    return JSON.parse(execFileSync(redflag, ['ui-cyrillic', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The UI strings and store messages of every language folder (rules/languages/<code>/): the
// languages are found, not listed. Regions for the popup (every region with support entries)
// and each language's region come from the compiled document.
let strings, locales;
try {
  const languages = readLanguages(resolve(ROOT, args.rules || 'rules'), { redflag });
  strings = stringsScript(uiTable(languages, { doc, cyrillic }));
  locales = storeLocales(languages);
} catch (e) {
  console.error(`assemble: ${e.message}`);
  process.exit(1);
}

for (const browser of ['chromium', 'firefox']) {
  const dir = join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'extension/src'), join(dir, 'src'), { recursive: true });
  // The engine host is Chromium's (chrome.offscreen): Firefox's package leaves it out
  // (host-client.js stays: background.js imports it and finds no offscreen API there).
  if (browser !== 'chromium') for (const f of HOST_ONLY) rmSync(join(dir, 'src', f));
  writeFileSync(join(dir, 'src/strings.js'), strings);
  for (const [code, messages] of Object.entries(locales)) {
    mkdirSync(join(dir, '_locales', code), { recursive: true });
    writeFileSync(join(dir, '_locales', code, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
  }
  mkdirSync(join(dir, 'engine'));
  for (const f of engineFiles) cpSync(f, join(dir, 'engine', basename(f)));
  mkdirSync(join(dir, 'bundles'));
  // The document exactly as compiled (compact JSON): the prebuilt tables are valid only for
  // these bytes.
  cpSync(bundle, join(dir, 'bundles/default.json'));
  if (tables) cpSync(tables, join(dir, 'bundles/default.tables'));
  mkdirSync(join(dir, 'icons'));
  for (const [size, png] of Object.entries(icons)) writeFileSync(join(dir, `icons/icon-${size}.png`), png);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest(browser, version), null, 2)}\n`);

  const zip = join(out, `redflag-${browser}.zip`);
  rmSync(zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', '-9', zip, '.'], { cwd: dir, stdio: 'inherit' });
  console.log(`assemble: ${dir} and ${zip} (${statSync(zip).size} bytes)`);
}
