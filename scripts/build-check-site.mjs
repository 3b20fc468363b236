#!/usr/bin/env node
// Builds dist/check-site/: the "check a message" page as a standalone static web site that an
// NGO can put on any static host (any sub-folder; every path is relative), plus
// dist/redflag-check-site.zip. It is the extension's own page (src/check/check.html) with the
// files it imports, the WASM engine and the default bundle, taken from the assembled
// extension (dist/chromium), plus what makes it an installable offline web app
// (scripts/check-site/): a web app manifest with a share target (Android: "Share → redflag"
// from another app opens the page with the message), icons, a service worker that caches every
// file, and the one-page install guide (install.html).
//
// Built from an NGO's branded package (scripts/ngo-build.mjs calls buildCheckSite), the site
// carries the package's branding (src/branding.js: name, region, language, support entries
// first), its signed bundle files and pinned keys (src/trusted-keys.json), and its icon.
//
// Usage: node scripts/build-check-site.mjs [--from dist/chromium] [--out dist/check-site]
//        [--zip dist/redflag-check-site.zip]
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { icon } from './png.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = join(ROOT, 'scripts/check-site');
const PAGE = 'src/check/check.html';
// The site's own pages besides index.html (templates in scripts/check-site/), and the files
// the build writes itself (not copied).
const SITE_PAGES = ['install.html'];
const GENERATED = ['sw.js', 'icons/icon-192.png', 'icons/icon-512.png'];
// What the share target hands over (extension/src/check/share.js reads the same names).
export const SHARE_PARAMS = ['title', 'text', 'url'];

class SiteError extends Error {}
const fail = (msg) => { throw new SiteError(msg); };

// The package's branding (src/branding.js): neutral in the standard build.
function brandingOf(from) {
  const file = join(from, 'src/branding.js');
  if (!existsSync(file)) return {};
  const sandbox = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  return JSON.parse(JSON.stringify(sandbox.RedflagBranding || {}));
}

function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? walk(p, base) : [relative(base, p).split('\\').join('/')];
  }).sort();
}

// `from`: an assembled Chromium package (dist/chromium or an NGO's <slug>/chromium);
// `out`: the site's folder (replaced); `zip`: a zip of it, or null (ngo-build zips itself, with
// fixed file times); `name`, `shortName`, `lang`: the web app's (default: the standard ones, or
// the branding's name); `icons`: {192: png, 512: png} (default: the redflag icon).
export function buildCheckSite({ from, out, zip = null, name = null, shortName = null, lang = null, icons = null }) {
  for (const f of [PAGE, 'engine/redflag.js', 'engine/redflag_bg.wasm', 'bundles/default.json', 'manifest.json']) {
    if (!existsSync(join(from, f))) fail(`missing ${join(from, f)} (run make dist)`);
  }
  const branding = brandingOf(from);

  // Copies `rel` (a path inside the site) and, for modules, everything they import. Site
  // templates (scripts/check-site/) come first, then the package's files.
  const copied = new Set();
  function copy(rel) {
    rel = posix.normalize(rel);
    if (copied.has(rel)) return;
    if (rel.startsWith('..') || posix.isAbsolute(rel)) fail(`${rel} is outside the package`);
    const template = join(TEMPLATES, rel);
    const src = !rel.includes('/') && existsSync(template) ? template : join(from, rel);
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
  const localRefs = (html) => [...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1])
    .filter((u) => !/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(u));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // The page: its links and scripts, and what they import.
  const html = readFileSync(join(from, PAGE), 'utf8');
  for (const ref of localRefs(html)) copy(posix.join(posix.dirname(PAGE), ref));
  // What the page loads at run time (site-engine.js): the engine, the default bundle, the pinned
  // keys and the branded bundle files.
  copy('engine/redflag_bg.wasm');
  copy('bundles/default.json');
  copy('src/trusted-keys.json');
  for (const file of Array.isArray(branding.bundles) ? branding.bundles : []) copy(file);

  // index.html: the same page, its relative paths rewritten for the site's root, and the parts
  // only a web site needs (service worker registration, which also links the web app manifest
  // once every file is cached; home-screen icon).
  const SITE_HEAD = [
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
  copy('sw-register.js');

  // The site's own pages (the install guide), with what they load (the manifest is linked by
  // sw-register.js).
  for (const page of SITE_PAGES) {
    copy(page);
    for (const ref of localRefs(readFileSync(join(TEMPLATES, page), 'utf8'))) {
      if (ref !== './' && !GENERATED.includes(posix.normalize(ref))) copy(ref);
    }
  }

  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const size of [192, 512]) writeFileSync(join(out, `icons/icon-${size}.png`), icons ? icons[size] : icon(size));

  const version = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')).version;
  const webmanifest = {
    id: './',
    name: name || (branding.name ? `${branding.name} — redflag` : 'redflag — check a message'),
    short_name: shortName || 'redflag',
    description: 'Paste or share a job ad or a message: risk signs of exploitation and where to get help. Works offline; nothing is sent anywhere.',
    lang: lang || (branding.lang && branding.lang !== 'auto' ? branding.lang : 'en'),
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#b83232',
    icons: [192, 512].map((s) => ({ src: `icons/icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
    // Android ("Share → redflag", once the page is on the home screen) opens
    // ./?title=…&text=…&url=…; the service worker answers it from its cache, so the message
    // never leaves the phone, and the page removes it from its address (share.js).
    share_target: {
      action: './',
      method: 'GET',
      enctype: 'application/x-www-form-urlencoded',
      params: Object.fromEntries(SHARE_PARAMS.map((p) => [p, p])),
    },
    version,
  };
  writeFileSync(join(out, 'manifest.webmanifest'), `${JSON.stringify(webmanifest, null, 2)}\n`);

  // The service worker: every file of the site (and "./", the folder itself), under a cache name
  // derived from the files' contents.
  const files = walk(out).filter((f) => !f.startsWith('.'));
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(out, f))).update('\0');
  hash.update(readFileSync(join(TEMPLATES, 'sw.js')));
  const cache = hash.digest('hex').slice(0, 16);
  const precache = ['./', ...files];
  writeFileSync(join(out, 'sw.js'),
    `const VERSION = ${JSON.stringify(cache)};\nconst FILES = ${JSON.stringify(precache, null, 2)};\n`
    + `const SHARE_PARAMS = ${JSON.stringify(SHARE_PARAMS)};\n${readFileSync(join(TEMPLATES, 'sw.js'), 'utf8')}`);

  if (zip) {
    rmSync(zip, { force: true });
    execFileSync('zip', ['-q', '-r', '-X', '-9', zip, '.'], { cwd: out, stdio: 'inherit' });
  }
  const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
  return { files: files.length + 1, bytes, cache };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
  );
  const from = resolve(ROOT, args.from || 'dist/chromium');
  const out = resolve(ROOT, args.out || 'dist/check-site');
  const zip = resolve(ROOT, args.zip || 'dist/redflag-check-site.zip');
  try {
    const r = buildCheckSite({ from, out, zip });
    console.log(`build-check-site: ${out} (${r.files} files, ${r.bytes} bytes, cache ${r.cache}) and ${zip} (${statSync(zip).size} bytes)`);
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    console.error(`build-check-site: ${e.message}`);
    process.exit(1);
  }
}
