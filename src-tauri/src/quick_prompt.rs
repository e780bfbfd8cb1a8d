//! The quick prompt: a small always-on-top window (declared hidden in tauri.conf.json), opened
//! from the tray or the global shortcut. Sending starts a new session on the connected server,
//! hides the window and brings the main window forward, where the reply streams.

use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use crate::windows;
use opencode_client::types::{PromptInput, SessionCreate};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

/// The UI should open this session (sent after a quick prompt starts one).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OpenSessionRequested {
    pub server_id: String,
    pub session_id: String,
}

pub fn show<R: Runtime>(app: &AppHandle<R>) {
    windows::bring_to_front(app, windows::QUICK_PROMPT);
}

/// Registers the global shortcut; a shortcut the desktop refuses is logged, not fatal.
pub fn register_shortcut<R: Runtime>(app: &AppHandle<R>, shortcut: &str) {
    let registered = app
        .global_shortcut()
        .on_shortcut(shortcut, |app, _, event| {
            if event.state == ShortcutState::Pressed {
                show(app);
            }
        });
    if let Err(error) = registered {
        tracing::warn!(%error, shortcut, "could not register the quick prompt shortcut");
    }
}

/// Starts a new session with `text` on the first ready server and opens it in the main window.
#[tauri::command]
#[specta::specta]
pub async fn send_quick_prompt(
    state: State<'_, AppState>,
    text: String,
) -> Result<String, CommandError> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "Type a prompt first.",
        ));
    }
    let (server_id, client) = state.servers.first_ready().ok_or_else(|| {
        CommandError::new(ErrorKind::Unreachable, "No OpenCode server is ready yet.")
    })?;
    let session = client.create_session(&SessionCreate::default()).await?;
    client
        .prompt_async(&session.id, &PromptInput::text(text))
        .await?;
    state.ui.hide(windows::QUICK_PROMPT);
    state.ui.bring_to_front(windows::MAIN);
    state.ui.open_session(server_id, session.id.clone());
    Ok(session.id)
}

#[tauri::command]
#[specta::specta]
pub fn hide_quick_prompt(state: State<'_, AppState>) {
    state.ui.hide(windows::QUICK_PROMPT);
}
