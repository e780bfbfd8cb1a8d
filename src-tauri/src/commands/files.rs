//! The project's files: the tree, a file's content, git status, and search.

use crate::error::CommandError;
use crate::state::AppState;
use opencode_client::types::{
    FileContent, FileNode, FindMatch, SnapshotFileDiff, Symbol, VcsFileStatus,
};
use tauri::State;

/// Most results a search returns: enough to scan, few enough to render at once.
const SEARCH_LIMIT: usize = 200;

/// The entries of one directory (`""` is the project root), as the server lists them.
#[tauri::command]
#[specta::specta]
pub async fn list_files(
    state: State<'_, AppState>,
    server_id: String,
    path: String,
) -> Result<Vec<FileNode>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.list_files(&path).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn read_file(
    state: State<'_, AppState>,
    server_id: String,
    path: String,
) -> Result<FileContent, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.file_content(&path).await?)
}

/// Files git sees as changed (added, modified, deleted, untracked).
#[tauri::command]
#[specta::specta]
pub async fn file_status(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<VcsFileStatus>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.file_status().await?)
}

/// The project's uncommitted changes (`GET /vcs` and `/vcs/diff`).
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct WorkingTree {
    /// None outside git or on a detached head.
    pub branch: Option<String>,
    pub files: Vec<SnapshotFileDiff>,
}

/// The working tree's changes against the last commit, file by file with patches, and the
/// branch. Outside a git repository: no branch and no files, not an error.
#[tauri::command]
#[specta::specta]
pub async fn working_tree(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<WorkingTree, CommandError> {
    let client = state.servers.client(&server_id)?;
    let (info, files) = tokio::join!(client.vcs_info(), client.vcs_diff());
    Ok(WorkingTree {
        branch: info?.branch,
        files: files?,
    })
}

/// Lines matching `pattern` (a regular expression), at most `SEARCH_LIMIT`.
#[tauri::command]
#[specta::specta]
pub async fn find_text(
    state: State<'_, AppState>,
    server_id: String,
    pattern: String,
) -> Result<Vec<FindMatch>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let mut found = client.find_text(&pattern).await?;
    found.truncate(SEARCH_LIMIT);
    Ok(found)
}

/// Paths matching `query` fuzzily, best first (for `@` completion and the file finder).
#[tauri::command]
#[specta::specta]
pub async fn find_files(
    state: State<'_, AppState>,
    server_id: String,
    query: String,
    limit: Option<u32>,
) -> Result<Vec<String>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let limit = limit.unwrap_or(50).clamp(1, SEARCH_LIMIT as u32);
    Ok(client.find_files(&query, false, Some(limit)).await?)
}

/// Workspace symbols from the project's language servers (none when no server runs).
#[tauri::command]
#[specta::specta]
pub async fn find_symbols(
    state: State<'_, AppState>,
    server_id: String,
    query: String,
) -> Result<Vec<Symbol>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let mut found = client.find_symbols(&query).await?;
    found.truncate(SEARCH_LIMIT);
    Ok(found)
}
