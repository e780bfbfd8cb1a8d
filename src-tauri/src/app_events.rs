//! The app's own events to the UI, in one place: what the windows are told without asking.

use crate::settings::Settings;
use crate::state::{ServerInfo, ServerNotUsed};
use serde::{Deserialize, Serialize};

/// A server's status changed (starting, ready, restarting, crashed...).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ServerStatusChanged {
    pub server: ServerInfo,
}

/// The UI should open this session (sent after a quick prompt starts one, or from the tray or a
/// notification).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OpenSessionRequested {
    pub server_id: String,
    pub session_id: String,
}

/// The settings changed (saved through `update_settings`); carries what was saved.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct SettingsChanged {
    pub settings: Settings,
}

/// The local servers the app found at start (or on Retry) but did not use; the whole list, each
/// time, for a window already open (a window opened later asks `servers_not_used`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ServersNotUsed {
    pub servers: Vec<ServerNotUsed>,
}

/// A program drove "the TUI" of one of the app's servers and the app, as its interface, should
/// do what it asked (decided in `tui_control`). Sent to the main window only.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct TuiControlRequested {
    pub server_id: String,
    pub request: crate::tui_control::TuiRequest,
}

/// The quick prompt should send to this terminal OpenCode (chosen in the tray); `None`: to a
/// new desktop session.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct QuickPromptTargetRequested {
    pub terminal_id: Option<String>,
}

/// A permission request was answered "once" by one of the app's rules (`rules.rs`), in the
/// attention feed, without being shown: the transcript says so at the tool call it let run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct AutoAnswered {
    pub server_id: String,
    pub session_id: String,
    pub request_id: String,
    /// The tool call the request was for, when the server said.
    pub call_id: Option<String>,
    pub permission: String,
    /// What was allowed (the request's patterns).
    pub patterns: Vec<String>,
    /// The rule that answered.
    pub rule: crate::rules::Rule,
}

/// The "Needs you" inbox changed (`inbox_feed.rs`); carries all of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct NeedsYouChanged {
    pub inbox: crate::inbox::NeedsYou,
}
