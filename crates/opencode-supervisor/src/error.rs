//! The crate's one error type.
//!
//! Each variant names what happened and carries what a person needs to act on it; `Display` is a
//! sentence that can be shown as is. It is `Clone` (I/O sources sit behind an `Arc`) because a
//! failure is also published as a server's status to every subscriber. The invariant: no variant
//! ever holds a password, and `output_tail` is only ever the server's own output.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything finding, starting or watching a server can end in, besides success.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// No `opencode` executable in any of the places we look.
    #[error(
        "OpenCode is not installed (or not found). Install it with `npm i -g opencode-ai` \
         (or `curl -fsSL https://opencode.ai/install | bash`), or set its path in the settings \
         or in OPENCODE_BIN. Searched: {}",
        list_paths(searched)
    )]
    BinaryNotFound { searched: Vec<PathBuf> },

    /// The binary exists but `--version` did not run or printed nothing we understand.
    #[error("{} does not look like a working OpenCode: {reason}", path.display())]
    BinaryUnusable { path: PathBuf, reason: String },

    /// The operating system refused to start the process.
    #[error("Could not start {}: {source}", binary.display())]
    Spawn {
        binary: PathBuf,
        #[source]
        source: Arc<std::io::Error>,
    },

    /// The port asked for is taken by another program.
    #[error(
        "Port {port} on 127.0.0.1 is already in use; choose another port or 0 for any free one"
    )]
    PortInUse { port: u16 },

    /// The server neither said where it listens nor answered its health check in time.
    #[error(
        "OpenCode did not become ready within {}s\n--- last output ---\n{output_tail}",
        waited.as_secs_f32()
    )]
    StartupTimeout {
        waited: Duration,
        output_tail: String,
    },

    /// The server ended before it was ready.
    #[error("OpenCode exited before it was ready ({status})\n--- last output ---\n{output_tail}")]
    ExitedEarly { status: String, output_tail: String },

    /// A server that was ready ended without being asked to.
    #[error("OpenCode exited unexpectedly ({status})\n--- last output ---\n{output_tail}")]
    Exited { status: String, output_tail: String },

    /// A running server stopped answering its health check (alive but hung) and was killed.
    #[error(
        "OpenCode stopped answering ({misses} health checks in a row got no answer within {}s) and was killed\n--- last output ---\n{output_tail}",
        timeout.as_secs_f32()
    )]
    Unresponsive {
        misses: u32,
        timeout: Duration,
        output_tail: String,
    },

    /// The server crashed again and again; the supervisor gave up restarting it.
    #[error(
        "OpenCode crashed {crashes} times within {}s and was stopped\n--- last output ---\n{output_tail}",
        window.as_secs()
    )]
    CrashLoop {
        crashes: usize,
        window: Duration,
        output_tail: String,
    },

    /// No answer from a server (attached, or probed).
    #[error("Cannot reach the OpenCode server at {url}: {reason}")]
    Unreachable { url: String, reason: String },

    /// The server wants a password, or rejected the one given.
    #[error("The OpenCode server at {url} rejected the credentials (wrong or missing password)")]
    Unauthorized { url: String },

    /// The address given for a server cannot be used.
    #[error("Invalid server address {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },

    /// Browsing the local network for announced servers could not start.
    #[error("Could not look for OpenCode servers on the local network (mDNS): {reason}")]
    Mdns { reason: String },

    /// There is no OS keychain to keep a password in (on Linux: no Secret Service running).
    /// The password still works, but only until the app quits.
    #[error("No keychain available: the password is kept for this session only ({reason})")]
    NoKeychain { reason: String },

    /// The keychain is there but refused or failed the operation.
    #[error("The keychain could not {what}: {reason}")]
    Keychain { what: String, reason: String },

    /// The server was stopped (on request) before it became ready.
    #[error("The OpenCode server was stopped")]
    Stopped,

    /// A file operation of ours failed (the log file, a temp dir).
    #[error("Could not {what}: {source}")]
    Io {
        what: String,
        #[source]
        source: Arc<std::io::Error>,
    },
}

impl Error {
    pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let what = what.into();
        move |source| Error::Io {
            what,
            source: Arc::new(source),
        }
    }

    /// Whether starting again may help: a server that died or hung may come up next time; a
    /// missing binary, a taken port or a wrong password will not.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::StartupTimeout { .. }
                | Error::ExitedEarly { .. }
                | Error::Exited { .. }
                | Error::Unresponsive { .. }
                | Error::Unreachable { .. }
        )
    }

    /// The server's last output carried by this error, if any.
    pub fn output_tail(&self) -> Option<&str> {
        match self {
            Error::StartupTimeout { output_tail, .. }
            | Error::ExitedEarly { output_tail, .. }
            | Error::Exited { output_tail, .. }
            | Error::Unresponsive { output_tail, .. }
            | Error::CrashLoop { output_tail, .. } => Some(output_tail),
            _ => None,
        }
    }

    /// Maps a client error from a health check (the URL there never holds credentials).
    pub(crate) fn from_client(error: opencode_client::Error, url: &str) -> Error {
        match error {
            opencode_client::Error::Unauthorized { url } => Error::Unauthorized { url },
            opencode_client::Error::InvalidUrl { url, reason } => Error::InvalidUrl { url, reason },
            other => Error::Unreachable {
                url: url.to_owned(),
                reason: other.to_string(),
            },
        }
    }
}

fn list_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_not_found_says_how_to_install_and_where_we_looked() {
        let error = Error::BinaryNotFound {
            searched: vec![PathBuf::from("/a/opencode"), PathBuf::from("/b/opencode")],
        };
        let message = error.to_string();
        assert!(message.contains("npm i -g opencode-ai"), "{message}");
        assert!(message.contains("/a/opencode, /b/opencode"), "{message}");
        assert!(!error.is_retryable());
    }

    #[test]
    fn only_transient_start_failures_are_retryable() {
        let early = Error::ExitedEarly {
            status: "exit status: 1".into(),
            output_tail: "boom".into(),
        };
        assert!(early.is_retryable());
        assert_eq!(early.output_tail(), Some("boom"));
        assert!(!Error::PortInUse { port: 1 }.is_retryable());
        assert!(!Error::Unauthorized { url: "u".into() }.is_retryable());
    }
}
