//! Wire types for what a desktop client shows, named as the OpenAPI document names them
//! (`Session`, `AssistantMessage`, `ToolPart`...), with the server's field names (`sessionID`).
//!
//! Tolerance is the design rule: the server grows (94 event types in 1.18.33), so nothing here
//! fails on what it does not know. Extra fields are kept in `extra` (serialized back flat, so the
//! UI still sees them); an unknown part kind, tool status, message role or session status becomes
//! an `Unknown` value that keeps the raw JSON. Numbers are `f64` because the server sends JSON
//! numbers (millisecond timestamps do not fit in 32 bits and TypeScript has no 64-bit integer).

mod catalog;
mod file;
mod mcp;
mod message;
mod part;
mod permission;
mod project;
mod prompt;
mod pty;
mod session;

pub use catalog::*;
pub use file::*;
pub use mcp::*;
pub use message::*;
pub use part::*;
pub use permission::*;
pub use project::*;
pub use prompt::*;
pub use pty::*;
pub use session::*;

use serde_json::{Map, Value};

/// Fields this client does not model, kept so that nothing the server sends is lost.
pub type Extra = Map<String, Value>;

/// How `extra` looks to TypeScript: as nothing. The fields are still there at run time; the UI
/// just cannot name them, which is the point (it should not rely on what we do not model).
#[derive(specta::Type)]
pub struct ExtraFields {}

/// Takes the discriminant `tag` out of a JSON object, returning it and the remaining fields
/// (still a JSON object). A value that is not an object gives `None` and the value unchanged.
pub(crate) fn take_tag(value: Value, tag: &str) -> (Option<String>, Value) {
    match value {
        Value::Object(mut map) => {
            let kind = match map.remove(tag) {
                Some(Value::String(kind)) => Some(kind),
                _ => None,
            };
            (kind, Value::Object(map))
        }
        other => (None, other),
    }
}

/// Decodes `fields` as `T`, or says why not. It borrows, so the caller keeps the raw value for
/// its `Unknown` fallback without copying it first (a tool output can be 50 MB).
pub(crate) fn decode_fields<T: serde::de::DeserializeOwned>(fields: &Value) -> Result<T, String> {
    T::deserialize(fields).map_err(|e| e.to_string())
}

/// Implements `Deserialize` for a tolerant enum through its `from_value` constructor, which never
/// fails: whatever cannot be decoded becomes that enum's `Unknown` arm.
macro_rules! deserialize_via_from_value {
    ($ty:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde_json::Value::deserialize(d).map(<$ty>::from_value)
            }
        }
    };
}
pub(crate) use deserialize_via_from_value;

/// Token counts as the server reports them on sessions, messages and steps.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Tokens {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    #[serde(default)]
    pub input: f64,
    #[serde(default)]
    pub output: f64,
    #[serde(default)]
    pub reasoning: f64,
    #[serde(default)]
    pub cache: CacheTokens,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct CacheTokens {
    #[serde(default)]
    pub read: f64,
    #[serde(default)]
    pub write: f64,
}

/// `{providerID, modelID}`: which model a prompt or message uses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct ModelRef {
    #[serde(rename = "providerID")]
    pub provider_id: String,
    #[serde(rename = "modelID")]
    pub model_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn take_tag_splits_the_discriminant_from_the_fields() {
        let (kind, rest) = take_tag(json!({"type": "text", "text": "hi"}), "type");
        assert_eq!(kind.as_deref(), Some("text"));
        assert_eq!(rest, json!({"text": "hi"}));
        let (kind, rest) = take_tag(json!([1, 2]), "type");
        assert_eq!(kind, None);
        assert_eq!(rest, json!([1, 2]));
    }
}
