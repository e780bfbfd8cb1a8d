//! Answers to what the agent asks: permission requests (once, always, reject) and questions.
//! They are sent by `answer.rs`, as the tray's and the notifications' are: a request answered
//! meanwhile elsewhere is a `NotFound` saying so.

use crate::answer::{self, Reply};
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
    answer::send(&client, &request_id, &Reply::Permission(reply)).await
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
    answer::send(&client, &request_id, &Reply::Question(answers)).await
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
    answer::send(&client, &request_id, &Reply::DismissQuestion).await
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
