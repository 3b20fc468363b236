// The banner attached to a post: a custom element whose content lives in a closed shadow
// root with its own styles. Page text (the evidence phrases) is only ever set with
// textContent, never parsed as HTML. Classic script: defines globalThis.RedflagBanner.
//
// A risk-heavy feed gets hundreds of banners, so a banner costs little until someone reads
// it: its visible part (head, summary, the two closed disclosures "Why?" and help, the note)
// is a clone of a per-language template, and the evidence list and the help links are built
// when their disclosure is opened (make bench-page, BENCHMARKS.md). The disclosures are
// buttons with aria-expanded (the WAI-ARIA disclosure pattern), not <details>: each
// <details> carries a shadow tree of its own, which made cloning and inserting a banner
// about twice as expensive.
(function () {
  'use strict';
  const TAG = 'redflag-banner';

  // No fade-in: a banner appears as it is. The 160 ms fade (opacity and a 3 px slide) made
  // every banner of a feed animate on the page's main thread: style every frame and a repaint
  // of each banner per frame, ~1.5 s of the page's main thread per 1,000-post feed with 542
  // banners, twenty times the content script's own JavaScript (`make bench-page`, the page's
  // style + layout + paint; BENCHMARKS.md).
  // Touch screens (pointer: coarse): buttons, the two disclosures ("Why?", help) and each help
  // link at least 44 px high, each way to reach a service on a line of its own, and
  // `touch-action: manipulation`: two taps in a row ("Why?", then the help) are two taps, not
  // a double-tap zoom that swallows the second (Firefox's touch tests lost it on a busy machine).
  const CSS = `
:host { all: initial; display: block !important; margin: 6px 0 !important; max-width: 100%; contain: layout style; }
.rf { --accent: #b7791f; --bg: #fffaf0; --fg: #1d1d1f; --muted: #4a4a4f; --btn: #ffffff; --btn-border: #8a8a90;
  box-sizing: border-box; max-width: 100%; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--accent); border-left-width: 5px; border-radius: 8px;
  padding: 8px 12px; overflow-wrap: anywhere; word-break: normal; text-align: start;
  display: flex; flex-wrap: wrap; align-items: center; gap: 0 6px; }
.rf[data-level="warning"] { --accent: #c05621; --bg: #fff5eb; }
.rf[data-level="danger"] { --accent: #b83232; --bg: #fff2f2; }
.title { font-weight: 650; font-size: 1em; margin: 3px 4px 3px 0; flex: 1 1 12em; }
.icon, .rf::before { color: var(--accent); font-size: 1.1em; }
.rf::before { content: "⚑"; content: "⚑" / ""; margin-inline-end: 4px; }
.brand { font-weight: 500; color: var(--muted); }
.rf > p:not(.title), .rf > .more, .rf > .panel { flex: 0 0 100%; min-width: 0; }
button { font: inherit; font-size: 0.93em; color: var(--fg); background: var(--btn); border: 1px solid var(--btn-border);
  border-radius: 6px; padding: 3px 10px; min-height: 30px; cursor: pointer; }
button:hover { border-color: var(--fg); }
button:focus-visible, a:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
p { margin: 6px 0 0; }
.summary { margin-top: 4px; }
.more { display: flex; align-items: center; gap: 0.4em; width: fit-content; margin: 6px 0 0; padding: 0; min-height: 0;
  border: 0; background: none; font-weight: 600; font-size: 1em; text-align: start; }
.more::before { content: "▸"; content: "▸" / ""; font-size: 0.8em; }
.more[aria-expanded="true"]::before { content: "▾"; content: "▾" / ""; }
.more:hover { text-decoration: underline; }
ul { margin: 4px 0 0; padding-inline-start: 1.3em; }
li { margin: 2px 0; }
.phrase { font-weight: 600; background: color-mix(in srgb, var(--accent) 16%, transparent); border-radius: 3px; padding: 0 3px; }
.family, .local, .hours, .about { color: var(--muted); }
.local { font-size: 0.86em; }
a { color: #1a56a8; text-decoration: underline; }
.pill { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px dashed var(--accent); border-radius: 8px; padding: 3px 8px; }
@media (pointer: coarse) {
  button, a { touch-action: manipulation; }
  button { min-height: 44px; padding: 6px 14px; }
  .more { min-height: 44px; min-width: 44px; margin: 0; padding: 0; }
  .support li { font-size: 0; margin: 6px 0 10px; }
  .support li > *, .support li::marker { font-size: 14px; }
  .support li > a { display: flex; align-items: center; width: fit-content; min-width: 44px; min-height: 44px; }
  .support .hours { display: block; }
}
@media (prefers-color-scheme: dark) {
  .rf, .pill { --fg: #f1f1f3; --muted: #c4c4cc; --bg: #2a2418; --accent: #e0a84a; --btn: #1f1f23; --btn-border: #8d8d96; }
  .rf[data-level="warning"] { --bg: #2e2117; --accent: #f08c4a; }
  .rf[data-level="danger"] { --bg: #331c1c; --accent: #ff7b7b; }
  a { color: #8cc4ff; }
  button:focus-visible, a:focus-visible { outline-color: #8cc4ff; }
}
@media (forced-colors: active) {
  .rf, .pill { border-color: CanvasText; }
  .phrase { background: Mark; color: MarkText; }
}
`;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  // The most urgent category decides the summary: the engine lists a verdict's categories
  // most urgent first (`Category`'s order in src/verdict.rs), so the first one is it.
  function summaryKey(categories) {
    return categories && categories.length ? `sum_${categories[0]}` : 'sum_generic';
  }

  function telHref(phone) {
    const digits = String(phone).replace(/[^\d+]/g, '');
    return digits ? `tel:${digits}` : null;
  }

  function safeWeb(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  function smsHref(number) {
    const digits = String(number).replace(/[^\d+]/g, '');
    return digits ? `sms:${digits}` : null;
  }

  // One support entry as a list item: its name (and what it does, in the reader's language,
  // when ui.json describes it), a tel: link for a hotline, an sms: link for a line that takes
  // text messages, its opening hours in the reader's language, a website that opens only when
  // clicked (no referrer). Also used by the check page (src/check/).
  function supportItem(s, t, lang) {
    const I18n = globalThis.RedflagI18n;
    const li = el('li', { 'data-support-id': s.id, 'data-region': s.region || '' });
    li.appendChild(el('span', { class: 'name' }, s.name));
    const about = I18n && lang ? I18n.service(lang, s.id) : null;
    if (about) li.appendChild(el('span', { class: 'about' }, ` — ${about}`));
    const tel = s.phone ? telHref(s.phone) : null;
    if (tel) {
      li.appendChild(document.createTextNode(' · '));
      li.appendChild(el('a', { href: tel, class: 'tel' }, t('call', { phone: s.phone })));
    }
    const sms = s.sms ? smsHref(s.sms) : null;
    if (sms) {
      li.appendChild(document.createTextNode(' · '));
      li.appendChild(el('a', { href: sms, class: 'sms' }, t('sms', { number: s.sms })));
    }
    const open = s.hours && I18n && lang ? I18n.hours(lang, s.hours) : null;
    if (open) {
      li.appendChild(document.createTextNode(' · '));
      li.appendChild(el('span', { class: 'hours' }, open));
    }
    const web = s.web ? safeWeb(s.web) : null;
    if (web) {
      li.appendChild(document.createTextNode(' · '));
      const a = el('a', { href: web, class: 'web', target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer' }, t('website'));
      a.setAttribute('aria-label', `${t('website')}: ${s.name}`);
      li.appendChild(a);
    }
    return li;
  }

  // The engine lists the region's entries first. Show at most five, but never cut the
  // specialised services for under-18s (Take It Down) or image abuse (StopNCII).
  function pickSupport(v) {
    const all = v.support || [];
    if (all.length <= 5) return all;
    const special = new Set(['minor', 'image_abuse'].filter((c) => (v.categories || []).includes(c)));
    const out = all.slice(0, 4);
    for (const s of all.slice(4)) {
      if (s.region === 'intl' && (s.helps || []).some((h) => special.has(h))) out.push(s);
    }
    return out;
  }

  // A constructed stylesheet is not subject to the page's style-src CSP (a <style> element
  // would be blocked on pages that forbid inline styles); fall back to <style> elsewhere.
  // Adopted once, when the root is made (roots that could not adopt it are remembered).
  let sheet = null;
  const NO_SHEET = new WeakSet();
  function adopt(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (_) {
      NO_SHEET.add(root);
    }
  }

  // Closed roots are kept here, in the content script's own world, and nowhere on the page:
  // host -> root, and root -> { verdict, ui } for the parts built when opened.
  const ROOTS = new WeakMap();
  const STATE = new WeakMap();

  // Creates the host element with its closed root and the root's click listener.
  // A page may define <redflag-banner> itself before we run (its constructor then attaches a
  // root of its own, or anything else): then this page gets a tag name it cannot guess.
  let tag = TAG;
  function createHost() {
    for (let i = 0; i < 3; i++) {
      const host = document.createElement(tag);
      try {
        const root = host.attachShadow({ mode: 'closed' });
        if (host.shadowRoot === null) {
          ROOTS.set(host, root);
          adopt(root);
          root.addEventListener('click', onClick);
          return host;
        }
      } catch (_) { /* the page owns this tag */ }
      const rnd = crypto.getRandomValues(new Uint32Array(2));
      tag = `${TAG}-${rnd[0].toString(36)}${rnd[1].toString(36)}`;
    }
    throw new Error('redflag: no banner host');
  }

  // Only elements this script created count as banners (a page can make look-alikes).
  function isOurs(node) {
    return !!node && ROOTS.has(node);
  }

  // One listener function for every banner; the root says which banner. A click (mouse, tap,
  // Enter or Space) on a button stops at the root: the page never acts on it (a feed that
  // opens the post it belongs to).
  function onClick(ev) {
    const st = STATE.get(ev.currentTarget);
    const target = ev.target && ev.target.closest ? ev.target.closest('button') : null;
    if (!st || !target) return;
    ev.preventDefault();
    ev.stopPropagation();
    const cls = target.className;
    if (cls === 'hide') st.ui.onHide();
    else if (cls === 'dismiss') st.ui.onDismiss();
    else if (cls === 'show') st.ui.onShow();
    else if (target.classList.contains('more')) toggle(target, st);
  }

  // Opens or closes a disclosure; its panel is built the first time it opens and sits right
  // after its button.
  function toggle(button, st) {
    const open = button.getAttribute('aria-expanded') !== 'true';
    let panel = button.nextElementSibling;
    if (!panel || panel.className !== 'panel') {
      if (!open) return;
      panel = button.classList.contains('why') ? whyPanel(st) : helpPanel(st);
      button.after(panel);
      button.setAttribute('aria-controls', panel.id);
    }
    panel.hidden = !open;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  // What the "Why?" list shows: the phrases that fired, as text, each with its family; at most
  // ten, each phrase and family once.
  function evidenceOf(v) {
    const out = [];
    const seen = new Set();
    for (const e of v.evidence || []) {
      if (!e || !e.text) continue;
      const k = `${e.text}\u0000${e.family}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
      if (out.length >= 10) break;
    }
    return out;
  }

  function hasEvidence(v) {
    for (const e of v.evidence || []) if (e && e.text) return true;
    return false;
  }

  // "Why?": the phrases that fired and the signs that lower the risk.
  function whyPanel({ verdict: v, ui }) {
    const t = (k, vars) => ui.t(ui.lang, k, vars);
    const panel = el('div', { class: 'panel', id: 'rf-why' });
    panel.appendChild(el('p', null, t('whyIntro')));
    const ul = el('ul', { class: 'evidence' });
    for (const e of evidenceOf(v)) {
      const li = el('li', { 'data-family': e.family });
      li.appendChild(el('span', { class: 'phrase' }, e.text));
      li.appendChild(el('span', { class: 'family' }, ` — ${ui.family(ui.lang, e.family)}`));
      ul.appendChild(li);
    }
    panel.appendChild(ul);
    const damp = [...new Set((v.dampeners || []).map((d) => d.family))];
    if (damp.length) {
      // A label and a list: no sentence is glued together from pieces.
      panel.appendChild(el('p', { class: 'family lowers-title' }, t('lowersRisk')));
      const low = el('ul', { class: 'lowers' });
      for (const f of damp) low.appendChild(el('li', { 'data-family': f, class: 'family' }, ui.family(ui.lang, f)));
      panel.appendChild(low);
    }
    return panel;
  }

  // Help: tel: links for hotlines, websites that open only when clicked.
  function helpPanel({ verdict: v, ui }) {
    const t = (k, vars) => ui.t(ui.lang, k, vars);
    const panel = el('div', { class: 'panel', id: 'rf-help' });
    const ul = el('ul', { class: 'support' });
    for (const s of pickSupport(v)) ul.appendChild(supportItem(s, t, ui.lang));
    panel.appendChild(ul);
    return panel;
  }

  // The parts every banner of one language, level and summary shares, built once and cloned:
  // the head (icon, title, buttons), the summary, the two closed disclosures ("Why?" and
  // help, built when opened) and the note that nothing leaves the device. The ids are the
  // same in every banner: ids are scoped to their shadow root.
  const TITLE_ID = 'rf-title';
  const TEMPLATES = new WeakMap(); // ui.t -> Map(key -> element)
  function template(ui, key, build) {
    let byKey = TEMPLATES.get(ui.t);
    if (!byKey) TEMPLATES.set(ui.t, (byKey = new Map()));
    let tpl = byKey.get(key);
    if (!tpl) byKey.set(key, (tpl = build((k, vars) => ui.t(ui.lang, k, vars))));
    return tpl.cloneNode(true);
  }

  function boxTemplate(t, lang, level, sumKey) {
    const box = el('div', { class: 'rf', role: 'note', 'aria-labelledby': TITLE_ID, 'data-level': level, lang });
    // No wrapper elements: the box is a wrapping flex line (the flag, the title, the two
    // buttons; then the summary, each disclosure and the note on lines of their own), so a
    // banner clones and inserts 17 nodes instead of 19 (a head and a buttons <div> cost as
    // much as any other node, for every banner of a feed).
    const title = el('p', { class: 'title', id: TITLE_ID });
    title.appendChild(el('span', { class: 'brand' }, 'redflag · '));
    title.appendChild(document.createTextNode(t(`level_${level}`)));
    box.appendChild(title);
    box.appendChild(el('button', { type: 'button', class: 'hide', 'aria-describedby': TITLE_ID }, t('hide')));
    box.appendChild(el('button', { type: 'button', class: 'dismiss', 'aria-describedby': TITLE_ID }, t('notConcern')));
    box.appendChild(el('p', { class: 'summary' }, t(sumKey)));
    box.appendChild(el('button', { type: 'button', class: 'more why', 'aria-expanded': 'false' }, t('why')));
    box.appendChild(el('button', { type: 'button', class: 'more help', 'aria-expanded': 'false' }, t('help')));
    box.appendChild(el('p', { class: 'local' }, t('localNote')));
    return box;
  }

  function pillTemplate(t, lang, level) {
    const pill = el('div', { class: 'pill', role: 'note', 'aria-label': t('bannerLabel'), lang });
    pill.appendChild(el('span', { class: 'icon', 'aria-hidden': 'true' }, '⚑'));
    pill.appendChild(el('span', null, t(`hidden_${level}`)));
    pill.appendChild(el('button', { type: 'button', class: 'show' }, t('show')));
    return pill;
  }

  // Creates (or updates) the host element. `record` = {verdict, choice}; `ui` = {lang, t,
  // family, onHide, onShow, onDismiss}.
  function render(host, record, ui) {
    const fresh = !host;
    if (fresh) host = createHost();
    const root = ROOTS.get(host);
    const v = record.verdict;
    const hidden = record.choice === 'hidden';
    host.setAttribute('data-redflag-level', v.level);
    host.setAttribute('data-redflag-state', hidden ? 'hidden' : 'open');
    STATE.set(root, { verdict: v, ui });
    let content;
    if (hidden) {
      content = template(ui, `pill|${ui.lang}|${v.level}`, (t) => pillTemplate(t, ui.lang, v.level));
    } else {
      const sumKey = summaryKey(v.categories);
      content = template(ui, `box|${ui.lang}|${v.level}|${sumKey}`, (t) => boxTemplate(t, ui.lang, v.level, sumKey));
      if (!hasEvidence(v)) content.querySelector('.more.why').remove();
      if (!(v.support && v.support.length)) content.querySelector('.more.help').remove();
    }
    // (A host moved into another document — a same-origin iframe's — loses the sheet: the
    // browser drops a constructed sheet of another document. It gets a <style> then.)
    if (fresh && !NO_SHEET.has(root)) {
      // A root just made, in this document, with the sheet adopted: empty.
      root.appendChild(content);
    } else if (!NO_SHEET.has(root) && root.adoptedStyleSheets.length) {
      root.replaceChildren(content);
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.replaceChildren(style, content);
    }
    return host;
  }

  function focusFirst(host) {
    const root = ROOTS.get(host);
    const b = root && root.querySelector('button');
    if (b) b.focus();
  }

  globalThis.RedflagBanner = { TAG, render, focusFirst, pickSupport, isOurs, el, supportItem };
})();
