//! What the composer offers: the configured models, the agents and the `/` commands.

use crate::error::CommandError;
use crate::state::AppState;
use opencode_client::types::{Agent, Command, ConfigProviders};
use tauri::State;

/// The providers the user configured, their models, and each provider's default model. (Not the
/// whole catalogue of every provider, which is several MB.)
#[tauri::command]
#[specta::specta]
pub async fn list_models(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<ConfigProviders, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.config_providers().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_agents(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Agent>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.agents().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_commands(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Command>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.commands().await?)
}
