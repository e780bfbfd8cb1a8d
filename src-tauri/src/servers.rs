//! Connects the app to an OpenCode server for its project, and keeps the UI told how it is.
//!
//! On start the app looks for a server already running on this machine that it may use (one
//! that answers without a password); if there is none it starts its own with the supervisor
//! (loopback, fresh password, restarted on crash, stopped on quit). OpenCode serves any project
//! directory through one server, so one found server is enough. Every status change of that
//! server is mirrored into the registry and sent to the UI as a `ServerStatusChanged` event.
//! A missing `opencode` binary is a status with a message, never a failed start of the app.

use crate::app_events::ServerStatusChanged;
use crate::state::{AppState, ServerInfo, ServerStatusView};
use opencode_supervisor::{
    discover, AttachOptions, Credentials, Owner, Probe, ServerHandle, ServerKind, ServerState,
    ServerStatus, SpawnOptions,
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
    let handle = match find_or_start(&state, where_).await {
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
    for other in &found.servers {
        match &other.probe {
            // Anyone else's unsecured server would run our prompts, and its tools, as them:
            // never attached without the user's word (Servers → Add).
            Probe::Open {
                owner: owner @ (Owner::OtherUser(_) | Owner::Unknown),
                ..
            } => tracing::warn!(
                url = %other.url,
                ?owner,
                "an OpenCode server without a password runs here, but not as this user: not \
                 attached; add it under Servers if it is trusted"
            ),
            Probe::Unsupported { message } => tracing::warn!(url = %other.url, "{message}"),
            _ => {}
        }
    }
    let unsupported = found.servers.iter().find_map(|s| match &s.probe {
        Probe::Unsupported { message } => Some(message.clone()),
        _ => None,
    });
    if let Some(open) = found.servers.iter().find(|s| {
        matches!(
            s.probe,
            Probe::Open {
                owner: Owner::SameUser,
                ..
            }
        )
    }) {
        tracing::info!(url = %open.url, "using the OpenCode server already running");
        let mut options = AttachOptions::new(open.url.clone(), Credentials::new(None));
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
    // The app's own executable, re-run as the server's guard: on Linux everything the server
    // starts (the agent's commands, dev servers) ends with the app, however the app ends.
    options.guard = std::env::current_exe().ok();
    state.supervisor.spawn(options).map_err(|e| e.to_string())
}

/// Mirrors every state of `handle` into the registry and the UI until the server is final.
async fn follow<R: Runtime>(app: AppHandle<R>, handle: ServerHandle, project: Option<PathBuf>) {
    let mut states = handle.subscribe();
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
        let state = app.state::<AppState>();
        // The registry hands the client to the server's event hub, which follows it.
        state.servers.upsert(info.clone(), client);
        // Events flowing prove a busy server alive when its health check is slow: it is not
        // killed mid-reply. (The entry exists from the first upsert on.)
        state
            .servers
            .on_activity(&info.id, std::sync::Arc::new(handle.activity_noter()));
        let _ = ServerStatusChanged { server: info }.emit(&app);
        if current.status.is_final() || states.changed().await.is_err() {
            return;
        }
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
