#!/usr/bin/env bash
# Checks the Linux packages the Tauri CLI made, as a distribution would, and fails on any error:
#   .deb  compressed with xz; lintian with no error (its warnings are shown); the .desktop file
#         inside passes desktop-file-validate and names an icon the package has; the declared
#         Depends cover what dpkg-shlibdeps finds the binary needs (libc6 at the version its
#         symbols ask for)
#   .rpm  compressed with xz; its digests verify; it requires every shared library the binary
#         links (by soname, as rpmbuild would generate them) and glibc at the version its
#         symbols ask for; it carries the binary (stripped), the .desktop file (valid too),
#         the licence, the changelog and the manual page
# Usage: .ci/linux-packages.sh BUNDLE_DIR    (target/<profile>/bundle)
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=$(realpath "${1:?usage: $0 BUNDLE_DIR}")
version=$(node -p 'JSON.parse(require("fs").readFileSync("tauri.conf.json", "utf8")).version')
deb=$(ls "$bundle"/deb/Allies_"$version"_*.deb 2>/dev/null | head -1 || true)
rpm=$(ls "$bundle"/rpm/Allies-"$version"-*.rpm 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "No .deb in $bundle/deb for version $version" >&2; exit 1; }
[ -n "$rpm" ] || { echo "No .rpm in $bundle/rpm for version $version" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=()
fail() { failures+=("$1"); }

# --- .deb ---
echo "== lintian $deb"
# Root is how CI runs; lintian only warns about it. --fail-on error: warnings are listed, not fatal.
lintian --fail-on error --display-info --tag-display-limit 0 "$deb" || fail "lintian reports errors in the .deb (above)"

dpkg-deb -x "$deb" "$work/deb"
# scripts/deb-xz.sh repacks what the CLI makes with gzip.
ar t "$deb" | grep -qx 'data.tar.xz' || fail ".deb: its files are not compressed with xz (scripts/deb-xz.sh)"
dpkg-deb -f "$deb" Depends >"$work/depends"
echo "== Depends: $(cat "$work/depends")"

desktop=("$work"/deb/usr/share/applications/*.desktop)
[ -f "${desktop[0]}" ] || fail ".deb: no .desktop file in /usr/share/applications"
for f in "${desktop[@]}"; do
  [ -f "$f" ] || continue
  desktop-file-validate "$f" || fail ".deb: $(basename "$f") fails desktop-file-validate (above)"
  icon=$(sed -n 's/^Icon=//p' "$f")
  compgen -G "$work/deb/usr/share/icons/hicolor/*/apps/$icon.png" >/dev/null ||
    fail ".deb: $(basename "$f") names the icon '$icon', which the package does not have"
done

# What the binary needs, as dpkg-shlibdeps (Debian's own tool) works it out from the libraries
# it links and their symbols; each package it names must be in Depends (or an alternative
# there, as libssl3 | libssl3t64), and libc6 at least at the version it asks for.
mkdir -p "$work/shlibs/debian"
printf 'Source: allies\n\nPackage: allies\nArchitecture: any\n' >"$work/shlibs/debian/control"
shlibs=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$work/deb/usr/bin/allies" 2>"$work/shlibdeps.err") ||
  { cat "$work/shlibdeps.err" >&2; fail "dpkg-shlibdeps failed on the binary"; }
shlibs=${shlibs#shlibs:Depends=}
echo "== dpkg-shlibdeps: $shlibs"
# Package names only, one a line, without versions and without the t64 suffix of the 64-bit
# time transition (libglib2.0-0t64 provides libglib2.0-0, so either name satisfies the other).
names() { sed 's/([^)]*)//g' | tr ',|' '\n\n' | sed 's/^ *//; s/ *$//; s/t64$//' | sed '/^$/d'; }
declared=$'\n'$(names <"$work/depends")$'\n'
IFS=',' read -ra needed <<<"$shlibs"
for dep in "${needed[@]}"; do
  # One alternative of the needed ones is enough.
  ok=
  for alt in $(names <<<"$dep"); do
    [[ "$declared" == *$'\n'"$alt"$'\n'* ]] && ok=1
  done
  [ -n "$ok" ] || fail ".deb: Depends lacks $(xargs <<<"$dep") (dpkg-shlibdeps finds the binary needs it): add it to bundle.linux.deb.depends in tauri.conf.json"
done
libc_needed=$(grep -o 'libc6 (>= [^)]*)' <<<"$shlibs" | sed 's/.*>= //; s/)//' || true)
libc_declared=$(grep -o 'libc6 (>= [^)]*)' "$work/depends" | sed 's/.*>= //; s/)//' || true)
if [ -z "$libc_declared" ]; then
  fail ".deb: Depends has no versioned libc6"
elif [ -n "$libc_needed" ] && dpkg --compare-versions "$libc_declared" lt "$libc_needed"; then
  fail ".deb: Depends says libc6 (>= $libc_declared), the binary needs libc6 (>= $libc_needed)"
fi

# --- .rpm ---
echo "== rpm $rpm"
rpm -K --nosignature "$rpm" || fail ".rpm: its digests do not verify"
rpm -qpi "$rpm"
[ "$(rpm -qp --queryformat '%{PAYLOADCOMPRESSOR}' "$rpm")" = xz ] ||
  fail ".rpm: its payload is not compressed with xz (bundle.linux.rpm.compression in tauri.conf.json)"
requires=$(rpm -qpR "$rpm")
echo "== Requires:"
sed 's/^/  /' <<<"$requires"
binary=$work/deb/usr/bin/allies
for lib in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  grep -qxF "$lib()(64bit)" <<<"$requires" ||
    fail ".rpm: does not require $lib()(64bit), which the binary links: add it to bundle.linux.rpm.depends in tauri.conf.json"
done
# glibc at the version the binary's symbols ask for, as libc6 (>= …) in the .deb: the highest
# GLIBC_ version it needs from libc.so.6 and from libm.so.6, named as rpmbuild names them.
while read -r lib version; do
  grep -qxF "$lib($version)(64bit)" <<<"$requires" ||
    fail ".rpm: does not require $lib($version)(64bit), the newest glibc symbols the binary uses from $lib: add it to bundle.linux.rpm.depends"
done < <(readelf -V "$binary" | awk '/File:/ { f = $5 } /Name: GLIBC_/ { print f, $3 }' |
  grep -E '^lib(c|m)\.so\.6 ' | sort -V | awk '{ top[$1] = $2 } END { for (l in top) print l, top[l] }')
files=$(rpm -qpl "$rpm")
for f in /usr/bin/allies /usr/share/applications/Allies.desktop /usr/share/licenses/allies/copyright \
  /usr/share/doc/allies/changelog.gz /usr/share/man/man1/allies.1.gz; do
  grep -qxF "$f" <<<"$files" || fail ".rpm: $f is missing"
done
# rpm2cpio exits 1 on this package although it unpacks all of it: it compares what it read
# with an archive-size tag, which the CLI's pure-Rust rpm writer does not set. So every file
# unpacked is checked against the SHA-256 digest in the package's header instead.
mkdir -p "$work/rpm"
(cd "$work/rpm" && { rpm2cpio "$rpm" || true; } | cpio -idm --quiet)
while read -r path digest; do
  [ -n "$digest" ] || continue
  [ "$(sha256sum <"$work/rpm$path" | cut -d' ' -f1)" = "$digest" ] ||
    fail ".rpm: $path does not unpack to the digest in its header"
done < <(rpm -qp --qf '[%{FILENAMES} %{FILEDIGESTS}\n]' "$rpm")
desktop-file-validate "$work/rpm/usr/share/applications/Allies.desktop" ||
  fail ".rpm: Allies.desktop fails desktop-file-validate (above)"
# (The two binaries differ in a few bytes: the CLI marks each with the kind of package it is in.)
if readelf -S "$work/rpm/usr/bin/allies" | grep -q '\.symtab'; then
  fail ".rpm: /usr/bin/allies is not stripped"
fi

if [ ${#failures[@]} -gt 0 ]; then
  echo "Linux package check FAILED (.ci/linux-packages.sh):" >&2
  printf -- '- %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "Linux packages: the .deb passes lintian with no error and its .desktop file desktop-file-validate; Depends cover what dpkg-shlibdeps finds; the .rpm verifies, requires every library the binary links and carries its files."
