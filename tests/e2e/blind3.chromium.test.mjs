// The third blind markup round (issue 11) in headless Chromium with the packaged extension:
// webmail, Instagram, TikTok, YouTube, WhatsApp Web, Facebook Marketplace, robota.ua, DuaPune,
// MSN's shadow-DOM comments and a VK 2025 clip, with recycled list rows, edits in place,
// in-place "show more", late-filled posts and an iframe'd e-mail body (lib/blind3-sites.mjs).
import { chromiumRound3 } from './lib/blind3-sites.mjs';

chromiumRound3();
