//! A server killed mid-stream: calls fail with a clear error, and the event stream reconnects
//! (asking for a resync) when the server comes back on the same address.

use crate::support::{events_until, live_events, start};
use opencode_client::types::{PromptInput, SessionCreate};
use opencode_client::{Error, ServerEvent, StreamItem};
use std::time::Duration;
use testkit::Reply;

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_is_reported_and_the_stream_resumes_when_it_returns() {
    let mut env = start().await;
    let mut events = live_events(&env.client).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::slow(["streaming ", "forever "], 50));

    // A waiting prompt in flight when the server dies.
    let client = env.client.clone();
    let session_id = session.id.clone();
    let in_flight =
        tokio::spawn(async move { client.prompt(&session_id, &PromptInput::text("go")).await });
    events_until(&mut events, Duration::from_secs(30), |e| {
        matches!(e, ServerEvent::PartDelta { .. })
    })
    .await;

    env.server.kill();

    let err = in_flight.await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    assert!(
        err.to_string().contains("Cannot reach the OpenCode server"),
        "{err}"
    );

    // The stream says it dropped and that it will retry.
    let dropped = next_state(&mut events).await;
    assert!(
        matches!(
            dropped,
            StreamItem::Disconnected {
                retry_in: Some(_),
                ..
            }
        ),
        "{dropped:?}"
    );
    let health = env.client.health().await.unwrap_err();
    assert!(matches!(health, Error::Unreachable { .. }), "{health:?}");

    env.server
        .restart()
        .await
        .expect("server restarts on the same port");
    let started = tokio::time::Instant::now();
    loop {
        match next_state(&mut events).await {
            StreamItem::Connected { resync } => {
                assert!(resync, "a reconnect asks the consumer to resync");
                break;
            }
            StreamItem::Disconnected {
                retry_in: Some(_), ..
            } => continue,
            other => panic!("unexpected {other:?}"),
        }
    }
    eprintln!(
        "stream back {:?} after the server restarted",
        started.elapsed()
    );

    // Live again: a new session's creation arrives as an event.
    let again = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    events_until(
        &mut events,
        Duration::from_secs(30),
        |e| matches!(e, ServerEvent::SessionCreated { info } if info.id == again.id),
    )
    .await;
}

/// The next connection-state item, skipping events.
async fn next_state(
    events: &mut opencode_client::EventStream<ServerEvent>,
) -> StreamItem<ServerEvent> {
    loop {
        let item = tokio::time::timeout(Duration::from_secs(30), events.next_item())
            .await
            .expect("a state change within 30 s")
            .expect("stream still running");
        if !matches!(item, StreamItem::Event(_)) {
            return item;
        }
    }
}
