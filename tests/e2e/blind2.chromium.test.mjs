// The second blind markup round (issue 11) in headless Chromium with the packaged extension:
// Telegram Web A and K group chats and a comments thread, VK's messenger, a classic group wall
// with a repost, VK's post search and photo viewer, and very short risky messages on pages no
// profile knows (Discord, Element, a news site's comments), each built from public evidence
// of the site's markup (lib/blind2-sites.mjs); the suite and its assertions are
// lib/blind-suite.mjs's.
import { chromiumRound } from './lib/blind-suite.mjs';
import { ROUND2 } from './lib/blind2-sites.mjs';

chromiumRound(ROUND2);
