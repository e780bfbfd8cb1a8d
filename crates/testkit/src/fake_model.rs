//! [`FakeModel`]: an OpenAI-compatible chat-completions server on 127.0.0.1, scripted per test.
//!
//! It owns the script (a FIFO of [`Reply`]), the record of every request body, and the HTTP
//! server task, which stops when the `FakeModel` is dropped. Rendering a reply as wire data is
//! `reply`'s job. OpenCode also asks its *small* model for session titles; the config this
//! module hands out names a separate model for that ([`TITLE_MODEL`]), and every request for it
//! is answered with [`FAKE_TITLE`] without touching the script. The invariant a change could
//! break: a title request must never consume a scripted reply, or every test would be off by one.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::reply::{completion_json, stream_steps, Answer, Reply, Step};
use crate::TestkitError;

/// Provider id of the fake in the generated OpenCode config.
pub const PROVIDER_ID: &str = "fake";
/// The main model: requests for it consume the script.
pub const MAIN_MODEL: &str = "fake-model";
/// The small model OpenCode uses for session titles: answered with [`FAKE_TITLE`].
pub const TITLE_MODEL: &str = "fake-title";
/// What every title request gets back.
pub const FAKE_TITLE: &str = "Fake session title";
/// What a main-model request gets when the script is empty, so a stray call never hangs.
pub const DEFAULT_TEXT: &str = "ok";

/// How often a hanging stream writes an SSE comment, so a client that left is noticed.
const HANG_PROBE: Duration = Duration::from_millis(250);

#[derive(Default)]
struct Record {
    script: VecDeque<Reply>,
    requests: Vec<Value>,
    title_requests: Vec<Value>,
    /// The `Authorization` header of each main-model request, in order (None: absent).
    authorizations: Vec<Option<String>>,
}

#[derive(Default)]
struct Shared {
    record: Mutex<Record>,
    /// Woken after each main-model request is recorded.
    arrived: Notify,
    open_streams: AtomicUsize,
    answers: AtomicU64,
}

impl Shared {
    fn record(&self) -> MutexGuard<'_, Record> {
        // A panic while holding this lock cannot leave the record half-written (every
        // critical section is a single push or pop), so a poisoned lock is still usable.
        self.record.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A scripted OpenAI-compatible model server. Dropping it stops the server.
pub struct FakeModel {
    shared: Arc<Shared>,
    port: u16,
    task: JoinHandle<()>,
}

impl FakeModel {
    /// Starts the server on 127.0.0.1 with a free port. Panics if loopback cannot be bound
    /// (nothing in a test can go on without it); see [`FakeModel::try_start`].
    pub async fn start() -> FakeModel {
        match Self::try_start().await {
            Ok(model) => model,
            Err(error) => panic!("{error}"),
        }
    }

    /// Starts the server on 127.0.0.1 with a free port.
    pub async fn try_start() -> Result<FakeModel, TestkitError> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|source| TestkitError::FakeModelBind { source })?;
        let port = listener
            .local_addr()
            .map_err(|source| TestkitError::FakeModelBind { source })?
            .port();
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/v1/chat/completions", post(chat_completions))
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::warn!(%error, "fake model server stopped");
            }
        });
        Ok(FakeModel { shared, port, task })
    }

    /// `http://127.0.0.1:PORT/v1`, the `baseURL` OpenCode's provider config needs.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    /// Enqueues the answer to the next main-model request (first in, first out).
    pub fn push(&self, reply: Reply) {
        self.shared.record().script.push_back(reply);
    }

    /// Bodies of the main-model requests received so far, oldest first. Title requests are
    /// kept apart, in [`FakeModel::title_requests`].
    pub fn requests(&self) -> Vec<Value> {
        self.shared.record().requests.clone()
    }

    /// The `Authorization` header of each main-model request so far (None where absent): the
    /// key a provider was given reaches the model.
    pub fn authorizations(&self) -> Vec<Option<String>> {
        self.shared.record().authorizations.clone()
    }

    /// Number of main-model requests received so far.
    pub fn request_count(&self) -> usize {
        self.shared.record().requests.len()
    }

    /// Bodies of the title-model requests received so far.
    pub fn title_requests(&self) -> Vec<Value> {
        self.shared.record().title_requests.clone()
    }

    /// Scripted replies not yet served.
    pub fn pending_replies(&self) -> usize {
        self.shared.record().script.len()
    }

    /// Streams currently open (a `Slow` reply stays open until its client disconnects).
    pub fn open_streams(&self) -> usize {
        self.shared.open_streams.load(Ordering::SeqCst)
    }

    /// Waits until at least `count` main-model requests have arrived; false on timeout.
    pub async fn wait_for_requests(&self, count: usize, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Created before the check, so a request landing in between still wakes us.
            let arrived = self.shared.arrived.notified();
            if self.request_count() >= count {
                return true;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.request_count() >= count;
            }
        }
    }

    /// Waits until no stream is open; false on timeout.
    pub async fn wait_for_streams_closed(&self, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while self.open_streams() > 0 {
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    /// The `provider`, `model` and `small_model` entries of an `opencode.json` that points
    /// OpenCode at this fake.
    pub fn opencode_config(&self) -> Value {
        json!({
            "provider": {
                PROVIDER_ID: {
                    "npm": "@ai-sdk/openai-compatible",
                    "name": "Fake",
                    "options": { "baseURL": self.base_url(), "apiKey": "fake-key" },
                    "models": {
                        MAIN_MODEL: { "name": "Fake Model", "tool_call": true },
                        TITLE_MODEL: { "name": "Fake Title Model", "tool_call": false },
                    },
                },
            },
            "model": format!("{PROVIDER_ID}/{MAIN_MODEL}"),
            "small_model": format!("{PROVIDER_ID}/{TITLE_MODEL}"),
        })
    }
}

impl Drop for FakeModel {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeModel")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

async fn chat_completions(
    State(shared): State<Arc<Shared>>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            "fake model: the request body is not JSON",
        )
            .into_response();
    };
    let model = request
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let stream = request
        .get("stream")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let reply = {
        let mut record = shared.record();
        if model == TITLE_MODEL {
            record.title_requests.push(request);
            Reply::text(FAKE_TITLE)
        } else {
            record.requests.push(request);
            let authorization = headers
                .get(axum::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            record.authorizations.push(authorization);
            record
                .script
                .pop_front()
                .unwrap_or_else(|| Reply::text(DEFAULT_TEXT))
        }
    };
    let n = shared.answers.fetch_add(1, Ordering::SeqCst) + 1;
    let answer = Answer {
        id: format!("chatcmpl-fake-{n}"),
        created: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        model,
        call_id: format!("call_fake_{n}"),
    };
    tracing::debug!(model = %answer.model, stream, ?reply, "fake model answers");
    let is_main = answer.model != TITLE_MODEL;
    let response = respond(Arc::clone(&shared), &answer, &reply, stream);
    // Only now, so a waiter that wakes already sees this request's stream counted as open.
    if is_main {
        shared.arrived.notify_waiters();
    }
    response
}

fn respond(shared: Arc<Shared>, answer: &Answer, reply: &Reply, stream: bool) -> Response {
    if let Reply::HttpError { status, body } = reply {
        let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let content_type = if serde_json::from_str::<Value>(body).is_ok() {
            "application/json"
        } else {
            "text/plain"
        };
        return (status, [(header::CONTENT_TYPE, content_type)], body.clone()).into_response();
    }
    if !stream && !matches!(reply, Reply::Slow { .. } | Reply::Malformed) {
        return axum::Json(completion_json(answer, reply)).into_response();
    }
    let steps = stream_steps(answer, reply);
    let content_type = if stream {
        "text/event-stream"
    } else {
        "application/json"
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        play(shared, steps),
    )
        .into_response()
}

/// Counts a stream as open until its body is dropped: when it finished, or when hyper gave up
/// on a client that disconnected.
struct OpenStream(Arc<Shared>);

impl OpenStream {
    fn new(shared: Arc<Shared>) -> Self {
        shared.open_streams.fetch_add(1, Ordering::SeqCst);
        OpenStream(shared)
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.open_streams.fetch_sub(1, Ordering::SeqCst);
    }
}

fn play(shared: Arc<Shared>, steps: Vec<Step>) -> Body {
    let state = (steps.into_iter(), OpenStream::new(shared));
    let stream = futures_util::stream::unfold(state, |(mut steps, open)| async move {
        loop {
            match steps.next()? {
                Step::Wait(delay) => tokio::time::sleep(delay).await,
                Step::Send(bytes) => {
                    return Some((Ok::<_, Infallible>(Bytes::from(bytes)), (steps, open)))
                }
                Step::Hang => {
                    // An SSE comment: ignored by the client's parser, but the write fails once
                    // the client has gone, which drops this body and ends the stream.
                    // `Hang` is always the last step, so nothing is lost by replacing the rest.
                    tokio::time::sleep(HANG_PROBE).await;
                    let again = vec![Step::Hang].into_iter();
                    return Some((Ok(Bytes::from_static(b": waiting\n\n")), (again, open)));
                }
            }
        }
    });
    Body::from_stream(stream)
}

#[cfg(test)]
mod tests;
