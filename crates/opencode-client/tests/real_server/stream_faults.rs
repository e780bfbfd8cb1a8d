//! The event stream against a deliberately bad server on loopback (no OpenCode needed): events
//! split across writes, a malformed line between good ones, a stream that goes silent, and one
//! that is cut. None of them may lose an event or end the stream.

use opencode_client::{Client, ServerEvent, StreamItem, StreamOptions};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the fake server does on each accepted connection, in order.
#[derive(Clone)]
enum Script {
    /// Write these pieces (with a pause between), then hang or close.
    Send {
        pieces: Vec<String>,
        then_close: bool,
    },
}

async fn serve(scripts: Vec<Script>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for script in scripts {
            let (socket, _) = listener.accept().await.unwrap();
            tokio::spawn(play(socket, script));
        }
    });
    url
}

async fn play(mut socket: TcpStream, script: Script) {
    let mut request = [0u8; 4096];
    let _ = socket.read(&mut request).await;
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\r\n";
    socket.write_all(head.as_bytes()).await.unwrap();
    let Script::Send { pieces, then_close } = script;
    for piece in pieces {
        if socket.write_all(piece.as_bytes()).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if then_close {
        return; // dropping the socket cuts the stream
    }
    // Hang silently, as a stalled proxy would.
    tokio::time::sleep(Duration::from_secs(60)).await;
}

fn fast_options() -> StreamOptions {
    let defaults = StreamOptions::default();
    StreamOptions {
        heartbeat_timeout: Duration::from_millis(600),
        backoff: opencode_client::events::Backoff {
            initial: Duration::from_millis(50),
            ..defaults.backoff
        },
        ..defaults
    }
}

async fn next(stream: &mut opencode_client::EventStream<ServerEvent>) -> StreamItem<ServerEvent> {
    tokio::time::timeout(Duration::from_secs(5), stream.next_item())
        .await
        .expect("an item within 5 s")
        .expect("stream still running")
}

fn frame(data: &str) -> String {
    format!("data: {data}\n\n")
}

fn idle(id: &str) -> String {
    format!(r#"{{"type":"session.idle","properties":{{"sessionID":"{id}"}}}}"#)
}

#[tokio::test]
async fn split_malformed_silent_and_cut_streams_lose_no_event() {
    let url = serve(vec![
        // Connection 1: an event split mid-field, a malformed line, a good event, then silence.
        Script::Send {
            pieces: vec![
                "data: {\"type\":\"session.idle\",\"prop".into(),
                "erties\":{\"sessionID\":\"ses_a\"}}\n".into(),
                "\ndata: {this is not json\n\n".into(),
                frame(&idle("ses_1")),
            ],
            then_close: false,
        },
        // Connection 2: one event, then the server cuts the stream.
        Script::Send {
            pieces: vec![frame(&idle("ses_2"))],
            then_close: true,
        },
        // Connection 3: alive again.
        Script::Send {
            pieces: vec![frame(&idle("ses_3"))],
            then_close: false,
        },
    ])
    .await;
    let client = Client::builder(url).build().unwrap();
    let mut stream = client.event_stream(fast_options());

    assert!(matches!(
        next(&mut stream).await,
        StreamItem::Connected { resync: false }
    ));
    assert_idle(next(&mut stream).await, "ses_a");
    match next(&mut stream).await {
        StreamItem::Event(ServerEvent::Malformed { error, .. }) => {
            assert!(error.contains("not JSON"))
        }
        other => panic!("expected the malformed line to be reported, got {other:?}"),
    }
    assert_idle(next(&mut stream).await, "ses_1");

    // Silence past the heartbeat timeout: the stream is declared dead and reconnects.
    match next(&mut stream).await {
        StreamItem::Disconnected {
            error: opencode_client::Error::Timeout { .. },
            retry_in: Some(_),
        } => {}
        other => panic!("expected a heartbeat timeout, got {other:?}"),
    }
    assert!(matches!(
        next(&mut stream).await,
        StreamItem::Connected { resync: true }
    ));
    assert_idle(next(&mut stream).await, "ses_2");

    // A cut stream: reported, then reconnected with a resync.
    assert!(matches!(
        next(&mut stream).await,
        StreamItem::Disconnected {
            retry_in: Some(_),
            ..
        }
    ));
    assert!(matches!(
        next(&mut stream).await,
        StreamItem::Connected { resync: true }
    ));
    assert_idle(next(&mut stream).await, "ses_3");
}

fn assert_idle(item: StreamItem<ServerEvent>, id: &str) {
    match item {
        StreamItem::Event(ServerEvent::SessionIdle { session_id }) => assert_eq!(session_id, id),
        other => panic!("expected session.idle of {id}, got {other:?}"),
    }
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let client = Client::builder(url).build().unwrap();
    let stream = client.event_stream(fast_options());
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut buf = [0u8; 4096];
    let _ = socket.read(&mut buf).await;
    socket
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n")
        .await
        .unwrap();
    drop(stream);
    // The client side closes: a read returns 0 (EOF) promptly.
    let read = tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buf)).await;
    assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "{read:?}");
}
