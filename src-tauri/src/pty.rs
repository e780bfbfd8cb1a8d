//! The terminal panel's connections: each attachment is one terminal's websocket
//! (`opencode_client::pty`) carried to one window's channel in per-frame batches, like the event
//! stream (`event_pump`), kept in a `ByWindow` registry: ended by `pty_detach`, or with every
//! attachment of a window that closes.
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
use tokio::sync::{mpsc, Notify};

/// Names a window's attachment across IPC.
pub type AttachmentId = HandleId;

/// Output sent to a window and not yet acknowledged, in UTF-16 code units (what JavaScript
/// counts): a few frames' worth of xterm.js parsing in WebKitGTK (about 30 K a frame here).
pub const IN_FLIGHT: usize = 128 * 1024;

/// One message of an attachment's batches.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PtyMessage {
    /// What the terminal wrote, to write to the screen as is.
    Output { data: String },
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

impl From<PtyItem> for PtyMessage {
    fn from(item: PtyItem) -> Self {
        match item {
            PtyItem::Output(data) => PtyMessage::Output { data },
            PtyItem::Connected { replayed } => PtyMessage::Connected { replayed },
            PtyItem::Reconnecting { retry_in, error } => PtyMessage::Reconnecting {
                retry_in_ms: u32::try_from(retry_in.as_millis()).unwrap_or(u32::MAX),
                reason: error.to_string(),
            },
            PtyItem::Exited { exit_code } => PtyMessage::Exited { exit_code },
            PtyItem::Closed { reason } => PtyMessage::Closed { reason },
        }
    }
}

/// Adjacent output within one frame travels as one string.
#[derive(Default)]
pub struct OutputBatch {
    messages: Vec<PtyMessage>,
}

impl Batcher for OutputBatch {
    type Item = PtyItem;
    type Message = PtyMessage;

    fn push(&mut self, item: PtyItem) {
        match (self.messages.last_mut(), item) {
            (Some(PtyMessage::Output { data }), PtyItem::Output(more)) => data.push_str(&more),
            (_, item) => self.messages.push(item.into()),
        }
    }

    fn take(&mut self) -> Vec<PtyMessage> {
        std::mem::take(&mut self.messages)
    }
}

/// How much output a window has not acknowledged yet.
#[derive(Default)]
pub struct Flow {
    unacked: AtomicUsize,
    acked: Notify,
}

impl Flow {
    pub fn ack(&self, units: usize) {
        // Never below zero: a confused window must not buy unlimited credit.
        let _ = self
            .unacked
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                Some(n.saturating_sub(units))
            });
        self.acked.notify_waiters();
    }

    /// Waits until less than `IN_FLIGHT` is unacknowledged, then counts `units` as sent.
    async fn reserve(&self, units: usize) {
        loop {
            let notified = self.acked.notified();
            if self.unacked.load(Ordering::Acquire) < IN_FLIGHT {
                self.unacked.fetch_add(units, Ordering::AcqRel);
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
                flow.reserve(data.encode_utf16().count()).await;
            }
            Some((item, (rx, flow)))
        },
    ))
}

/// Carries a connection to `send` (a window's channel) until either ends.
pub async fn carry(
    rx: mpsc::Receiver<PtyItem>,
    flow: Arc<Flow>,
    send: impl FnMut(Vec<PtyMessage>) -> bool,
) {
    pump_batches(paced(rx, flow), OutputBatch::default(), send).await;
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

    #[tokio::test(start_paused = true)]
    async fn output_within_a_frame_is_one_string_and_states_stay_in_place() {
        let (tx, rx) = mpsc::channel(16);
        tx.send(PtyItem::Connected { replayed: false })
            .await
            .unwrap();
        tx.send(PtyItem::Output("desk-".into())).await.unwrap();
        tx.send(PtyItem::Output("42\r\n".into())).await.unwrap();
        tx.send(PtyItem::Exited {
            exit_code: Some(0.0),
        })
        .await
        .unwrap();
        drop(tx);
        let mut batches = Vec::new();
        carry(rx, Arc::default(), |b| {
            batches.push(b);
            true
        })
        .await;
        assert_eq!(
            batches.concat(),
            vec![
                PtyMessage::Connected { replayed: false },
                PtyMessage::Output {
                    data: "desk-42\r\n".into()
                },
                PtyMessage::Exited {
                    exit_code: Some(0.0)
                },
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn output_waits_while_the_window_is_behind_and_goes_on_when_it_acknowledges() {
        let (tx, rx) = mpsc::channel(4);
        let flow = Arc::new(Flow::default());
        let sent = Arc::new(AtomicUsize::new(0));
        let counted = sent.clone();
        let carrier = tokio::spawn(carry(rx, flow.clone(), move |batch| {
            for message in batch {
                if let PtyMessage::Output { data } = message {
                    counted.fetch_add(data.len(), Ordering::SeqCst);
                }
            }
            true
        }));
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

    #[test]
    fn messages_reach_typescript_in_the_contracts_shape() {
        let json = serde_json::to_value(PtyMessage::Reconnecting {
            retry_in_ms: 500,
            reason: "cut".into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "reconnecting", "retryInMs": 500, "reason": "cut"})
        );
        let json = serde_json::to_value(PtyMessage::Exited { exit_code: None }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "exited", "exitCode": null})
        );
    }
}
