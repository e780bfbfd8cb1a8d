#!/usr/bin/env bash
# Runs the Tauri CLI (`npm run tauri -- build ...`) on the root tauri.conf.json. See
# src-tauri/Tauri.toml for why the CLI is pointed at src-tauri/ and given the config explicitly.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command="${1:?usage: scripts/tauri.sh <build|dev|info|...> [args]}"
shift
config="$(node scripts/tauri-config.mjs)"
# The CLI reads CI as its --ci flag and accepts only true/false; many CI systems set CI=1.
if [[ -n "${CI:-}" && "$CI" != "true" && "$CI" != "false" ]]; then export CI=true; fi
case "$command" in
  build | dev | bundle)
    exec env TAURI_APP_PATH="$root/src-tauri" TAURI_FRONTEND_PATH="$root" \
      "$root/node_modules/.bin/tauri" "$command" --config "$config" "$@" ;;
  *)
    exec env TAURI_APP_PATH="$root/src-tauri" TAURI_FRONTEND_PATH="$root" \
      "$root/node_modules/.bin/tauri" "$command" "$@" ;;
esac
