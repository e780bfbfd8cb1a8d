//! A terminal's live connection: the websocket `GET /pty/{id}/connect`, kept open across cuts.
//!
//! The socket is Rust's alone (the password never reaches a web view). It reads the terminal's
//! output as text, writes keystrokes, and when the socket drops it asks the server what became of
//! the terminal: gone (`Closed`), its process ended (`Exited`), or still there (reconnect with
//! backoff, asking for what was missed from the last cursor the server gave). Keystrokes typed
//! while it is down are kept and sent once it is back, so none is lost.
//!
//! Frames (`frame.rs`) are classified by a pure function; this file only moves them.

mod frame;

pub use frame::{classify, Frame, Utf8Stream};

use crate::events::stream::Backoff;
use crate::{Client, Error};
use futures_util::{SinkExt, StreamExt};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

/// What a terminal's connection reports, in order.
#[derive(Debug)]
pub enum PtyItem {
    /// The socket is live. `replayed`: this is a reconnect, and what the terminal wrote while the
    /// socket was down has been asked for again (from the last cursor).
    Connected { replayed: bool },
    /// Output, as text (split UTF-8 sequences are joined before they are passed on).
    Output(String),
    /// The socket dropped; the next attempt is in `retry_in`.
    Reconnecting { retry_in: Duration, error: Error },
    /// The terminal's process ended; nothing follows.
    Exited { exit_code: Option<f64> },
    /// The terminal is gone (ended by someone, unknown to the server) or cannot be reached with
    /// these credentials; nothing follows.
    Closed { reason: String },
}

#[derive(Debug, Clone, Copy)]
pub struct PtyOptions {
    pub backoff: Backoff,
    /// A connection that stayed up this long starts the backoff over.
    pub proven_after: Duration,
    /// Keystrokes kept while the socket is down, in bytes; beyond it the oldest go.
    pub pending_input_limit: usize,
    /// A ping goes out when the socket has been quiet this long; a socket quiet for twice as long
    /// is dead (the server answers pings; a stalled path answers nothing).
    pub keepalive: Duration,
    /// Output items waiting for the consumer; a slow consumer slows the reading (and so the
    /// terminal), it never loses output.
    pub queue: usize,
}

impl Default for PtyOptions {
    fn default() -> Self {
        PtyOptions {
            backoff: Backoff {
                initial: Duration::from_millis(250),
                max: Duration::from_secs(2),
            },
            proven_after: Duration::from_secs(5),
            pending_input_limit: 64 * 1024,
            keepalive: Duration::from_secs(10),
            queue: 64,
        }
    }
}

/// Writes to a terminal; dropping every handle (and the receiver) ends the connection.
#[derive(Debug, Clone)]
pub struct PtyInput {
    tx: mpsc::UnboundedSender<String>,
}

impl PtyInput {
    /// Sends keystrokes (as xterm.js gives them); false once the connection has ended.
    pub fn write(&self, data: impl Into<String>) -> bool {
        self.tx.send(data.into()).is_ok()
    }
}

/// Opens terminal `id`'s connection: its items arrive on the receiver until it ends or the
/// receiver is dropped (which closes the socket at once).
///
/// `source` holds the server's current client, as for the event hub: a server restarted on a new
/// port is followed there (where it no longer knows the terminal: `Closed`), and a source that
/// ends (the server is gone for good) ends the terminal. `directory` is the project the terminal
/// was made in, whatever project the source's client is about later.
pub fn connect(
    source: watch::Receiver<Option<Client>>,
    directory: Option<String>,
    id: impl Into<String>,
    options: PtyOptions,
) -> (PtyInput, mpsc::Receiver<PtyItem>) {
    let (input_tx, input_rx) = mpsc::unbounded_channel();
    let (items_tx, items_rx) = mpsc::channel(options.queue.max(1));
    let connection = Connection {
        source,
        directory,
        id: id.into(),
        options,
        items: items_tx,
        input: input_rx,
        pending: VecDeque::new(),
        pending_bytes: 0,
        cursor: None,
        last_url: String::new(),
    };
    tokio::spawn(connection.run());
    (PtyInput { tx: input_tx }, items_rx)
}

struct Connection {
    source: watch::Receiver<Option<Client>>,
    directory: Option<String>,
    id: String,
    options: PtyOptions,
    items: mpsc::Sender<PtyItem>,
    input: mpsc::UnboundedReceiver<String>,
    /// Keystrokes not yet sent (typed while the socket was down).
    pending: VecDeque<String>,
    pending_bytes: usize,
    /// Where the output read so far ends, in the server's count (UTF-16 units); `None` until it
    /// first says.
    cursor: Option<u64>,
    /// The server's address when it was last known, for saying where it cannot be reached.
    last_url: String,
}

/// Why one socket's life ended.
enum Ended {
    /// The consumer is gone: stop, quietly.
    Dropped,
    /// The socket dropped (or never opened) for this reason.
    Lost(Error),
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

impl Connection {
    async fn run(mut self) {
        let mut attempt = 0u32;
        let mut connected_before = false;
        // The server could not be reached since the terminal was last connected: a terminal it
        // no longer knows then ended with it (a restart), not by its shell or a close.
        let mut server_went_away = false;
        loop {
            let Some(client) = self.client() else {
                // The server is restarting (or not ready yet): wait for its new address.
                server_went_away = connected_before;
                let retry_in = self.options.backoff.jittered(attempt);
                attempt = attempt.saturating_add(1);
                // Said with the address it was last reached at: an empty one reads as a bug.
                let error = Error::Unreachable {
                    url: self.last_url.clone(),
                    reason: "the server is not running".into(),
                };
                if !self.emit(PtyItem::Reconnecting { retry_in, error }).await
                    || !self.wait(retry_in).await
                {
                    return;
                }
                if self.source.has_changed().is_err() {
                    self.emit(PtyItem::Closed {
                        reason: "The terminal's server is gone.".into(),
                    })
                    .await;
                    return;
                }
                continue;
            };
            self.last_url = client.display_url();
            let ended = match self.open(&client).await {
                Ok(socket) => {
                    let since = tokio::time::Instant::now();
                    let replayed = connected_before;
                    connected_before = true;
                    server_went_away = false;
                    if !self.emit(PtyItem::Connected { replayed }).await {
                        return;
                    }
                    let ended = self.serve(&client, socket).await;
                    if since.elapsed() >= self.options.proven_after {
                        attempt = 0;
                    }
                    ended
                }
                Err(error) => Ended::Lost(error),
            };
            let Ended::Lost(error) = ended else { return };
            // The socket says little about why it closed; the server's record of the terminal
            // says whether there is anything to reconnect to.
            match client.pty(&self.id).await {
                Ok(pty) if pty.status == crate::types::PtyStatus::Exited => {
                    self.emit(PtyItem::Exited {
                        exit_code: pty.exit_code,
                    })
                    .await;
                    return;
                }
                // 1.18.33 forgets a terminal as soon as its shell exits (no `exited` status
                // is ever listed), so "not found" also covers `exit` typed in it.
                Err(Error::NotFound { .. }) => {
                    let reason = if server_went_away {
                        "The server restarted, and this terminal ended with it: open a new one."
                    } else {
                        "The terminal has ended: its shell exited, or it was closed."
                    };
                    self.emit(PtyItem::Closed {
                        reason: reason.into(),
                    })
                    .await;
                    return;
                }
                Err(Error::Unreachable { .. }) => server_went_away = connected_before,
                Err(Error::Unauthorized { url }) => {
                    self.emit(PtyItem::Closed {
                        reason: Error::Unauthorized { url }.to_string(),
                    })
                    .await;
                    return;
                }
                _ => {}
            }
            let retry_in = self.options.backoff.jittered(attempt);
            attempt = attempt.saturating_add(1);
            if !self.emit(PtyItem::Reconnecting { retry_in, error }).await {
                return;
            }
            if !self.wait(retry_in).await {
                return;
            }
        }
    }

    /// The server's current client, about the terminal's project.
    fn client(&self) -> Option<Client> {
        let client = self.source.borrow().clone()?;
        Some(match &self.directory {
            Some(directory) => client.for_directory(directory.clone()),
            None => client,
        })
    }

    /// Sends an item; false when the consumer is gone.
    async fn emit(&self, item: PtyItem) -> bool {
        self.items.send(item).await.is_ok()
    }

    /// Waits `delay`, keeping keystrokes typed meanwhile; false when the consumer is gone.
    async fn wait(&mut self, delay: Duration) -> bool {
        let sleep = tokio::time::sleep(delay);
        tokio::pin!(sleep);
        loop {
            tokio::select! {
                _ = &mut sleep => return true,
                _ = self.items.closed() => return false,
                typed = self.input.recv() => match typed {
                    Some(data) => self.keep(data),
                    None => return false,
                },
            }
        }
    }

    fn keep(&mut self, data: String) {
        self.pending_bytes += data.len();
        self.pending.push_back(data);
        while self.pending_bytes > self.options.pending_input_limit {
            match self.pending.pop_front() {
                Some(old) => self.pending_bytes -= old.len(),
                None => break,
            }
        }
    }

    /// Connects the websocket, with Basic auth on the upgrade request; a server that wants a
    /// ticket instead (403) gets one from `POST /pty/{id}/connect-token`.
    async fn open(&self, client: &Client) -> Result<Socket, Error> {
        match self.handshake(client, None).await {
            Err(HandshakeError::Refused(403)) => {
                let ticket = client.pty_ticket(&self.id).await?;
                self.handshake(client, Some(&ticket.ticket))
                    .await
                    .map_err(|e| e.into_error(client))
            }
            other => other.map_err(|e| e.into_error(client)),
        }
    }

    async fn handshake(
        &self,
        client: &Client,
        ticket: Option<&str>,
    ) -> Result<Socket, HandshakeError> {
        let mut url = client.url_for(&format!("/pty/{}/connect", crate::api::seg(&self.id)));
        let scheme = if url.scheme() == "https" { "wss" } else { "ws" };
        // Both are http(s) URLs, so the scheme always changes.
        let _ = url.set_scheme(scheme);
        {
            let mut query = url.query_pairs_mut();
            if let Some(directory) = client.directory() {
                query.append_pair("directory", directory);
            }
            if let Some(cursor) = self.cursor {
                query.append_pair("cursor", &cursor.to_string());
            }
            if let Some(ticket) = ticket {
                query.append_pair("ticket", ticket);
            }
        }
        let mut request = url
            .as_str()
            .into_client_request()
            .map_err(|e| HandshakeError::Other(e.to_string()))?;
        for (name, value) in client.headers().iter() {
            if name != reqwest::header::ACCEPT {
                if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
                    if let Ok(name) =
                        tungstenite::http::HeaderName::from_bytes(name.as_str().as_bytes())
                    {
                        request.headers_mut().insert(name, value);
                    }
                }
            }
        }
        let connecting = tokio_tungstenite::connect_async(request);
        match tokio::time::timeout(Duration::from_secs(10), connecting).await {
            Err(_) => Err(HandshakeError::Other(
                "no answer to the websocket upgrade within 10 s".into(),
            )),
            Ok(Ok((socket, _response))) => Ok(socket),
            Ok(Err(tungstenite::Error::Http(response))) => {
                Err(HandshakeError::Refused(response.status().as_u16()))
            }
            Ok(Err(e)) => Err(HandshakeError::Other(e.to_string())),
        }
    }

    /// Carries one socket's traffic until it ends.
    async fn serve(&mut self, client: &Client, socket: Socket) -> Ended {
        let (mut sink, mut stream) = socket.split();
        let mut text = Utf8Stream::default();
        // What was typed while down goes first, in order.
        while let Some(data) = self.pending.pop_front() {
            self.pending_bytes -= data.len();
            if let Err(e) = sink.send(tungstenite::Message::text(data.clone())).await {
                self.pending.push_front(data);
                self.pending_bytes += self.pending.front().map_or(0, String::len);
                return Ended::Lost(socket_error(client, e));
            }
        }
        let mut heard = tokio::time::Instant::now();
        let mut check = tokio::time::interval(self.options.keepalive);
        check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = check.tick() => {
                    let quiet = heard.elapsed();
                    if quiet >= self.options.keepalive * 2 {
                        return Ended::Lost(Error::Timeout {
                            url: client.display_url(),
                            after: quiet,
                        });
                    }
                    if quiet >= self.options.keepalive {
                        let _ = sink.send(tungstenite::Message::Ping(bytes::Bytes::new())).await;
                    }
                }
                frame = stream.next() => {
                    heard = tokio::time::Instant::now();
                    let message = match frame {
                        Some(Ok(message)) => message,
                        Some(Err(e)) => return Ended::Lost(socket_error(client, e)),
                        None => return Ended::Lost(closed_error(client, None)),
                    };
                    match classify(message, &mut text) {
                        Frame::Output(output) => {
                            // The server counts its output in UTF-16 units (JavaScript string
                            // length) and says the cursor only on connect: count on from there.
                            if let Some(cursor) = &mut self.cursor {
                                *cursor += output.encode_utf16().count() as u64;
                            }
                            if !output.is_empty() && !self.emit(PtyItem::Output(output)).await {
                                let _ = sink.close().await;
                                return Ended::Dropped;
                            }
                        }
                        Frame::Cursor(cursor) => self.cursor = Some(cursor),
                        Frame::Ping(payload) => {
                            let _ = sink.send(tungstenite::Message::Pong(payload)).await;
                        }
                        Frame::Close(reason) => return Ended::Lost(closed_error(client, reason)),
                        Frame::Ignored => {}
                    }
                }
                typed = self.input.recv() => match typed {
                    Some(data) => {
                        if let Err(e) = sink.send(tungstenite::Message::text(data.clone())).await {
                            self.keep(data);
                            return Ended::Lost(socket_error(client, e));
                        }
                    }
                    None => {
                        let _ = sink.close().await;
                        return Ended::Dropped;
                    }
                },
                _ = self.items.closed() => {
                    let _ = sink.close().await;
                    return Ended::Dropped;
                }
            }
        }
    }
}

enum HandshakeError {
    /// The server answered the upgrade with this HTTP status instead.
    Refused(u16),
    Other(String),
}

impl HandshakeError {
    fn into_error(self, client: &Client) -> Error {
        let url = client.display_url();
        match self {
            HandshakeError::Refused(401) => Error::Unauthorized { url },
            HandshakeError::Refused(404) => Error::NotFound {
                path: "/pty/{id}/connect".into(),
                message: "the server has no such terminal".into(),
            },
            HandshakeError::Refused(status) => Error::Api {
                status,
                path: "/pty/{id}/connect".into(),
                message: "the terminal's websocket was refused".into(),
            },
            HandshakeError::Other(reason) => Error::Unreachable { url, reason },
        }
    }
}

fn socket_error(client: &Client, error: tungstenite::Error) -> Error {
    use tungstenite::error::ProtocolError;
    let reason = match &error {
        // A server killed or a network gone: said plainly, not as a protocol fault.
        tungstenite::Error::Io(_)
        | tungstenite::Error::ConnectionClosed
        | tungstenite::Error::AlreadyClosed
        | tungstenite::Error::Protocol(ProtocolError::ResetWithoutClosingHandshake) => {
            "the terminal's connection was cut".to_string()
        }
        other => format!("the terminal's connection broke: {other}"),
    };
    Error::Unreachable {
        url: client.display_url(),
        reason,
    }
}

fn closed_error(client: &Client, reason: Option<String>) -> Error {
    Error::Unreachable {
        url: client.display_url(),
        reason: match reason {
            Some(reason) if !reason.is_empty() => {
                format!("the server closed the terminal's connection ({reason})")
            }
            _ => "the server closed the terminal's connection".into(),
        },
    }
}
