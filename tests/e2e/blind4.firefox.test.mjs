// The fourth blind markup round (issue 11) in headless Firefox ESR with the packaged extension:
// the pages and behaviours of lib/blind4-sites.mjs, with the same assertions.
import { firefoxRound4 } from './lib/blind4-sites.mjs';

firefoxRound4();
