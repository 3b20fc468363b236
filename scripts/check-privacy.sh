#!/usr/bin/env bash
# Static privacy check of the extension (run by `make check-privacy`, part of `make test-ext`).
# Fails when extension code could send anything anywhere:
#   1. no network APIs in extension code (fetch only of our own files via runtime.getURL;
#      no XMLHttpRequest, WebSocket, EventSource, sendBeacon, importScripts, RTCPeerConnection,
#      WebTransport, navigator.connection tricks, dynamic import of URLs);
#   2. no remote URLs in extension code (support links live in bundle data only);
#   3. manifest permissions exactly the expected set, no host permissions, no externally
#      connectable, no web-accessible resources, no remote update URL;
#   4. CSP of extension pages: connect-src limited to the extension itself, no remote script.
# Usage: scripts/check-privacy.sh [DIST_DIR...]   (default: dist/chromium dist/firefox)
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
err() { echo "check-privacy: $*" >&2; fail=1; }

SRC=extension/src
js_files=$(find "$SRC" -name '*.js' -o -name '*.mjs' | sort)
[ -n "$js_files" ] || { echo "check-privacy: no extension code found" >&2; exit 1; }
# Code without comments (// line comments and /* */ blocks), for pattern checks.
strip() { node -e '
  const s = require("fs").readFileSync(process.argv[1], "utf8");
  process.stdout.write(s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/.*$/gm, "$1"));
' "$1"; }

# 1. network APIs
for f in $js_files; do
  code=$(strip "$f")
  for api in 'XMLHttpRequest' 'WebSocket' 'EventSource' 'sendBeacon' 'importScripts' 'RTCPeerConnection' \
             'WebTransport' 'navigator\.connection' 'serviceWorker\.register' 'new Worker' 'SharedWorker' \
             'window\.open' '\.submit\(' 'new Image' 'createElement\(.(img|script|iframe|link|form)' \
             'document\.write' 'innerHTML' 'outerHTML' 'insertAdjacentHTML' 'eval\(' 'new Function'; do
    hits=$(grep -nE "$api" <<<"$code" || true)
    # A worker only from the package's own scripts (engine-host.js starts engine-worker.js),
    # which this check reads like every other file.
    if [ "$api" = 'new Worker' ]; then hits=$(grep -vE 'new Worker\((api|chrome|browser)\.runtime\.getURL\(' <<<"$hits" || true); fi
    if [ -n "$hits" ]; then
      err "$f: uses ${api//\\/} ($(grep -nE "$api" <<<"$code" | head -1 | cut -c1-120))"
    fi
  done
  # fetch( only with runtime.getURL(...) as its argument
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    if ! grep -qE 'fetch\((api|chrome|browser)\.runtime\.getURL\(' <<<"$line"; then
      err "$f: fetch of something other than the extension's own files: $(cut -c1-140 <<<"$line")"
    fi
  done < <(grep -nE '(^|[^A-Za-z_.])fetch\(' <<<"$code" || true)
  # import() of anything but relative module paths
  if grep -nE "import\((['\"\`])?(https?:|//)" <<<"$code" >/dev/null; then err "$f: dynamic import of a URL"; fi
  # 2. remote URLs in code (strings)
  if grep -nE "(https?|wss?|ftp)://" <<<"$code" >/dev/null; then
    err "$f: remote URL in code: $(grep -nE '(https?|wss?|ftp)://' <<<"$code" | head -1 | cut -c1-140)"
  fi
done
# HTML and CSS of extension pages: no remote resources.
for f in $(find "$SRC" -name '*.html' -o -name '*.css' | sort); do
  if grep -nE "(src|href)=[\"']?(https?:)?//|url\([\"']?(https?:)?//|@import" "$f" >/dev/null; then
    err "$f: remote resource: $(grep -nE "(src|href)=[\"']?(https?:)?//|url\(|@import" "$f" | head -1)"
  fi
done

# 3 + 4. manifests (source module and every built one)
dists=("$@")
[ ${#dists[@]} -gt 0 ] || dists=(dist/chromium dist/firefox)
node --input-type=module - "${dists[@]}" <<'JS' || fail=1
import { readFileSync, existsSync } from 'node:fs';
import { manifest } from './extension/manifest.mjs';
// Chromium also opens the engine host (an offscreen document: src/engine-host.js); Firefox
// has no such API.
const EXPECTED_PERMISSIONS = { chromium: ['offscreen', 'storage'], firefox: ['storage'] };
const ALLOWED_KEYS = new Set(['manifest_version', 'name', 'short_name', 'description', 'version', 'default_locale',
  'icons', 'action', 'options_ui', 'permissions', 'content_scripts', 'content_security_policy', 'background',
  'minimum_chrome_version', 'browser_specific_settings']);
let bad = 0;
const err = (m) => { console.error(`check-privacy: ${m}`); bad = 1; };
function check(label, m) {
  const perms = [...(m.permissions || [])].sort();
  const expected = EXPECTED_PERMISSIONS[m.background && m.background.service_worker ? 'chromium' : 'firefox'];
  if (JSON.stringify(perms) !== JSON.stringify(expected)) err(`${label}: permissions ${JSON.stringify(perms)}, expected ${JSON.stringify(expected)}`);
  for (const k of Object.keys(m)) if (!ALLOWED_KEYS.has(k)) err(`${label}: unexpected manifest key "${k}" (host_permissions, optional_permissions, externally_connectable, web_accessible_resources, update_url, … need a privacy review)`);
  const csp = m.content_security_policy && m.content_security_policy.extension_pages;
  if (typeof csp !== 'string') { err(`${label}: no CSP for extension pages`); return; }
  const dir = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
  const only = (name, allowed) => {
    const v = dir[name] || dir['default-src'];
    if (!v) return err(`${label}: CSP has no ${name} (and no default-src)`);
    for (const s of v) if (!allowed.includes(s)) err(`${label}: CSP ${name} allows ${s}`);
  };
  only('connect-src', ["'self'", "'none'"]);
  only('script-src', ["'self'", "'wasm-unsafe-eval'"]);
  only('default-src', ["'self'", "'none'"]);
  only('img-src', ["'self'", "'none'", 'data:']);
  only('style-src', ["'self'"]);
  if (!dir['connect-src']) err(`${label}: CSP must state connect-src explicitly`);
  if (JSON.stringify(dir['object-src']) !== JSON.stringify(["'none'"])) err(`${label}: CSP object-src must be 'none'`);
  if (m.background && m.background.service_worker && /^https?:/.test(m.background.service_worker)) err(`${label}: remote worker`);
  for (const cs of m.content_scripts || []) for (const js of cs.js || []) if (/^(https?:)?\/\//.test(js)) err(`${label}: remote content script`);
}
for (const b of ['chromium', 'firefox']) check(`extension/manifest.mjs (${b})`, manifest(b, '0.0.0'));
for (const d of process.argv.slice(2)) {
  const f = `${d}/manifest.json`;
  if (!existsSync(f)) { err(`${f} missing (run make)`); continue; }
  check(f, JSON.parse(readFileSync(f, 'utf8')));
}
process.exit(bad);
JS

# Trusted keys: hex only, and the e2e test key never ships.
node -e '
  const fs = require("fs");
  const k = JSON.parse(fs.readFileSync("extension/src/trusted-keys.json", "utf8"));
  const test = fs.readFileSync("tests/e2e/keys/e2e-publisher.pub", "utf8").split("\n").find((l) => l && !l.startsWith("#")).trim();
  for (const d of process.argv.slice(1)) {
    const f = d + "/src/trusted-keys.json";
    if (fs.existsSync(f) && fs.readFileSync(f, "utf8").includes(test)) { console.error("check-privacy: " + f + " pins the e2e test key"); process.exit(1); }
  }
  for (const e of k.keys) { const key = typeof e === "string" ? e : e.key; if (!/^[0-9a-f]{64}$/i.test(key)) { console.error("check-privacy: bad trusted key " + key); process.exit(1); } if (key === test) { console.error("check-privacy: the e2e test key is pinned in extension/src/trusted-keys.json"); process.exit(1); } }
' "${dists[@]}" || fail=1

if [ "$fail" -ne 0 ]; then
  echo "check-privacy: FAILED" >&2
  exit 1
fi
echo "check-privacy: ok ($(wc -w <<<"$js_files") scripts, ${#dists[@]} packages: no network APIs, no remote URLs, permissions [storage] (+ offscreen in Chromium), connect-src 'self')"
