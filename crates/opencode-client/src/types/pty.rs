//! Terminals the server runs (`/pty`): a shell in a pseudo-terminal, its output read over a
//! websocket (see `crate::pty`).

use serde::{Deserialize, Serialize};

/// One terminal on the server (`Pty`). Fields a newer server adds are ignored: nothing here is
/// shown but these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Pty {
    pub id: String,
    pub title: String,
    pub command: String,
    #[serde(default)]
    pub args: Vec<String>,
    pub cwd: String,
    pub status: PtyStatus,
    #[serde(default)]
    pub pid: f64,
    #[serde(rename = "exitCode", default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<f64>,
}

/// Whether a terminal's process still runs; a status a newer server adds is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum PtyStatus {
    Running,
    Exited,
    #[serde(other)]
    Unknown,
}

/// A shell the server can start (`GET /pty/shells`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PtyShell {
    pub path: String,
    pub name: String,
    /// Whether the server would start it (it refuses shells it does not know how to drive).
    #[serde(default)]
    pub acceptable: bool,
}

/// Body of `POST /pty`. Every field is optional: the server picks the user's shell and the
/// project directory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PtyCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwd: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A terminal's size in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PtySize {
    pub rows: u16,
    pub cols: u16,
}

/// Body of `PUT /pty/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PtyUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PtySize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pty_as_the_server_sends_it() {
        let pty: Pty = serde_json::from_value(serde_json::json!({
            "id": "pty_1", "title": "Terminal 1", "command": "/bin/bash", "args": ["-l"],
            "cwd": "/p", "status": "exited", "pid": 42, "exitCode": 0, "later": true
        }))
        .unwrap();
        assert_eq!(pty.status, PtyStatus::Exited);
        assert_eq!(pty.exit_code, Some(0.0));
    }

    #[test]
    fn a_status_a_newer_server_adds_is_unknown() {
        let status: PtyStatus = serde_json::from_str("\"paused\"").unwrap();
        assert_eq!(status, PtyStatus::Unknown);
    }

    #[test]
    fn an_empty_create_sends_an_empty_object() {
        assert_eq!(serde_json::to_string(&PtyCreate::default()).unwrap(), "{}");
    }
}
