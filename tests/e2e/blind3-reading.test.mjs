// The generic reading's rules added after the third blind round (docs/EXTENSION.md, "Blind
// markup round 3"), on their own: the packaged scripts in a blank Chromium page (no extension)
// against small pieces of markup, like discover.test.mjs. A list of like items (mail rows,
// comments) is read item by item from 20 characters, a description's paragraphs are still one
// post, a post holding a list of comment cards is read card by card, and a web component's
// text is read from its open shadow root (and its slots).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openReadingPage, readPosts } from './lib/reading-page.mjs';

let browser;
let page;

const found = (html, setup) => readPosts(page, html, setup);

const row = (id, who, text, when) => `<a class="llc" id="${id}" href="/m/${id}"><span class="llc__sender">${who}</span><span class="llc__snippet">${text}</span><span class="llc__date">${when}</span></a>`;

describe('the generic reading after blind round 3 (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    ({ browser, page } = await openReadingPage());
  });

  after(async () => {
    await browser?.close();
  });

  it('a list of like items (mail rows) is read row by row, short rows too; a list of two is not a list', async () => {
    const r = await found(`<div class="list">${row('r1', 'Hack Team', 'Pay 500 dollars or I send the video', '06:58')}${row('r2', 'Ozon', 'Your order has arrived', '3 Dec')}${row('r3', 'HR', 'Interview on Wednesday at 11', '2 Dec')}</div>
      <div class="pair">${row('s1', 'One', 'First of only two rows here', '1 Dec')}${row('s2', 'Two', 'Second of only two rows here', '1 Dec')}</div>`);
    assert.deepEqual(r.slice(0, 3).map(([id]) => id), ['r1', 'r2', 'r3']);
    assert.match(r[0][1], /^Hack Team.*Pay 500 dollars or I send the video/s);
    assert.match(r[1][1], /^Ozon.*Your order has arrived/s);
    assert.ok(!r.some(([id]) => id === 's1' || id === 's2'), 'two rows are not a list: they are read by the other rules (here, the block around them)');
  });

  it('paragraphs, bare <div>s and items holding named posts are not list items', async () => {
    const r = await found(`
      <div id="desc"><p>We offer a contract, training and a canteen.</p><p>Shifts of eight hours, five days a week.</p><p>Send your CV to the office by Friday.</p></div>
      <div id="cols"><div><span>Column one with a name</span><span>and some words</span></div><div><span>Column two with a name</span><span>and some words</span></div><div><span>Column three with a name</span><span>and some words</span></div></div>
      <div class="box" id="b1"><article id="a1">An article inside the first box, long enough to be read.</article><span>x</span></div>
      <div class="box" id="b2"><article id="a2">An article inside the second box, long enough to be read.</article><span>y</span></div>
      <div class="box" id="b3"><article id="a3">An article inside the third box, long enough to be read.</article><span>z</span></div>`);
    const ids = r.map(([id]) => id);
    assert.ok(ids.includes('desc'), `the description is one post (${ids})`);
    assert.ok(!r.some(([, t]) => /^Column (one|two|three)/.test(t) && !/Column two.*Column three/s.test(t)), `bare divs have no signature: none is read as an item (${JSON.stringify(r)})`);
    assert.deepEqual(ids.filter((id) => /^[ab]\d/.test(id)), ['a1', 'a2', 'a3'], 'boxes holding articles: the articles are read');
  });

  it('a post holding a list of comment cards is read card by card, not as one block', async () => {
    const card = (id, who, text) => `<div class="c" id="${id}"><h3><a href="/${who}/">${who}</a></h3><span>${text}</span><span>3 likes</span></div>`;
    const r = await found(`<article id="post"><h2>Kotor at dawn</h2><p>The old town and its walls, 1 350 steps up to the fortress at sunrise.</p>
      <ul>${card('c1', 'anna', 'So beautiful, when is the best time to go?')}${card('c2', 'ivan', 'Leaking photos of exes, write to me')}${card('c3', 'olga', 'We were there in May, lovely')}</ul></article>`);
    const ids = r.map(([id]) => id);
    assert.ok(!ids.includes('post'), `the article with its comments is not one post (${ids})`);
    assert.deepEqual(ids.filter((id) => /^c\d$/.test(id)), ['c1', 'c2', 'c3']);
  });

  it('web components: a list of components is read item by item from their open shadow roots, slots included', async () => {
    const r = await found('<div class="list" id="list"></div>', `
      const list = document.getElementById('list');
      const texts = ['Short comment one, twenty plus', 'Second comment with some words', 'Third comment, also quite short'];
      texts.forEach((t, i) => {
        const el = document.createElement('comment-item');
        el.id = 'ci' + (i + 1);
        const root = el.attachShadow({ mode: 'open' });
        root.innerHTML = '<div class="head"><span>user' + i + '</span> <span>2 h</span></div><p class="text"><slot></slot></p><button>Reply</button>';
        el.textContent = t;
        list.append(el);
      });`);
    assert.deepEqual(r, [
      ['ci1', 'user0 2 h\nShort comment one, twenty plus'],
      ['ci2', 'user1 2 h\nSecond comment with some words'],
      ['ci3', 'user2 2 h\nThird comment, also quite short'],
    ]);
  });
});
