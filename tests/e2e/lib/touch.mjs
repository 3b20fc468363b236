// Is a page (or a banner's shadow root) usable on a 360-px touch screen? Runs in the page:
// `touchReport(scope)` with `scope` a selector of one element or shadow root holder, or null
// for the whole document. Reports:
// - scroll: the document scrolls sideways (its content is wider than the screen);
// - small: tap targets (links, buttons, menus, fields, "Why?" disclosures, a label holding a
//   check box) smaller than 44×44 px, unless at least 40×40 px with 4 px free around them
//   (WCAG 2.5.5's 44 px, or 40 px with spacing);
// - overlapping: two tap targets whose boxes overlap (a finger cannot choose);
// - outside: visible elements reaching beyond the screen's left or right edge (text cut off);
// - clipped: elements that hide part of their own content sideways (overflow hidden/clip or an
//   ellipsis with more content than room).
// Every entry names the element and its size, for the test's message.
export function touchReport(scope = null, shadowHost = null) {
  let root = document;
  if (shadowHost) root = window.__redflagRoots.get(document.querySelector(shadowHost));
  else if (scope) root = document.querySelector(scope);
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(/\s+/)[0]}` : '';
    const text = (el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${el.localName}${el.id ? `#${el.id}` : ''}${cls} "${text}"`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
  };
  const out = {
    width: vw,
    scroll: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    targets: [],
    small: [],
    overlapping: [],
    outside: [],
    clipped: [],
  };
  const targets = [];
  for (const el of root.querySelectorAll('a[href], button, select, input, textarea, summary, label')) {
    if (!shown(el)) continue;
    const box = el.localName === 'label' ? el.querySelector('input[type=checkbox], input[type=radio]') : null;
    if (el.localName === 'label' && !box) continue; // a label beside its field: the field is the target
    if (el.localName === 'input' && /^(checkbox|radio)$/.test(el.type) && el.closest('label')) continue; // its label is
    targets.push(el);
  }
  const rects = targets.map((el) => el.getBoundingClientRect());
  const apart = (a, b, gap) => a.right + gap <= b.left || b.right + gap <= a.left || a.bottom + gap <= b.top || b.bottom + gap <= a.top;
  targets.forEach((el, i) => {
    const r = rects[i];
    out.targets.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    const big = r.width >= 43.5 && r.height >= 43.5;
    const spaced = r.width >= 39.5 && r.height >= 39.5 && rects.every((o, j) => j === i || apart(r, o, 4));
    if (!big && !spaced) out.small.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    for (let j = i + 1; j < targets.length; j++) {
      if (!apart(r, rects[j], -0.5)) out.overlapping.push(`${name(el)} / ${name(targets[j])}`);
    }
  });
  for (const el of root.querySelectorAll('*')) {
    if (!shown(el) || el.closest('option')) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1) out.outside.push(`${name(el)} ${Math.round(r.left)}–${Math.round(r.right)}`);
    const cs = getComputedStyle(el);
    const hides = /hidden|clip/.test(cs.overflowX) || cs.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) out.clipped.push(`${name(el)} ${el.scrollWidth}>${el.clientWidth}`);
  }
  return out;
}

// Loaded before a script that attaches closed shadow roots (banner.js on a test page): keeps
// each root by its host, so touchReport can measure inside. Test pages only; the extension's
// own banners stay closed.
export function keepShadowRoots() {
  window.__redflagRoots = new Map();
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    window.__redflagRoots.set(this, root);
    return root;
  };
}
