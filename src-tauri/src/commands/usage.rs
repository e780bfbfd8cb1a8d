//! What sessions cost (`crate::usage`): one session's exact totals, and a report across sessions.

use crate::error::CommandError;
use crate::state::AppState;
use crate::usage::{UsageReport, UsageTotals};
use tauri::State;

/// Session `session_id`'s tokens and cost over all its messages (the status bar's figure).
#[tauri::command]
#[specta::specta]
pub async fn session_usage(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<UsageTotals, CommandError> {
    let client = state.servers.client(&server_id)?;
    state
        .usage
        .session_totals(&server_id, &client, &session_id)
        .await
}

/// Use by the user's local day (`utc_offset_minutes` east of UTC), provider and model, over the
/// project's sessions or, with `all_projects`, over every project of the server.
#[tauri::command]
#[specta::specta]
pub async fn usage_report(
    state: State<'_, AppState>,
    server_id: String,
    all_projects: bool,
    utc_offset_minutes: i32,
) -> Result<UsageReport, CommandError> {
    let client = state.servers.client(&server_id)?;
    state
        .usage
        .report(&server_id, &client, all_projects, utc_offset_minutes)
        .await
}
