//! `/question`: questions the agent asks the user.

use super::seg;
use crate::types::QuestionRequest;
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;

impl Client {
    pub async fn questions(&self) -> Result<Vec<QuestionRequest>> {
        self.call(Method::GET, "/question").decode().await
    }

    /// One answer per question, in order; each answer is the chosen labels (or free text).
    pub async fn reply_question(&self, request_id: &str, answers: &[Vec<String>]) -> Result<bool> {
        self.call(Method::POST, format!("/question/{}/reply", seg(request_id)))
            .json(&json!({ "answers": answers }))
            .decode()
            .await
    }

    pub async fn reject_question(&self, request_id: &str) -> Result<bool> {
        self.call(
            Method::POST,
            format!("/question/{}/reject", seg(request_id)),
        )
        .decode()
        .await
    }
}
