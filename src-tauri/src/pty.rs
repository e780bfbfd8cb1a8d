//! The terminal panel's connections: each attachment is one terminal's websocket
//! (`opencode_client::pty`) carried to one window in per-frame batches, like the event stream
//! (`event_pump`), kept in a `ByWindow` registry: ended by `pty_detach`, or with every
//! attachment of a window that closes.
//!
//! A frame's output crosses as raw bytes (`PtyOutput`: an `ArrayBuffer` in the page, which
//! xterm.js decodes itself, a character split across frames included), the rest as typed
//! `PtyEvent`s on a channel of their own: a flood's output is neither serialised to JSON here
//! nor parsed and sliced as strings in the page.
//!
//! Flow control: output goes to the window only while less than `IN_FLIGHT` of it waits there
//! unwritten; the window acknowledges what xterm.js has written (`pty_ack`). A fast program
//! (`yes`) is then slowed at its source (the socket, the server's terminal) instead of filling
//! the web view's memory and queueing seconds of work ahead of the user's keystrokes.

use crate::by_window::{ByWindow, Ends, HandleId};
use crate::event_pump::{pump_batches, Batcher};
use futures_util::Stream;
use opencode_client::pty::{PtyInput, PtyItem};
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tauri::async_runtime::JoinHandle;
use tauri::ipc::{InvokeResponseBody, IpcResponse};
use tokio::sync::{mpsc, Notify};

/// Names a window's attachment across IPC.
pub type AttachmentId = HandleId;

/// Output sent to a window and not yet acknowledged, in bytes: a few frames' worth of xterm.js
/// parsing in WebKitGTK (about 30 K a frame here).
pub const IN_FLIGHT: usize = 128 * 1024;

/// What an attachment says besides output.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PtyEvent {
    /// The socket is live; `replayed`: after a reconnect, what was missed was asked for again.
    Connected { replayed: bool },
    /// The socket dropped; the next try is in `retry_in_ms`.
    Reconnecting {
        #[serde(rename = "retryInMs")]
        retry_in_ms: u32,
        reason: String,
    },
    /// The terminal's process ended; nothing follows.
    Exited {
        #[serde(rename = "exitCode")]
        exit_code: Option<f64>,
    },
    /// The terminal is gone; nothing follows.
    Closed { reason: String },
}

/// What the terminal wrote in one frame, UTF-8 as the server sent it, to write to the screen as
/// is. Crosses as raw bytes: an `ArrayBuffer` in the page, not JSON.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PtyOutput(pub Vec<u8>);

impl IpcResponse for PtyOutput {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

impl specta::Type for PtyOutput {
    fn definition(_: &mut specta::Types) -> specta::datatype::DataType {
        specta::datatype::DataType::Reference(specta_typescript::define("ArrayBuffer"))
    }
}

/// One frame of an attachment: its output joined, and its events in order.
#[derive(Debug, Default, PartialEq)]
pub struct PtyFrame {
    pub output: Vec<u8>,
    pub events: Vec<PtyEvent>,
}

/// Gathers a frame's items into one `PtyFrame`.
#[derive(Default)]
pub struct OutputBatch {
    frame: PtyFrame,
}

impl Batcher for OutputBatch {
    type Item = PtyItem;
    type Message = PtyFrame;

    fn push(&mut self, item: PtyItem) {
        let event = match item {
            PtyItem::Output(data) => {
                if self.frame.output.is_empty() {
                    self.frame.output = data.into_bytes();
                } else {
                    self.frame.output.extend_from_slice(data.as_bytes());
                }
                return;
            }
            PtyItem::Connected { replayed } => PtyEvent::Connected { replayed },
            PtyItem::Reconnecting { retry_in, error } => PtyEvent::Reconnecting {
                retry_in_ms: u32::try_from(retry_in.as_millis()).unwrap_or(u32::MAX),
                reason: error.to_string(),
            },
            PtyItem::Exited { exit_code } => PtyEvent::Exited { exit_code },
            PtyItem::Closed { reason } => PtyEvent::Closed { reason },
        };
        self.frame.events.push(event);
    }

    fn take(&mut self) -> Vec<PtyFrame> {
        let frame = std::mem::take(&mut self.frame);
        if frame.output.is_empty() && frame.events.is_empty() {
            Vec::new()
        } else {
            vec![frame]
        }
    }
}

/// How much output a window has not acknowledged yet.
#[derive(Default)]
pub struct Flow {
    unacked: AtomicUsize,
    acked: Notify,
}

impl Flow {
    pub fn ack(&self, bytes: usize) {
        // Never below zero: a confused window must not buy unlimited credit.
        let _ = self
            .unacked
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                Some(n.saturating_sub(bytes))
            });
        self.acked.notify_waiters();
    }

    /// Waits until less than `IN_FLIGHT` is unacknowledged, then counts `bytes` as sent.
    async fn reserve(&self, bytes: usize) {
        loop {
            let notified = self.acked.notified();
            if self.unacked.load(Ordering::Acquire) < IN_FLIGHT {
                self.unacked.fetch_add(bytes, Ordering::AcqRel);
                return;
            }
            notified.await;
        }
    }
}

/// A connection's items as a stream that holds output back while the window is behind.
pub fn paced(
    rx: mpsc::Receiver<PtyItem>,
    flow: Arc<Flow>,
) -> impl Stream<Item = PtyItem> + Unpin + Send {
    Box::pin(futures_util::stream::unfold(
        (rx, flow),
        |(mut rx, flow)| async move {
            let item = rx.recv().await?;
            if let PtyItem::Output(data) = &item {
                flow.reserve(data.len()).await;
            }
            Some((item, (rx, flow)))
        },
    ))
}

/// Carries a connection to a window until either ends: each frame's output to `output`, its
/// events to `events` (false from either: the window is gone). The two go to separate channels,
/// so the page may hear a frame's events before its output; nothing there depends on the order.
pub async fn carry(
    rx: mpsc::Receiver<PtyItem>,
    flow: Arc<Flow>,
    mut output: impl FnMut(PtyOutput) -> bool,
    mut events: impl FnMut(Vec<PtyEvent>) -> bool,
) {
    pump_batches(paced(rx, flow), OutputBatch::default(), |frames| {
        frames.into_iter().all(|frame| {
            (frame.output.is_empty() || output(PtyOutput(frame.output)))
                && (frame.events.is_empty() || events(frame.events))
        })
    })
    .await;
}

/// A window's connection to one terminal, kept in a `ByWindow` registry.
pub struct Attachment {
    pub input: PtyInput,
    pub flow: Arc<Flow>,
    pub carrier: JoinHandle<()>,
}

impl Ends for Attachment {
    fn end(self) {
        // The carrier owns the connection's receiver: dropped, it closes the socket.
        self.carrier.abort();
    }
}

pub type Attachments = ByWindow<Attachment>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Carries `rx` to lists of what each channel was sent, acknowledging nothing.
    async fn carried(rx: mpsc::Receiver<PtyItem>) -> (Vec<Vec<u8>>, Vec<Vec<PtyEvent>>) {
        let (mut outputs, mut events) = (Vec::new(), Vec::new());
        carry(
            rx,
            Arc::default(),
            |output| {
                outputs.push(output.0);
                true
            },
            |batch| {
                events.push(batch);
                true
            },
        )
        .await;
        (outputs, events)
    }

    #[tokio::test(start_paused = true)]
    async fn output_within_a_frame_is_one_piece_of_bytes_and_events_keep_their_order() {
        let (tx, rx) = mpsc::channel(16);
        tx.send(PtyItem::Connected { replayed: false })
            .await
            .unwrap();
        tx.send(PtyItem::Output("desk-".into())).await.unwrap();
        tx.send(PtyItem::Output("42 é\r\n".into())).await.unwrap();
        tx.send(PtyItem::Exited {
            exit_code: Some(0.0),
        })
        .await
        .unwrap();
        drop(tx);
        let (outputs, events) = carried(rx).await;
        assert_eq!(outputs, vec!["desk-42 é\r\n".as_bytes().to_vec()]);
        assert_eq!(
            events.concat(),
            vec![
                PtyEvent::Connected { replayed: false },
                PtyEvent::Exited {
                    exit_code: Some(0.0)
                },
            ]
        );
    }

    /// A carrier that counts the output bytes it sent the window, which acknowledges only when
    /// the test says so (`flow.ack`).
    struct Counting {
        tx: mpsc::Sender<PtyItem>,
        flow: Arc<Flow>,
        sent: Arc<AtomicUsize>,
        carrier: tokio::task::JoinHandle<()>,
    }

    fn counting() -> Counting {
        let (tx, rx) = mpsc::channel(4);
        let flow = Arc::new(Flow::default());
        let sent = Arc::new(AtomicUsize::new(0));
        let counted = sent.clone();
        let carrier = tokio::spawn(carry(
            rx,
            flow.clone(),
            move |output| {
                counted.fetch_add(output.0.len(), Ordering::SeqCst);
                true
            },
            |_| true,
        ));
        Counting {
            tx,
            flow,
            sent,
            carrier,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn output_waits_while_the_window_is_behind_and_goes_on_when_it_acknowledges() {
        let Counting {
            tx,
            flow,
            sent,
            carrier,
        } = counting();
        let chunk = "y\n".repeat(IN_FLIGHT / 2);
        for _ in 0..3 {
            tx.send(PtyItem::Output(chunk.clone())).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        // The first chunk fills the window's allowance; the rest waits for an acknowledgement.
        assert_eq!(sent.load(Ordering::SeqCst), chunk.len());
        flow.ack(chunk.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(sent.load(Ordering::SeqCst), 2 * chunk.len());
        flow.ack(usize::MAX);
        drop(tx);
        carrier.await.unwrap();
        assert_eq!(sent.load(Ordering::SeqCst), 3 * chunk.len());
    }

    #[tokio::test(start_paused = true)]
    async fn the_allowance_is_counted_in_bytes_as_the_window_acknowledges_them() {
        // Half the allowance in characters, all of it in bytes: the page acknowledges bytes, so
        // counting characters here would let twice the allowance wait in the page.
        let Counting {
            tx,
            flow,
            sent,
            carrier,
        } = counting();
        let chunk = "é".repeat(IN_FLIGHT / 2);
        assert_eq!(chunk.len(), IN_FLIGHT);
        tx.send(PtyItem::Output(chunk.clone())).await.unwrap();
        tx.send(PtyItem::Output(chunk.clone())).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(sent.load(Ordering::SeqCst), chunk.len());
        flow.ack(chunk.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(sent.load(Ordering::SeqCst), 2 * chunk.len());
        drop(tx);
        flow.ack(usize::MAX);
        carrier.await.unwrap();
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_real_terminals_multi_byte_output_reaches_the_window_as_its_utf8_bytes() {
        let model = testkit::FakeModel::start().await;
        let server = testkit::TestServer::start(&model).await.expect("server");
        let client = crate::test_support::client(&server);
        let pty = client
            .create_pty(&opencode_client::types::PtyCreate {
                cwd: client.directory().map(str::to_owned),
                ..Default::default()
            })
            .await
            .expect("a terminal");
        let (_keep, source) = tokio::sync::watch::channel(Some(client.clone()));
        let (input, items) = opencode_client::pty::connect(
            source,
            client.directory().map(str::to_owned),
            pty.id.clone(),
            Default::default(),
        );
        let flow = Arc::new(Flow::default());
        let (tx, mut outputs) = mpsc::unbounded_channel();
        let acks = flow.clone();
        let carrier = tokio::spawn(carry(
            items,
            flow,
            move |output| {
                // The window writes at once: everything is acknowledged as it arrives.
                acks.ack(output.0.len());
                tx.send(output.0).is_ok()
            },
            |_| true,
        ));
        // 27 KB of two-, three- and four-byte characters: the server's reads and frames, and
        // the batches, end where they will, inside characters too.
        let word = "é€😀";
        input.write(format!(
            "printf '{word}%.0s' $(seq 1 3000); echo; echo desk-$((6*7))\r"
        ));
        let mut bytes = Vec::new();
        let expected = word.repeat(3000);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while !String::from_utf8_lossy(&bytes).contains("desk-42") {
            match tokio::time::timeout_at(deadline, outputs.recv()).await {
                Ok(Some(more)) => bytes.extend(more),
                _ => panic!("no desk-42; so far {:?}", String::from_utf8_lossy(&bytes)),
            }
        }
        carrier.abort();
        let _ = client.remove_pty(&pty.id).await;
        let text = String::from_utf8(bytes).expect("the bytes are UTF-8 throughout");
        assert!(text.contains(&expected), "every character whole, in order");
    }

    #[test]
    fn output_crosses_as_raw_bytes_not_json() {
        let body = PtyOutput("é\r\n".as_bytes().to_vec()).body().unwrap();
        assert!(
            matches!(&body, InvokeResponseBody::Raw(bytes) if bytes == "é\r\n".as_bytes()),
            "{body:?}"
        );
    }

    #[test]
    fn events_reach_typescript_in_the_contracts_shape() {
        let json = serde_json::to_value(PtyEvent::Reconnecting {
            retry_in_ms: 500,
            reason: "cut".into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "reconnecting", "retryInMs": 500, "reason": "cut"})
        );
        let json = serde_json::to_value(PtyEvent::Exited { exit_code: None }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "exited", "exitCode": null})
        );
    }
}
