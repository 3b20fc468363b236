// redflag content script: finds posts (site profiles or the generic reading), sends the text
// of new or changed posts to the background in batches, and attaches a banner to those with
// risk signs. Never blocks scrolling: the MutationObserver callback only records what
// changed; scanning runs later in small time slices. Reading a post's text is extract.js.
//
// Never blind: on a profile's site, when the profile finds no post (a redesign, a page it does
// not know) the generic reading takes over for the page after a short grace period; when a
// post's text selector finds nothing, the post is read whole. The popup then says so.
// One post, one banner: posts nested in a profile post are read on their own, never as part
// of it, and the generic reading never enters or wraps a profile post, nor another post it
// chose.
(function () {
  'use strict';
  if (globalThis.__redflagContentLoaded) return;
  globalThis.__redflagContentLoaded = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const Shared = globalThis.RedflagShared;
  const I18n = globalThis.RedflagI18n;
  const Profiles = globalThis.RedflagProfiles;
  const Banner = globalThis.RedflagBanner;
  const Extract = globalThis.RedflagExtract;
  const { levelRank, MAX_TEXT, MAX_BATCH } = Shared;

  const SLICE_MS = 8;
  // Mutations are collected for this long before a scan: long enough that a feed appending
  // twenty posts is one scan, short enough that a banner follows its post within the page
  // budget (insertion → banner p95 ≤ 150 ms; `make bench-page`).
  const DEBOUNCE_MS = 30;

  let settings = { ...Shared.DEFAULT_SETTINGS };
  let lang = 'en';
  let enabled = false;
  let stopped = false;
  let profiles = [];
  let useGeneric = true;

  // Per post element: { text, verdict, choice, host, item }
  let records = new WeakMap();
  let tracked = new Set(); // posts that have (or had) a verdict with risk signs
  let genericChosen = new WeakSet();

  const pendingRoots = new Set(); // subtrees to search for posts
  const pendingTargets = new Map(); // element whose enclosing post may have changed -> text added
  let scanTimer = 0;
  let scanning = false;
  const queue = new Map(); // post -> text, waiting to be sent
  let inFlight = 0;
  let observer = null;
  let detectTries = 0;
  let removals = false; // nodes left the page since the last scan: forget their posts

  // The promise form (Chromium ≥ 99, Firefox): in Chromium the callback form costs about
  // 0.3 ms more of the page's main thread per message (measured in a content script after the
  // 1,000-post feed: 0.40-0.59 ms per call with a callback, 0.10-0.16 ms without), and a feed
  // sends one message per page of posts.
  function send(msg) {
    try {
      return Promise.resolve(api.runtime.sendMessage(msg));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // The background may be stopped or starting when a batch is sent (a service worker that the
  // browser just stopped, an idle Firefox event page): a lost or failed message is retried.
  function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout')), ms);
      promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
    });
  }

  async function sendReliably(msg, tries = 4) {
    for (let i = 1; ; i++) {
      try {
        const res = await withTimeout(send(msg), 10000);
        if (res === undefined) throw new Error('no answer');
        return res;
      } catch (err) {
        if (i >= tries || /context invalidated|Extension context/i.test(String(err && err.message))) throw err;
        await new Promise((r) => setTimeout(r, 250 * i));
      }
    }
  }

  // Our own banners, not anything named like them: a page could wrap its text in a fake
  // <redflag-banner> to have it skipped.
  function isOurs(node) {
    return Banner.isOurs(node);
  }

  // ---- reading posts (extract.js) --------------------------------------------------------
  const G = Profiles.GENERIC;
  const GENERIC_ITEMS = G.kinds.map((k) => ({ text: ':scope', insert: k.insert || 'append', min: k.min, max: k.max, kind: k.sel }));
  const CARD_ITEM = { text: ':scope', insert: 'append', min: G.card.min, max: G.card.max, kind: 'card' };
  const BLOCK_ITEM = { text: ':scope', insert: 'append', min: G.block.min, max: G.block.max, kind: 'block' };
  const BLOCK_P_ITEM = { ...BLOCK_ITEM, insert: 'after-post' };
  const KINDS_SEL = G.kinds.map((k) => k.sel).join(', ');
  // Never blind: a profile site whose profile has found no post this long after the first
  // scan is read by the generic reading (a redesign, or a page the profile does not know).
  // Long enough for a single-page app to render its first posts.
  const FALLBACK_GRACE_MS = 1500;

  let postSel = ''; // every post selector of this page's profiles
  let postSelValid = false; // the browser accepts postSel as one selector list
  let pageFallback = false; // the generic reading runs because the profiles found nothing
  let fallbackTimer = 0;
  let profileSeen = false; // a profile post was found on this page
  let genericSeen = false; // the generic reading found a post
  let postFallbacks = new Set(); // profile posts read whole because their text selector failed

  function reject(node) {
    return isOurs(node) || genericChosen.has(node);
  }

  function readProfilePost(post, item) {
    return Extract.postText(post, item, { postSel, reject: isOurs, fallbackSkip: G.exclude, max: MAX_TEXT });
  }

  function readGenericPost(el) {
    const skip = Extract.join(Extract.SKIP, G.exclude, postSel);
    const text = Extract.tidy(Extract.readText(el, skip, (n) => n !== el && reject(n), MAX_TEXT * 2), MAX_TEXT);
    return { text, last: el, via: 'generic' };
  }

  // ---- finding posts ---------------------------------------------------------------------
  function matchesSafe(el, sel) {
    try { return el.matches(sel); } catch (_) { return false; }
  }

  function allWithin(root, sel) {
    const out = [];
    if (root.nodeType === 1 && matchesSafe(root, sel)) out.push(root);
    try { out.push(...root.querySelectorAll(sel)); } catch (_) { /* bad selector */ }
    return out;
  }

  function consider(post, item, read) {
    if (!post.isConnected) return;
    const { text, last, via } = read;
    if (via === 'fallback' && text.length >= G.minLength) postFallbacks.add(post);
    else postFallbacks.delete(post);
    const rec = records.get(post);
    if (rec && rec.text === text) return; // unchanged
    if (!text || text.length < 12) {
      if (rec) removeBanner(post, rec);
      records.set(post, { text, verdict: null, item, textEl: last });
      return;
    }
    if (rec && rec.host) removeBanner(post, rec);
    records.set(post, { text, verdict: null, item, textEl: via === 'profile' ? last : null, pending: true });
    queue.set(post, text);
  }

  function considerProfilePost(post, item) {
    const read = readProfilePost(post, item);
    // A post with text (not an empty match such as a <meta>) shows the profile knows the page.
    if (read.text) profileSeen = true;
    consider(post, item, read);
  }

  // Generators: the caller yields to the page between posts when a time slice is used up.
  // One query for every post selector of the page (not one per item): a feed appends its
  // posts one row at a time, and each row is a root. A post is read by each item it matches,
  // in the profiles' order.
  function* scanProfiles(root) {
    if (!postSel) return;
    if (!postSelValid) { // one bad selector must not blind the others: one query per item
      for (const p of profiles) {
        for (const item of p.items) {
          for (const post of allWithin(root, item.post)) {
            considerProfilePost(post, item);
            yield;
          }
        }
      }
      return;
    }
    for (const post of allWithin(root, postSel)) {
      for (const p of profiles) {
        for (const item of p.items) {
          if (matchesSafe(post, item.post)) considerProfilePost(post, item);
        }
      }
      yield;
    }
  }

  function chosenAncestor(el) {
    for (let a = el.parentElement; a; a = a.parentElement) if (genericChosen.has(a)) return a;
    return null;
  }

  function inProfilePost(el) {
    return !!postSel && !!Extract.closest(el, postSel);
  }

  // The generic candidate kind of an element, or null.
  function genericKind(el, cardSet) {
    if (cardSet.has(el)) return CARD_ITEM;
    if (!matchesSafe(el, KINDS_SEL)) return null;
    for (let i = 0; i < G.kinds.length; i++) if (matchesSafe(el, G.kinds[i].sel)) return GENERIC_ITEMS[i];
    return null;
  }

  // Reads `el` as a generic post when its text fits the kind. True when it was chosen.
  function tryGeneric(el, item) {
    const len = (el.textContent || '').length;
    if (len < item.min || len > item.max) return false;
    // Around a profile post: the profile reads that post.
    if (postSel && el.querySelector(postSel)) return false;
    genericChosen.add(el);
    genericSeen = true;
    consider(el, item, readGenericPost(el));
    return true;
  }

  // The generic reading: one walk over `root`, outermost element first. An element of a
  // known kind (articles, cards, list items, paragraphs …) or the nearest block around a piece
  // of text is read whole when its length fits; the walk then skips what is inside it.
  // Profile posts, excluded parts (navigation, forms …) and our banners are never entered.
  function* scanGeneric(root) {
    if (root.nodeType !== 1) return;
    const outer = chosenAncestor(root) || (genericChosen.has(root) ? root : null);
    if (outer) {
      const rec = records.get(outer);
      consider(outer, rec ? rec.item : BLOCK_ITEM, readGenericPost(outer));
      return;
    }
    if (isOurs(root) || Extract.closest(root, G.exclude) || inProfilePost(root)) return;
    const cardSet = Extract.cards(root);
    const measured = new Set(); // blocks already measured and left
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType !== 1 || node === root) return NodeFilter.FILTER_ACCEPT;
        if (isOurs(node) || matchesSafe(node, G.exclude) || (postSel && matchesSafe(node, postSel))) return NodeFilter.FILTER_REJECT;
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
        if (tryGeneric(parent, BLOCK_ITEM)) return parent;
        measured.add(parent);
      }
      return tryGeneric(el, el.tagName === 'P' ? BLOCK_P_ITEM : BLOCK_ITEM) ? el : null;
    };
    let steps = 0;
    let node = walker.currentNode;
    while (node) {
      if (++steps % 64 === 0) yield;
      if (node.nodeType === 1) {
        if (genericChosen.has(node)) { node = skipInside(); continue; }
        const item = genericKind(node, cardSet);
        if (item) {
          const chosen = item.insert === 'after-post' ? widen(node) : (tryGeneric(node, item) ? node : null);
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
          // enough: a page's main column with a link in it is not one.
          const chosen = Extract.ownTextLength(block, G.block.min) >= G.block.min ? widen(block) : null;
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

  // The post an element belongs to, for a change inside it.
  function closestPost(el) {
    if (postSel) {
      const post = Extract.closest(el, postSel);
      if (post) {
        for (const p of profiles) for (const item of p.items) if (matchesSafe(post, item.post)) return { post, item, profile: true };
      }
    }
    if (useGeneric) {
      for (let a = el; a; a = a.parentElement) {
        if (genericChosen.has(a)) {
          const rec = records.get(a);
          return { post: a, item: rec ? rec.item : BLOCK_ITEM, profile: false };
        }
      }
    }
    return null;
  }

  function scheduleScan() {
    if (scanTimer || stopped || !enabled) return;
    scanTimer = setTimeout(runScan, DEBOUNCE_MS);
  }

  function yieldToPage() {
    return new Promise((r) => setTimeout(r, 0));
  }

  async function runScan() {
    scanTimer = 0;
    if (scanning) { scheduleScan(); return; }
    scanning = true;
    try {
      maybeDetect();
      let sliceStart = performance.now();
      const targets = Array.from(pendingTargets);
      pendingTargets.clear();
      for (const [el, textAdded] of targets) {
        if (!el.isConnected) continue;
        const found = closestPost(el);
        if (found && found.profile) considerProfilePost(found.post, found.item);
        else if (found) consider(found.post, found.item, readGenericPost(found.post));
        // Text written into an element outside any post: it may make a new one.
        else if (textAdded && useGeneric) pendingRoots.add(el);
      }
      while (pendingRoots.size) {
        const root = pendingRoots.values().next().value;
        pendingRoots.delete(root);
        if (!root.isConnected) continue;
        const steps = useGeneric ? [scanProfiles(root), scanGeneric(root)] : [scanProfiles(root)];
        for (const step of steps) {
          for (const _ of step) { // eslint-disable-line no-unused-vars
            if (queue.size >= MAX_BATCH) flush();
            if (performance.now() - sliceStart > SLICE_MS) {
              await yieldToPage();
              sliceStart = performance.now();
            }
          }
        }
      }
      if (removals) {
        removals = false;
        pruneDisconnected();
      }
      flush();
      armFallback();
    } finally {
      scanning = false;
    }
  }

  // Never blind: profiles that found no post get the generic reading after a grace period.
  function armFallback() {
    if (fallbackTimer || pageFallback || profileSeen || !profiles.length || stopped || !enabled) return;
    fallbackTimer = setTimeout(() => {
      fallbackTimer = 0;
      if (profileSeen || pageFallback || stopped || !enabled) return;
      pageFallback = true;
      useGeneric = true;
      pendingRoots.add(document.body);
      scheduleScan();
    }, FALLBACK_GRACE_MS);
  }

  // Whether the popup should say that the page is read in general: a profile site read by
  // the generic reading (no post found), or posts whose text had to be read whole.
  function fallbackInUse() {
    if (!profiles.length) return false;
    if (pageFallback && !profileSeen && genericSeen) return true;
    for (const p of postFallbacks) if (p.isConnected) return true;
    return false;
  }

  // Telegram and other single-page apps render their markup late: keep trying `detect`.
  function maybeDetect() {
    if (profiles.length || detectTries > 50) return;
    detectTries++;
    const found = Profiles.forPage(location, document);
    if (found.length) {
      setProfiles(found);
      pendingRoots.add(document.body);
    }
  }

  function setProfiles(found) {
    profiles = found;
    postSel = Profiles.postSelector(found);
    try {
      document.createDocumentFragment().querySelector(postSel);
      postSelValid = !!postSel;
    } catch (_) {
      postSelValid = false;
    }
    useGeneric = !found.length || found.some((p) => p.generic) || pageFallback;
  }

  // ---- talking to the background ---------------------------------------------------------
  function flush() {
    if (!queue.size || stopped) return;
    const batch = [];
    for (const [post, text] of queue) {
      batch.push([post, text]);
      queue.delete(post);
      if (batch.length >= MAX_BATCH) break;
    }
    inFlight++;
    // Compact answers (background.js): each support entry once per answer, verdicts give
    // their positions in that list.
    sendReliably({ type: 'classify', texts: batch.map(([, t]) => t), compact: true })
      .then((res) => {
        if (!res || !Array.isArray(res.verdicts)) throw new Error(res && res.error ? res.error : 'no answer');
        const entries = Array.isArray(res.support) ? res.support : [];
        quietly(() => res.verdicts.forEach((v, i) => {
          if (v && Array.isArray(v.support)) v.support = v.support.map((n) => entries[n]).filter(Boolean);
          apply(batch[i][0], batch[i][1], v);
        }));
      })
      .catch((err) => {
        // The extension was reloaded or the engine failed: leave the page alone.
        if (/context invalidated|Extension context/i.test(String(err && err.message))) stop();
        for (const [post] of batch) {
          const rec = records.get(post);
          if (rec) rec.pending = false;
        }
      })
      .finally(() => {
        inFlight--;
        if (queue.size) setTimeout(flush, 0);
      });
  }

  function apply(post, text, verdict) {
    const rec = records.get(post);
    if (!rec || rec.text !== text) return; // changed meanwhile; a newer batch is coming
    rec.pending = false;
    rec.verdict = verdict && verdict.level !== 'none' ? verdict : null;
    rec.choice = rec.verdict ? rec.verdict.choice : null;
    if (rec.verdict) tracked.add(post);
    renderPost(post, rec);
  }

  // ---- banners ---------------------------------------------------------------------------
  function shouldShow(rec) {
    return rec && rec.verdict && rec.choice !== 'dismissed'
      && levelRank(rec.verdict.level) >= levelRank(settings.sensitivity);
  }

  function renderPost(post, rec, focus) {
    if (!shouldShow(rec) || !enabled) {
      removeBanner(post, rec);
      return;
    }
    const fresh = !rec.host;
    const host = Banner.render(rec.host, { verdict: rec.verdict, choice: rec.choice }, {
      lang, t: I18n.t, family: I18n.family,
      onHide: () => choose(post, 'hidden'),
      onShow: () => choose(post, null),
      onDismiss: () => choose(post, 'dismissed'),
    });
    rec.host = host;
    if (fresh || !host.isConnected) place(post, rec, host);
    if (focus) Banner.focusFirst(host);
  }

  function place(post, rec, host) {
    const where = rec.item.insert || 'after-text';
    try {
      if (where === 'before') post.parentNode.insertBefore(host, post);
      else if (where === 'after-post') post.after(host);
      else if (where === 'append' || rec.item.text === ':scope' || !rec.textEl || !post.contains(rec.textEl)) post.appendChild(host);
      else rec.textEl.after(host);
    } catch (_) {
      post.appendChild(host);
    }
  }

  function removeBanner(post, rec) {
    if (rec && rec.host) {
      rec.host.remove();
      rec.host = null;
    }
  }

  function choose(post, choice) {
    const rec = records.get(post);
    if (!rec || !rec.verdict) return;
    const key = rec.verdict.key;
    send({ type: 'choice', key, choice }).catch(() => {});
    // Same text elsewhere on the page (a repost, a duplicate ad): same choice.
    for (const p of tracked) {
      const r = records.get(p);
      if (r && r.verdict && r.verdict.key === key) {
        r.choice = choice;
        renderPost(p, r, p === post && choice !== 'dismissed');
      }
    }
  }

  function pruneDisconnected() {
    for (const post of postFallbacks) if (!post.isConnected) postFallbacks.delete(post);
    for (const post of tracked) {
      if (!post.isConnected) {
        const rec = records.get(post);
        if (rec) removeBanner(post, rec);
        tracked.delete(post);
      }
    }
  }

  function visibleCount() {
    let n = 0;
    for (const post of tracked) {
      if (post.isConnected && shouldShow(records.get(post))) n++;
    }
    return n;
  }

  // ---- observing the page ----------------------------------------------------------------
  function onMutations(mutations) {
    for (const m of mutations) {
      if (m.type === 'characterData') {
        if (m.target.parentElement) pendingTargets.set(m.target.parentElement, true);
        continue;
      }
      let real = false;
      let text = false;
      for (const n of m.addedNodes) {
        if (n.nodeType === 1 && !isOurs(n)) { pendingRoots.add(n); real = true; }
        else if (n.nodeType === 3) { real = true; text = true; }
      }
      for (const n of m.removedNodes) if (!isOurs(n)) { real = true; removals = true; }
      if (real && m.target.nodeType === 1) pendingTargets.set(m.target, text || !!pendingTargets.get(m.target));
    }
    if (pendingRoots.size || pendingTargets.size) scheduleScan();
  }

  const OBSERVE = { childList: true, subtree: true, characterData: true };

  // Our own DOM writes (placing a batch of banners) would each come back as a mutation record
  // to look at and skip: the observer is paused around them. What the page changed before is
  // taken first and handled as usual; nothing of the page's runs in between.
  function quietly(fn) {
    if (!observer) return fn();
    const before = observer.takeRecords();
    observer.disconnect();
    try {
      return fn();
    } finally {
      if (observer && !stopped) observer.observe(document.documentElement, OBSERVE);
      if (before.length) onMutations(before);
    }
  }

  function start() {
    if (stopped || !document.body) return;
    setProfiles(Profiles.forPage(location, document));
    if (!observer) {
      observer = new MutationObserver(onMutations);
      observer.observe(document.documentElement, OBSERVE);
    }
    pendingRoots.add(document.body);
    scheduleScan();
  }

  function resetAll() {
    for (const post of tracked) {
      const rec = records.get(post);
      if (rec) removeBanner(post, rec);
    }
    records = new WeakMap();
    tracked = new Set();
    genericChosen = new WeakSet();
    postFallbacks = new Set();
    queue.clear();
  }

  function stop() {
    stopped = true;
    if (observer) observer.disconnect();
    observer = null;
  }

  function applySettings(next, { reclassify }) {
    settings = { ...Shared.DEFAULT_SETTINGS, ...(next || {}) };
    lang = I18n.resolveLang(settings.lang);
    const wasEnabled = enabled;
    enabled = !(settings.disabledSites || []).includes(location.hostname);
    if (!enabled) {
      if (observer) observer.disconnect();
      observer = null;
      resetAll();
      return;
    }
    if (!wasEnabled || reclassify) {
      resetAll();
      start();
    } else {
      for (const post of tracked) {
        const rec = records.get(post);
        if (rec) {
          if (rec.host) { rec.host.remove(); rec.host = null; }
          renderPost(post, rec);
        }
      }
    }
  }

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || stopped) return;
    if (changes.settings) {
      const before = settings;
      const after = changes.settings.newValue || {};
      // Support links depend on the region; new rules or a new salt ("forget everything")
      // change verdicts and fingerprints.
      const reclassify = before.region !== after.region || !!changes.imported || !!changes.salt;
      applySettings(after, { reclassify });
    } else if (changes.imported) {
      applySettings(settings, { reclassify: true });
    } else if (changes.choices && changes.choices.newValue && Object.keys(changes.choices.newValue).length === 0) {
      for (const post of tracked) {
        const rec = records.get(post);
        if (rec && rec.choice) { rec.choice = null; renderPost(post, rec); }
      }
    }
  });

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (msg && msg.type === 'page-status') {
      sendResponse({
        host: location.hostname,
        enabled,
        count: enabled ? visibleCount() : 0,
        profiles: profiles.length ? profiles.map((p) => p.id) : ['generic'],
        fallback: enabled && fallbackInUse(),
      });
    }
    return false;
  });

  api.storage.local.get('settings').then((res) => {
    applySettings(res && res.settings, { reclassify: true });
  }, () => applySettings(null, { reclassify: true }));
})();
