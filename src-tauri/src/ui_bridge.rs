//! What commands may ask of the windows (show, hide, tell the UI to open a session) and of the
//! desktop (a folder dialog, the global shortcut), behind an object-safe trait held in `AppState`.
//!
//! Why: a command that takes `AppHandle<R>` is generic over the runtime, and tauri-specta cannot
//! list such commands in the one builder that is itself generic over the runtime (which the
//! mock-runtime tests need). Commands stay plain; tests pass a recording fake. The real one,
//! `tauri_ui::TauriUi`, lives apart so that this trait depends on nothing of the app's.

use crate::settings::Settings;
use std::path::PathBuf;
use tokio::sync::oneshot;

pub trait UiBridge: Send + Sync + 'static {
    fn hide(&self, label: &str);
    fn bring_to_front(&self, label: &str);
    /// Asks the main window's UI to open a session.
    fn open_session(&self, server_id: String, session_id: String);
    /// Tells every window that settings were saved.
    fn settings_changed(&self, settings: Settings);
    /// Finds or starts a server for `project` again, as at start (after the last one failed).
    fn reconnect(&self, project: Option<PathBuf>);
    /// Asks the user for a folder with the system's dialog; `None` when they cancel.
    fn pick_folder(&self) -> oneshot::Receiver<Option<PathBuf>>;
    /// Makes `new` the quick prompt's global shortcut instead of `old`; `Err` says why the
    /// desktop refused it (and `old` still works). See `quick_prompt::swap_shortcut`.
    fn swap_quick_prompt_shortcut(&self, old: &str, new: &str) -> Result<(), String>;
}

/// Records what was asked, for tests.
#[cfg(test)]
#[derive(Default)]
pub struct RecordingUi {
    pub calls: std::sync::Mutex<Vec<String>>,
    /// A shortcut the fake desktop refuses.
    pub refused_shortcut: Option<String>,
}

#[cfg(test)]
impl RecordingUi {
    fn record(&self, call: String) {
        self.calls
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(call);
    }
}

#[cfg(test)]
impl UiBridge for RecordingUi {
    fn hide(&self, label: &str) {
        self.record(format!("hide {label}"));
    }

    fn bring_to_front(&self, label: &str) {
        self.record(format!("front {label}"));
    }

    fn open_session(&self, server_id: String, session_id: String) {
        self.record(format!("open {server_id} {session_id}"));
    }

    fn settings_changed(&self, _settings: Settings) {
        self.record("settings changed".into());
    }

    fn reconnect(&self, project: Option<PathBuf>) {
        self.record(format!("reconnect {project:?}"));
    }

    /// Answers as if the user picked the system's temp directory.
    fn pick_folder(&self) -> oneshot::Receiver<Option<PathBuf>> {
        self.record("pick folder".into());
        let (tx, rx) = oneshot::channel();
        let _ = tx.send(Some(std::env::temp_dir()));
        rx
    }

    fn swap_quick_prompt_shortcut(&self, old: &str, new: &str) -> Result<(), String> {
        if self.refused_shortcut.as_deref() == Some(new) {
            return Err("already taken".into());
        }
        self.record(format!("shortcut {old} -> {new}"));
        Ok(())
    }
}
