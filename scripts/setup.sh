#!/usr/bin/env bash
# Installs what a fresh machine lacks: Debian packages for Tauri, rustfmt/clippy, the npm
# dependencies (the pinned OpenCode server among them) and the UI's. Safe to run again: each
# step is skipped or quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config file git
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  libsqlite3-dev  # the offline copies (crates/session-cache) link the system SQLite; WebKitGTK already needs libsqlite3-0
  xvfb xauth
  gnome-keyring libsecret-tools dbus-x11  # a Secret Service for the keychain test (test.sh `keychain`)
  dbus-daemon  # a private bus for the notification click test (src-tauri/src/notifications.rs)
  ripgrep  # OpenCode searches with rg and would otherwise try to download it
  # End-to-end tests (scripts/e2e.sh): WebKitWebDriver, a tray host, real key presses, screen
  # shots, and `ip` for the tests' private network namespace; scripts/package.sh uses the same.
  webkit2gtk-driver trayer xdotool imagemagick iproute2
  tmux  # runs real terminal OpenCodes whose screens e2e/tui-control.test.mjs reads (e2e/tmux.mjs)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if command -v rustup >/dev/null; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi

# tauri-driver, the WebDriver front for the app (scripts/e2e.sh): built from crates.io, about 30 s.
TAURI_DRIVER_VERSION=2.1.0
if ! cargo install --list 2>/dev/null | grep -q "^tauri-driver v$TAURI_DRIVER_VERSION:"; then
  echo "setup: installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --quiet
fi

# `npm ci` fails here (the lockfile lacks other platforms' optional packages); `npm install`
# with the committed lockfile installs exactly what it pins.
echo "setup: npm dependencies"
npm install --no-audit --no-fund --loglevel=error
npm --prefix ui install --no-audit --no-fund --loglevel=error

bin="node_modules/opencode-linux-x64/bin/opencode"
if [[ -x "$bin" ]]; then
  echo "setup: OpenCode $("$bin" --version) at $bin"
else
  echo "setup: the pinned OpenCode binary is missing at $bin" >&2
  exit 1
fi
