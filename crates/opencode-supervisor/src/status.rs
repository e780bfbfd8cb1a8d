//! What the rest of the app sees of a server: its [`ServerId`], whether we [spawned or attached
//! to](ServerKind) it, and its live [`ServerState`] (status, URL, version, pid), published by the
//! server's owner task over a `watch` channel.
//!
//! Plain data, no behaviour beyond small predicates. The invariant: nothing here holds a password
//! (credentials live on the handle, in a `Secret`), so a state can be logged or sent to the UI.

use std::fmt;
use std::time::Duration;

use crate::error::Error;

/// A server's id, stable for as long as the [`Supervisor`](crate::Supervisor) knows it (across
/// restarts, port changes and status changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServerId(pub u64);

impl fmt::Display for ServerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "server-{}", self.0)
    }
}

/// Whether the app owns the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    /// Started by us: restarted when it crashes, stopped when asked.
    Spawned,
    /// Someone else's: watched, never killed.
    Attached,
}

/// Where a server is in its life.
#[derive(Debug, Clone)]
pub enum ServerStatus {
    /// Being started (spawned) or first probed (attached).
    Starting,
    /// Its health check answers.
    Ready,
    /// An attached server that does not answer (it may come back).
    Unreachable { reason: String },
    /// An attached server that refuses our credentials.
    Unauthorized,
    /// A spawned server died; another start follows after `retry_in`.
    Restarting {
        attempt: u32,
        retry_in: Duration,
        reason: String,
    },
    /// Given up: a start that cannot succeed by retrying (no binary, port taken, exited at
    /// once) or a crash loop. `error` says which, with the server's last output.
    Crashed { error: Error },
    /// Stopped on request (a spawned server's process is gone; an attached one is no longer
    /// watched).
    Stopped,
}

impl ServerStatus {
    pub fn is_ready(&self) -> bool {
        matches!(self, ServerStatus::Ready)
    }

    /// Nothing more will happen to this server.
    pub fn is_final(&self) -> bool {
        matches!(self, ServerStatus::Crashed { .. } | ServerStatus::Stopped)
    }

    /// A short name for logs and tests.
    pub fn name(&self) -> &'static str {
        match self {
            ServerStatus::Starting => "starting",
            ServerStatus::Ready => "ready",
            ServerStatus::Unreachable { .. } => "unreachable",
            ServerStatus::Unauthorized => "unauthorized",
            ServerStatus::Restarting { .. } => "restarting",
            ServerStatus::Crashed { .. } => "crashed",
            ServerStatus::Stopped => "stopped",
        }
    }
}

/// A server's live state, as published to subscribers.
#[derive(Debug, Clone)]
pub struct ServerState {
    pub status: ServerStatus,
    /// `http://127.0.0.1:PORT`; a spawned server's may change when it restarts.
    pub url: Option<String>,
    /// The version its health check reported.
    pub version: Option<String>,
    /// The process id of a spawned server while it runs: the process we started, so its guard
    /// when it has one (`opencode` then runs below it, in the same process group).
    pub pid: Option<u32>,
    /// How many times it has been restarted after a crash.
    pub restarts: u32,
    /// Spawn to ready, for the last start of a spawned server.
    pub ready_in: Option<Duration>,
}

impl ServerState {
    pub(crate) fn new(url: Option<String>) -> ServerState {
        ServerState {
            status: ServerStatus::Starting,
            url,
            version: None,
            pid: None,
            restarts: 0,
            ready_in: None,
        }
    }
}
