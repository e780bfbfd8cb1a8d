#!/usr/bin/env bash
# Every check CI runs, in one place: `npm test` locally and `.ci/run` in CI both call this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says when it starts, counted from the first: when CI runs out of time, the last
# lines it kept tell which step was running and how long the ones before took.
started=$(date +%s)
step() { printf '\n==> %s (at %d s)\n' "$*" $(($(date +%s) - started)); }

step setup
bash scripts/setup.sh

step fmt-check
cargo fmt --all --check

step core-has-no-tauri
bash scripts/core-has-no-tauri.sh

# generate_context! embeds ui/dist, so the UI is built before any Rust that uses it.
step ui-build
npm --prefix ui run build

# One debug build serves clippy, the tests, the keychain step and the end-to-end app
# (scripts/e2e.sh builds with the same command line and environment): with another feature set
# (the app's custom-protocol, the dev-dependencies' tokio test-util and tauri test) cargo would
# build most of the tree twice. scripts/rust-env.sh makes it clippy's pass too (-D warnings).
source scripts/rust-env.sh
rust_features=(--workspace --locked --features opencode-desk/custom-protocol)
step rust-build-and-clippy
cargo build --all-targets "${rust_features[@]}"

step rust-tests
cargo test "${rust_features[@]}"

# The keychain round trip needs a Secret Service: a private D-Bus session with gnome-keyring,
# its keyring in a temp dir so a developer's own login keyring is never touched.
step keychain
# The test binary the rust-tests step built: `cargo test -p …` or `--test …` would resolve
# features differently and rebuild half the dependencies.
keychain_tests="$(cargo test "${rust_features[@]}" --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "supervision" and m.get("executable"):
        print(m["executable"])
')"
[[ -x "$keychain_tests" ]] || { echo "keychain: the supervision test binary was not found" >&2; exit 1; }
dbus-run-session -- sh -c 'echo -n pw | XDG_DATA_HOME="$(mktemp -d)" gnome-keyring-daemon --unlock --components=secrets >/dev/null; OPENCODE_DESK_KEYCHAIN_TESTS=1 "$0" keychain --nocapture' "$keychain_tests"

step bindings-check
git diff --exit-code -- ui/src/bindings.ts || {
  echo "ui/src/bindings.ts is stale: run the tests and commit the regenerated file" >&2
  exit 1
}

step ui-typecheck
npm --prefix ui run typecheck

step ui-lint
npm --prefix ui run lint

step ui-tests
npm --prefix ui test

# The built app end to end (tauri-driver + WebKitWebDriver under Xvfb, real OpenCode servers, a
# scripted model); on failure, screenshots and logs are in e2e/artifacts/.
step e2e
bash scripts/e2e.sh

# The release .deb: built, installed with dpkg -i, started under Xvfb, removed. It installs into
# /usr, so it runs in CI (.ci/run sets CI) or when asked with OPENCODE_DESK_PACKAGE=1.
step package
if [[ -n "${CI:-}" || -n "${OPENCODE_DESK_PACKAGE:-}" ]]; then
  bash scripts/package.sh
else
  echo "package: not run outside CI (it installs the .deb system-wide): OPENCODE_DESK_PACKAGE=1 npm test, or bash scripts/package.sh"
fi
echo "test: every step passed in $(($(date +%s) - started)) s"
