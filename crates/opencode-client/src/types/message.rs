//! User and assistant messages, and what `GET /session/{id}/message` returns.

use super::{
    decode_fields, deserialize_via_from_value, take_tag, Extra, ExtraFields, ModelRef, Part,
    SnapshotFileDiff, Tokens,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A message of either role; an unknown role (or one that fails to decode) keeps its raw JSON.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "role")]
pub enum Message {
    #[serde(rename = "user")]
    User(UserMessage),
    #[serde(rename = "assistant")]
    Assistant(AssistantMessage),
    #[serde(rename = "unknown")]
    Unknown(UnknownMessage),
}

impl Message {
    pub fn from_value(value: Value) -> Self {
        let (role, fields) = take_tag(value, "role");
        let decoded = match role.as_deref() {
            Some("user") => decode_fields(&fields).map(Message::User),
            Some("assistant") => decode_fields(&fields).map(Message::Assistant),
            _ => Err("unknown role".to_string()),
        };
        decoded.unwrap_or_else(|error| {
            Message::Unknown(UnknownMessage {
                id: fields["id"].as_str().unwrap_or_default().to_string(),
                session_id: fields["sessionID"].as_str().unwrap_or_default().to_string(),
                original_role: role.unwrap_or_default(),
                error,
                raw: fields,
            })
        })
    }

    pub fn id(&self) -> &str {
        match self {
            Message::User(m) => &m.id,
            Message::Assistant(m) => &m.id,
            Message::Unknown(m) => &m.id,
        }
    }

    pub fn session_id(&self) -> &str {
        match self {
            Message::User(m) => &m.session_id,
            Message::Assistant(m) => &m.session_id,
            Message::Unknown(m) => &m.session_id,
        }
    }
}
deserialize_via_from_value!(Message);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct UserMessage {
    pub id: String,
    #[serde(rename = "sessionID")]
    pub session_id: String,
    pub time: MessageTime,
    #[serde(default)]
    pub agent: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// What the turn this message started changed, filled in by the server as the reply's steps
    /// finish. OpenCode 1.18 leaves the session-wide diff empty, so these are the changes a UI
    /// can show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<UserMessageSummary>,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}

/// A user message's summary: the files its turn changed (and, from some servers, a title).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct UserMessageSummary {
    #[serde(default)]
    pub diffs: Vec<SnapshotFileDiff>,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AssistantMessage {
    pub id: String,
    #[serde(rename = "sessionID")]
    pub session_id: String,
    pub time: MessageTime,
    /// The user message this answers.
    #[serde(rename = "parentID", default)]
    pub parent_id: String,
    #[serde(rename = "modelID", default)]
    pub model_id: String,
    #[serde(rename = "providerID", default)]
    pub provider_id: String,
    #[serde(default)]
    pub agent: String,
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub cost: f64,
    #[serde(default)]
    pub tokens: Tokens,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<MessageError>,
    /// Why the model stopped (stop, tool-calls, length...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<bool>,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MessageTime {
    pub created: f64,
    /// Set on assistant messages once the reply is complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<f64>,
}

/// Why an assistant message failed: `name` is the server's kind (`MessageAbortedError`,
/// `APIError`, `ProviderAuthError`...), `data.message` its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MessageError {
    pub name: String,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    pub data: Value,
}

impl MessageError {
    /// The server's explanation, or the error's kind when it gave none.
    pub fn message(&self) -> &str {
        self.data
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct UnknownMessage {
    pub id: String,
    #[serde(rename = "sessionID")]
    pub session_id: String,
    #[serde(rename = "originalRole")]
    pub original_role: String,
    pub error: String,
    #[specta(type = specta_typescript::Unknown)]
    pub raw: Value,
}

/// A message with its parts, as the message routes return them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MessageWithParts {
    pub info: Message,
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// One page of a session's messages, oldest first. `before` pages further back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MessagePage {
    pub messages: Vec<MessageWithParts>,
    /// Opaque cursor for the page before this one; `None` at the start of the session.
    pub before: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_decode_and_an_unknown_role_keeps_its_data() {
        let user = Message::from_value(json!({
            "id": "msg_1", "sessionID": "ses_1", "role": "user", "time": {"created": 5},
            "agent": "build", "model": {"providerID": "fake", "modelID": "m"}
        }));
        assert!(matches!(user, Message::User(ref m) if m.agent == "build"));
        let odd =
            Message::from_value(json!({"id": "msg_2", "sessionID": "ses_1", "role": "system"}));
        match odd {
            Message::Unknown(m) => {
                assert_eq!(m.id, "msg_2");
                assert_eq!(m.original_role, "system");
            }
            other => panic!("expected unknown, got {other:?}"),
        }
    }

    #[test]
    fn assistant_errors_expose_the_server_message() {
        let m = Message::from_value(json!({
            "id": "msg_3", "sessionID": "ses_1", "role": "assistant", "time": {"created": 1},
            "error": {"name": "MessageAbortedError", "data": {"message": "Aborted"}}
        }));
        let Message::Assistant(a) = m else {
            panic!("expected assistant")
        };
        assert_eq!(a.error.as_ref().map(MessageError::message), Some("Aborted"));
        assert_eq!(
            serde_json::to_value(Message::Assistant(a)).unwrap()["role"],
            "assistant"
        );
    }

    #[test]
    fn a_user_message_carries_the_files_its_turn_changed() {
        // As OpenCode 1.18.33 sends it once a step that wrote a file has finished.
        let user = Message::from_value(json!({
            "id": "msg_4", "sessionID": "ses_1", "role": "user", "time": {"created": 5},
            "agent": "build",
            "summary": {"diffs": [{"file": "notes.md", "patch": "@@ -0,0 +1 @@\n+hello\n",
                "additions": 1, "deletions": 0, "status": "added"}]}
        }));
        let Message::User(user) = user else {
            panic!("expected a user message, got {user:?}")
        };
        let diffs = user.summary.map(|s| s.diffs).unwrap_or_default();
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].file.as_deref(), Some("notes.md"));
        assert_eq!(diffs[0].additions, 1.0);
    }
}
