//! The server itself: health, paths and projects.

use super::{Extra, ExtraFields};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `GET /global/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Health {
    pub healthy: bool,
    pub version: String,
}

/// Where the server keeps things and which project it serves (`GET /path`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PathInfo {
    pub home: String,
    pub state: String,
    pub config: String,
    pub worktree: String,
    pub directory: String,
}

/// A project the server knows (a git worktree, or a plain directory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Project {
    pub id: String,
    pub worktree: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    #[specta(type = specta_typescript::Unknown)]
    pub time: Value,
    #[serde(flatten)]
    #[specta(type = ExtraFields)]
    pub extra: Extra,
}
