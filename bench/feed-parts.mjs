#!/usr/bin/env node
// The content script's per-post work on the 1,000-post feed, taken apart and repeated: a
// steadier figure than the feed run (bench/page.mjs), whose times move by ±30 % with the load
// of this shared machine. In one headless Chromium page (no extension; the scripts run in the
// page's own world, where DOM calls cost somewhat less than in the content script's isolated
// world), with the feed's markup and texts (bench/fixtures/feed.html, the texts of
// bench/page.mjs) and the engine's real verdicts (computed here in Node):
//   scan     finding and reading the 1,000 posts, one feed row at a time (discover.js,
//            extract.js), as content.js does for each page of 20 rows appended
//   render   building the banners of the posts with risk signs (banner.js: host, closed root,
//            template clone)
//   place    inserting them after each post's text
//   layout   the page's style and layout forced right after (the browser's work for the new
//            banners; not part of the content script's main-thread figure, but the page's)
// Each figure is the median of BENCH_PARTS_REPS passes (default 15) over a fresh copy of the
// feed. `BENCH_PAGE_EXT=dir` takes the scripts of another unpacked build (before/after).
//   node bench/feed-parts.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ROOT, mixedCorpus } from './lib/corpus.mjs';
import { CHROMIUM } from '../tests/e2e/lib/chromium.mjs';

// playwright-core as the e2e tests install it (tests/e2e/node_modules).
const { chromium } = createRequire(resolve(ROOT, 'tests/e2e/package.json'))('playwright-core');

const REPS = Math.max(1, Number(process.env.BENCH_PARTS_REPS || 15));
const EXT = resolve(process.env.BENCH_PAGE_EXT || resolve(ROOT, 'dist/chromium'));
const SCRIPTS = ['branding.js', 'shared.js', 'strings.js', 'i18n.js', 'profiles.js', 'extract.js', 'discover.js', 'banner.js'];

// The feed's texts, as bench/page.mjs chooses them, and their verdicts.
const own = mixedCorpus().filter((p) => p.origin === 'tests');
const texts = [];
for (let i = 0; texts.length < 1000; i++) texts.push(own[(i * 37) % own.length].text);
const { Engine, initSync } = await import(resolve(ROOT, 'dist/chromium/engine/redflag.js'));
initSync({ module: readFileSync(resolve(ROOT, 'dist/chromium/engine/redflag_bg.wasm')) });
const engine = new Engine([readFileSync(resolve(ROOT, 'dist/chromium/bundles/default.json'), 'utf8')]);
const verdicts = engine.classifyBatch(texts.map((t) => t.replace(/[ \t\u00a0]+/g, ' ').trim()), undefined).map((v) => (v.level === 'none' ? null : {
  level: v.level,
  categories: v.categories || [],
  evidence: (v.evidence || []).slice(0, 10).map((e) => ({ text: e.text, family: e.family })),
  dampeners: [],
  support: (v.support || []).map((id) => ({ id })),
  key: 'k',
  choice: null,
}));
engine.free();

const style = /<style>([\s\S]*?)<\/style>/.exec(readFileSync(resolve(ROOT, 'bench/fixtures/feed.html'), 'utf8'))[1];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.setContent(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>${style}</style></head><body class="vk feed"><div id="page_body"><div id="feed_rows" class="feed_rows"></div></div></body></html>`);
  for (const f of SCRIPTS) await page.addScriptTag({ content: readFileSync(join(EXT, 'src', f), 'utf8') });
  await page.addScriptTag({ content: readFileSync(resolve(ROOT, 'bench/fixtures/feed-post.js'), 'utf8') });
  const res = await page.evaluate(({ texts, verdicts, reps }) => {
    const rows = document.getElementById('feed_rows');
    const row = globalThis.benchFeedPost; // bench/fixtures/feed-post.js, as the feed page
    const I18n = globalThis.RedflagI18n;
    const ui = { lang: 'ru', t: I18n.t, family: I18n.family, onHide() {}, onShow() {}, onDismiss() {} };
    const out = { scan: [], render: [], place: [], layout: [], layoutWithout: [] };
    let banners = 0;
    for (let rep = 0; rep < reps; rep++) {
      rows.replaceChildren();
      const all = texts.map((t, i) => row(i, t));
      for (const r of all) rows.appendChild(r);
      let t0 = performance.now();
      document.body.offsetHeight;
      out.layoutWithout.push(performance.now() - t0);
      const reads = new Map();
      const finder = RedflagDiscover.create({ onPost: (post, item, read) => reads.set(post, read) });
      finder.setProfiles(RedflagProfiles.forPage(location, document));
      t0 = performance.now();
      for (const r of all) for (const _ of finder.scan(r)) { /* the content script yields here */ }
      out.scan.push(performance.now() - t0);
      const posts = all.map((r) => r.firstChild);
      t0 = performance.now();
      const hosts = [];
      for (let i = 0; i < posts.length; i++) {
        if (!verdicts[i]) continue;
        hosts.push([reads.get(posts[i]).last, RedflagBanner.render(null, { verdict: verdicts[i], choice: null }, ui)]);
      }
      out.render.push(performance.now() - t0);
      t0 = performance.now();
      for (const [textEl, host] of hosts) textEl.after(host);
      out.place.push(performance.now() - t0);
      t0 = performance.now();
      document.body.offsetHeight;
      out.layout.push(performance.now() - t0);
      banners = hosts.length;
    }
    return { out, banners };
  }, { texts, verdicts, reps: REPS });
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
  const m = Object.fromEntries(Object.entries(res.out).map(([k, v]) => [k, median(v)]));
  console.log(`feed parts (${EXT}), 1,000 posts, ${res.banners} banners, median of ${REPS}: scan ${m.scan.toFixed(1)} ms, render ${m.render.toFixed(1)} ms, place ${m.place.toFixed(1)} ms; layout forced after placing ${m.layout.toFixed(1)} ms (the same page without banners: ${m.layoutWithout.toFixed(1)} ms)`);
} finally {
  await browser.close();
}
