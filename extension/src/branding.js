// Branding of this package. The standard build ships this neutral file; an NGO's branded build
// (scripts/ngo-build.mjs, docs/NGO.md) replaces it with the NGO's name, default region and UI
// language, the ids of its support entries (shown first) and its signed bundle files under
// bundles/. Classic script: content scripts load it before shared.js; the background and the
// pages import it through common.js. Data only: nothing here is fetched from anywhere.
(function () {
  'use strict';
  globalThis.RedflagBranding = Object.freeze({
    id: '',              // the NGO's slug; empty: the standard build
    name: '',            // shown in the popup ("<name> — redflag")
    region: 'auto',      // default region for help links until the person chooses one
    lang: 'auto',        // default UI language until the person chooses one
    supportFirst: [],    // support entry ids listed first in every banner
    bundles: [],         // signed bundle files in the package, loaded on top of the default
  });
})();
