//! Sessions and their messages: list, create, open tail-first, prompt, abort.

use crate::error::CommandError;
use crate::state::AppState;
use opencode_client::types::{MessagePage, PromptInput, Session, SessionCreate};
use opencode_client::SessionListQuery;
use tauri::State;

/// The project's top-level sessions, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_sessions(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Session>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let query = SessionListQuery {
        roots: Some(true),
        ..Default::default()
    };
    let mut sessions = client.sessions(&query).await?;
    sessions.sort_by(|a, b| b.time.updated.total_cmp(&a.time.updated));
    Ok(sessions)
}

#[tauri::command]
#[specta::specta]
pub async fn create_session(
    state: State<'_, AppState>,
    server_id: String,
    title: Option<String>,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    let input = SessionCreate {
        title,
        ..Default::default()
    };
    Ok(client.create_session(&input).await?)
}

/// One page of a session's messages, newest last: `before: null` gives the last screen, and the
/// page's own `before` cursor fetches the page above it. Open long sessions this way.
#[tauri::command]
#[specta::specta]
pub async fn load_messages(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    limit: u32,
    before: Option<String>,
) -> Result<MessagePage, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client
        .message_page(&session_id, limit.clamp(1, 500), before.as_deref())
        .await?)
}

/// Sends a prompt and returns at once; the reply streams in through `watch_events`.
#[tauri::command]
#[specta::specta]
pub async fn send_prompt(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    prompt: PromptInput,
) -> Result<(), CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.prompt_async(&session_id, &prompt).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn abort_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.abort_session(&session_id).await?)
}
