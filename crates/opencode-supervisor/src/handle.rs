//! [`ServerHandle`]: the cheap-to-clone door to one server: its identity, credentials and log,
//! its live state (a `watch`), and the commands its owner task obeys (stop, restart).
//!
//! It holds no process and decides nothing; the owner task does both. The invariant: the
//! handle's command sender is what keeps the owner running, so when the last clone is dropped
//! the owner stops its server (an attached server is only no longer watched).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use opencode_client::Client;
use tokio::sync::{mpsc, oneshot, watch};

use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::log::ServerLog;
use crate::owner::Command;
use crate::restart::Activity;
use crate::status::{ServerId, ServerKind, ServerState, ServerStatus};

/// One server, as the app sees it. Cheap to clone. The password stays inside `credentials`,
/// whose `Debug` redacts it.
#[derive(Debug, Clone)]
pub struct ServerHandle {
    shared: Arc<Shared>,
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub id: ServerId,
    pub name: String,
    pub kind: ServerKind,
    pub project_dir: Option<PathBuf>,
    pub credentials: Credentials,
    pub log: ServerLog,
    pub state: watch::Receiver<ServerState>,
    pub commands: mpsc::Sender<Command>,
    pub activity: Activity,
}

impl ServerHandle {
    pub(crate) fn new(shared: Shared) -> ServerHandle {
        ServerHandle {
            shared: Arc::new(shared),
        }
    }

    pub fn id(&self) -> ServerId {
        self.shared.id
    }

    pub fn name(&self) -> &str {
        &self.shared.name
    }

    pub fn kind(&self) -> ServerKind {
        self.shared.kind
    }

    pub fn project_dir(&self) -> Option<&Path> {
        self.shared.project_dir.as_deref()
    }

    pub fn credentials(&self) -> &Credentials {
        &self.shared.credentials
    }

    /// The server's recent output (empty for an attached server: we do not see it).
    pub fn log(&self) -> &ServerLog {
        &self.shared.log
    }

    /// The state now.
    pub fn state(&self) -> ServerState {
        self.shared.state.borrow().clone()
    }

    /// Every change of state, starting with the current one.
    pub fn subscribe(&self) -> watch::Receiver<ServerState> {
        self.shared.state.clone()
    }

    /// A client for the server's current URL, about its project when it has one; `None` until
    /// a spawned server has said where it listens.
    pub fn client(&self) -> Option<Client> {
        let url = self.state().url?;
        let client = self
            .shared
            .credentials
            .client(&url, Duration::from_secs(30))
            .ok()?;
        Some(match self.project_dir() {
            Some(dir) => client.for_directory(dir.to_string_lossy()),
            None => client,
        })
    }

    /// Waits until the server is ready, or says why it will not be within `limit`.
    pub async fn wait_ready(&self, limit: Duration) -> Result<ServerState> {
        let mut states = self.subscribe();
        let waited = tokio::time::timeout(limit, async {
            loop {
                let state = states.borrow_and_update().clone();
                if let Some(result) = ready_or_failed(&state) {
                    return result;
                }
                if states.changed().await.is_err() {
                    return Err(Error::Stopped);
                }
            }
        })
        .await;
        waited.unwrap_or_else(|_| {
            let state = self.state();
            Err(match state.status {
                ServerStatus::Unreachable { reason } => Error::Unreachable {
                    url: state.url.unwrap_or_default(),
                    reason,
                },
                _ => Error::StartupTimeout {
                    waited: limit,
                    output_tail: self.log().tail(),
                },
            })
        })
    }

    /// Stops the server (an attached one: stops watching it) and returns its final state.
    pub async fn stop(&self) -> ServerState {
        let (done_tx, done) = oneshot::channel();
        if self
            .shared
            .commands
            .send(Command::Stop(done_tx))
            .await
            .is_ok()
        {
            let _ = done.await;
        }
        self.state()
    }

    /// Says the server just delivered something (an event on its stream, a heartbeat too): it
    /// is busy, not hung, so a health check it cannot answer in time is not held against it.
    /// Cheap (one atomic store); call it for every event.
    pub fn note_activity(&self) {
        self.shared.activity.note();
    }

    /// [`note_activity`](Self::note_activity) as a function to hand to an event stream. It
    /// holds only the activity mark, not the handle, so it keeps no server running.
    pub fn activity_noter(&self) -> impl Fn() + Send + Sync + 'static {
        let activity = self.shared.activity.clone();
        move || activity.note()
    }

    /// Restarts a spawned server now (an attached one is probed now).
    pub async fn restart(&self) {
        let _ = self.shared.commands.send(Command::Restart).await;
    }
}

fn ready_or_failed(state: &ServerState) -> Option<Result<ServerState>> {
    match &state.status {
        ServerStatus::Ready => Some(Ok(state.clone())),
        ServerStatus::Crashed { error } => Some(Err(error.clone())),
        ServerStatus::Stopped => Some(Err(Error::Stopped)),
        ServerStatus::Unauthorized => Some(Err(Error::Unauthorized {
            url: state.url.clone().unwrap_or_default(),
        })),
        _ => None,
    }
}
