// Finding posts (extension/src/discover.js) on its own: the packaged scripts run in a blank
// Chromium page (no extension) against small pieces of markup, with a finder that records the
// posts it reads. The end-to-end behaviour on whole pages is in sites.*.test.mjs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openReadingPage } from './lib/reading-page.mjs';

let browser;
let page;

// Sets the body, then runs fn(helpers, arg) in the page. helpers.finder(opts) makes a finder
// whose posts are recorded in `found` as { id, text, via, insert }; helpers.drain(gen) runs
// a scan to its end and returns how many times it yielded.
async function run(html, fn, arg) {
  return page.evaluate(({ html: h, src, a }) => {
    document.body.innerHTML = h;
    const helpers = {
      finder(opts = {}) {
        const found = [];
        const f = globalThis.RedflagDiscover.create({
          onPost: (post, item, read) => found.push({ id: post.id || post.tagName, text: read.text, via: read.via, insert: item.insert }),
          isOurs: (n) => n.tagName === 'REDFLAG-BANNER',
          ...opts,
        });
        return { f, found };
      },
      drain(gen) {
        let n = 0;
        for (const _ of gen) n++;
        return n;
      },
    };
    // eslint-disable-next-line no-new-func
    return new Function('H', 'arg', `return (${src})(H, arg);`)(helpers, a);
  }, { html, src: fn.toString(), a: arg });
}

const PROFILE = { id: 'test', items: [{ post: '.post', text: '.txt', exclude: '.views' }] };
const LONG = 'a long enough text for the generic reading to take it as a post of its own';

describe('discover.js (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    ({ browser, page } = await openReadingPage());
  });

  after(async () => {
    await browser?.close();
  });

  it('generic reading: articles, a description of paragraphs and list items, each read once; navigation, our banners and what is inside a post are not', async () => {
    const r = await run(`
      <nav id="nav"><ul><li>Navigation entry that is long enough to be a list item post</li></ul></nav>
      <article id="a1"><h2>First article</h2><p>${LONG}, first.</p>
        <div class="comment" id="c1">A comment inside the article, long enough to be a comment post.</div>
        <redflag-banner>banner text</redflag-banner></article>
      <div id="desc"><p>Short paragraph one.</p><p>${LONG}, second.</p><ul><li>point</li></ul></div>
      <ul id="list"><li id="li1">${LONG}, list item one.</li><li id="li2">${LONG}, list item two.</li></ul>`,
    (H) => {
      const { f, found } = H.finder();
      H.drain(f.scan(document.body));
      return { found, generic: f.usesGeneric(), ids: f.profileIds(), fallback: f.fallbackInUse() };
    });
    assert.deepEqual(r.found.map((p) => p.id), ['a1', 'desc', 'li1', 'li2']);
    assert.ok(r.found.every((p) => p.via === 'generic'));
    const a1 = r.found[0].text;
    assert.match(a1, /^First article\n/);
    assert.match(a1, /A comment inside the article/, 'the comment is part of the article around it');
    assert.doesNotMatch(a1, /banner text/);
    assert.equal(r.found[1].text, `Short paragraph one.\n${LONG}, second.\npoint`);
    assert.equal(r.generic, true);
    assert.deepEqual(r.ids, ['generic']);
    assert.equal(r.fallback, false, 'no profile: nothing to fall back from');
  });

  it('a paragraph alone is read with its banner after it; a change inside a post reads that post again', async () => {
    const r = await run(`
      <div id="col"><div id="box"><p id="p1">${LONG}, a paragraph alone.</p><div>other block</div></div></div>
      <article id="a1"><p id="inner">${LONG}.</p></article>
      <div id="outside">short</div>`,
    (H) => {
      const { f, found } = H.finder();
      H.drain(f.scan(document.body));
      const first = found.map((p) => [p.id, p.insert]);
      found.length = 0;
      document.getElementById('inner').append(' Added later.');
      H.drain(f.scan(document.getElementById('inner'))); // a subtree inside a post: that post again
      const again = found.map((p) => [p.id, p.text.endsWith('Added later.')]);
      found.length = 0;
      const inPost = f.reread(document.getElementById('inner'));
      const outside = f.reread(document.getElementById('outside'));
      return { first, again, inPost, outside, reread: found.map((p) => p.id) };
    });
    assert.deepEqual(r.first, [['p1', 'after-post'], ['a1', 'append']]);
    assert.deepEqual(r.again, [['a1', true]]);
    assert.equal(r.inPost, true);
    assert.equal(r.outside, false);
    assert.deepEqual(r.reread, ['a1']);
  });

  it('profile posts: read by their item; nested posts on their own; the generic reading never wraps or enters them', async () => {
    const r = await run(`
      <div id="wrap" class="feed">
        <div class="post" id="p1"><div class="txt">${LONG}, profile post one.</div><span class="views">13K</span>
          <div class="post" id="p2"><div class="txt">A reply, a post of its own.</div></div></div>
        <div class="post" id="p3"><div class="renamed">${LONG}, text selector renamed.</div></div>
      </div>
      <article id="a1">${LONG}, outside any profile post.</article>`,
    (H, profile) => {
      const { f, found } = H.finder();
      f.setProfiles([{ ...profile, generic: true }]);
      H.drain(f.scan(document.body));
      const withGeneric = found.map((p) => [p.id, p.via, p.text]);
      found.length = 0;
      const fallback = f.fallbackInUse();
      f.setProfiles([profile]); // a profile without the generic reading
      f.reset();
      H.drain(f.scan(document.body));
      return { withGeneric, fallback, ids: f.profileIds(), without: found.map((p) => p.id), generic: f.usesGeneric() };
    }, PROFILE);
    assert.deepEqual(r.withGeneric, [
      ['p1', 'profile', `${LONG}, profile post one.`],
      ['p2', 'profile', 'A reply, a post of its own.'],
      ['p3', 'fallback', `${LONG}, text selector renamed.`],
      ['a1', 'generic', `${LONG}, outside any profile post.`],
    ]);
    assert.equal(r.fallback, true, 'a post read whole: the popup says so');
    assert.deepEqual(r.ids, ['test']);
    assert.deepEqual(r.without, ['p1', 'p2', 'p3']);
    assert.equal(r.generic, false);
  });

  it('a feed scanned row by row: a row of profile posts only is left to them, text beside a post is still read; a post is read by every item it matches, in order', async () => {
    const r = await run(`
      <div id="rows">
        <div class="row" id="r1"><div class="post" id="p1"><div class="txt">${LONG}, row one.</div></div></div>
        <div class="row" id="r2"> <div class="post" id="p2"><div class="txt">${LONG}, row two.</div></div>
          <p id="x2">${LONG}, written beside the post in its row.</p></div>
        <div class="row" id="r3"><div class="post ad" id="p3"><div class="txt">${LONG}, an ad.</div><div class="extra">Its extra line.</div>
          <div class="post" id="p4"><div class="txt">A post inside the ad.</div><div class="extra">Not the ad's.</div></div></div></div>
        <div class="row" id="r4"><div class="other" id="p5"><div class="txt">${LONG}, the third item.</div></div></div>
      </div>`,
    (H) => {
      const { f, found } = H.finder();
      f.setProfiles([{ id: 'feed', generic: true, items: [{ post: '.post', text: '.txt' }, { post: '.post.ad', text: '.extra' }, { post: '.other', text: '.txt' }] }]);
      for (const row of document.querySelectorAll('.row')) H.drain(f.scan(row));
      return found.map((p) => [p.id, p.via, p.text]);
    });
    assert.deepEqual(r, [
      ['p1', 'profile', `${LONG}, row one.`],
      ['p2', 'profile', `${LONG}, row two.`],
      ['x2', 'generic', `${LONG}, written beside the post in its row.`],
      ['p3', 'profile', `${LONG}, an ad.`],
      ['p3', 'profile', 'Its extra line.'],
      ['p4', 'profile', 'A post inside the ad.'],
      ['p5', 'profile', `${LONG}, the third item.`],
    ]);
  });

  it('one invalid selector does not blind the other items', async () => {
    const r = await run(`<div class="post" id="p1"><div class="txt">${LONG}.</div></div>`, (H) => {
      const { f, found } = H.finder();
      f.setProfiles([{ id: 'bad', items: [{ post: '.post[', text: '.txt' }, { post: '.post', text: '.txt' }] }]);
      H.drain(f.scan(document.body));
      return found.map((p) => [p.id, p.via]);
    });
    assert.deepEqual(r, [['p1', 'profile']]);
  });

  it('never blind: a profile that finds nothing hands the page to the generic reading after the grace period, unless the page is off', async () => {
    const r = await run(`<article id="a1">${LONG}, a page the profile does not know.</article>`, async (H, profile) => {
      let calls = 0;
      const off = H.finder({ graceMs: 20, active: () => false, onFallback: () => calls++ });
      off.f.setProfiles([profile]);
      off.f.armFallback();
      const { f, found } = H.finder({ graceMs: 20, onFallback: () => calls++ });
      f.setProfiles([profile]);
      H.drain(f.scan(document.body));
      const before = { generic: f.usesGeneric(), found: found.length };
      f.armFallback();
      await new Promise((res) => setTimeout(res, 100));
      H.drain(f.scan(document.body));
      return { before, calls, generic: f.usesGeneric(), found: found.map((p) => [p.id, p.via]), fallback: f.fallbackInUse(), offGeneric: off.f.usesGeneric() };
    }, PROFILE);
    assert.deepEqual(r.before, { generic: false, found: 0 });
    assert.equal(r.calls, 1, 'only the active finder falls back');
    assert.equal(r.offGeneric, false);
    assert.equal(r.generic, true);
    assert.deepEqual(r.found, [['a1', 'generic']]);
    assert.equal(r.fallback, true);
  });

  it('a profile that found a post does not fall back; a long scan yields to the page', async () => {
    const r = await run(`<div class="post" id="p1"><div class="txt">${LONG}.</div></div>
      <section id="many">${Array.from({ length: 300 }, (_, i) => `<div><span>${LONG} ${i}</span><div>x</div></div>`).join('')}</section>`,
    async (H, profile) => {
      let calls = 0;
      const { f } = H.finder({ graceMs: 20, onFallback: () => calls++ });
      f.setProfiles([profile]);
      H.drain(f.scan(document.body));
      f.armFallback();
      await new Promise((res) => setTimeout(res, 100));
      const g = H.finder();
      const yields = H.drain(g.f.scan(document.getElementById('many')));
      return { calls, generic: f.usesGeneric(), yields, posts: g.found.length };
    }, PROFILE);
    assert.equal(r.calls, 0);
    assert.equal(r.generic, false);
    assert.equal(r.posts, 300, 'every block with its own text');
    assert.ok(r.yields > 10, `yields ${r.yields}`);
  });
  // Blind round (docs/EXTENSION.md): markup of sites nobody wrote a profile for.
  it('generic reading: a post holds no posts (comments apart from the post, replies apart from the comment); quotes, reply links, signatures and ARIA navigation are never read', async () => {
    const r = await run(`
      <div role="navigation" id="gnav"><div>Public group · 48K members, a navigation block long enough to be read</div></div>
      <div id="feed"><div id="post1"><h3><a href="/u/1">Author</a></h3>
        <div id="msg1">${LONG}, the post's own message.</div><span>214 comments</span>
        <div role="article" id="com1">${LONG}, a comment under the post.</div>
        <div role="article" id="com2">${LONG}, another comment.</div></div>
      <div id="post2"><h3><a href="/u/2">Other</a></h3><div id="msg2">${LONG}, a second post.</div></div></div>
      <ol><li id="wp1"><article id="body1"><p>${LONG}, a comment.</p><div class="reply"><a class="comment-reply-link" href="#r">Reply to this</a></div></article>
        <ol class="children"><li id="wp2"><article id="body2"><p>${LONG}, its reply.</p></article></li></ol></li></ol>
      <article id="fpost"><div class="bbWrapper js-selectToQuote"><blockquote class="bbCodeBlock bbCodeBlock--quote">Someone said: ${LONG}, quoted.</blockquote>${LONG}, the answer.</div>
        <aside class="message-signature">A signature line that is long enough to be read as text.</aside></article>
      <div id="tme"><a class="tgme_widget_message_reply" href="/c/1"><div>${LONG}, the preview of the message answered…</div></a><div id="tmetext">${LONG}, a channel message.</div></div>`,
    (H) => {
      const { f, found } = H.finder();
      H.drain(f.scan(document.body));
      return found;
    });
    const ids = r.map((p) => p.id);
    for (const id of ['msg1', 'com1', 'com2', 'body1', 'body2', 'fpost', 'tmetext']) assert.ok(ids.includes(id), `${id} read on its own (${ids})`);
    for (const id of ['gnav', 'post1', 'wp1', 'wp2']) assert.ok(!ids.includes(id), `${id} is not one post`);
    const all = r.map((p) => p.text).join('\n');
    assert.doesNotMatch(all, /Public group|214 comments|Reply to this|quoted|signature line|the preview of the message/);
    assert.equal(r.find((p) => p.id === 'fpost').text, `${LONG}, the answer.`);
    assert.equal(r.find((p) => p.id === 'body1').text, `${LONG}, a comment.`);
  });

  it('generic reading: short chat messages and comments are read (structured list items, message ids, comment classes), a comment with its replies is not one post, the quote a reply answers and timestamps are not read; a profile skip is never entered', async () => {
    const SHORT = 'Девушки 18+, 5000 в день, пиши в лс';
    const r = await run(`
      <ul id="chat"><li id="m1"><div class="who">Timur</div><div>${SHORT}</div></li><li id="m2"><div class="who">Sasha</div><div>ok</div></li></ul>
      <ul id="bullets"><li id="b1">${SHORT}</li></ul>
      <div id="list"><div id="message-7109"><span>${SHORT}</span></div></div>
      <ol><li class="comment" id="c1"><div>Milica</div><p>Odličan tekst, hvala.</p>
        <ol class="children"><li class="comment" id="c2"><div>posao</div><p>Devojke 18+, 200e dnevno, pišite u inbox</p></li></ol></li></ol>
      <li id="mx"><span class="mx_MessageTimestamp">09:06</span><blockquote class="mx_ReplyChain"><div>${SHORT}</div></blockquote><div>${LONG}, the moderator's answer.</div></li>
      <div id="dialogs"><div class="nim-dialog" id="d1"><div>${LONG}, a preview of another chat.</div></div></div>`,
    (H) => {
      const { f, found } = H.finder();
      f.setProfiles([{ id: 'skipper', items: [{ post: '.nothing-here', text: ':scope' }], generic: true, skip: '.nim-dialog' }]);
      H.drain(f.scan(document.body));
      return found;
    });
    const byId = Object.fromEntries(r.map((p) => [p.id, p.text]));
    assert.match(byId.m1 || '', /5000 в день/, `a structured list item is read from 20 characters (${JSON.stringify(byId)})`);
    assert.equal(byId.b1, undefined, 'a bullet of running text under 60 characters is not a post of its own');
    assert.equal(byId['message-7109'], SHORT, 'an element whose id names a message is read from 20 characters');
    assert.match(byId.c2 || '', /200e dnevno/, 'the reply is read on its own');
    assert.doesNotMatch(byId.c1 || '', /200e/, 'the parent comment is read without its reply');
    assert.equal(byId.mx, `${LONG}, the moderator's answer.`, 'the quote of the message answered and the timestamp are not read');
    assert.ok(!r.some((p) => /another chat/.test(p.text)), 'a profile\'s skip is never entered');
  });
  it('generic reading: a post written line by line (a list of conditions with emoji bullets, one per <li>, <div> or <p>) is read as one post; a menu of links, a column of metadata and a sidebar\'s list of rules are not', async () => {
    const lines = ['👧 Devojke 18-25 godina', '💰 Plata od 3000€ nedeljno', '✈️ Let i smeštaj plaćeni', '📩 Piši u DM za detalje'];
    const html = `<main>
      <div id="ul"><h4>Posao u Dubaiju</h4><ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul></div>
      <div id="divs">${lines.map((l) => `<div>${l}</div>`).join('')}</div>
      <div id="ps">${lines.map((l) => `<p>${l}</p>`).join('')}</div>
      <div id="rules"><h3>About Community</h3><ul><li>No recruitment spam</li><li>Be kind to each other</li><li>No personal data of others</li></ul></div>
      <div id="menu"><ul><li><a href="/">Početna stranica</a></li><li><a href="/o-nama">O nama i našem timu</a></li><li><a href="/kontakt">Kontakt i adrese</a></li><li><a href="/posao">Oglasi za posao</a></li></ul></div>
      <div id="meta"><div>Beograd, Srbija</div><div>pre 2 dana</div><div>Više od 100 prijava</div><div>Puno radno vreme</div><div>Ugovor na neodređeno</div></div>
    </main>`;
    const r = await run(html, (h) => {
      const { f, found } = h.finder();
      f.setProfiles([]);
      h.drain(f.scan(document.body));
      return found;
    });
    const byId = Object.fromEntries(r.map((p) => [p.id, p.text]));
    for (const id of ['ul', 'divs', 'ps']) {
      assert.match(byId[id] || '', /Devojke 18-25 godina\n💰 Plata od 3000€ nedeljno\n✈️ Let i smeštaj plaćeni\n📩 Piši u DM za detalje/, `${id}: ${JSON.stringify(r)}`);
    }
    assert.match(byId.ul, /^Posao u Dubaiju\n/, 'the heading is a line of the post');
    assert.ok(!('menu' in byId) && !('meta' in byId) && !('rules' in byId), JSON.stringify(r));
    assert.equal(r.length, 3, JSON.stringify(r));
  });
});
