// redflag content script: finds posts (site profiles or the generic fallback), sends the text
// of new or changed posts to the background in batches, and attaches a banner to those with
// risk signs. Never blocks scrolling: the MutationObserver callback only records what
// changed; scanning runs later in small time slices.
(function () {
  'use strict';
  if (globalThis.__redflagContentLoaded) return;
  globalThis.__redflagContentLoaded = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const Shared = globalThis.RedflagShared;
  const I18n = globalThis.RedflagI18n;
  const Profiles = globalThis.RedflagProfiles;
  const Banner = globalThis.RedflagBanner;
  const { levelRank, MAX_TEXT, MAX_BATCH } = Shared;

  const BLOCK = new Set(['P', 'DIV', 'LI', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'DD', 'DT', 'PRE', 'UL', 'OL', 'TABLE']);
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
  const pendingTargets = new Set(); // elements whose enclosing post may have changed
  let scanTimer = 0;
  let scanning = false;
  const queue = new Map(); // post -> text, waiting to be sent
  let inFlight = 0;
  let observer = null;
  let detectTries = 0;
  let removals = false; // nodes left the page since the last scan: forget their posts

  function send(msg) {
    return new Promise((resolve, reject) => {
      try {
        const r = api.runtime.sendMessage(msg, (res) => {
          const err = api.runtime.lastError;
          if (err) reject(new Error(err.message)); else resolve(res);
        });
        if (r && typeof r.then === 'function') r.then(resolve, reject);
      } catch (e) {
        reject(e);
      }
    });
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

  // ---- text extraction -------------------------------------------------------------------
  function textOf(post, item, excludeSel) {
    let els;
    if (item.text === ':scope') els = [post];
    else {
      els = Array.from(post.querySelectorAll(item.text)).filter((e) => ownerPost(e, item) === post);
      // Drop elements inside another selected one (".translatable-message" in ".message").
      els = els.filter((e) => !els.some((o) => o !== e && o.contains(e)));
    }
    if (!els.length) return { text: '', last: null };
    const parts = [];
    for (const e of els) parts.push(walkText(e, excludeSel));
    const text = parts.join('\n').replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
    return { text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text, last: els[els.length - 1] };
  }

  function ownerPost(e, item) {
    try { return e.closest(item.post); } catch (_) { return null; }
  }

  function walkText(root, excludeSel) {
    let out = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === 1) {
          if (isOurs(node)) return NodeFilter.FILTER_REJECT;
          if (excludeSel && node !== root) {
            try { if (node.matches(excludeSel)) return NodeFilter.FILTER_REJECT; } catch (_) { /* ignore */ }
          }
          return NodeFilter.FILTER_ACCEPT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    let node = walker.currentNode;
    while (node) {
      if (node.nodeType === 3) out += node.nodeValue;
      else if (node !== root && BLOCK.has(node.tagName)) out += '\n';
      node = walker.nextNode();
      if (out.length > MAX_TEXT * 2) break;
    }
    return out;
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

  function consider(post, item, excludeSel) {
    if (!post.isConnected) return;
    const { text, last } = textOf(post, item, excludeSel);
    const rec = records.get(post);
    if (rec && rec.text === text) return; // unchanged
    if (!text || text.length < 12) {
      if (rec) removeBanner(post, rec);
      records.set(post, { text, verdict: null, item, textEl: last });
      return;
    }
    if (rec && rec.host) removeBanner(post, rec);
    records.set(post, { text, verdict: null, item, textEl: last, pending: true });
    queue.set(post, text);
  }

  // Generators: the caller yields to the page between posts when a time slice is used up.
  function* scanProfiles(root) {
    for (const p of profiles) {
      for (const item of p.items) {
        for (const post of allWithin(root, item.post)) {
          consider(post, item, item.exclude);
          yield;
        }
      }
    }
  }

  function insideProfilePost(el) {
    for (const p of profiles) for (const item of p.items) if (el.closest && ownerPost(el, item)) return true;
    return false;
  }

  function chosenAncestor(el) {
    for (let a = el.parentElement; a; a = a.parentElement) if (genericChosen.has(a)) return a;
    return null;
  }

  function* scanGeneric(root) {
    const G = Profiles.GENERIC;
    for (const item of G.items) {
      for (const el of allWithin(root, item.post)) {
        yield;
        if (genericChosen.has(el)) { consider(el, item, G.exclude); continue; }
        if (chosenAncestor(el) || isOurs(el)) continue;
        if (matchesSafe(el, G.exclude) || el.closest(G.exclude)) continue;
        if (profiles.length && insideProfilePost(el)) continue;
        const len = (el.textContent || '').length;
        if (len < G.minLength || len > item.maxLength * 1.5) continue;
        genericChosen.add(el);
        consider(el, item, G.exclude);
      }
    }
  }

  function closestPost(el) {
    for (const p of profiles) {
      for (const item of p.items) {
        const post = ownerPost(el, item);
        if (post) return { post, item, exclude: item.exclude };
      }
    }
    if (useGeneric) {
      for (let a = el; a; a = a.parentElement) {
        if (genericChosen.has(a)) {
          const rec = records.get(a);
          return { post: a, item: rec ? rec.item : Profiles.GENERIC.items[0], exclude: Profiles.GENERIC.exclude };
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
      for (const el of targets) {
        if (!el.isConnected) continue;
        const found = closestPost(el);
        if (found) consider(found.post, found.item, found.exclude);
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
    } finally {
      scanning = false;
    }
  }

  // Telegram and other single-page apps render their markup late: keep trying `detect`.
  function maybeDetect() {
    if (profiles.length || detectTries > 50) return;
    detectTries++;
    const found = Profiles.forPage(location, document);
    if (found.length) {
      profiles = found;
      useGeneric = found.some((p) => p.generic);
      pendingRoots.add(document.body);
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
    inFlight++;
    sendReliably({ type: 'classify', texts: batch.map(([, t]) => t) })
      .then((res) => {
        if (!res || !Array.isArray(res.verdicts)) throw new Error(res && res.error ? res.error : 'no answer');
        res.verdicts.forEach((v, i) => apply(batch[i][0], batch[i][1], v));
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
        if (m.target.parentElement) pendingTargets.add(m.target.parentElement);
        continue;
      }
      let real = false;
      for (const n of m.addedNodes) {
        if (n.nodeType === 1 && !isOurs(n)) { pendingRoots.add(n); real = true; }
        else if (n.nodeType === 3) real = true;
      }
      for (const n of m.removedNodes) if (!isOurs(n)) { real = true; removals = true; }
      if (real && m.target.nodeType === 1) pendingTargets.add(m.target);
    }
    if (pendingRoots.size || pendingTargets.size) scheduleScan();
  }

  function start() {
    if (stopped || !document.body) return;
    profiles = Profiles.forPage(location, document);
    useGeneric = !profiles.length || profiles.some((p) => p.generic);
    if (!observer) {
      observer = new MutationObserver(onMutations);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
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
      });
    }
    return false;
  });

  api.storage.local.get('settings').then((res) => {
    applySettings(res && res.settings, { reclassify: true });
  }, () => applySettings(null, { reclassify: true }));
})();
