//! What discovery says about the server it finds: whose it is, and whether it is an OpenCode
//! this app supports.

use std::time::Duration;

use opencode_supervisor::discovery::{probe, probe_ports};
use opencode_supervisor::{Credentials, Owner, Probe};
use testkit::{FakeModel, Password, TestServer, TestServerOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[tokio::test(flavor = "multi_thread")]
async fn an_unsecured_server_started_by_us_is_open_and_ours() {
    let model = FakeModel::start().await;
    let options = TestServerOptions::default().password(Password::Disabled);
    let ours = TestServer::start_with(&model, options)
        .await
        .expect("a test server");
    let port = ours.port();
    let found = probe_ports(&[port], PROBE_TIMEOUT).await;
    let server = found
        .iter()
        .find(|s| s.port == port)
        .unwrap_or_else(|| panic!("port {port} not discovered: {found:?}"));
    assert_eq!(
        server.probe,
        Probe::Open {
            version: "1.18.33".into(),
            owner: Owner::SameUser
        }
    );
}

/// A stand-in for a server we do not have: answers `GET /api/health` with `api_health` and
/// every other path with `other` (whole HTTP responses).
async fn responder(api_health: String, other: String) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (api_health, other) = (api_health.clone(), other.clone());
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&request);
                let path = head.split_whitespace().nth(1).unwrap_or_default();
                let response = if path == "/api/health" {
                    api_health
                } else {
                    other
                };
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, task)
}

fn response(status: &str, content_type: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
}

fn opencode_2_health() -> String {
    response("200 OK", "application/json", r#"{"healthy": true}"#)
}

fn web_ui() -> String {
    let page = "<!doctype html><html><body>OpenCode</body></html>";
    response("200 OK", "text/html; charset=utf-8", page)
}

fn not_found() -> String {
    response("404 Not Found", "text/plain", "Not Found")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_opencode_2_server_is_named_as_unsupported_not_a_failure() {
    // Its web UI answers /global/health with a page, or nothing answers it at all.
    for other in [web_ui(), not_found()] {
        let (url, server) = responder(opencode_2_health(), other).await;
        let found = probe(&url, &Credentials::default(), PROBE_TIMEOUT).await;
        let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
        let listed = probe_ports(&[port], PROBE_TIMEOUT).await;
        server.abort();
        let Ok(Probe::Unsupported { message }) = &found else {
            panic!("expected Unsupported, got {found:?}");
        };
        assert!(message.contains("OpenCode 2"), "{message}");
        assert!(message.contains("/api/health"), "{message}");
        assert!(message.contains("OpenCode 1"), "{message}");
        let listed = listed.iter().find(|s| s.port == port);
        assert_eq!(listed.map(|s| &s.probe), found.as_ref().ok(), "{listed:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_web_page_that_is_no_opencode_at_all_is_not_a_server() {
    let (url, server) = responder(web_ui(), web_ui()).await;
    let found = probe(&url, &Credentials::default(), PROBE_TIMEOUT).await;
    server.abort();
    assert!(found.is_err(), "{found:?}");
}
