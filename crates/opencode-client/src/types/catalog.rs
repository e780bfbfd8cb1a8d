//! What the user can pick from: providers and models, agents, slash commands.

use super::{Extra, ExtraFields, ModelRef};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// `GET /config/providers`: the configured providers and the default model of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ConfigProviders {
    pub providers: Vec<Provider>,
    /// Provider id → default model id.
    #[serde(default)]
    pub default: BTreeMap<String, String>,
}

/// `GET /provider`: the whole catalogue (several MB): fetch it lazily and cache it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProviderList {
    pub all: Vec<Provider>,
    #[serde(default)]
    pub default: BTreeMap<String, String>,
    /// Ids of the providers that have credentials.
    #[serde(default)]
    pub connected: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Provider {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub models: BTreeMap<String, Model>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Model {
    pub id: String,
    #[serde(rename = "providerID", default)]
    pub provider_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    pub capabilities: Value,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    pub limit: Value,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    pub cost: Value,
}

/// An agent (build, plan, general...). Primary agents are the ones to offer in the picker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Agent {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// subagent, primary or all.
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub native: bool,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelRef>,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}

/// A slash command the server offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Command {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtask: Option<bool>,
    #[serde(default)]
    pub hints: Vec<String>,
}

/// One way to sign in to a provider (`GET /provider/auth`): an OAuth flow or a labelled API
/// key, with the questions to ask first (`prompts`: text or select fields, some shown only
/// `when` another answer has a value), kept as the server sends them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProviderAuthMethod {
    /// `oauth` or `api`.
    #[serde(rename = "type")]
    pub kind: String,
    pub label: String,
    #[serde(default)]
    #[specta(type = Vec<specta_typescript::Unknown>)]
    pub prompts: Vec<serde_json::Value>,
}

/// What `POST /provider/{id}/oauth/authorize` answers: the page to open, and whether the
/// server catches the redirect itself (`auto`) or the user pastes a code (`code`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct OAuthAuthorization {
    pub url: String,
    pub method: String,
    #[serde(default)]
    pub instructions: String,
}
