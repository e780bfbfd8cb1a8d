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
use crate::{shared_web_process, windows};
use opencode_client::types::{PromptInput, SessionCreate};
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindowBuilder};
use tauri_plugin_global_shortcut::{GlobalShortcut, Shortcut, ShortcutEvent, ShortcutState};

pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if app.get_webview_window(windows::QUICK_PROMPT).is_some() {
        windows::bring_to_front(app, windows::QUICK_PROMPT);
        return;
    }
    // Made on the main thread, where the main window's view is kept (it shares its process).
    // Brought forward from another thread, each step its own turn of the main loop: shown and
    // focused in the same turn it was made, the window was not mapped yet and never got the keys.
    let handle = app.clone();
    let made = app.run_on_main_thread(move || {
        if handle.get_webview_window(windows::QUICK_PROMPT).is_none() {
            if let Err(error) = create(&handle) {
                tracing::warn!(%error, "could not open the quick prompt window");
                return;
            }
        }
        tauri::async_runtime::spawn_blocking(move || {
            windows::bring_to_front(&handle, windows::QUICK_PROMPT)
        });
    });
    if let Err(error) = made {
        tracing::warn!(%error, "could not open the quick prompt window");
    }
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
    shared_web_process::build(WebviewWindowBuilder::from_config(app, config)?)?;
    Ok(())
}

/// Registers the global shortcut at start. A shortcut the desktop refuses is not fatal: the
/// sentence returned tells the user (a launch notice) how to choose another.
pub fn register_shortcut<R: Runtime>(app: &AppHandle<R>, shortcut: &str) -> Option<String> {
    register_at_start(&DesktopShortcuts(app), shortcut)
}

fn register_at_start(registry: &impl ShortcutRegistry, shortcut: &str) -> Option<String> {
    let registered = parse_shortcut(shortcut).and_then(|key| registry.register(key));
    let error = registered.err()?;
    tracing::warn!(%error, shortcut, "could not register the quick prompt shortcut");
    Some(format!(
        "The quick prompt shortcut {shortcut} does not work: {error}. Choose another in \
         Settings (the tray opens the quick prompt meanwhile)."
    ))
}

/// The desktop's global shortcuts as the swap needs them: the plugin in the app, a fake in tests
/// (the plugin needs a running desktop).
pub trait ShortcutRegistry {
    /// Makes `key` open the quick prompt; `Err` says why the desktop refused it.
    fn register(&self, key: Shortcut) -> Result<(), String>;
    fn unregister(&self, key: Shortcut) -> Result<(), String>;
}

/// The global shortcut plugin of the running app.
pub struct DesktopShortcuts<'a, R: Runtime>(pub &'a AppHandle<R>);

impl<R: Runtime> ShortcutRegistry for DesktopShortcuts<'_, R> {
    fn register(&self, key: Shortcut) -> Result<(), String> {
        let plugin = self
            .0
            .try_state::<GlobalShortcut<R>>()
            .ok_or("no global shortcuts here")?;
        let opens = |app: &AppHandle<R>, _: &Shortcut, event: ShortcutEvent| {
            if event.state == ShortcutState::Pressed {
                show(app);
            }
        };
        plugin.on_shortcut(key, opens).map_err(|e| e.to_string())
    }

    fn unregister(&self, key: Shortcut) -> Result<(), String> {
        let plugin = self
            .0
            .try_state::<GlobalShortcut<R>>()
            .ok_or("no global shortcuts here")?;
        plugin.unregister(key).map_err(|e| e.to_string())
    }
}

fn parse_shortcut(text: &str) -> Result<Shortcut, String> {
    text.parse::<Shortcut>()
        .map_err(|e| format!("{text} is not a shortcut ({e})"))
}

/// Makes `new` open the quick prompt instead of `old`. The new one is registered before the old
/// one goes, so a shortcut the desktop refuses (taken by another program, say) leaves the old
/// one working; `Err` says why, in words for the settings screen. Two spellings of one key
/// (`Ctrl` and `CommandOrControl` on Linux) are the same shortcut: nothing changes.
pub fn swap_shortcut(registry: &impl ShortcutRegistry, old: &str, new: &str) -> Result<(), String> {
    let new_key = parse_shortcut(new)?;
    // An old text that does not parse was never registered; there is nothing to take back.
    let old_key = parse_shortcut(old).ok();
    if old_key == Some(new_key) {
        return Ok(());
    }
    registry
        .register(new_key)
        .map_err(|reason| format!("the desktop refused {new} ({reason})"))?;
    if let Some(old_key) = old_key {
        // Not registered (refused at start, say) is fine: it is gone either way.
        if let Err(error) = registry.unregister(old_key) {
            tracing::info!(%error, old, "the old quick prompt shortcut was not registered");
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashSet;

    /// A desktop that refuses the keys in `taken` (held by other programs).
    #[derive(Default)]
    struct FakeDesktop {
        taken: HashSet<u32>,
        registered: RefCell<HashSet<u32>>,
    }

    impl ShortcutRegistry for FakeDesktop {
        fn register(&self, key: Shortcut) -> Result<(), String> {
            if self.taken.contains(&key.id()) || !self.registered.borrow_mut().insert(key.id()) {
                return Err("already taken".into());
            }
            Ok(())
        }

        fn unregister(&self, key: Shortcut) -> Result<(), String> {
            match self.registered.borrow_mut().remove(&key.id()) {
                true => Ok(()),
                false => Err("not registered".into()),
            }
        }
    }

    fn id(text: &str) -> u32 {
        parse_shortcut(text).expect("a shortcut").id()
    }

    fn desktop_with(registered: &str) -> FakeDesktop {
        let desktop = FakeDesktop::default();
        desktop.registered.borrow_mut().insert(id(registered));
        desktop
    }

    #[test]
    fn a_new_shortcut_replaces_the_old_one() {
        let desktop = desktop_with("Ctrl+Shift+Space");
        assert_eq!(swap_shortcut(&desktop, "Ctrl+Shift+Space", "Alt+K"), Ok(()));
        assert_eq!(*desktop.registered.borrow(), HashSet::from([id("Alt+K")]));
    }

    #[test]
    fn a_refused_shortcut_is_reported_and_the_old_one_keeps_working() {
        let mut desktop = desktop_with("Ctrl+Shift+Space");
        desktop.taken.insert(id("Alt+K"));
        let error = swap_shortcut(&desktop, "Ctrl+Shift+Space", "Alt+K").expect_err("refused");
        assert!(error.contains("refused Alt+K"), "{error}");
        assert_eq!(
            *desktop.registered.borrow(),
            HashSet::from([id("Ctrl+Shift+Space")])
        );
        let error = swap_shortcut(&desktop, "Ctrl+Shift+Space", "Ctrl+Nope").expect_err("bad");
        assert!(error.contains("Ctrl+Nope is not a shortcut"), "{error}");
        assert_eq!(desktop.registered.borrow().len(), 1);
    }

    #[test]
    fn the_same_key_spelled_another_way_changes_nothing() {
        let desktop = desktop_with("Ctrl+Shift+Space");
        let same = if cfg!(target_os = "macos") {
            "Cmd+Shift+Space"
        } else {
            "CommandOrControl+Shift+Space"
        };
        assert_eq!(swap_shortcut(&desktop, "Ctrl+Shift+Space", same), Ok(()));
        assert_eq!(
            *desktop.registered.borrow(),
            HashSet::from([id("Ctrl+Shift+Space")])
        );
    }

    #[test]
    fn a_shortcut_refused_at_start_is_a_sentence_for_the_user() {
        let mut desktop = FakeDesktop::default();
        assert_eq!(register_at_start(&desktop, "Alt+K"), None);
        desktop.taken.insert(id("Ctrl+Shift+Space"));
        let notice = register_at_start(&desktop, "Ctrl+Shift+Space").expect("refused");
        assert!(
            notice.contains("Ctrl+Shift+Space does not work: already taken"),
            "{notice}"
        );
        assert!(notice.contains("Settings"), "{notice}");
    }

    #[test]
    fn an_old_shortcut_the_desktop_had_refused_does_not_stop_the_new_one() {
        let desktop = FakeDesktop::default();
        assert_eq!(swap_shortcut(&desktop, "Ctrl+Shift+Space", "Alt+K"), Ok(()));
        assert_eq!(*desktop.registered.borrow(), HashSet::from([id("Alt+K")]));
    }
}
