//! Model providers: list them, sign in to one with an API key or its browser page, sign out.

use crate::error::CommandError;
use crate::provider_oauth::{self, Browser, OAuthStarted, OAuthWaits};
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

/// Starts signing in to `provider_id` with its browser method number `method` (answers to the
/// method's prompts in `inputs`) and opens the provider's page in the system browser.
#[tauri::command]
#[specta::specta]
pub async fn start_provider_oauth(
    browser: State<'_, Browser>,
    state: State<'_, AppState>,
    server_id: String,
    provider_id: String,
    method: u32,
    inputs: std::collections::BTreeMap<String, String>,
) -> Result<OAuthStarted, CommandError> {
    let client = state.servers.client(&server_id)?;
    provider_oauth::start(&client, browser.0.as_ref(), &provider_id, method, &inputs).await
}

/// Finishes a browser sign-in: with the code the provider's page showed, or (`code` absent) by
/// waiting for the page to hand it to the server itself. Then the provider's models are
/// brought to the model list.
#[tauri::command]
#[specta::specta]
pub async fn finish_provider_oauth(
    state: State<'_, AppState>,
    waits: State<'_, OAuthWaits>,
    server_id: String,
    provider_id: String,
    method: u32,
    code: Option<String>,
) -> Result<ProviderChange, CommandError> {
    let client = state.servers.client(&server_id)?;
    let provider = provider_id.clone();
    let finish = async move { provider_oauth::finish(client, &provider, method, code).await };
    waits.wait(&server_id, &provider_id, finish).await
}

/// Stops waiting for a browser sign-in; its `finish_provider_oauth` answers "cancelled".
#[tauri::command]
#[specta::specta]
pub fn cancel_provider_oauth(
    waits: State<'_, OAuthWaits>,
    server_id: String,
    provider_id: String,
) -> bool {
    waits.cancel(&server_id, &provider_id)
}
