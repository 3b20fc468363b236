// The blind markup round (issue 11) in headless Chromium with the packaged extension: pages
// of sites nobody wrote a profile against (m.vk.com, t.me/s, ok.ru, a Facebook group, reddit,
// X, a XenForo forum, a WordPress blog, Halo Oglasi, Work.ua, OLX.ba, MojPosao), each built
// from public evidence of the site's markup (lib/blind-sites.mjs); the suite and its
// assertions are lib/blind-suite.mjs's.
import { chromiumRound } from './lib/blind-suite.mjs';
import { ROUND1 } from './lib/blind-sites.mjs';

chromiumRound(ROUND1);
