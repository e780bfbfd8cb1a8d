//! Set-up the app's real-server tests share: an `AppState` holding one real OpenCode server,
//! registered as "test", ready, with its client bound to the server's project.

use crate::project::ProjectChoice;
use crate::state::{AppState, ServerInfo, ServerStatusView};
use crate::ui_bridge::RecordingUi;
use opencode_client::Client;
use std::sync::Arc;
use testkit::TestServer;

/// The id the registered server goes by.
pub const SERVER_ID: &str = "test";

/// What `register` made: the state, the client it holds for the server, the project directory.
pub struct Registered {
    pub state: AppState,
    pub client: Client,
    pub project: String,
}

/// Registers `server` in a new `AppState`, reached at `url`: its own address, or that of a fault
/// proxy in front of it.
pub fn register(server: &TestServer, url: &str, ui: Arc<RecordingUi>) -> Registered {
    let project = server.project_dir().to_string_lossy().into_owned();
    let state = AppState::new(ProjectChoice::Dir(server.project_dir().to_path_buf()), ui);
    let client = client_at(server, url);
    let info = ServerInfo {
        id: SERVER_ID.into(),
        name: SERVER_ID.into(),
        url: url.into(),
        version: None,
        directory: Some(project.clone()),
        attached: true,
        status: ServerStatusView::Ready,
    };
    state.servers.upsert(info, Some(client.clone()));
    Registered {
        state,
        client,
        project,
    }
}

/// A client of `server`, bound to its project.
pub fn client(server: &TestServer) -> Client {
    client_at(server, server.url())
}

/// A client of `server` reached at `url` (its own address, or a fault proxy's), bound to its
/// project.
pub fn client_at(server: &TestServer, url: &str) -> Client {
    Client::builder(url)
        .password(server.password().map(str::to_string))
        .directory(server.project_dir().to_string_lossy())
        .build()
        .expect("client")
}
