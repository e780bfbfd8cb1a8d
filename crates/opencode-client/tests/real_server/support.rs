//! Shared set-up: a fake model, a real server, and a client bound to the server's project.

use opencode_client::types::{Part, SessionCreate};
use opencode_client::{Client, EventStream, ServerEvent, StreamItem, StreamOptions};
use std::time::Duration;
use testkit::{FakeModel, TestServer, TestServerOptions};

pub struct Env {
    pub model: FakeModel,
    pub server: TestServer,
    pub client: Client,
}

pub async fn start() -> Env {
    start_with(TestServerOptions::default()).await
}

pub async fn start_with(options: TestServerOptions) -> Env {
    let model = FakeModel::start().await;
    let server = TestServer::start_with(&model, options)
        .await
        .unwrap_or_else(|e| panic!("the real server did not start: {e}"));
    let client = client_for(&server);
    Env {
        model,
        server,
        client,
    }
}

pub fn client_for(server: &TestServer) -> Client {
    Client::builder(server.url())
        .password(server.password().map(str::to_string))
        .directory(server.project_dir().to_string_lossy())
        .build()
        .expect("client")
}

/// Session create options that make every bash call ask first.
pub fn asking_bash() -> SessionCreate {
    SessionCreate {
        permission: Some(vec![opencode_client::types::PermissionRule {
            permission: "bash".into(),
            pattern: "*".into(),
            action: "ask".into(),
        }]),
        ..Default::default()
    }
}

/// Opens the project's event stream and waits until it is live.
pub async fn live_events(client: &Client) -> EventStream<ServerEvent> {
    let mut stream = client.event_stream(StreamOptions::default());
    match tokio::time::timeout(Duration::from_secs(10), stream.next_item()).await {
        Ok(Some(StreamItem::Connected { resync: false })) => stream,
        other => panic!("expected the stream to connect, got {other:?}"),
    }
}

/// Collects events until `done` says so (that event included), or panics after `limit`.
pub async fn events_until(
    stream: &mut EventStream<ServerEvent>,
    limit: Duration,
    mut done: impl FnMut(&ServerEvent) -> bool,
) -> Vec<ServerEvent> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let item = tokio::time::timeout_at(deadline, stream.next_item())
            .await
            .unwrap_or_else(|_| {
                let kinds: Vec<&str> = seen.iter().map(ServerEvent::kind).collect();
                panic!("timed out after {limit:?}; saw {kinds:?}")
            });
        match item {
            Some(StreamItem::Event(event)) => {
                let stop = done(&event);
                seen.push(event);
                if stop {
                    return seen;
                }
            }
            Some(other) => panic!("stream changed state unexpectedly: {other:?}"),
            None => panic!("stream ended"),
        }
    }
}

/// True for the `session.idle` of this session.
pub fn idle_of(session_id: &str) -> impl FnMut(&ServerEvent) -> bool + '_ {
    move |e| matches!(e, ServerEvent::SessionIdle { session_id: s } if s == session_id)
}

/// The text of all text parts, joined.
pub fn text_of(parts: &[Part]) -> String {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect()
}

/// Proves `events` live: a session made now through `client` shows up on it within 10 s.
pub async fn assert_delivers(client: &Client, events: &mut EventStream<ServerEvent>) {
    let made = client
        .create_session(&SessionCreate::default())
        .await
        .expect("a session");
    events_until(
        events,
        Duration::from_secs(10),
        |e| matches!(e, ServerEvent::SessionCreated { info } if info.id == made.id),
    )
    .await;
}
