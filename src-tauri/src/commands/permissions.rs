//! Answers to what the agent asks: permission requests (once, always, reject).

use crate::error::CommandError;
use crate::state::AppState;
use opencode_client::types::PermissionReply;
use tauri::State;

/// Answers permission request `request_id` on server `server_id`.
#[tauri::command]
#[specta::specta]
pub async fn reply_permission(
    state: State<'_, AppState>,
    server_id: String,
    request_id: String,
    reply: PermissionReply,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.reply_permission(&request_id, reply, None).await?)
}
