//! The event stream's recovery, with the real server behind `testkit::FaultProxy`: an outage
//! while the model replies (the consumer resyncs and sees the whole reply, soon after the outage
//! ends), a silent stall (noticed within 15 s, as the server beats every 10 s), and a proxy that
//! accepts then closes every stream (the client backs off instead of knocking every 250 ms).
//! The faults come from the proxy; the server itself keeps working throughout.

use crate::stream_faults::{client_via, next_change, proxy_for};
use crate::support::{assert_delivers, live_events, start, text_of};
use opencode_client::types::{Message, PromptInput, SessionCreate};
use opencode_client::{Error, ServerEvent, StreamItem};
use std::time::Duration;
use testkit::{Reply, Scope};
use tokio::time::Instant;

/// Gaps between successive event-stream requests the proxy saw, in ms (for the log).
fn gaps_ms(times: &[Instant]) -> Vec<u128> {
    times
        .windows(2)
        .map(|w| (w[1] - w[0]).as_millis())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_missed_in_an_outage_is_whole_after_the_resync_that_follows_within_3_s() {
    let env = start().await;
    let proxy = proxy_for(&env.server).await;
    let client = client_via(&proxy, &env.server);
    let mut events = live_events(&client).await;
    let session = client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    let reply = ["Written ", "while ", "the ", "stream ", "was ", "down."];
    env.model.push(Reply::chunks(reply, 40));

    let outage_ends = proxy.outage(Scope::EventStreams, Duration::from_secs(8));
    let mut seen = Vec::new();
    let dropped = next_change(
        &mut events,
        Instant::now() + Duration::from_secs(5),
        &mut seen,
    )
    .await;
    assert!(
        matches!(
            dropped,
            Some(StreamItem::Disconnected {
                retry_in: Some(_),
                ..
            })
        ),
        "the cut is reported: {dropped:?}"
    );

    // The rest of the API still answers through the proxy: prompt, and wait for the whole reply.
    client
        .prompt_async(&session.id, &PromptInput::text("write something"))
        .await
        .unwrap();
    loop {
        let messages = client.messages(&session.id).await.unwrap();
        let done = messages.last().is_some_and(
            |m| matches!(&m.info, Message::Assistant(a) if a.time.completed.is_some()),
        );
        if done {
            break;
        }
        assert!(
            Instant::now() < outage_ends,
            "the reply finished within the outage"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        Instant::now() < outage_ends,
        "the reply finished within the outage"
    );

    // Back within the backoff's cap (2 s) and a margin, with a resync, and nothing in between.
    let reconnected = loop {
        match next_change(&mut events, outage_ends + Duration::from_secs(3), &mut seen).await {
            Some(StreamItem::Disconnected {
                retry_in: Some(_), ..
            }) => continue,
            Some(StreamItem::Connected { resync }) => {
                assert!(resync, "a reconnect asks the consumer to resync");
                break Instant::now();
            }
            other => panic!(
                "expected Connected {{ resync: true }} within 3 s of the outage's end, got {other:?}"
            ),
        }
    };
    eprintln!(
        "stream back {:?} after the outage ended; gaps between attempts (ms): {:?}",
        reconnected.saturating_duration_since(outage_ends),
        gaps_ms(&proxy.event_request_times()),
    );
    let missed: Vec<&ServerEvent> = seen
        .iter()
        .filter(|e| matches!(e, ServerEvent::PartDelta { .. }))
        .collect();
    assert!(missed.is_empty(), "the stream was down: {missed:?}");

    // The consumer's contract: resync = refetch. The refetch shows the whole reply.
    let messages = client.messages(&session.id).await.unwrap();
    let last = messages.last().expect("messages");
    assert!(
        matches!(last.info, Message::Assistant(_)),
        "{:?}",
        last.info
    );
    assert_eq!(text_of(&last.parts), reply.concat());

    // And the stream is live again.
    assert_delivers(&client, &mut events).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_stream_is_dropped_within_15_s_and_streams_closed_at_once_are_retried_ever_later()
{
    let env = start().await;
    let proxy = proxy_for(&env.server).await;
    let client = client_via(&proxy, &env.server);
    let mut events = live_events(&client).await;

    // A silent stall, heartbeats included, with default options: dead within 15 s (+ margin).
    proxy.stall();
    let stalled = Instant::now();
    let mut seen = Vec::new();
    let noticed = next_change(&mut events, stalled + Duration::from_secs(17), &mut seen).await;
    match noticed {
        Some(StreamItem::Disconnected {
            error: Error::Timeout { .. },
            retry_in: Some(_),
        }) => eprintln!("stall noticed after {:?}", stalled.elapsed()),
        other => panic!("expected a heartbeat timeout within 17 s of the stall, got {other:?}"),
    }
    // Still stalled: the streams it reconnects to answer with headers and then nothing. That is
    // not live, and is not announced as such (nor would the consumer refetch for nothing).
    let still = next_change(
        &mut events,
        Instant::now() + Duration::from_secs(3),
        &mut seen,
    )
    .await;
    assert!(
        !matches!(still, Some(StreamItem::Connected { .. })),
        "a stalled stream was announced as connected: {still:?}"
    );

    // Now every stream is answered, greeted with the server's own `server.connected`, and closed.
    // A client that starts its backoff over on each such connection knocks every 250 ms (about
    // 30 times in 8 s). Growing jittered waits (at least 125, 250, 500 ms, then 1 s each, as each
    // is drawn in [step/2, step]) allow 10 at the very most; 11 leaves a margin.
    proxy.clear();
    proxy.accept_then_close(true);
    // The stalled stream it holds now would otherwise sit out its 15 s.
    proxy.cut_streams();
    let before = proxy.stats().event_requests;
    let window = Instant::now() + Duration::from_secs(8);
    let mut connects = 0;
    while let Some(change) = next_change(&mut events, window, &mut seen).await {
        if let StreamItem::Connected { resync } = change {
            assert!(resync, "every connection after the first asks for a resync");
            connects += 1;
        }
    }
    let knocks = proxy.stats().event_requests - before;
    let times = proxy.event_request_times();
    eprintln!(
        "accept-then-close: {knocks} knocks in 8 s; gaps (ms): {:?}",
        gaps_ms(&times[before..])
    );
    assert!(knocks >= 3, "the client kept trying ({knocks} knocks)");
    assert!(
        knocks <= 11,
        "the backoff grew instead of starting over ({knocks} knocks in 8 s)"
    );
    assert!(
        connects >= 3,
        "each accepted stream said Connected ({connects})"
    );

    // Once the proxy behaves, the stream is back within the backoff's cap (2 s) and a margin, and
    // stays. (A stream accepted just before `clear` may still close: watch the whole 3 s.)
    proxy.clear();
    let settled = Instant::now() + Duration::from_secs(3);
    let mut last = None;
    while let Some(change) = next_change(&mut events, settled, &mut seen).await {
        last = Some(change);
    }
    assert!(
        matches!(last, Some(StreamItem::Connected { resync: true })),
        "expected the stream back within 3 s, last saw {last:?}"
    );
    assert_delivers(&client, &mut events).await;
}
