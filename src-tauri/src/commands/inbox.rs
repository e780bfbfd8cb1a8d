//! The "Needs you" inbox (`inbox.rs`, owned by `inbox_feed.rs`): what waits for the user on
//! every server, and which session the window shows, so a reply seen there is not listed.

use crate::error::CommandError;
use crate::inbox::NeedsYou;
use crate::inbox_feed::Inbox;
use crate::state::AppState;
use tauri::State;

/// Everything that waits for the user, across servers, grouped by project. `NeedsYouChanged`
/// carries each change after this.
#[tauri::command]
#[specta::specta]
pub async fn needs_you(
    state: State<'_, AppState>,
    inbox: State<'_, Inbox>,
) -> Result<NeedsYou, CommandError> {
    Ok(inbox.now(&state.servers.list()))
}

/// A session shown to the user: which server, which session.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct SessionAt {
    pub server_id: String,
    pub session_id: String,
}

/// The session the window shows while the user can see it (focused, not hidden), or `None`:
/// a reply that ends there is seen, not listed.
#[tauri::command]
#[specta::specta]
pub async fn set_looking_at(
    inbox: State<'_, Inbox>,
    at: Option<SessionAt>,
) -> Result<(), CommandError> {
    inbox.look(at.map(|at| (at.server_id, at.session_id)));
    Ok(())
}
