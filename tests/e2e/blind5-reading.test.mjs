// The generic reading's rules added after the fifth blind round (docs/EXTENSION.md, "Blind
// markup round 5"), on their own: the packaged scripts in a blank Chromium page (no extension)
// against small pieces of markup, like blind4-reading.test.mjs. The words an image's alt text
// quotes from the picture are read (Facebook's "May be an image of text that says '…'"), other
// alt text is not; counters and dates that are pieces of a line of metadata are left out, not
// prices, ages or a sentence; a closed shadow root is reachable only through an extension's
// own API (without it, only open roots: shadowOf).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openReadingPage, readPosts } from './lib/reading-page.mjs';

let browser;
let page;

const found = (html) => readPosts(page, html);

describe('the generic reading after blind round 5 (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    ({ browser, page } = await openReadingPage());
  });

  after(async () => {
    await browser?.close();
  });

  it('the words an alt text quotes from a picture are read with the post; other alt text is not', async () => {
    const r = await found(`
      <article id="ad"><h3><a href="/p">Zaposlenje Plus</a></h3><div dir="auto">Pogledajte oglas na slici i javite ako neko zna nešto.</div>
        <img alt="May be an image of text that says 'POSAO U NJEMAČKOJ ZA DJEVOJKE 18-25, PLAĆENE KARTE'" src="data:,"></article>
      <article id="ru"><div>Вот что прислали сегодня в личные сообщения, будьте осторожны.</div>
        <img alt="Может быть изображение (текст) «РАБОТА ДЛЯ ДЕВУШЕК В ДУБАЕ, БИЛЕТЫ ОПЛАЧИВАЕМ»" src="data:,"></article>
      <article id="scene"><div>Our summer trip to the coast was lovely, thank you all for coming along.</div>
        <img alt="Ana's photo of the beach at sunset with two friends" src="data:,"><img alt="Marko" src="data:,"></article>`);
    const text = Object.fromEntries(r);
    assert.match(text.ad, /\nPOSAO U NJEMAČKOJ ZA DJEVOJKE 18-25, PLAĆENE KARTE$/);
    assert.ok(!text.ad.includes('May be an image'), 'only the quoted words');
    assert.match(text.ru, /РАБОТА ДЛЯ ДЕВУШЕК В ДУБАЕ, БИЛЕТЫ ОПЛАЧИВАЕМ/);
    assert.equal(text.scene, 'Our summer trip to the coast was lovely, thank you all for coming along.');
  });

  it('counters and dates in a line of metadata are left out; prices, ages and the other pieces are read', async () => {
    const r = await found(`
      <article id="ad"><h1>Hostese za rad u inostranstvu</h1>
        <div class="meta"><span>Global Staff d.o.o.</span> · <span>Inostranstvo</span> · <span>Rok prijave: 20.12.2026.</span> · <span>Pregleda: 2.184</span> · <span>3.000 €</span> · <span>18 godina</span></div>
        <p>Tražimo djevojke od 18 do 25 godina, bez iskustva, avionske karte plaćene.</p></article>
      <article id="news"><div class="byline"><span>Redakcija</span> · <time>09:40</time> · <span>18 komentara</span></div>
        <p>Gradske službe najavile su radove na mreži u centru grada tokom cijele sedmice.</p></article>
      <article id="alone"><p>Dvije cure traže posao, javite se.</p><span>18 komentara</span></article>`);
    const text = Object.fromEntries(r);
    assert.ok(!/Pregleda|20\.12\.2026/.test(text.ad), text.ad);
    for (const kept of ['Global Staff d.o.o.', 'Inostranstvo', '3.000 €', '18 godina']) assert.ok(text.ad.includes(kept), `${kept} read`);
    assert.ok(!text.news.includes('18 komentara'), text.news);
    assert.ok(text.news.includes('Redakcija'));
    assert.ok(text.alone.includes('18 komentara'), 'a number with a word outside a line of metadata is read');
  });

  it('shadowOf: an open root always; a closed one only through the extension\'s API (none in a plain page)', async () => {
    const r = await page.evaluate(() => {
      document.body.innerHTML = '<x-open id="o"></x-open><x-closed id="c"></x-closed>';
      const open = document.getElementById('o').attachShadow({ mode: 'open' });
      document.getElementById('c').attachShadow({ mode: 'closed' });
      const E = globalThis.RedflagExtract;
      return { open: E.shadowOf(document.getElementById('o')) === open, closed: E.shadowOf(document.getElementById('c')) };
    });
    assert.deepEqual(r, { open: true, closed: null });
  });
});
