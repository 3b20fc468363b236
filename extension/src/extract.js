// Reading the text of a post: which elements of a post hold its text, and their text without
// the parts that are not the author's words (buttons, times, counters, reactions, our own
// banners, posts nested inside it). Pure functions of the DOM, no state, so the rules can be
// tested on their own (tests/e2e/extract.test.mjs). Classic script: defines
// globalThis.RedflagExtract; discover.js uses it.
(function () {
  'use strict';

  // Elements that break a line when text is joined.
  const BLOCK = new Set(['P', 'DIV', 'LI', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'TD', 'TH', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'DD', 'DT', 'PRE', 'UL', 'OL', 'TABLE', 'FIGCAPTION']);
  // The nearest of these around a piece of text is its "block" (generic reading).
  const BLOCKISH = new Set(['DIV', 'P', 'LI', 'SECTION', 'ARTICLE', 'MAIN', 'ASIDE', 'TD', 'TH', 'DD', 'DT', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'FIGURE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BODY']);
  // Never text of a post, on any site: controls and their labels ("Show more", "Показать ещё"),
  // times, scripts, hidden parts.
  // Screen-reader-only copies are left out too (blind round 4): LinkedIn, Indeed, WordPress and
  // Bootstrap write labels for screen readers ("Easy Apply available", "Posted") in elements
  // clipped to one pixel, and a title twice, once for the eye (aria-hidden) and once for the
  // screen reader; the one shown is read (see visibleTwin).
  // (visually-hidden, visuallyhidden, VisuallyHidden; sr-only; screen-reader-text: three
  // selectors, as each costs every element read a look at its class.)
  const SCREEN_READER = '[class*="visually" i], [class*="sr-only" i], [class*="screen-reader" i]';
  const SKIP = `script, style, noscript, template, button, select, option, textarea, input, time, svg, [role="button"], [aria-hidden="true"], [hidden], ${SCREEN_READER}`;
  const HEADINGS = 'h1, h2, h3, h4, h5, h6';

  function matches(el, sel) {
    try { return el.matches(sel); } catch (_) { return false; }
  }

  function closest(el, sel) {
    try { return el.closest(sel); } catch (_) { return null; }
  }

  function join(...parts) {
    return parts.filter(Boolean).join(', ');
  }

  // The elements of `post` that hold its text (`textSel`; ":scope" = the post itself), in
  // document order: only those whose nearest post (`postSel`, every post selector of the
  // page) is this post, and none inside another one found (".translatable-message" inside
  // ".message" is read once). `nested` false: the caller knows that no element inside `post`
  // matches `postSel` (discover.js found the posts with one query and none follows inside this
  // one), so no text element can belong to another post and none is looked up (a `closest`
  // per text element was a third of the reading's cost on a 1,000-post feed).
  function textElements(post, textSel, postSel, nested = true) {
    if (textSel === ':scope') return [post];
    let found;
    try { found = post.querySelectorAll(textSel); } catch (_) { return []; }
    const out = [];
    let last = null;
    for (let i = 0, n = found.length; i < n; i++) { // (an index loop: no list iterator per post)
      const e = found[i];
      // Document order: an element inside an earlier one is inside the last one kept.
      if (last && last.contains(e)) continue;
      if (postSel && nested && closest(e, postSel) !== post) continue;
      out.push(e);
      last = e;
    }
    return out;
  }

  // Whether `el`, hidden from screen readers (aria-hidden), is the visible copy of a text that a
  // sibling writes again for screen readers only (LinkedIn's titles: <span aria-hidden="true">
  // and <span class="visually-hidden"> with the same words). That copy is read, the other is
  // not; read once either way. Only when nothing else in `skipSel` refuses it (a button stays
  // a button). `plain` caches skipSel without its aria-hidden part.
  const withoutAriaHidden = new Map();
  function visibleTwin(el, skipSel) {
    if (el.getAttribute('aria-hidden') !== 'true') return false;
    const twin = (s) => s && s.getAttribute('aria-hidden') !== 'true' && matches(s, SCREEN_READER)
      && (s.textContent || '').trim() === (el.textContent || '').trim();
    if (!twin(el.nextElementSibling) && !twin(el.previousElementSibling)) return false;
    let plain = withoutAriaHidden.get(skipSel);
    if (plain === undefined) {
      plain = skipSel.split('[aria-hidden="true"]').join('[data-redflag-never]');
      if (withoutAriaHidden.size > 32) withoutAriaHidden.clear();
      withoutAriaHidden.set(skipSel, plain);
    }
    return !matches(el, plain);
  }

  // The emoji an <img> stands for: its alt text when that is a few symbols with no letter or
  // digit in them; '' otherwise.
  function emojiAlt(img) {
    const alt = img.getAttribute('alt');
    return alt && alt.length <= 16 && !/[\p{L}\p{N}\s]/u.test(alt) ? alt : '';
  }

  // The words a picture shows, when its alt text quotes them (blind round 5): Facebook and
  // Instagram describe a photo of an ad as "May be an image of text that says 'WORK IN
  // GERMANY FOR GIRLS …'", so a post whose risk signs are only in a screenshot is still read.
  // Only a quoted run of three words or more that ends the alt text, its opening quote after a
  // space (not an apostrophe inside a word): a name, "photo" or a description of a scene is
  // not read.
  const QUOTED_ALT = /(?:^|[\s(:])["'«“„‘]([^]{12,}?)["'»”’]\.?\s*$/u;
  function imageText(img) {
    const alt = img.getAttribute('alt');
    if (!alt || alt.length < 20) return '';
    const m = QUOTED_ALT.exec(alt);
    const t = m ? m[1].trim() : '';
    return t.split(/\s+/).length >= 3 ? `\n${t}\n` : '';
  }

  // A counter or a date written as a piece of a line of metadata (blind round 5): "18
  // komentara", "Pregleda: 2.184", "48 тыс. просмотров", "Rok prijave: 20.12.2026." — a number
  // with at most one word after it, or a label and a number. Not a price ("3.000 €", "5000
  // eura": a currency after the number) nor an age ("18 godina", "18-25"), which may be among
  // an ad's risk signs.
  const COUNTER = /^(?:\p{L}[\p{L} ]{0,24}:\s*)?\d[\d\s.,:/]*(?:\s?(?:[KkMm]|тыс\.?|млн\.?|хиљ\.?|hilj\.?|tis\.?|mil\.?))?(?:\s+(\p{L}+)\.?)?$/u;
  const KEPT_UNIT = /^(?:godin|годин|рок|лет|год|year|vjeç|vjet|ans|jahr|eur|евро|євро|usd|dollar|долл|дол|грн|руб|km|kn|din|rsd|dinar|сом|kgs|lek|byn|pln|zł|chf|tl|try|aed|gbp|kzt|тенге|лей|lei|uah|rub)/iu;
  function counterPiece(el) {
    if (el.firstElementChild || BLOCK.has(el.tagName)) return false;
    const t = (el.textContent || '').trim();
    if (!t || t.length > 40) return false;
    const m = COUNTER.exec(t);
    if (!m || (m[1] && KEPT_UNIT.test(m[1]))) return false;
    return !!el.parentElement && metaLine(el.parentElement);
  }

  // The open or closed shadow root of `el` (blind round 5: a comments widget in a closed root).
  // A page's own scripts cannot reach a closed root; an extension's content script can
  // (Chromium: chrome.dom.openOrClosedShadowRoot; Firefox: element.openOrClosedShadowRoot).
  // Elsewhere (a test page without the extension's APIs) only the open root.
  const DOM_API = globalThis.chrome && globalThis.chrome.dom && typeof globalThis.chrome.dom.openOrClosedShadowRoot === 'function' ? globalThis.chrome.dom : null;
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    try {
      if ('openOrClosedShadowRoot' in el) return el.openOrClosedShadowRoot || null;
      return DOM_API ? DOM_API.openOrClosedShadowRoot(el) || null : null;
    } catch (_) {
      return null;
    }
  }

  // The text of `root`: its text nodes in document order, a line break before and after each
  // block element (so "title</h2><span>price" does not glue two words). Below root, elements
  // matching `skipSel` and those `reject(el)` refuses are left out with everything inside.
  function readText(root, skipSel, reject, max = 16000) {
    // A web component's text is in its open shadow root (blind round 3): read that instead of
    // the light children, which it shows through its <slot>s (those no slot shows after it).
    if (root.nodeType === 1 && root.tagName.includes('-') && root.shadowRoot) {
      let out = readText(root.shadowRoot, skipSel, reject, max);
      for (const n of root.childNodes) {
        if (n.assignedSlot) continue;
        if (n.nodeType === 3) out += n.nodeValue;
        else if (n.nodeType === 1 && !(reject && reject(n)) && !(skipSel && matches(n, skipSel))) out += `\n${readText(n, skipSel, reject, max - out.length)}`;
      }
      return out;
    }
    // Most post texts are plain text with no element inside: no walk needed. Its text
    // nodes, joined, are its textContent (one DOM call instead of three per child node; a
    // comment's text is not part of it, nor of the walk below).
    if (!root.firstElementChild) {
      const all = root.textContent || '';
      if (all.length <= max) return all;
      const c = all.charCodeAt(max - 1); // (never half of a surrogate pair)
      return all.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType !== 1) return NodeFilter.FILTER_ACCEPT;
        if (reject && reject(node)) return NodeFilter.FILTER_REJECT;
        if (skipSel && matches(node, skipSel) && !visibleTwin(node, skipSel)) return NodeFilter.FILTER_REJECT;
        if (counterPiece(node)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    let out = '';
    let node = walker.firstChild();
    while (node && out.length <= max) {
      let inner = null;
      if (node.nodeType === 3) out += node.nodeValue;
      else {
        const tag = node.tagName;
        if (BLOCK.has(tag)) out += '\n';
        // A custom element with an open shadow root (a component inside the post), or a
        // <slot> of one: its shown content is read in its place, not its light children.
        // (Only custom elements: the name is already read, a shadowRoot read per element is not.)
        if (tag === 'SLOT' || tag.includes('-')) inner = shownContent(node);
        // Emoji drawn as pictures (Telegram, VK, Facebook: <img alt="🔞">) are read as the
        // emoji they stand for; other pictures' alt text (words: "photo", a name) is not,
        // except the words an alt text quotes from the picture (imageText).
        else if (tag === 'IMG') out += emojiAlt(node) || imageText(node);
      }
      const child = inner ? null : walker.firstChild();
      if (inner) {
        for (const n of inner) {
          if (n.nodeType === 3) out += n.nodeValue;
          else if (n.nodeType === 1 && !(reject && reject(n)) && !(skipSel && matches(n, skipSel))) {
            const block = BLOCK.has(n.tagName) ? '\n' : '';
            out += block + readText(n, skipSel, reject, max - out.length) + block;
          }
        }
      }
      if (child) { node = child; continue; }
      // Leave this node, and every ancestor that has no next sibling, closing blocks.
      for (;;) {
        if (node.nodeType === 1 && BLOCK.has(node.tagName)) out += '\n';
        const next = walker.nextSibling();
        if (next) { node = next; break; }
        node = walker.parentNode();
        if (!node || node === root) { node = null; break; }
      }
    }
    return out;
  }

  // What an element shows instead of its light children: the children of its open shadow
  // root, or the nodes assigned to a <slot> (its own fallback content when none are), else
  // null (an ordinary element: its children are walked). Light children that no slot shows
  // are read too, after the root: a page must not hide a post's words from the reading by
  // wrapping them in a component that shows something else (hostile-fakes.html).
  function shownContent(el) {
    if (el.shadowRoot) return [...el.shadowRoot.childNodes, ...[...el.childNodes].filter((n) => !n.assignedSlot)];
    if (el.tagName === 'SLOT' && typeof el.assignedNodes === 'function') {
      const assigned = el.assignedNodes({ flatten: true });
      return assigned.length ? assigned : null;
    }
    return null;
  }

  // Whether `el` has text of its own, outside its child elements (a paragraph has; a list
  // row, a comment or a card made of a name, a text and a time has not).
  function hasOwnText(el) {
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && /\S/.test(n.nodeValue)) return true;
    return false;
  }

  // How many elements in `el` (in its open shadow roots too) hold text of their own, up to
  // `limit`: a name, a text and a time are three pieces; a paragraph with no markup is one.
  // Words emphasised inside a text (a search suggestion's <b>, a snippet's <em>) are part of
  // that text, not a piece of their own (blind round 4: "posao <b>dubai</b> za žene").
  function pieces(el, limit = 2) {
    let n = 0;
    const visit = (e, depth) => {
      for (let c = (e.shadowRoot || e).firstElementChild; c && n < limit; c = c.nextElementSibling) {
        if (matches(c, SKIP)) continue;
        if (EMPHASIS.has(c.tagName)) continue;
        if (hasOwnText(c)) n++;
        if (n < limit && depth < 12) visit(c, depth + 1);
      }
    };
    visit(el, 0);
    return n;
  }

  const EMPHASIS = new Set(['B', 'STRONG', 'EM', 'I', 'MARK', 'U', 'S', 'SMALL', 'SUB', 'SUP', 'WBR']);

  // Separators between the pieces of a line: middle dots, bullets, bars, slashes, commas, dashes.
  const SEPARATORS = /^[\s·•|/,;:›»–—-]*$/;

  // Whether the text written in `el` (not in blocks inside it) is only a list of links: two or
  // more links with nothing but separators between them (related searches, tags, a row of
  // links). Such a block is the page's navigation, not a post (blind round 4: Yandex's "Вместе с
  // … ищут"). A block that is itself inside a link (a card drawn as one link) has its own text.
  function linkList(el) {
    const links = new Set();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === 1) return BLOCK.has(node.tagName) || matches(node, SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (SEPARATORS.test(node.nodeValue)) continue;
      const a = node.parentElement.closest('a[href]');
      if (!a || a === el || !el.contains(a)) return false;
      links.add(a);
    }
    return links.size >= 2;
  }

  // Whether the text written in `el` is a line of metadata: three or more short pieces, each an
  // element of its own, with only separators between them ("Dubai, United Arab Emirates ·
  // Reposted 2 days ago · Over 100 applicants"). A sentence typed with middle dots is one
  // piece of text and is not such a line.
  // A run of WORD_RUN or more plain pieces (spans, emphasis: no link, button or time) with
  // nothing but spaces between them is a sentence set word by word (blind round 6: KosovaJob's
  // title "<span>Masazhiste</span> <span>për</span> …", as highlighters and animations write
  // it), not a line of metadata: a metadata line of that many pieces shows a separator (a dot, a
  // bar, a comma) between them, or controls and links among them (a row of actions).
  const WORD_RUN = 6;
  const WORD_TAGS = new Set(['SPAN', 'B', 'STRONG', 'EM', 'I', 'U', 'MARK', 'FONT', 'SMALL', 'WBR']);
  function metaLine(el) {
    let pieceCount = 0;
    let marked = false; // a separator other than spaces, or a piece that is not a plain word
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        if (!SEPARATORS.test(c.nodeValue)) return false;
        if (/\S/.test(c.nodeValue)) marked = true;
      } else if (c.nodeType === 1) {
        if (BLOCK.has(c.tagName)) return false;
        const t = (c.textContent || '').trim();
        if (!t) continue;
        if (SEPARATORS.test(t) || !WORD_TAGS.has(c.tagName)) marked = true;
        if (SEPARATORS.test(t)) continue;
        if (t.length > 40) return false;
        pieceCount++;
      }
    }
    return pieceCount >= 3 && (marked || pieceCount < WORD_RUN);
  }

  // How much text is written in `el` itself, not in a block element inside it (up to `limit`).
  function ownTextLength(el, limit = Infinity) {
    let n = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === 1 && (BLOCK.has(node.tagName) || matches(node, SKIP))) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node && n < limit; node = walker.nextNode()) {
      if (node.nodeType === 3) n += node.nodeValue.trim().length;
    }
    return n;
  }

  // Elements that may sit in a run of text (paragraphs, lists, inline markup). An element all
  // of whose children are of these kinds is one piece of text: a description made of short
  // paragraphs is read as one post, not paragraph by paragraph.
  const TEXTISH = new Set(['P', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE',
    'SPAN', 'A', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'SMALL', 'MARK', 'SUB', 'SUP', 'CODE', 'FONT', 'ABBR', 'Q', 'CITE', 'IMG', 'WBR']);
  function isTextContainer(el) {
    if (!el || !BLOCKISH.has(el.tagName) || el.tagName === 'BODY') return false;
    for (const c of el.children) if (!TEXTISH.has(c.tagName)) return false;
    return true;
  }

  // What one line of a post set line by line is written in: inline markup only.
  const INLINE = new Set(['SPAN', 'A', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'SMALL', 'MARK', 'SUB', 'SUP', 'CODE', 'FONT', 'ABBR', 'Q', 'CITE', 'IMG', 'BR', 'WBR']);
  function inlineOnly(el) {
    for (const c of el.children) if (!INLINE.has(c.tagName)) return false;
    return true;
  }

  // A line's bullet: a symbol before its first letter or digit (an emoji, •, ✅, a dash).
  const BULLET = /^\s*[^\p{L}\p{N}\s(«"„“'‘]/u;
  // Whether every piece of text in `el` (blocks inside it too) is a link's (or a separator).
  function linksOnly(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let any = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (SEPARATORS.test(node.nodeValue)) continue;
      const a = node.parentElement.closest('a[href]');
      if (!a || !el.contains(a)) return false;
      any = true;
    }
    return any;
  }

  // A post written as short lines, one condition per <li>, <div> or <p> (a vacancy posted as a
  // list with emoji bullets, as Telegram channels and VK groups post them): no line is a
  // block's length, so no line is read; the element around them is the post.
  // linesAround(block): for a line too short to be a post, the element that would hold it as
  // one of its lines (around its list, for a list item), or null.
  function linesAround(block) {
    let el = block.parentElement;
    if (el && (el.tagName === 'UL' || el.tagName === 'OL')) el = el.parentElement;
    return el && BLOCKISH.has(el.tagName) && el.tagName !== 'BODY' ? el : null;
  }

  // A post has at most this many lines: a longer run of short blocks is a page's list (a feed
  // of short posts, a table of contents), and is not looked through line by line.
  const MAX_LINES = 60;
  // linesPost(el): whether all of `el`'s children are lines (blocks of inline markup only: a
  // heading is one; list items) or inline markup, at least two lines, and the lines show it by
  // bullets written in them (two or more begin with a symbol: an emoji, •, ✅, a dash): a
  // column of facts (a place, a date, a count of applicants, one per <div>) is a card's
  // metadata, a list of rules or of similar threads under a heading is a sidebar's, not a post.
  // A list whose items are only links is a menu.
  function linesPost(el) {
    if (el.childElementCount > MAX_LINES) return false;
    let lines = 0;
    let bulleted = 0;
    for (const c of el.children) {
      if (INLINE.has(c.tagName) || c.tagName === 'HR') continue;
      if (c.tagName === 'UL' || c.tagName === 'OL') {
        if (c.childElementCount > MAX_LINES) return false;
        for (const li of c.children) {
          if (li.tagName !== 'LI' || !inlineOnly(li)) return false;
          lines++;
          if (BULLET.test(li.textContent || '')) bulleted++;
        }
      } else if (BLOCKISH.has(c.tagName) && inlineOnly(c)) {
        lines++;
        if (BULLET.test(c.textContent || '')) bulleted++;
      } else {
        return false;
      }
    }
    return lines >= 2 && bulleted >= 2 && !linksOnly(el);
  }

  // Spaces collapsed, empty lines dropped, at most `max` UTF-16 units, never cut inside a
  // surrogate pair (an emoji's first half alone would reach the engine as U+FFFD).
  // (A run of spaces and tabs becomes one space: a lone space is left alone, not replaced.)
  function tidy(text, max) {
    const t = text.replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
    if (!max || t.length <= max) return t;
    const c = t.charCodeAt(max - 1);
    return t.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
  }

  // The text of one post of a profile.
  //   item: { text, exclude }   opts: { postSel, reject, fallbackSkip, max, nested }
  //   (nested: false when no element inside `post` matches `postSel`; see textElements)
  // Returns { text, last, via }:
  //   via "profile"   read through the item's text selector (last: the last element read)
  //   via "fallback"  the text selector found nothing, so the post was read whole, as the
  //                   generic reading does (a redesign renamed the text's class)
  //   via "wrapper"   nothing of its own and other posts inside: it only wraps them
  function postText(post, item, opts = {}) {
    const { postSel, reject, max, nested = true } = opts;
    // Posts nested in this one are read on their own, never as part of it. (The selector list
    // of what to skip is only needed, and only joined, when a text element has elements in it.)
    let skip = null;
    const els = textElements(post, item.text, postSel, nested);
    if (els.length) {
      const parts = els.map((e) => readText(e, e.firstElementChild ? (skip ??= join(SKIP, item.exclude, postSel)) : null, reject));
      return { text: tidy(parts.join('\n'), max), last: els[els.length - 1], via: 'profile' };
    }
    if (postSel && nested && post.querySelector(postSel)) return { text: '', last: null, via: 'wrapper' };
    const text = tidy(readText(post, join(SKIP, opts.fallbackSkip, item.exclude, postSel), reject), max);
    return { text, last: null, via: 'fallback' };
  }

  // The text of a post found by the generic reading: `el` read whole.
  //   opts: { postSel, exclude, reject, max }
  // Profile posts inside it (`postSel`), excluded parts (`exclude`) and the elements below
  // `el` that `reject(el)` refuses (our banners, other posts the generic reading chose) are
  // left out. Up to twice `max` is read (tidying shortens it), then cut at `max`.
  // Returns { text, last: el, via: "generic" }, as postText does.
  function genericText(el, opts = {}) {
    const { postSel, exclude, reject, max } = opts;
    const text = tidy(readText(el, join(SKIP, exclude, postSel), reject && ((n) => n !== el && reject(n)), max ? max * 2 : undefined), max);
    return { text, last: el, via: 'generic' };
  }

  // The nearest block element around `node` (a text node or an element), or null.
  function nearestBlock(node) {
    for (let e = node.nodeType === 1 ? node : node.parentElement; e; e = e.parentElement) {
      if (BLOCKISH.has(e.tagName)) return e.tagName === 'BODY' ? null : e;
    }
    return null;
  }

  // Cards within `root`: for each heading that holds a link or sits in one, the largest
  // element around it (up to `root`, or above it while no other such heading is there) that
  // holds no other such heading. One pass over the headings; O(headings × depth).
  function cards(root) {
    const out = new Set();
    let heads;
    try { heads = root.querySelectorAll(HEADINGS); } catch (_) { return out; }
    const linked = [];
    for (const h of heads) if (h.querySelector('a[href]') || h.closest('a[href]')) linked.push(h);
    if (root.nodeType === 1 && matches(root, HEADINGS) && (root.querySelector('a[href]') || root.closest('a[href]'))) linked.push(root);
    if (!linked.length) return out;
    const count = new Map();
    for (const h of linked) {
      for (let a = h.parentElement; a; a = a.parentElement) {
        count.set(a, (count.get(a) || 0) + 1);
        if (a === root) break;
      }
    }
    const body = root.ownerDocument && root.ownerDocument.body;
    for (const h of linked) {
      // The largest element around the heading with no other linked heading in it, provided
      // its parent holds another one (a card has sibling cards; a lone heading is no listing).
      let card = h === root ? root : null;
      let a = h.parentElement;
      for (; card !== root && a && count.get(a) === 1; a = a.parentElement) card = a;
      let listed = !!card && card !== root && !!a && count.get(a) > 1;
      if (card === root && root !== body) {
        // Above the root (a card added or filled in later): while no sibling holds a heading.
        let inner = root;
        for (let up = root.parentElement; up && up !== body && up.tagName !== 'HTML'; up = up.parentElement) {
          let other = false;
          for (const s of up.children) {
            if (s !== inner && (matches(s, HEADINGS) || s.querySelector(HEADINGS))) { other = true; break; }
          }
          if (other) { listed = true; break; }
          card = up;
          inner = up;
        }
      }
      if (card && listed && card !== body) out.add(card);
    }
    return out;
  }

  globalThis.RedflagExtract = { shadowOf, imageText, counterPiece, SKIP, SCREEN_READER, BLOCKISH, linkList, metaLine, visibleTwin, textElements, readText, shownContent, hasOwnText, pieces, ownTextLength, isTextContainer, linesAround, linesPost, tidy, postText, genericText, nearestBlock, cards, matches, closest, join };
})();
