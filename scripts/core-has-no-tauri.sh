#!/usr/bin/env bash
# The core crates must build without Tauri. Fails if tauri appears in their dependency tree, and
# checks that the same probe does find tauri under the app crate, so the check itself can fail.
set -euo pipefail
cd "$(dirname "$0")/.."

has_tauri() {
  cargo tree -p "$1" -e normal,build --prefix none 2>/dev/null | grep -qE '^tauri( |-)'
}

for crate in opencode-client opencode-supervisor session-cache testkit; do
  if has_tauri "$crate"; then
    echo "core-has-no-tauri: $crate depends on tauri:" >&2
    cargo tree -p "$crate" -e normal,build -i tauri >&2 || true
    exit 1
  fi
done
if ! has_tauri opencode-desk; then
  echo "core-has-no-tauri: the probe found no tauri under opencode-desk; the check is broken" >&2
  exit 1
fi
echo "core-has-no-tauri: ok (opencode-client, opencode-supervisor, session-cache and testkit are free of tauri)"
