// The sixth blind markup round (issue 11) in headless Firefox ESR with the packaged extension:
// the pages and behaviours of lib/blind6-sites.mjs, with the same assertions.
import { firefoxRound6 } from './lib/blind6-sites.mjs';

firefoxRound6();
