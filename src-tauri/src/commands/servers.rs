//! OpenCode servers: the ones the app can reach, probing one by address, connecting to one.

use crate::error::{CommandError, ErrorKind};
use crate::state::{AppState, ServerInfo, ServerNotUsed, ServerStatusView};
use opencode_client::types::Health;
use opencode_client::Client;
use std::time::Duration;
use tauri::State;

/// The servers the app is connected to.
#[tauri::command]
#[specta::specta]
pub fn list_servers(state: State<'_, AppState>) -> Vec<ServerInfo> {
    state.servers.list()
}

/// Checks that an OpenCode server answers at `url` with these credentials; returns its version.
#[tauri::command]
#[specta::specta]
pub async fn probe_server(
    url: String,
    username: Option<String>,
    password: Option<String>,
) -> Result<Health, CommandError> {
    let client = build_client(url.clone(), username, password, None)?;
    health(&client, &url).await
}

/// The server's health; a server that answers like OpenCode 2 is named as such, not a failure
/// with an HTML page in it.
async fn health(client: &Client, url: &str) -> Result<Health, CommandError> {
    match client.health().await {
        Ok(health) => Ok(health),
        Err(error @ opencode_client::Error::Unauthorized { .. }) => Err(error.into()),
        Err(error) => {
            let credentials = opencode_supervisor::Credentials::new(None);
            match opencode_supervisor::discovery::probe(url, &credentials, Duration::from_secs(3))
                .await
            {
                Ok(opencode_supervisor::Probe::Unsupported { message }) => {
                    Err(CommandError::new(ErrorKind::InvalidInput, message))
                }
                _ => Err(error.into()),
            }
        }
    }
}

/// Connects to a running server (checking the credentials first) and registers it.
#[tauri::command]
#[specta::specta]
pub async fn connect_server(
    state: State<'_, AppState>,
    url: String,
    username: Option<String>,
    password: Option<String>,
    directory: Option<String>,
) -> Result<ServerInfo, CommandError> {
    let client = build_client(url.clone(), username, password, directory.clone())?;
    let health = health(&client, &url).await?;
    let url = client.base_url().as_str().trim_end_matches('/').to_string();
    let info = ServerInfo {
        id: url.clone(),
        name: url.clone(),
        url,
        version: Some(health.version),
        directory,
        attached: true,
        status: ServerStatusView::Ready,
    };
    state.servers.upsert(info.clone(), Some(client));
    Ok(info)
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

fn build_client(
    url: String,
    username: Option<String>,
    password: Option<String>,
    directory: Option<String>,
) -> Result<Client, CommandError> {
    let mut builder = Client::builder(url)
        .username(username.unwrap_or_else(|| "opencode".into()))
        .password(password)
        .connect_timeout(Duration::from_secs(3))
        .request_timeout(Duration::from_secs(15));
    if let Some(directory) = directory {
        builder = builder.directory(directory);
    }
    Ok(builder.build()?)
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
}
