//! Finds, spawns, watches, restarts and stops `opencode serve`, and finds the servers a user
//! already runs. No Tauri: the app shell drives it through [`Supervisor`] and [`ServerHandle`].
//!
//! Layout: `binary` (locate `opencode`, read its version), `discovery` (probe loopback ports,
//! say whose an open server is, recognise OpenCode 2, list running processes), `spawn` (one
//! start: loopback, `--port 0`, fresh password, explicit environment, `listening on` line,
//! health), `process` (process group, parent-death signal, TERM then KILL; a job object on
//! Windows), `guard` and `proc_tree` (Linux: a small program of its own, or the app re-run,
//! between the app and `opencode`, a subreaper that ends the server's whole tree), `ledger` (the file of servers
//! started and not yet seen end; [`reap_leftovers`] for the next launch), `log` (the last lines
//! of output, and a file), `restart` (backoff, crash-loop window, hang detection that spares a
//! server the app saw deliver events), `owner` (one task per server: the state machine),
//! `supervisor` (the registry), `handle` (the app's door to one server), `keychain` (remote
//! servers' passwords in the OS keychain), `status` and `credentials` (plain data). mDNS
//! discovery (`discovery::browse_mdns`) is off until the app calls it, which it does only when
//! the user turns it on.
//!
//! No process is ever left behind: a stopped or dropped server is stopped with its whole group,
//! and on Linux a spawned server dies with the app even when the app is killed with SIGKILL.
//! With a guard ([`SpawnOptions::guard`]; its `main` calls [`guard::run_if_requested`]
//! first) that holds for what the server's agent started too, even in sessions of their own;
//! with a ledger ([`Supervisor::with_ledger`]) the next launch stops whatever still escaped.
//! Other unixes only get the process group for now (a watchdog there is a follow-up).
//!
//! ```no_run
//! # async fn demo() -> opencode_supervisor::Result<()> {
//! use opencode_supervisor::{SpawnOptions, Supervisor};
//! use std::time::Duration;
//! let supervisor = Supervisor::new();
//! let server = supervisor.spawn(SpawnOptions::new("/path/to/project"))?;
//! let state = server.wait_ready(Duration::from_secs(30)).await?;
//! println!("ready at {:?}", state.url);
//! let client = server.client().expect("a ready server has a URL");
//! # let _ = client; Ok(()) }
//! ```

pub mod binary;
mod credentials;
pub mod discovery;
mod error;
pub mod guard;
mod handle;
mod keychain;
mod ledger;
mod log;
mod owner;
#[cfg(target_os = "linux")]
mod proc_tree;
mod process;
mod restart;
mod spawn;
mod status;
mod supervisor;
pub mod terminal;

pub use binary::{locate, OpencodeBinary, Version, MIN_SUPPORTED_VERSION};
pub use credentials::{Credentials, Secret, DEFAULT_USERNAME};
pub use discovery::{
    browse_mdns, discover, probe, role_of, running_terminal_uis, AnnouncedServer, DiscoveredServer,
    Discovery, Owner, Probe, Role, RunningProcess, DEFAULT_PORT,
};
pub use error::{Error, Result};
pub use handle::ServerHandle;
pub use keychain::{delete_password, load_password, store_password, KEYCHAIN_SERVICE};
pub use ledger::{reap_leftovers, LedgerEntry};
pub use log::{ServerLog, Stream, DEFAULT_LOG_LINES};
pub use restart::{HealthCheck, RestartPolicy};
pub use spawn::{listening_url, SpawnOptions};
pub use status::{ServerId, ServerKind, ServerState, ServerStatus};
pub use supervisor::{AttachOptions, Supervisor};
