#!/usr/bin/env bash
# Screenshots of the real app under Xvfb with a tray host (trayer), against a real OpenCode
# server the app starts itself: the main window, the tray menu and the quick prompt, written to
# docs/screenshots/ in the light theme and docs/screenshots/dark/ in the dark one (the app's own
# Theme setting, written into the throwaway HOME before it starts). Builds the app first.
#   bash scripts/screenshots.sh [light|dark]   (both when not given) Everything runs in a throwaway HOME and project, so
# the user's own settings and OpenCode data are never touched.
# The server's model is scripts/fake_model.py (scripted, on loopback), so the session shots show a
# real streamed reply, a tool call and a permission card from the real server.
# Needs (Debian): xvfb xauth trayer xdotool imagemagick dbus-x11 python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/docs/screenshots"
mkdir -p "$out"

for tool in xvfb-run trayer xdotool import dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install xvfb trayer xdotool imagemagick dbus-x11)" >&2; exit 1; }
done

bash scripts/tauri.sh build --debug --no-bundle >/dev/null

# One theme in a world of its own (a subshell: its exports and traps end with it), so both
# themes show the same sessions.
shoot() (
  theme="$1" shots="$2"
  mkdir -p "$shots"
  world="$(mktemp -d)"
  trap 'rm -rf "$world"' EXIT
  mkdir -p "$world/home" "$world/project/src"
  printf '# Demo project\n\nA small project to show OpenCode Desk.\n' >"$world/project/README.md"
  printf 'fn main() {\n    println!("hello");\n}\n' >"$world/project/src/main.rs"
  git -C "$world/project" init -q -b main
  git -C "$world/project" add -A
  git -C "$world/project" -c user.name=demo -c user.email=demo@example.invalid commit -qm init

  python3 scripts/fake_model.py >"$world/model.port" &
  model_pid=$!
  trap 'kill $model_pid 2>/dev/null; rm -rf "$world"' EXIT
  for _ in $(seq 50); do [[ -s "$world/model.port" ]] && break; sleep 0.1; done
  model_port="$(cat "$world/model.port")"
  export OPENCODE_CONFIG_CONTENT='{"provider":{"fake":{"npm":"@ai-sdk/openai-compatible","name":"Demo model","options":{"baseURL":"http://127.0.0.1:'"$model_port"'/v1","apiKey":"x"},"models":{"fake-model":{"name":"Demo model","tool_call":true},"fake-title":{"name":"Demo titles"}}}},"model":"fake/fake-model","small_model":"fake/fake-title","autoupdate":false,"share":"disabled","permission":{"bash":"ask"}}'

  export HOME="$world/home" XDG_CONFIG_HOME="$world/home/.config" XDG_DATA_HOME="$world/home/.local/share"
  export XDG_CACHE_HOME="$world/home/.cache" XDG_STATE_HOME="$world/home/.local/state"
  export PATH="$root/node_modules/opencode-linux-x64/bin:$PATH" OPENCODE_DISABLE_AUTOUPDATE=1
  # The theme, as the user would pick it in Settings (the store fills in every other field).
  mkdir -p "$XDG_CONFIG_HOME/io.github.opencode-desk"
  printf '{"theme":"%s"}\n' "$theme" >"$XDG_CONFIG_HOME/io.github.opencode-desk/settings.json"
  export APP="$root/target/debug/opencode-desk" PROJECT="$world/project" OUT="$shots" WORLD="$world"

  # shellcheck disable=SC2016 # expanded by the inner shell
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    set -euo pipefail
    trayer --edge top --align right --widthtype request --height 32 --transparent false --tint 0xdddddd &
    sleep 1
    "$APP" "$PROJECT" >"$WORLD/app-screenshots.log" 2>&1 &
    app=$!
    # Until the status bar says Live: the server is started and the event stream connected.
    sleep 10
    import -window root "$OUT/main-window.png"

    # The tray icon sits in trayer, top right; its menu opens on a click.
    eval "$(xdotool search --name "^panel$" getwindowgeometry --shell 2>/dev/null || echo X=1240 Y=0 WIDTH=40 HEIGHT=32)"
    xdotool mousemove $((X + WIDTH - 16)) $((Y + 16)) click 3
    sleep 1.5
    import -window root "$OUT/tray-menu.png"
    xdotool key Escape
    sleep 0.5

    xdotool key ctrl+shift+space
    sleep 1.5
    xdotool type --delay 20 "Explain what src/main.rs does"
    sleep 0.5
    import -window root "$OUT/quick-prompt.png"
    xdotool key Escape
    sleep 0.5

    # A real session: a streamed markdown reply, an edit shown as a diff, then a tool call that
    # asks permission. Ctrl+L (an app shortcut) focuses the message box.
    # With no window manager, keys go where the pointer clicked last: click the transcript first.
    say() {
      xdotool mousemove 700 300 click 1
      sleep 0.2
      xdotool key ctrl+l
      sleep 0.3
      xdotool type --delay 10 "$1"
      xdotool key Return
    }
    say "Explain this project"
    sleep 6
    import -window root "$OUT/session.png"
    say "Greet the name given on the command line"
    sleep 8
    import -window root "$OUT/diff.png"
    say "Which files are there?"
    sleep 6
    import -window root "$OUT/permission.png"
    # The Changes panel (the second icon in the header): the files the session changed, with their diffs.
    eval "$(xdotool search --name "^OpenCode Desk$" getwindowgeometry --shell 2>/dev/null | sed "s/^/W/" || echo WX=0 WY=0 WWIDTH=1200)"
    xdotool mousemove $((WX + WWIDTH - 163)) $((WY + 18)) click 1
    sleep 1.5
    # Open the first changed file (the panel'"'"'s first row) to its diff.
    xdotool mousemove $((WX + WWIDTH - 400)) $((WY + 101)) click 1
    sleep 1
    import -window root "$OUT/changes.png"

    # The servers the app started: none may outlive it (other tests may run servers beside us).
    # Each runs under its guard (an opencode-desk child of the app): look through the whole tree.
    descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
    for p in $(descendants "$app"); do
      [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == opencode ]] && echo "$p"
    done >"$WORLD/servers.pids"
    if [[ ! -s "$WORLD/servers.pids" ]]; then echo "screenshots: the app runs no OpenCode server" >&2; exit 1; fi

    # Quit from the tray menu (its last item), as a user would: the app must stop its server.
    xdotool mousemove $((X + WIDTH - 16)) $((Y + 16)) click 3
    sleep 1
    xdotool key Up Return
    for _ in $(seq 30); do kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$app" 2>/dev/null; then echo "screenshots: Quit in the tray menu did not quit" >&2; kill "$app"; exit 1; fi
    ours() { while read -r pid; do kill -0 "$pid" 2>/dev/null && echo "$pid"; done <"$WORLD/servers.pids"; }
    for _ in $(seq 20); do [[ -z "$(ours)" ]] && break; sleep 0.5; done
    if [[ -n "$(ours)" ]]; then echo "screenshots: an opencode server outlived the app:" >&2; ours >&2; exit 1; fi
    echo "screenshots: quit from the tray; no server left running"
  '
)

if (($#)); then themes=("$@"); else themes=(light dark); fi
for theme in "${themes[@]}"; do
  case "$theme" in
    light) shoot light "$out" ;;
    dark) shoot dark "$out/dark" ;;
    *) echo "screenshots: unknown theme '$theme' (light or dark)" >&2; exit 2 ;;
  esac
done
echo "screenshots: written to docs/screenshots/"
ls -1R "$out"
