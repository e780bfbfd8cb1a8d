//! The app's windows by label, and bringing one to the front. Labels live here only.

use tauri::{AppHandle, Manager, Runtime};

pub const MAIN: &str = "main";
pub const QUICK_PROMPT: &str = "quick-prompt";

/// Shows, un-minimizes and focuses a window; a missing window is logged, not fatal.
pub fn bring_to_front<R: Runtime>(app: &AppHandle<R>, label: &str) {
    let Some(window) = app.get_webview_window(label) else {
        tracing::warn!(label, "no such window");
        return;
    };
    let shown = window
        .show()
        .and_then(|()| window.unminimize())
        .and_then(|()| window.set_focus());
    if let Err(error) = shown {
        tracing::warn!(label, %error, "could not bring the window to the front");
    }
}

pub fn hide<R: Runtime>(app: &AppHandle<R>, label: &str) {
    if let Some(window) = app.get_webview_window(label) {
        if let Err(error) = window.hide() {
            tracing::warn!(label, %error, "could not hide the window");
        }
    }
}

/// Whether the main window has the focus (notifications are skipped when it does).
pub fn main_is_focused<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window(MAIN)
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false)
}

/// Whether the main window is shown and not minimized (an in-app toast would be seen).
pub fn main_is_visible<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window(MAIN)
        .is_some_and(|w| w.is_visible().unwrap_or(false) && !w.is_minimized().unwrap_or(false))
}
