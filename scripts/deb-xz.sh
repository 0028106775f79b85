#!/usr/bin/env bash
# Repacks each .deb the Tauri CLI made with xz instead of gzip: the CLI's bundler has no choice
# of compression (tauri-apps/tauri#9846), and xz makes the package about a third smaller. The
# package is otherwise the same: the same files, modes, times and control data, owned by root
# as the CLI makes them. dpkg reads xz since 1.15.6, older than any Debian or Ubuntu release
# still supported. .ci/linux-packages.sh checks the result with lintian.
# Usage: scripts/deb-xz.sh BUNDLE_DIR    (target/<profile>/bundle)
set -euo pipefail

bundle=${1:?usage: $0 BUNDLE_DIR}
shopt -s nullglob
debs=("$bundle"/deb/*.deb)
[ ${#debs[@]} -gt 0 ] || { echo "No .deb in $bundle/deb" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for deb in "${debs[@]}"; do
  rm -rf "$work/root"
  dpkg-deb --raw-extract "$deb" "$work/root"
  before=$(stat -c %s "$deb")
  dpkg-deb --root-owner-group -Zxz -z9 --build "$work/root" "$work/new.deb" >/dev/null
  mv "$work/new.deb" "$deb"
  after=$(stat -c %s "$deb")
  awk -v n="$(basename "$deb")" -v b="$before" -v a="$after" \
    'BEGIN { printf "%s: %.2f MiB with xz (%.2f MiB with gzip)\n", n, a / 1048576, b / 1048576 }'
done
