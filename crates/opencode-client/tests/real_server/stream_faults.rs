//! The real server's event stream, garbled by `testkit::FaultProxy` on its way: SSE comments, a
//! `data:` line that is not JSON and an event of an unknown kind after every frame, and every
//! frame written in pieces (one cut inside a UTF-8 character, one between its final newlines).
//! None of it may lose an event of a real reply or end the stream; a cut stream comes back with
//! a resync, and dropping the stream closes its connection. The helpers for a client behind
//! the proxy live here too; `faults` uses them.

use crate::support::{assert_delivers, events_until, idle_of, live_events, start, text_of};
use opencode_client::types::{PromptInput, SessionCreate};
use opencode_client::{Client, EventStream, GlobalEvent, ServerEvent, StreamItem, StreamOptions};
use std::time::Duration;
use testkit::{FaultProxy, Noise, Reply, TestServer, UNKNOWN_KIND};
use tokio::time::Instant;

/// A client of `server`'s project that goes through `proxy`.
pub fn client_via(proxy: &FaultProxy, server: &TestServer) -> Client {
    Client::builder(proxy.url())
        .password(server.password().map(str::to_string))
        .directory(server.project_dir().to_string_lossy())
        .build()
        .expect("client")
}

pub async fn proxy_for(server: &TestServer) -> FaultProxy {
    FaultProxy::start(server)
        .await
        .unwrap_or_else(|e| panic!("the fault proxy did not start: {e}"))
}

/// The next connection change before `deadline`, keeping the events met on the way in `seen`;
/// `None` if there was none by then.
pub async fn next_change(
    events: &mut EventStream<ServerEvent>,
    deadline: Instant,
    seen: &mut Vec<ServerEvent>,
) -> Option<StreamItem<ServerEvent>> {
    loop {
        match tokio::time::timeout_at(deadline, events.next_item()).await {
            Err(_elapsed) => return None,
            Ok(None) => panic!("the stream ended"),
            Ok(Some(StreamItem::Event(event))) => seen.push(event),
            Ok(Some(change)) => return Some(change),
        }
    }
}

fn is_injected_unknown(event: &ServerEvent) -> bool {
    matches!(event, ServerEvent::Unknown { kind, properties }
        if kind == UNKNOWN_KIND && properties["nested"]["list"] == serde_json::json!([1, 2, 3]))
}

fn is_injected_malformed(event: &ServerEvent) -> bool {
    matches!(event, ServerEvent::Malformed { kind, error } if kind.is_empty() && error.contains("not JSON"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_split_and_cut_stream_loses_nothing_of_a_real_reply() {
    let env = start().await;
    let proxy = proxy_for(&env.server).await;
    let client = client_via(&proxy, &env.server);
    proxy.set_noise(Noise::all());
    let mut events = live_events(&client).await;
    let mut global = client.global_event_stream(StreamOptions::default());
    let session = client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    let reply = ["Wörter ", "in Stücken, ", "ganz ", "angekommen ✓"];
    env.model.push(Reply::chunks(reply, 30));

    client
        .prompt_async(&session.id, &PromptInput::text("write in pieces"))
        .await
        .unwrap();
    let seen = events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;

    // Every real frame arrived, each followed by the two injected events, in order.
    let real: Vec<&ServerEvent> = seen
        .iter()
        .filter(|e| !is_injected_unknown(e) && !is_injected_malformed(e))
        .collect();
    for (at, event) in seen.iter().enumerate() {
        let is_real = !is_injected_unknown(event) && !is_injected_malformed(event);
        if is_real && at + 2 < seen.len() {
            assert!(
                is_injected_malformed(&seen[at + 1]) && is_injected_unknown(&seen[at + 2]),
                "{} at {at} is followed by the malformed line and the unknown kind: {:?}",
                event.kind(),
                &seen[at + 1..at + 3]
            );
        }
    }
    let unknown = seen.iter().filter(|e| is_injected_unknown(e)).count();
    assert!(
        unknown >= real.len() - 1,
        "{unknown} unknown for {} real",
        real.len()
    );

    // The reply's text arrived whole, through frames split inside its multi-byte characters.
    let streamed: String = real
        .iter()
        .filter_map(|e| match e {
            ServerEvent::PartDelta { field, delta, .. } if field == "text" => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(streamed, reply.concat(), "the deltas add up to the reply");
    let messages = client.messages(&session.id).await.unwrap();
    assert_eq!(text_of(&messages.last().expect("messages").parts), streamed);

    // The global stream gets its unknown kinds in its own envelope.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let item = tokio::time::timeout_at(deadline, global.next_item())
            .await
            .expect("an injected event on the global stream within 10 s");
        if let Some(StreamItem::Event(GlobalEvent { event, .. })) = item {
            if is_injected_unknown(&event) {
                break;
            }
        }
    }
    drop(global);

    // A cut (a TCP reset): reported, back within the backoff with a resync, and live again.
    proxy.set_noise(Noise::default());
    proxy.cut_streams();
    let mut skipped = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(3);
    let dropped = next_change(&mut events, deadline, &mut skipped).await;
    assert!(
        matches!(
            dropped,
            Some(StreamItem::Disconnected {
                retry_in: Some(_),
                ..
            })
        ),
        "{dropped:?}"
    );
    let back = next_change(&mut events, deadline, &mut skipped).await;
    assert!(
        matches!(back, Some(StreamItem::Connected { resync: true })),
        "{back:?}"
    );
    assert_delivers(&client, &mut events).await;

    // Dropping the stream closes its connection at once.
    assert!(
        proxy
            .wait_for(Duration::from_secs(5), |s| s.event_streams_open == 1)
            .await,
        "{:?}",
        proxy.stats()
    );
    drop(events);
    assert!(
        proxy
            .wait_for(Duration::from_secs(5), |s| s.event_streams_open == 0)
            .await,
        "the dropped stream's connection was closed: {:?}",
        proxy.stats()
    );
}
