//! The user's persisted settings: what they are, their defaults, and where they live.
//!
//! The logic is Tauri-free and split by job: `decode` reads a settings file tolerantly (a field that
//! does not decode falls back to its default alone), `check` validates and normalizes (the same
//! rules for a loaded file and for what the UI sends), `store` owns the file (load, atomic save,
//! moving a bad file aside) and the in-memory copy. Only `setup` touches Tauri (the `SettingsChanged` event is in `app_events`).
//!
//! `SettingsStore` is managed state of its own rather than a field of `AppState` (which `lib.rs`
//! builds before the config directory is known); it owns its lock like any `AppState` field.
//! Rust-side readers (tray, shortcut, close-to-tray) call `app.state::<SettingsStore>().get()` and
//! follow changes with `app_events::SettingsChanged::listen`.
//!
//! Invariant: settings never hold a password (remote servers keep theirs in the OS keychain), and
//! nothing here panics on what a file contains: a bad file is reported, kept aside, and replaced.

mod check;
mod decode;
mod store;
#[cfg(test)]
pub(crate) mod test_dir;

pub use store::{SettingsError, SettingsStore};

use serde::{Deserialize, Serialize};
use tauri::Manager;

/// The settings file's name inside the app's config directory.
pub const FILE_NAME: &str = "settings.json";
/// How many recent projects are remembered.
pub const RECENT_PROJECTS_CAP: usize = 10;
pub const DEFAULT_QUICK_PROMPT_SHORTCUT: &str = "CommandOrControl+Shift+Space";

/// Everything the user can set. Missing fields take their defaults; unknown fields are ignored
/// (and dropped on the next save).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct Settings {
    /// An explicit `opencode` binary; `None` searches the usual places.
    pub binary_path: Option<String>,
    /// The project opened when none is given on the command line.
    pub default_project: Option<String>,
    /// Most recent first, without duplicates, at most `RECENT_PROJECTS_CAP`.
    pub recent_projects: Vec<String>,
    /// Remote servers the user added. Their passwords are in the OS keychain, never here.
    pub servers: Vec<RemoteServer>,
    /// Extra local ports to probe when looking for a running server.
    pub extra_ports: Vec<u16>,
    /// Also look for servers announced over mDNS on the local network.
    pub mdns_discovery: bool,
    /// The global shortcut that opens the quick prompt, in Tauri's accelerator syntax.
    pub quick_prompt_shortcut: String,
    pub notifications: bool,
    /// Closing the main window keeps the app running in the tray.
    pub close_to_tray: bool,
    pub theme: Theme,
    /// Do what programs ask of "the TUI" of the app's servers (`/tui/*`: text for the composer,
    /// send, open a session, toasts, commands). See `tui_control`.
    pub obey_tui_control: bool,
    /// Keep a copy of each session opened, to read while its server is down (`offline_copies`);
    /// turning it off clears them.
    pub offline_copies: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            binary_path: None,
            default_project: None,
            recent_projects: Vec::new(),
            servers: Vec::new(),
            extra_ports: Vec::new(),
            mdns_discovery: false,
            quick_prompt_shortcut: DEFAULT_QUICK_PROMPT_SHORTCUT.to_string(),
            notifications: true,
            close_to_tray: true,
            theme: Theme::System,
            obey_tui_control: true,
            offline_copies: true,
        }
    }
}

impl Settings {
    /// Puts `dir` first in the recent projects, removing an older mention and the oldest beyond
    /// the cap.
    pub fn remember_project(&mut self, dir: &str) {
        let dir = dir.trim();
        if dir.is_empty() {
            return;
        }
        self.recent_projects.retain(|p| p != dir);
        self.recent_projects.insert(0, dir.to_string());
        self.recent_projects.truncate(RECENT_PROJECTS_CAP);
    }
}

/// A server the user added by address. No password field, on purpose: see the module invariant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct RemoteServer {
    /// Stable and unique among the servers; the keychain entry is keyed by it. Given one if empty.
    pub id: String,
    /// What the UI shows; the address if empty.
    pub name: String,
    /// `http` or `https`, without credentials in it.
    pub url: String,
    /// `None` means the server's default user name.
    pub username: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

/// Loads the settings from the app's config directory, for `app.manage(..)`. Never fails: a
/// problem is kept for `settings_problem`, and without a config directory nothing is saved.
pub fn setup<R: tauri::Runtime>(app: &impl Manager<R>) -> SettingsStore {
    match app.path().app_config_dir() {
        Ok(dir) => SettingsStore::open(dir.join(FILE_NAME)),
        Err(error) => SettingsStore::unsaved(error.to_string()),
    }
}
