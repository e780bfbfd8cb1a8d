//! The quick prompt: a small always-on-top window, opened from the tray or the global shortcut.
//! Sending starts a new session on the connected server, hides the window and brings the main
//! window forward, where the reply streams; or, when the user chose a terminal OpenCode in the
//! window (or from the tray), puts the text in that TUI's prompt and sends it there.
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

/// Opens the quick prompt aimed at terminal OpenCode `terminal_id` (the tray's "Send a
/// prompt…"); the window keeps the choice.
pub fn show_for_terminal<R: Runtime>(app: &AppHandle<R>, terminal_id: String) {
    use tauri_specta::Event;
    *app.state::<AppState>()
        .quick_prompt_target
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(terminal_id.clone());
    show(app);
    let event = crate::app_events::QuickPromptTargetRequested {
        terminal_id: Some(terminal_id),
    };
    if let Err(error) = event.emit_to(app, windows::QUICK_PROMPT) {
        tracing::warn!(%error, "could not aim the quick prompt at the terminal");
    }
}

/// Starts a new session with `text` on the first ready server and opens it in the main window;
/// with `terminal_id`, sends `text` from that terminal OpenCode's prompt instead. Returns the
/// new session's id, or the terminal's.
#[tauri::command]
#[specta::specta]
pub async fn send_quick_prompt(
    state: State<'_, AppState>,
    text: String,
    terminal_id: Option<String>,
) -> Result<String, CommandError> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "Type a prompt first.",
        ));
    }
    if let Some(terminal_id) = terminal_id {
        let action = crate::terminals::TerminalAction::SendPrompt { text };
        crate::terminals::drive(&state, &terminal_id, action).await?;
        state.ui.hide(windows::QUICK_PROMPT);
        return Ok(terminal_id);
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

/// The terminal OpenCode the tray last aimed the quick prompt at, once (the window asks when
/// it is made and whenever it gets the focus).
#[tauri::command]
#[specta::specta]
pub fn take_quick_prompt_target(state: State<'_, AppState>) -> Option<String> {
    state
        .quick_prompt_target
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
}

#[tauri::command]
#[specta::specta]
pub fn hide_quick_prompt(state: State<'_, AppState>) {
    state.ui.hide(windows::QUICK_PROMPT);
}
