// The blind markup round (issue 11) in headless Firefox ESR with the packaged extension: the
// pages of lib/blind-sites.mjs, with the assertions of lib/blind-suite.mjs.
import { firefoxRound } from './lib/blind-suite.mjs';
import { ROUND1 } from './lib/blind-sites.mjs';

firefoxRound(ROUND1);
