//! Messages of a session, and what adds to them: prompts, slash commands and shell commands.

use super::seg;
use crate::types::{
    AssistantMessage, CommandInput, Message, MessagePage, MessageWithParts, Part, PromptInput,
    ShellInput,
};
use crate::{Client, Result};
use reqwest::Method;
use serde::Deserialize;

/// The header carrying the cursor for the page before the one returned.
const NEXT_CURSOR_HEADER: &str = "x-next-cursor";

/// What the waiting prompt routes answer: the assistant message and its parts.
#[derive(Debug, Clone, Deserialize)]
pub struct PromptReply {
    pub info: AssistantMessage,
    #[serde(default)]
    pub parts: Vec<Part>,
}

impl Client {
    /// Every message of a session, oldest first. Prefer `message_page` for long sessions.
    pub async fn messages(&self, session_id: &str) -> Result<Vec<MessageWithParts>> {
        self.call(Method::GET, format!("/session/{}/message", seg(session_id)))
            .decode()
            .await
    }

    /// The newest `limit` messages before `before` (or the newest of all), oldest first, with
    /// the cursor for the page before them: open a session tail first, page back on scroll.
    pub async fn message_page(
        &self,
        session_id: &str,
        limit: u32,
        before: Option<&str>,
    ) -> Result<MessagePage> {
        let (messages, before) = self.page_of(session_id, limit, before).await?;
        Ok(MessagePage { messages, before })
    }

    /// As `message_page`, each message's info without its parts (what adding up tokens and cost
    /// needs): the server still sends the parts, but they are skipped while decoding, never kept,
    /// so a page of long tool outputs costs its transfer and nothing after.
    pub async fn message_info_page(
        &self,
        session_id: &str,
        limit: u32,
        before: Option<&str>,
    ) -> Result<(Vec<Message>, Option<String>)> {
        #[derive(Deserialize)]
        struct InfoOnly {
            info: Message,
        }
        let (infos, before) = self.page_of::<InfoOnly>(session_id, limit, before).await?;
        Ok((infos.into_iter().map(|m| m.info).collect(), before))
    }

    async fn page_of<T: serde::de::DeserializeOwned>(
        &self,
        session_id: &str,
        limit: u32,
        before: Option<&str>,
    ) -> Result<(Vec<T>, Option<String>)> {
        let path = format!("/session/{}/message", seg(session_id));
        let what = format!("GET {path}");
        let response = self
            .call(Method::GET, path)
            .query("limit", limit)
            .query_opt("before", before)
            .send()
            .await?;
        let cursor = response
            .headers()
            .get(NEXT_CURSOR_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .map(str::to_string);
        let bytes = response
            .bytes()
            .await
            .map_err(|e| crate::Error::Unreachable {
                url: self.display_url(),
                reason: e.to_string(),
            })?;
        let items: Vec<T> =
            serde_json::from_slice(&bytes).map_err(|e| crate::Error::decode(what, &e, &bytes))?;
        Ok((items, cursor))
    }

    pub async fn message(&self, session_id: &str, message_id: &str) -> Result<MessageWithParts> {
        self.call(
            Method::GET,
            format!("/session/{}/message/{}", seg(session_id), seg(message_id)),
        )
        .decode()
        .await
    }

    /// Sends a prompt and waits for the whole reply (no time limit: the model decides).
    pub async fn prompt(&self, session_id: &str, input: &PromptInput) -> Result<PromptReply> {
        self.call(
            Method::POST,
            format!("/session/{}/message", seg(session_id)),
        )
        .json(input)
        .no_timeout()
        .decode()
        .await
    }

    /// Sends a prompt and returns at once; the reply arrives as events.
    pub async fn prompt_async(&self, session_id: &str, input: &PromptInput) -> Result<()> {
        self.call(
            Method::POST,
            format!("/session/{}/prompt_async", seg(session_id)),
        )
        .json(input)
        .done()
        .await
    }

    /// Runs a slash command in the session and waits for its reply.
    pub async fn run_command(&self, session_id: &str, input: &CommandInput) -> Result<PromptReply> {
        self.call(
            Method::POST,
            format!("/session/{}/command", seg(session_id)),
        )
        .json(input)
        .no_timeout()
        .decode()
        .await
    }

    /// Runs a shell command as the agent would, recorded in the session.
    pub async fn run_shell(
        &self,
        session_id: &str,
        input: &ShellInput,
    ) -> Result<MessageWithParts> {
        self.call(Method::POST, format!("/session/{}/shell", seg(session_id)))
            .json(input)
            .no_timeout()
            .decode()
            .await
    }
}
