//! What the fake model answers: the scripted [`Reply`] a test pushes, and its rendering as
//! OpenAI chat-completions wire data (a streamed `text/event-stream` body, or one JSON object
//! when the request did not ask for a stream).
//!
//! This module is pure: it turns a reply into a list of [`Step`]s and never touches a socket.
//! Playing the steps (and noticing a client that went away) belongs to `fake_model`. The one
//! invariant: every stream that finishes ends with a `finish_reason` chunk, a usage chunk and
//! `data: [DONE]`, in that order, because the AI SDK inside OpenCode waits for all three.

use std::time::Duration;

use serde_json::{json, Value};

/// One scripted answer of the main model. Push them with `FakeModel::push`; they are served in
/// order, one per chat-completions request for the main model.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Streams each chunk as one `delta.content`, waiting `delay_ms` between chunks, then
    /// finishes with `finish_reason: "stop"`.
    Text { chunks: Vec<String>, delay_ms: u64 },
    /// Asks OpenCode to run a tool: one `delta.tool_calls` entry, then
    /// `finish_reason: "tool_calls"`. `arguments` is sent as its JSON text; a JSON string is
    /// sent verbatim, so a test can send arguments that are not valid JSON.
    ToolCall { name: String, arguments: Value },
    /// A stream meant to be aborted: streams the chunks with `delay_ms` before each one, then
    /// stays open without ever finishing (sending an SSE comment every 250 ms so a closed
    /// connection is noticed) until the client disconnects.
    Slow { chunks: Vec<String>, delay_ms: u64 },
    /// Answers with this HTTP status and body instead of a stream. OpenCode 1.18.33 ends the
    /// turn with an `APIError` on the assistant message for a 4xx, but retries a 5xx without
    /// limit (backoff of about 2, 4, 8, 16, 32 s; session status `retry`), and each retry
    /// consumes the next scripted reply.
    HttpError { status: u16, body: String },
    /// Starts a stream, sends one `data:` line that is not JSON, then ends.
    Malformed,
}

impl Reply {
    /// A text reply streamed as a single chunk.
    pub fn text(text: impl Into<String>) -> Self {
        Reply::Text {
            chunks: vec![text.into()],
            delay_ms: 0,
        }
    }

    /// A text reply streamed as these chunks, `delay_ms` apart.
    pub fn chunks<I, S>(chunks: I, delay_ms: u64) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Reply::Text {
            chunks: chunks.into_iter().map(Into::into).collect(),
            delay_ms,
        }
    }

    /// A tool call, e.g.
    /// `Reply::tool("bash", json!({"command": "echo hi", "description": "Say hi"}))`.
    pub fn tool(name: impl Into<String>, arguments: Value) -> Self {
        Reply::ToolCall {
            name: name.into(),
            arguments,
        }
    }

    /// A stream that never finishes on its own (see [`Reply::Slow`]).
    pub fn slow<I, S>(chunks: I, delay_ms: u64) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Reply::Slow {
            chunks: chunks.into_iter().map(Into::into).collect(),
            delay_ms,
        }
    }

    /// An HTTP error answer.
    pub fn http_error(status: u16, body: impl Into<String>) -> Self {
        Reply::HttpError {
            status,
            body: body.into(),
        }
    }
}

/// Identity of one answer: echoed in every chunk the way OpenAI does.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub id: String,
    pub created: u64,
    pub model: String,
    /// Used for a tool call's `id`; unique per fake model.
    pub call_id: String,
}

/// One thing a streamed body does next.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// Bytes to write, already framed (`data: ...\n\n`).
    Send(String),
    Wait(Duration),
    /// Stay open forever (the player keeps the connection probed).
    Hang,
}

fn frame(value: &Value) -> String {
    format!("data: {value}\n\n")
}

fn chunk(answer: &Answer, delta: Value, finish_reason: Option<&str>) -> Value {
    json!({
        "id": answer.id,
        "object": "chat.completion.chunk",
        "created": answer.created,
        "model": answer.model,
        "choices": [{ "index": 0, "delta": delta, "finish_reason": finish_reason }],
    })
}

fn usage(answer: &Answer, completion_tokens: usize) -> Value {
    json!({
        "id": answer.id,
        "object": "chat.completion.chunk",
        "created": answer.created,
        "model": answer.model,
        "choices": [],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": completion_tokens,
            "total_tokens": 10 + completion_tokens,
        },
    })
}

fn arguments_text(arguments: &Value) -> String {
    match arguments {
        Value::String(raw) => raw.clone(),
        other => other.to_string(),
    }
}

fn tool_call(answer: &Answer, name: &str, arguments: &Value) -> Value {
    json!({
        "index": 0,
        "id": answer.call_id,
        "type": "function",
        "function": { "name": name, "arguments": arguments_text(arguments) },
    })
}

fn text_steps(answer: &Answer, chunks: &[String], delay: Duration, wait_first: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    for (i, text) in chunks.iter().enumerate() {
        if (i > 0 || wait_first) && !delay.is_zero() {
            steps.push(Step::Wait(delay));
        }
        let mut delta = json!({ "content": text });
        if i == 0 {
            delta["role"] = json!("assistant");
        }
        steps.push(Step::Send(frame(&chunk(answer, delta, None))));
    }
    steps
}

fn finish_steps(answer: &Answer, reason: &str, completion_tokens: usize) -> Vec<Step> {
    vec![
        Step::Send(frame(&chunk(answer, json!({}), Some(reason)))),
        Step::Send(frame(&usage(answer, completion_tokens))),
        Step::Send("data: [DONE]\n\n".to_owned()),
    ]
}

/// The streamed body for `reply`. `HttpError` has no stream; callers answer it before this.
pub(crate) fn stream_steps(answer: &Answer, reply: &Reply) -> Vec<Step> {
    match reply {
        Reply::Text { chunks, delay_ms } => {
            let mut steps = text_steps(answer, chunks, Duration::from_millis(*delay_ms), false);
            steps.extend(finish_steps(answer, "stop", chunks.len().max(1)));
            steps
        }
        Reply::ToolCall { name, arguments } => {
            let delta =
                json!({ "role": "assistant", "tool_calls": [tool_call(answer, name, arguments)] });
            let mut steps = vec![Step::Send(frame(&chunk(answer, delta, None)))];
            steps.extend(finish_steps(answer, "tool_calls", 1));
            steps
        }
        Reply::Slow { chunks, delay_ms } => {
            let mut steps = text_steps(answer, chunks, Duration::from_millis(*delay_ms), true);
            steps.push(Step::Hang);
            steps
        }
        Reply::Malformed => vec![Step::Send("data: {this is not json\n\n".to_owned())],
        Reply::HttpError { .. } => Vec::new(),
    }
}

/// The non-streamed `chat.completion` object for `reply`, for requests with `stream: false`.
/// `Slow` and `Malformed` have no sensible JSON form; callers handle them before this.
pub(crate) fn completion_json(answer: &Answer, reply: &Reply) -> Value {
    let (message, finish_reason, tokens) = match reply {
        Reply::Text { chunks, .. } | Reply::Slow { chunks, .. } => (
            json!({ "role": "assistant", "content": chunks.concat() }),
            "stop",
            chunks.len(),
        ),
        Reply::ToolCall { name, arguments } => {
            let mut call = tool_call(answer, name, arguments);
            if let Some(call) = call.as_object_mut() {
                call.remove("index");
            }
            let message = json!({ "role": "assistant", "content": null, "tool_calls": [call] });
            (message, "tool_calls", 1)
        }
        Reply::HttpError { .. } | Reply::Malformed => (json!({ "role": "assistant" }), "stop", 0),
    };
    json!({
        "id": answer.id,
        "object": "chat.completion",
        "created": answer.created,
        "model": answer.model,
        "choices": [{ "index": 0, "message": message, "finish_reason": finish_reason }],
        "usage": { "prompt_tokens": 10, "completion_tokens": tokens, "total_tokens": 10 + tokens },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer() -> Answer {
        Answer {
            id: "chatcmpl-1".into(),
            created: 7,
            model: "fake-model".into(),
            call_id: "call_1".into(),
        }
    }

    fn sent(steps: &[Step]) -> Vec<Value> {
        steps
            .iter()
            .filter_map(|s| match s {
                Step::Send(f) if f != "data: [DONE]\n\n" => {
                    Some(serde_json::from_str(f.trim().trim_start_matches("data: ")).unwrap())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_streams_one_chunk_per_item_then_stop_usage_and_done() {
        let steps = stream_steps(&answer(), &Reply::chunks(["a", "b"], 5));
        assert_eq!(
            steps
                .iter()
                .filter(|s| **s == Step::Wait(Duration::from_millis(5)))
                .count(),
            1
        );
        assert_eq!(steps.last(), Some(&Step::Send("data: [DONE]\n\n".into())));
        let values = sent(&steps);
        assert_eq!(
            values[0]["choices"][0]["delta"],
            json!({"role": "assistant", "content": "a"})
        );
        assert_eq!(values[1]["choices"][0]["delta"], json!({"content": "b"}));
        assert_eq!(values[2]["choices"][0]["finish_reason"], "stop");
        assert_eq!(values[3]["choices"], json!([]));
        assert_eq!(values[3]["usage"]["total_tokens"], 12);
        assert_eq!(values[0]["object"], "chat.completion.chunk");
    }

    #[test]
    fn tool_call_sends_arguments_as_json_text_and_finishes_with_tool_calls() {
        let reply = Reply::tool("bash", json!({"command": "echo hi"}));
        let values = sent(&stream_steps(&answer(), &reply));
        let call = &values[0]["choices"][0]["delta"]["tool_calls"][0];
        assert_eq!(call["id"], "call_1");
        assert_eq!(call["function"]["name"], "bash");
        assert_eq!(call["function"]["arguments"], r#"{"command":"echo hi"}"#);
        assert_eq!(values[1]["choices"][0]["finish_reason"], "tool_calls");
    }

    #[test]
    fn slow_waits_before_every_chunk_and_never_finishes() {
        let steps = stream_steps(&answer(), &Reply::slow(["x"], 100));
        assert_eq!(steps[0], Step::Wait(Duration::from_millis(100)));
        assert_eq!(steps.last(), Some(&Step::Hang));
        assert!(!steps
            .iter()
            .any(|s| matches!(s, Step::Send(f) if f.contains("[DONE]"))));
    }

    #[test]
    fn malformed_sends_a_data_line_that_is_not_json() {
        let steps = stream_steps(&answer(), &Reply::Malformed);
        let Step::Send(line) = &steps[0] else {
            panic!("expected a data line")
        };
        assert!(line.starts_with("data: "));
        assert!(serde_json::from_str::<Value>(line.trim_start_matches("data: ")).is_err());
    }

    #[test]
    fn completion_json_joins_text_chunks() {
        let value = completion_json(&answer(), &Reply::chunks(["he", "llo"], 0));
        assert_eq!(value["choices"][0]["message"]["content"], "hello");
        assert_eq!(value["object"], "chat.completion");
    }
}
