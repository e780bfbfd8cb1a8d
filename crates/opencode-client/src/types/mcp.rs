//! MCP servers: the state of each (`GET /mcp`), what adds one (`POST /mcp`), and what the OAuth
//! routes answer.
//!
//! Measured on 1.18.33: a command that cannot start is not refused: `POST /mcp` answers 200 and
//! lists the server as `failed` with the spawn error (`ENOENT: no such file or directory,
//! posix_spawn '/no/such'`); a server that exits at once is `MCP error -32000: Connection
//! closed`; a remote URL that answers 401 is `needs_auth`. Only a body of the wrong shape is a
//! 400. New states may come (`needs_client_registration` is one the UI rarely sees), so the
//! status decodes any `status` into `McpStatus::Unknown` instead of failing the whole map.

use super::{decode_fields, deserialize_via_from_value, take_tag};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One MCP server's state. Unknown states keep their raw JSON.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "status")]
pub enum McpStatus {
    #[serde(rename = "connected")]
    Connected,
    /// Turned off: disconnected by a client, or `enabled: false` in the config.
    #[serde(rename = "disabled")]
    Disabled,
    #[serde(rename = "failed")]
    Failed { error: String },
    /// A remote server that asked for OAuth: start it with `POST /mcp/{name}/auth`.
    #[serde(rename = "needs_auth")]
    NeedsAuth,
    /// A remote server whose OAuth needs a client id the server could not register itself
    /// (set `oauth.clientId` in the config).
    #[serde(rename = "needs_client_registration")]
    NeedsClientRegistration { error: String },
    #[serde(rename = "unknown")]
    Unknown {
        kind: String,
        #[specta(type = specta_typescript::Unknown)]
        raw: Value,
    },
}

impl McpStatus {
    /// Never fails: what does not decode is `Unknown`.
    pub fn from_value(value: Value) -> Self {
        let raw = value.clone();
        let (kind, fields) = take_tag(value, "status");
        #[derive(Deserialize)]
        struct WithError {
            #[serde(default)]
            error: String,
        }
        let error = || decode_fields::<WithError>(&fields).map(|f| f.error);
        match kind.as_deref() {
            Some("connected") => McpStatus::Connected,
            Some("disabled") => McpStatus::Disabled,
            Some("needs_auth") => McpStatus::NeedsAuth,
            Some("failed") => match error() {
                Ok(error) => McpStatus::Failed { error },
                Err(_) => McpStatus::Unknown {
                    kind: "failed".into(),
                    raw,
                },
            },
            Some("needs_client_registration") => match error() {
                Ok(error) => McpStatus::NeedsClientRegistration { error },
                Err(_) => McpStatus::Unknown {
                    kind: "needs_client_registration".into(),
                    raw,
                },
            },
            other => McpStatus::Unknown {
                kind: other.unwrap_or_default().to_string(),
                raw,
            },
        }
    }
}
deserialize_via_from_value!(McpStatus);

/// `GET /mcp`, and what `POST /mcp` answers: every MCP server of the project's instance, by name.
pub type McpStatusMap = BTreeMap<String, McpStatus>;

/// How to reach an MCP server, as the config's `mcp.<name>` entry (`McpLocalConfig` /
/// `McpRemoteConfig`): the body of `POST /mcp` and what is saved in the config file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type")]
pub enum McpConfig {
    /// A program the server starts and talks to over stdio.
    #[serde(rename = "local")]
    Local {
        /// The program and its arguments.
        command: Vec<String>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        environment: BTreeMap<String, String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    },
    /// A server reached over HTTP (streamable HTTP, or SSE).
    #[serde(rename = "remote")]
    Remote {
        url: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        headers: BTreeMap<String, String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    },
}

/// What `POST /mcp/{name}/auth` answers: the page to open in a browser. The server listens for
/// the redirect itself (on 1.18.33 `redirect_uri` is `http://127.0.0.1:19876/mcp/oauth/callback`),
/// so after the user signs in the server's status turns `connected` with no further call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct McpAuthStart {
    #[serde(rename = "authorizationUrl")]
    pub authorization_url: String,
    #[serde(rename = "oauthState")]
    pub oauth_state: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_state_the_server_sends_decodes_and_new_ones_are_kept() {
        let map: McpStatusMap = serde_json::from_value(json!({
            "a": {"status": "connected"},
            "b": {"status": "failed", "error": "ENOENT"},
            "c": {"status": "needs_auth"},
            "d": {"status": "disabled"},
            "e": {"status": "needs_client_registration", "error": "no client id"},
            "f": {"status": "sleeping", "until": 3},
            "g": "not even an object",
        }))
        .unwrap();
        assert_eq!(map["a"], McpStatus::Connected);
        assert_eq!(
            map["b"],
            McpStatus::Failed {
                error: "ENOENT".into()
            }
        );
        assert_eq!(map["c"], McpStatus::NeedsAuth);
        assert_eq!(map["d"], McpStatus::Disabled);
        assert!(
            matches!(&map["e"], McpStatus::NeedsClientRegistration { error } if error == "no client id")
        );
        assert!(
            matches!(&map["f"], McpStatus::Unknown { kind, raw } if kind == "sleeping" && raw["until"] == 3)
        );
        assert!(matches!(&map["g"], McpStatus::Unknown { kind, .. } if kind.is_empty()));
    }

    #[test]
    fn a_config_is_written_in_the_servers_shape() {
        let local = McpConfig::Local {
            command: vec!["python3".into(), "server.py".into()],
            environment: BTreeMap::new(),
            enabled: None,
        };
        assert_eq!(
            serde_json::to_value(&local).unwrap(),
            json!({"type": "local", "command": ["python3", "server.py"]})
        );
        let remote = McpConfig::Remote {
            url: "https://mcp.example/mcp".into(),
            headers: BTreeMap::from([("Authorization".into(), "Bearer x".into())]),
            enabled: None,
        };
        assert_eq!(
            serde_json::to_value(&remote).unwrap(),
            json!({"type": "remote", "url": "https://mcp.example/mcp", "headers": {"Authorization": "Bearer x"}})
        );
    }
}
