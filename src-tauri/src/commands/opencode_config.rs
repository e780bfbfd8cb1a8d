//! OpenCode's own settings (model, agent, permissions, sharing, updates): read them with where
//! each comes from, and change one in the project or the global config. The agents list is
//! `catalog::list_agents`, the models `catalog::list_models`.

use crate::error::CommandError;
use crate::opencode_config::{self, ConfigChange, ConfigSaved, OpencodeConfigView, Scope};
use crate::state::AppState;
use tauri::State;

/// Every setting the screen shows, each with its value and origin (project, global, default).
#[tauri::command]
#[specta::specta]
pub async fn read_opencode_config(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<OpencodeConfigView, CommandError> {
    let client = state.servers.client(&server_id)?;
    opencode_config::read(&client).await
}

/// Checks `change` and writes it to `scope`: the global config through the server, the
/// project's file by the app (local servers only). Nothing is written when it is refused.
#[tauri::command]
#[specta::specta]
pub async fn set_opencode_config_value(
    state: State<'_, AppState>,
    server_id: String,
    scope: Scope,
    change: ConfigChange,
) -> Result<ConfigSaved, CommandError> {
    let client = state.servers.client(&server_id)?;
    opencode_config::set(&client, scope, &change).await
}
