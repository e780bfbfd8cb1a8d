//! The quick prompt: a small always-on-top window, opened from the tray or the global shortcut.
//! Sending starts a new session on the connected server, hides the window and brings the main
//! window forward, where the reply streams.
//!
//! The window is declared in tauri.conf.json with `create: false` and made on first use: a
//! hidden webview made at start held about 80 MB (PSS, scripts/bench-app.sh) for a window many
//! never open. Once made it stays, hidden, so later opens take the keys typed at once.

use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use crate::windows;
use opencode_client::types::{PromptInput, SessionCreate};
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindowBuilder};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if app.get_webview_window(windows::QUICK_PROMPT).is_none() {
        if let Err(error) = create(app) {
            tracing::warn!(%error, "could not open the quick prompt window");
            return;
        }
    }
    windows::bring_to_front(app, windows::QUICK_PROMPT);
}

/// Makes the window from its declaration in tauri.conf.json (hidden until brought to the front).
fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == windows::QUICK_PROMPT)
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    WebviewWindowBuilder::from_config(app, config)?.build()?;
    Ok(())
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
