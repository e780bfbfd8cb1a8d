//! The tray's "Terminals" submenu: each terminal OpenCode found, with what can be done to it
//! from there (send it a prompt through the quick prompt, open its sessions, start a new
//! session in it), and "Open OpenCode in a terminal" attached to the app's server.
//!
//! A tray menu cannot refresh as it opens on every desktop, so the list is looked at again every
//! few seconds (reading `/proc` and one health call per new TUI) and the submenu rebuilt only
//! when what it shows changed.

use crate::state::AppState;
use crate::terminals::{self, TerminalAction, TerminalState, TerminalView};
use crate::{quick_prompt, windows};
use opencode_client::TuiDialog;
use std::time::Duration;
use tauri::menu::{MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Manager, Runtime};

/// Menu ids here start with this; the rest is `<action> <terminal id>`.
pub const PREFIX: &str = "terminal:";
const OPEN_NEW: &str = "terminal:open-new";
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// The submenu, kept to refill it.
pub struct TerminalsMenu<R: Runtime>(pub Submenu<R>);

pub fn submenu<R: Runtime, M: Manager<R>>(manager: &M) -> tauri::Result<Submenu<R>> {
    let submenu = Submenu::with_id(manager, "terminals", "Terminals", true)?;
    fill(manager.app_handle(), &submenu, &[])?;
    Ok(submenu)
}

/// Looks for terminal OpenCodes every few seconds for as long as the app runs.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    let mut shown: Option<Vec<TerminalView>> = None;
    loop {
        let now = terminals::list(&app.state::<AppState>()).await;
        if shown.as_ref() != Some(&now) {
            let listed = now.clone();
            crate::tray::on_main_thread(&app, move |app| {
                if let Some(menu) = app.try_state::<TerminalsMenu<R>>() {
                    if let Err(error) = fill(app, &menu.0, &listed) {
                        tracing::warn!(%error, "could not update the Terminals menu");
                    }
                }
            });
            shown = Some(now);
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

fn fill<R: Runtime>(
    app: &AppHandle<R>,
    submenu: &Submenu<R>,
    found: &[TerminalView],
) -> tauri::Result<()> {
    for item in submenu.items()? {
        submenu.remove(&item)?;
    }
    if found.is_empty() {
        submenu.append(&MenuItem::new(
            app,
            "No terminal OpenCode running",
            false,
            None::<&str>,
        )?)?;
    }
    for terminal in found {
        let one = Submenu::new(app, &terminal.label, true)?;
        match &terminal.state {
            TerminalState::Ready { .. } => {
                for (action, text) in [
                    ("prompt", "Send a prompt…"),
                    ("sessions", "Open its sessions"),
                    ("new", "New session in it"),
                ] {
                    let id = format!("{PREFIX}{action} {}", terminal.id);
                    one.append(&MenuItem::with_id(app, id, text, true, None::<&str>)?)?;
                }
            }
            TerminalState::NeedsPassword => {
                let id = format!("{PREFIX}show {}", terminal.id);
                let text = "Needs a password: open in the app…";
                one.append(&MenuItem::with_id(app, id, text, true, None::<&str>)?)?;
            }
            TerminalState::Unreachable { message } => {
                one.append(&MenuItem::new(app, message, false, None::<&str>)?)?;
            }
        }
        submenu.append(&one)?;
    }
    submenu.append(&PredefinedMenuItem::separator(app)?)?;
    let open_new = "Open OpenCode in a terminal";
    submenu.append(&MenuItem::with_id(
        app,
        OPEN_NEW,
        open_new,
        true,
        None::<&str>,
    )?)
}

/// Does what a menu item with an id starting with [`PREFIX`] says.
pub fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == OPEN_NEW {
        let app = app.clone();
        tauri::async_runtime::spawn(async move { open_new(&app).await });
        return;
    }
    let Some((action, terminal)) = id.strip_prefix(PREFIX).and_then(|r| r.split_once(' ')) else {
        return;
    };
    let terminal = terminal.to_owned();
    match action {
        "prompt" => quick_prompt::show_for_terminal(app, terminal),
        "show" => windows::bring_to_front(app, windows::MAIN),
        "sessions" | "new" => {
            let action = if action == "sessions" {
                TerminalAction::OpenDialog {
                    dialog: TuiDialog::Sessions,
                }
            } else {
                TerminalAction::RunCommand {
                    name: "session.new".into(),
                }
            };
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let state = app.state::<AppState>();
                if let Err(error) = terminals::drive(&state, &terminal, action).await {
                    tracing::warn!(%error, "the terminal OpenCode did not take the tray's action");
                }
            });
        }
        _ => {}
    }
}

/// "Open OpenCode in a terminal": attached to the first ready server, in its project.
async fn open_new<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Some((server_id, _)) = state.servers.first_ready() else {
        tracing::warn!("no server is ready to open in a terminal");
        return;
    };
    let settings = app.state::<crate::settings::SettingsStore>();
    let opened =
        crate::commands::terminals::open_in_terminal(state, settings, server_id, None, None).await;
    if let Err(error) = opened {
        tracing::warn!(%error, "could not open OpenCode in a terminal");
    }
}
