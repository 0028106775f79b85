#!/usr/bin/env bash
# Checks, without their toolchains, that the app resolves for Windows and macOS as it should
# (and compiles the shell's Windows and macOS desktop modules for them, at the end):
# `cargo tree` for each target (it needs no compiler for it) shows no Linux desktop crate
# (GTK, WebKitGTK, JavaScriptCore, libsoup, D-Bus) and SQLCipher built with that platform's
# crypto. libsqlite3-sys's build.rs decides the crypto from the features and the platform:
#   Windows: "bundled-sqlcipher-vendored-openssl" (OpenSSL built from source, linked statically)
#   macOS:   "bundled-sqlcipher" alone, so CommonCrypto (-DSQLCIPHER_CRYPTO_CC, Security.framework)
#   Linux:   "bundled-sqlcipher" alone, so the system's libcrypto (libssl-dev)
# Run from anywhere: .ci/platforms.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Crates that only exist for a Linux desktop; none may reach a Windows or macOS build.
linux_only='^(gtk|gtk-sys|gdk|gdk-sys|gdkx11|gdkx11-sys|gdkwayland-sys|gdk-pixbuf|gdk-pixbuf-sys|webkit2gtk|webkit2gtk-sys|javascriptcore-rs|javascriptcore-rs-sys|soup3|soup3-sys|glib|glib-sys|gio|gio-sys|atk|atk-sys|libappindicator|libappindicator-sys|zbus|zbus_macros|zbus_names|dbus|libdbus-sys|x11|x11-dl|wayland-client) v'

failures=()
fail() { failures+=("$1"); }

# The features libsqlite3-sys is built with for target $1, one name a line.
sqlite_features() {
  local tree
  tree=$(cargo tree -p allies-core -e normal,features -i libsqlite3-sys --target "$1" \
    --prefix none 2>&1) || { echo "(cargo tree failed: $tree)"; return; }
  sed -n 's/^libsqlite3-sys feature "\([^"]*\)".*/\1/p' <<<"$tree" | sort -u
}

check_target() {
  local target=$1 crypto=$2 webview=$3 tree features
  if ! tree=$(cargo tree -p allies -e normal --target "$target" --prefix none 2>&1); then
    fail "$target: the app's dependencies do not resolve:"$'\n'"$tree"
    return
  fi
  # The platform's own web view, so an empty or wrong tree cannot pass.
  grep -qE "^$webview v" <<<"$tree" ||
    fail "$target: the app's tree has no $webview: is this the app's dependency tree?"
  local found=""
  [ "$webview" != webkit2gtk ] && found=$(grep -E "$linux_only" <<<"$tree" | sort -u || true)
  if [ -n "$found" ]; then
    local why
    why=$(cargo tree -p allies -e normal --target "$target" \
      -i "$(head -1 <<<"$found" | sed 's/ v\([^ ]*\).*/@\1/')" 2>/dev/null | head -12 || true)
    fail "$target: Linux-only crates in the app's build (put them under [target.'cfg(target_os = \"linux\")'.dependencies]):"$'\n'"$found"$'\n'"Pulled in by:"$'\n'"$why"
  fi
  features=$(sqlite_features "$target")
  if ! grep -qx "bundled-sqlcipher" <<<"$features"; then
    fail "$target: libsqlite3-sys is built without SQLCipher (feature bundled-sqlcipher); it has: $(tr '\n' ' ' <<<"$features")"
  fi
  case $crypto in
    vendored-openssl)
      grep -qx "bundled-sqlcipher-vendored-openssl" <<<"$features" ||
        fail "$target: SQLCipher has no crypto here: Windows has no OpenSSL, so core/Cargo.toml must give rusqlite the feature bundled-sqlcipher-vendored-openssl on cfg(windows)" ;;
    commoncrypto | system-libcrypto)
      if grep -qx "bundled-sqlcipher-vendored-openssl" <<<"$features"; then
        fail "$target: SQLCipher would use a vendored OpenSSL instead of $crypto (feature bundled-sqlcipher-vendored-openssl reaches this target)"
      fi ;;
  esac
}

check_target x86_64-pc-windows-msvc vendored-openssl webview2-com
check_target aarch64-apple-darwin commoncrypto objc2-web-kit
check_target x86_64-apple-darwin commoncrypto objc2-web-kit
check_target x86_64-unknown-linux-gnu system-libcrypto webkit2gtk

# The Windows and macOS desktop modules (pop-ups, lock signals) are compiled and linted for
# Windows and macOS themselves: the app cannot be (SQLCipher's C and OpenSSL need the target's C
# compiler), but these modules need none, so tests/desktop-targets builds them with the real
# windows and objc2 crates and core's own notification file. Each target's standard library
# comes from rustup; where rustup cannot fetch it (a machine that reaches only the package
# registries), the check is counted as skipped, in the closing line of make test, and says why.
compiled=0
skipped=()
desktop_modules() {
  local target=$1 modules=$2 out
  if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    if ! out=$(rustup target add "$target" 2>&1); then
      skipped+=("$modules for $target: its Rust standard library could not be fetched (rustup target add $target: $(tail -1 <<<"$out")); the GitHub workflow compiles it on that system")
      return
    fi
  fi
  if ! out=$(CARGO_TARGET_DIR=target/desktop-targets cargo clippy --quiet --locked \
    --manifest-path tests/desktop-targets/Cargo.toml --target "$target" \
    -- -D warnings 2>&1); then
    fail "$modules does not compile cleanly for $target (tests/desktop-targets):"$'\n'"$out"
    return
  fi
  compiled=$((compiled + 1))
}
desktop_modules x86_64-pc-windows-msvc src-tauri/src/desktop/windows/
desktop_modules aarch64-apple-darwin src-tauri/src/desktop/macos/

if [ ${#failures[@]} -gt 0 ]; then
  echo "Platform check FAILED (.ci/platforms.sh):" >&2
  printf '\n- %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "Platform check: Windows and macOS (x86_64, aarch64) resolve without Linux desktop crates; SQLCipher uses vendored OpenSSL on Windows, CommonCrypto on macOS, the system's libcrypto on Linux; $compiled of 2 systems' desktop modules (pop-ups, lock signals) compile and lint clean for their own targets."
for why in "${skipped[@]}"; do
  echo "Skipped: $why."
done
# Counted in make test's closing line (scripts/test-summary.sh).
echo "# pass $compiled"
echo "# skipped ${#skipped[@]}"
