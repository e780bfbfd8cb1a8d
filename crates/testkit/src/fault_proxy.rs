//! [`FaultProxy`]: a loopback HTTP/1.1 proxy of our own in front of a real server, which breaks
//! the event streams (`GET /event`, `GET /global/event`) on command while the server behind it
//! keeps working. Faults come from here, never from a fake OpenCode. (Past 500 lines as one
//! proxy: forwarding, its faults and their control endpoint; the pure pieces are in `wire`.)
//!
//! Every request passes through (headers included: `Authorization`, `x-opencode-directory`),
//! one request per client connection (`connection: close`). An event-stream response is relayed
//! frame by frame, which is where the faults act, changed at any time through `&self` methods:
//! - [`set_noise`](FaultProxy::set_noise): after every real frame, an SSE comment, a `data:`
//!   line that is not JSON, an event of an unknown kind with extra fields; and each real frame
//!   written in pieces (inside a UTF-8 character, between its two final newlines);
//! - [`cut_streams`](FaultProxy::cut_streams) now (a TCP reset), or
//!   [`cut_streams_after`](FaultProxy::cut_streams_after) each stream has been open a while;
//! - [`outage`](FaultProxy::outage): open event streams are cut, and for a while new requests
//!   (event streams only, or all) are reset as soon as they arrive;
//! - [`stall`](FaultProxy::stall): streams stay open but nothing is forwarded, heartbeats
//!   included (a stream opened during a stall gets its headers, then silence);
//! - [`accept_then_close`](FaultProxy::accept_then_close): answer 200, maybe relay the
//!   server's `server.connected`, then end the body.
//!
//! When the server behind cannot be reached the client's connection is reset, as a dead server's
//! would be. [`stats`](FaultProxy::stats) counts event-stream requests and open streams, so a
//! test can assert how often a client knocked. Requests to `/__fault/...` control the proxy over
//! HTTP (for the `fault-proxy` binary and the JavaScript e2e tests; see [`CONTROL_HELP`]).
//! Dropping the proxy closes every connection it holds. The pure pieces (parsing, framing,
//! noise) live in `wire`.

mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use futures_util::StreamExt as _;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

use crate::{TestServer, TestkitError};
use wire::{FrameSplitter, Framing, RequestHead};

pub use wire::UNKNOWN_KIND;

/// The control interface served under `/__fault/` (any method; each answers with the stats).
pub const CONTROL_HELP: &str = "\
POST /__fault/noise?malformed&unknown&comments&split   (no parameter: all four; noise=none via /clear)
POST /__fault/cut                                      cut every open event stream now
POST /__fault/cut?after_ms=N                           cut each event stream N ms after it opened
POST /__fault/outage?ms=N[&scope=events|all]           cut event streams; reset new requests for N ms
POST /__fault/stall                                    forward nothing on event streams
POST /__fault/accept-then-close[?connected=1]          200, maybe server.connected, then end
POST /__fault/clear                                    no faults (counters stay)
GET  /__fault/stats                                    {requests, eventRequests, eventStreamsOpen, refused}";

/// Which requests an [`outage`](FaultProxy::outage) refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only event-stream requests; the rest of the API keeps answering.
    EventStreams,
    /// Every request, as when the server is unreachable.
    All,
}

/// What [`set_noise`](FaultProxy::set_noise) adds to event streams; `Noise::default()` is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Noise {
    /// A `data:` line that is not JSON after every frame.
    pub malformed: bool,
    /// An event of kind [`UNKNOWN_KIND`], with extra fields, after every frame.
    pub unknown_kinds: bool,
    /// An SSE comment line after every frame.
    pub comments: bool,
    /// Each real frame written in pieces, a few milliseconds apart.
    pub split_frames: bool,
}

impl Noise {
    pub fn all() -> Noise {
        Noise {
            malformed: true,
            unknown_kinds: true,
            comments: true,
            split_frames: true,
        }
    }
}

/// What the proxy has seen since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Requests received (control requests not counted).
    pub requests: usize,
    /// Event-stream requests received, whatever became of them: how often a client knocked.
    pub event_requests: usize,
    /// Event streams being relayed right now.
    pub event_streams_open: usize,
    /// Requests reset because of an outage or an unreachable server.
    pub refused: usize,
}

#[derive(Debug, Default)]
struct Faults {
    noise: Noise,
    /// Requests in scope are reset until then.
    outage: Option<(Scope, Instant)>,
    stalled: bool,
    /// `Some(send_connected)`.
    accept_then_close: Option<bool>,
    cut_after: Option<Duration>,
    /// Bumped by every cut: a stream opened under an older epoch is cut.
    cut_epoch: u64,
}

#[derive(Debug, Default)]
struct State {
    faults: Faults,
    stats: FaultStats,
    event_request_times: Vec<Instant>,
}

struct Shared {
    upstream: String,
    http: reqwest::Client,
    state: Mutex<State>,
    /// Bumped on every change of the faults, so open streams look again.
    changes: watch::Sender<u64>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // Every critical section is a few assignments: a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn change(&self, apply: impl FnOnce(&mut Faults)) {
        apply(&mut self.state().faults);
        self.changes.send_modify(|version| *version += 1);
    }

    fn outage(&self, scope: Scope, duration: Duration) -> Instant {
        let until = Instant::now() + duration;
        self.change(|f| {
            f.outage = Some((scope, until));
            f.cut_epoch += 1;
        });
        until
    }

    fn clear(&self) {
        self.change(|f| {
            let cut_epoch = f.cut_epoch;
            *f = Faults {
                cut_epoch,
                ..Faults::default()
            };
        });
    }
}

/// A fault-injecting proxy on 127.0.0.1. Dropping it closes every connection it holds.
pub struct FaultProxy {
    shared: Arc<Shared>,
    address: SocketAddr,
    task: JoinHandle<()>,
}

impl FaultProxy {
    /// A proxy in front of `server`, on a free loopback port.
    pub async fn start(server: &TestServer) -> Result<FaultProxy, TestkitError> {
        Self::start_for(server.url()).await
    }

    /// A proxy in front of `upstream` (`http://host:port`, no trailing slash), on a free port.
    pub async fn start_for(upstream: &str) -> Result<FaultProxy, TestkitError> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), upstream).await
    }

    /// A proxy in front of `upstream`, listening on `address`.
    pub async fn start_on(address: SocketAddr, upstream: &str) -> Result<FaultProxy, TestkitError> {
        let listener = TcpListener::bind(address)
            .await
            .map_err(TestkitError::io(format!(
                "bind the fault proxy to {address}"
            )))?;
        let address = listener
            .local_addr()
            .map_err(TestkitError::io("read the fault proxy's address"))?;
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(|e| TestkitError::Io {
                what: "build the fault proxy's HTTP client".into(),
                source: std::io::Error::other(e),
            })?;
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_owned(),
            http,
            state: Mutex::new(State::default()),
            changes: watch::Sender::new(0),
        });
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        Ok(FaultProxy {
            shared,
            address,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash: give it to the client instead of the
    /// server's URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Noise added to every event stream from now on (open ones included).
    pub fn set_noise(&self, noise: Noise) {
        self.shared.change(|f| f.noise = noise);
    }

    /// Resets every open event stream now.
    pub fn cut_streams(&self) {
        self.shared.change(|f| f.cut_epoch += 1);
    }

    /// Resets each event stream once it has been open `after` (`None`: no more).
    pub fn cut_streams_after(&self, after: Option<Duration>) {
        self.shared.change(|f| f.cut_after = after);
    }

    /// Cuts the open event streams and, for `duration`, resets every new request in `scope` as
    /// soon as it arrives. Returns when the outage ends.
    pub fn outage(&self, scope: Scope, duration: Duration) -> Instant {
        self.shared.outage(scope, duration)
    }

    /// Forward nothing more on event streams, open or new, until [`clear`](Self::clear).
    pub fn stall(&self) {
        self.shared.change(|f| f.stalled = true);
    }

    /// Each new event stream gets its headers (and the server's `server.connected` if
    /// `send_connected`), then its body ends; until [`clear`](Self::clear).
    pub fn accept_then_close(&self, send_connected: bool) {
        self.shared
            .change(|f| f.accept_then_close = Some(send_connected));
    }

    /// No faults from now on; counters are kept.
    pub fn clear(&self) {
        self.shared.clear();
    }

    pub fn stats(&self) -> FaultStats {
        self.shared.state().stats
    }

    /// When each event-stream request arrived, in order.
    pub fn event_request_times(&self) -> Vec<Instant> {
        self.shared.state().event_request_times.clone()
    }

    /// Waits until `done(stats)` holds; false if it still does not after `timeout`.
    pub async fn wait_for(&self, timeout: Duration, done: impl Fn(&FaultStats) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.stats()) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        // The accept loop owns every connection task: aborting it drops them all.
        self.task.abort();
    }
}

impl std::fmt::Debug for FaultProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultProxy")
            .field("url", &self.url())
            .field("upstream", &self.shared.upstream)
            .finish_non_exhaustive()
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => {
                    connections.spawn(serve_connection(Arc::clone(&shared), socket));
                }
                Err(error) => {
                    tracing::warn!(%error, "fault proxy: accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next() => {}
        }
    }
}

async fn serve_connection(shared: Arc<Shared>, mut socket: TcpStream) {
    let _ = socket.set_nodelay(true);
    let (head, body) = match read_request(&mut socket).await {
        Ok(request) => request,
        Err(reason) => {
            tracing::debug!(%reason, "fault proxy: bad request");
            let _ = write_plain(&mut socket, StatusCode::BAD_REQUEST, reason).await;
            return;
        }
    };
    if let Some(command) = head.path().strip_prefix("/__fault/") {
        let (status, answer) = control(&shared, command, head.query());
        let _ = write_plain(&mut socket, status, answer).await;
        return;
    }
    let is_event = head.is_event_stream();
    let refused = {
        let mut state = shared.state();
        state.stats.requests += 1;
        if is_event {
            state.stats.event_requests += 1;
            state.event_request_times.push(Instant::now());
        }
        let refused = match state.faults.outage {
            Some((scope, until)) if Instant::now() < until => is_event || scope == Scope::All,
            _ => false,
        };
        state.stats.refused += usize::from(refused);
        refused
    };
    if refused {
        return reset(socket);
    }
    let response = match forward(&shared, &head, body).await {
        Ok(response) => response,
        Err(error) => {
            tracing::debug!(%error, "fault proxy: upstream unreachable");
            shared.state().stats.refused += 1;
            return reset(socket);
        }
    };
    let is_sse = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    if is_event && is_sse && response.status().is_success() {
        relay_events(&shared, socket, response, head.path() == "/global/event").await;
    } else {
        relay_whole(socket, response, &head.method).await;
    }
}

/// Reads one request head and its body (`content-length` only).
async fn read_request(socket: &mut TcpStream) -> Result<(RequestHead, Vec<u8>), String> {
    let read = async {
        let mut buffer = Vec::with_capacity(2048);
        let mut scratch = [0u8; 8192];
        let end = loop {
            if let Some(end) = wire::head_end(&buffer) {
                break end;
            }
            if buffer.len() > wire::MAX_HEAD_BYTES {
                return Err("a request head over 64 KiB".to_owned());
            }
            let n = socket.read(&mut scratch).await.map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the client closed before sending a request".to_owned());
            }
            buffer.extend_from_slice(&scratch[..n]);
        };
        let head = wire::parse_head(&buffer[..end])?;
        let length = head.content_length()?;
        let mut body = buffer.split_off(end);
        while body.len() < length {
            let n = socket.read(&mut scratch).await.map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the client closed in the middle of a request body".to_owned());
            }
            body.extend_from_slice(&scratch[..n]);
        }
        body.truncate(length);
        Ok((head, body))
    };
    tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .unwrap_or_else(|_| Err("no whole request within 30 s".to_owned()))
}

async fn forward(
    shared: &Shared,
    head: &RequestHead,
    body: Vec<u8>,
) -> Result<reqwest::Response, String> {
    let method = reqwest::Method::from_bytes(head.method.as_bytes()).map_err(|e| e.to_string())?;
    let mut headers = HeaderMap::new();
    for (name, value) in &head.headers {
        if wire::is_hop_by_hop(name) {
            continue;
        }
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
        let value = HeaderValue::from_bytes(value).map_err(|e| e.to_string())?;
        headers.append(name, value);
    }
    let url = format!("{}{}", shared.upstream, head.target);
    let mut request = shared.http.request(method, url).headers(headers);
    if !body.is_empty() {
        request = request.body(body);
    }
    request.send().await.map_err(|e| format!("{e:?}"))
}

/// A plain response, read whole from the server and sent with its length.
async fn relay_whole(mut socket: TcpStream, response: reqwest::Response, method: &str) {
    let status = response.status();
    let headers = response.headers().clone();
    let Ok(body) = response.bytes().await else {
        return reset(socket);
    };
    let bodiless = method == "HEAD"
        || status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    let framing = if bodiless {
        Framing::None
    } else {
        Framing::Length(body.len())
    };
    let mut out = wire::response_head(status, &headers, framing);
    if !bodiless {
        out.extend_from_slice(&body);
    }
    if socket.write_all(&out).await.is_ok() {
        let _ = socket.shutdown().await;
    }
}

/// Counts a stream as open for as long as it lives.
struct OpenStream<'a>(&'a Shared);

impl<'a> OpenStream<'a> {
    fn new(shared: &'a Shared) -> Self {
        shared.state().stats.event_streams_open += 1;
        OpenStream(shared)
    }
}

impl Drop for OpenStream<'_> {
    fn drop(&mut self) {
        self.0.state().stats.event_streams_open -= 1;
    }
}

/// Relays one event stream frame by frame, applying the faults of the moment.
async fn relay_events(
    shared: &Shared,
    mut socket: TcpStream,
    response: reqwest::Response,
    global: bool,
) {
    let _open = OpenStream::new(shared);
    let mut changes = shared.changes.subscribe();
    let (epoch, accept_then_close) = {
        let state = shared.state();
        (state.faults.cut_epoch, state.faults.accept_then_close)
    };
    let head = wire::response_head(response.status(), response.headers(), Framing::Chunked);
    if socket.write_all(&head).await.is_err() {
        return;
    }
    let mut body = response.bytes_stream();
    let mut frames = FrameSplitter::default();
    if let Some(send_connected) = accept_then_close {
        if send_connected {
            let first = tokio::time::timeout(Duration::from_secs(10), async {
                while let Some(Ok(bytes)) = body.next().await {
                    if let Some(frame) = frames.push(&bytes).into_iter().next() {
                        return Some(frame);
                    }
                }
                None
            });
            if let Ok(Some(frame)) = first.await {
                let _ = socket.write_all(&wire::chunk(&frame)).await;
            }
        }
        let _ = socket.write_all(wire::LAST_CHUNK).await;
        let _ = socket.shutdown().await;
        return;
    }
    let opened = Instant::now();
    let mut sequence = 0u64;
    let mut scratch = [0u8; 512];
    loop {
        let (cut, stalled, noise, cut_at) = {
            let state = shared.state();
            let faults = &state.faults;
            let cut_at = faults.cut_after.map(|after| opened + after);
            (
                faults.cut_epoch != epoch,
                faults.stalled,
                faults.noise,
                cut_at,
            )
        };
        if cut || cut_at.is_some_and(|at| at <= Instant::now()) {
            return reset(socket);
        }
        let cut_at = cut_at.unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400));
        tokio::select! {
            next = body.next() => match next {
                Some(Ok(bytes)) => {
                    for frame in frames.push(&bytes) {
                        if stalled {
                            continue;
                        }
                        sequence += 1;
                        if write_frame(&mut socket, &frame, noise, global, sequence).await.is_err() {
                            return;
                        }
                    }
                }
                // The server's stream broke: break the client's too.
                Some(Err(_)) => return reset(socket),
                None => {
                    let _ = socket.write_all(wire::LAST_CHUNK).await;
                    return;
                }
            },
            changed = changes.changed() => if changed.is_err() { return },
            () = tokio::time::sleep_until(cut_at) => {}
            // The client sends nothing more on this connection: any answer means it left.
            _ = socket.read(&mut scratch) => return,
        }
    }
}

async fn write_frame(
    socket: &mut TcpStream,
    frame: &[u8],
    noise: Noise,
    global: bool,
    sequence: u64,
) -> std::io::Result<()> {
    if noise.split_frames {
        for piece in wire::split_pieces(frame) {
            socket.write_all(&wire::chunk(piece)).await?;
            // Apart in time, so the client reads them separately.
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    } else {
        socket.write_all(&wire::chunk(frame)).await?;
    }
    if noise.comments {
        socket
            .write_all(&wire::chunk(&wire::comment(sequence)))
            .await?;
    }
    if noise.malformed {
        socket
            .write_all(&wire::chunk(wire::MALFORMED_FRAME))
            .await?;
    }
    if noise.unknown_kinds {
        let event = wire::unknown_event(sequence, global);
        socket.write_all(&wire::chunk(&event)).await?;
    }
    Ok(())
}

/// Closes with a TCP reset, as a dead or refusing server would.
fn reset(socket: TcpStream) {
    let _ = socket.set_zero_linger();
    drop(socket);
}

async fn write_plain(
    socket: &mut TcpStream,
    status: StatusCode,
    body: String,
) -> std::io::Result<()> {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let mut out = wire::response_head(status, &headers, Framing::Length(body.len()));
    out.extend_from_slice(body.as_bytes());
    socket.write_all(&out).await?;
    socket.shutdown().await
}

/// One `/__fault/<command>?<query>` request; answers with the stats as JSON.
fn control(shared: &Shared, command: &str, query: &str) -> (StatusCode, String) {
    let number = |key: &str| {
        wire::query_pairs(query)
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.parse::<u64>().ok())
    };
    let has = |key: &str| wire::query_pairs(query).any(|(k, v)| k == key && v != "0");
    match command {
        "noise" => {
            let mut noise = Noise {
                malformed: has("malformed"),
                unknown_kinds: has("unknown"),
                comments: has("comments"),
                split_frames: has("split"),
            };
            if noise == Noise::default() {
                noise = Noise::all();
            }
            shared.change(|f| f.noise = noise);
        }
        "cut" => match number("after_ms") {
            Some(ms) => shared.change(|f| f.cut_after = Some(Duration::from_millis(ms))),
            None => shared.change(|f| f.cut_epoch += 1),
        },
        "outage" => {
            let Some(ms) = number("ms") else {
                return (StatusCode::BAD_REQUEST, "outage needs ?ms=N\n".into());
            };
            let scope = match wire::query_pairs(query).find(|(k, _)| *k == "scope") {
                Some((_, "all")) => Scope::All,
                _ => Scope::EventStreams,
            };
            shared.outage(scope, Duration::from_millis(ms));
        }
        "stall" => shared.change(|f| f.stalled = true),
        "accept-then-close" => {
            let connected = has("connected");
            shared.change(|f| f.accept_then_close = Some(connected));
        }
        "clear" => shared.clear(),
        "stats" => {}
        _ => return (StatusCode::NOT_FOUND, format!("{CONTROL_HELP}\n")),
    }
    let stats = shared.state().stats;
    let json = serde_json::json!({
        "requests": stats.requests,
        "eventRequests": stats.event_requests,
        "eventStreamsOpen": stats.event_streams_open,
        "refused": stats.refused,
    });
    (StatusCode::OK, format!("{json}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FakeModel, Reply, MAIN_MODEL};
    use serde_json::{json, Value};

    /// The fake model streams `text/event-stream` too: a stand-in upstream that needs no OpenCode.
    async fn proxy_before_model() -> (FakeModel, FaultProxy, reqwest::Client) {
        let model = FakeModel::start().await;
        let upstream = model.base_url().trim_end_matches("/v1").to_owned();
        let proxy = FaultProxy::start_for(&upstream).await.unwrap();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        (model, proxy, http)
    }

    async fn stream_through(proxy: &FaultProxy, http: &reqwest::Client) -> reqwest::Result<String> {
        http.post(format!("{}/v1/chat/completions", proxy.url()))
            .header("accept", "text/event-stream")
            .json(&json!({"model": MAIN_MODEL, "stream": true, "messages": []}))
            .send()
            .await?
            .text()
            .await
    }

    #[tokio::test]
    async fn streams_pass_with_the_noise_asked_for_over_the_control_path_and_outages_reset() {
        let (model, proxy, http) = proxy_before_model().await;
        model.push(Reply::chunks(["Grüße ", "aus ", "dem Proxy"], 0));
        let control = format!("{}/__fault/noise?comments&malformed&split", proxy.url());
        let answer = http.post(control).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);

        let body = stream_through(&proxy, &http).await.unwrap();
        let noise = std::str::from_utf8(wire::MALFORMED_FRAME).unwrap();
        let real = body.matches("data: ").count() - body.matches(noise).count();
        assert!(real >= 4, "{body}");
        assert_eq!(body.matches(noise).count(), real, "{body}");
        assert!(body.contains(": fault-proxy comment 1\n"), "{body}");
        assert!(
            !body.contains(UNKNOWN_KIND),
            "only the noise asked for: {body}"
        );
        for piece in ["Grüße ", "aus ", "dem Proxy", "data: [DONE]\n\n"] {
            assert!(body.contains(piece), "{piece:?} in {body}");
        }

        proxy.outage(Scope::All, Duration::from_secs(30));
        assert!(stream_through(&proxy, &http).await.is_err(), "reset");
        let stats: Value = http
            .get(format!("{}/__fault/stats", proxy.url()))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            stats,
            json!({"requests": 2, "eventRequests": 2, "eventStreamsOpen": 0, "refused": 1})
        );
        assert_eq!(
            model.request_count(),
            1,
            "the refused request never reached the model"
        );
    }

    #[tokio::test]
    async fn a_stream_closed_after_its_first_frame_and_a_cut_one_end_at_once() {
        let (model, proxy, http) = proxy_before_model().await;
        model.push(Reply::chunks(["one ", "two ", "three"], 0));
        proxy.accept_then_close(true);
        let body = stream_through(&proxy, &http).await.unwrap();
        assert_eq!(body.matches("data: ").count(), 1, "{body}");

        proxy.clear();
        model.push(Reply::slow(["never ", "ends"], 0));
        let response = http
            .post(format!("{}/v1/chat/completions", proxy.url()))
            .json(&json!({"model": MAIN_MODEL, "stream": true, "messages": []}))
            .header("accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        assert!(
            proxy
                .wait_for(Duration::from_secs(5), |s| s.event_streams_open == 1)
                .await
        );
        proxy.cut_streams();
        let cut = tokio::time::timeout(Duration::from_secs(5), response.text()).await;
        assert!(
            matches!(cut, Ok(Err(_))),
            "a reset, not a clean end: {cut:?}"
        );
        assert!(
            proxy
                .wait_for(Duration::from_secs(5), |s| s.event_streams_open == 0)
                .await
        );
    }
}
