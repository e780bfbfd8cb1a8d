//! The live event stream: connect, watch for silence, reconnect with capped backoff, and tell
//! the consumer when it must resync.
//!
//! The server heartbeats every 10 s and cannot replay what a client missed. So a stream that is
//! silent past `heartbeat_timeout` (15 s) is treated as dead even if the socket looks open, and
//! every connection after the first is announced as `Connected { resync: true }` (with its first
//! frame, the server's `server.connected`, not its headers): the consumer must refetch what it
//! shows. Events are handed over in order through a bounded channel; a slow
//! consumer slows the reading (nothing is dropped). The reading task ends as soon as the
//! `EventStream` is dropped.
//!
//! The backoff starts over only once a connection has proven itself (it stayed up
//! `proven_after`, or delivered a real event): a server or proxy that accepts and at once closes
//! would otherwise cause a reconnect, and the consumer a full refetch, every 250 ms forever.
//! Each wait is jittered so many clients of one restarted server do not knock in step.

use super::event::{GlobalEvent, ServerEvent};
use super::sse::{SseItem, SseParser};
use crate::client::{check_status, transport_error, Client};
use crate::Error;
use futures_util::StreamExt;
use reqwest::header::{HeaderValue, ACCEPT, CACHE_CONTROL};
use reqwest::Method;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What the stream yields.
#[derive(Debug)]
pub enum StreamItem<E> {
    /// The stream is (again) live. `resync` is true after a reconnect: events may have been
    /// missed, so refetch what is on screen.
    Connected {
        resync: bool,
    },
    Event(E),
    /// The stream dropped. `retry_in` is when the next attempt starts; `None` means it gave up
    /// (wrong password: retrying cannot help).
    Disconnected {
        error: Error,
        retry_in: Option<Duration>,
    },
}

/// Exponential backoff between reconnect attempts, capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub initial: Duration,
    pub max: Duration,
}

impl Backoff {
    /// The wait before attempt `attempt` (0-based): initial, 2×, 4×... up to `max`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(16));
        self.initial.saturating_mul(factor).min(self.max)
    }

    /// `delay(attempt)` drawn at random from its upper half: never longer, never under half.
    pub fn jittered(&self, attempt: u32) -> Duration {
        let full = self.delay(attempt);
        full.mul_f64(rand::random_range(0.5..=1.0))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// No byte for this long means the stream is dead. Two missed heartbeats and a margin.
    pub heartbeat_timeout: Duration,
    pub backoff: Backoff,
    /// A connection that stays up this long (or delivers a real event) has proven itself: the
    /// backoff starts over after it ends. One that fails sooner keeps the backoff growing.
    pub proven_after: Duration,
    /// Events buffered between the reading task and the consumer.
    pub buffer: usize,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            // The server beats every 10 s: silence past 15 s is a stall, noticed within 15 s.
            heartbeat_timeout: Duration::from_secs(15),
            // Capped at 2 s so the view is whole again within about 2 s of the server coming
            // back; a knock every 2 s on a loopback port costs nothing.
            backoff: Backoff {
                initial: Duration::from_millis(250),
                max: Duration::from_secs(2),
            },
            proven_after: Duration::from_secs(5),
            buffer: 1024,
        }
    }
}

/// Turns one frame's data into the stream's event type; total, like the decoders it wraps.
pub trait DecodeEvent: Send + 'static {
    fn decode(data: &str) -> Self;
    fn oversized(bytes: usize) -> Self;
    /// Whether this event shows the connection works: anything but the greeting and heartbeats
    /// (a proxy that accepts and closes may well send those).
    fn proves_connection(&self) -> bool;
}

impl DecodeEvent for ServerEvent {
    fn decode(data: &str) -> Self {
        ServerEvent::from_json(data)
    }
    fn proves_connection(&self) -> bool {
        !matches!(
            self,
            ServerEvent::ServerConnected {} | ServerEvent::ServerHeartbeat {}
        )
    }
    fn oversized(bytes: usize) -> Self {
        ServerEvent::Malformed {
            kind: String::new(),
            error: format!("an event of {bytes} bytes was too large and was skipped"),
        }
    }
}

impl DecodeEvent for GlobalEvent {
    fn decode(data: &str) -> Self {
        GlobalEvent::from_json(data)
    }
    fn proves_connection(&self) -> bool {
        self.event.proves_connection()
    }
    fn oversized(bytes: usize) -> Self {
        GlobalEvent {
            directory: None,
            project: None,
            event: ServerEvent::oversized(bytes),
        }
    }
}

/// A live, self-reconnecting event stream. Dropping it stops the connection.
pub struct EventStream<E> {
    rx: mpsc::Receiver<StreamItem<E>>,
    task: JoinHandle<()>,
}

impl<E> EventStream<E> {
    /// The next item; `None` only after the stream gave up and said why.
    pub async fn next_item(&mut self) -> Option<StreamItem<E>> {
        self.rx.recv().await
    }
}

impl<E> futures_util::Stream for EventStream<E> {
    type Item = StreamItem<E>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}

impl<E> Drop for EventStream<E> {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Client {
    /// Events of this client's project (`GET /event`).
    pub fn event_stream(&self, options: StreamOptions) -> EventStream<ServerEvent> {
        self.open_stream("/event", options)
    }

    /// Events of every project on the server (`GET /global/event`).
    pub fn global_event_stream(&self, options: StreamOptions) -> EventStream<GlobalEvent> {
        self.open_stream("/global/event", options)
    }

    fn open_stream<E: DecodeEvent>(
        &self,
        path: &'static str,
        options: StreamOptions,
    ) -> EventStream<E> {
        let (tx, rx) = mpsc::channel(options.buffer.max(1));
        let task = tokio::spawn(run(self.clone(), path, options, tx));
        EventStream { rx, task }
    }
}

/// Why one connection ended.
enum Ended {
    /// The consumer is gone: stop for good.
    ConsumerGone,
    /// The connection failed; `proven` if it had proven itself first.
    Failed { error: Error, proven: bool },
}

async fn run<E: DecodeEvent>(
    client: Client,
    path: &'static str,
    options: StreamOptions,
    tx: mpsc::Sender<StreamItem<E>>,
) {
    let mut attempt = 0u32;
    let mut connected_before = false;
    loop {
        let error = match connect(&client, path, &options).await {
            Ok(response) => {
                match pump(&client, response, &options, &tx, &mut connected_before).await {
                    Ended::ConsumerGone => return,
                    Ended::Failed { error, proven } => {
                        if proven {
                            attempt = 0;
                        }
                        error
                    }
                }
            }
            Err(error) => error,
        };
        if matches!(error, Error::Unauthorized { .. }) {
            let _ = tx
                .send(StreamItem::Disconnected {
                    error,
                    retry_in: None,
                })
                .await;
            return;
        }
        let delay = options.backoff.jittered(attempt);
        attempt = attempt.saturating_add(1);
        tracing::debug!(path, attempt, ?delay, %error, "event stream down; reconnecting");
        let notice = StreamItem::Disconnected {
            error,
            retry_in: Some(delay),
        };
        if tx.send(notice).await.is_err() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = tx.closed() => return,
        }
    }
}

async fn connect(
    client: &Client,
    path: &str,
    options: &StreamOptions,
) -> Result<reqwest::Response, Error> {
    let request = client
        .http()
        .request(Method::GET, client.url_for(path))
        .headers(client.headers())
        .header(ACCEPT, HeaderValue::from_static("text/event-stream"))
        .header(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // No overall timeout (it is a stream), but the answer's headers must come promptly.
    let response = tokio::time::timeout(options.heartbeat_timeout, request.send())
        .await
        .map_err(|_| Error::Timeout {
            url: client.display_url(),
            after: options.heartbeat_timeout,
        })?
        .map_err(|e| transport_error(client, e, options.heartbeat_timeout))?;
    check_status(client, path, response).await
}

/// Reads one connection until it ends, forwarding every frame as an event.
///
/// The connection is announced (`Connected`) with its first frame, not with the response's
/// headers: a stream that answers and then says nothing (a stalled proxy, one that accepts and
/// closes) is not live, and saying so would send the consumer to refetch for nothing.
async fn pump<E: DecodeEvent>(
    client: &Client,
    response: reqwest::Response,
    options: &StreamOptions,
    tx: &mpsc::Sender<StreamItem<E>>,
    connected_before: &mut bool,
) -> Ended {
    let mut announced = false;
    let mut body = response.bytes_stream();
    let mut parser = SseParser::new();
    let opened = tokio::time::Instant::now();
    let mut delivered = false;
    let failed = |error: Error, delivered: bool| Ended::Failed {
        error,
        proven: delivered || opened.elapsed() >= options.proven_after,
    };
    loop {
        let next = tokio::select! {
            next = tokio::time::timeout(options.heartbeat_timeout, body.next()) => next,
            _ = tx.closed() => return Ended::ConsumerGone,
        };
        let chunk = match next {
            Err(_silent) => {
                return failed(
                    Error::Timeout {
                        url: client.display_url(),
                        after: options.heartbeat_timeout,
                    },
                    delivered,
                )
            }
            Ok(None) => {
                return failed(
                    Error::Unreachable {
                        url: client.display_url(),
                        reason: "the server closed the event stream".into(),
                    },
                    delivered,
                )
            }
            Ok(Some(Err(e))) => {
                return failed(
                    transport_error(client, e, options.heartbeat_timeout),
                    delivered,
                )
            }
            Ok(Some(Ok(chunk))) => chunk,
        };
        for item in parser.push(&chunk) {
            let event = match item {
                SseItem::Frame(frame) => E::decode(&frame.data),
                SseItem::Oversized { bytes } => E::oversized(bytes),
            };
            delivered |= event.proves_connection();
            if !announced {
                announced = true;
                let hello = StreamItem::Connected {
                    resync: std::mem::replace(connected_before, true),
                };
                if tx.send(hello).await.is_err() {
                    return Ended::ConsumerGone;
                }
            }
            if tx.send(StreamItem::Event(event)).await.is_err() {
                return Ended::ConsumerGone;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let backoff = Backoff {
            initial: Duration::from_millis(250),
            max: Duration::from_secs(10),
        };
        assert_eq!(backoff.delay(0), Duration::from_millis(250));
        assert_eq!(backoff.delay(1), Duration::from_millis(500));
        assert_eq!(backoff.delay(3), Duration::from_secs(2));
        assert_eq!(backoff.delay(10), Duration::from_secs(10));
        assert_eq!(backoff.delay(u32::MAX), Duration::from_secs(10));
    }

    #[test]
    fn jitter_stays_in_the_upper_half_of_each_step() {
        let backoff = StreamOptions::default().backoff;
        for attempt in 0..8 {
            let full = backoff.delay(attempt);
            for _ in 0..50 {
                let drawn = backoff.jittered(attempt);
                assert!(drawn <= full && drawn >= full / 2, "{drawn:?} of {full:?}");
            }
        }
    }
}
