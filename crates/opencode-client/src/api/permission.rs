//! `/permission`: the tool calls waiting for the user's approval.

use super::seg;
use crate::types::{PermissionReply, PermissionRequest};
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;

impl Client {
    /// Pending permission requests of every session of the project.
    pub async fn permissions(&self) -> Result<Vec<PermissionRequest>> {
        self.call(Method::GET, "/permission").decode().await
    }

    /// Answers a request; `message` tells the agent why when rejecting.
    pub async fn reply_permission(
        &self,
        request_id: &str,
        reply: PermissionReply,
        message: Option<&str>,
    ) -> Result<bool> {
        let mut body = json!({ "reply": reply });
        if let Some(message) = message {
            body["message"] = json!(message);
        }
        self.call(
            Method::POST,
            format!("/permission/{}/reply", seg(request_id)),
        )
        .json(&body)
        .decode()
        .await
    }
}
