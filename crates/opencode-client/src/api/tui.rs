//! `/tui/*`: drive an OpenCode TUI attached to the same server (hand a prompt over to it).

use crate::types::Toast;
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;

impl Client {
    pub async fn tui_append_prompt(&self, text: &str) -> Result<bool> {
        self.call(Method::POST, "/tui/append-prompt")
            .json(&json!({ "text": text }))
            .decode()
            .await
    }

    pub async fn tui_submit_prompt(&self) -> Result<bool> {
        self.call(Method::POST, "/tui/submit-prompt").decode().await
    }

    pub async fn tui_open_sessions(&self) -> Result<bool> {
        self.call(Method::POST, "/tui/open-sessions").decode().await
    }

    pub async fn tui_show_toast(&self, toast: &Toast) -> Result<bool> {
        self.call(Method::POST, "/tui/show-toast")
            .json(toast)
            .decode()
            .await
    }
}
