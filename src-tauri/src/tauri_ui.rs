//! The real `UiBridge`: what commands ask of the windows, done with the app's handle.

use crate::app_events::{OpenSessionRequested, SettingsChanged};
use crate::settings::Settings;
use crate::ui_bridge::UiBridge;
use crate::windows;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;
use tokio::sync::oneshot;

/// The real one: the app's handle.
pub struct TauriUi<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> UiBridge for TauriUi<R> {
    fn hide(&self, label: &str) {
        windows::hide(&self.0, label);
    }

    fn bring_to_front(&self, label: &str) {
        windows::bring_to_front(&self.0, label);
    }

    fn open_session(&self, server_id: String, session_id: String) {
        let event = OpenSessionRequested {
            server_id,
            session_id,
        };
        if let Err(error) = event.emit(&self.0) {
            tracing::warn!(%error, "could not ask the UI to open a session");
        }
    }

    fn settings_changed(&self, settings: Settings) {
        if let Err(error) = (SettingsChanged { settings }).emit(&self.0) {
            tracing::warn!(%error, "could not announce the saved settings");
        }
    }

    fn reconnect(&self, project: Option<PathBuf>) {
        tauri::async_runtime::spawn(crate::servers::connect_project(self.0.clone(), project));
    }

    fn pick_folder(&self) -> oneshot::Receiver<Option<PathBuf>> {
        let (tx, rx) = oneshot::channel();
        let mut dialog = self.0.dialog().file().set_title("Open a project folder");
        if let Some(main) = tauri::Manager::get_webview_window(&self.0, windows::MAIN) {
            dialog = dialog.set_parent(&main);
        }
        dialog.pick_folder(move |folder| {
            let _ = tx.send(folder.and_then(|f| f.into_path().ok()));
        });
        rx
    }

    fn swap_quick_prompt_shortcut(&self, old: &str, new: &str) -> Result<(), String> {
        let desktop = crate::quick_prompt::DesktopShortcuts(&self.0);
        crate::quick_prompt::swap_shortcut(&desktop, old, new)
    }
}
