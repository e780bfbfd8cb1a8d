#!/usr/bin/env bash
# End-to-end tests of the real app (e2e/*.test.mjs): builds it, then drives it through
# tauri-driver and WebKitWebDriver under Xvfb, against real OpenCode servers and a scripted model.
# Each test starts its own tauri-driver (e2e/world.mjs), so one that hangs cannot take the rest
# down; TAURI_DRIVER_URL=http://... makes the tests use a driver you started instead.
#
# Everything runs in a private network namespace when the machine allows one (root, or user
# namespaces): the app looks for OpenCode servers on loopback and would otherwise find (and
# attach to) servers other programs run on this machine. A private D-Bus session, a tray host
# (trayer) for the tray menu, and a throwaway HOME per test (e2e/world.mjs) keep the rest apart.
#
# On failure each test leaves a screenshot and logs in e2e/artifacts/ (listed at the end).
# E2E_SKIP_BUILD=1 uses the app already built (E2E_APP=/path/to/opencode-desk: that one); extra
# arguments go to `node --test` (e.g. `bash scripts/e2e.sh --test-name-pattern=quit`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

for tool in tauri-driver WebKitWebDriver xvfb-run dbus-run-session xdotool trayer import; do
  command -v "$tool" >/dev/null || {
    echo "e2e: $tool is missing: run bash scripts/setup.sh" >&2
    exit 1
  }
done

# The app (with the bundled UI: custom-protocol) and testkit's fault-injecting proxy (which
# e2e/live-data.test.mjs puts between the app and a server), built as scripts/test.sh builds the
# Rust tests (every target, the same features): after the tests this links and builds nothing
# else, where `tauri build --debug` would build most of the tree again with other features (the
# app so built also carries tauri's test module and tokio's test-util, code it never calls). The
# app embeds ui/dist, built first when missing or older than the UI's sources.
if [[ -z "${E2E_SKIP_BUILD:-}" || ! -x target/debug/opencode-desk || ! -x target/debug/fault-proxy ]]; then
  if [[ ! -f ui/dist/index.html || -n "$(find ui/src ui/index.html ui/package.json -newer ui/dist/index.html -print -quit)" ]]; then
    echo "e2e: building the UI (npm --prefix ui run build)"
    npm --prefix ui run build >/dev/null
  fi
  echo "e2e: building the app and the fault proxy (cargo build --workspace --all-targets --features opencode-desk/custom-protocol)"
  source scripts/rust-env.sh
  cargo build --quiet --workspace --all-targets --locked --features opencode-desk/custom-protocol
fi

artifacts="$root/e2e/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
export E2E_ARTIFACTS="$artifacts" E2E_APP="${E2E_APP:-$root/target/debug/opencode-desk}" E2E_FAULT_PROXY="$root/target/debug/fault-proxy"

# Every process of this run inherits the marker (the app and its servers too, through the
# environment), and every test's world is made under this run's temp dir: whatever a killed or
# hung test leaves is found and ended below.
suite_tmp="$(mktemp -d)"
export E2E_RUN_MARKER="opencode-desk-e2e-$$-$RANDOM" TMPDIR="$suite_tmp"
left_behind() {
  local dir pid
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    grep -qz "^E2E_RUN_MARKER=$E2E_RUN_MARKER\$" "$dir/environ" 2>/dev/null && echo "$pid"
  done
  return 0
}
sweep() {
  local pids
  mapfile -t pids < <(left_behind)
  if ((${#pids[@]})); then
    echo "e2e: ending what the tests left running: ${pids[*]}" >&2
    kill -9 "${pids[@]}" 2>/dev/null || true
  fi
  rm -rf "$suite_tmp"
}

# Runs inside the display and the bus: the tray host, then the tests.
inner="$(mktemp)"
trap 'rm -f "$inner"; sweep' EXIT
cat >"$inner" <<'EOF'
set -euo pipefail
if [[ -n "${E2E_ISOLATED:-}" ]]; then ip link set lo up; fi
trayer --edge top --align right --widthtype request --height 32 --transparent false --tint 0xdddddd >/dev/null 2>&1 &
tray=$!
trap 'kill "$tray" 2>/dev/null || true' EXIT
# A test that leaves a handle open must not hang CI: exit when the tests are done, and give up
# after 20 minutes whatever happens.
timeout 20m node --test --test-concurrency=1 --test-force-exit --test-reporter=spec "$@" e2e/
EOF

# A new network namespace has its loopback down: `ip` (iproute2) brings it up inside.
isolate=()
if ! command -v ip >/dev/null; then
  echo "e2e: warning: no ip command (iproute2), so no private network namespace" >&2
elif unshare --net true 2>/dev/null; then
  isolate=(unshare --net --)
elif unshare --user --map-root-user --net true 2>/dev/null; then
  isolate=(unshare --user --map-root-user --net --)
else
  echo "e2e: warning: no private network namespace here; an unsecured OpenCode server running on this machine could be picked up by the app" >&2
fi

start=$(date +%s)
status=0
E2E_ISOLATED="${isolate[*]}" "${isolate[@]}" dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash "$inner" "$@" || status=$?
elapsed=$(($(date +%s) - start))
printf 'e2e: the suite took %d min %02d s\n' $((elapsed / 60)) $((elapsed % 60))

if ((status != 0)); then
  echo "e2e: FAILED; screenshots and logs of the failed tests are in $artifacts:" >&2
  ls -1 "$artifacts" >&2
  exit "$status"
fi
echo "e2e: all end-to-end tests passed"
