//! Finding the `opencode` binary a test server runs: `OPENCODE_BIN`, then the copy npm put in
//! the workspace's `node_modules`, then `PATH`. It only locates; it never downloads or runs.
//! An `OPENCODE_BIN` that points nowhere is an error rather than a reason to fall back, so a
//! test never silently runs a different OpenCode than the one asked for.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::TestkitError;

/// The npm package that carries the platform binary, e.g. `opencode-linux-x64`.
fn platform_package() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("opencode-{os}-{arch}")
}

fn executable_name() -> &'static str {
    if cfg!(windows) {
        "opencode.exe"
    } else {
        "opencode"
    }
}

/// The workspace root, two levels above this crate (`crates/testkit`).
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// Locates `opencode`; the error lists every place searched.
pub fn find_opencode_binary() -> Result<PathBuf, TestkitError> {
    let explicit = std::env::var_os("OPENCODE_BIN").map(PathBuf::from);
    search(explicit, &workspace_root(), std::env::var_os("PATH"))
}

fn search(
    explicit: Option<PathBuf>,
    workspace: &Path,
    path_var: Option<OsString>,
) -> Result<PathBuf, TestkitError> {
    if let Some(explicit) = explicit {
        if explicit.is_file() {
            return Ok(explicit);
        }
        let searched = vec![format!("OPENCODE_BIN={}", explicit.display())];
        return Err(TestkitError::BinaryNotFound { searched });
    }
    let mut searched = vec!["OPENCODE_BIN (unset)".to_owned()];

    let bundled = workspace
        .join("node_modules")
        .join(platform_package())
        .join("bin")
        .join(executable_name());
    if bundled.is_file() {
        return Ok(bundled.canonicalize().unwrap_or(bundled));
    }
    searched.push(bundled.display().to_string());

    for dir in path_var.iter().flat_map(std::env::split_paths) {
        let candidate = dir.join(executable_name());
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    searched.push(format!("{} on PATH", executable_name()));
    Err(TestkitError::BinaryNotFound { searched })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_package_uses_npm_names() {
        let name = platform_package();
        assert!(name.starts_with("opencode-"));
        assert!(!name.contains("x86_64") && !name.contains("aarch64") && !name.contains("macos"));
    }

    #[test]
    fn workspace_root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").is_file());
        assert!(workspace_root().join("crates").join("testkit").is_dir());
    }

    #[test]
    fn an_explicit_binary_that_is_missing_is_an_error_not_a_fallback() {
        let workspace = workspace_root();
        let missing = PathBuf::from("/nonexistent/opencode");
        let Err(TestkitError::BinaryNotFound { searched }) =
            search(Some(missing), &workspace, std::env::var_os("PATH"))
        else {
            panic!("expected BinaryNotFound");
        };
        assert_eq!(searched, ["OPENCODE_BIN=/nonexistent/opencode"]);
    }

    #[test]
    fn the_error_names_every_place_searched() {
        let empty = tempfile::tempdir().unwrap();
        let path = Some(OsString::from(empty.path()));
        let Err(error) = search(None, empty.path(), path) else {
            panic!("expected BinaryNotFound");
        };
        let message = error.to_string();
        assert!(message.contains("OPENCODE_BIN"), "{message}");
        assert!(message.contains(&platform_package()), "{message}");
        assert!(message.contains("on PATH"), "{message}");
    }
}
