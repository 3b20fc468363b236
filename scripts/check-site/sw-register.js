// Registers the site's service worker (sw.js), which keeps every file of this page in a cache
// so it works without a network after the first visit. Browsers allow service workers only on
// https: and on localhost; elsewhere the page still works while online.
//
// The web app manifest (manifest.webmanifest: "Add to home screen", and on Android the share
// target) is linked only once the worker is active, that is once every file is cached: a
// browser can then install the page, and a message shared into it, only when the worker
// answers the share from the cache. Before that, a share would go to the host with the message
// in its address.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {});
  navigator.serviceWorker.ready.then(() => {
    if (document.querySelector('link[rel="manifest"]')) return;
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = 'manifest.webmanifest';
    document.head.appendChild(link);
  }, () => {});
}
