//! The offline copies of sessions (`crate::offline_copies`): what the window reads while a
//! server is down, the search over them, and the settings' Clear and size. They work whatever
//! the server's state: only the server's id is needed, to find the key its copies are under.

use crate::error::{CommandError, ErrorKind};
use crate::offline_copies::{CopiesSize, CopyHit, CopySummary, SessionCopyView};
use crate::state::AppState;
use tauri::State;

fn failed(error: String) -> CommandError {
    tracing::warn!(%error, "offline copies");
    CommandError::new(
        ErrorKind::Internal,
        format!("The offline copies could not be read: {error}"),
    )
}

/// The kept sessions of project `directory` on server `server_id`, most recently updated first.
#[tauri::command]
#[specta::specta]
pub async fn list_offline_copies(
    state: State<'_, AppState>,
    server_id: String,
    directory: String,
) -> Result<Vec<CopySummary>, CommandError> {
    let key = state.servers.copies_key(&server_id)?;
    state.offline.list(key, directory).await.map_err(failed)
}

/// One kept session with all its kept messages, oldest first; `null` when none is kept.
#[tauri::command]
#[specta::specta]
pub async fn offline_copy(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<Option<SessionCopyView>, CommandError> {
    let key = state.servers.copies_key(&server_id)?;
    state.offline.get(key, session_id).await.map_err(failed)
}

/// Kept sessions of the project whose title, then messages whose text, hold every word of
/// `query` (at most 50).
#[tauri::command]
#[specta::specta]
pub async fn search_offline_copies(
    state: State<'_, AppState>,
    server_id: String,
    directory: String,
    query: String,
) -> Result<Vec<CopyHit>, CommandError> {
    let key = state.servers.copies_key(&server_id)?;
    state
        .offline
        .search(key, directory, query, 50)
        .await
        .map_err(failed)
}

/// Re-reads a session's last messages into its copy (the window calls it when a reply ends);
/// returns at once, the work goes on in the background.
#[tauri::command]
#[specta::specta]
pub async fn refresh_offline_copy(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<(), CommandError> {
    if !state.offline.enabled() {
        return Ok(());
    }
    let client = state.servers.client(&server_id)?;
    let key = state.servers.copies_key(&server_id)?;
    let copies = state.offline.clone();
    tokio::spawn(async move {
        if let Err(error) = copies.refresh(&client, key, &session_id).await {
            tracing::warn!(%error, session_id, "offline copy not refreshed");
        }
    });
    Ok(())
}

/// Forgets every kept session (Settings' Clear).
#[tauri::command]
#[specta::specta]
pub async fn clear_offline_copies(state: State<'_, AppState>) -> Result<CopiesSize, CommandError> {
    state.offline.clear().await.map_err(failed)?;
    state.offline.size().await.map_err(failed)
}

/// How many sessions are kept and the database's size.
#[tauri::command]
#[specta::specta]
pub async fn offline_copies_size(state: State<'_, AppState>) -> Result<CopiesSize, CommandError> {
    state.offline.size().await.map_err(failed)
}
