// A blank Chromium page (no extension) holding the packaged content scripts that find and read
// posts (shared.js, profiles.js, extract.js, discover.js), for the tests of the generic reading
// on small pieces of markup (discover.test.mjs, blind3-reading.test.mjs, blind4-reading.test.mjs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DIST } from './common.mjs';
import { CHROMIUM } from './chromium.mjs';

const SCRIPTS = ['shared.js', 'profiles.js', 'extract.js', 'discover.js'];

// Launches the browser and opens the page: { browser, page }.
export async function openReadingPage() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
  for (const f of SCRIPTS) await page.addScriptTag({ content: readFileSync(resolve(DIST, 'chromium/src', f), 'utf8') });
  return { browser, page };
}

// Sets the body (and runs `setup`, which may attach shadow roots listed in globalThis.__roots),
// scans it with a generic finder and returns the posts read as [id or tag, text].
export async function readPosts(page, html, setup = '') {
  return page.evaluate(({ h, s }) => {
    document.body.innerHTML = h;
    // eslint-disable-next-line no-new-func
    if (s) new Function(s)();
    const out = [];
    const f = globalThis.RedflagDiscover.create({
      onPost: (post, item, read) => out.push([post.id || post.tagName.toLowerCase(), read.text]),
      isOurs: (n) => n.tagName === 'REDFLAG-BANNER',
    });
    f.setProfiles([]);
    for (const root of [document.body, ...(globalThis.__roots || [])]) for (const _ of f.scan(root));
    return out;
  }, { h: html, s: setup });
}
