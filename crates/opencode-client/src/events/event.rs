//! One SSE frame's data → a typed `ServerEvent`. Never fails.
//!
//! The wire shape is `{"type": "...", "properties": {...}}` and `ServerEvent` keeps it (serde's
//! adjacent tagging), so what reaches the UI reads like the server's own documentation. A kind
//! this client does not model becomes `Unknown` (with its properties); a kind it models whose
//! properties do not decode, or a line that is not JSON, becomes `Malformed`. Neither ends a
//! stream: the server has 94 event types and grows.

use crate::types::{
    Message, MessageError, Part, PermissionRequest, QuestionRequest, Session, SessionStatus,
    SnapshotFileDiff, Todo,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", content = "properties")]
pub enum ServerEvent {
    /// First event of every connection.
    #[serde(rename = "server.connected")]
    ServerConnected {},
    /// Sent every 10 s; a stream silent for much longer is dead.
    #[serde(rename = "server.heartbeat")]
    ServerHeartbeat {},
    #[serde(rename = "server.instance.disposed")]
    InstanceDisposed {
        #[serde(default)]
        directory: String,
    },
    #[serde(rename = "session.created")]
    SessionCreated { info: Session },
    #[serde(rename = "session.updated")]
    SessionUpdated { info: Session },
    #[serde(rename = "session.deleted")]
    SessionDeleted { info: Session },
    #[serde(rename = "session.status")]
    SessionStatus {
        #[serde(rename = "sessionID")]
        session_id: String,
        status: SessionStatus,
    },
    #[serde(rename = "session.idle")]
    SessionIdle {
        #[serde(rename = "sessionID")]
        session_id: String,
    },
    #[serde(rename = "session.error")]
    SessionError {
        #[serde(rename = "sessionID", default)]
        session_id: Option<String>,
        #[serde(default)]
        error: Option<MessageError>,
    },
    #[serde(rename = "session.diff")]
    SessionDiff {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(default)]
        diff: Vec<SnapshotFileDiff>,
    },
    #[serde(rename = "session.compacted")]
    SessionCompacted {
        #[serde(rename = "sessionID")]
        session_id: String,
    },
    #[serde(rename = "message.updated")]
    MessageUpdated { info: Message },
    #[serde(rename = "message.removed")]
    MessageRemoved {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "messageID")]
        message_id: String,
    },
    /// A whole part, replacing what the client has (it also corrects any missed delta).
    #[serde(rename = "message.part.updated")]
    PartUpdated { part: Part },
    #[serde(rename = "message.part.removed")]
    PartRemoved {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "messageID")]
        message_id: String,
        #[serde(rename = "partID")]
        part_id: String,
    },
    /// Append `delta` to `field` (usually "text") of a part: the streaming path.
    #[serde(rename = "message.part.delta")]
    PartDelta {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "messageID")]
        message_id: String,
        #[serde(rename = "partID")]
        part_id: String,
        field: String,
        delta: String,
    },
    #[serde(rename = "permission.asked")]
    PermissionAsked(PermissionRequest),
    #[serde(rename = "permission.replied")]
    PermissionReplied {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "requestID")]
        request_id: String,
        reply: String,
    },
    #[serde(rename = "question.asked")]
    QuestionAsked(QuestionRequest),
    #[serde(rename = "question.replied")]
    QuestionReplied {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "requestID")]
        request_id: String,
        #[serde(default)]
        answers: Vec<Vec<String>>,
    },
    #[serde(rename = "question.rejected")]
    QuestionRejected {
        #[serde(rename = "sessionID")]
        session_id: String,
        #[serde(rename = "requestID")]
        request_id: String,
    },
    #[serde(rename = "todo.updated")]
    TodoUpdated {
        #[serde(rename = "sessionID")]
        session_id: String,
        todos: Vec<Todo>,
    },
    #[serde(rename = "file.edited")]
    FileEdited { file: String },
    #[serde(rename = "vcs.branch.updated")]
    VcsBranchUpdated {
        #[serde(default)]
        branch: Option<String>,
    },
    /// Someone called `/tui/append-prompt`: text for the prompt of the server's interface.
    #[serde(rename = "tui.prompt.append")]
    TuiPromptAppend { text: String },
    /// A TUI command by name (`prompt.submit`, `session.new`...), from `/tui/*` routes.
    #[serde(rename = "tui.command.execute")]
    TuiCommandExecute {
        /// Absent when a caller named a command `/tui/execute-command` does not know.
        #[serde(default)]
        command: Option<String>,
    },
    #[serde(rename = "tui.toast.show")]
    TuiToastShow(crate::types::Toast),
    #[serde(rename = "tui.session.select")]
    TuiSessionSelect {
        #[serde(rename = "sessionID")]
        session_id: String,
    },
    /// A kind this client does not model (yet).
    #[serde(rename = "unknown")]
    Unknown {
        kind: String,
        #[specta(type = specta_typescript::Unknown)]
        properties: Value,
    },
    /// A line that is not an event, or a known kind whose properties did not decode.
    #[serde(rename = "malformed")]
    Malformed { kind: String, error: String },
}

impl ServerEvent {
    /// Decodes one `data:` payload. Total: every input gives an event.
    pub fn from_json(data: &str) -> ServerEvent {
        // Fast path: a known, well-formed event decodes straight from the text.
        if let Ok(event) = serde_json::from_str::<ServerEvent>(data) {
            if !matches!(
                event,
                ServerEvent::Unknown { .. } | ServerEvent::Malformed { .. }
            ) {
                return event;
            }
        }
        match serde_json::from_str::<Value>(data) {
            Ok(value) => Self::from_value(value),
            Err(err) => ServerEvent::Malformed {
                kind: String::new(),
                error: format!("not JSON: {err}"),
            },
        }
    }

    /// Decodes an event already parsed as JSON (the `payload` of a global event).
    pub fn from_value(value: Value) -> ServerEvent {
        let kind = match value.get("type").and_then(Value::as_str) {
            Some(kind) => kind.to_string(),
            None => {
                return ServerEvent::Malformed {
                    kind: String::new(),
                    error: "no event type".into(),
                }
            }
        };
        if !KNOWN_KINDS.contains(&kind.as_str()) {
            let properties = match value {
                Value::Object(mut map) => map.remove("properties").unwrap_or(Value::Null),
                _ => Value::Null,
            };
            return ServerEvent::Unknown { kind, properties };
        }
        match ServerEvent::deserialize(&value) {
            Ok(event) => event,
            Err(err) => ServerEvent::Malformed {
                kind,
                error: err.to_string(),
            },
        }
    }

    /// The wire name of this event's kind (`message.part.delta`...).
    pub fn kind(&self) -> &str {
        match self {
            ServerEvent::ServerConnected {} => "server.connected",
            ServerEvent::ServerHeartbeat {} => "server.heartbeat",
            ServerEvent::InstanceDisposed { .. } => "server.instance.disposed",
            ServerEvent::SessionCreated { .. } => "session.created",
            ServerEvent::SessionUpdated { .. } => "session.updated",
            ServerEvent::SessionDeleted { .. } => "session.deleted",
            ServerEvent::SessionStatus { .. } => "session.status",
            ServerEvent::SessionIdle { .. } => "session.idle",
            ServerEvent::SessionError { .. } => "session.error",
            ServerEvent::SessionDiff { .. } => "session.diff",
            ServerEvent::SessionCompacted { .. } => "session.compacted",
            ServerEvent::MessageUpdated { .. } => "message.updated",
            ServerEvent::MessageRemoved { .. } => "message.removed",
            ServerEvent::PartUpdated { .. } => "message.part.updated",
            ServerEvent::PartRemoved { .. } => "message.part.removed",
            ServerEvent::PartDelta { .. } => "message.part.delta",
            ServerEvent::PermissionAsked(_) => "permission.asked",
            ServerEvent::PermissionReplied { .. } => "permission.replied",
            ServerEvent::QuestionAsked(_) => "question.asked",
            ServerEvent::QuestionReplied { .. } => "question.replied",
            ServerEvent::QuestionRejected { .. } => "question.rejected",
            ServerEvent::TodoUpdated { .. } => "todo.updated",
            ServerEvent::FileEdited { .. } => "file.edited",
            ServerEvent::VcsBranchUpdated { .. } => "vcs.branch.updated",
            ServerEvent::TuiPromptAppend { .. } => "tui.prompt.append",
            ServerEvent::TuiCommandExecute { .. } => "tui.command.execute",
            ServerEvent::TuiToastShow(_) => "tui.toast.show",
            ServerEvent::TuiSessionSelect { .. } => "tui.session.select",
            ServerEvent::Unknown { kind, .. } => kind,
            ServerEvent::Malformed { .. } => "malformed",
        }
    }
}

/// The kinds `ServerEvent` models; every other kind is `Unknown`, never `Malformed`.
pub const KNOWN_KINDS: &[&str] = &[
    "server.connected",
    "server.heartbeat",
    "server.instance.disposed",
    "session.created",
    "session.updated",
    "session.deleted",
    "session.status",
    "session.idle",
    "session.error",
    "session.diff",
    "session.compacted",
    "message.updated",
    "message.removed",
    "message.part.updated",
    "message.part.removed",
    "message.part.delta",
    "permission.asked",
    "permission.replied",
    "question.asked",
    "question.replied",
    "question.rejected",
    "todo.updated",
    "file.edited",
    "vcs.branch.updated",
    "tui.prompt.append",
    "tui.command.execute",
    "tui.toast.show",
    "tui.session.select",
];

/// An event of `/global/event`: which project directory it is about, and the event.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct GlobalEvent {
    /// The project directory, or "global" for server-wide events.
    pub directory: Option<String>,
    pub project: Option<String>,
    pub event: ServerEvent,
}

impl GlobalEvent {
    pub fn from_json(data: &str) -> GlobalEvent {
        let value: Value = match serde_json::from_str(data) {
            Ok(value) => value,
            Err(err) => {
                return GlobalEvent {
                    directory: None,
                    project: None,
                    event: ServerEvent::Malformed {
                        kind: String::new(),
                        error: format!("not JSON: {err}"),
                    },
                }
            }
        };
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let (directory, project) = (text("directory"), text("project"));
        let event = match value {
            Value::Object(mut map) => match map.remove("payload") {
                Some(payload) => ServerEvent::from_value(payload),
                None => ServerEvent::Malformed {
                    kind: String::new(),
                    error: "global event without payload".into(),
                },
            },
            _ => ServerEvent::Malformed {
                kind: String::new(),
                error: "global event is not an object".into(),
            },
        };
        GlobalEvent {
            directory,
            project,
            event,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_events_decode_to_their_variant() {
        let delta = ServerEvent::from_json(
            r#"{"id":"evt_1","type":"message.part.delta","properties":{"sessionID":"ses_1","messageID":"msg_1","partID":"prt_1","field":"text","delta":"Hel"}}"#,
        );
        assert_eq!(
            delta,
            ServerEvent::PartDelta {
                session_id: "ses_1".into(),
                message_id: "msg_1".into(),
                part_id: "prt_1".into(),
                field: "text".into(),
                delta: "Hel".into(),
            }
        );
        assert_eq!(delta.kind(), "message.part.delta");
        let hb = ServerEvent::from_json(r#"{"type":"server.heartbeat","properties":{}}"#);
        assert_eq!(hb, ServerEvent::ServerHeartbeat {});
        let status = ServerEvent::from_json(
            r#"{"type":"session.status","properties":{"sessionID":"ses_1","status":{"type":"busy"}}}"#,
        );
        assert!(matches!(
            status,
            ServerEvent::SessionStatus {
                status: SessionStatus::Busy,
                ..
            }
        ));
    }

    #[test]
    fn unknown_event_kinds_are_kept_with_their_properties() {
        let event = ServerEvent::from_json(r#"{"type":"catalog.updated","properties":{"n":1}}"#);
        assert_eq!(
            event,
            ServerEvent::Unknown {
                kind: "catalog.updated".into(),
                properties: json!({"n": 1})
            }
        );
    }

    #[test]
    fn a_known_kind_with_bad_properties_is_malformed_not_fatal() {
        let event = ServerEvent::from_json(r#"{"type":"message.part.delta","properties":{"x":1}}"#);
        assert!(
            matches!(event, ServerEvent::Malformed { ref kind, .. } if kind == "message.part.delta")
        );
        let garbage = ServerEvent::from_json("{not json");
        assert!(
            matches!(garbage, ServerEvent::Malformed { ref error, .. } if error.starts_with("not JSON"))
        );
    }

    #[test]
    fn an_unknown_part_inside_a_known_event_does_not_spoil_the_event() {
        let event = ServerEvent::from_json(
            r#"{"type":"message.part.updated","properties":{"part":{"id":"prt_1","sessionID":"s","messageID":"m","type":"hologram"}}}"#,
        );
        assert!(matches!(
            event,
            ServerEvent::PartUpdated {
                part: Part::Unknown(_)
            }
        ));
    }

    #[test]
    fn every_known_kind_names_itself() {
        for kind in KNOWN_KINDS {
            let event = ServerEvent::from_value(json!({"type": kind, "properties": {}}));
            // Most need properties, so they come back malformed; those that decode must match.
            if !matches!(event, ServerEvent::Malformed { .. }) {
                assert_eq!(event.kind(), *kind);
            }
        }
    }

    #[test]
    fn global_events_unwrap_their_payload() {
        let event = GlobalEvent::from_json(
            r#"{"directory":"/p","project":"prj","payload":{"type":"session.idle","properties":{"sessionID":"ses_9"}}}"#,
        );
        assert_eq!(event.directory.as_deref(), Some("/p"));
        assert_eq!(
            event.event,
            ServerEvent::SessionIdle {
                session_id: "ses_9".into()
            }
        );
        let sync = GlobalEvent::from_json(
            r#"{"directory":"/p","payload":{"type":"sync","syncEvent":{}}}"#,
        );
        assert!(matches!(sync.event, ServerEvent::Unknown { ref kind, .. } if kind == "sync"));
    }

    #[test]
    fn events_serialize_in_the_wire_shape() {
        let event = ServerEvent::SessionIdle {
            session_id: "ses_1".into(),
        };
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            json!({"type": "session.idle", "properties": {"sessionID": "ses_1"}})
        );
    }
}
