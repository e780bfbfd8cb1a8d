//! Files of the project: directory listings, contents, git status and search results.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One entry of a directory listing (`GET /file`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct FileNode {
    pub name: String,
    /// Relative to the project.
    pub path: String,
    pub absolute: String,
    #[serde(rename = "type")]
    pub kind: FileNodeKind,
    #[serde(default)]
    pub ignored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum FileNodeKind {
    File,
    Directory,
    #[serde(other)]
    Other,
}

/// A file's content (`GET /file/content`); binary files come base64-encoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct FileContent {
    /// text or binary.
    #[serde(rename = "type")]
    pub kind: String,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(type = Option<specta_typescript::Unknown>)]
    pub patch: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(rename = "mimeType", default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
}

/// A file git sees as changed in the working tree (`GET /vcs/status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VcsFileStatus {
    /// Relative to the project.
    pub file: String,
    #[serde(default)]
    pub additions: f64,
    #[serde(default)]
    pub deletions: f64,
    /// added, deleted or modified.
    pub status: String,
}

/// The project's version control state (`GET /vcs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VcsInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_branch: Option<String>,
}

/// One line matching a text search (`GET /find`, ripgrep's shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct FindMatch {
    pub path: TextField,
    pub lines: TextField,
    pub line_number: f64,
    #[serde(default)]
    pub absolute_offset: f64,
    #[serde(default)]
    pub submatches: Vec<Submatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TextField {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Submatch {
    #[serde(rename = "match")]
    pub matched: TextField,
    pub start: f64,
    pub end: f64,
}

/// A code symbol found by the language servers (`GET /find/symbol`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Symbol {
    pub name: String,
    pub kind: f64,
    pub location: SymbolLocation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SymbolLocation {
    pub uri: String,
    #[specta(type = specta_typescript::Unknown)]
    pub range: Value,
}
