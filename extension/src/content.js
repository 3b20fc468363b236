// redflag content script: sends the text of new or changed posts to the background in
// batches, and attaches a banner to those with risk signs. Never blocks scrolling: the
// MutationObserver callback only records what changed; scanning runs later in small time
// slices. Finding posts is discover.js, reading their text extract.js, the banner banner.js.
(function () {
  'use strict';
  if (globalThis.__redflagContentLoaded) return;
  globalThis.__redflagContentLoaded = true;

  // In a frame (the manifest's all_frames, blind round 5). A frame whose document the page
  // around it can reach (same origin, about:blank, srcdoc) is read by that page's script
  // (addFrame below): this copy stops. A cross-origin frame — Telegram's post widget on a news
  // site, another site's comments widget — is read by its own copy, as a page of its own.
  // Not judged by its size: an embedding script may create a widget's frame small and resize
  // it once the frame's document has loaded.
  const IN_FRAME = window !== window.top;
  if (IN_FRAME) {
    let reachable = false;
    try { reachable = !!window.frameElement; } catch (_) { reachable = false; }
    if (reachable) return;
  }

  const api = globalThis.browser ?? globalThis.chrome;
  const Shared = globalThis.RedflagShared;
  const I18n = globalThis.RedflagI18n;
  const Profiles = globalThis.RedflagProfiles;
  const Banner = globalThis.RedflagBanner;
  const Discover = globalThis.RedflagDiscover;
  const Extract = globalThis.RedflagExtract;
  const { withRetries } = globalThis.RedflagRetry;
  const { levelRank, MAX_BATCH } = Shared;

  const SLICE_MS = 8;
  // Mutations are collected for this long before a scan: long enough that a feed appending
  // twenty posts is one scan, short enough that a banner follows its post within the page
  // budget (insertion → banner p95 ≤ 150 ms; `make bench-page`).
  const DEBOUNCE_MS = 30;

  let settings = { ...Shared.DEFAULT_SETTINGS };
  let lang = 'en';
  let enabled = false;
  let stopped = false;

  // Per post element: { text, verdict, choice, host, item, textEl }
  let records = new WeakMap();
  let tracked = new Set(); // posts that have (or had) a verdict with risk signs

  const pendingRoots = new Set(); // subtrees to search for posts
  const pendingTargets = new Map(); // element whose enclosing post may have changed -> text added
  let scanTimer = 0;
  let scanning = false;
  // For pendingWork (below): the settings read, batches in flight, and whether discover.js's
  // generic reading may still start (a profile post seen, the grace period armed or over).
  const work = { ready: false, batches: 0, profileSeen: false, fallbackArmed: 0, fallbackFired: false };
  const queue = new Map(); // post -> text, waiting to be sent
  let observer = null;
  let removals = false; // nodes left the page since the last scan: forget their posts

  // Parts of the page the document's observer does not see (blind round 3): open shadow roots
  // (web components holding comments) and the documents of same-origin iframes (a webmail's
  // letter body). Each one found is observed like the document and its content scanned.
  const innerRoots = new Set(); // ShadowRoots and iframe Documents being observed
  const framesSeen = new WeakSet(); // iframes with our load listener
  const waitingHosts = new Set(); // custom elements not defined yet: they may get a shadow root
  const HOST_CHECK_MS = 400;
  const HOST_CHECKS = 12; // about 5 s after the last one was found
  let hostTimer = 0;
  let hostChecks = 0;

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

  // Batches to classify go over a port (background.js, CLASSIFY_PORT) while the page keeps
  // sending them: a message on an open port costs the page's main thread about half of a
  // runtime.sendMessage, which opens and closes a channel each time (1,000-post feed: 9 ms
  // against 20 ms of samples for its 50 batches; BENCHMARKS.md). The port is closed after
  // PORT_IDLE_MS without a batch, so it never keeps a stopped background awake, and opened
  // again for the next one. A port that breaks (the service worker stopped, the event page
  // suspended) fails the batches waiting on it, and retry.js sends them again on a new port.
  const CLASSIFY_PORT = 'redflag-classify';
  const BATCH_TIMEOUT_MS = 10000; // one attempt (retry.js)
  const PORT_IDLE_MS = 2000;
  let port = null;
  let portUsed = 0; // Date.now() of the last batch sent on it
  let portTimer = 0; // one timer per quiet spell, not one per batch
  let nextId = 1;
  const waiting = new Map(); // batch id -> { resolve, reject }

  function openPort() {
    const p = api.runtime.connect({ name: CLASSIFY_PORT });
    p.onMessage.addListener((m) => {
      const w = m && waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      w.resolve(m.res);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      const err = new Error('port closed');
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    });
    return p;
  }

  // Closes the port once no batch was sent for PORT_IDLE_MS and none waits for its answer (a
  // batch unanswered for longer than an attempt may take was already given up by retry.js).
  function closeIdlePort() {
    portTimer = 0;
    if (!port) return;
    const quiet = Date.now() - portUsed;
    if (quiet < PORT_IDLE_MS || (waiting.size && quiet < BATCH_TIMEOUT_MS)) {
      portTimer = setTimeout(closeIdlePort, Math.max(50, PORT_IDLE_MS - quiet));
      return;
    }
    const p = port;
    port = null;
    const err = new Error('timeout');
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    try { p.disconnect(); } catch (_) { /* already gone */ }
  }

  function sendBatch(msg) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      try {
        if (!port) port = openPort();
        waiting.set(id, { resolve, reject });
        port.postMessage({ id, msg });
      } catch (e) {
        // A port that was closed under us ("disconnected port"): the next attempt opens one.
        waiting.delete(id);
        port = null;
        reject(e);
        return;
      }
      portUsed = Date.now();
      if (!portTimer) portTimer = setTimeout(closeIdlePort, PORT_IDLE_MS);
    });
  }

  // The background may be stopped or starting when a batch is sent (a service worker that the
  // browser just stopped, an idle Firefox event page): a lost, failed or unanswered message is
  // retried (retry.js), unless the extension was reloaded (this script is then cut off).
  const INVALIDATED = /context invalidated|Extension context/i;
  function sendReliably(msg) {
    return withRetries(() => sendBatch(msg), {
      tries: 4,
      timeout: BATCH_TIMEOUT_MS,
      pause: 250,
      retryable: (err) => !INVALIDATED.test(String(err && err.message)),
      needAnswer: true,
    });
  }

  // Whether a node is still in a page. Firefox cuts a content script's hold on the nodes of a
  // document that was replaced (an <iframe srcdoc> written again): reading them throws "can't
  // access dead object" (blind round 5, ukr.net). Such a node is gone.
  function connected(node) {
    try { return !!node && node.isConnected; } catch (_) { return false; }
  }

  // Our own banners, not anything named like them: a page could wrap its text in a fake
  // <redflag-banner> to have it skipped.
  function isOurs(node) {
    return Banner.isOurs(node);
  }

  // A post read (discover.js): queued to be sent when its text is new or changed.
  function consider(post, item, read) {
    const { text, last, via } = read;
    if (text && via !== 'generic') work.profileSeen = true;
    const rec = records.get(post);
    if (rec && rec.text === text) return; // unchanged
    if (!text || text.length < 12) {
      if (rec) removeBanner(post, rec);
      records.set(post, { text, verdict: null, item, textEl: last });
      return;
    }
    // A post whose text changes keeps its banner until the new text's verdict arrives (apply
    // then keeps, redraws or removes it): a message streamed in word by word, or rewritten by
    // its page every second, would otherwise lose its banner at each change and get it back a
    // moment later (blind round 5: a banner that blinks while a bot writes its message).
    records.set(post, { text, verdict: rec ? rec.verdict : null, choice: rec ? rec.choice : null, host: rec ? rec.host : null, pageWarns: rec ? rec.pageWarns : false, item, textEl: via === 'profile' ? last : null });
    queue.set(post, text);
  }

  // A post the generic reading no longer takes as one (replies were put inside it, or a
  // translation beside it made its parent the post): its banner and record go; the reading
  // then reads what is inside it apart (discover.js).
  function forget(post) {
    const rec = records.get(post);
    if (rec) removeBanner(post, rec);
    records.delete(post);
    tracked.delete(post);
    queue.delete(post);
  }

  const finder = Discover.create({
    onPost: consider,
    onDrop: forget,
    isOurs,
    onHost: (el) => onHost(el),
    active: () => !stopped && enabled,
    onFallback() {
      work.fallbackFired = true;
      pendingRoots.add(document.body);
      scheduleScan();
    },
  });

  function scheduleScan() {
    if (scanTimer || stopped || !enabled) return;
    scanTimer = setTimeout(runScan, DEBOUNCE_MS);
  }

  function yieldToPage() {
    return new Promise((r) => setTimeout(r, 0));
  }

  // ---- shadow roots and frames -----------------------------------------------------------
  function observeInner(r) {
    if (innerRoots.has(r)) return false;
    innerRoots.add(r);
    if (observer) observer.observe(r, OBSERVE);
    return true;
  }

  function addShadow(sr) {
    if (!observeInner(sr)) return;
    for (const c of sr.children) if (!isOurs(c)) pendingRoots.add(c);
  }

  // A same-origin iframe's document (a cross-origin one cannot be read, and is left alone).
  // Its document is replaced when it loads another address: looked at again on each load.
  function addFrame(frame) {
    if (!framesSeen.has(frame)) {
      framesSeen.add(frame);
      frame.addEventListener('load', () => {
        if (stopped || !enabled) return;
        addFrame(frame);
        scheduleScan();
      });
    }
    let doc = null;
    try { doc = frame.contentDocument; } catch (_) { doc = null; }
    if (!doc || !doc.documentElement || !observeInner(doc)) return;
    pendingRoots.add(doc.body || doc.documentElement);
  }

  // A custom element or an iframe met by the generic reading's walk (discover.js, onHost): a
  // component's open shadow root is read and observed (one not defined yet is looked at
  // again: checkWaitingHosts), a same-origin iframe's document too. Only custom elements (a
  // name with a dash): web components are where pages put text in shadow roots. The walk
  // already visits every element outside the posts it chose (inside a post, extract.js reads
  // a component's root with the post); looking at every added element for a shadow root or
  // an iframe instead cost 2-8 ms of the 1,000-post feed's ~60 ms (docs/EXTENSION.md, "Blind
  // markup round 3").
  function onHost(el) {
    if (el.localName === 'iframe') { addFrame(el); return; }
    // Open or closed (blind round 5: a comments widget with a closed root, which the page's own
    // scripts cannot reach but an extension's can; extract.js, shadowOf).
    const sr = Extract.shadowOf(el);
    if (sr) addShadow(sr);
    else if (!waitingHosts.has(el) && !Extract.matches(el, ':defined')) {
      waitingHosts.add(el);
      hostChecks = 0;
      if (!hostTimer) hostTimer = setTimeout(checkWaitingHosts, HOST_CHECK_MS);
    }
  }

  // A custom element gets its shadow root when its definition arrives, which the page's
  // observers do not see: those found undefined are looked at again a few times.
  function checkWaitingHosts() {
    hostTimer = 0;
    if (stopped || !enabled) return;
    let found = false;
    for (const el of waitingHosts) {
      const sr = connected(el) ? Extract.shadowOf(el) : null;
      if (!connected(el)) waitingHosts.delete(el);
      else if (sr) { waitingHosts.delete(el); addShadow(sr); found = true; }
    }
    if (found) scheduleScan();
    if (waitingHosts.size && ++hostChecks < HOST_CHECKS) hostTimer = setTimeout(checkWaitingHosts, HOST_CHECK_MS);
    else waitingHosts.clear();
  }

  function pruneInner() {
    for (const r of innerRoots) {
      let gone = true;
      try {
        gone = r.host ? !r.host.isConnected : !(r.defaultView && r.defaultView.frameElement && r.defaultView.frameElement.isConnected);
      } catch (_) { /* a dead document (Firefox): gone */ }
      if (gone) innerRoots.delete(r);
    }
  }

  async function runScan() {
    scanTimer = 0;
    if (scanning) { scheduleScan(); return; }
    scanning = true;
    try {
      if (finder.detect()) pendingRoots.add(document.body);
      let sliceStart = performance.now();
      const targets = Array.from(pendingTargets);
      pendingTargets.clear();
      for (const [el, textAdded] of targets) {
        if (!connected(el)) continue;
        // Text written into an element outside any post: it may make a new one.
        if (!finder.reread(el) && textAdded && finder.usesGeneric()) pendingRoots.add(el);
      }
      while (pendingRoots.size) {
        const root = pendingRoots.values().next().value;
        pendingRoots.delete(root);
        if (!connected(root)) continue;
        for (const _ of finder.scan(root)) {
          if (queue.size >= MAX_BATCH) flush();
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToPage();
            sliceStart = performance.now();
          }
        }
      }
      if (removals) {
        removals = false;
        pruneDisconnected();
        pruneInner();
      }
      flush();
      finder.armFallback();
      if (!work.fallbackArmed && finder.profileIds()[0] !== 'generic') work.fallbackArmed = Date.now();
    } finally {
      scanning = false;
    }
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
    // Compact answers (background.js): each support entry once per answer, verdicts give
    // their positions in that list.
    work.batches++;
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
        if (INVALIDATED.test(String(err && err.message))) stop();
      })
      .finally(() => {
        work.batches--;
        if (queue.size) setTimeout(flush, 0);
      });
  }

  function apply(post, text, verdict) {
    const rec = records.get(post);
    if (!rec || rec.text !== text) return; // changed meanwhile; a newer batch is coming
    rec.verdict = verdict && verdict.level !== 'none' ? verdict : null;
    rec.choice = rec.verdict ? rec.verdict.choice : null;
    rec.pageWarns = !!rec.verdict && pageWarns(post, rec.verdict.level, !!rec.item.kind);
    if (rec.pageWarns) watchWarned(post);
    if (rec.verdict) tracked.add(post);
    renderPost(post, rec);
  }

  // ---- a page that already gives the warning ---------------------------------------------
  // The hosted "check a message" site (dist/check-site) is a web page like any other, and it
  // shows its own verdict of the message ("Strong risk signs") in <main>, which the generic
  // reading reads as one post: a banner there put a second verdict above the first. A post is
  // therefore left without a banner while it visibly shows, as a heading in the extension's
  // own words (a level's name in any UI language), a warning at least as strong as the one
  // the banner would give. No "skip me" switch a page could copy: a page that says "No risk
  // signs found" or a lower level, or hides the heading (hidden, transparent, tiny, off the
  // screen), keeps the banner; to lose it, a page must show the same warning itself. A heading
  // shown and then hidden brings the banner back within WARNED_CHECK_MS (watchWarned).
  const WARNED_CHECK_MS = 2000;
  const warned = new Set(); // posts left without a banner because they warn themselves
  let warnedTimer = 0;
  let levelNames = null; // heading text -> level
  const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

  // `generic`: the post was found by the generic reading (the check page is read so; a site
  // profile's posts are not): only then are the headings before it looked at, as well as those
  // inside it. A profile post is a feed's, where the siblings before it are other posts: that
  // walk was ~15 DOM calls per post with risk signs (1,000-post feed, BENCHMARKS.md).
  function pageWarns(post, level, generic = true) {
    if (!levelNames) {
      levelNames = new Map();
      for (const l of I18n.LANGS) {
        for (const lv of Shared.LEVELS) if (lv !== 'none') levelNames.set(I18n.t(l, `level_${lv}`).trim(), lv);
      }
    }
    const warns = (h) => {
      const shown = levelNames.get(String(h.textContent).replace(/\s+/g, ' ').trim());
      return !!shown && levelRank(shown) >= levelRank(level) && visiblyShown(h);
    };
    let heads = [];
    try { heads = post.querySelectorAll(HEADINGS); } catch (_) { /* a dead document */ }
    for (let i = 0, n = heads.length; i < n; i++) if (warns(heads[i])) return true;
    if (!generic) return false;
    // A post inside the result (a message too long to be read with the whole page: the copy
    // of the message alone) is under the heading: the headings just before it and before its
    // parents, a few steps up (bounded: a feed's posts are not under one another's heading).
    let el = post;
    for (let up = 0; up < 3 && el && el.parentElement; up++, el = el.parentElement) {
      let sib = el.previousElementSibling;
      for (let n = 0; n < 5 && sib; n++, sib = sib.previousElementSibling) {
        if (Extract.matches(sib, HEADINGS) && warns(sib)) return true;
      }
    }
    return false;
  }

  // Rendered where a person can read it: not hidden or transparent (itself or an ancestor),
  // not tiny, not moved off the page.
  function visiblyShown(el) {
    try {
      if (typeof el.checkVisibility === 'function'
        && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
      const view = el.ownerDocument.defaultView;
      const cs = view.getComputedStyle(el);
      if (cs.visibility !== 'visible' || parseFloat(cs.fontSize) < 10 || parseFloat(cs.opacity) < 0.5) return false;
      for (let a = el.parentElement; a; a = a.parentElement) if (parseFloat(view.getComputedStyle(a).opacity) < 0.5) return false;
      const r = el.getBoundingClientRect();
      const width = Math.max(el.ownerDocument.documentElement.scrollWidth, view.innerWidth);
      return r.width >= 10 && r.height >= 10 && r.right > 0 && r.left < width && r.bottom + view.scrollY > 0;
    } catch (_) {
      return false;
    }
  }

  // A post left without a banner is looked at again while it is on the page: when its heading
  // is hidden or changed by a style (which the observer does not see), the banner comes.
  function watchWarned(post) {
    warned.add(post);
    if (!warnedTimer) warnedTimer = setTimeout(checkWarned, WARNED_CHECK_MS);
  }

  function checkWarned() {
    warnedTimer = 0;
    if (stopped || !enabled) { warned.clear(); return; }
    for (const post of warned) {
      const rec = records.get(post);
      if (!connected(post) || !rec || !rec.pageWarns || !rec.verdict) { warned.delete(post); continue; }
      if (!pageWarns(post, rec.verdict.level, !!rec.item.kind)) {
        warned.delete(post);
        rec.pageWarns = false;
        quietly(() => renderPost(post, rec));
      }
    }
    if (warned.size) warnedTimer = setTimeout(checkWarned, WARNED_CHECK_MS);
  }

  // ---- banners ---------------------------------------------------------------------------
  function shouldShow(rec) {
    return rec && rec.verdict && rec.choice !== 'dismissed' && !rec.pageWarns
      && levelRank(rec.verdict.level) >= levelRank(settings.sensitivity);
  }

  function renderPost(post, rec, focus) {
    if (!shouldShow(rec) || !enabled) {
      removeBanner(post, rec);
      return;
    }
    const fresh = !rec.host;
    const ui = {
      lang, t: I18n.t, family: I18n.family,
      onHide: () => choose(post, 'hidden'),
      onShow: () => choose(post, null),
      onDismiss: () => choose(post, 'dismissed'),
    };
    const host = Banner.render(rec.host, { verdict: rec.verdict, choice: rec.choice }, ui);
    rec.host = host;
    if (fresh || !host.isConnected) {
      place(post, rec, host);
      // Placed in a same-origin iframe's document: drawn again there, with its own styles
      // (banner.js; the page's own sheet does not cross documents).
      if (host.ownerDocument !== document) Banner.render(host, { verdict: rec.verdict, choice: rec.choice }, ui);
    }
    if (focus) Banner.focusFirst(host);
  }

  function place(post, rec, host) {
    const where = rec.item.insert || 'after-text';
    try {
      if (where === 'before') post.parentNode.insertBefore(host, post);
      else if (where === 'prepend') (post.shadowRoot || post).prepend(host);
      else if (where === 'after-post') post.after(host);
      // A web component shows its open shadow root, not its light children: the banner goes
      // at the end of that root.
      else if (post.shadowRoot && (where === 'append' || rec.item.text === ':scope')) post.shadowRoot.appendChild(host);
      else if (where === 'append' || rec.item.text === ':scope' || !rec.textEl || !post.contains(rec.textEl)) post.appendChild(host);
      else rec.textEl.after(host);
    } catch (_) {
      post.appendChild(host);
    }
  }

  function removeBanner(post, rec) {
    if (rec && rec.host) {
      try { rec.host.remove(); } catch (_) { /* in a dead document (Firefox): gone with it */ }
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
    finder.prune();
    for (const post of tracked) {
      if (!connected(post)) {
        const rec = records.get(post);
        if (rec) removeBanner(post, rec);
        tracked.delete(post);
      }
    }
  }

  function visibleCount() {
    let n = 0;
    for (const post of tracked) {
      if (connected(post) && shouldShow(records.get(post))) n++;
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
      // Index loops, not the lists' iterators: a feed appends its posts twenty rows at a time.
      const added = m.addedNodes;
      for (let i = 0, len = added.length; i < len; i++) {
        const n = added[i];
        if (n.nodeType === 1 && !isOurs(n)) { pendingRoots.add(n); real = true; }
        else if (n.nodeType === 3) { real = true; text = true; }
      }
      const removed = m.removedNodes;
      for (let i = 0, len = removed.length; i < len; i++) if (!isOurs(removed[i])) { real = true; removals = true; }
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
      if (observer && !stopped) {
        observer.observe(document.documentElement, OBSERVE);
        for (const r of innerRoots) {
          try { observer.observe(r, OBSERVE); } catch (_) { innerRoots.delete(r); } // a dead document
        }
      }
      if (before.length) onMutations(before);
    }
  }

  function start() {
    if (stopped || !document.body) return;
    finder.setProfiles(Profiles.forPage(location, document));
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
    innerRoots.clear(); // found and observed again by the next scan of the page
    finder.reset();
    queue.clear();
  }

  function stop() {
    stopped = true;
    if (observer) observer.disconnect();
    observer = null;
    if (port) {
      try { port.disconnect(); } catch (_) { /* already gone */ }
      port = null;
    }
  }

  // The host name of the page a frame is in (a site the person turned redflag off for is off
  // in its frames too): Chromium names the ancestors' origins; Firefox gives the referrer,
  // which for a frame is the page around it (its origin at least).
  function topHostname() {
    try {
      const a = location.ancestorOrigins;
      if (a && a.length) return new URL(a[a.length - 1]).hostname;
      return document.referrer ? new URL(document.referrer).hostname : '';
    } catch (_) {
      return '';
    }
  }

  function applySettings(next, { reclassify }) {
    work.ready = true;
    settings = { ...Shared.DEFAULT_SETTINGS, ...(next || {}) };
    lang = I18n.resolveLang(settings.lang);
    const wasEnabled = enabled;
    const off = settings.disabledSites || [];
    enabled = !off.includes(location.hostname) && !(IN_FRAME && off.includes(topHostname()));
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

  // The popup asks the page for its status (one answer: the top frame's), then opens a port
  // to the tab: a port opened without a frame id reaches every frame's content script, so each
  // cross-origin frame that runs its own copy (a Telegram post widget, another site's comments)
  // answers with the posts it shows a banner on, and the popup adds them to the page's count.
  // Same-origin frames are read by the page's own copy (addFrame) and counted there.
  api.runtime.onConnect.addListener((p) => {
    if (p.name !== Shared.FRAME_COUNT_PORT || !IN_FRAME) return;
    try { p.postMessage({ count: enabled ? visibleCount() : 0 }); } catch (_) { /* the popup closed */ }
  });

  // ---- "nothing more is coming", for the browser tests ------------------------------------
  // What this document's copy still has under way, so that the end-to-end suites
  // (tests/e2e/lib/common.mjs, settleIdle) assert "no late banner" once the work is done
  // instead of watching every page for a fixed time. Asked only with tabs.sendMessage, which
  // only the extension's own pages and worker can send: the page neither sees this nor can ask
  // it (nothing in its DOM, no event, no global). `busy` lists what is pending: "start" (the
  // settings not read yet), "scan" (one scheduled or running, or changes not looked at yet),
  // "queue" (posts read, not sent yet), "batch" (sent, its answer not applied yet), "fallback"
  // (discover.js's generic reading may still start: a profile page with no profile post yet,
  // within twice the grace period), "hosts" (custom elements polled for a late shadow root).
  function pendingWork() {
    if (!work.ready) return { busy: ['start'] };
    const busy = [];
    if (scanTimer || scanning || pendingRoots.size || pendingTargets.size) busy.push('scan');
    if (queue.size) busy.push('queue');
    if (work.batches) busy.push('batch');
    if (work.fallbackArmed && !work.fallbackFired && !work.profileSeen
      && Date.now() - work.fallbackArmed < 2 * Discover.FALLBACK_GRACE_MS) busy.push('fallback');
    if (hostTimer) busy.push('hosts');
    return { busy: enabled && !stopped ? busy : [] };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (msg && msg.type === 'pending-work') sendResponse(pendingWork());
    // The popup asks the page here (frames add theirs over FRAME_COUNT_PORT, above).
    if (msg && msg.type === 'page-status' && !IN_FRAME) {
      sendResponse({
        host: location.hostname,
        enabled,
        count: enabled ? visibleCount() : 0,
        profiles: finder.profileIds(),
        fallback: enabled && finder.fallbackInUse(),
      });
    }
    return false;
  });

  api.storage.local.get('settings').then((res) => {
    applySettings(res && res.settings, { reclassify: true });
  }, () => applySettings(null, { reclassify: true }));
})();
