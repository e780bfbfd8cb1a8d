//! Finding the `opencode` executable and reading its version.
//!
//! The search order is the one a user expects: the path set in settings; `OPENCODE_BIN`; `PATH`;
//! the usual install places (`~/.opencode/bin`, npm's global bin, Homebrew, `%LOCALAPPDATA%`);
//! last, the copy this repository's own `npm install` puts in `node_modules` (debug builds only).
//! The search is pure over a [`SearchEnv`] so tests can run it on a temp dir of fake executables.
//! The invariant: an explicit path (settings or `OPENCODE_BIN`) that does not exist is an error,
//! never a reason to fall back, so the app never silently runs another OpenCode than the one chosen.

use std::cmp::Ordering;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// The oldest OpenCode this client is written against; older ones get a warning, not a refusal.
pub const MIN_SUPPORTED_VERSION: Version = Version::new(1, 18, 0);

/// A `major.minor.patch` version; anything after the patch (`-beta.1`) is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses the first `X.Y[.Z]` in `text` (`--version` prints `1.18.33`, some builds `v1.18.33`).
    pub fn parse(text: &str) -> Option<Version> {
        let word = text.split_whitespace().find(|w| {
            w.trim_start_matches('v')
                .starts_with(|c: char| c.is_ascii_digit())
        })?;
        let core = word.trim_start_matches('v');
        let core = core.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(str::parse::<u64>);
        let major = parts.next()?.ok()?;
        let minor = parts.next()?.ok()?;
        let patch = parts.next().unwrap_or(Ok(0)).ok()?;
        Some(Version::new(major, minor, patch))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A located binary and what it said about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpencodeBinary {
    pub path: PathBuf,
    pub version: Version,
}

impl OpencodeBinary {
    /// A sentence for the user when this version is older than the one we support.
    pub fn warning(&self) -> Option<String> {
        match self.version.cmp(&MIN_SUPPORTED_VERSION) {
            Ordering::Less => Some(format!(
                "OpenCode {} is older than {MIN_SUPPORTED_VERSION}, the oldest this app supports; \
                 some features may not work. Update it with `npm i -g opencode-ai@latest`.",
                self.version
            )),
            _ => None,
        }
    }
}

/// What the search looks at; [`SearchEnv::from_process`] reads the real environment.
#[derive(Debug, Clone, Default)]
pub struct SearchEnv {
    /// The path set in the app's settings.
    pub explicit: Option<PathBuf>,
    /// `OPENCODE_BIN`.
    pub opencode_bin: Option<OsString>,
    /// `PATH`.
    pub path_var: Option<OsString>,
    pub home: Option<PathBuf>,
    /// `npm_config_prefix`, when npm's global prefix was moved.
    pub npm_prefix: Option<PathBuf>,
    /// `%LOCALAPPDATA%` and `%APPDATA%` (Windows).
    pub local_app_data: Option<PathBuf>,
    pub app_data: Option<PathBuf>,
    /// A checkout of this repository, whose `node_modules` holds OpenCode for development.
    pub workspace: Option<PathBuf>,
}

impl SearchEnv {
    /// The real environment, with `explicit` from the settings.
    pub fn from_process(explicit: Option<PathBuf>) -> SearchEnv {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        SearchEnv {
            explicit,
            opencode_bin: var("OPENCODE_BIN"),
            path_var: var("PATH"),
            home: var("HOME")
                .or_else(|| var("USERPROFILE"))
                .map(PathBuf::from),
            npm_prefix: var("npm_config_prefix").map(PathBuf::from),
            local_app_data: var("LOCALAPPDATA").map(PathBuf::from),
            app_data: var("APPDATA").map(PathBuf::from),
            // Only a development build lives next to its checkout.
            workspace: cfg!(debug_assertions)
                .then(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")),
        }
    }

    /// Every candidate path, in search order (explicit ones first).
    pub fn candidates(&self) -> Vec<PathBuf> {
        let exe = executable_name();
        let mut out = Vec::new();
        out.extend(self.explicit.clone());
        out.extend(self.opencode_bin.as_ref().map(PathBuf::from));
        for dir in self.path_var.iter().flat_map(std::env::split_paths) {
            out.push(dir.join(exe));
        }
        if let Some(home) = &self.home {
            out.push(home.join(".opencode").join("bin").join(exe));
        }
        if let Some(prefix) = &self.npm_prefix {
            out.push(npm_bin(prefix).join(exe));
        }
        if let Some(home) = &self.home {
            out.push(home.join(".npm-global").join("bin").join(exe));
            out.push(home.join(".local").join("bin").join(exe));
        }
        if let Some(app_data) = &self.app_data {
            out.push(app_data.join("npm").join("opencode.cmd"));
        }
        if let Some(local) = &self.local_app_data {
            out.push(local.join("opencode").join("bin").join(exe));
            out.push(local.join("Programs").join("opencode").join(exe));
        }
        if cfg!(unix) {
            for dir in [
                "/opt/homebrew/bin",
                "/usr/local/bin",
                "/home/linuxbrew/.linuxbrew/bin",
            ] {
                out.push(Path::new(dir).join(exe));
            }
        }
        if let Some(workspace) = &self.workspace {
            let bin = workspace.join("node_modules").join(platform_package());
            out.push(bin.join("bin").join(exe));
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|p| seen.insert(p.clone()));
        out
    }

    /// The first candidate that is an executable file.
    pub fn find(&self) -> Result<PathBuf> {
        let explicit = self
            .explicit
            .clone()
            .or_else(|| self.opencode_bin.as_ref().map(PathBuf::from));
        if let Some(explicit) = explicit {
            if is_executable(&explicit) {
                return Ok(explicit);
            }
            return Err(Error::BinaryNotFound {
                searched: vec![explicit],
            });
        }
        let searched = self.candidates();
        match searched.iter().find(|p| is_executable(p)) {
            Some(found) => Ok(found.clone()),
            None => Err(Error::BinaryNotFound { searched }),
        }
    }
}

/// Locates `opencode` (see the module docs for the order) and reads its version.
pub async fn locate(explicit: Option<PathBuf>) -> Result<OpencodeBinary> {
    let path = SearchEnv::from_process(explicit).find()?;
    let version = read_version(&path).await?;
    Ok(OpencodeBinary { path, version })
}

/// How long `--version` may take. It is a Node/Bun start-up: well under a second on an idle
/// machine, but many seconds on a loaded one, where a short limit made a working OpenCode look
/// broken.
const VERSION_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs `BINARY --version` (`VERSION_TIMEOUT` at most) and parses what it prints.
pub async fn read_version(path: &Path) -> Result<Version> {
    let unusable = |reason: String| Error::BinaryUnusable {
        path: path.to_owned(),
        reason,
    };
    let mut command = tokio::process::Command::new(path);
    command.arg("--version").kill_on_drop(true);
    command.stdin(std::process::Stdio::null());
    let output = tokio::time::timeout(VERSION_TIMEOUT, command.output())
        .await
        .map_err(|_| {
            unusable(format!(
                "`--version` did not answer within {} s",
                VERSION_TIMEOUT.as_secs()
            ))
        })?
        .map_err(|e| unusable(format!("`--version` could not run: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Version::parse(&stdout).ok_or_else(|| {
        let said = stdout.trim().chars().take(200).collect::<String>();
        unusable(format!("`--version` printed {said:?}, not a version"))
    })
}

/// The npm package that carries the platform binary, e.g. `opencode-linux-x64`.
pub(crate) fn platform_package() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "windows",
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

/// npm puts global executables in `PREFIX/bin` on unix and in `PREFIX` itself on Windows.
fn npm_bin(prefix: &Path) -> PathBuf {
    if cfg!(windows) {
        prefix.to_owned()
    } else {
        prefix.join("bin")
    }
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(all(test, unix))]
mod tests;
