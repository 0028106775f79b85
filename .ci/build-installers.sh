#!/usr/bin/env bash
# Builds this platform's installers with the Tauri CLI pinned in package-lock.json (run
# `npm ci` first), signed when the signing variables are set and unsigned otherwise, then
# checks that the app links the crypto SQLCipher should use here.
#   Linux:   .deb, .rpm, AppImage (tauri.conf.json, tauri.linux.conf.json; the CLI downloads
#            linuxdeploy for the AppImage), then checked by .ci/linux-packages.sh (lintian...)
#   Windows: .msi and NSIS .exe   (tauri.windows.conf.json; WebView2's offline installer inside)
#   macOS:   .app and .dmg        (tauri.macos.conf.json)
# Signing (README, "Platforms"), never stored in the repository:
#   macOS: APPLE_CERTIFICATE, APPLE_CERTIFICATE_PASSWORD, APPLE_SIGNING_IDENTITY sign, and
#          APPLE_ID, APPLE_PASSWORD, APPLE_TEAM_ID notarize; the Tauri CLI reads them itself.
#   Windows: WINDOWS_CERTIFICATE_THUMBPRINT (a certificate in the runner's store), with
#          WINDOWS_TIMESTAMP_URL (default http://timestamp.digicert.com).
# TARGET, when set, is the Rust target to build for (x86_64-apple-darwin on an Apple silicon Mac).
set -euo pipefail
cd "$(dirname "$0")/.."

args=(build --ci)
out=target/release
if [ -n "${TARGET:-}" ]; then
  args+=(--target "$TARGET")
  out=target/$TARGET/release
fi
case "$(uname -s)" in
  Linux)
    bundles=deb,rpm,appimage ;;
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    bundles=msi,nsis
    if [ -n "${WINDOWS_CERTIFICATE_THUMBPRINT:-}" ]; then
      echo "Signing with the certificate ${WINDOWS_CERTIFICATE_THUMBPRINT:0:8}…"
      stamp=${WINDOWS_TIMESTAMP_URL:-http://timestamp.digicert.com}
      args+=(--config "{\"bundle\":{\"windows\":{\"certificateThumbprint\":\"$WINDOWS_CERTIFICATE_THUMBPRINT\",\"timestampUrl\":\"$stamp\"}}}")
    else
      echo "WINDOWS_CERTIFICATE_THUMBPRINT is not set: the installers are not signed."
    fi ;;
  Darwin)
    bundles=app,dmg
    # A secret that is not set arrives empty: unset it, so the CLI sees no signing asked for.
    for v in APPLE_CERTIFICATE APPLE_CERTIFICATE_PASSWORD APPLE_SIGNING_IDENTITY APPLE_ID APPLE_PASSWORD APPLE_TEAM_ID; do
      [ -z "${!v:-}" ] && unset "$v"
    done
    if [ -z "${APPLE_SIGNING_IDENTITY:-}" ]; then
      echo "APPLE_SIGNING_IDENTITY is not set: the app is not signed or notarized."
    fi
    # OpenSSL found through OPENSSL_DIR would replace CommonCrypto (libsqlite3-sys's build.rs).
    unset OPENSSL_DIR OPENSSL_LIB_DIR OPENSSL_INCLUDE_DIR ;;
  *)
    echo "No installers for $(uname -s)" >&2
    exit 1 ;;
esac

npx --no-install tauri "${args[@]}" --bundles "$bundles"

# SQLCipher's crypto, as linked: the system's libcrypto on Linux, CommonCrypto on macOS.
app=$out/allies
case "$(uname -s)" in
  Linux)
    ldd "$app" | grep -q 'libcrypto\.so' ||
      { echo "The app does not link the system's libcrypto: SQLCipher has no crypto" >&2; exit 1; }
    # The shipped .deb and .rpm, checked as `make test` checks its own build of them.
    scripts/deb-xz.sh "$out/bundle"
    .ci/linux-packages.sh "$out/bundle" ;;
  Darwin)
    otool -L "$app" | grep -q 'Security.framework' ||
      { echo "The app does not link Security.framework: SQLCipher is not on CommonCrypto" >&2; exit 1; }
    if otool -L "$app" | grep -qi 'libcrypto'; then
      echo "The app links an OpenSSL libcrypto on macOS: SQLCipher should use CommonCrypto" >&2
      exit 1
    fi ;;
esac
ls -l "$out"/bundle/*/
