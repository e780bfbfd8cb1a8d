//! Terminal OpenCodes (TUIs) on this machine, and driving them (direction 1 of TUI control).
//!
//! A TUI is found from its process (`opencode_supervisor::running_terminal_uis`) and reached
//! through the API its server serves: its own when started with `--port`, or the server an
//! `opencode attach <url>` TUI is attached to (the app's own client when that is one of the
//! app's servers). Every action looks again first, so a TUI that quit since it was listed is a
//! clear "no longer running", and every call has a deadline, so nothing hangs. Passwords typed
//! for a TUI's server are kept in memory for the session, by address, never written down.

mod drive;
#[cfg(test)]
mod real_tests;

pub use drive::{commands, drive, set_password, TerminalAction, TerminalCommand};

use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use opencode_client::Client;
use opencode_supervisor::{role_of, running_terminal_uis, Credentials, Probe, Role, Secret};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How long a TUI's server may take to answer one call.
pub(crate) const CALL_DEADLINE: Duration = Duration::from_secs(5);

/// One terminal OpenCode, as the Terminals place and the tray show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TerminalView {
    /// Its process id, as text: what actions name it by.
    pub id: String,
    /// What to call it: its project's folder name and how it is reached.
    pub label: String,
    /// The project it shows (its server's answer when reachable, else its command line).
    pub directory: Option<String>,
    pub via: TerminalVia,
    pub state: TerminalState,
}

/// How the app reaches a TUI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TerminalVia {
    /// Started with `--port`: its own server, at `url`.
    OwnPort { url: String },
    /// `opencode attach` to one of the app's servers: driven through that server. The app is
    /// then a second interface of it, and leaves TUI control to the TUI (see `tui_control`).
    AppServer { server_id: String, url: String },
    /// `opencode attach` to a server the app does not use.
    Server { url: String },
    /// Started without `--port`: it serves nothing a program could reach.
    Nowhere,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TerminalState {
    Ready {
        version: String,
    },
    /// Its server wants a password (`set_terminal_password`).
    NeedsPassword,
    /// It cannot be driven; `message` says why and what to do.
    Unreachable {
        message: String,
    },
}

/// The passwords the user typed for TUIs' servers this session, by server address.
#[derive(Default)]
pub struct TerminalPasswords(Mutex<HashMap<String, Secret>>);

impl TerminalPasswords {
    fn get(&self, url: &str) -> Option<Secret> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(url)
            .cloned()
    }

    pub(crate) fn set(&self, url: &str, password: Secret) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(url.to_owned(), password);
    }
}

/// A TUI found, with the client that reaches it when there is one.
pub struct Found {
    pub view: TerminalView,
    pub client: Option<Client>,
}

/// Every running TUI, looked at now (processes, then one health call each, in parallel).
pub async fn scan(state: &AppState) -> Vec<Found> {
    let processes = running_terminal_uis();
    let looks = processes.into_iter().filter_map(|process| {
        let role = role_of(&process.command_line)?;
        Some(look(state, process, role))
    });
    futures_util::future::join_all(looks).await
}

/// TUI `id` alone, looked at now; `None` when no such TUI runs. An action calls only its own
/// TUI's server, not every TUI's on the machine.
pub async fn find_one(state: &AppState, id: &str) -> Option<Found> {
    let process = running_terminal_uis()
        .into_iter()
        .find(|p| p.pid.to_string() == id)?;
    let role = role_of(&process.command_line)?;
    Some(look(state, process, role).await)
}

/// The views alone, for the UI and the tray.
pub async fn list(state: &AppState) -> Vec<TerminalView> {
    scan(state).await.into_iter().map(|f| f.view).collect()
}

async fn look(state: &AppState, process: opencode_supervisor::RunningProcess, role: Role) -> Found {
    let id = process.pid.to_string();
    let cwd = process.cwd.clone();
    let (via, written_dir) = match role {
        Role::Tui {
            port: None,
            project,
        } => (TerminalVia::Nowhere, project),
        Role::Tui {
            port: Some(port),
            project,
        } => {
            // `--port 0` listens on a free port: the one it listens on.
            let port = if port == 0 {
                process.ports.first().copied().unwrap_or(0)
            } else {
                port
            };
            let url = format!("http://127.0.0.1:{port}");
            (
                app_server_at(state, &url).unwrap_or(TerminalVia::OwnPort { url }),
                project,
            )
        }
        Role::Attached { url, dir } => (
            app_server_at(state, &url).unwrap_or(TerminalVia::Server { url }),
            dir,
        ),
        Role::Server => unreachable!("running_terminal_uis lists no servers"),
    };
    let written_dir = written_dir.map(|d| absolute(cwd.as_deref(), &d));
    let fallback_dir = written_dir
        .or(cwd)
        .map(|d| d.to_string_lossy().into_owned());
    let (state_now, client, directory) = match &via {
        TerminalVia::Nowhere => (
            TerminalState::Unreachable {
                message: "Started without --port, it serves nothing a program can reach. \
                          Start it as `opencode --port 4096` to drive it from here."
                    .into(),
            },
            None,
            fallback_dir,
        ),
        TerminalVia::AppServer { server_id, .. } => match state.servers.client(server_id) {
            Ok(client) => (
                TerminalState::Ready {
                    version: version_of(state, server_id),
                },
                Some(client),
                fallback_dir,
            ),
            Err(e) => (
                TerminalState::Unreachable { message: e.message },
                None,
                fallback_dir,
            ),
        },
        TerminalVia::OwnPort { url } | TerminalVia::Server { url } => {
            let (state_now, client) = reach(state, url).await;
            // Its server knows its project better than its command line does.
            let directory = match &client {
                Some(c) => tokio::time::timeout(CALL_DEADLINE, c.path())
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .map(|p| p.directory)
                    .or(fallback_dir),
                None => fallback_dir,
            };
            (state_now, client, directory)
        }
    };
    let label = label_of(directory.as_deref(), &via);
    Found {
        view: TerminalView {
            id,
            label,
            directory,
            via,
            state: state_now,
        },
        client,
    }
}

/// Probes `url` with the password the user gave for it, if any.
async fn reach(state: &AppState, url: &str) -> (TerminalState, Option<Client>) {
    let credentials = Credentials::new(state.terminal_passwords.get(url));
    match opencode_supervisor::probe(url, &credentials, CALL_DEADLINE).await {
        Ok(Probe::Open { version, .. }) => match credentials.client(url, CALL_DEADLINE) {
            Ok(client) => (TerminalState::Ready { version }, Some(client)),
            Err(e) => (
                TerminalState::Unreachable {
                    message: e.to_string(),
                },
                None,
            ),
        },
        Ok(Probe::NeedsPassword) => (TerminalState::NeedsPassword, None),
        Ok(Probe::Unsupported { message }) => (TerminalState::Unreachable { message }, None),
        Err(e) => (
            TerminalState::Unreachable {
                message: e.to_string(),
            },
            None,
        ),
    }
}

/// The app's server at `url` (same host and port), if it is one.
fn app_server_at(state: &AppState, url: &str) -> Option<TerminalVia> {
    let wanted = host_port(url)?;
    state
        .servers
        .list()
        .into_iter()
        .find(|s| host_port(&s.url).as_ref() == Some(&wanted))
        .map(|s| TerminalVia::AppServer {
            server_id: s.id,
            url: s.url,
        })
}

/// `(host, port)` of a URL, with every loopback spelling as one.
fn host_port(url: &str) -> Option<(String, u16)> {
    let parsed = url::Url::parse(url).ok()?;
    let host = match parsed.host_str()? {
        "localhost" | "127.0.0.1" | "[::1]" | "::1" => "loopback".to_owned(),
        other => other.to_owned(),
    };
    Some((host, parsed.port_or_known_default()?))
}

fn version_of(state: &AppState, server_id: &str) -> String {
    state
        .servers
        .list()
        .into_iter()
        .find(|s| s.id == server_id)
        .and_then(|s| s.version)
        .unwrap_or_default()
}

fn absolute(cwd: Option<&Path>, written: &str) -> PathBuf {
    let path = Path::new(written);
    match cwd {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    }
}

fn label_of(directory: Option<&str>, via: &TerminalVia) -> String {
    let name = directory
        .and_then(|d| Path::new(d).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "OpenCode".into());
    let how = match via {
        TerminalVia::OwnPort { url } => format!("port {}", host_port(url).map_or(0, |h| h.1)),
        TerminalVia::AppServer { .. } => "attached to the app's server".into(),
        TerminalVia::Server { url } => format!("attached to {url}"),
        TerminalVia::Nowhere => "no port".into(),
    };
    format!("{name} ({how})")
}

/// Whether a terminal UI is an interface of the server at `url`: an `opencode attach` to it, or
/// the TUI whose own server it is. Reads processes only (no network): cheap enough per event.
pub fn terminal_is_interface_of(url: &str) -> bool {
    let processes = running_terminal_uis();
    let roles: Vec<Role> = processes
        .iter()
        .filter_map(|p| role_of(&p.command_line))
        .collect();
    is_interface_of(&roles, url)
}

fn is_interface_of(roles: &[Role], url: &str) -> bool {
    let Some(wanted) = host_port(url) else {
        return false;
    };
    roles.iter().any(|role| match role {
        Role::Attached { url, .. } => host_port(url).as_ref() == Some(&wanted),
        Role::Tui {
            port: Some(port), ..
        } => wanted == ("loopback".to_owned(), *port),
        _ => false,
    })
}

/// Finds TUI `id` now, with a client that reaches it, or says why it cannot be driven.
pub async fn reach_one(state: &AppState, id: &str) -> Result<(TerminalView, Client), CommandError> {
    let Some(Found { view, client }) = find_one(state, id).await else {
        return Err(CommandError::new(
            ErrorKind::NotFound,
            "That terminal OpenCode is no longer running.",
        ));
    };
    match (&view.state, client) {
        (TerminalState::Ready { .. }, Some(client)) => Ok((view, client)),
        (TerminalState::NeedsPassword, _) => Err(CommandError::new(
            ErrorKind::Unauthorized,
            format!("{} wants its server's password first.", view.label),
        )),
        (TerminalState::Unreachable { message }, _) => Err(CommandError::new(
            ErrorKind::Unreachable,
            format!("{} cannot be reached: {message}", view.label),
        )),
        (TerminalState::Ready { .. }, None) => Err(CommandError::new(
            ErrorKind::Unreachable,
            format!("{} cannot be reached.", view.label),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tui_attached_to_a_server_or_serving_it_is_its_interface() {
        let attached = Role::Attached {
            url: "http://localhost:4096".into(),
            dir: None,
        };
        let own = Role::Tui {
            port: Some(5000),
            project: None,
        };
        let portless = Role::Tui {
            port: None,
            project: None,
        };
        let roles = [attached, own, portless];
        assert!(is_interface_of(&roles, "http://127.0.0.1:4096"));
        assert!(is_interface_of(&roles, "http://127.0.0.1:5000"));
        assert!(!is_interface_of(&roles, "http://127.0.0.1:4097"));
        assert!(!is_interface_of(&roles[2..], "http://127.0.0.1:4096"));
    }

    #[test]
    fn loopback_spellings_are_one_address() {
        assert_eq!(
            host_port("http://localhost:4096"),
            host_port("http://127.0.0.1:4096/")
        );
        assert_ne!(
            host_port("http://127.0.0.1:4096"),
            host_port("http://127.0.0.1:4097")
        );
    }

    #[test]
    fn a_label_names_the_project_and_the_way_in() {
        let via = TerminalVia::OwnPort {
            url: "http://127.0.0.1:4555".into(),
        };
        assert_eq!(label_of(Some("/tmp/proj"), &via), "proj (port 4555)");
        assert_eq!(label_of(None, &TerminalVia::Nowhere), "OpenCode (no port)");
    }
}
