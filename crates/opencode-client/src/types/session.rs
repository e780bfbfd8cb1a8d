//! Sessions, their live status, todos and file diffs.

use super::{decode_fields, deserialize_via_from_value, take_tag, Extra, ExtraFields, Tokens};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A conversation with the agent. `parentID` is set on sub-agent (child) sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Session {
    pub id: String,
    #[serde(default)]
    pub slug: String,
    #[serde(rename = "projectID", default)]
    pub project_id: String,
    #[serde(default)]
    pub directory: String,
    #[serde(rename = "parentID", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
    pub time: SessionTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<SessionSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Tokens>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<SessionShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revert: Option<SessionRevert>,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SessionTime {
    pub created: f64,
    #[serde(default)]
    pub updated: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compacting: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SessionSummary {
    #[serde(default)]
    pub additions: f64,
    #[serde(default)]
    pub deletions: f64,
    #[serde(default)]
    pub files: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diffs: Option<Vec<SnapshotFileDiff>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SessionShare {
    pub url: String,
}

/// Set while a session is reverted to before `messageID` (undone by unrevert).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SessionRevert {
    #[serde(rename = "messageID")]
    pub message_id: String,
    #[serde(rename = "partID", default, skip_serializing_if = "Option::is_none")]
    pub part_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

/// One file's change as the server's snapshots see it (`SnapshotFileDiff`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SnapshotFileDiff {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<String>,
    #[serde(default)]
    pub additions: f64,
    #[serde(default)]
    pub deletions: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Whether the agent is working on a session. Unknown kinds are kept, not errors.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "type")]
pub enum SessionStatus {
    #[serde(rename = "idle")]
    Idle,
    #[serde(rename = "busy")]
    Busy,
    /// The model call failed and the server will try again at `next` (ms since epoch).
    #[serde(rename = "retry")]
    Retry {
        attempt: f64,
        message: String,
        next: f64,
    },
    #[serde(rename = "unknown")]
    Unknown {
        kind: String,
        #[specta(type = specta_typescript::Unknown)]
        raw: Value,
    },
}

impl SessionStatus {
    pub fn from_value(value: Value) -> Self {
        let raw = value.clone();
        let (kind, fields) = take_tag(value, "type");
        match kind.as_deref() {
            Some("idle") => SessionStatus::Idle,
            Some("busy") => SessionStatus::Busy,
            Some("retry") => {
                #[derive(Deserialize)]
                struct Retry {
                    #[serde(default)]
                    attempt: f64,
                    #[serde(default)]
                    message: String,
                    #[serde(default)]
                    next: f64,
                }
                match decode_fields::<Retry>(&fields) {
                    Ok(r) => SessionStatus::Retry {
                        attempt: r.attempt,
                        message: r.message,
                        next: r.next,
                    },
                    Err(_) => SessionStatus::Unknown {
                        kind: "retry".into(),
                        raw,
                    },
                }
            }
            other => SessionStatus::Unknown {
                kind: other.unwrap_or_default().to_string(),
                raw,
            },
        }
    }

    pub fn is_busy(&self) -> bool {
        matches!(self, SessionStatus::Busy | SessionStatus::Retry { .. })
    }
}
deserialize_via_from_value!(SessionStatus);

/// One item of the agent's todo list for a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Todo {
    pub content: String,
    /// pending, in_progress, completed or cancelled (kept as text: the list may grow).
    pub status: String,
    #[serde(default)]
    pub priority: String,
}

/// Body of `POST /session`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct SessionCreate {
    #[serde(rename = "parentID", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Permission rules for this session, e.g. `[{"permission":"bash","pattern":"*","action":"ask"}]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<Vec<PermissionRule>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PermissionRule {
    pub permission: String,
    pub pattern: String,
    /// allow, ask or deny.
    pub action: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn session_keeps_fields_it_does_not_model() {
        let raw = json!({
            "id": "ses_1", "slug": "s", "projectID": "p", "directory": "/d", "title": "T",
            "version": "1.18.33", "time": {"created": 1, "updated": 2},
            "workspaceID": "wrk_9", "somethingNew": {"a": 1}
        });
        let session: Session = serde_json::from_value(raw).unwrap();
        assert_eq!(session.extra.get("workspaceID"), Some(&json!("wrk_9")));
        let back = serde_json::to_value(&session).unwrap();
        assert_eq!(back["somethingNew"], json!({"a": 1}));
        assert_eq!(back["projectID"], json!("p"));
    }

    #[test]
    fn status_kinds_decode_and_unknown_ones_are_kept() {
        let busy: SessionStatus = serde_json::from_value(json!({"type": "busy"})).unwrap();
        assert!(busy.is_busy());
        let retry: SessionStatus = serde_json::from_value(
            json!({"type": "retry", "attempt": 2, "message": "rate limited", "next": 99}),
        )
        .unwrap();
        assert_eq!(
            retry,
            SessionStatus::Retry {
                attempt: 2.0,
                message: "rate limited".into(),
                next: 99.0
            }
        );
        let odd: SessionStatus =
            serde_json::from_value(json!({"type": "paused", "why": "x"})).unwrap();
        assert!(matches!(odd, SessionStatus::Unknown { ref kind, .. } if kind == "paused"));
        assert_eq!(
            serde_json::to_value(&busy).unwrap(),
            json!({"type": "busy"})
        );
    }
}
