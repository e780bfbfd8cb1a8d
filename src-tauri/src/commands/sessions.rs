//! Sessions and their messages: list, create, open tail-first, prompt, abort, and what a user
//! does to a session (rename, delete, fork, share, revert, summarize, slash commands).

use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use opencode_client::types::{
    CommandInput, MessagePage, ModelRef, PromptInput, Session, SessionCreate, SessionStatus,
    ShellInput, SnapshotFileDiff, Todo,
};
use opencode_client::SessionListQuery;
use tauri::State;

/// The project's sessions, sub-agent sessions included (they carry `parentID`), newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_sessions(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Session>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let query = SessionListQuery::default();
    let mut sessions = client.sessions(&query).await?;
    sessions.sort_by(|a, b| b.time.updated.total_cmp(&a.time.updated));
    Ok(sessions)
}

/// The project's sessions holding every word of `query`: titles from the server, text from the
/// offline copies of the sessions opened here; best first, each with its message and a snippet.
#[tauri::command]
#[specta::specta]
pub async fn search_sessions(
    state: State<'_, AppState>,
    server_id: String,
    query: String,
) -> Result<Vec<crate::session_search::SessionHit>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let key = state.servers.copies_key(&server_id)?;
    crate::session_search::search(&client, &state.offline, key, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_session(
    state: State<'_, AppState>,
    server_id: String,
    title: Option<String>,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    let input = SessionCreate {
        title,
        ..Default::default()
    };
    Ok(client.create_session(&input).await?)
}

/// One page of a session's messages, newest last: `before: null` gives the last screen, and the
/// page's own `before` cursor fetches the page above it. Open long sessions this way.
#[tauri::command]
#[specta::specta]
pub async fn load_messages(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    limit: u32,
    before: Option<String>,
) -> Result<MessagePage, CommandError> {
    let client = state.servers.client(&server_id)?;
    let page = client
        .message_page(&session_id, limit.clamp(1, 500), before.as_deref())
        .await?;
    // The offline copy is written in the background: the open never waits for it.
    if state.offline.enabled() {
        if let Ok(key) = state.servers.copies_key(&server_id) {
            let tail = before.is_none();
            state
                .offline
                .keep_page(client, key, session_id, page.clone(), tail);
        }
    }
    Ok(page)
}

/// Sends a prompt and returns at once; the reply streams in through `watch_events`.
#[tauri::command]
#[specta::specta]
pub async fn send_prompt(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    prompt: PromptInput,
) -> Result<(), CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.prompt_async(&session_id, &prompt).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn abort_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.abort_session(&session_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    title: String,
) -> Result<Session, CommandError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "A session needs a title.",
        ));
    }
    let client = state.servers.client(&server_id)?;
    Ok(client.rename_session(&session_id, title).await?)
}

/// Deletes a session and its sub-agent sessions, for good.
#[tauri::command]
#[specta::specta]
pub async fn delete_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    let deleted = client.delete_session(&session_id).await?;
    // Its offline copy goes too: a deleted session is not readable offline.
    if let Ok(key) = state.servers.copies_key(&server_id) {
        if let Err(error) = state.offline.forget(key, session_id).await {
            tracing::warn!(%error, "offline copy of a deleted session not removed");
        }
    }
    Ok(deleted)
}

/// A copy of the session, up to `message_id` when given; returns the new session.
#[tauri::command]
#[specta::specta]
pub async fn fork_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    message_id: Option<String>,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client
        .fork_session(&session_id, message_id.as_deref())
        .await?)
}

/// Shares the session (or stops sharing it); the returned session carries the link.
#[tauri::command]
#[specta::specta]
pub async fn share_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    shared: bool,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(if shared {
        client.share_session(&session_id).await?
    } else {
        client.unshare_session(&session_id).await?
    })
}

#[tauri::command]
#[specta::specta]
pub async fn session_todos(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<Vec<Todo>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.session_todos(&session_id).await?)
}

/// The files the session changed, with their diffs; with `message_id`, that message's only.
#[tauri::command]
#[specta::specta]
pub async fn session_diff(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    message_id: Option<String>,
) -> Result<Vec<SnapshotFileDiff>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client
        .session_diff(&session_id, message_id.as_deref())
        .await?)
}

/// Undoes the session (messages and file changes) back to before `message_id`.
#[tauri::command]
#[specta::specta]
pub async fn revert_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    message_id: String,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client
        .revert_session(&session_id, &message_id, None)
        .await?)
}

/// Takes back the last revert.
#[tauri::command]
#[specta::specta]
pub async fn unrevert_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
) -> Result<Session, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.unrevert_session(&session_id).await?)
}

/// Compacts the session into a summary written by `model`; returns when the summary is done.
#[tauri::command]
#[specta::specta]
pub async fn summarize_session(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    model: ModelRef,
) -> Result<bool, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.summarize_session(&session_id, &model).await?)
}

/// Runs one of the server's `/` commands in the session; the reply streams in as events.
#[tauri::command]
#[specta::specta]
pub async fn run_command(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    command: CommandInput,
) -> Result<(), CommandError> {
    let client = state.servers.client(&server_id)?;
    client.run_command(&session_id, &command).await?;
    Ok(())
}

/// Runs `command` in the session's shell as the agent would (the composer's `!command`); the
/// command and its output arrive as the session's messages, through the events.
#[tauri::command]
#[specta::specta]
pub async fn run_shell(
    state: State<'_, AppState>,
    server_id: String,
    session_id: String,
    command: String,
    agent: String,
    model: Option<ModelRef>,
) -> Result<(), CommandError> {
    if command.trim().is_empty() {
        return Err(CommandError::new(
            crate::error::ErrorKind::InvalidInput,
            "Type a command after the !.",
        ));
    }
    let client = state.servers.client(&server_id)?;
    let input = ShellInput {
        agent,
        command,
        model,
    };
    client.run_shell(&session_id, &input).await?;
    Ok(())
}

/// What each session is doing now (busy, retrying; idle sessions may be absent): the badges'
/// starting point, and what a resync restores.
#[tauri::command]
#[specta::specta]
pub async fn session_statuses(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<std::collections::BTreeMap<String, SessionStatus>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.session_statuses().await?)
}
