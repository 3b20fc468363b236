// The generic reading's rules added after the sixth blind round (docs/EXTENSION.md, "Blind
// markup round 6"), on their own: the packaged scripts in a blank Chromium page (no extension)
// against small pieces of markup, like blind5-reading.test.mjs. A sentence set word by word in
// plain spans is read, a row of counters and controls is still a line of metadata; a chosen post
// into which replies are put is read apart; a translation marked with another language beside a
// chosen block makes one post.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openReadingPage } from './lib/reading-page.mjs';

let browser;
let page;

describe('the generic reading after blind round 6 (chromium, no extension)', { timeout: 120000 }, () => {
  before(async () => {
    ({ browser, page } = await openReadingPage());
  });

  after(async () => {
    await browser?.close();
  });

  it('a sentence set word by word in spans is no line of metadata; counters among controls still are', async () => {
    const r = await page.evaluate(() => {
      document.body.innerHTML = `<div id="words"><span>Masazhiste</span> <span>për</span> <span>sallon</span> <span>në</span> <span>Zvicër,</span> <span>vajza</span> <span>të</span> <span>reja</span></div>
        <div id="actions"><button>Upvote</button> <span>3</span> <button>Downvote</button> <a href="/c">214 comments</a> <button>Share</button> <button>Award</button></div>
        <div id="dots"><span>Dubai</span> <span>·</span> <span>2 days ago</span> <span>·</span> <span>Over</span> <span>100</span> <span>applicants</span></div>`;
      const E = globalThis.RedflagExtract;
      return ['words', 'actions', 'dots'].map((id) => E.metaLine(document.getElementById(id)));
    });
    assert.deepEqual(r, [false, true, true]);
  });

  it('replies put into a chosen comment: the comment is read apart from them, each reply on its own', async () => {
    const r = await page.evaluate(() => {
      document.body.innerHTML = `<div id="list">
        <div class="item" id="c1"><a href="/@a">Ana</a><span><p>Яка гарна пісня, слухаю вже третій день поспіль.</p></span><span>1 дн.</span></div>
        <div class="item" id="c2"><a href="/@b">Borys</a><span><p>Дякую за відео, чекаю продовження історії.</p></span><span>2 дн.</span></div>
        <div class="item" id="c3"><a href="/@c">Cyril</a><span><p>Де це знімали? Дуже красиві гори навколо.</p></span><span>3 дн.</span></div></div>`;
      const seen = [];
      const dropped = [];
      const f = globalThis.RedflagDiscover.create({ onPost: (p, item, read) => seen.push([p.id || p.tagName, read.text]), onDrop: (p) => dropped.push(p.id) });
      f.setProfiles([]);
      for (const _ of f.scan(document.body));
      const first = seen.map(([id]) => id);
      const box = document.createElement('div');
      box.className = 'replies';
      box.innerHTML = '<div class="reply" id="r1"><a href="/@d">Dmytro</a><span><p id="r1p">Шукаємо дівчат для роботи в ескорті в Туреччині, паспорт залишите у менеджера.</p></span></div>';
      document.getElementById('c1').append(box);
      seen.length = 0;
      for (const _ of f.scan(box));
      return { first, dropped, after: seen.map(([id, t]) => [id, t]) };
    });
    assert.deepEqual(r.first, ['c1', 'c2', 'c3']);
    assert.deepEqual(r.dropped, [], 'read again on its own words, never dropped');
    assert.ok(r.after.some(([id, t]) => id === 'r1p' && /Шукаємо дівчат/.test(t)), JSON.stringify(r.after));
    const own = r.after.filter(([id]) => id === 'c1');
    assert.equal(own.length, 1, 'the comment is read again, once: ' + JSON.stringify(r.after));
    assert.match(own[0][1], /Яка гарна пісня/);
    assert.doesNotMatch(own[0][1], /Шукаємо/, 'the comment with its replies is not one post');
  });

  it('a short risky comment whose reply is long enough to be a post keeps its reading (its own words, not the reply)', async () => {
    const r = await page.evaluate(() => {
      document.body.innerHTML = `<div id="list">
        <div class="item" id="c1"><a href="/@a">Ana</a><span><p>Devojke 18+, 3000€ nedeljno, piši u DM</p></span><span>1 d</span></div>
        <div class="item" id="c2"><a href="/@b">Borys</a><span><p>Hvala na videu, čekam nastavak priče.</p></span><span>2 d</span></div>
        <div class="item" id="c3"><a href="/@c">Cyril</a><span><p>Gde je ovo snimljeno? Prelepe planine.</p></span><span>3 d</span></div></div>`;
      const seen = [];
      const dropped = [];
      const f = globalThis.RedflagDiscover.create({ onPost: (p, item, read) => seen.push([p.id, read.text, item.insert]), onDrop: (p) => dropped.push(p.id) });
      f.setProfiles([]);
      for (const _ of f.scan(document.body));
      const first = seen.map(([id]) => id);
      const box = document.createElement('div');
      box.className = 'replies';
      box.innerHTML = '<div class="reply"><a href="/@d">Dragan</a><span><p id="r1p">Ovo zvuči sumnjivo, nijedna prava agencija ne traži da se javiš samo u privatnu poruku.</p></span></div>';
      document.getElementById('c1').append(box);
      seen.length = 0;
      for (const _ of f.scan(box));
      // A second reply later: the comment is still read once, on its own words.
      const box2 = document.createElement('div');
      box2.className = 'reply';
      box2.innerHTML = '<a href="/@e">Eva</a><span><p id="r2p">Slažem se, prijavila sam ovaj komentar moderatorima i administratorima grupe.</p></span>';
      box.append(box2);
      const second = [];
      const at = seen.length;
      for (const _ of f.scan(box2));
      for (const s of seen.slice(at)) second.push(s);
      return { first, dropped, after: seen.slice(0, at), second };
    });
    assert.deepEqual(r.first, ['c1', 'c2', 'c3']);
    assert.deepEqual(r.dropped, [], 'its banner is never taken away');
    const own = r.after.filter(([id]) => id === 'c1');
    assert.equal(own.length, 1, JSON.stringify(r.after));
    assert.match(own[0][1], /Devojke 18\+, 3000€ nedeljno/);
    assert.doesNotMatch(own[0][1], /sumnjivo/);
    assert.equal(own[0][2], 'prepend', 'its banner at its top, above the replies');
    assert.ok(r.after.some(([id, t]) => id === 'r1p' && /sumnjivo/.test(t)), JSON.stringify(r.after));
    assert.ok(r.second.some(([id]) => id === 'r2p'), JSON.stringify(r.second));
    assert.ok(r.second.every(([id, t]) => id !== 'c1' || !/Slažem|sumnjivo/.test(t)), JSON.stringify(r.second));
  });

  it('short comments written straight into their items (a forum\'s <b>name</b> text) are read one by one; a row of links with separators is not', async () => {
    const r = await page.evaluate(() => {
      document.body.innerHTML = `<div id="list">
        <div class="c" id="c1"><b>Ana</b> Devojke 18+, 3000€ nedeljno, piši u DM <span>1 d</span></div>
        <div class="c" id="c2"><b>Boris</b> Super snimak, gde je ovo bilo? <span>2 d</span></div>
        <div class="c" id="c3"><b>Ceca</b> Hvala, baš mi je pomoglo danas. <span>3 d</span></div></div>
        <div id="nav"><span class="l"><a href="/a">Početna</a> | </span><span class="l"><a href="/b">Vesti</a> | </span><span class="l"><a href="/c">Kontakt</a> | </span></div>`;
      const seen = [];
      const f = globalThis.RedflagDiscover.create({ onPost: (p, item, read) => seen.push([p.id || p.className, read.text]) });
      f.setProfiles([]);
      for (const _ of f.scan(document.body));
      return seen;
    });
    assert.deepEqual(r.map(([id]) => id), ['c1', 'c2', 'c3'], JSON.stringify(r));
    assert.match(r[0][1], /Devojke 18\+, 3000€ nedeljno, piši u DM/);
  });

  it('a translation in another language put beside a chosen block: the card is one post', async () => {
    const r = await page.evaluate(() => {
      document.documentElement.lang = 'ru';
      document.body.innerHTML = `<div id="card"><div class="head"><a href="/@x">rabota.dubai</a></div>
        <div class="body" id="orig"><span>Работа для девушек в Дубае: хостес в клубе, перелёт и жильё оплачиваем.</span></div>
        <div role="button">Перевести</div></div>
        <div id="card2"><div class="body" id="orig2"><span>Наша кофейня ищет бариста на утренние смены, обучение за счёт компании.</span></div></div>`;
      const seen = [];
      const dropped = [];
      const f = globalThis.RedflagDiscover.create({ onPost: (p, item, read) => seen.push([p.id, read.text]), onDrop: (p) => dropped.push(p.id) });
      f.setProfiles([]);
      for (const _ of f.scan(document.body));
      const first = seen.map(([id]) => id);
      const add = (after, lang, text) => {
        const t = document.createElement('div');
        const w = document.createElement('span');
        if (lang) w.lang = lang;
        w.textContent = text;
        t.append(w);
        document.getElementById(after).after(t);
        return t;
      };
      seen.length = 0;
      for (const _ of f.scan(add('orig', 'en', 'Work for girls in Dubai: club hostess, flight and housing paid.')));
      const translated = seen.map(([id, t]) => [id, t]);
      seen.length = 0;
      for (const _ of f.scan(add('orig2', null, 'Ще один абзац того самого оголошення, без мітки мови, про графік роботи.')));
      return { first, dropped, translated, plain: seen.map(([id]) => id) };
    });
    assert.deepEqual(r.first, ['orig', 'orig2']);
    assert.deepEqual(r.dropped, ['orig']);
    assert.equal(r.translated.length, 1);
    assert.equal(r.translated[0][0], 'card');
    assert.match(r.translated[0][1], /хостес в клубе[^]*club hostess/);
    assert.deepEqual(r.plain.length, 1, 'a block with no language mark beside a post is a post of its own');
    assert.notEqual(r.plain[0], 'card2');
  });
});
