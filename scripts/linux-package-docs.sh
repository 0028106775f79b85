#!/usr/bin/env bash
# Compresses the Linux packages' changelog (src-tauri/linux/changelog, Debian's format) and manual
# page (src-tauri/linux/allies.1) into target/package-docs/, as Debian's policy asks: gzip at its
# best compression, with no file name or time stamp inside, so the same text always gives the
# same bytes. The Tauri CLI runs this before it bundles (build.beforeBundleCommand in
# tauri.linux.conf.json); the .deb and the .rpm take the files from there (bundle.linux.*.files
# in tauri.conf.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/package-docs
gzip -9 -n --stdout src-tauri/linux/changelog >target/package-docs/changelog.gz
gzip -9 -n --stdout src-tauri/linux/allies.1 >target/package-docs/allies.1.gz
