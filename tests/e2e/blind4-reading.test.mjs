// The generic reading's rules added after the fourth blind round (docs/EXTENSION.md, "Blind
// markup round 4"), on their own: the packaged scripts in a blank Chromium page (no extension)
// against small pieces of markup, like blind3-reading.test.mjs. A list of links (related
// searches) and a line of metadata are not posts, nor an item of a list of like items made
// mostly of controls (a block of text in a sidebar still is); a screen-reader-only copy is not read (its
// visible aria-hidden twin is, once); a long post's banner goes at its top; the user's compose
// boxes are never read, whatever their contenteditable value.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openReadingPage, readPosts } from './lib/reading-page.mjs';

let browser;
let page;

const found = (html) => readPosts(page, html);

const LONG = 'We are looking for staff for the summer season on the coast, contract and housing included.';

describe('the generic reading after blind round 4 (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    ({ browser, page } = await openReadingPage());
  });

  after(async () => {
    await browser?.close();
  });

  it('a list of links (related searches) is not a post; a block with words of its own and links is', async () => {
    const r = await found(`
      <div id="related"><h2>People also search for</h2><a href="/1">work abroad for girls dubai</a> <a href="/2">hostess jobs with free flights</a> · <a href="/3">club work in istanbul</a></div>
      <div id="post">${LONG} Details <a href="/d">on our page</a> and <a href="/e">in the group</a>.</div>`);
    assert.deepEqual(r.map(([id]) => id), ['post']);
  });

  it('a card drawn as one link is still read', async () => {
    const r = await found(`<a id="card" href="/item/1"><div id="inner">${LONG}</div></a>`);
    assert.deepEqual(r.map(([id]) => id), ['inner']);
  });

  it('search suggestions with emphasised words are not a list of like items', async () => {
    const s = (t) => `<a class="sug" href="#"><div class="s">${t}</div></a>`;
    const r = await found(`<div>${s('posao <b>hostesa</b> beograd abroad')}${s('posao u inostranstvu <b>bez znanja jezika</b>')}${s('posao <b>dubai</b> za žene i djevojke')}</div>`);
    assert.deepEqual(r, []);
  });

  it('a line of metadata is not a post; a sentence written with middle dots is', async () => {
    const r = await found(`
      <div id="meta"><span>Dubai, United Arab Emirates</span> <span>·</span> <span>Reposted 2 days ago</span> <span>·</span> <span>Over 100 applicants</span></div>
      <div id="ad">Work in Dubai · girls 18-25 · 5000 USD a month · tickets paid · write on Telegram</div>`);
    assert.deepEqual(r.map(([id]) => id), ['ad']);
  });

  it('a block of text in a sidebar is still read (never blind), beside the named items there', async () => {
    const r = await found(`
      <aside><div id="entity"><h2>Hostess</h2><p>A job in hospitality. The average salary in the country is 45 000 a month, says the statistics office.</p></div>
      <ul><li class="job" id="j1" data-job-id="1">Hostess in Dubai, girls 18-25 only, 5000 USD a month, free flights</li></ul></aside>`);
    assert.deepEqual(r.map(([id]) => id), ['entity', 'j1']);
  });

  it('an item of a list of like items made mostly of controls is not a post', async () => {
    const result = (id) => `<div class="row" id="${id}"><h3><span>Result ${id}</span></h3><span>${LONG}</span></div>`;
    const r = await found(`<div id="rso">${result('r1')}
      <div class="row" id="paa"><h2>People also ask</h2><div role="button">How do I check a recruitment agency abroad?</div><div role="button">How much does a hostess earn?</div><div role="button">Do I need a work visa for the Emirates?</div><div class="fb">Feedback</div></div>
      ${result('r2')}${result('r3')}</div>`);
    assert.deepEqual(r.map(([id]) => id), ['r1', 'r2', 'r3']);
  });

  it('a screen-reader-only copy is not read, its visible aria-hidden twin is, once; screen-reader labels are not read', async () => {
    const r = await found(`<ul><li class="card" id="c1" data-job-id="1"><a href="/1"><span aria-hidden="true"><strong>Hostess in Dubai, girls 18-25 only, free flights</strong></span><span class="visually-hidden">Hostess in Dubai, girls 18-25 only, free flights</span></a>
      <div>Star Hospitality</div><div><span aria-hidden="true">Easy Apply</span><span class="visually-hidden">Easy Apply available</span> <span class="sr-only">Posted</span></div>
      <button aria-hidden="true">Save</button><span class="visually-hidden">Save</span></li></ul>`);
    assert.equal(r.length, 1);
    assert.equal(r[0][1], 'Hostess in Dubai, girls 18-25 only, free flights\nStar Hospitality');
  });

  it('a long post (1,200 characters or more) gets its banner at its top, a shorter one at its end', async () => {
    const inserts = await page.evaluate((parts) => {
      document.body.innerHTML = `<article id="long"><p>${parts.long}</p></article><article id="short"><p>${parts.short}</p></article>`;
      const out = {};
      const f = globalThis.RedflagDiscover.create({ onPost: (post, item) => { out[post.id] = item.insert; }, isOurs: () => false });
      f.setProfiles([]);
      for (const _ of f.scan(document.body));
      return out;
    }, { long: `${LONG} `.repeat(14), short: LONG });
    assert.deepEqual(inserts, { long: 'prepend', short: 'append' });
  });

  it('compose boxes are never read: contenteditable "", "true", "plaintext-only", role=textbox, a quick-reply box', async () => {
    const draft = 'I agree to go to Dubai to the sponsor, he pays the tickets, 3000 a month, writing on Telegram';
    const r = await found(`
      <div id="m1" class="message">Hello, how was your day? We went to the mountains with friends.</div>
      <div id="e1" contenteditable="">${draft}</div>
      <div id="e2" contenteditable="plaintext-only">${draft}</div>
      <div id="e3" contenteditable="true">${draft}</div>
      <div id="e4" role="textbox">${draft}</div>
      <div id="e5" contenteditable="false"><p>${LONG}</p></div>
      <div class="mail-QuickReply"><div class="mail-QuickReply-Placeholder">Click here to reply to this letter, your draft is saved automatically.</div></div>`);
    assert.deepEqual(r.map(([id]) => id), ['m1', 'e5']);
    assert.ok(!r.some(([, t]) => t.includes('sponsor')), 'no draft read');
  });
});
