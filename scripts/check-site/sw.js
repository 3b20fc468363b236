// Service worker of the standalone check page (dist/check-site): every file of the site is
// cached at install, then served from the cache (cache first), so the page works offline after
// the first visit. The cache name carries a hash of the site's files: a new version installs a
// new cache and deletes the old ones of this site (and only of this site: other apps on the
// same host keep theirs). It never fetches anything but this site's own files.
//
// A message shared from another app (the manifest's share_target, GET) arrives as a navigation
// to ./?title=…&text=…&url=…: it is answered here, from the cache, and never goes to the
// network. Even with the cache gone, only the page's own address (without what was shared) is
// fetched.
// VERSION, FILES and SHARE_PARAMS are written above this line by scripts/build-check-site.mjs.
/* global VERSION, FILES, SHARE_PARAMS */
const PREFIX = `redflag-check ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Navigations may carry ?lang=…&region=…: the page is the same file.
    const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate' });
    if (hit) return hit;
    if (req.mode === 'navigate') {
      const page = await cache.match('./');
      if (page) return page;
      if (SHARE_PARAMS.some((p) => url.searchParams.has(p))) {
        for (const p of SHARE_PARAMS) url.searchParams.delete(p);
        return fetch(url.href, { credentials: 'same-origin', cache: 'no-store' });
      }
    }
    return fetch(req);
  })());
});
