//! The attention feed against a real server: the replies that ended, live and in a gap.

use super::*;
use opencode_client::types::{PromptInput, SessionCreate};
use std::time::{Duration, Instant};
use testkit::{FakeModel, FaultProxy, Reply as ModelReply, Scope, TestServer};

/// Waits until server "test"'s entry in the view satisfies `done`.
async fn until(
    view: &mut watch::Receiver<AttentionView>,
    what: &str,
    done: impl Fn(&ServerAttention) -> bool,
) -> ServerAttention {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        if let Some(now) = view.borrow_and_update().get("test") {
            if done(now) {
                return now.clone();
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, view.changed()).await {
            Ok(Ok(())) => {}
            _ => panic!("never happened: {what}: {:?}", view.borrow().get("test")),
        }
    }
}

/// A reply that fails while the event stream is down is found at the resync, failed, from its
/// last message; another that fails with the stream up is taken from the events; starting a
/// new reply takes the session out of what ended.
#[tokio::test(flavor = "multi_thread")]
async fn replies_that_end_are_published_with_their_failure_even_when_missed() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("the real server");
    let proxy = FaultProxy::start(&server).await.expect("the proxy");
    let crate::test_support::Registered {
        state,
        client,
        project,
    } = crate::test_support::register(&server, &proxy.url(), Default::default());
    let files = tempfile::tempdir().unwrap();
    let rules = RulesStore::open(files.path().join(crate::rules::FILE_NAME));
    let (view, mut view_rx) = watch::channel(AttentionView::new());
    let (notices, _notices_rx) = mpsc::unbounded_channel();
    let (auto, _auto_rx) = mpsc::unbounded_channel();
    let sinks = Sinks {
        view,
        notices,
        auto,
    };
    let hub = state.servers.hub("test").expect("hub");
    let follower = follow_one(&state.servers, &rules, "test".into(), hub, sinks);

    let scenario = async {
        let create = SessionCreate {
            title: Some("Failing".into()),
            ..Default::default()
        };
        let session = client.create_session(&create).await.expect("session");
        until(&mut view_rx, "following the project", |s| {
            s.directory.as_deref() == Some(project.as_str())
        })
        .await;
        // A tool call that takes a while, then the model refuses: the reply fails.
        model.push(ModelReply::tool(
            "bash",
            serde_json::json!({"command": "sleep 3", "description": "Wait"}),
        ));
        model.push(ModelReply::HttpError {
            status: 400,
            body: r#"{"error":{"message":"Bad request from the fake"}}"#.into(),
        });
        client
            .prompt_async(&session.id, &PromptInput::text("wait, then fail"))
            .await
            .expect("prompt");
        until(&mut view_rx, "working", |s| s.state == TrayState::Working).await;
        // The stream goes down while the reply runs and ends.
        proxy.outage(Scope::EventStreams, Duration::from_secs(6));
        let gap = until(&mut view_rx, "the reply that ended in the gap", |s| {
            s.ended.contains_key(&session.id)
        })
        .await;
        let end = &gap.ended[&session.id];
        assert_eq!(end.place.title, "Failing");
        let error = end.error.clone().expect("the reply failed");
        assert!(!error.is_empty());
        assert_eq!(gap.state, TrayState::Idle);

        // With the stream up: a new reply takes it out, its failure puts it back.
        let before = end.at;
        model.push(ModelReply::HttpError {
            status: 400,
            body: r#"{"error":{"message":"Refused again"}}"#.into(),
        });
        client
            .prompt_async(&session.id, &PromptInput::text("fail again"))
            .await
            .expect("prompt");
        let live = until(&mut view_rx, "the live failure", |s| {
            s.ended
                .get(&session.id)
                .is_some_and(|end| end.at > before && end.error.is_some())
        })
        .await;
        live.ended[&session.id].error.clone()
    };
    let error = tokio::select! {
        _ = follower => unreachable!("the follower ended"),
        outcome = scenario => outcome,
    };
    assert!(error.is_some_and(|e| !e.is_empty()));
}
