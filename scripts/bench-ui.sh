#!/usr/bin/env bash
# Front-end speed benchmark: builds bench/ui (the real Transcript over a 3,000-message session)
# and measures it in WebKitGTK, the engine of the app's webview, driven by WebKitWebDriver under
# Xvfb. Prints figures; asserts nothing. Options go to bench/run.mjs:
#   --data dump.json   a real session instead of the generated one: the JSON of the server's
#                      GET /session/{id}/message (an array of {info, parts})
#   --runs N           repeats of each open (median printed), default 5
#   --step PX          pixels scrolled per frame, default 400
# Needs (Debian): webkit2gtk-driver xvfb xauth, and ui/node_modules (scripts/setup.sh installs both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
if ((${#missing[@]})); then
  echo "bench-ui: installing ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Not `npm ci`: the lockfile lacks other platforms' optional packages (see scripts/setup.sh).
[[ -d "$root/ui/node_modules" ]] || npm --prefix "$root/ui" install --no-audit --no-fund --loglevel=error

# The page resolves solid-js, marked... from the ui's own node_modules.
ln -sfn ../ui/node_modules "$root/bench/node_modules"
(cd "$root/ui" && npx vite build --config ../bench/vite.config.mts)

# Rendered as the app renders on this machine (src-tauri/src/rendering.rs): without a GPU render
# node, WebKit's compositing mode is off unless the caller chose.
if [[ -z "${WEBKIT_DISABLE_COMPOSITING_MODE+set}" ]] && ! compgen -G "/dev/dri/renderD*" >/dev/null; then
  export WEBKIT_DISABLE_COMPOSITING_MODE=1
fi

# A software-rendered X screen the size of a laptop's; the browser window fills 1280x800.
xvfb-run -a -s "-screen 0 1280x800x24" node "$root/bench/run.mjs" "$@"
