# Sourced by scripts/test.sh and scripts/e2e.sh: their one debug build of the workspace is also
# its clippy pass. Cargo runs clippy-driver (rustc with clippy's lints) for the workspace's own
# crates only, so `cargo build`/`cargo test` lint them with `-D warnings` as they compile, as
# `cargo clippy` does; dependencies are built once, by plain rustc, where a separate
# `cargo clippy` type-checked all of them a second time (7.5 min of a cold CI run here).
# Both scripts must set the same: cargo rebuilds the workspace's crates when the wrapper changes.
clippy_driver="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver || true)"
if [[ -z "$clippy_driver" ]]; then
  echo "clippy-driver is missing: run bash scripts/setup.sh (rustup component add clippy)" >&2
  exit 1
fi
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
# cargo-clippy's own way of handing clippy-driver its arguments (`cargo clippy -- -D warnings`).
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings"
