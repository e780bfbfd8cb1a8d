//! OpenCode servers: probing one by address (discovery and supervision come with the supervisor).

use crate::error::CommandError;
use opencode_client::types::Health;
use opencode_client::Client;
use std::time::Duration;

/// Checks that an OpenCode server answers at `url` with these credentials; returns its version.
#[tauri::command]
#[specta::specta]
pub async fn probe_server(
    url: String,
    username: Option<String>,
    password: Option<String>,
) -> Result<Health, CommandError> {
    let client = Client::builder(url)
        .username(username.unwrap_or_else(|| "opencode".into()))
        .password(password)
        .connect_timeout(Duration::from_secs(3))
        .request_timeout(Duration::from_secs(5))
        .build()?;
    Ok(client.health().await?)
}
