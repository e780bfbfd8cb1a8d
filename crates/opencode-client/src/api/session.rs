//! The `/session` routes: list, create, get, rename, delete and what acts on a whole session.

use super::seg;
use crate::types::{ModelRef, Session, SessionCreate, SessionStatus, SnapshotFileDiff, Todo};
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeMap;

/// Filters for `GET /session`.
#[derive(Debug, Clone, Default)]
pub struct SessionListQuery {
    /// Only top-level sessions (no sub-agent children).
    pub roots: Option<bool>,
    /// Title search: on 1.18.33 an SQL `LIKE '%search%'` over titles only (any case, the query
    /// as one piece, `%` and `_` wildcards); a message's text is never searched.
    pub search: Option<String>,
    pub limit: Option<u32>,
}

impl Client {
    /// The project's sessions.
    pub async fn sessions(&self, query: &SessionListQuery) -> Result<Vec<Session>> {
        self.call(Method::GET, "/session")
            .query_opt("roots", query.roots)
            .query_opt("search", query.search.as_deref())
            .query_opt("limit", query.limit)
            .decode()
            .await
    }

    pub async fn create_session(&self, input: &SessionCreate) -> Result<Session> {
        self.call(Method::POST, "/session")
            .json(input)
            .decode()
            .await
    }

    pub async fn session(&self, id: &str) -> Result<Session> {
        self.call(Method::GET, format!("/session/{}", seg(id)))
            .decode()
            .await
    }

    /// Busy/idle/retry of every session that is not idle (idle ones may be absent).
    pub async fn session_statuses(&self) -> Result<BTreeMap<String, SessionStatus>> {
        self.call(Method::GET, "/session/status").decode().await
    }

    pub async fn rename_session(&self, id: &str, title: &str) -> Result<Session> {
        self.call(Method::PATCH, format!("/session/{}", seg(id)))
            .json(&json!({ "title": title }))
            .decode()
            .await
    }

    pub async fn delete_session(&self, id: &str) -> Result<bool> {
        self.call(Method::DELETE, format!("/session/{}", seg(id)))
            .decode()
            .await
    }

    /// Sub-agent sessions started from this one.
    pub async fn session_children(&self, id: &str) -> Result<Vec<Session>> {
        self.call(Method::GET, format!("/session/{}/children", seg(id)))
            .decode()
            .await
    }

    pub async fn session_todos(&self, id: &str) -> Result<Vec<Todo>> {
        self.call(Method::GET, format!("/session/{}/todo", seg(id)))
            .decode()
            .await
    }

    /// Files the session changed; with `message_id`, only that message's changes.
    pub async fn session_diff(
        &self,
        id: &str,
        message_id: Option<&str>,
    ) -> Result<Vec<SnapshotFileDiff>> {
        self.call(Method::GET, format!("/session/{}/diff", seg(id)))
            .query_opt("messageID", message_id)
            .decode()
            .await
    }

    /// A new session with this one's messages, up to `message_id` when given.
    pub async fn fork_session(&self, id: &str, message_id: Option<&str>) -> Result<Session> {
        let body = match message_id {
            Some(m) => json!({ "messageID": m }),
            None => json!({}),
        };
        self.call(Method::POST, format!("/session/{}/fork", seg(id)))
            .json(&body)
            .decode()
            .await
    }

    /// Stops the running reply, if any.
    pub async fn abort_session(&self, id: &str) -> Result<bool> {
        self.call(Method::POST, format!("/session/{}/abort", seg(id)))
            .decode()
            .await
    }

    pub async fn share_session(&self, id: &str) -> Result<Session> {
        self.call(Method::POST, format!("/session/{}/share", seg(id)))
            .decode()
            .await
    }

    pub async fn unshare_session(&self, id: &str) -> Result<Session> {
        self.call(Method::DELETE, format!("/session/{}/share", seg(id)))
            .decode()
            .await
    }

    /// Compacts the session with a summary written by `model`. Waits for the model.
    pub async fn summarize_session(&self, id: &str, model: &ModelRef) -> Result<bool> {
        self.call(Method::POST, format!("/session/{}/summarize", seg(id)))
            .json(model)
            .no_timeout()
            .decode()
            .await
    }

    /// Undoes the session (messages and file changes) back to before `message_id`.
    pub async fn revert_session(
        &self,
        id: &str,
        message_id: &str,
        part_id: Option<&str>,
    ) -> Result<Session> {
        let mut body = json!({ "messageID": message_id });
        if let Some(part) = part_id {
            body["partID"] = json!(part);
        }
        self.call(Method::POST, format!("/session/{}/revert", seg(id)))
            .json(&body)
            .decode()
            .await
    }

    pub async fn unrevert_session(&self, id: &str) -> Result<Session> {
        self.call(Method::POST, format!("/session/{}/unrevert", seg(id)))
            .decode()
            .await
    }
}
