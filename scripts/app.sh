#!/usr/bin/env bash
# Builds and runs the real app (`npm run app [-- DIR]`). It is built with the custom-protocol
# feature so it serves the bundled UI: a plain `cargo build` binary would look for the dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/tauri.sh build --debug --no-bundle
exec target/debug/opencode-desk "$@"
