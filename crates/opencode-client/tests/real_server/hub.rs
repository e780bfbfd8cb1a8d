//! The event hub: one `/global/event` connection shared by subscribers of different projects,
//! numbered markers, and following the server to a new address without a second connection.

use crate::support::{client_for, start};
use opencode_client::types::{PromptInput, SessionCreate};
use opencode_client::{Hub, HubItem, ServerEvent, StreamOptions};
use std::time::Duration;
use testkit::{Reply, TestServer};
use tokio::sync::{mpsc, watch};

async fn next(rx: &mut mpsc::UnboundedReceiver<HubItem>) -> HubItem {
    tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("an item within 20 s")
        .expect("the subscription is open")
}

/// Items until `done` matches one (included).
async fn until(
    rx: &mut mpsc::UnboundedReceiver<HubItem>,
    mut done: impl FnMut(&HubItem) -> bool,
) -> Vec<HubItem> {
    let mut seen = Vec::new();
    loop {
        let item = next(rx).await;
        let stop = done(&item);
        seen.push(item);
        if stop {
            return seen;
        }
    }
}

fn text_of(items: &[HubItem]) -> String {
    items
        .iter()
        .filter_map(|item| match item {
            HubItem::Event(ServerEvent::PartDelta { delta, .. }) => Some(delta.as_str()),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_connection_serves_every_project_and_follows_the_server_to_a_new_address() {
    let env = start().await;
    let dir = env.server.project_dir().to_string_lossy().into_owned();
    let (source, rx) = watch::channel(Some(env.client.clone()));
    let hub = Hub::new(rx, StreamOptions::default(), None);

    let (_, mut mine) = hub.subscribe(Some(dir.clone()));
    let (_, mut other) = hub.subscribe(Some("/somewhere/else".into()));
    // Both hear the hub's state first; the first connection needs no resync.
    let first = until(&mut mine, |i| matches!(i, HubItem::Connected { .. })).await;
    assert_eq!(
        first.last(),
        Some(&HubItem::Connected {
            marker: 1,
            resync: false
        })
    );
    until(&mut other, |i| matches!(i, HubItem::Connected { .. })).await;

    // A subscriber that joins a live hub starts from the current marker.
    let (late_id, mut late) = hub.subscribe(None);
    assert_eq!(
        next(&mut late).await,
        HubItem::Connected {
            marker: 1,
            resync: false
        }
    );
    assert!(hub.unsubscribe(late_id));
    assert!(!hub.unsubscribe(late_id), "an id ends once");

    // A reply in this project reaches its subscriber whole, and not the other project's.
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::chunks(["one ", "two ", "three"], 5));
    env.client
        .prompt_async(&session.id, &PromptInput::text("count"))
        .await
        .unwrap();
    let reply = until(&mut mine, |i| {
        matches!(i, HubItem::Event(ServerEvent::SessionIdle { .. }))
    })
    .await;
    assert_eq!(text_of(&reply), "one two three");
    while let Ok(item) = other.try_recv() {
        if let HubItem::Event(event) = &item {
            let kind = event.kind();
            assert!(
                !kind.starts_with("session.") && !kind.starts_with("message."),
                "another project's subscriber got {event:?}"
            );
        }
    }
    // The unsubscribed one heard nothing more.
    assert!(matches!(
        late.try_recv(),
        Err(mpsc::error::TryRecvError::Disconnected)
    ));
    assert_eq!(hub.connections_opened(), 1);

    // The server "restarts" elsewhere: a second server, its client pushed by the owner. The hub
    // moves at once (no backoff), says so with the next marker, and still holds one connection.
    let second = TestServer::start(&env.model).await.expect("second server");
    let second_client = client_for(&second);
    source.send_replace(Some(second_client.clone()));
    let moved = until(&mut mine, |i| matches!(i, HubItem::Connected { .. })).await;
    assert_eq!(
        moved.last(),
        Some(&HubItem::Connected {
            marker: 2,
            resync: true
        })
    );
    assert_eq!(hub.connections_opened(), 2);
    // The old server no longer has our connection open: only the new one is counted by the hub,
    // and the old client's server can be stopped without the hub noticing.
    drop(env.server);

    // While the owner says the server is down, subscribers hear it and nothing retries.
    source.send_replace(None);
    let down = until(&mut mine, |i| matches!(i, HubItem::Disconnected { .. })).await;
    assert!(
        matches!(
            down.last(),
            Some(HubItem::Disconnected { retry_in: None, .. })
        ),
        "{down:?}"
    );
    assert!(!hub.is_live());
    source.send_replace(Some(second_client));
    let back = until(&mut mine, |i| matches!(i, HubItem::Connected { .. })).await;
    assert_eq!(
        back.last(),
        Some(&HubItem::Connected {
            marker: 3,
            resync: true
        })
    );
    drop(second);
}
