// What another app shared into the check page. The standalone site's web app manifest declares
// a share target (scripts/build-check-site.mjs): on Android, "Share → redflag" from Telegram, VK
// or any app opens the installed page as `./?title=…&text=…&url=…` (Web Share Target, GET).
// That navigation is answered by the site's service worker from its cache, so the text stays on
// the device; the page reads it from its own address and then removes it from the address bar
// and from the history entry (history.replaceState), so it is not kept there.
//
// Apps fill the three fields differently: Telegram puts the message in `text`; others put a
// subject in `title` and the body in `text`; some put a link in `text`, others in `url`, and a
// few put the message itself in `title` or `url`. Each non-empty field is kept once, in the
// order title, text, url, leaving out one that another field already contains.

export const SHARE_PARAMS = ['title', 'text', 'url'];

const squash = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();

// `params`: URLSearchParams (or anything with get()). Returns the text to check, or null when
// nothing was shared.
export function sharedText(params) {
  const kept = [];
  for (const name of SHARE_PARAMS) {
    const value = String(params.get(name) ?? '').replace(/\r\n?/g, '\n').trim();
    if (!value) continue;
    const v = squash(value);
    if (kept.some((k) => squash(k).includes(v))) continue;
    for (let i = kept.length - 1; i >= 0; i--) if (v.includes(squash(kept[i]))) kept.splice(i, 1);
    kept.push(value);
  }
  return kept.length ? kept.join('\n') : null;
}

// Whether the page's address carries a share (the page then clears it).
export function hasShare(params) {
  return SHARE_PARAMS.some((name) => params.has(name));
}

// The address without what was shared: only the page's own settings (lang, region) stay.
export function withoutShare(url) {
  const u = new URL(url);
  for (const name of SHARE_PARAMS) u.searchParams.delete(name);
  return `${u.pathname}${u.search}${u.hash}`;
}

// A share that is only a link (VK and many apps share a post as its address): redflag does not
// open links, so there is nothing to check.
export function onlyLinks(text) {
  return /^(?:\s*https?:\/\/\S+)+\s*$/i.test(text);
}
