//! Model providers: list them, sign in to one with an API key, sign out.

use crate::error::CommandError;
use crate::providers::{self, Catalogs, ProviderChange, ProviderChoice};
use crate::state::AppState;
use tauri::State;

/// Every provider the server's catalogue has, connected ones first, with its sign-in methods.
#[tauri::command]
#[specta::specta]
pub async fn list_providers(
    state: State<'_, AppState>,
    catalogs: State<'_, Catalogs>,
    server_id: String,
) -> Result<Vec<ProviderChoice>, CommandError> {
    let client = state.servers.client(&server_id)?;
    providers::choices(&catalogs, &server_id, &client).await
}

/// Stores `key` for `provider_id` on the server, and brings its models to the model list (now,
/// or when the reply in progress finishes).
#[tauri::command]
#[specta::specta]
pub async fn set_provider_key(
    state: State<'_, AppState>,
    catalogs: State<'_, Catalogs>,
    server_id: String,
    provider_id: String,
    key: String,
) -> Result<ProviderChange, CommandError> {
    let client = state.servers.client(&server_id)?;
    let key = providers::check_key(&catalogs, &server_id, &client, &provider_id, &key).await?;
    client.set_api_key(&provider_id, &key).await?;
    Ok(providers::apply(client, "Connected.").await)
}

/// Forgets the server's credentials for `provider_id`; its models leave the model list.
#[tauri::command]
#[specta::specta]
pub async fn remove_provider_key(
    state: State<'_, AppState>,
    server_id: String,
    provider_id: String,
) -> Result<ProviderChange, CommandError> {
    let client = state.servers.client(&server_id)?;
    client.remove_auth(&provider_id).await?;
    Ok(providers::apply(client, "Disconnected.").await)
}
