//! Connects the app to an OpenCode server for its project, and keeps the UI told how it is.
//!
//! On start the app looks for a server already running on this machine that it may use (one
//! that answers without a password, as this user); the others it found (another user's, an
//! OpenCode 2) are kept with why, and announced, for the user to choose or dismiss. If there is
//! none to use it starts its own with the supervisor
//! (loopback, fresh password, restarted on crash, stopped on quit). OpenCode serves any project
//! directory through one server, so one found server is enough. Every status change of that
//! server is mirrored into the registry and sent to the UI as a `ServerStatusChanged` event.
//! A missing `opencode` binary is a status with a message, never a failed start of the app.

use crate::app_events::{ServerStatusChanged, ServersNotUsed};
use crate::state::{AppState, ServerInfo, ServerNotUsed, ServerStatusView};
use opencode_client::{Client, SessionListQuery};
use opencode_supervisor::{
    discover, AttachOptions, Credentials, DiscoveredServer, Owner, Probe, ServerHandle, ServerKind,
    ServerState, ServerStatus, SpawnOptions,
};
use std::path::PathBuf;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// How long discovery waits for a local server to answer before starting our own.
const DISCOVERY_TIMEOUT: Duration = Duration::from_millis(400);

/// Finds or starts a server for `project` and follows it. Runs in the background.
pub async fn connect_project<R: Runtime>(app: AppHandle<R>, project: Option<PathBuf>) {
    let state = app.state::<AppState>();
    let prefs = app.state::<crate::settings::SettingsStore>().get();
    let where_ = Where {
        project: project.clone(),
        binary: prefs.binary_path.map(PathBuf::from),
        ports: prefs.extra_ports,
        log_file: app
            .path()
            .app_log_dir()
            .ok()
            .map(|dir| dir.join("opencode-server.log")),
    };
    let found = find_or_start(&state, where_).await;
    // Whatever was used, a window already open hears what was found and not used.
    let _ = ServersNotUsed {
        servers: state.servers_not_used(),
    }
    .emit(&app);
    let handle = match found {
        Ok(handle) => handle,
        Err(problem) => {
            let info = ServerInfo::failed("local", problem);
            state.servers.upsert(info.clone(), None);
            let _ = ServerStatusChanged { server: info }.emit(&app);
            return;
        }
    };
    follow(app.clone(), handle, project).await;
}

/// What startup needs to know: the project, and the user's settings that bear on finding a server.
struct Where {
    project: Option<PathBuf>,
    binary: Option<PathBuf>,
    ports: Vec<u16>,
    log_file: Option<PathBuf>,
}

async fn find_or_start(state: &AppState, at: Where) -> Result<ServerHandle, String> {
    let Where {
        project,
        binary,
        ports,
        log_file,
    } = at;
    let found = discover(&ports, DISCOVERY_TIMEOUT).await;
    let Sorted { attach, not_used } = sort_found(&found.servers);
    for other in &not_used {
        tracing::warn!(url = %other.url, "{}", other.reason);
    }
    // What cannot be used at all (an OpenCode 2) explains a failed start below.
    let unsupported = not_used
        .iter()
        .find(|s| !s.can_use)
        .map(|s| s.reason.clone());
    *state.not_used.lock().unwrap_or_else(|e| e.into_inner()) = not_used;
    if let Some(url) = attach {
        tracing::info!(%url, "using the OpenCode server already running");
        let mut options = AttachOptions::new(url, Credentials::new(None));
        options.project_dir = project;
        return state.supervisor.attach(options).map_err(|e| e.to_string());
    }
    let binary = opencode_supervisor::locate(binary).await.map_err(|e| {
        // Say what was found running, or the user is left wondering why it was not used.
        match &unsupported {
            Some(found) => format!("{found}\n\n{e}"),
            None => e.to_string(),
        }
    })?;
    if let Some(warning) = binary.warning() {
        tracing::warn!(%warning, "OpenCode version");
    }
    // Without a project the server still runs (in the home directory); the UI asks for one.
    let dir = project
        .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
        .unwrap_or_default();
    let mut options = SpawnOptions::new(dir).binary(binary.path);
    options.log_file = log_file;
    // The server's guard (the small program beside the app, else the app re-run): on Linux
    // everything the server starts (the agent's commands, dev servers) ends with the app,
    // however the app ends.
    options.guard = std::env::current_exe()
        .ok()
        .map(|exe| opencode_supervisor::guard::program_for(&exe));
    state.supervisor.spawn(options).map_err(|e| e.to_string())
}

/// What a look for local servers decided: the one to attach without asking, and the ones found
/// but not used, each with why.
#[derive(Debug, PartialEq)]
struct Sorted {
    attach: Option<String>,
    not_used: Vec<ServerNotUsed>,
}

/// Picks the unsecured server of this user's to attach silently. Anyone else's unsecured server
/// would run our prompts, and its tools, as them: it is reported, for the user to choose; an
/// OpenCode 2 server is reported and cannot be chosen. A secured one is left to Servers → Add.
fn sort_found(servers: &[DiscoveredServer]) -> Sorted {
    let mut sorted = Sorted {
        attach: None,
        not_used: Vec::new(),
    };
    for server in servers {
        let (reason, can_use) = match &server.probe {
            Probe::Open {
                owner: Owner::SameUser,
                ..
            } => {
                if sorted.attach.is_none() {
                    sorted.attach = Some(server.url.clone());
                }
                continue;
            }
            Probe::Open {
                owner: Owner::OtherUser(uid),
                ..
            } => (
                format!(
                    "runs without a password as another user (uid {uid}); not used unless you \
                     choose it"
                ),
                true,
            ),
            Probe::Open {
                owner: Owner::Unknown,
                ..
            } => (
                "runs without a password, and this computer does not tell which user runs it; \
                 not used unless you choose it"
                    .to_string(),
                true,
            ),
            Probe::Unsupported { message } => (message.clone(), false),
            Probe::NeedsPassword => continue,
        };
        sorted.not_used.push(ServerNotUsed {
            url: server.url.clone(),
            reason,
            can_use,
        });
    }
    sorted
}

/// Mirrors every state of `handle` into the registry and the UI until the server is final.
async fn follow<R: Runtime>(app: AppHandle<R>, handle: ServerHandle, project: Option<PathBuf>) {
    let mut states = handle.subscribe();
    // Events flowing prove a busy server alive when its health check is slow: it is not killed
    // mid-reply.
    app.state::<AppState>().servers.on_activity(
        &handle.id().to_string(),
        std::sync::Arc::new(handle.activity_noter()),
    );
    let mut warmer = Warmer::default();
    loop {
        let current = states.borrow_and_update().clone();
        let info = info_of(&handle, &current, project.as_ref());
        let client = match (&current.status, handle.client()) {
            (ServerStatus::Ready, Some(client)) => Some(match &project {
                Some(dir) => client.for_directory(dir.to_string_lossy()),
                None => client,
            }),
            _ => None,
        };
        warmer.see(client.as_ref());
        let state = app.state::<AppState>();
        // The registry hands the client to the server's event hub, which follows it.
        state.servers.upsert(info.clone(), client);
        let _ = ServerStatusChanged { server: info }.emit(&app);
        if current.status.is_final() || states.changed().await.is_err() {
            return;
        }
    }
}

/// Asks the project's sessions of a server that just became ready, and drops the answer. A
/// server sets a project up on its first request for it (config, plugins, the database):
/// measured on a server just started, 0.2 s for an empty project, where a second call takes
/// 15 ms. Asked as soon as the server is ready, that work overlaps the window's own loading
/// (0.5-1 s before its script asks anything). Again after each restart: a new process is cold.
#[derive(Default)]
struct Warmer {
    ready: bool,
}

impl Warmer {
    /// `client` is the project's client when the server is ready, `None` otherwise.
    fn see(&mut self, client: Option<&Client>) {
        let now = client.is_some();
        if let (Some(client), false) = (client, self.ready) {
            let client = client.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = client.sessions(&SessionListQuery::default()).await {
                    tracing::debug!(%error, "warming the server for the project");
                }
            });
        }
        self.ready = now;
    }
}

fn info_of(handle: &ServerHandle, state: &ServerState, project: Option<&PathBuf>) -> ServerInfo {
    ServerInfo {
        id: handle.id().to_string(),
        name: handle.name().to_string(),
        url: state.url.clone().unwrap_or_default(),
        version: state.version.clone(),
        directory: project.map(|p| p.to_string_lossy().into_owned()),
        attached: handle.kind() == ServerKind::Attached,
        status: ServerStatusView::from(&state.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(port: u16, probe: Probe) -> DiscoveredServer {
        DiscoveredServer {
            url: format!("http://127.0.0.1:{port}"),
            port,
            probe,
            process: None,
        }
    }

    fn open(owner: Owner) -> Probe {
        Probe::Open {
            version: "1.18.33".into(),
            owner,
        }
    }

    #[test]
    fn attaches_silently_only_to_this_users_open_server_and_reports_the_others() {
        let servers = [
            found(4096, open(Owner::OtherUser(1001))),
            found(4097, Probe::NeedsPassword),
            found(4098, open(Owner::SameUser)),
            found(4099, open(Owner::Unknown)),
            found(
                4100,
                Probe::Unsupported {
                    message: "This is OpenCode 2.".into(),
                },
            ),
            found(4101, open(Owner::SameUser)),
        ];
        let sorted = sort_found(&servers);
        assert_eq!(sorted.attach.as_deref(), Some("http://127.0.0.1:4098"));
        assert_eq!(
            sorted.not_used,
            vec![
                ServerNotUsed {
                    url: "http://127.0.0.1:4096".into(),
                    reason: "runs without a password as another user (uid 1001); not used \
                             unless you choose it"
                        .into(),
                    can_use: true,
                },
                ServerNotUsed {
                    url: "http://127.0.0.1:4099".into(),
                    reason: "runs without a password, and this computer does not tell which \
                             user runs it; not used unless you choose it"
                        .into(),
                    can_use: true,
                },
                ServerNotUsed {
                    url: "http://127.0.0.1:4100".into(),
                    reason: "This is OpenCode 2.".into(),
                    can_use: false,
                },
            ]
        );
    }

    #[test]
    fn another_users_server_alone_is_reported_not_attached() {
        let sorted = sort_found(&[found(4096, open(Owner::OtherUser(0)))]);
        assert_eq!(sorted.attach, None);
        assert_eq!(sorted.not_used.len(), 1);
        assert!(sorted.not_used[0].can_use);
        assert_eq!(
            sort_found(&[]),
            Sorted {
                attach: None,
                not_used: vec![]
            }
        );
    }

    /// The warm-up asks once per time the server becomes ready, against a real server: the
    /// proxy in front of it counts what reaches it.
    #[tokio::test(flavor = "multi_thread")]
    async fn a_server_becoming_ready_is_asked_for_the_project_once_per_start() {
        let model = testkit::FakeModel::start().await;
        let server = testkit::TestServer::start(&model).await.expect("server");
        let proxy = testkit::FaultProxy::start(&server).await.expect("proxy");
        let client = crate::test_support::client_at(&server, &proxy.url());
        let asked = |n: usize| {
            let proxy = &proxy;
            async move {
                proxy
                    .wait_for(Duration::from_secs(10), |stats| stats.requests >= n)
                    .await
            }
        };
        let mut warmer = Warmer::default();
        warmer.see(None);
        warmer.see(Some(&client));
        assert!(asked(1).await, "the server that became ready was not asked");
        // Still ready (another status change said the same): not asked again.
        warmer.see(Some(&client));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(proxy.stats().requests, 1);
        // Restarted: a new process, asked again.
        warmer.see(None);
        warmer.see(Some(&client));
        assert!(asked(2).await, "the restarted server was not asked");
    }
}
