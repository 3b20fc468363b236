# redflag: the browser extension build (WASM engine + packages) and its browser tests.
#   make            builds dist/chromium/, dist/firefox/, dist/redflag-chromium.zip, dist/redflag-firefox.zip
#   make test-ext   eslint (lint-js), wasm-bindgen tests in headless Chromium, end-to-end suites
#                   in Chromium and Firefox ESR, web-ext lint
#   make lint-js    eslint on extension/, scripts/ and tests/e2e/ (eslint.config.mjs)
#   make tools      installs the toolchain (scripts/install-tools.sh; idempotent)
#   make test       everything CI runs (.ci/run): lints and docs, Rust tests, bundle lint and
#                   examples, a fuzz smoke run, then test-ext (below, "the README's test command")

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

E2E      := tests/e2e
NODE_BIN := $(CURDIR)/$(E2E)/node_modules/.bin
# wasm-opt from the npm package binaryen (132) comes first: Debian's binaryen 108 produces
# modules that fail at load time.
export PATH := $(NODE_BIN):$(HOME)/.cargo/bin:$(PATH)
export PUPPETEER_SKIP_DOWNLOAD := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export NO_UPDATE_NOTIFIER := 1
export CARGO_TERM_PROGRESS_WHEN := never

PKG      := target/wasm-pkg
WASM     := $(PKG)/redflag_bg.wasm
# The lean module (cargo feature `documents` off: src/wasm.rs): what a restarted service worker
# loads to read the shipped tables. The full module (above) loads only when documents are needed.
PKG_LEAN := target/wasm-pkg-lean
WASM_LEAN := $(PKG_LEAN)/redflag_lean_bg.wasm
BUNDLE   := target/redflag-bundle.json
# The engine's prebuilt tables for $(BUNDLE) (src/prebuilt.rs), written with it.
TABLES   := target/redflag-bundle.tables
STAMP    := target/.wasm-checked
DIST     := dist
# Features rustc enables for wasm32-unknown-unknown; wasm-opt must accept the same ones.
WASM_OPT_FLAGS := -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                  --enable-mutable-globals --enable-reference-types --enable-multivalue

RUST_SRC := Cargo.toml $(wildcard Cargo.lock build.rs) $(shell find src -name '*.rs' 2>/dev/null)
RULES    := $(shell find rules -type f 2>/dev/null)
EXT_SRC  := $(shell find extension -type f 2>/dev/null) scripts/assemble.mjs scripts/languages.mjs scripts/png.mjs

.PHONY: all tools wasm bundle dist test-ext test-wasm test-e2e lint-ext lint-js clean-ext sizes

all: dist

tools:
	bash scripts/install-tools.sh

$(NODE_BIN)/wasm-opt: $(E2E)/package.json $(wildcard $(E2E)/package-lock.json)
	cd $(E2E) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

# The default rules, compiled by the native CLI into one JSON document.
$(BUNDLE): $(RUST_SRC) $(RULES)
	@mkdir -p $(dir $@)
	cargo run --release -q -- compile -o $@ --tables $(TABLES)

bundle: $(BUNDLE)

# Release WASM without wasm-pack's own optimizer (it would download one), then wasm-opt from
# npm binaryen, then the load-and-classify check in Node. For the .wasm only (the native build
# keeps Cargo.toml's profile): LTO with one codegen unit (about 10 % smaller) and opt-level 3:
# 10 % fewer instructions per classified byte than opt-level "s" in V8 (the lean module 228 ->
# 241 KB gzipped, under its 250 KB budget; BENCHMARKS.md, "Issue 14, ninth round"); "s" was
# chosen when it saved 15 KB that the budget then needed (".wasm size"); "z" is ~30 % slower;
# wasm-opt -Oz instead of -O3 saves under 1 KB. Per-crate
# opt-level "z" for the cold crates (serde_json, sha2, the curve) made it 1 KB larger, not
# smaller (BENCHMARKS.md, ".wasm size, fourth round"). Two modules, one after the other (each
# an LTO build of this crate; the dependencies are shared): the full one and the lean one
# (BENCHMARKS.md, "Issue 14, fifth round").
WASM_PACK := CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_OPT_LEVEL=3 \
             wasm-pack build --release --target web --no-opt
$(STAMP): $(RUST_SRC) $(BUNDLE) $(NODE_BIN)/wasm-opt scripts/check-wasm.mjs
	$(WASM_PACK) --out-dir $(CURDIR)/$(PKG) --out-name redflag . -- --no-default-features --features documents
	wasm-opt $(WASM_OPT_FLAGS) $(WASM) -o $(WASM).opt
	mv $(WASM).opt $(WASM)
	$(WASM_PACK) --out-dir $(CURDIR)/$(PKG_LEAN) --out-name redflag_lean . -- --no-default-features
	wasm-opt $(WASM_OPT_FLAGS) $(WASM_LEAN) -o $(WASM_LEAN).opt
	mv $(WASM_LEAN).opt $(WASM_LEAN)
	node scripts/check-wasm.mjs $(PKG) $(BUNDLE) $(PKG_LEAN)
	touch $@

wasm: $(STAMP)

$(DIST)/.built: $(STAMP) $(BUNDLE) $(EXT_SRC)
	node scripts/assemble.mjs --pkg $(PKG) --lean $(PKG_LEAN) --bundle $(BUNDLE) --tables $(TABLES) --out $(DIST)
	touch $@

dist: $(DIST)/.built $(DIST)/.check-site-built

# The "check a message" page as a standalone offline web site (dist/check-site/ and
# dist/redflag-check-site.zip), from the assembled extension: scripts/build-check-site.mjs.
CHECK_SITE_SRC := scripts/build-check-site.mjs scripts/png.mjs $(wildcard scripts/check-site/*)
$(DIST)/.check-site-built: $(DIST)/.built $(CHECK_SITE_SRC)
	node scripts/build-check-site.mjs --from $(DIST)/chromium --out $(DIST)/check-site --zip $(DIST)/redflag-check-site.zip
	touch $@

.PHONY: check-site
check-site: $(DIST)/.check-site-built

sizes: dist
	@for m in redflag_lean redflag; do f=$(DIST)/chromium/engine/$${m}_bg.wasm; \
	  echo "$$m: $$(stat -c %s $$f) bytes raw, $$(gzip -9 -c $$f | wc -c) bytes gzipped"; done; ls -l $(DIST)/*.zip

# The #[wasm_bindgen_test] tests of the full module in headless Chromium: what `wasm-pack test
# --headless --chrome` runs (cargo test with wasm-bindgen-test-runner, which drives Debian's
# chromedriver), limited to tests/wasm_bindings.rs: wasm-pack adds `--tests`, which also builds
# the native-only test files for wasm32. The lean module is checked in Node (check-wasm.mjs).
test-wasm: $(BUNDLE)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=$$(command -v chromedriver) \
	WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --target wasm32-unknown-unknown --no-default-features --features documents --test wasm_bindings

# The end-to-end suites, one file at a time, in three lines run side by side, then one alone:
# - the suites that load no extension (Node only, or the packaged content scripts in a blank
#   Chromium page: a few seconds each, with generous timeouts);
# - the extension suites in Chromium (E2E_CHROMIUM), printed as they run;
# - the extension suites in Firefox ESR (E2E_FIREFOX; frames-count and ngo launch both
#   browsers). One browser suite keeps 0.6-0.85 of a core busy (CPU time / wall time; the rest
#   is waiting for pages, timers and the extension), so one line of them left the second core
#   mostly idle: the two lines run side by side (763 s of test time in one line, about 300 and
#   330 in two). Each test process loads its own copy of the package (lib/common.mjs,
#   requireDist), so no suite removes a copy another one's browser has loaded;
# - then, alone, the two suites that time the page: hostile.test.mjs (the longest gap between
#   frames while 50,000 posts are checked) and chromium.test.mjs (no long task over 200 ms in
#   the endless feed; it failed beside the Firefox line at load 17).
# The output of the lines run in the background is held in target/e2e-<line>.log and printed
# when they end; any suite failing fails the target, once every line has finished. With
# E2E_LINTS=1 (test-ext) the first line also runs lint-js and lint-ext (~5 s of CPU each) after
# its suites: beside the browser lines, before the suite that runs alone. (Their commands are
# variables, not sub-makes: a recipe line naming $$(MAKE) would run even under `make -n`.)
E2E_LINTS    :=
E2E_PLAIN    := unit.test.mjs languages.test.mjs extract.test.mjs discover.test.mjs blind3-reading.test.mjs blind4-reading.test.mjs blind5-reading.test.mjs blind6-reading.test.mjs
E2E_CHROMIUM := sites.chromium.test.mjs blind.chromium.test.mjs blind2.chromium.test.mjs blind3.chromium.test.mjs blind4.chromium.test.mjs blind5.chromium.test.mjs blind6.chromium.test.mjs check.test.mjs check-site-extension.test.mjs
E2E_FIREFOX  := ngo.test.mjs sites.firefox.test.mjs firefox.test.mjs blind.firefox.test.mjs blind2.firefox.test.mjs blind3.firefox.test.mjs blind4.firefox.test.mjs blind5.firefox.test.mjs blind6.firefox.test.mjs mobile.firefox.test.mjs check-site-extension.firefox.test.mjs frames-count.test.mjs
E2E_ALONE    := hostile.test.mjs chromium.test.mjs
E2E_RUN      := node --test --test-concurrency=1
test-e2e: dist
	@rm -rf target/e2e-dist; mkdir -p target
	(s=0; (cd $(E2E) && $(E2E_RUN) $(E2E_PLAIN)) || s=$$?; \
	 if [ -n "$(E2E_LINTS)" ]; then echo "== lint-js"; ($(LINT_JS)) || s=$$?; echo "== lint-ext"; ($(LINT_EXT)) || s=$$?; fi; \
	 exit $$s) >target/e2e-plain.log 2>&1 & plain=$$!; \
	(cd $(E2E) && $(E2E_RUN) $(E2E_FIREFOX)) >target/e2e-firefox.log 2>&1 & firefox=$$!; \
	chromium=0; (cd $(E2E) && $(E2E_RUN) $(E2E_CHROMIUM)) || chromium=$$?; \
	echo "== $$(date -u +%T) the Chromium line has ended"; \
	ff=0; wait $$firefox || ff=$$?; \
	echo "== $$(date -u +%T) the Firefox line ($(E2E_FIREFOX)):"; cat target/e2e-firefox.log; \
	status=0; wait $$plain || status=$$?; \
	echo "== the suites without the extension ($(E2E_PLAIN)) $(if $(E2E_LINTS),and lint-js and lint-ext):"; cat target/e2e-plain.log; \
	echo "== $$(date -u +%T) alone: $(E2E_ALONE)"; \
	alone=0; (cd $(E2E) && $(E2E_RUN) $(E2E_ALONE)) || alone=$$?; \
	[ $$status -eq 0 ] || echo "test-e2e: a suite without the extension $(if $(E2E_LINTS),or a lint )FAILED (above)"; \
	[ $$chromium -eq 0 ] || echo "test-e2e: a Chromium suite FAILED (the first part of the output)"; \
	[ $$ff -eq 0 ] || echo "test-e2e: a Firefox suite FAILED (above)"; \
	[ $$alone -eq 0 ] || echo "test-e2e: a suite run alone ($(E2E_ALONE)) FAILED (above)"; \
	[ $$status -eq 0 ] && [ $$chromium -eq 0 ] && [ $$ff -eq 0 ] && [ $$alone -eq 0 ]

LINT_EXT := cd $(E2E) && web-ext lint --source-dir $(CURDIR)/$(DIST)/firefox --no-config-discovery
lint-ext: dist
	$(LINT_EXT)

# eslint from tests/e2e/node_modules (installed with the other tools); needs no build.
LINT_JS := eslint extension scripts tests/e2e eslint.config.mjs
lint-js: $(NODE_BIN)/wasm-opt
	$(LINT_JS)

# eslint and web-ext lint run beside the browser suites (test-e2e, E2E_LINTS); each step
# prints the time it starts.
test-ext: dist
	@echo "== $$(date -u +%T) test-wasm"
	$(MAKE) --no-print-directory test-wasm
	@echo "== $$(date -u +%T) test-e2e, with lint-js and lint-ext"
	$(MAKE) --no-print-directory test-e2e E2E_LINTS=1

clean-ext:
	rm -rf $(DIST) $(PKG) $(PKG_LEAN) $(BUNDLE) $(TABLES) $(STAMP) target/e2e-screenshots

# ---------------------------------------------------------------- the README's test command
# (owned by the lead; `.ci/run` calls it)
# Installs the tools first (idempotent), then: every Rust test (engine, CLI, corpora, properties,
# fuzz regressions), the bundles' own examples and lint, and the extension in real browsers.
.PHONY: test test-rust test-rules test-lint test-fuzz
# Each step prints the time it starts, so a slow CI run shows where its minutes went.
test: tools
	@echo "== $$(date -u +%T) test-lint"
	$(MAKE) --no-print-directory test-lint
	@echo "== $$(date -u +%T) test-rust"
	$(MAKE) --no-print-directory test-rust
	@echo "== $$(date -u +%T) test-rules"
	$(MAKE) --no-print-directory test-rules
	@echo "== $$(date -u +%T) test-fuzz"
	$(MAKE) --no-print-directory test-fuzz
	@echo "== $$(date -u +%T) test-ext"
	$(MAKE) --no-print-directory test-ext
	@echo "== $$(date -u +%T) done"

# (cargo test includes the performance regression guard, tests/perf_guard.rs)
test-rust:
	cargo test

test-rules:
	cargo run --release -q -- lint
	cargo run --release -q -- test

# Formatting, clippy (native with tests, and the wasm32 build that holds src/wasm.rs) with
# every warning an error, and the API docs with broken intra-doc links an error. The reference
# docs say what things are and why, not which issue brought them (dated logs such as
# BENCHMARKS.md and docs/QUALITY.md may).
DOCS_WITHOUT_ISSUES := README.md CONTRIBUTING.md docs/DESIGN.md docs/BUNDLE_FORMAT.md docs/EXTENSION.md fuzz/README.md
test-lint:
	@if grep -n -i -E '\bissues? #?[0-9]' $(DOCS_WITHOUT_ISSUES); then \
	  echo "test-lint: name the subject, not the issue number, in these docs"; exit 1; fi
	cargo fmt --check
	cargo clippy -q -j 2 --all-targets -- -D warnings
	cargo clippy -q -j 2 --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy -q -j 2 --target wasm32-unknown-unknown --no-default-features --features documents -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -q -j 2 --no-deps

# Every fuzz target (fuzz/README.md) for FUZZ_SECONDS each, from the committed seeds
# (fuzz/seeds/), the inputs that once failed (tests/fuzz-regressions/<target>/, replayed first:
# libFuzzer runs every corpus input before it mutates) and whatever fuzz/corpus/ holds from
# earlier runs (the first folder, the only one libFuzzer writes to). cargo-fuzz on the stable
# toolchain: RUSTC_BOOTSTRAP=1 allows the -Z flags it passes, and without a sanitizer
# (-s none) nothing needs nightly's sanitizer runtimes. A crash fails the run and leaves the
# input in fuzz/artifacts/<target>/. libFuzzer uses one core per target, so FUZZ_JOBS targets
# (2: CI has 2 cores) run at a time, each still for FUZZ_SECONDS: 7 x 30 s take 120 s, not 210.
# Each target's log is fuzz/corpus/<target>.log; a failed target's tail is printed once the
# targets running beside it have finished. -timeout (one input) is 30 s: the first input of
# `classify` also builds the engine from the default bundles (about 1 s of CPU, instrumented),
# which took over 12 s on a loaded 2-core machine and failed the run at -timeout=10; a hang still
# fails it.
FUZZ_TARGETS := bundle_json bundle_toml classify phrase_parse signing_open bundle_arbitrary tables_read
FUZZ_SECONDS ?= 30
FUZZ_JOBS ?= 2
test-fuzz:
	cd fuzz && CARGO_BUILD_JOBS=2 RUSTC_BOOTSTRAP=1 cargo fuzz build -s none
	@targets=($(FUZZ_TARGETS)); \
	for ((i = 0; i < $${#targets[@]}; i += $(FUZZ_JOBS))); do \
	  batch=("$${targets[@]:i:$(FUZZ_JOBS)}"); pids=(); failed=(); \
	  for t in "$${batch[@]}"; do \
	    mkdir -p fuzz/corpus/$$t fuzz/seeds/$$t; \
	    old=; if [ -d tests/fuzz-regressions/$$t ]; then old=../tests/fuzz-regressions/$$t; fi; \
	    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none $$t corpus/$$t seeds/$$t $$old -- \
	        -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=2048) >fuzz/corpus/$$t.log 2>&1 & \
	    pids+=($$!); \
	  done; \
	  for j in "$${!batch[@]}"; do \
	    t=$${batch[j]}; \
	    if wait "$${pids[j]}"; then echo "fuzz $$t: $$(grep -E '^Done' fuzz/corpus/$$t.log)"; else failed+=("$$t"); fi; \
	  done; \
	  for t in "$${failed[@]}"; do tail -n 40 fuzz/corpus/$$t.log; echo "fuzz $$t: FAILED (input in fuzz/artifacts/$$t/)"; done; \
	  [ $${#failed[@]} -eq 0 ] || exit 1; \
	done

# ---------------------------------------------------------------- hardening
# check-privacy: static check of extension code, manifests and CSP (also run by unit.test.mjs,
# so `make test-ext` runs it). test-hostile: the hostile-page, page-privacy and soak suite
# alone (also part of test-e2e).
.PHONY: check-privacy test-hostile
check-privacy: dist
	bash scripts/check-privacy.sh $(DIST)/chromium $(DIST)/firefox

test-hostile: dist
	cd $(E2E) && node --test --test-concurrency=1 hostile.test.mjs

# ---------------------------------------------------------------- benchmarks
# `make bench`: release CLI, the packaged extension, the native harness (bench/native), then
# bench/run.mjs prints one table and writes target/bench/summary.json. Non-zero exit when a
# result is wrong (native and WASM verdicts differ, banners missing or wrong). BENCHMARKS.md.
.PHONY: bench bench-native
bench-native:
	cargo build --release -q
	cp Cargo.lock bench/native/Cargo.lock
	CARGO_TARGET_DIR=$(CURDIR)/target/bench-native cargo build --release -q --offline --manifest-path bench/native/Cargo.toml

bench: tools
	$(MAKE) --no-print-directory dist bench-native
	node bench/run.mjs

# Only the extension's figures (service-worker start-up with its parts, the 1,000-post feed
# with the content script's time by function): about a minute.
.PHONY: bench-page
bench-page: tools
	$(MAKE) --no-print-directory dist
	node bench/page.mjs

# ---------------------------------------------------------------- NGO branded builds
# `make ngo-example`: the fictional example NGO's packages (ngo/example-rs/ngo.toml) in
# dist-ngo/primer-rs/ with SHA256SUMS; see docs/NGO.md. Signed with the end-to-end TEST key:
# never distribute it. A real NGO runs scripts/ngo-build.mjs with its own config and key.
.PHONY: ngo-example
ngo-example: dist
	node scripts/ngo-build.mjs ngo/example-rs/ngo.toml --out dist-ngo --sign-key tests/e2e/keys/e2e-publisher.key
