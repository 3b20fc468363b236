// Shared pieces of the end-to-end suites.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = resolve(ROOT, 'dist');
export const SHOTS = resolve(ROOT, 'target/e2e-screenshots');
mkdirSync(SHOTS, { recursive: true });

// The e2e suites load a copy of dist/<browser> (target/e2e-dist/<pid>/<browser>) that differs
// from the package in one file: src/trusted-keys.json also pins the test publisher's public key
// (tests/e2e/keys/e2e-publisher.pub), so signed test bundles verify. The shipped package
// never holds it (unit.test.mjs checks), and nothing at run time can add a key. Each test
// process (node --test runs every file in its own) has its own copies, removed when it exits: the Chromium and the Firefox suites
// run side by side (Makefile, test-e2e), and frames-count and ngo launch both browsers, so a
// suite must never remove a copy another suite's browser has loaded.
export const TEST_KEY_FILE = resolve(ROOT, 'tests/e2e/keys/e2e-publisher.key');
export const TEST_PUBLIC_KEY = readFileSync(resolve(ROOT, 'tests/e2e/keys/e2e-publisher.pub'), 'utf8')
  .split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));

let ownCopies = false;
export function requireDist(browser, { pinTestKey = true } = {}) {
  const dir = resolve(DIST, browser);
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run make first`);
  }
  if (!pinTestKey) return dir;
  const own = resolve(ROOT, 'target/e2e-dist', String(process.pid));
  if (!ownCopies) {
    ownCopies = true;
    process.on('exit', () => rmSync(own, { recursive: true, force: true }));
  }
  const copy = resolve(own, browser);
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

// "Nothing more arrived", by asking instead of watching: waits until the extension has nothing
// under way for the page in tab `tab` (extension/src/content.js, pendingWork: no scan scheduled
// or running, no post waiting to be sent, no batch waiting for its answer, no generic reading
// about to start), in the page itself (frame 0) and in each of `frames` (the frame ids of
// cross-origin frames that sent posts, which have their own copy of the content script;
// sites.mjs, senders). `tab` null: every tab whose page has the content script. `ask(fn, arg)`
// runs `fn(arg)` in one of the extension's own pages or its worker (the options page;
// Firefox: ff.inOptions), which asks each document with tabs.sendMessage: nothing a page can
// see or send. Once it returns, what the page shows is final unless the page itself changes:
// assert then (a late batch still under way when the banners came is waited for, and what it
// changes is seen). "Nothing under way" must hold twice in a row, IDLE_POLL_MS apart. The
// custom elements polled for a late shadow root (HOST_CHECK_MS apart, for about 5 s) are not
// waited for, as the fixed watch before did not wait for them. With REDFLAG_E2E_IDLE_LOG set to
// a file, each wait's length and every "busy" answer are appended to it.
export const IDLE_POLL_MS = 50;
const IDLE_LOG = process.env.REDFLAG_E2E_IDLE_LOG;
export async function settleIdle(ask, tab = null, frames = [], { timeout = 20000 } = {}) {
  const ids = [...new Set([0, ...frames.filter((f) => f != null)])];
  const start = Date.now();
  let quiet = 0;
  let busy = [];
  while (quiet < 2) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for the extension to finish its work in tab ${tab} (busy: ${busy.join(', ')})`);
    if (quiet || busy.length) await sleep(IDLE_POLL_MS);
    const all = await ask(pendingWork, { tab, ids });
    busy = all.filter((b) => !b.endsWith(':hosts'));
    quiet = busy.length ? 0 : quiet + 1;
    if (IDLE_LOG && all.length) appendFileSync(IDLE_LOG, `busy ${all.join(',')}\n`);
  }
  if (IDLE_LOG) appendFileSync(IDLE_LOG, `idle ${Date.now() - start}\n`);
}

// Runs in an extension page or worker: what the documents of a tab (or of every tab with the
// content script: `tab` null) still have under way. A frame gone from the page, or a tab
// without the content script (about:blank, an extension page) is skipped; no answer at all is
// "busy".
async function pendingWork({ tab, ids }) {
  const api = globalThis.browser ?? globalThis.chrome;
  const tabs = tab == null ? (await api.tabs.query({})).map((t) => t.id) : [tab];
  const busy = [];
  let answered = 0;
  for (const t of tabs) {
    for (const frameId of ids) {
      try {
        const r = await api.tabs.sendMessage(t, { type: 'pending-work' }, { frameId });
        answered++;
        for (const b of (r && r.busy) || ['no answer']) busy.push(`${t}/${frameId}:${b}`);
      } catch (_) { /* no content script there (any more) */ }
    }
  }
  if (!answered) busy.push(`${tab}: no answer`);
  return busy;
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
