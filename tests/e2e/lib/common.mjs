// Shared pieces of the end-to-end suites.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = resolve(ROOT, 'dist');
export const SHOTS = resolve(ROOT, 'target/e2e-screenshots');
mkdirSync(SHOTS, { recursive: true });

export function requireDist(browser) {
  const dir = resolve(DIST, browser);
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`${dir} is missing: run make first`);
  }
  return dir;
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
  for (const host of document.querySelectorAll('redflag-banner')) {
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

export async function waitFor(fn, { timeout = 15000, interval = 100, message = 'condition' } = {}) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await fn();
    if (last) return last;
    await sleep(interval);
  }
  throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
}
