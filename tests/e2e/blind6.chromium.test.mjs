// The sixth blind markup round (issue 11) in headless Chromium with the packaged extension:
// shreddit's custom elements and shadow roots, an OK group's hidden "ещё", VK's new messenger
// dropping old rows, a WhatsApp group with a typed draft, Threads' translation beside the
// original, X's route change, KosovaJob's split words, Posao.hr's <details>, TikTok replies and
// Google Messages (lib/blind6-sites.mjs).
import { chromiumRound6 } from './lib/blind6-sites.mjs';

chromiumRound6();
