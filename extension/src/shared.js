// Constants shared by every part of the extension. Classic script (content scripts cannot
// import modules); the background and pages load it with `import './shared.js'`.
(function () {
  'use strict';
  const LEVELS = ['none', 'caution', 'warning', 'danger'];
  // An NGO's branded build sets the default region and UI language (src/branding.js).
  const brand = globalThis.RedflagBranding || {};
  globalThis.RedflagShared = Object.freeze({
    LEVELS,
    levelRank: (level) => Math.max(0, LEVELS.indexOf(level)),
    DEFAULT_SETTINGS: Object.freeze({
      sensitivity: 'caution', // show banners from this level up
      region: brand.region || 'auto', // support links: auto = guessed from the browser language
      lang: brand.lang || 'auto',     // UI language: auto = browser language
      disabledSites: [],      // hostnames where redflag is off
    }),
    MAX_TEXT: 8000,           // characters of one post sent to the engine
    MAX_BATCH: 40,            // posts per message to the background
    // The popup's port to every frame of a tab: cross-origin frames report their banners'
    // count (content.js), added to the page's.
    FRAME_COUNT_PORT: 'redflag-frame-count',
  });
})();
