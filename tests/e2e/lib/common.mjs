// Shared pieces of the end-to-end suites.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = resolve(ROOT, 'dist');
export const SHOTS = resolve(ROOT, 'target/e2e-screenshots');
mkdirSync(SHOTS, { recursive: true });

// The e2e suites load a copy of dist/<browser> (target/e2e-dist/<browser>) that differs from
// the package in one file: src/trusted-keys.json also pins the test publisher's public key
// (tests/e2e/keys/e2e-publisher.pub), so signed test bundles verify. The shipped package
// never holds it (unit.test.mjs checks), and nothing at run time can add a key.
export const TEST_KEY_FILE = resolve(ROOT, 'tests/e2e/keys/e2e-publisher.key');
export const TEST_PUBLIC_KEY = readFileSync(resolve(ROOT, 'tests/e2e/keys/e2e-publisher.pub'), 'utf8')
  .split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));

export function requireDist(browser, { pinTestKey = true } = {}) {
  const dir = resolve(DIST, browser);
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run make first`);
  }
  if (!pinTestKey) return dir;
  const copy = resolve(ROOT, 'target/e2e-dist', browser);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  cpSync(dir, copy, { recursive: true });
  const keysFile = resolve(copy, 'src/trusted-keys.json');
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
  keys.keys = [...(keys.keys || []), { name: 'redflag e2e tests (never shipped)', key: TEST_PUBLIC_KEY }];
  writeFileSync(keysFile, JSON.stringify(keys, null, 2));
  return copy;
}

export const FIXTURES = ['vk', 'telegram-k', 'telegram-a', 'jobs', 'generic', 'strict-csp'];

// Expected posts of a fixture page, read from its markup (data-expect on each post).
export function expectations(name) {
  const html = readFileSync(resolve(ROOT, `tests/e2e/fixtures/${name}.html`), 'utf8');
  const risky = [...html.matchAll(/data-expect="risky" data-case="([^"]+)"/g)].map((m) => m[1]);
  const ordinary = [...html.matchAll(/data-expect="(?:ordinary|import)" data-case="([^"]+)"/g)].map((m) => m[1]);
  return { risky, ordinary };
}

// Runs in the page: where the banners are, by post.
export function bannerReport() {
  const out = { hosts: 0, byCase: {}, stray: 0 };
  for (const host of document.querySelectorAll('[data-redflag-level]')) {
    out.hosts++;
    const post = host.closest('[data-case]') || host.previousElementSibling?.closest?.('[data-case]');
    if (!post) { out.stray++; continue; }
    out.byCase[post.dataset.case] = {
      level: host.getAttribute('data-redflag-level'),
      state: host.getAttribute('data-redflag-state'),
      open: host.shadowRoot === null, // closed roots are invisible to the page
    };
  }
  return out;
}

export function allowedUrl(url, origin) {
  return url.startsWith(`${origin}/`) || url === origin
    || /^(chrome-extension|moz-extension|data|blob|about):/.test(url);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// How long a suite watches a page after the banners it waited for have come before it asserts
// that nothing more arrived (a late batch must not add a banner). The watch starts when the
// awaited condition held, not when the sleep starts, so checks that need no final state (the
// popup, a screenshot) run inside it instead of after it: `const since = Date.now()` once the
// banners are there, then `await settleFrom(since)` before the "nothing more" assertions.
export const SETTLE_MS = 700;
export async function settleFrom(since, ms = SETTLE_MS) {
  const left = since + ms - Date.now();
  if (left > 0) await sleep(left);
}

// Waits for `fn()` to return something truthy. The default timeout is for a busy 2-core CI
// machine shared by browsers (an engine built from a whole imported document can take over 10 s
// there); a passing run never waits for it.
export async function waitFor(fn, { timeout = 30000, interval = 100, message = 'condition' } = {}) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await fn();
    if (last) return last;
    await sleep(interval);
  }
  throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
}
