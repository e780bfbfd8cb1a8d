#!/usr/bin/env bash
# Benchmark of the real app (bench/app.mjs): builds it, then drives it through tauri-driver and
# WebKitWebDriver under Xvfb, with the real OpenCode server it starts and a scripted model, and
# prints: opening a 3,000- and a 30,000-message session, whole-app memory, token → paint and
# key → paint while a reply streams. Prints figures; asserts nothing; not part of scripts/test.sh.
#
#   bash scripts/bench-app.sh [--release] [--runs N] [--sizes 3000,30000] [--tokens 2500]
#                             [--rate 500] [--keys 40] [--app-env NAME=value ...]
#
# --release measures target/release (tauri build --no-bundle: the shipped profile, a slow
# LTO build); the default is the debug build scripts/e2e.sh uses. BENCH_SKIP_BUILD=1 uses the
# binary already built. On a shared machine run it under the build lock:
#   flock /tmp/cargo.lock bash scripts/bench-app.sh
# Needs what scripts/e2e.sh needs (bash scripts/setup.sh installs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

profile=debug
args=()
for arg in "$@"; do
  if [[ "$arg" == "--release" ]]; then profile=release; else args+=("$arg"); fi
done

for tool in tauri-driver WebKitWebDriver xvfb-run dbus-run-session; do
  command -v "$tool" >/dev/null || {
    echo "bench-app: $tool is missing: run bash scripts/setup.sh" >&2
    exit 1
  }
done

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  if [[ "$profile" == release ]]; then
    echo "bench-app: building the app (tauri build --no-bundle)"
    bash scripts/tauri.sh build --no-bundle >/dev/null
  else
    echo "bench-app: building the app (tauri build --debug --no-bundle)"
    bash scripts/tauri.sh build --debug --no-bundle >/dev/null
  fi
fi

# The world's files (two session dumps, 150 MB for 30,000 messages) live under a temp dir of
# this run; everything started inherits a marker, and whatever outlives the run is ended.
run_tmp="$(mktemp -d)"
export E2E_APP="$root/target/$profile/opencode-desk" TMPDIR="$run_tmp"
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-${run_tmp%/*}/opencode-desk-bench-artifacts}"
export E2E_RUN_MARKER="opencode-desk-bench-$$-$RANDOM"
# The app's debug logging costs time in the event path: only warnings while measuring.
export E2E_RUST_LOG="${E2E_RUST_LOG:-warn}"
sweep() {
  local dir pid pids=()
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    grep -qz "^E2E_RUN_MARKER=$E2E_RUN_MARKER\$" "$dir/environ" 2>/dev/null && pids+=("$pid")
  done
  if ((${#pids[@]})); then
    echo "bench-app: ending what the run left behind: ${pids[*]}" >&2
    kill -9 "${pids[@]}" 2>/dev/null || true
  fi
  rm -rf "$run_tmp"
}
trap sweep EXIT

# As scripts/e2e.sh: a private network namespace where the machine allows one, so the app
# starts its own server instead of attaching to one another program runs on loopback.
isolate=()
if command -v ip >/dev/null && unshare --net true 2>/dev/null; then
  isolate=(unshare --net --)
elif command -v ip >/dev/null && unshare --user --map-root-user --net true 2>/dev/null; then
  isolate=(unshare --user --map-root-user --net --)
else
  echo "bench-app: warning: no private network namespace; the app may attach to an OpenCode server already running here" >&2
fi
inner='if [[ -n "${BENCH_ISOLATED:-}" ]]; then ip link set lo up; fi; exec node bench/app.mjs "$@"'
BENCH_ISOLATED="${isolate[*]}" "${isolate[@]}" dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$inner" bench-app "${args[@]}"
