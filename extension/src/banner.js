// The banner attached to a post: a custom element whose content lives in a closed shadow
// root with its own styles. Page text (the evidence phrases) is only ever set with
// textContent, never parsed as HTML. Classic script: defines globalThis.RedflagBanner.
(function () {
  'use strict';
  const TAG = 'redflag-banner';

  // Touch screens (pointer: coarse): buttons, "Why?" and each help link at least 44 px high,
  // each way to reach a service on a line of its own.
  const CSS = `
:host { all: initial; display: block !important; margin: 6px 0 !important; max-width: 100%; contain: layout style; }
.rf { --accent: #b7791f; --bg: #fffaf0; --fg: #1d1d1f; --muted: #4a4a4f; --btn: #ffffff; --btn-border: #8a8a90;
  box-sizing: border-box; max-width: 100%; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--accent); border-left-width: 5px; border-radius: 8px;
  padding: 8px 12px; overflow-wrap: anywhere; word-break: normal; text-align: start; }
.rf[data-level="warning"] { --accent: #c05621; --bg: #fff5eb; }
.rf[data-level="danger"] { --accent: #b83232; --bg: #fff2f2; }
.head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.title { font-weight: 650; font-size: 1em; margin: 0; flex: 1 1 12em; }
.icon { color: var(--accent); font-size: 1.1em; }
.brand { font-weight: 500; color: var(--muted); }
.buttons { display: flex; flex-wrap: wrap; gap: 6px; }
button { font: inherit; font-size: 0.93em; color: var(--fg); background: var(--btn); border: 1px solid var(--btn-border);
  border-radius: 6px; padding: 3px 10px; min-height: 30px; cursor: pointer; }
button:hover { border-color: var(--fg); }
button:focus-visible, a:focus-visible, summary:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
p { margin: 6px 0 0; }
.summary { margin-top: 4px; }
details { margin-top: 6px; }
summary { cursor: pointer; font-weight: 600; width: fit-content; }
ul { margin: 4px 0 0; padding-inline-start: 1.3em; }
li { margin: 2px 0; }
.phrase { font-weight: 600; background: color-mix(in srgb, var(--accent) 16%, transparent); border-radius: 3px; padding: 0 3px; }
.family, .local, .hours, .about { color: var(--muted); }
.local { font-size: 0.86em; }
.help { margin-top: 6px; }
.help-title { font-weight: 600; }
a { color: #1a56a8; text-decoration: underline; }
.pill { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px dashed var(--accent); border-radius: 8px; padding: 3px 8px; }
@media (pointer: coarse) {
  button { min-height: 44px; padding: 6px 14px; }
  summary { padding: 12px 0; }
  .support li { font-size: 0; margin: 6px 0 10px; }
  .support li > *, .support li::marker { font-size: 14px; }
  .support li > a { display: flex; align-items: center; width: fit-content; min-width: 44px; min-height: 44px; }
  .support .hours { display: block; }
}
@media (prefers-reduced-motion: no-preference) {
  .rf { animation: rf-in 160ms ease-out; }
  @keyframes rf-in { from { opacity: 0; transform: translateY(-3px); } to { opacity: 1; transform: none; } }
}
@media (prefers-color-scheme: dark) {
  .rf, .pill { --fg: #f1f1f3; --muted: #c4c4cc; --bg: #2a2418; --accent: #e0a84a; --btn: #1f1f23; --btn-border: #8d8d96; }
  .rf[data-level="warning"] { --bg: #2e2117; --accent: #f08c4a; }
  .rf[data-level="danger"] { --bg: #331c1c; --accent: #ff7b7b; }
  a { color: #8cc4ff; }
  button:focus-visible, a:focus-visible, summary:focus-visible { outline-color: #8cc4ff; }
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

  const SUMMARY_ORDER = ['minor', 'image_abuse', 'trafficking_abroad', 'labour_exploitation', 'recruitment'];

  function summaryKey(categories) {
    for (const c of SUMMARY_ORDER) if ((categories || []).includes(c)) return `sum_${c}`;
    return 'sum_generic';
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

  let uid = 0;

  // A constructed stylesheet is not subject to the page's style-src CSP (a <style> element
  // would be blocked on pages that forbid inline styles); fall back to <style> elsewhere.
  let sheet = null;
  function adopt(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      if (root.adoptedStyleSheets.length === 0) root.adoptedStyleSheets = [sheet];
      return root.adoptedStyleSheets.length > 0;
    } catch (_) {
      return false;
    }
  }

  // Creates (or updates) the host element. `record` = {verdict, choice}; `ui` = {lang, t,
  // family, onHide, onShow, onDismiss}.
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

  function render(host, record, ui) {
    if (!host) host = createHost();
    const root = ROOTS.get(host);
    const v = record.verdict;
    host.setAttribute('data-redflag-level', v.level);
    host.setAttribute('data-redflag-state', record.choice === 'hidden' ? 'hidden' : 'open');
    while (root.firstChild) root.removeChild(root.firstChild);
    if (!adopt(root)) {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
    const t = (k, vars) => ui.t(ui.lang, k, vars);

    if (record.choice === 'hidden') {
      const pill = el('div', { class: 'pill', role: 'note', 'aria-label': t('bannerLabel'), lang: ui.lang });
      pill.appendChild(el('span', { class: 'icon', 'aria-hidden': 'true' }, '⚑'));
      pill.appendChild(el('span', null, t(`hidden_${v.level}`)));
      const show = el('button', { type: 'button', class: 'show' }, t('show'));
      show.addEventListener('click', (ev) => { ev.preventDefault(); ev.stopPropagation(); ui.onShow(); });
      pill.appendChild(show);
      root.appendChild(pill);
      return host;
    }

    const id = `rf-title-${++uid}`;
    const box = el('div', { class: 'rf', role: 'note', 'aria-labelledby': id, 'data-level': v.level, lang: ui.lang });
    const head = el('div', { class: 'head' });
    head.appendChild(el('span', { class: 'icon', 'aria-hidden': 'true' }, '⚑'));
    const title = el('p', { class: 'title', id });
    title.appendChild(el('span', { class: 'brand' }, 'redflag · '));
    title.appendChild(document.createTextNode(t(`level_${v.level}`)));
    head.appendChild(title);
    const buttons = el('div', { class: 'buttons' });
    const hide = el('button', { type: 'button', class: 'hide', 'aria-describedby': id }, t('hide'));
    const ok = el('button', { type: 'button', class: 'dismiss', 'aria-describedby': id }, t('notConcern'));
    hide.addEventListener('click', (ev) => { ev.preventDefault(); ev.stopPropagation(); ui.onHide(); });
    ok.addEventListener('click', (ev) => { ev.preventDefault(); ev.stopPropagation(); ui.onDismiss(); });
    buttons.append(hide, ok);
    head.appendChild(buttons);
    box.appendChild(head);
    box.appendChild(el('p', { class: 'summary' }, t(summaryKey(v.categories))));

    // Why: the phrases that fired, as text, with the family they belong to.
    const evidence = [];
    const seen = new Set();
    for (const e of v.evidence || []) {
      const k = `${e.text}\u0000${e.family}`;
      if (seen.has(k) || !e.text) continue;
      seen.add(k);
      evidence.push(e);
      if (evidence.length >= 10) break;
    }
    if (evidence.length) {
      const details = el('details', { class: 'why' });
      details.appendChild(el('summary', null, t('why')));
      details.appendChild(el('p', null, t('whyIntro')));
      const ul = el('ul', { class: 'evidence' });
      for (const e of evidence) {
        const li = el('li', { 'data-family': e.family });
        li.appendChild(el('span', { class: 'phrase' }, e.text));
        li.appendChild(el('span', { class: 'family' }, ` — ${ui.family(ui.lang, e.family)}`));
        ul.appendChild(li);
      }
      details.appendChild(ul);
      const damp = [...new Set((v.dampeners || []).map((d) => d.family))];
      if (damp.length) {
        // A label and a list: no sentence is glued together from pieces.
        details.appendChild(el('p', { class: 'family lowers-title' }, t('lowersRisk')));
        const low = el('ul', { class: 'lowers' });
        for (const f of damp) low.appendChild(el('li', { 'data-family': f, class: 'family' }, ui.family(ui.lang, f)));
        details.appendChild(low);
      }
      box.appendChild(details);
    }

    // Help: tel: links for hotlines, websites that open only when clicked.
    const entries = pickSupport(v);
    if (entries.length) {
      const help = el('div', { class: 'help' });
      help.appendChild(el('p', { class: 'help-title' }, t('help')));
      const ul = el('ul', { class: 'support' });
      for (const s of entries) ul.appendChild(supportItem(s, t, ui.lang));
      help.appendChild(ul);
      box.appendChild(help);
    }
    box.appendChild(el('p', { class: 'local' }, t('localNote')));
    root.appendChild(box);
    return host;
  }

  // Closed roots are kept here, in the content script's own world, and nowhere on the page.
  const ROOTS = new WeakMap();

  function focusFirst(host) {
    const root = ROOTS.get(host);
    const b = root && root.querySelector('button');
    if (b) b.focus();
  }

  globalThis.RedflagBanner = { TAG, render, focusFirst, pickSupport, isOurs, el, supportItem };
})();
