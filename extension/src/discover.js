// Finding posts: which elements of a page are posts, by the page's site profiles
// (profiles.js) or by the generic reading, and reading each one found (extract.js). What is
// done with a post (sending its text, the banner) is content.js's: a finder calls back for
// each post it reads. Classic script: defines globalThis.RedflagDiscover; content.js uses it
// (tests/e2e/discover.test.mjs tests it on its own).
//
// Never blind: on a profile's site, when the profile finds no post (a redesign, a page it does
// not know) the generic reading takes over for the page after a short grace period; when a
// post's text selector finds nothing, the post is read whole. `fallbackInUse()` says so, for
// the popup. One post, one reading: posts nested in a profile post are read on their own,
// never as part of it, and the generic reading never enters or wraps a profile post, nor
// another post it chose.
(function () {
  'use strict';

  const Profiles = globalThis.RedflagProfiles;
  const Extract = globalThis.RedflagExtract;
  const { MAX_TEXT } = globalThis.RedflagShared;

  // The generic reading's kinds of post as profile items (a post is read whole, `:scope`).
  const G = Profiles.GENERIC;
  const GENERIC_ITEMS = G.kinds.map((k) => ({ text: ':scope', insert: k.insert || 'append', min: k.min, max: k.max, kind: k.sel, nestSelf: !!k.nestSelf }));
  // The same kinds for an element with blocks inside it (a chat message, a comment with its
  // author line), where the kind has a lower minimum for those (`structuredMin`).
  const STRUCTURED_ITEMS = G.kinds.map((k, i) => (k.structuredMin ? { ...GENERIC_ITEMS[i], min: k.structuredMin } : null));
  const STRUCTURE = new Set(['DIV', 'P', 'ARTICLE', 'SECTION', 'HEADER', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'TABLE', 'FIGURE']);
  const CARD_ITEM = { text: ':scope', insert: 'append', min: G.card.min, max: G.card.max, kind: 'card' };
  const BLOCK_ITEM = { text: ':scope', insert: 'append', min: G.block.min, max: G.block.max, kind: 'block' };
  const BLOCK_P_ITEM = { ...BLOCK_ITEM, insert: 'after-post' };
  const KINDS_SEL = G.kinds.map((k) => k.sel).join(', ');
  // A list of like items (blind round 3): an element with no text of its own, made of
  // several pieces of text (a name, a text, a time), between siblings of the same tag and
  // first class (a mail list's rows, a comment list's items, web components of one kind) is
  // one post each, from 20 characters: a list of short comments is read comment by comment,
  // not as one block nor not at all. Not elements that are text themselves (paragraphs, list
  // items, table cells and rows, inline markup: those have their own rules), and not one that
  // holds posts of a named kind (an article, a .post, a data-id card). An item may be a web
  // component, its content in an open shadow root (content.js then puts the banner there).
  const REPEAT_ITEM = { text: ':scope', insert: 'append', min: G.repeated.min, max: G.repeated.max, kind: 'repeated' };
  const REPEAT_RUN = 3;
  const NOT_REPEATED = new Set(['P', 'LI', 'DD', 'DT', 'TD', 'TH', 'TR', 'TBODY', 'THEAD', 'TFOOT', 'OPTION', 'SPAN', 'B', 'STRONG', 'I', 'EM', 'U', 'S',
    'SMALL', 'MARK', 'CODE', 'IMG', 'BR', 'HR', 'SCRIPT', 'STYLE', 'TEMPLATE', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LABEL']);
  // The named kinds a list item must not hold (not paragraphs nor list items: a comment's
  // text is often a <p>).
  const NAMED_SEL = G.kinds.filter((k) => !/^(li|p)\b/.test(k.sel)).map((k) => k.sel).join(', ');
  const NESTED_MIN = G.kinds[0].min;
  // Never blind: a profile site whose profile has found no post this long after the first
  // scan is read by the generic reading (a redesign, or a page the profile does not know).
  // Long enough for a single-page app to render its first posts.
  const FALLBACK_GRACE_MS = 1500;
  // A post the generic reading found whose text is this long (a letter, a job description)
  // gets its banner at its top, not its end: the person sees the risk signs before reading
  // 3,000 characters whose threat comes last (blind round 4). Shorter posts keep it at their
  // end, after the words it is about.
  const LONG_POST = 1200;
  const PREPENDED = new Map(); // an item -> the same item with insert "prepend"
  function prepended(item) {
    let p = PREPENDED.get(item);
    if (!p) PREPENDED.set(item, (p = { ...item, insert: 'prepend' }));
    return p;
  }

  // An item read apart from the posts inside it (readApart below), banner at its top.
  const APART = new Map();
  function apartItem(item) {
    let p = APART.get(item);
    if (!p) APART.set(item, (p = { ...item, insert: 'prepend', apart: true }));
    return p;
  }

  function matchesSafe(el, sel) {
    try { return el.matches(sel); } catch (_) { return false; }
  }

  function validSelector(sel) {
    try {
      document.createDocumentFragment().querySelector(sel);
      return true;
    } catch (_) {
      return false;
    }
  }

  // `root` (when it matches) and the elements inside it matching `sel`, in document order. The
  // query's own list when `root` does not match: a feed row is not a post, and copying the list
  // (a spread over its iterator) cost about as much as the query.
  function allWithin(root, sel) {
    let inner;
    try { inner = root.querySelectorAll(sel); } catch (_) { return []; }
    return root.nodeType === 1 && matchesSafe(root, sel) ? [root, ...inner] : inner;
  }

  // A finder for one page. Options:
  //   onPost(post, item, read)  called for each post read: `item` is the profile item (or the
  //                            generic kind) it was read by, `read` is { text, last, via }
  //                            (extract.js: postText, genericText)
  //   isOurs(node)             our own banners: never read, never entered
  //   active()                 false while the page is off or the script stopped: the
  //                            generic reading then does not take over
  //   onFallback()             the generic reading took over the page: scan it all again
  //   graceMs                  the grace period before it does (tests shorten it)
  //   onHost(el)               a custom element or an iframe met by the generic reading's
  //                            walk (content.js reads and observes a web component's open
  //                            shadow root, a same-origin iframe's document)
  function create({ onPost, onDrop = () => {}, isOurs = () => false, active = () => true, onFallback = () => {}, graceMs = FALLBACK_GRACE_MS, onHost = null }) {
    let profiles = [];
    let useGeneric = true;
    let postSel = ''; // every post selector of this page's profiles that the browser accepts
    let items = []; // every item of this page's profiles, in their order
    let laterSel = []; // laterSel[i]: the post selectors of items[i..] that the browser accepts
    let genericSkip = G.exclude; // what the generic reading never enters: G.exclude and the profiles' `skip`
    let pageFallback = false; // the generic reading runs because the profiles found nothing
    let fallbackTimer = 0;
    let detectTries = 0;
    let profileSeen = false; // a profile post was found on this page
    let genericSeen = false; // the generic reading found a post
    let genericChosen = new WeakMap(); // element the generic reading chose -> its item
    // How many times the generic reading chose a post since the last reset (never lowered: a
    // WeakMap cannot say how many it holds). While 0, no element is in genericChosen, and a
    // root need not be looked up in it, with its ancestors and the sibling before it: on a
    // profile site's feed (the generic reading on, choosing nothing) that was ~10 DOM calls
    // per appended row (BENCHMARKS.md, "seventh round").
    let chosenCount = 0;
    let postFallbacks = new Set(); // profile posts read whole because their text selector failed

    function reject(node) {
      return isOurs(node) || genericChosen.has(node);
    }

    function found(post, item, read) {
      if (!post.isConnected) return;
      if (read.via === 'fallback' && read.text.length >= G.minLength) postFallbacks.add(post);
      else postFallbacks.delete(post);
      onPost(post, item, read);
    }

    // `nested` false: no element inside `post` matches `postSel` (scanProfiles knows).
    function readProfilePost(post, item, nested = true) {
      const read = Extract.postText(post, item, { postSel, reject: isOurs, fallbackSkip: G.exclude, max: MAX_TEXT, nested });
      // A post with text (not an empty match such as a <meta>) shows the profile knows the page.
      if (read.text) profileSeen = true;
      found(post, item, read);
    }

    function readGenericPost(el, item) {
      foundGeneric(el, item, Extract.genericText(el, { postSel, exclude: genericSkip, reject, max: MAX_TEXT }));
    }

    // A generic post, with its banner at its top when it is long (LONG_POST).
    function foundGeneric(el, item, read) {
      found(el, item.insert === 'append' && read.text.length >= LONG_POST ? prepended(item) : item, read);
    }

    // Generators: the caller yields to the page between posts when a time slice is used up.
    // One query for every post selector of the page (not one per item): a feed appends its
    // posts one row at a time, and each row is a root. A post is read by each item it
    // matches, in the profiles' order; once it matches none of the items left (one `matches`
    // of their selectors together), the rest are not tried one by one: a VK feed post is
    // matched twice, not once per item of the profile (six).
    // The posts come in document order, so a post holds another one exactly when the next one
    // is inside it; a post that holds none needs no look-up of the post around each of its
    // text elements (extract.js, textElements).
    function* scanProfiles(root) {
      if (!postSel) return;
      const posts = allWithin(root, postSel);
      for (let k = 0; k < posts.length; k++) {
        const post = posts[k];
        const nested = k + 1 < posts.length && post.contains(posts[k + 1]);
        for (let i = 0; i < items.length; i++) {
          if (i > 0 && !matchesSafe(post, laterSel[i])) break;
          if (matchesSafe(post, items[i].post)) readProfilePost(post, items[i], nested);
        }
        yield;
      }
    }

    // A root that holds profile posts and nothing else (no other element, no text; our
    // banners): the generic reading has nothing to read in it, nor it as a whole (it holds a
    // profile post). A feed's rows are such roots: this answers with one `matches` per post
    // instead of the ancestors' checks, the cards' query and a walk.
    function onlyProfilePosts(root) {
      let any = false;
      for (let c = root.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 1) {
          if (isOurs(c)) continue;
          if (!matchesSafe(c, postSel)) return false;
          any = true;
        } else if (c.nodeType === 3 && /\S/.test(c.nodeValue)) {
          return false;
        }
      }
      return any;
    }

    // The element around `el`, across a shadow root's boundary (to its host).
    function up(el) {
      return el.parentElement || (el.parentNode && el.parentNode.host) || null;
    }

    function isHost(el) {
      const name = el.localName;
      return name === 'iframe' || (name.includes('-') && !isOurs(el));
    }

    function chosenAncestor(el) {
      for (let a = up(el); a; a = up(a)) if (genericChosen.has(a)) return a;
      return null;
    }

    // An item's tag and first class; a custom element's name alone. A bare <div> or <a> says
    // nothing of what it is (a page's layout columns, a toolbar's links): no signature.
    function signature(el) {
      if (el.classList && el.classList.length) return `${el.tagName} ${el.classList[0]}`;
      return el.localName.includes('-') ? el.tagName : null;
    }

    // Whether `el` is an item of a list of like items (REPEAT_ITEM above): a run of at least
    // REPEAT_RUN siblings of its signature around it (our banners between them do not count).
    function repeatedItem(el) {
      // (A web component's own light text is shown through its slots: it does not count.) An
      // item whose own words are written straight into it (a forum's or an old comment
      // widget's `<div class="c"><b>name</b> text</div>`) is one when those words are a post's
      // length; a few words between its elements (a separator, a label) are not.
      if (NOT_REPEATED.has(el.tagName)) return false;
      const ownWords = !el.shadowRoot && Extract.hasOwnText(el);
      if (ownWords && directTextLength(el) < G.repeated.min) return false;
      const sig = signature(el);
      if (!sig) return false;
      let n = 1;
      for (let s = el.previousElementSibling; s && n < REPEAT_RUN; s = s.previousElementSibling) {
        if (isOurs(s)) continue;
        if (signature(s) !== sig) break;
        n++;
      }
      for (let s = el.nextElementSibling; s && n < REPEAT_RUN; s = s.nextElementSibling) {
        if (isOurs(s)) continue;
        if (signature(s) !== sig) break;
        n++;
      }
      // (Its own words are a piece: the name beside them may be emphasis, <b>, not a piece.)
      return n >= REPEAT_RUN && Extract.pieces(el, 2) + (ownWords ? 1 : 0) >= 2;
    }

    // The length of the words written straight into `el` (its own text nodes, trimmed).
    function directTextLength(el) {
      let n = 0;
      for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) n += c.nodeValue.trim().length;
      return n;
    }

    function inProfilePost(el) {
      return !!postSel && !!Extract.closest(el, postSel);
    }

    // The generic candidate kind of an element, or null.
    function genericKind(el, cardSet) {
      if (cardSet.has(el)) return CARD_ITEM;
      if (!matchesSafe(el, KINDS_SEL)) return repeatedItem(el) ? REPEAT_ITEM : null;
      for (let i = 0; i < G.kinds.length; i++) {
        if (!matchesSafe(el, G.kinds[i].sel)) continue;
        if (STRUCTURED_ITEMS[i]) for (const c of el.children) if (STRUCTURE.has(c.tagName)) return STRUCTURED_ITEMS[i];
        return GENERIC_ITEMS[i];
      }
      return null;
    }

    // Whether `el` holds posts of its own (G.nested: articles with text; for a kind that says
    // `nestSelf`, also elements of its own kind: a comment holding its replies, a list item
    // holding list items): then it is a thread or a post with its comments, not one post.
    function holdsPosts(el, item) {
      let inner;
      try { inner = el.querySelectorAll(item && item.nestSelf ? `${G.nested}, ${item.kind}` : G.nested); } catch (_) { return false; }
      for (const a of inner) if (!isOurs(a) && (a.textContent || '').length >= NESTED_MIN) return true;
      return false;
    }

    // Whether `el` holds two or more cards of `cardSet` (a post with its list of comments,
    // each a card with its author's linked name): then the walk reads each card apart.
    function holdsCards(el, cardSet) {
      if (!cardSet || cardSet.size < 2) return false;
      let n = 0;
      let heads;
      try { heads = el.querySelectorAll('h1, h2, h3, h4, h5, h6'); } catch (_) { return false; }
      for (const h of heads) {
        for (let a = h; a && a !== el; a = a.parentElement) {
          if (cardSet.has(a)) { n++; break; }
        }
        if (n >= 2) return true;
      }
      return false;
    }

    // Whether an item of a list of like items is read as one post (REPEAT_ITEM): not in a
    // sidebar (a blog's widgets), not when it holds posts of a named kind, list items of its
    // own (a sender's stack of messages) or a block whose own text is long enough to be a
    // post (a feed's entry with its text, header and actions: the block rules read its text
    // alone, without the actions).
    function listItemPost(el) {
      if (Extract.closest(el, 'aside, [role="complementary"]')) return false;
      if (NAMED_SEL && el.querySelector(NAMED_SEL)) return false;
      let items = 0;
      for (const li of el.querySelectorAll('li')) if ((li.textContent || '').trim().length >= G.repeated.min && ++items >= 2) return false;
      for (const b of el.querySelectorAll('p, div, blockquote, pre, section, article, td, dd')) {
        if (Extract.ownTextLength(b, G.block.min) >= G.block.min) return false;
      }
      return true;
    }

    // Whether `el`'s text and content fit the kind `item` (its length, no profile post, posts
    // or cards inside it, and the kind's own rules).
    function fits(el, item, cardSet = null) {
      // A web component's text is in its shadow root, not in its textContent.
      const len = el.shadowRoot ? Extract.readText(el, Extract.SKIP, isOurs, item.max + 1).length : (el.textContent || '').length;
      if (len < item.min || len > item.max) return 0;
      // Around a profile post: the profile reads that post.
      if (postSel && el.querySelector(postSel)) return 0;
      // Around posts: the walk goes inside and reads each of them (and the rest) apart.
      if (holdsPosts(el, item)) return 0;
      if (item !== CARD_ITEM && holdsCards(el, cardSet)) return 0;
      if (item.kind === 'repeated' && !listItemPost(el)) return 0;
      if ((item.kind === 'block' || item.kind === 'p') && !blockPost(el)) return 0;
      return len;
    }

    // Reads `el` as a generic post when its text fits the kind. True when it was chosen.
    function tryGeneric(el, item, cardSet = null) {
      const len = fits(el, item, cardSet);
      if (!len) return false;
      let read = null;
      if (item.kind === 'repeated') {
        // An item among like items whose words are mostly controls ([role=button] questions,
        // buttons) is a widget between the posts, not a post (blind round 4: Google's "People
        // also ask" box between results leaves a heading and "Feedback" once its questions,
        // buttons, are left out).
        read = Extract.genericText(el, { postSel, exclude: genericSkip, reject, max: MAX_TEXT });
        if (read.text.length < item.min || read.text.length * 3 < len) return false;
      }
      genericChosen.set(el, item);
      chosenCount++;
      genericSeen = true;
      if (read) foundGeneric(el, item, read);
      else readGenericPost(el, item);
      return true;
    }

    // Whether a block (or a paragraph) read for the text written in it is a post (blind round
    // 4): not a list of links (related searches, tags) and not a line of metadata (place ·
    // date · applicants). Blocks in a sidebar are still read (a search engine's entity card is
    // chrome, but a chat or a list of offers may sit in an <aside> too: never blind).
    function blockPost(el) {
      return !Extract.linkList(el) && !Extract.metaLine(el);
    }

    // A translation shown beside the original (blind round 6: Threads' "Перевести" puts the
    // translated words after the post's text, in the same card): a block added right after a
    // block the generic reading chose, not of its kind (another tag and class), holding text
    // marked as another language (a `lang` other than the original's), in a parent that holds
    // no other chosen post. The parent, original and translation, is then the post (one banner,
    // both texts read); the original's reading is forgotten. True when it was so.
    function* besideTranslation(root) {
      let prev = root.previousElementSibling;
      while (prev && isOurs(prev)) prev = prev.previousElementSibling;
      const parent = root.parentElement;
      if (!prev || !parent || !genericChosen.has(prev)) return false;
      const kind = genericChosen.get(prev).kind;
      if (kind !== 'block' && kind !== 'p') return false;
      if (signature(prev) && signature(prev) === signature(root)) return false;
      const own = Extract.closest(prev, '[lang]');
      const marked = root.matches('[lang]') ? root : root.querySelector('[lang]');
      if (!marked || (own && own.getAttribute('lang') === marked.getAttribute('lang'))) return false;
      for (const c of parent.children) if (c !== prev && genericChosen.has(c)) return false;
      if (genericChosen.has(parent) || !fits(parent, BLOCK_ITEM)) return false;
      genericChosen.delete(prev);
      onDrop(prev);
      genericChosen.set(parent, BLOCK_ITEM);
      chosenCount++;
      readGenericPost(parent, BLOCK_ITEM);
      yield;
      return true;
    }

    // A post read apart from the posts inside it (a comment whose reply is long enough to be
    // a post: its own words stay the post they were, its banner at its top, above the
    // replies): `root`, the part that changed, is read for posts as if `outer` were not
    // chosen, then `outer` is read again without them, or forgotten when too little is left.
    function* readApart(outer, item, root) {
      genericChosen.delete(outer);
      yield* scanGeneric(root);
      if (genericChosen.has(outer) || !outer.isConnected) return; // chosen whole again
      const read = Extract.genericText(outer, { postSel, exclude: genericSkip, reject, max: MAX_TEXT });
      if (read.text.length < item.min) {
        onDrop(outer);
        return;
      }
      genericChosen.set(outer, item);
      chosenCount++;
      found(outer, item, read);
    }

    // The generic reading: one walk over `root`, outermost element first. An element of a
    // known kind (articles, cards, list items, paragraphs …) or the nearest block around a
    // piece of text is read whole when its length fits; the walk then skips what is inside
    // it. Profile posts, excluded parts (navigation, forms …) and our banners are never
    // entered.
    function* scanGeneric(root) {
      if (root.nodeType !== 1) return;
      if (onHost && isHost(root)) onHost(root); // (the walk's filter never sees its root)
      const outer = chosenCount ? chosenAncestor(root) || (genericChosen.has(root) ? root : null) : null;
      if (outer) { // a change inside a post already chosen: read it again
        const item = genericChosen.get(outer);
        if (item.apart) {
          yield* readApart(outer, item, root);
          return;
        }
        if (fits(outer, item)) {
          readGenericPost(outer, item);
          return;
        }
        // It no longer fits its kind (blind round 6: replies inserted under a comment made of
        // it a comment with its replies): what is inside is read apart, then what is left.
        yield* readApart(outer, apartItem(item), outer);
        return;
      }
      if (chosenCount && (yield* besideTranslation(root))) return;
      if (postSel && onlyProfilePosts(root)) return;
      if (isOurs(root) || Extract.closest(root, genericSkip) || inProfilePost(root)) return;
      const cardSet = Extract.cards(root);
      const measured = new Set(); // blocks already measured and left
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode(node) {
          if (node.nodeType !== 1) return NodeFilter.FILTER_ACCEPT;
          if (onHost && isHost(node)) onHost(node);
          if (node === root) return NodeFilter.FILTER_ACCEPT;
          if (isOurs(node) || matchesSafe(node, genericSkip) || (postSel && matchesSafe(node, postSel))) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        },
      });
      const skipInside = () => {
        for (;;) {
          const next = walker.nextSibling();
          if (next) return next;
          if (!walker.parentNode()) return null;
        }
      };
      // A paragraph or block inside a container of text (paragraphs, lists): the container is
      // the post.
      const widen = (el) => {
        const parent = el.parentElement;
        if (parent && el !== root && root.contains(parent) && !genericChosen.has(parent) && !measured.has(parent) && Extract.isTextContainer(parent)) {
          if (tryGeneric(parent, BLOCK_ITEM, cardSet)) return parent;
          measured.add(parent);
        }
        return tryGeneric(el, el.tagName === 'P' ? BLOCK_P_ITEM : BLOCK_ITEM, cardSet) ? el : null;
      };
      // A line too short to be a post, in a post written line by line: the lines' container
      // (Extract.linesPost), looked at once per walk whatever it is (a list of many short
      // blocks is not looked through once per block).
      // (Its own set: an element looked at as lines and left may still be widened to when a
      // block inside it is long enough, `widen` above.)
      const linesSeen = new Set();
      const lines = (el) => {
        const c = Extract.linesAround(el);
        if (!c || !root.contains(c) || genericChosen.has(c) || measured.has(c) || linesSeen.has(c)) return null;
        linesSeen.add(c);
        if (!Extract.linesPost(c)) return null;
        if (tryGeneric(c, BLOCK_ITEM, cardSet)) return c;
        measured.add(c);
        return null;
      };
      let steps = 0;
      let node = walker.currentNode;
      while (node) {
        if (++steps % 64 === 0) yield;
        if (node.nodeType === 1) {
          if (genericChosen.has(node)) { node = skipInside(); continue; }
          const item = genericKind(node, cardSet);
          if (item) {
            const chosen = item.insert === 'after-post' ? widen(node) : (tryGeneric(node, item, cardSet) ? node : null);
            if (chosen) {
              walker.currentNode = chosen;
              node = skipInside();
              continue;
            }
          }
        } else if (node.nodeType === 3 && node.nodeValue.length > 1 && /\S/.test(node.nodeValue)) {
          const block = Extract.nearestBlock(node);
          if (block && !measured.has(block) && !genericChosen.has(block)) {
            // A block is a post when the text written in it (not in blocks inside it) is long
            // enough: a page's main column with a link in it is not one. A shorter one may be a
            // line of a post written line by line.
            const chosen = Extract.ownTextLength(block, G.block.min) >= G.block.min ? widen(block) : lines(block);
            if (chosen) {
              if (chosen === root || !root.contains(chosen)) return; // everything left is inside it
              walker.currentNode = chosen;
              node = skipInside();
              continue;
            }
            measured.add(block);
          }
        }
        node = walker.nextNode();
      }
    }

    // Searches `root` (an element added to the page, or the body) for posts, reading each one
    // found. A generator: it yields between posts so that the caller can give the page its
    // turn when a time slice is used up.
    function* scan(root) {
      const generic = useGeneric;
      yield* scanProfiles(root);
      if (generic) yield* scanGeneric(root);
    }

    // Reads again the post `el` belongs to (something inside it changed). False when `el` is
    // in no post found so far.
    function reread(el) {
      if (postSel) {
        const post = Extract.closest(el, postSel);
        if (post) {
          for (const p of profiles) {
            for (const item of p.items) {
              if (matchesSafe(post, item.post)) { readProfilePost(post, item); return true; }
            }
          }
        }
      }
      if (useGeneric) {
        for (let a = el; a; a = up(a)) {
          if (genericChosen.has(a)) { readGenericPost(a, genericChosen.get(a)); return true; }
        }
      }
      return false;
    }

    // A post selector the browser refuses is left out of `postSel`: one bad selector in a
    // profile must not blind the others (the whole list would be refused, and every read of a
    // post that compares it with `postSel` would fail).
    function setProfiles(list) {
      profiles = list;
      items = list.flatMap((p) => p.items);
      const valid = items.map((i) => validSelector(i.post));
      laterSel = items.map((_, k) => items.slice(k).filter((_, j) => valid[k + j]).map((i) => i.post).join(', '));
      postSel = laterSel.length ? laterSel[0] : '';
      genericSkip = [G.exclude, ...list.map((p) => p.skip).filter((s) => s && validSelector(s))].join(', ');
      useGeneric = !list.length || list.some((p) => p.generic) || pageFallback;
    }

    // Telegram and other single-page apps render their markup late: the page's profiles are
    // looked for again at each scan while there are none (50 times at most). True when they
    // were found now (the whole page is then to be scanned).
    function detect() {
      if (profiles.length || detectTries > 50) return false;
      detectTries++;
      const list = Profiles.forPage(location, document);
      if (!list.length) return false;
      setProfiles(list);
      return true;
    }

    // Never blind: profiles that found no post get the generic reading after a grace period.
    function armFallback() {
      if (fallbackTimer || pageFallback || profileSeen || !profiles.length || !active()) return;
      fallbackTimer = setTimeout(() => {
        fallbackTimer = 0;
        if (profileSeen || pageFallback || !active()) return;
        pageFallback = true;
        useGeneric = true;
        onFallback();
      }, graceMs);
    }

    // Whether the popup should say that the page is read in general: a profile site read by
    // the generic reading (no post found), or posts whose text had to be read whole.
    function fallbackInUse() {
      if (!profiles.length) return false;
      if (pageFallback && !profileSeen && genericSeen) return true;
      for (const p of postFallbacks) if (p.isConnected) return true;
      return false;
    }

    // Forgets the posts that left the page.
    function prune() {
      for (const post of postFallbacks) if (!post.isConnected) postFallbacks.delete(post);
    }

    // Forgets every post found (the page is read again from the start).
    function reset() {
      genericChosen = new WeakMap();
      chosenCount = 0;
      postFallbacks = new Set();
    }

    return {
      scan, reread, setProfiles, detect, armFallback, fallbackInUse, prune, reset,
      usesGeneric: () => useGeneric,
      profileIds: () => (profiles.length ? profiles.map((p) => p.id) : ['generic']),
    };
  }

  globalThis.RedflagDiscover = Object.freeze({ create, FALLBACK_GRACE_MS });
})();
