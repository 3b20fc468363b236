// Text extraction (extension/src/extract.js) and the profiles' selectors, on their own: the
// packaged scripts run in a blank Chromium page (no extension) against small pieces of markup.
// The end-to-end behaviour on whole pages is in sites.*.test.mjs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DIST } from './lib/common.mjs';
import { CHROMIUM } from './lib/chromium.mjs';

let browser;
let page;
const script = (f) => readFileSync(resolve(DIST, 'chromium/src', f), 'utf8');

// Sets the body, then runs fn(Extract, Profiles, arg) in the page.
async function run(html, fn, arg) {
  return page.evaluate(({ html: h, src, a }) => {
    document.body.innerHTML = h;
    // eslint-disable-next-line no-new-func
    return new Function('Extract', 'Profiles', 'arg', `return (${src})(Extract, Profiles, arg);`)(globalThis.RedflagExtract, globalThis.RedflagProfiles, a);
  }, { html, src: fn.toString(), a: arg });
}

describe('extract.js and profiles.js (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ content: script('profiles.js') });
    await page.addScriptTag({ content: script('extract.js') });
  });

  after(async () => {
    await browser?.close();
  });

  it('every selector of every profile is valid CSS; generated class names are matched without their hash', async () => {
    const bad = await run('', (E, P) => {
      const out = [];
      for (const p of P.PROFILES) {
        for (const sel of [p.detect, ...p.items.flatMap((i) => [i.post, i.text === ':scope' ? null : i.text, i.exclude])].filter(Boolean)) {
          try { document.querySelector(sel); } catch (e) { out.push(`${p.id}: ${sel}`); }
        }
      }
      try { document.querySelector(P.GENERIC.exclude); } catch (e) { out.push('generic exclude'); }
      for (const k of P.GENERIC.kinds) { try { document.querySelector(k.sel); } catch (e) { out.push(k.sel); } }
      return out;
    });
    assert.deepEqual(bad, []);
    const all = await run('', (E, P) => P.PROFILES.flatMap((p) => p.items.flatMap((i) => [i.post, i.text, i.exclude || ''])).join(' '));
    // A CSS-modules or styled hash ("__80tI5", "--kF3s9", "-C0ty1") would break at the next build.
    assert.doesNotMatch(all, /(__|--|-)(?=[A-Za-z_]*\d)[A-Za-z0-9_]{5,8}\b/);
  });

  it('a text element inside another selected one is read once (.translatable-message inside .message)', async () => {
    const r = await run(`
      <div class="bubble" data-mid="1"><div class="message"><span class="translatable-message">Hello there, a long enough message.</span><span class="time">10:21<div class="time-inner">10:21</div></span></div></div>`,
    (E) => {
      const post = document.querySelector('.bubble');
      const item = { text: '.message, .translatable-message', exclude: '.time, .time-inner' };
      const els = E.textElements(post, item.text, '.bubble[data-mid]');
      return { n: els.length, cls: els[0].className, read: E.postText(post, item, { postSel: '.bubble[data-mid]' }) };
    });
    assert.equal(r.n, 1);
    assert.equal(r.cls, 'message');
    assert.equal(r.read.text, 'Hello there, a long enough message.');
    assert.equal(r.read.via, 'profile');
  });

  it('a comment inside a post is read with the comment, not with the post', async () => {
    const r = await run(`
      <div class="post" data-testid="post"><div class="txt">The post itself.</div>
        <div data-testid="c" id="c1"><div class="txt">First comment.</div>
          <div data-testid="c" id="c2"><div class="txt">A reply inside the first comment.</div></div>
        </div>
      </div>`,
    (E) => {
      const postSel = '[data-testid="post"], [data-testid="c"]';
      const t = (el) => E.postText(el, { text: '.txt' }, { postSel }).text;
      return [t(document.querySelector('.post')), t(document.getElementById('c1')), t(document.getElementById('c2'))];
    });
    assert.deepEqual(r, ['The post itself.', 'First comment.', 'A reply inside the first comment.']);
  });

  it('buttons, times, hidden parts, excluded parts and our banners never reach the text; blocks break lines', async () => {
    const r = await run(`
      <div id="p"><h3>Title</h3><span>price</span><p>First line<br>second line</p>
        <button>Показать ещё</button><span role="button">Show more</span><time>10:00</time>
        <span aria-hidden="true">hidden</span><span class="views">13,7K</span><span hidden>gone</span>
        <section id="ours">banner text</section></div>`,
    (E) => {
      const p = document.getElementById('p');
      const ours = document.getElementById('ours');
      return E.tidy(E.readText(p, E.join(E.SKIP, '.views'), (n) => n === ours));
    });
    assert.equal(r, 'Title\nprice\nFirst line\nsecond line');
  });

  it('emoji drawn as pictures are read as the emoji; other pictures\' alt text is not', async () => {
    const r = await run(`
      <div id="p">слив <img class="emoji" alt="🔞" src="data:,"> новые <img alt="👧🏻" src="data:,"> каждый день
        <img alt="photo of the author" src="data:,"><img alt="18+" src="data:,"></div>`,
    (E) => E.tidy(E.readText(document.getElementById('p'), E.SKIP)));
    assert.equal(r, 'слив 🔞 новые 👧🏻 каждый день');
  });

  it('a long text is cut at `max` UTF-16 units, never inside a surrogate pair', async () => {
    const r = await run('', (E) => ({
      pair: E.tidy('ab\u{1F600}cd', 3),
      before: E.tidy('ab\u{1F600}cd', 2),
      after: E.tidy('ab\u{1F600}cd', 4),
      short: E.tidy('  ab  ', 3),
    }));
    assert.equal(r.pair, 'ab');
    assert.equal(r.before, 'ab');
    assert.equal(r.after, 'ab\u{1F600}');
    assert.equal(r.short, 'ab');
  });

  it('a post whose text selector finds nothing is read whole ("fallback"); one that only wraps posts is a "wrapper"', async () => {
    const r = await run(`
      <article id="a"><div data-testid="post" id="inner"><div class="renamedText">Text in a renamed class, long enough to be read.</div><button>Like</button></div></article>
      <div data-testid="post" id="photo"><header class="PostHeader">Group name</header></div>`,
    (E) => {
      const postSel = '[data-testid="post"], article';
      const item = { text: '[class*="PostText__root"]', exclude: '[class*="PostHeader"]' };
      const read = (id) => E.postText(document.getElementById(id), item, { postSel, fallbackSkip: 'header' });
      return { a: read('a'), inner: read('inner'), photo: read('photo') };
    });
    assert.equal(r.a.via, 'wrapper');
    assert.equal(r.a.text, '');
    assert.equal(r.inner.via, 'fallback');
    assert.equal(r.inner.text, 'Text in a renamed class, long enough to be read.');
    assert.equal(r.photo.via, 'fallback');
    assert.equal(r.photo.text, '', 'the header is excluded: nothing to read');
  });

  it('a generic post is read whole, without profile posts, excluded parts and what `reject` refuses below it; cut at `max`', async () => {
    const r = await run(`
      <div id="g"><p>Own text of the block.</p><div class="post">A profile post inside.</div><nav>Menu</nav>
        <div id="other">Another chosen post.</div><button>More</button></div>`,
    (E) => {
      const g = document.getElementById('g');
      const other = document.getElementById('other');
      const opts = { postSel: '.post', exclude: 'nav', reject: (n) => n === other || n === g };
      const all = E.genericText(g, opts);
      return { all: { ...all, last: all.last === g }, cut: E.genericText(g, { ...opts, max: 8 }).text };
    });
    assert.deepEqual(r.all, { text: 'Own text of the block.', last: true, via: 'generic' });
    assert.equal(r.cut, 'Own text');
  });

  it('cards: each linked heading of a listing gives its card; a lone linked heading gives none', async () => {
    const r = await run(`
      <div id="list">
        <div class="row" id="r1"><div><h2><a href="/1">First ad title</a></h2></div><span>Price 1</span></div>
        <div class="row" id="r2"><a href="/2"><h3>Second ad title</h3></a><span>Price 2</span></div>
      </div>
      <main id="lone"><h1>Page</h1><p>Long text.</p><h2><a href="/x">Only linked heading in main</a></h2></main>`,
    (E) => {
      const list = [...E.cards(document.getElementById('list'))].map((e) => e.id);
      const lone = [...E.cards(document.getElementById('lone'))].map((e) => e.id || e.tagName);
      return { list, lone };
    });
    assert.deepEqual(r.list, ['r1', 'r2']);
    assert.deepEqual(r.lone, []);
  });

  it('cards: a card added later (the scan root) is recognised by its sibling cards', async () => {
    const r = await run(`
      <div id="list"><div id="r1"><h2><a href="/1">First</a></h2><span>1</span></div><div id="r2"><div id="late"><h2><a href="/2">Second</a></h2><span>2</span></div></div></div>`,
    (E) => [...E.cards(document.getElementById('late'))].map((e) => e.id));
    assert.deepEqual(r, ['r2']);
  });

  it('own text, text containers, nearest block', async () => {
    const r = await run(`
      <div id="msg"><span>A message written in spans, long enough to count as own text.</span><span class="time">10:21<div>copy</div></span></div>
      <main id="main"><a href="/x">A link</a><div>Lots of text in a block inside main, which is not main's own text at all.</div></main>
      <div id="desc"><p>Short one.</p><ul><li>item</li></ul><p>Another.</p></div>
      <div id="mixed"><p>Para</p><div>block</div></div>`,
    (E) => ({
      msg: E.ownTextLength(document.getElementById('msg')),
      main: E.ownTextLength(document.getElementById('main')),
      desc: E.isTextContainer(document.getElementById('desc')),
      mixed: E.isTextContainer(document.getElementById('mixed')),
      block: E.nearestBlock(document.querySelector('#msg span').firstChild).id,
    }));
    assert.ok(r.msg >= 60, `own text of a message: ${r.msg}`);
    assert.equal(r.main, 'A link'.length);
    assert.equal(r.desc, true);
    assert.equal(r.mixed, false);
    assert.equal(r.block, 'msg');
  });

  it('profiles follow evidence: every one names it; olx.ba and olx.com are not olx', async () => {
    const r = await run('', (E, P) => ({
      verified: P.PROFILES.map((p) => [p.id, p.verified]),
      olxba: P.forPage({ hostname: 'www.olx.ba', pathname: '/', hash: '' }, document).map((p) => p.id),
      olxcom: P.forPage({ hostname: 'www.olx.com', pathname: '/', hash: '' }, document).map((p) => p.id),
      olxua: P.forPage({ hostname: 'www.olx.ua', pathname: '/', hash: '' }, document).map((p) => p.id),
      postSel: P.postSelector(P.forPage({ hostname: 'vk.com', pathname: '/', hash: '' }, document)),
    }));
    for (const [id, v] of r.verified) assert.match(v, /\w{4,}/, `${id}: verified names its evidence`);
    assert.deepEqual(r.olxba, []);
    assert.deepEqual(r.olxcom, []);
    assert.deepEqual(r.olxua, ['olx']);
    assert.match(r.postSel, /wall_comments_comment_root/);
  });
});
