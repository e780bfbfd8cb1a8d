#!/usr/bin/env bash
# The side-by-side benchmark (issue 18), one command: the release app and OpenCode's own web UI
# (served by the same real server, in Debian's Chromium headless) on the same sessions, reply and
# keys, back to back. Prints each figure with ours, theirs and the ratio, and writes the table and
# a plot to bench/results/. Prints figures; asserts nothing; not part of scripts/test.sh.
#
#   bash scripts/bench.sh [--debug] [bench/app.mjs options: --runs N --sizes 3000,30000 ...]
#
# Builds the release app first (a slow LTO build; BENCH_SKIP_BUILD=1 uses the one built).
# Installs Debian's chromium and chromium-driver when missing (no browser is downloaded).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

profile=(--release)
args=()
for arg in "$@"; do
  if [[ "$arg" == "--debug" ]]; then profile=(); else args+=("$arg"); fi
done

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "bench: installing Debian's chromium and chromium-driver" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi

exec bash scripts/bench-app.sh "${profile[@]}" --reference "${args[@]}"
