//! [`Supervisor`]: the registry of the servers the app knows, spawned (one per project directory)
//! or attached; it creates each server's owner task and its [`ServerHandle`].
//!
//! The registry only maps ids to handles; each server's life is run by its owner task (see
//! `owner`), and the handle (see `handle`) is how the app talks to it. The invariants: at most one live spawned server per project directory; a handle
//! never kills an attached server; and when the last handle to a server goes (the supervisor
//! dropped, the app quitting cleanly) its owner stops it. A crash of the app itself is covered by
//! `process` (parent-death signal, job object), never by `Drop` alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use crate::binary::SearchEnv;
use crate::credentials::{Credentials, Secret};
use crate::error::{Error, Result};
use crate::handle::{ServerHandle, Shared};
use crate::ledger::Ledger;
use crate::log::ServerLog;
use crate::owner::{AttachedOwner, SpawnedOwner};
use crate::restart::Activity;
use crate::spawn::SpawnOptions;
use crate::status::{ServerId, ServerKind, ServerState};

/// How to watch a server someone else started.
#[derive(Debug, Clone)]
pub struct AttachOptions {
    pub url: String,
    pub credentials: Credentials,
    pub name: Option<String>,
    pub project_dir: Option<PathBuf>,
    /// Between health checks.
    pub probe_interval: Duration,
    pub probe_timeout: Duration,
}

impl AttachOptions {
    pub fn new(url: impl Into<String>, credentials: Credentials) -> AttachOptions {
        AttachOptions {
            url: url.into(),
            credentials,
            name: None,
            project_dir: None,
            probe_interval: Duration::from_secs(2),
            probe_timeout: Duration::from_secs(2),
        }
    }
}

/// The servers the app knows. Cheap to clone; clones share the registry.
#[derive(Debug, Clone, Default)]
pub struct Supervisor {
    registry: Arc<Mutex<Registry>>,
    ledger: Option<Ledger>,
}

#[derive(Debug, Default)]
struct Registry {
    next_id: u64,
    servers: BTreeMap<ServerId, ServerHandle>,
}

impl Supervisor {
    pub fn new() -> Supervisor {
        Supervisor::default()
    }

    /// A supervisor that lists every server it spawns in the file at `path` while it runs, so
    /// the next launch can stop what a crash left behind: call [`crate::reap_leftovers`] with
    /// the same path first.
    pub fn with_ledger(path: impl Into<PathBuf>) -> Supervisor {
        Supervisor {
            ledger: Some(Ledger::new(path)),
            ..Supervisor::default()
        }
    }

    /// Starts `opencode serve` for `options.project_dir`, or returns the server already running
    /// there. Returns at once (status `Starting`); see [`ServerHandle::wait_ready`]. Fails now
    /// only when no binary can be found; every later failure shows in the server's status.
    /// Must be called inside a Tokio runtime whose threads outlive the server (see `process`).
    pub fn spawn(&self, mut options: SpawnOptions) -> Result<ServerHandle> {
        if let Ok(dir) = options.project_dir.canonicalize() {
            options.project_dir = dir;
        }
        let mut registry = self.lock();
        let existing = registry.servers.values().find(|h| {
            h.kind() == ServerKind::Spawned
                && h.project_dir() == Some(options.project_dir.as_path())
                && !h.state().status.is_final()
        });
        if let Some(existing) = existing {
            return Ok(existing.clone());
        }
        let binary = match &options.binary {
            Some(path) => SearchEnv::from_process(Some(path.clone())).find()?,
            None => SearchEnv::from_process(None).find()?,
        };
        let log = ServerLog::new(options.log_lines, options.log_file.as_deref())?;
        let password = Secret::generate();
        let id = registry.allocate();
        let name = options
            .name
            .clone()
            .unwrap_or_else(|| dir_name(&options.project_dir));
        let (state_tx, state_rx) = watch::channel(ServerState::new(None));
        let (commands_tx, commands) = mpsc::channel(8);
        let activity = Activity::new();
        let handle = ServerHandle::new(Shared {
            id,
            name,
            kind: ServerKind::Spawned,
            project_dir: Some(options.project_dir.clone()),
            credentials: Credentials::new(Some(password.clone())),
            log: log.clone(),
            state: state_rx,
            commands: commands_tx,
            activity: activity.clone(),
        });
        tracing::info!(server_id = %id, project = %options.project_dir.display(), binary = %binary.display(), "spawning opencode");
        let owner = SpawnedOwner {
            binary,
            options,
            password,
            log,
            state: state_tx,
            commands,
            ledger: self.ledger.clone(),
            activity,
        };
        tokio::spawn(owner.run());
        registry.servers.insert(id, handle.clone());
        Ok(handle)
    }

    /// Watches a server someone else started (never killed by us), or returns the handle
    /// already watching that URL with the same credentials. Its status tells whether it answers and accepts the
    /// credentials.
    pub fn attach(&self, options: AttachOptions) -> Result<ServerHandle> {
        let url = options.url.trim_end_matches('/').to_owned();
        // Building a client checks the URL and the credentials' characters once, up front.
        options
            .credentials
            .client(&url, options.probe_timeout)
            .map_err(|e| Error::from_client(e, &url))?;
        let mut registry = self.lock();
        let existing = registry.servers.values().find(|h| {
            h.kind() == ServerKind::Attached
                && h.state().url.as_deref() == Some(url.as_str())
                && h.credentials() == &options.credentials
                && !h.state().status.is_final()
        });
        if let Some(existing) = existing {
            return Ok(existing.clone());
        }
        let id = registry.allocate();
        let (state_tx, state_rx) = watch::channel(ServerState::new(Some(url.clone())));
        let (commands_tx, commands) = mpsc::channel(8);
        let handle = ServerHandle::new(Shared {
            id,
            name: options.name.clone().unwrap_or_else(|| url.clone()),
            kind: ServerKind::Attached,
            project_dir: options.project_dir.clone(),
            credentials: options.credentials.clone(),
            log: ServerLog::in_memory(),
            state: state_rx,
            commands: commands_tx,
            // Attached servers are probed, never killed: activity changes nothing for them.
            activity: Activity::new(),
        });
        let owner = AttachedOwner {
            url,
            credentials: options.credentials,
            probe_interval: options.probe_interval,
            probe_timeout: options.probe_timeout,
            state: state_tx,
            commands,
        };
        tokio::spawn(owner.run());
        registry.servers.insert(id, handle.clone());
        Ok(handle)
    }

    pub fn servers(&self) -> Vec<ServerHandle> {
        self.lock().servers.values().cloned().collect()
    }

    pub fn get(&self, id: ServerId) -> Option<ServerHandle> {
        self.lock().servers.get(&id).cloned()
    }

    /// Stops a server (an attached one is only no longer watched) and forgets it.
    pub async fn remove(&self, id: ServerId) -> Option<ServerState> {
        let handle = self.lock().servers.remove(&id)?;
        Some(handle.stop().await)
    }

    /// Stops every spawned server and stops watching the attached ones; for a clean app exit.
    pub async fn stop_all(&self) {
        let handles = self.servers();
        futures_util::future::join_all(handles.iter().map(ServerHandle::stop)).await;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Registry {
    fn allocate(&mut self) -> ServerId {
        self.next_id += 1;
        ServerId(self.next_id)
    }
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}
