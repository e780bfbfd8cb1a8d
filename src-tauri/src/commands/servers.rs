//! OpenCode servers: the ones the app can reach, probing one by address, connecting to one, and
//! the saved remote ones (the logic is in `remote_servers`).

use crate::error::CommandError;
use crate::remote_servers::{self, mdns::AnnouncedServer, SavedServer, ServerEdit};
use crate::settings::SettingsStore;
use crate::state::{AppState, ServerInfo, ServerNotUsed};
use opencode_client::types::Health;
use tauri::State;

/// The servers the app is connected to, the project's own before the remote ones (a window
/// opening shows the first).
#[tauri::command]
#[specta::specta]
pub fn list_servers(state: State<'_, AppState>) -> Vec<ServerInfo> {
    let mut servers = state.servers.list();
    servers.sort_by_key(|server| remote_servers::is_remote(&server.id));
    servers
}

/// Checks that an OpenCode server answers at `url` with these credentials; returns its version.
#[tauri::command]
#[specta::specta]
pub async fn probe_server(
    url: String,
    username: Option<String>,
    password: Option<String>,
) -> Result<Health, CommandError> {
    let client = remote_servers::client_for(&url, username, password, None)?;
    remote_servers::check(&client, &url).await
}

/// Connects to a running server (checking the credentials first) and registers it; once
/// connected it is saved, its password in the keychain, and reconnected at every launch.
#[tauri::command]
#[specta::specta]
pub async fn connect_server(
    state: State<'_, AppState>,
    settings: State<'_, SettingsStore>,
    url: String,
    username: Option<String>,
    password: Option<String>,
    directory: Option<String>,
) -> Result<ServerInfo, CommandError> {
    let servers = &state.servers;
    let connected = state
        .remote
        .connect(&settings, servers, url, username, password, directory);
    connected.await
}

/// The remote servers saved, with what the user should know (a password sent in clear, one
/// kept for this session only).
#[tauri::command]
#[specta::specta]
pub fn saved_servers(
    state: State<'_, AppState>,
    settings: State<'_, SettingsStore>,
) -> Vec<SavedServer> {
    state.remote.list(&settings)
}

/// Changes a saved server's address, name, user or password (`None` keeps it) and connects it
/// again; its new status is in the answer.
#[tauri::command]
#[specta::specta]
pub async fn edit_saved_server(
    state: State<'_, AppState>,
    settings: State<'_, SettingsStore>,
    id: String,
    edit: ServerEdit,
) -> Result<ServerInfo, CommandError> {
    state
        .remote
        .edit(&settings, &state.servers, &id, edit)
        .await
}

/// Forgets a saved server: settings entry, keychain entry, and the app's connection to it.
#[tauri::command]
#[specta::specta]
pub async fn remove_saved_server(
    state: State<'_, AppState>,
    settings: State<'_, SettingsStore>,
    id: String,
) -> Result<(), CommandError> {
    state.remote.remove(&settings, &state.servers, &id).await
}

/// OpenCode servers announced on the local network (a 2 s look); `None` while the mDNS setting
/// is off, and then nothing is sent on the network.
#[tauri::command]
#[specta::specta]
pub async fn announced_servers(
    settings: State<'_, SettingsStore>,
) -> Result<Option<Vec<AnnouncedServer>>, CommandError> {
    remote_servers::mdns::announced(&settings).await
}

/// Finds or starts a local server again for the open project, as at start: the user's "Retry"
/// after the server failed for good (crash loop, missing binary fixed in settings...).
#[tauri::command]
#[specta::specta]
pub fn retry_server(state: State<'_, AppState>) {
    let project = state
        .servers
        .list()
        .into_iter()
        .find(|s| !s.attached)
        .and_then(|s| s.directory)
        .map(std::path::PathBuf::from)
        .or_else(|| state.project.dir());
    state.ui.reconnect(project);
}

/// The local servers the app found at start (or on Retry) but did not use, with why: for the
/// UI to offer the ones the user may choose. Also announced as `ServersNotUsed`.
#[tauri::command]
#[specta::specta]
pub fn servers_not_used(state: State<'_, AppState>) -> Vec<ServerNotUsed> {
    state.servers_not_used()
}

#[cfg(test)]
mod tests {
    //! Through the mock runtime's IPC, as the webview calls it.

    use super::super::ipc_test_support::invoke;
    use crate::ipc::specta_builder;
    use crate::project::ProjectChoice;
    use crate::state::{AppState, ServerNotUsed};
    use serde_json::json;
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::{Manager, WebviewWindowBuilder};

    #[test]
    fn the_servers_found_but_not_used_reach_the_ui_with_why() {
        let state = AppState::new(
            ProjectChoice::None,
            std::sync::Arc::new(crate::ui_bridge::RecordingUi::default()),
        );
        *state.not_used.lock().unwrap() = vec![ServerNotUsed {
            url: "http://127.0.0.1:4096".into(),
            reason: "runs without a password as another user (uid 1001)".into(),
            can_use: true,
        }];
        let app = mock_builder()
            .invoke_handler(specta_builder::<MockRuntime>().invoke_handler())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        app.manage(state);
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("mock window");
        assert_eq!(
            invoke(&window, "servers_not_used", json!({})),
            Ok(json!([{
                "url": "http://127.0.0.1:4096",
                "reason": "runs without a password as another user (uid 1001)",
                "can_use": true,
            }]))
        );
    }

    /// Saved remote servers through IPC, against a real secured server: connect saves it
    /// (the password in the keychain, here a map), the list shows it without the password,
    /// edit renames it, remove forgets it; mDNS answers nothing while its setting is off.
    #[tokio::test(flavor = "multi_thread")]
    async fn saved_servers_are_connected_listed_edited_and_removed_through_ipc() {
        let model = testkit::FakeModel::start().await;
        let server = testkit::TestServer::start(&model).await.expect("server");
        let url = server.url().to_string();
        let password = server.password().expect("secured").to_string();
        let keychain = std::sync::Arc::new(crate::remote_servers::MemoryPasswords::default());
        let dir = crate::settings::test_dir::TestDir::new();
        let state = AppState::new(
            ProjectChoice::None,
            std::sync::Arc::new(crate::ui_bridge::RecordingUi::default()),
        )
        .with_passwords(keychain.clone());
        let settings = crate::settings::SettingsStore::open(dir.file());
        let in_keychain = keychain.clone();
        let (connected, saved, kept, edited, servers, removed, after, announced) =
            tokio::task::spawn_blocking(move || {
                let app = mock_builder()
                    .invoke_handler(specta_builder::<MockRuntime>().invoke_handler())
                    .build(mock_context(noop_assets()))
                    .expect("mock app");
                app.manage(state);
                app.manage(settings);
                let window = WebviewWindowBuilder::new(&app, "main", Default::default())
                    .build()
                    .expect("mock window");
                let connect = json!({"url": url, "username": null, "password": password,
                                     "directory": null});
                let connected = invoke(&window, "connect_server", connect).expect("connect");
                let saved = invoke(&window, "saved_servers", json!({})).expect("saved");
                let kept = in_keychain.ids();
                let id = saved[0]["id"].clone();
                let edit = json!({"id": id, "edit": {"url": url, "name": "Build box",
                                  "username": null, "password": null}});
                let edited = invoke(&window, "edit_saved_server", edit).expect("edit");
                let servers = invoke(&window, "list_servers", json!({})).expect("list");
                let removed = invoke(&window, "remove_saved_server", json!({"id": id}));
                let after = invoke(&window, "saved_servers", json!({})).expect("saved");
                let announced = invoke(&window, "announced_servers", json!({}));
                (
                    connected, saved, kept, edited, servers, removed, after, announced,
                )
            })
            .await
            .expect("blocking task");
        assert_eq!(connected["status"], json!({"state": "ready"}));
        assert_eq!(saved[0]["server_id"], connected["id"]);
        assert_eq!(saved[0]["url"], server.url());
        assert_eq!(saved[0]["clear_text_warning"], json!(null));
        assert!(!saved.to_string().contains(server.password().unwrap()));
        assert_eq!(kept, [saved[0]["id"].as_str().unwrap().to_string()]);
        assert_eq!(edited["name"], "Build box");
        assert_eq!(edited["status"], json!({"state": "ready"}));
        assert_eq!(servers[0]["name"], "Build box");
        assert_eq!(removed, Ok(json!(null)));
        assert_eq!(after, json!([]));
        assert!(keychain.ids().is_empty());
        assert_eq!(
            announced,
            Ok(json!(null)),
            "mDNS is off: no look on the network"
        );
    }
}
