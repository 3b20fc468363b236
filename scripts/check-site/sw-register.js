// Registers the site's service worker (sw.js), which keeps every file of this page in a cache
// so it works without a network after the first visit. Browsers allow service workers only on
// https: and on localhost; elsewhere the page still works while online.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {});
}
