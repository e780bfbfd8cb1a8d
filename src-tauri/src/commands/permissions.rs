//! Answers to what the agent asks: permission requests (once, always, reject) and questions.

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

/// Answers question request `request_id`: one answer per question, each the chosen labels (or
/// the user's own text).
#[tauri::command]
#[specta::specta]
pub async fn reply_question(
    state: State<'_, AppState>,
    server_id: String,
    request_id: String,
    answers: Vec<Vec<String>>,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.reply_question(&request_id, &answers).await?)
}

/// Declines to answer question request `request_id`.
#[tauri::command]
#[specta::specta]
pub async fn reject_question(
    state: State<'_, AppState>,
    server_id: String,
    request_id: String,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.reject_question(&request_id).await?)
}

/// Everything waiting for the user on this server, across sessions: permission requests and
/// questions. The "needs you" list starts from this and then follows events.
#[tauri::command]
#[specta::specta]
pub async fn list_pending(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Pending, CommandError> {
    let client = state.servers.client(&server_id)?;
    let (permissions, questions) = tokio::try_join!(client.permissions(), client.questions())?;
    Ok(Pending {
        permissions,
        questions,
    })
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Pending {
    pub permissions: Vec<opencode_client::types::PermissionRequest>,
    pub questions: Vec<opencode_client::types::QuestionRequest>,
}
