// The fifth blind markup round (issue 11) in headless Chromium with the packaged extension:
// embedded Telegram posts in cross-origin frames, closed shadow roots, a letter in an <iframe
// srcdoc>, virtual rows that move, a dialog, a fetched "read more", 200 ads, a replaced <body>,
// a page that rewrites itself every second, streamed and edited text, a print view
// (lib/blind5-sites.mjs).
import { chromiumRound5 } from './lib/blind5-sites.mjs';

chromiumRound5();
