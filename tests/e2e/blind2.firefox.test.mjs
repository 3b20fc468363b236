// The second blind markup round (issue 11) in headless Firefox ESR with the packaged
// extension: the pages of lib/blind2-sites.mjs, with the assertions of lib/blind-suite.mjs.
import { firefoxRound } from './lib/blind-suite.mjs';
import { ROUND2 } from './lib/blind2-sites.mjs';

firefoxRound(ROUND2);
