#!/usr/bin/env bash
# Builds the Linux .deb from the root tauri.conf.json, installs it for real with `dpkg -i`, checks
# what it installed (binary, desktop entry, icons, declared dependencies, version), starts the
# installed binary under Xvfb with a throwaway HOME until its window shows and it has started an
# OpenCode server, then removes the package again. Prints the .deb's size. Exits non-zero on any
# failure.
#
# The .deb is a release build (what users install; the debug binary is ~480 MB of debug info).
# PACKAGE_DEBUG=1 builds a debug .deb instead, for a quick local check of the packaging alone.
# Needs root or sudo (dpkg), and xvfb xauth xdotool dbus-x11 imagemagick (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

for tool in dpkg dpkg-deb xvfb-run xdotool dbus-run-session import identify python3 git; do
  command -v "$tool" >/dev/null || { echo "package: $tool is missing: run bash scripts/setup.sh" >&2; exit 1; }
done
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "package: dpkg -i needs root or sudo" >&2; exit 1; }
  SUDO="sudo"
fi

profile=release
build_args=(--bundles deb)
if [[ -n "${PACKAGE_DEBUG:-}" ]]; then
  profile=debug
  build_args+=(--debug)
fi

start=$(date +%s)
echo "package: building the .deb ($profile)"
rm -rf "target/$profile/bundle/deb"
bash scripts/tauri.sh build "${build_args[@]}"
echo "package: built in $(($(date +%s) - start)) s"

shopt -s nullglob
debs=("target/$profile/bundle/deb/"*.deb)
shopt -u nullglob
((${#debs[@]} == 1)) || { echo "package: expected one .deb in target/$profile/bundle/deb, found ${#debs[@]}" >&2; exit 1; }
deb="${debs[0]}"

fail() { echo "package: FAILED: $*" >&2; exit 1; }

# The version comes from one place: [workspace.package] in the root Cargo.toml.
want_version="$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')"
package="$(dpkg-deb -f "$deb" Package)"
version="$(dpkg-deb -f "$deb" Version)"
depends="$(dpkg-deb -f "$deb" Depends)"
[[ "$version" == "$want_version" ]] || fail "the .deb says version $version, Cargo.toml says $want_version"
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  [[ "$depends" == *"$dep"* ]] || fail "the .deb does not depend on $dep (Depends: $depends)"
done
echo "package: $deb: $package $version, Depends: $depends"

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  fail "$package is already installed here; remove it first (dpkg -r $package) so the check installs this build"
fi

world="$(mktemp -d)"
installed=""
cleanup() {
  if [[ -n "$installed" ]]; then
    $SUDO dpkg -r "$package" >/dev/null || echo "package: dpkg -r $package failed" >&2
  fi
  rm -rf "$world"
}
trap cleanup EXIT

echo "package: dpkg -i $deb"
$SUDO dpkg -i "$deb"
installed=1

# What it installed: one binary on PATH, a desktop entry that starts it, and its icons.
mapfile -t files < <(dpkg -L "$package")
binary=""
guard=""
desktop=""
icons=0
for file in "${files[@]}"; do
  case "$file" in
    # The app, and the servers' guard beside it (src-tauri/src/bin/opencode-desk-guard.rs).
    /usr/bin/opencode-desk) [[ -f "$file" ]] && binary="$file" ;;
    /usr/bin/opencode-desk-guard) [[ -f "$file" ]] && guard="$file" ;;
    /usr/share/applications/*.desktop) desktop="$file" ;;
    /usr/share/icons/*.png) icons=$((icons + 1)) ;;
  esac
done
[[ -x "$binary" ]] || fail "no /usr/bin/opencode-desk among: ${files[*]}"
[[ -x "$guard" ]] || fail "no /usr/bin/opencode-desk-guard (the servers' guard) among: ${files[*]}"
[[ -f "$desktop" ]] || fail "no desktop entry in /usr/share/applications"
((icons > 0)) || fail "no icons under /usr/share/icons"
grep -q "^Exec=$(basename "$binary")" "$desktop" || fail "$desktop does not start $(basename "$binary"): $(grep '^Exec' "$desktop")"
grep -q "^Categories=.*Development" "$desktop" || fail "$desktop is not in the Development category: $(grep '^Categories' "$desktop")"
grep -q "^Icon=" "$desktop" || fail "$desktop names no icon"
echo "package: installed $binary, $guard, $desktop, $icons icons"

# Start the installed binary as a user would, with a throwaway HOME and OpenCode on PATH (the
# copy npm installed for the tests), and wait for its window and for the server it starts. In a
# private network namespace where the machine allows one, so it cannot attach to a server that
# something else runs here instead of starting its own.
mkdir -p "$world/home" "$world/project"
git -C "$world/project" init -q
export WORLD="$world" BINARY="$binary" SHOT="$root/target/package-window.png"
export OPENCODE_DIR="$root/node_modules/opencode-linux-x64/bin"
isolate=()
if command -v ip >/dev/null && unshare --net true 2>/dev/null; then isolate=(unshare --net --); fi
# Its output goes to a file, printed after: a daemon the session started (the accessibility bus)
# that outlived it must not hold CI's output open. The whole launch is bounded.
status=0
# shellcheck disable=SC2016 # expanded by the inner shell
timeout --kill-after=10 240 "${isolate[@]}" dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  ip link set lo up 2>/dev/null || true
  export HOME="$WORLD/home" XDG_CONFIG_HOME="$WORLD/home/.config" XDG_DATA_HOME="$WORLD/home/.local/share"
  export XDG_CACHE_HOME="$WORLD/home/.cache" XDG_STATE_HOME="$WORLD/home/.local/state"
  export PATH="$OPENCODE_DIR:$PATH" OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_MODELS_FETCH=1 OPENCODE_DISABLE_LSP_DOWNLOAD=1
  cd "$WORLD"
  "$BINARY" "$WORLD/project" >"$WORLD/app.log" 2>&1 &
  app=$!
  say() { echo "package: $*" >&2; cat "$WORLD/app.log" >&2; kill "$app" 2>/dev/null || true; exit 1; }
  shown=""
  for _ in $(seq 60); do
    kill -0 "$app" 2>/dev/null || break
    if xdotool search --onlyvisible --name "^OpenCode Desk$" >/dev/null 2>&1; then shown=1; break; fi
    sleep 0.5
  done
  [[ -n "$shown" ]] || say "the installed app showed no window named \"OpenCode Desk\"; its log:"
  server=""
  for _ in $(seq 60); do
    # The server runs under the installed guard program (its process name cut to 15
    # characters), so it is a grandchild of the app; only there is it found.
    server="$( { for guard in $(pgrep -x opencode-desk-g -P "$app"); do pgrep -x opencode -P "$guard"; done; } | head -1 || true)"
    [[ -n "$server" ]] && break
    sleep 0.5
  done
  [[ -n "$server" ]] || say "the installed app started no OpenCode server; its log:"
  # Let it draw, then keep a picture of it; it must still be running, and its window must show
  # the bundled UI: a blank or error page has a handful of colours, the UI (text, buttons) hundreds.
  sleep 3
  timeout 30 import -window root "$SHOT" || say "taking a picture of the screen did not finish in 30 s; the app log:"
  kill -0 "$app" 2>/dev/null || say "the installed app exited after showing its window:"
  colours=$(identify -format %k "$SHOT")
  ((colours >= 100)) || say "the installed app window looks empty ($colours colours in $SHOT); its log:"
  # Quitting is bounded: a CI run once ran out of time somewhere past this point with nothing
  # printed, so an app that ignores SIGTERM is named, with where each of its threads stands.
  echo "package: the window shows and the server runs; stopping the app with SIGTERM" >&2
  kill "$app"
  for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$app" 2>/dev/null; then
    echo "package: the installed app did not exit within 20 s of SIGTERM; its threads:" >&2
    timeout 60 gdb -p "$app" -batch -ex "thread apply all bt 12" 2>/dev/null | grep -E "^(Thread|#)" >&2 || true
    kill -9 "$app"
    say "the installed app ignored SIGTERM; its log:"
  fi
  wait "$app" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$server" 2>/dev/null; then kill -9 "$server"; say "the server $server outlived the installed app"; fi
' >"$world/launch.log" 2>&1 || status=$?
cat "$world/launch.log"
((status == 0)) || fail "the installed app did not start and stop cleanly (status $status, see above)"
echo "package: the installed app showed its window and started its OpenCode server (picture: target/package-window.png)"

size_bytes=$(stat -c %s "$deb")
printf 'package: %s is %s bytes (%s MB), installs %s KB\n' "$deb" "$size_bytes" \
  "$(python3 -c "print(f'{$size_bytes / 1e6:.1f}')")" "$(dpkg-deb -f "$deb" Installed-Size)"
echo "package: the .deb installs, starts and uninstalls; took $(($(date +%s) - start)) s"
