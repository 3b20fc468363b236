#!/usr/bin/env bash
# Installs everything `make` and `make test-ext` need, on a fresh Debian machine.
# Idempotent: every step is skipped when its tool is already present at the right version.
# Never lets a tool download a browser or a binary of its own (only package registries are
# reachable): Chromium, chromedriver and Firefox ESR come from Debian, wasm-opt from the npm
# package `binaryen` (Debian's binaryen 108 produces broken modules: never use it).
#
# Usage: bash scripts/install-tools.sh         (run from anywhere)
#        SKIP_APT=1 bash scripts/install-tools.sh   to skip the Debian packages
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130

export PATH="$HOME/.cargo/bin:$PATH"
# No tool may fetch its own browser or binaries.
export PUPPETEER_SKIP_DOWNLOAD=1
export PUPPETEER_SKIP_CHROME_DOWNLOAD=1
export PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_NET_RETRY=5

log() { printf '[install-tools] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# 1. Debian packages: browsers, driver, zip.
if [ "${SKIP_APT:-0}" != 1 ]; then
  need=()
  for pkg in chromium chromium-driver firefox-esr zip unzip; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "apt-get install ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  else
    log "Debian packages present"
  fi
fi

# 2. Rust target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
else
  log "wasm32-unknown-unknown present"
fi

# 3. wasm-pack (one cargo build at a time: the machine has 2 cores).
if ! wasm-pack --version 2>/dev/null | grep -q " ${WASM_PACK_VERSION}\$"; then
  log "cargo install wasm-pack ${WASM_PACK_VERSION}"
  cargo install wasm-pack --version "${WASM_PACK_VERSION}" --locked -j 2
else
  log "wasm-pack ${WASM_PACK_VERSION} present"
fi

# 4. wasm-bindgen-cli: must match the crate's wasm-bindgen exactly; --locked fails for it.
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  log "cargo install wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" -j 2
else
  log "wasm-bindgen ${WASM_BINDGEN_VERSION} present"
fi

# 4b. cargo-fuzz for `make test-fuzz` (fuzz/README.md). It runs on the stable toolchain with
# RUSTC_BOOTSTRAP=1 and no sanitizer; libfuzzer-sys compiles libFuzzer with the C++ compiler.
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q " ${CARGO_FUZZ_VERSION}\$"; then
  log "cargo install cargo-fuzz ${CARGO_FUZZ_VERSION}"
  cargo install cargo-fuzz --version "${CARGO_FUZZ_VERSION}" --locked -j 2
else
  log "cargo-fuzz ${CARGO_FUZZ_VERSION} present"
fi
if ! command -v c++ >/dev/null 2>&1 && [ "${SKIP_APT:-0}" != 1 ]; then
  log "apt-get install g++ (libFuzzer is C++)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends g++
fi

# 5. npm packages of the test harness and the build (binaryen's wasm-opt, web-ext).
cd "$ROOT/tests/e2e"
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/puppeteer-core ] || [ ! -x node_modules/.bin/web-ext ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci in tests/e2e"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
else
  log "npm packages present"
fi
log "wasm-opt: $(node_modules/.bin/wasm-opt --version)"
log "done"
