//! The system tray: an icon whose tooltip and first menu line say at a glance whether OpenCode is
//! idle, working or needs the user, and a menu to open the app, open the quick prompt, or quit.
//!
//! Without a tray host (some desktops, Xvfb without one) building the icon fails or shows
//! nothing; the app then runs without a tray and says so in the log, never fails to start.

use crate::attention::TrayState;
use crate::{quick_prompt, windows};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{App, AppHandle, Manager, Runtime};

const OPEN: &str = "open";
const QUICK_PROMPT: &str = "quick-prompt";
const QUIT: &str = "quit";
const TRAY_ID: &str = "main";

/// The menu line that shows the status; kept to update it.
struct StatusLine<R: Runtime>(MenuItem<R>);

pub fn setup<R: Runtime>(app: &App<R>) {
    if let Err(error) = build(app) {
        tracing::warn!(%error, "no system tray: the app runs without one");
    }
}

fn build<R: Runtime>(app: &App<R>) -> tauri::Result<()> {
    let status = MenuItem::with_id(
        app,
        "status",
        label(TrayState::Idle, 0),
        false,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, OPEN, "Open OpenCode Desk", true, None::<&str>)?;
    let quick = MenuItem::with_id(app, QUICK_PROMPT, "Quick prompt…", true, None::<&str>)?;
    let quit = MenuItem::with_id(
        app,
        QUIT,
        "Quit (stops the servers it started)",
        true,
        None::<&str>,
    )?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(
        app,
        &[&status, &separator, &open, &quick, &separator, &quit],
    )?;
    let icon = tauri::image::Image::from_bytes(include_bytes!("../../icons/tray.png"))?;
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon)
        .tooltip("OpenCode Desk")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            OPEN => windows::bring_to_front(app, windows::MAIN),
            QUICK_PROMPT => quick_prompt::show(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                windows::bring_to_front(tray.app_handle(), windows::MAIN);
            }
        })
        .build(app)?;
    app.manage(StatusLine(status));
    Ok(())
}

/// Shows the state in the tooltip and the status line. `waiting` counts sessions needing you.
pub fn show_state<R: Runtime>(app: &AppHandle<R>, state: TrayState, waiting: usize) {
    let text = label(state, waiting);
    if let Some(line) = app.try_state::<StatusLine<R>>() {
        let _ = line.0.set_text(&text);
    }
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(format!("OpenCode Desk: {text}")));
    }
}

fn label(state: TrayState, waiting: usize) -> String {
    match state {
        TrayState::Idle => "Idle".into(),
        TrayState::Working => "Working…".into(),
        TrayState::NeedsYou if waiting == 1 => "Needs you in 1 session".into(),
        TrayState::NeedsYou => format!("Needs you in {waiting} sessions"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_status_line_says_how_many_sessions_wait() {
        use super::{label, TrayState};
        assert_eq!(label(TrayState::Idle, 0), "Idle");
        assert_eq!(label(TrayState::NeedsYou, 1), "Needs you in 1 session");
        assert_eq!(label(TrayState::NeedsYou, 3), "Needs you in 3 sessions");
    }
}
