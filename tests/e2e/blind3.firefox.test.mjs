// The third blind markup round (issue 11) in headless Firefox ESR with the packaged extension:
// the pages and behaviours of lib/blind3-sites.mjs, with the same assertions.
import { firefoxRound3 } from './lib/blind3-sites.mjs';

firefoxRound3();
