//! Wire-level tests of the fake model alone (no OpenCode): what each reply looks like on the
//! socket, the title bypass, and streams closing when their client leaves.

use std::time::Duration;

use serde_json::{json, Value};

use super::*;

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn ask(model: &FakeModel, model_id: &str, stream: bool) -> reqwest::Response {
    let messages = json!([{ "role": "user", "content": "hi" }]);
    let body = json!({ "model": model_id, "stream": stream, "messages": messages });
    http()
        .post(format!("{}/chat/completions", model.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The JSON payloads of a finished SSE body, plus whether it ended with `[DONE]`.
fn sse_payloads(body: &str) -> (Vec<Value>, bool) {
    let data: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .collect();
    let done = data.last() == Some(&"[DONE]");
    let values = data
        .iter()
        .filter(|d| **d != "[DONE]")
        .map(|d| serde_json::from_str(d).unwrap());
    (values.collect(), done)
}

#[tokio::test]
async fn title_requests_get_the_title_and_leave_the_script_alone() {
    let model = FakeModel::start().await;
    model.push(Reply::text("scripted"));

    let title = ask(&model, TITLE_MODEL, true).await.text().await.unwrap();
    let (values, done) = sse_payloads(&title);
    assert!(done);
    assert_eq!(values[0]["choices"][0]["delta"]["content"], FAKE_TITLE);
    assert_eq!(model.pending_replies(), 1);

    let main = ask(&model, MAIN_MODEL, true).await;
    assert_eq!(main.headers()["content-type"], "text/event-stream");
    let (values, _) = sse_payloads(&main.text().await.unwrap());
    assert_eq!(values[0]["choices"][0]["delta"]["content"], "scripted");
    assert_eq!(
        (model.request_count(), model.title_requests().len()),
        (1, 1)
    );
    assert_eq!(model.requests()[0]["model"], MAIN_MODEL);
}

#[tokio::test]
async fn an_empty_script_answers_a_non_stream_request_with_the_default_text() {
    let model = FakeModel::start().await;
    let answer: Value = ask(&model, MAIN_MODEL, false).await.json().await.unwrap();
    assert_eq!(answer["object"], "chat.completion");
    assert_eq!(answer["choices"][0]["message"]["content"], DEFAULT_TEXT);
    assert_eq!(answer["choices"][0]["finish_reason"], "stop");
}

#[tokio::test]
async fn an_http_error_reply_has_its_status_and_body() {
    let model = FakeModel::start().await;
    model.push(Reply::http_error(
        429,
        r#"{"error":{"message":"slow down"}}"#,
    ));
    let response = ask(&model, MAIN_MODEL, true).await;
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"error":{"message":"slow down"}}"#
    );
}

#[tokio::test]
async fn a_tool_call_stream_finishes_with_tool_calls_usage_and_done() {
    let model = FakeModel::start().await;
    model.push(Reply::tool("read", json!({ "filePath": "README.md" })));
    let (values, done) = sse_payloads(&ask(&model, MAIN_MODEL, true).await.text().await.unwrap());
    assert!(done);
    let call = &values[0]["choices"][0]["delta"]["tool_calls"][0];
    assert_eq!(call["function"]["name"], "read");
    assert_eq!(values[1]["choices"][0]["finish_reason"], "tool_calls");
    assert!(values[2]["usage"]["total_tokens"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_slow_stream_closes_when_its_client_goes_away() {
    let model = FakeModel::start().await;
    model.push(Reply::slow(["first"], 10));
    let mut response = ask(&model, MAIN_MODEL, true).await;
    let chunk = response.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&chunk).contains("first"));
    assert_eq!(model.open_streams(), 1);
    drop(response);
    assert!(model.wait_for_streams_closed(Duration::from_secs(3)).await);
}

#[tokio::test]
async fn wait_for_requests_wakes_when_a_request_arrives() {
    let model = FakeModel::start().await;
    assert!(!model.wait_for_requests(1, Duration::from_millis(50)).await);
    let url = model.base_url();
    let sender = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let body = json!({ "model": MAIN_MODEL, "messages": [] });
        http()
            .post(format!("{url}/chat/completions"))
            .json(&body)
            .send()
            .await
            .unwrap();
    });
    assert!(model.wait_for_requests(1, Duration::from_secs(5)).await);
    sender.await.unwrap();
}
