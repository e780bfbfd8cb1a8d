//! What the client sends: prompts, their parts, slash commands and shell commands.

use super::ModelRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Body of `POST /session/{id}/message` and `/prompt_async`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PromptInput {
    pub parts: Vec<PartInput>,
    /// Which model answers; the session's (or the config's) default when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelRef>,
    /// Which agent answers (build, plan...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Store the prompt without asking the model.
    #[serde(rename = "noReply", skip_serializing_if = "Option::is_none")]
    pub no_reply: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<BTreeMap<String, bool>>,
}

impl PromptInput {
    /// A prompt of one text part, the common case.
    pub fn text(text: impl Into<String>) -> Self {
        PromptInput {
            parts: vec![PartInput::Text { text: text.into() }],
            ..Default::default()
        }
    }
}

/// One part of a prompt: text, an attached file (a `file://` or `data:` URL) or an @agent mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PartInput {
    Text {
        text: String,
    },
    File {
        mime: String,
        url: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
    },
    Agent {
        name: String,
    },
}

/// Body of `POST /session/{id}/command`: run a slash command.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CommandInput {
    pub command: String,
    #[serde(default)]
    pub arguments: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// `provider/model`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// Body of `POST /session/{id}/shell`: run a shell command as the agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ShellInput {
    pub agent: String,
    pub command: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelRef>,
}

/// Body of `POST /tui/show-toast`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Toast {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub message: String,
    /// info, success, warning or error.
    pub variant: String,
    /// How long it shows, in milliseconds (the TUI's default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prompt_serializes_as_the_server_expects() {
        let mut prompt = PromptInput::text("hello");
        prompt.model = Some(ModelRef {
            provider_id: "fake".into(),
            model_id: "fake-model".into(),
        });
        prompt.parts.push(PartInput::Agent {
            name: "plan".into(),
        });
        assert_eq!(
            serde_json::to_value(&prompt).unwrap(),
            json!({
                "parts": [{"type": "text", "text": "hello"}, {"type": "agent", "name": "plan"}],
                "model": {"providerID": "fake", "modelID": "fake-model"}
            })
        );
    }
}
