// The privacy assertions of the suites that serve pages under real host names: nothing
// reached the outside (the black-hole proxy saw only the browser's own hosts), only fixture
// files were asked for, and every page request was answered locally. Chromium routes requests
// (`requests`: every URL the context asked for); Firefox intercepts them.
import assert from 'node:assert/strict';
import { sleep } from './common.mjs';
import { BROWSER_OWN_HOSTS as CHROMIUM_OWN_HOSTS } from './chromium.mjs';
import { BROWSER_OWN_HOSTS as FIREFOX_OWN_HOSTS } from './firefox.mjs';

function assertProxyAndFixtures(proxy, routed, ownHosts) {
  const own = proxy.hits.filter((h) => ownHosts.includes(h.host));
  assert.deepEqual(proxy.hits.filter((h) => !own.includes(h)), [], 'nothing reached the outside (proxy)');
  assert.deepEqual(routed.filter((r) => !r.known).map((r) => r.url), [], 'only fixture files were asked for');
}

// Chromium: at least `pages` web requests, each answered by the route.
export function assertChromiumSentNothing({ proxy, routed, requests, pages }) {
  assertProxyAndFixtures(proxy, routed, CHROMIUM_OWN_HOSTS);
  const web = requests.filter((u) => /^https?:/.test(u));
  assert.ok(web.length >= pages, `pages and their files were requested (${web.length})`);
  assert.deepEqual(web.filter((u) => !routed.some((r) => r.url === u)), [], 'every web request went through the route');
}

// Firefox: at least `pages` requests answered by the interception (after a moment for the last
// ones to arrive).
export async function assertFirefoxSentNothing({ proxy, routed, pages }) {
  await sleep(300);
  assertProxyAndFixtures(proxy, routed, FIREFOX_OWN_HOSTS);
  assert.ok(routed.length >= pages, `pages and their files were answered (${routed.length})`);
}
