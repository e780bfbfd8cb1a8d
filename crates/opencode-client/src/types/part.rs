//! The parts a message is made of: text, reasoning, tool calls and the rest.
//!
//! `Part` decodes by its `type`; a kind this client does not know, or a known kind whose fields do
//! not decode, becomes `Part::Unknown` with the raw JSON, so a newer server degrades the view of
//! one part instead of losing the message. Past 500 lines as one type per part kind with its
//! decoder, still one job: the part wire types.

use super::{
    decode_fields, deserialize_via_from_value, take_tag, Extra, ExtraFields, ModelRef, Tokens,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "type")]
pub enum Part {
    #[serde(rename = "text")]
    Text(TextPart),
    #[serde(rename = "reasoning")]
    Reasoning(ReasoningPart),
    #[serde(rename = "file")]
    File(FilePart),
    #[serde(rename = "tool")]
    Tool(ToolPart),
    #[serde(rename = "step-start")]
    StepStart(StepStartPart),
    #[serde(rename = "step-finish")]
    StepFinish(StepFinishPart),
    #[serde(rename = "snapshot")]
    Snapshot(SnapshotPart),
    #[serde(rename = "patch")]
    Patch(PatchPart),
    #[serde(rename = "agent")]
    Agent(AgentPart),
    #[serde(rename = "subtask")]
    Subtask(SubtaskPart),
    #[serde(rename = "retry")]
    Retry(RetryPart),
    #[serde(rename = "compaction")]
    Compaction(CompactionPart),
    #[serde(rename = "unknown")]
    Unknown(UnknownPart),
}

impl Part {
    pub fn from_value(value: Value) -> Self {
        let (kind, fields) = take_tag(value, "type");
        let decoded = match kind.as_deref() {
            Some("text") => decode_fields(&fields).map(Part::Text),
            Some("reasoning") => decode_fields(&fields).map(Part::Reasoning),
            Some("file") => decode_fields(&fields).map(Part::File),
            Some("tool") => decode_fields(&fields).map(Part::Tool),
            Some("step-start") => decode_fields(&fields).map(Part::StepStart),
            Some("step-finish") => decode_fields(&fields).map(Part::StepFinish),
            Some("snapshot") => decode_fields(&fields).map(Part::Snapshot),
            Some("patch") => decode_fields(&fields).map(Part::Patch),
            Some("agent") => decode_fields(&fields).map(Part::Agent),
            Some("subtask") => decode_fields(&fields).map(Part::Subtask),
            Some("retry") => decode_fields(&fields).map(Part::Retry),
            Some("compaction") => decode_fields(&fields).map(Part::Compaction),
            _ => Err("unknown part type".to_string()),
        };
        decoded.unwrap_or_else(|error| {
            Part::Unknown(UnknownPart {
                id: fields["id"].as_str().unwrap_or_default().to_string(),
                session_id: fields["sessionID"].as_str().unwrap_or_default().to_string(),
                message_id: fields["messageID"].as_str().unwrap_or_default().to_string(),
                original_type: kind.unwrap_or_default(),
                error,
                raw: fields,
            })
        })
    }

    /// The (id, sessionID, messageID) every part carries.
    pub fn ids(&self) -> (&str, &str, &str) {
        macro_rules! ids {
            ($p:expr) => {
                (&$p.id[..], &$p.session_id[..], &$p.message_id[..])
            };
        }
        match self {
            Part::Text(p) => ids!(p),
            Part::Reasoning(p) => ids!(p),
            Part::File(p) => ids!(p),
            Part::Tool(p) => ids!(p),
            Part::StepStart(p) => ids!(p),
            Part::StepFinish(p) => ids!(p),
            Part::Snapshot(p) => ids!(p),
            Part::Patch(p) => ids!(p),
            Part::Agent(p) => ids!(p),
            Part::Subtask(p) => ids!(p),
            Part::Retry(p) => ids!(p),
            Part::Compaction(p) => ids!(p),
            Part::Unknown(p) => ids!(p),
        }
    }
}
deserialize_via_from_value!(Part);

/// Declares a part struct with the three ids every part has, the given fields, and `extra`.
macro_rules! part_struct {
    ($(#[$doc:meta])* $name:ident { $($(#[$fattr:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
        pub struct $name {
            pub id: String,
            #[serde(rename = "sessionID")]
            pub session_id: String,
            #[serde(rename = "messageID")]
            pub message_id: String,
            $($(#[$fattr])* pub $field: $ty,)*
            #[serde(flatten)]
            #[specta(type = ExtraFields)]
            pub extra: Extra,
        }
    };
}

part_struct!(
    /// Text of the reply (or of the user's prompt); grows through `message.part.delta` events.
    TextPart {
        #[serde(default)]
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        synthetic: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time: Option<PartTime>,
    }
);

part_struct!(ReasoningPart {
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time: Option<PartTime>,
});

part_struct!(FilePart {
    mime: String,
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    filename: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(type = Option<specta_typescript::Unknown>)]
    source: Option<Value>,
});

part_struct!(
    /// A tool call (bash, read, edit...) and where it is in its life.
    ToolPart {
        #[serde(rename = "callID", default)]
        call_id: String,
        tool: String,
        state: ToolState,
    }
);

part_struct!(StepStartPart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    snapshot: Option<String>,
});

part_struct!(
    /// End of one model step, with what it cost.
    StepFinishPart {
        #[serde(default)]
        reason: String,
        #[serde(default)]
        cost: f64,
        #[serde(default)]
        tokens: Tokens,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        snapshot: Option<String>,
    }
);

part_struct!(SnapshotPart {
    #[serde(default)]
    snapshot: String,
});

part_struct!(PatchPart {
    #[serde(default)]
    hash: String,
    #[serde(default)]
    files: Vec<String>,
});

part_struct!(AgentPart {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(type = Option<specta_typescript::Unknown>)]
    source: Option<Value>,
});

part_struct!(SubtaskPart {
    #[serde(default)]
    prompt: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    agent: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<ModelRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    command: Option<String>,
});

part_struct!(RetryPart {
    #[serde(default)]
    attempt: f64,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    error: Value,
});

part_struct!(CompactionPart {
    #[serde(default)]
    auto: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    overflow: Option<bool>,
});

/// A part this client cannot show as what it is; the UI shows it plainly instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct UnknownPart {
    pub id: String,
    #[serde(rename = "sessionID")]
    pub session_id: String,
    #[serde(rename = "messageID")]
    pub message_id: String,
    #[serde(rename = "originalType")]
    pub original_type: String,
    pub error: String,
    #[specta(type = specta_typescript::Unknown)]
    pub raw: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PartTime {
    #[serde(default)]
    pub start: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
}

/// The four states of a tool call, by `status`; anything else is kept as `Unknown`.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "status")]
pub enum ToolState {
    #[serde(rename = "pending")]
    Pending {
        #[serde(default)]
        #[specta(type = specta_typescript::Unknown)]
        input: Value,
        #[serde(default)]
        raw: String,
    },
    #[serde(rename = "running")]
    Running {
        #[serde(default)]
        #[specta(type = specta_typescript::Unknown)]
        input: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[specta(type = Option<specta_typescript::Unknown>)]
        metadata: Option<Value>,
        time: PartTime,
    },
    #[serde(rename = "completed")]
    Completed {
        #[serde(default)]
        #[specta(type = specta_typescript::Unknown)]
        input: Value,
        #[serde(default)]
        output: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        #[specta(type = specta_typescript::Unknown)]
        metadata: Value,
        time: PartTime,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attachments: Option<Vec<FilePart>>,
    },
    #[serde(rename = "error")]
    Error {
        #[serde(default)]
        #[specta(type = specta_typescript::Unknown)]
        input: Value,
        #[serde(default)]
        error: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[specta(type = Option<specta_typescript::Unknown>)]
        metadata: Option<Value>,
        time: PartTime,
    },
    #[serde(rename = "unknown")]
    Unknown {
        kind: String,
        #[specta(type = specta_typescript::Unknown)]
        raw: Value,
    },
}

/// The same shape as `ToolState` without the fallback arm, so serde can decode the known ones.
#[derive(Deserialize)]
#[serde(tag = "status")]
enum KnownToolState {
    #[serde(rename = "pending")]
    Pending {
        #[serde(default)]
        input: Value,
        #[serde(default)]
        raw: String,
    },
    #[serde(rename = "running")]
    Running {
        #[serde(default)]
        input: Value,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        metadata: Option<Value>,
        time: PartTime,
    },
    #[serde(rename = "completed")]
    Completed {
        #[serde(default)]
        input: Value,
        #[serde(default)]
        output: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        metadata: Value,
        time: PartTime,
        #[serde(default)]
        attachments: Option<Vec<FilePart>>,
    },
    #[serde(rename = "error")]
    Error {
        #[serde(default)]
        input: Value,
        #[serde(default)]
        error: String,
        #[serde(default)]
        metadata: Option<Value>,
        time: PartTime,
    },
}

impl ToolState {
    pub fn from_value(value: Value) -> Self {
        match KnownToolState::deserialize(&value) {
            Ok(KnownToolState::Pending { input, raw }) => ToolState::Pending { input, raw },
            Ok(KnownToolState::Running {
                input,
                title,
                metadata,
                time,
            }) => ToolState::Running {
                input,
                title,
                metadata,
                time,
            },
            Ok(KnownToolState::Completed {
                input,
                output,
                title,
                metadata,
                time,
                attachments,
            }) => ToolState::Completed {
                input,
                output,
                title,
                metadata,
                time,
                attachments,
            },
            Ok(KnownToolState::Error {
                input,
                error,
                metadata,
                time,
            }) => ToolState::Error {
                input,
                error,
                metadata,
                time,
            },
            Err(_) => ToolState::Unknown {
                kind: value["status"].as_str().unwrap_or_default().to_string(),
                raw: value,
            },
        }
    }

    pub fn status(&self) -> &str {
        match self {
            ToolState::Pending { .. } => "pending",
            ToolState::Running { .. } => "running",
            ToolState::Completed { .. } => "completed",
            ToolState::Error { .. } => "error",
            ToolState::Unknown { kind, .. } => kind,
        }
    }
}
deserialize_via_from_value!(ToolState);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids() -> Value {
        json!({"id": "prt_1", "sessionID": "ses_1", "messageID": "msg_1"})
    }

    fn with(mut base: Value, extra: Value) -> Value {
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        base
    }

    #[test]
    fn every_known_part_kind_decodes_to_its_own_arm() {
        let cases = [
            json!({"type": "text", "text": "hi"}),
            json!({"type": "reasoning", "text": "hmm", "time": {"start": 1}}),
            json!({"type": "file", "mime": "text/plain", "url": "file:///a"}),
            json!({"type": "tool", "callID": "c", "tool": "bash",
                   "state": {"status": "pending", "input": {}, "raw": ""}}),
            json!({"type": "step-start"}),
            json!({"type": "step-finish", "reason": "stop", "cost": 0.5,
                   "tokens": {"input": 1, "output": 2, "reasoning": 0, "cache": {"read": 0, "write": 0}}}),
            json!({"type": "snapshot", "snapshot": "abc"}),
            json!({"type": "patch", "hash": "h", "files": ["a.rs"]}),
            json!({"type": "agent", "name": "build"}),
            json!({"type": "subtask", "prompt": "p", "description": "d", "agent": "general"}),
            json!({"type": "retry", "attempt": 1, "error": {"name": "APIError"}, "time": {"created": 1}}),
            json!({"type": "compaction", "auto": true}),
        ];
        for case in cases {
            let kind = case["type"].as_str().unwrap().to_string();
            let part = Part::from_value(with(ids(), case));
            assert!(
                !matches!(part, Part::Unknown(_)),
                "{kind} decoded as unknown: {part:?}"
            );
            let back = serde_json::to_value(&part).unwrap();
            assert_eq!(back["type"], kind.as_str());
            assert_eq!(part.ids(), ("prt_1", "ses_1", "msg_1"));
        }
    }

    #[test]
    fn unknown_and_broken_parts_keep_their_raw_json() {
        let part = Part::from_value(with(ids(), json!({"type": "hologram", "depth": 3})));
        let Part::Unknown(u) = part else {
            panic!("expected unknown")
        };
        assert_eq!(u.original_type, "hologram");
        assert_eq!(u.raw["depth"], 3);
        assert_eq!(u.id, "prt_1");

        // A known kind with a field of the wrong type is kept too, with the reason.
        let part = Part::from_value(with(ids(), json!({"type": "tool", "tool": 5})));
        let Part::Unknown(u) = part else {
            panic!("expected unknown")
        };
        assert_eq!(u.original_type, "tool");
        assert!(!u.error.is_empty());
    }

    #[test]
    fn tool_states_decode_and_unknown_statuses_are_kept() {
        let done = ToolState::from_value(json!({
            "status": "completed", "input": {"command": "echo hi"}, "output": "hi\n",
            "title": "echo", "metadata": {}, "time": {"start": 1, "end": 2}
        }));
        assert!(matches!(done, ToolState::Completed { ref output, .. } if output == "hi\n"));
        let odd = ToolState::from_value(json!({"status": "queued"}));
        assert_eq!(odd.status(), "queued");
        let back = serde_json::to_value(&done).unwrap();
        assert_eq!(back["status"], "completed");
    }

    #[test]
    fn extra_fields_survive_a_round_trip_without_a_duplicate_type() {
        let part = Part::from_value(with(
            ids(),
            json!({"type": "text", "text": "a", "newField": 1}),
        ));
        let back = serde_json::to_string(&part).unwrap();
        assert_eq!(back.matches("\"type\"").count(), 1, "{back}");
        assert!(back.contains("\"newField\":1"));
    }
}
