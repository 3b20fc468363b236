#!/usr/bin/env node
// Builds dist/check-site/: the "check a message" page as a standalone static web site that an
// NGO can put on any static host (any sub-folder; every path is relative), plus
// dist/redflag-check-site.zip. It is the extension's own page (src/check/check.html) with the
// files it imports, the WASM engine and the default bundle, taken from the assembled
// extension (dist/chromium), plus what makes it an installable offline web app: a web app
// manifest, icons and a service worker that caches every file (scripts/check-site/).
//
// Usage: node scripts/build-check-site.mjs [--from dist/chromium] [--out dist/check-site]
//        [--zip dist/redflag-check-site.zip]
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { icon } from './png.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const from = resolve(ROOT, args.from || 'dist/chromium');
const out = resolve(ROOT, args.out || 'dist/check-site');
const zip = resolve(ROOT, args.zip || 'dist/redflag-check-site.zip');
const TEMPLATES = join(ROOT, 'scripts/check-site');
const PAGE = 'src/check/check.html';

function fail(msg) {
  console.error(`build-check-site: ${msg}`);
  process.exit(1);
}

for (const f of [PAGE, 'engine/redflag.js', 'engine/redflag_bg.wasm', 'bundles/default.json', 'manifest.json']) {
  if (!existsSync(join(from, f))) fail(`missing ${join(from, f)} (run make dist)`);
}

// Copies `rel` (a path inside the package) and, for modules, everything they import.
const copied = new Set();
function copy(rel) {
  rel = posix.normalize(rel);
  if (copied.has(rel)) return;
  if (rel.startsWith('..') || posix.isAbsolute(rel)) fail(`${rel} is outside the package`);
  const src = join(from, rel);
  if (!existsSync(src)) fail(`${rel} is referenced but missing in ${from}`);
  copied.add(rel);
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  cpSync(src, join(out, rel));
  if (/\.m?js$/.test(rel)) {
    const code = readFileSync(src, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
    const specs = [
      ...code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?['"]([^'"]+)['"]/g),
      ...code.matchAll(/\bexport\s*[\w*{}\s,$]+\s*from\s*['"]([^'"]+)['"]/g),
      ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]);
    for (const spec of specs) {
      if (!/^\.\.?\//.test(spec)) fail(`${rel} imports ${spec}: only relative imports can be shipped`);
      copy(posix.join(posix.dirname(rel), spec));
    }
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The page: its links and scripts, and what they import.
const html = readFileSync(join(from, PAGE), 'utf8');
const refs = [...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(u));
for (const ref of refs) copy(posix.join(posix.dirname(PAGE), ref));
// What the page loads at run time (pageBackend in check.js): the engine and the bundle.
copy('engine/redflag_bg.wasm');
copy('bundles/default.json');

// index.html: the same page, its relative paths rewritten for the site's root, and the parts
// only a web site needs (web app manifest, service worker registration, home-screen icon).
const SITE_HEAD = [
  '<link rel="manifest" href="manifest.webmanifest">',
  '<meta name="theme-color" content="#b83232">',
  '<link rel="apple-touch-icon" href="icons/icon-192.png">',
  '<script src="sw-register.js" defer></script>',
].join('\n');
let index = html.replace(/\b(href|src)="([^"]+)"/g, (m, attr, url) => {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(url)) return m;
  return `${attr}="${posix.normalize(posix.join(posix.dirname(PAGE), url))}"`;
});
if (!index.includes('</head>')) fail(`${PAGE} has no </head>`);
index = index.replace('</head>', `${SITE_HEAD}\n</head>`);
writeFileSync(join(out, 'index.html'), index);
cpSync(join(TEMPLATES, 'sw-register.js'), join(out, 'sw-register.js'));

mkdirSync(join(out, 'icons'), { recursive: true });
for (const size of [192, 512]) writeFileSync(join(out, `icons/icon-${size}.png`), icon(size));

const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const webmanifest = {
  name: 'redflag — check a message',
  short_name: 'redflag',
  description: 'Paste a job ad or a message: risk signs of exploitation and where to get help. Works offline; nothing is sent anywhere.',
  lang: 'en',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#b83232',
  icons: [192, 512].map((s) => ({ src: `icons/icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
  version: cargoVersion,
};
writeFileSync(join(out, 'manifest.webmanifest'), `${JSON.stringify(webmanifest, null, 2)}\n`);

// The service worker: every file of the site (and "./", the folder itself), under a cache name
// derived from the files' contents.
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? walk(p) : [relative(out, p).split('\\').join('/')];
  });
}
const files = walk(out).filter((f) => !f.startsWith('.')).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(out, f))).update('\0');
hash.update(readFileSync(join(TEMPLATES, 'sw.js')));
const version = hash.digest('hex').slice(0, 16);
const precache = ['./', ...files];
writeFileSync(join(out, 'sw.js'),
  `const VERSION = ${JSON.stringify(version)};\nconst FILES = ${JSON.stringify(precache, null, 2)};\n${readFileSync(join(TEMPLATES, 'sw.js'), 'utf8')}`);

rmSync(zip, { force: true });
execFileSync('zip', ['-q', '-r', '-X', '-9', zip, '.'], { cwd: out, stdio: 'inherit' });
const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
console.log(`build-check-site: ${out} (${files.length + 1} files, ${bytes} bytes, cache ${version}) and ${zip} (${statSync(zip).size} bytes)`);
