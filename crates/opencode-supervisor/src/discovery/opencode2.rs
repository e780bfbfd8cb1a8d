//! Recognising an OpenCode 2 server, so the user is told why it cannot be used instead of
//! seeing it fail. OpenCode 2 moved its health route: `GET /global/health` answers 404, or the
//! web UI's page with status 200, while `GET /api/health` answers `{"healthy":true}`.
//!
//! Only the recognising lives here; what to do about it is the app's. A plain HTTP/1.0 `GET`
//! over a socket (the crate has no HTTP client of its own, only OpenCode 1's typed one), so
//! plain `http://` URLs only. The invariant: "OpenCode 2" is said only on that exact answer
//! (status 200, a JSON body with `"healthy": true`); anything else stays a plain failure.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A health answer is a few bytes; a server sending more is not the one we look for.
const MAX_RESPONSE: usize = 64 * 1024;

/// What the user reads about a server at `url` that answered like OpenCode 2.
pub(super) fn message(url: &str) -> String {
    format!(
        "{url} is an OpenCode 2 server (it answers /api/health, not /global/health); \
         OpenCode Desk supports OpenCode 1.x. Run an OpenCode 1.x `opencode serve` there, \
         or let OpenCode Desk start its own server."
    )
}

/// Whether `http://host:port{prefix}/api/health` answers like OpenCode 2, within `timeout`.
pub(super) async fn answers_api_health(
    host: &str,
    port: u16,
    prefix: &str,
    timeout: Duration,
) -> bool {
    let request = async {
        let address = (host.trim_start_matches('[').trim_end_matches(']'), port);
        let mut socket = tokio::net::TcpStream::connect(address).await.ok()?;
        let head = format!(
            "GET {}/api/health HTTP/1.0\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\
             Connection: close\r\n\r\n",
            prefix.trim_end_matches('/')
        );
        socket.write_all(head.as_bytes()).await.ok()?;
        let mut response = Vec::new();
        let mut limited = socket.take(MAX_RESPONSE as u64);
        limited.read_to_end(&mut response).await.ok()?;
        Some(response)
    };
    match tokio::time::timeout(timeout, request).await {
        Ok(Some(response)) => is_healthy_answer(&response),
        _ => false,
    }
}

/// Status 200 and a body that is a JSON object with `"healthy": true`.
fn is_healthy_answer(response: &[u8]) -> bool {
    let text = String::from_utf8_lossy(response);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let status = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1));
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    status == Some("200") && compact.starts_with('{') && compact.contains("\"healthy\":true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_200_with_healthy_true_is_opencode_2() {
        let ok = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{ \"healthy\": true }";
        assert!(is_healthy_answer(ok));
        let sick = b"HTTP/1.1 200 OK\r\n\r\n{\"healthy\":false}";
        assert!(!is_healthy_answer(sick));
        let page = b"HTTP/1.1 200 OK\r\n\r\n<html>\"healthy\":true</html>";
        assert!(!is_healthy_answer(page));
        let missing = b"HTTP/1.1 404 Not Found\r\n\r\n{\"healthy\":true}";
        assert!(!is_healthy_answer(missing));
        assert!(!is_healthy_answer(b"garbage"));
    }
}
