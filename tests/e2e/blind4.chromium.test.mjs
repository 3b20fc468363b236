// The fourth blind markup round (issue 11) in headless Chromium with the packaged extension:
// search results, dating chats, job views, webmail, a forum and classifieds, with single-page
// navigation, in-place translation, drafts, screen-reader copies, clamped and split text, a long
// page and a long letter (lib/blind4-sites.mjs).
import { chromiumRound4 } from './lib/blind4-sites.mjs';

chromiumRound4();
