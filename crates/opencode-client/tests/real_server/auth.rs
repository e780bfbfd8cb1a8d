//! Passwords: a wrong or missing one is `Unauthorized`, for calls and for the event stream.

use crate::support::{client_for, start};
use opencode_client::{Client, Error, StreamItem, StreamOptions};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_or_missing_password_is_unauthorized() {
    let env = start().await;
    let right = client_for(&env.server);
    assert!(right.health().await.is_ok());

    for password in [Some("hunter2-not-it".to_string()), None] {
        let client = Client::builder(env.server.url())
            .password(password)
            .build()
            .unwrap();
        let err = client.health().await.unwrap_err();
        assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
        assert!(
            !err.to_string().contains("hunter2"),
            "the password never shows: {err}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_event_stream_gives_up_on_a_wrong_password_and_says_why() {
    let env = start().await;
    let client = Client::builder(env.server.url())
        .password(Some("wrong".into()))
        .build()
        .unwrap();
    let mut stream = client.event_stream(StreamOptions::default());
    let item = tokio::time::timeout(Duration::from_secs(10), stream.next_item())
        .await
        .unwrap();
    match item {
        Some(StreamItem::Disconnected {
            error: Error::Unauthorized { .. },
            retry_in: None,
        }) => {}
        other => panic!("expected a final unauthorized, got {other:?}"),
    }
    assert!(
        stream.next_item().await.is_none(),
        "nothing after giving up"
    );
}
