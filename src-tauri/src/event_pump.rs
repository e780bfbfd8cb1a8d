//! Server events → the UI, in batches of at most one per frame.
//!
//! The event stream can carry hundreds of deltas a second; the webview paints at most ~60 times a
//! second, and every IPC message costs a JSON round. So the pump collects what arrives within one
//! frame (~16 ms), merges adjacent deltas to the same part (`coalesce_deltas`), and sends one
//! batch. The first event after a quiet spell goes out at once (no added latency for a single
//! token); order is always kept; connection changes travel in the same batches, in place, so the
//! UI sees "reconnecting" and "resync" exactly between the events they separate.

use futures_util::{Stream, StreamExt};
use opencode_client::events::coalesce_deltas;
use opencode_client::{HubItem, ServerEvent};
use serde::Serialize;
use std::time::Duration;

/// One frame's length: at most one batch goes out per frame.
pub const FRAME: Duration = Duration::from_millis(16);

/// What one batch item says.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "kind")]
pub enum PumpMessage {
    /// The stream is live from here on. Load (again) what is shown, buffering what follows:
    /// events before this may have been missed. `marker` grows with every connection; `resync`
    /// is false only for the server's very first one.
    Connected { marker: u32, resync: bool },
    /// Events in server order (adjacent deltas merged).
    Events { events: Vec<ServerEvent> },
    /// The stream dropped; `retry_in_ms` is null when it gave up (e.g. wrong password).
    Disconnected {
        message: String,
        retry_in_ms: Option<u32>,
    },
}

/// Forwards `stream` to `send` until the stream ends or `send` reports the receiver is gone.
pub async fn pump<S, F>(stream: S, send: F)
where
    S: Stream<Item = HubItem> + Unpin,
    F: FnMut(Vec<PumpMessage>) -> bool,
{
    pump_batches(stream, Batch::default(), send).await;
}

/// What gathers one frame's items into the messages of one batch (events here, a terminal's
/// output in `pty.rs`).
pub trait Batcher {
    type Item;
    type Message;
    fn push(&mut self, item: Self::Item);
    fn take(&mut self) -> Vec<Self::Message>;
}

/// The frame pacing of `pump`, for any `Batcher`: at most one batch a frame, the first item after
/// a quiet spell at once, order kept.
pub async fn pump_batches<S, B, F>(mut stream: S, mut batch: B, mut send: F)
where
    S: Stream<Item = B::Item> + Unpin,
    B: Batcher,
    F: FnMut(Vec<B::Message>) -> bool,
{
    let mut last_sent: Option<tokio::time::Instant> = None;
    while let Some(first) = stream.next().await {
        batch.push(first);
        // What is already here goes along. After a quiet spell that is all: a token waits for no
        // one. Within a frame of the last batch, gather until that frame ends, so a fast stream
        // still makes one batch a frame.
        let now = tokio::time::Instant::now();
        let deadline = last_sent.map_or(now, |sent| (sent + FRAME).max(now));
        loop {
            match tokio::time::timeout_at(deadline, stream.next()).await {
                Ok(Some(item)) => batch.push(item),
                Ok(None) => {
                    let _ = send(batch.take());
                    return;
                }
                Err(_frame_over) => break,
            }
        }
        if !send(batch.take()) {
            return;
        }
        last_sent = Some(tokio::time::Instant::now());
    }
    let rest = batch.take();
    if !rest.is_empty() {
        let _ = send(rest);
    }
}

#[derive(Default)]
struct Batch {
    messages: Vec<PumpMessage>,
}

impl Batcher for Batch {
    type Item = HubItem;
    type Message = PumpMessage;

    fn push(&mut self, item: HubItem) {
        match item {
            HubItem::Event(ServerEvent::ServerHeartbeat {}) => {} // liveness only; the stream watches it
            HubItem::Event(event) => match self.messages.last_mut() {
                Some(PumpMessage::Events { events }) => events.push(event),
                _ => self.messages.push(PumpMessage::Events {
                    events: vec![event],
                }),
            },
            HubItem::Connected { marker, resync } => self
                .messages
                .push(PumpMessage::Connected { marker, resync }),
            HubItem::Disconnected { message, retry_in } => {
                self.messages.push(PumpMessage::Disconnected {
                    message,
                    retry_in_ms: retry_in.map(|d| u32::try_from(d.as_millis()).unwrap_or(u32::MAX)),
                })
            }
        }
    }

    fn take(&mut self) -> Vec<PumpMessage> {
        let mut messages = std::mem::take(&mut self.messages);
        for message in &mut messages {
            if let PumpMessage::Events { events } = message {
                coalesce_deltas(events);
            }
        }
        messages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;

    fn delta(text: &str) -> HubItem {
        HubItem::Event(ServerEvent::PartDelta {
            session_id: "ses_1".into(),
            message_id: "msg_1".into(),
            part_id: "prt_1".into(),
            field: "text".into(),
            delta: text.into(),
        })
    }

    fn stream_of(rx: mpsc::UnboundedReceiver<HubItem>) -> impl Stream<Item = HubItem> + Unpin {
        Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        }))
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_within_one_frame_is_one_merged_batch_in_order() {
        let (tx, rx) = mpsc::unbounded_channel();
        tx.send(HubItem::Connected {
            marker: 1,
            resync: false,
        })
        .unwrap();
        for piece in ["Hel", "lo", " there"] {
            tx.send(delta(piece)).unwrap();
        }
        drop(tx);
        let mut batches = Vec::new();
        pump(stream_of(rx), |b| {
            batches.push(b);
            true
        })
        .await;
        assert_eq!(batches.len(), 1, "{batches:?}");
        let batch = &batches[0];
        assert_eq!(
            batch[0],
            PumpMessage::Connected {
                marker: 1,
                resync: false
            }
        );
        let PumpMessage::Events { events } = &batch[1] else {
            panic!("{batch:?}")
        };
        assert!(
            matches!(&events[..], [ServerEvent::PartDelta { delta, .. }] if delta == "Hello there")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn events_in_separate_frames_travel_separately_and_heartbeats_are_dropped() {
        let (tx, rx) = mpsc::unbounded_channel();
        let feeder = tokio::spawn(async move {
            tx.send(delta("a")).unwrap();
            tokio::time::sleep(FRAME * 3).await;
            tx.send(HubItem::Event(ServerEvent::ServerHeartbeat {}))
                .unwrap();
            tx.send(delta("b")).unwrap();
        });
        let mut batches = Vec::new();
        pump(stream_of(rx), |b| {
            batches.push(b);
            true
        })
        .await;
        feeder.await.unwrap();
        assert_eq!(batches.len(), 2, "{batches:?}");
        for batch in &batches {
            let [PumpMessage::Events { events }] = &batch[..] else {
                panic!("{batch:?}")
            };
            assert_eq!(events.len(), 1, "the heartbeat is not forwarded");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_token_after_a_quiet_spell_goes_at_once_and_a_fast_stream_one_batch_a_frame() {
        let (tx, rx) = mpsc::unbounded_channel();
        let start = tokio::time::Instant::now();
        let feeder = tokio::spawn(async move {
            // 500 tokens a second for 60 ms, then quiet, then one more.
            for _ in 0..30 {
                tx.send(delta("x")).unwrap();
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            tx.send(delta("y")).unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
        });
        let mut sent = Vec::new();
        pump(stream_of(rx), |batch| {
            sent.push((tokio::time::Instant::now() - start, batch));
            true
        })
        .await;
        feeder.await.unwrap();
        assert_eq!(
            sent[0].0,
            Duration::ZERO,
            "the first token waits for nothing"
        );
        for pair in sent.windows(2) {
            assert!(
                pair[1].0 - pair[0].0 >= FRAME,
                "at most one batch a frame: {:?}",
                pair[1].0
            );
        }
        assert!(
            sent.len() <= 6,
            "{} batches for 60 ms of tokens and one more",
            sent.len()
        );
        let (last_at, last) = sent.last().unwrap();
        let [PumpMessage::Events { events }] = &last[..] else {
            panic!("{last:?}")
        };
        assert!(matches!(&events[..], [ServerEvent::PartDelta { delta, .. }] if delta == "y"));
        assert_eq!(
            *last_at,
            Duration::from_millis(160),
            "after the quiet spell, at once"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn it_stops_when_the_receiver_is_gone() {
        let (tx, rx) = mpsc::unbounded_channel();
        tx.send(delta("a")).unwrap();
        let mut calls = 0;
        let pumping = pump(stream_of(rx), |_| {
            calls += 1;
            false
        });
        // The sender stays open: only the refusal can end the pump.
        tokio::time::timeout(Duration::from_secs(5), pumping)
            .await
            .expect("pump ended");
        drop(tx);
        assert_eq!(calls, 1);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_real_reply_reaches_the_ui_whole_in_order_and_in_fewer_batches() {
        let model = testkit::FakeModel::start().await;
        let server = testkit::TestServer::start(&model).await.expect("server");
        let client = crate::test_support::client(&server);
        let session = client
            .create_session(&Default::default())
            .await
            .expect("session");
        let words: Vec<String> = (0..40).map(|i| format!("w{i} ")).collect();
        model.push(testkit::Reply::chunks(words.clone(), 2));

        let (tx, mut rx) = mpsc::unbounded_channel();
        let (_source, clients) = tokio::sync::watch::channel(Some(client.clone()));
        let hub = opencode_client::Hub::new(clients, Default::default(), None);
        let (_, items) = hub.subscribe(Some(server.project_dir().to_string_lossy().into()));
        let pumping = tokio::spawn(pump(stream_of(items), move |batch| tx.send(batch).is_ok()));
        client
            .prompt_async(
                &session.id,
                &opencode_client::types::PromptInput::text("count"),
            )
            .await
            .expect("prompt");

        let (mut text, mut deltas, mut batches) = (String::new(), 0, 0);
        'batches: while let Some(batch) = tokio::time::timeout(Duration::from_secs(30), rx.recv())
            .await
            .expect("a batch")
        {
            batches += 1;
            for message in batch {
                let PumpMessage::Events { events } = message else {
                    continue;
                };
                for event in events {
                    match event {
                        ServerEvent::PartDelta { delta, .. } => {
                            deltas += 1;
                            text.push_str(&delta);
                        }
                        ServerEvent::SessionIdle { .. } => break 'batches,
                        _ => {}
                    }
                }
            }
        }
        pumping.abort();
        assert_eq!(text, words.concat(), "every token arrived, in order");
        assert!(
            deltas < words.len(),
            "adjacent deltas were merged ({deltas} for {} tokens)",
            words.len()
        );
        eprintln!(
            "{} tokens reached the UI as {deltas} deltas in {batches} batches",
            words.len()
        );
    }
}
