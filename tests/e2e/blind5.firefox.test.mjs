// The fifth blind markup round (issue 11) in headless Firefox ESR with the packaged extension:
// the pages and behaviours of lib/blind5-sites.mjs, with the same assertions.
import { firefoxRound5 } from './lib/blind5-sites.mjs';

firefoxRound5();
