//! Terminal OpenCodes: list them, drive them, start one attached to the app's server.

use crate::error::{CommandError, ErrorKind};
use crate::settings::SettingsStore;
use crate::state::AppState;
use crate::terminals::{self, TerminalAction, TerminalCommand, TerminalView};
use opencode_supervisor::terminal::{open_attached, AttachCommand};
use std::path::PathBuf;
use tauri::State;

/// Every terminal OpenCode running on this machine, looked at now.
#[tauri::command]
#[specta::specta]
pub async fn list_terminals(state: State<'_, AppState>) -> Result<Vec<TerminalView>, CommandError> {
    Ok(terminals::list(&state).await)
}

/// The TUI's own commands and its server's `/` commands.
#[tauri::command]
#[specta::specta]
pub async fn terminal_commands(
    state: State<'_, AppState>,
    terminal_id: String,
) -> Result<Vec<TerminalCommand>, CommandError> {
    terminals::commands(&state, &terminal_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn drive_terminal(
    state: State<'_, AppState>,
    terminal_id: String,
    action: TerminalAction,
) -> Result<(), CommandError> {
    terminals::drive(&state, &terminal_id, action).await
}

/// Remembers the password of a TUI's server for this session; the TUI as it is with it.
#[tauri::command]
#[specta::specta]
pub async fn set_terminal_password(
    state: State<'_, AppState>,
    terminal_id: String,
    password: String,
) -> Result<TerminalView, CommandError> {
    terminals::set_password(&state, &terminal_id, password).await
}

/// Starts the user's terminal emulator running `opencode attach` to server `server_id`, in
/// `directory` (the server's project when absent), showing `session_id` when given. Returns
/// the emulator used.
#[tauri::command]
#[specta::specta]
pub async fn open_in_terminal(
    state: State<'_, AppState>,
    settings: State<'_, SettingsStore>,
    server_id: String,
    directory: Option<String>,
    session_id: Option<String>,
) -> Result<String, CommandError> {
    let info = state
        .servers
        .list()
        .into_iter()
        .find(|s| s.id == server_id)
        .ok_or_else(|| CommandError::new(ErrorKind::NotFound, "No such server."))?;
    let handle = state
        .supervisor
        .servers()
        .into_iter()
        .find(|h| h.id().to_string() == server_id)
        .ok_or_else(|| {
            CommandError::new(
                ErrorKind::InvalidInput,
                "Only a server on this machine can be opened in a terminal.",
            )
        })?;
    let binary = opencode_supervisor::locate(settings.get().binary_path.map(PathBuf::from))
        .await
        .map_err(|e| CommandError::new(ErrorKind::NotFound, e.to_string()))?;
    let directory = directory.or(info.directory).map(PathBuf::from);
    let command = AttachCommand {
        opencode: &binary.path,
        url: &info.url,
        credentials: handle.credentials(),
        directory: directory.as_deref(),
        session_id: session_id.as_deref(),
    };
    open_attached(&command)
        .map(|emulator| emulator.to_string_lossy().into_owned())
        .map_err(|message| CommandError::new(ErrorKind::NotFound, message))
}
