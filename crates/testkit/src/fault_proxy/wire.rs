//! The fault proxy's pure pieces, with no socket in sight: reading an HTTP/1.1 request head,
//! writing response heads and chunks, cutting an SSE byte stream into frames, choosing where to
//! split a frame, and the noise it injects. `fault_proxy` does the I/O around them.
//!
//! The invariant a change could break: a frame handed out by [`FrameSplitter`] ends with its
//! blank line, so whatever the proxy writes after it (noise, or a cut) lands between frames.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A request head is refused past this size: no real client sends more.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// One parsed request line and its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RequestHead {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    /// Names lower-cased, values as sent.
    pub headers: Vec<(String, Vec<u8>)>,
}

impl RequestHead {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }

    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    pub fn content_length(&self) -> Result<usize, String> {
        if self.header("transfer-encoding").is_some() {
            return Err("chunked request bodies are not supported by the fault proxy".into());
        }
        match self.header("content-length") {
            None => Ok(0),
            Some(value) => std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| "a content-length that is not a number".into()),
        }
    }

    /// `GET /event`, `GET /global/event`, or anything asking for `text/event-stream`.
    pub fn is_event_stream(&self) -> bool {
        matches!(self.path(), "/event" | "/global/event")
            || self
                .header("accept")
                .is_some_and(|accept| contains(accept, b"text/event-stream"))
    }
}

/// Where the head ends (the index just past its blank line), if it is complete.
pub(crate) fn head_end(buffer: &[u8]) -> Option<usize> {
    buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4)
}

pub(crate) fn parse_head(head: &[u8]) -> Result<RequestHead, String> {
    let text = std::str::from_utf8(head).map_err(|_| "a request head that is not UTF-8")?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("a bad request line: {request_line:?}"));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(format!("an unsupported request line: {request_line:?}"));
    }
    let mut headers = Vec::new();
    for line in lines.take_while(|line| !line.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("a bad header line: {line:?}"))?;
        headers.push((
            name.trim().to_ascii_lowercase(),
            value.trim().as_bytes().to_vec(),
        ));
    }
    Ok(RequestHead {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
    })
}

/// Headers that describe one connection, not the message: never forwarded either way.
pub(crate) fn is_hop_by_hop(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "host"
            | "content-length"
    )
}

/// How a response body is delimited on the client side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    Length(usize),
    Chunked,
    /// No body at all (HEAD, 204, 304): the upstream's own length header, if any, is kept.
    None,
}

/// The status line and headers; every response closes its connection afterwards.
pub(crate) fn response_head(status: StatusCode, headers: &HeaderMap, framing: Framing) -> Vec<u8> {
    let reason = status.canonical_reason().unwrap_or("Unknown");
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", status.as_u16()).into_bytes();
    for (name, value) in headers {
        let keep_length = framing == Framing::None && name.as_str() == "content-length";
        if is_hop_by_hop(name.as_str()) && !keep_length {
            continue;
        }
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    match framing {
        Framing::Length(length) => head.extend(format!("content-length: {length}\r\n").bytes()),
        Framing::Chunked => head.extend_from_slice(b"transfer-encoding: chunked\r\n"),
        Framing::None => {}
    }
    head.extend_from_slice(b"connection: close\r\n\r\n");
    head
}

/// One chunk of a chunked body (never empty: an empty chunk would end the body).
pub(crate) fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
    out
}

pub(crate) const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

/// Cuts an SSE byte stream into whole frames, each with its terminating blank line (`\n\n` or
/// `\r\n\r\n`; OpenCode writes `\n\n`). Bytes are scanned once, however they are chunked.
#[derive(Debug, Default)]
pub(crate) struct FrameSplitter {
    pending: Vec<u8>,
    /// Bytes of `pending` already known to hold no frame end.
    scanned: usize,
}

impl FrameSplitter {
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        self.pending.extend_from_slice(bytes);
        let mut frames = Vec::new();
        let mut start = 0;
        let mut at = self.scanned;
        while at < self.pending.len() {
            let rest = &self.pending[at..];
            let end = if rest.starts_with(b"\n\n") {
                Some(at + 2)
            } else if rest.starts_with(b"\r\n\r\n") {
                Some(at + 4)
            } else {
                None
            };
            match end {
                Some(end) => {
                    frames.push(self.pending[start..end].to_vec());
                    start = end;
                    at = end;
                }
                // A terminator may straddle the next push: look again from here.
                None if b"\r\n\r\n".starts_with(rest) || b"\n\n".starts_with(rest) => break,
                None => at += 1,
            }
        }
        self.pending.drain(..start);
        self.scanned = at - start;
        frames
    }
}

/// Where to cut a frame into separate writes: after its first byte, inside its first multi-byte
/// UTF-8 character (or at its middle when it has none), and between the two newlines that end
/// it. Returns the pieces in order; together they are the frame.
pub(crate) fn split_pieces(frame: &[u8]) -> Vec<&[u8]> {
    if frame.len() < 4 {
        return vec![frame];
    }
    let middle = frame
        .iter()
        .position(|&b| b >= 0xC0)
        .map_or(frame.len() / 2, |lead| lead + 1);
    let mut cuts = vec![0, 1, middle, frame.len() - 1, frame.len()];
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| &frame[w[0]..w[1]]).collect()
}

/// The kind of the injected unknown events.
pub const UNKNOWN_KIND: &str = "fault.proxy.unknown";

/// A `data:` line that is not JSON.
pub(crate) const MALFORMED_FRAME: &[u8] = b"data: {\"type\":\"session.idle\", not json\n\n";

pub(crate) fn comment(sequence: u64) -> Vec<u8> {
    format!(": fault-proxy comment {sequence}\n").into_bytes()
}

/// An event of a kind no client knows, with fields beyond `type` and `properties`; wrapped as
/// `/global/event` wraps its events when `global`.
pub(crate) fn unknown_event(sequence: u64, global: bool) -> Vec<u8> {
    let event = serde_json::json!({
        "id": format!("evt_faultproxy{sequence:06}"),
        "type": UNKNOWN_KIND,
        "properties": {"sequence": sequence, "nested": {"list": [1, 2, 3]}},
        "extra": "a field beyond type and properties",
    });
    let data = if global {
        serde_json::json!({"directory": "global", "payload": event})
    } else {
        event
    };
    format!("data: {data}\n\n").into_bytes()
}

/// `key=value&flag` → pairs (no percent-decoding: control parameters are plain).
pub(crate) fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_head_parses_with_its_headers_and_event_streams_are_recognised() {
        let raw = b"GET /global/event?x=1 HTTP/1.1\r\nHost: a\r\nAuthorization: Basic eA==\r\n\
                    X-OpenCode-Directory: %2Ftmp\r\n\r\nrest";
        let end = head_end(raw).unwrap();
        assert_eq!(&raw[end..], b"rest");
        let head = parse_head(&raw[..end]).unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.path(), "/global/event");
        assert_eq!(head.query(), "x=1");
        assert_eq!(head.header("authorization"), Some(&b"Basic eA=="[..]));
        assert_eq!(head.header("x-opencode-directory"), Some(&b"%2Ftmp"[..]));
        assert!(head.is_event_stream());
        assert_eq!(head.content_length(), Ok(0));

        let post = parse_head(b"POST /session HTTP/1.1\r\nContent-Length: 12\r\n\r\n").unwrap();
        assert!(!post.is_event_stream());
        assert_eq!(post.content_length(), Ok(12));
        let asks = parse_head(b"GET /x HTTP/1.1\r\naccept: text/event-stream\r\n\r\n").unwrap();
        assert!(asks.is_event_stream());
        assert!(parse_head(b"nonsense\r\n\r\n").is_err());
        assert!(head_end(b"GET / HTTP/1.1\r\n").is_none());
    }

    #[test]
    fn frames_come_out_whole_however_the_bytes_are_cut() {
        let stream = b"data: {\"a\":1}\n\ndata: x\r\n\r\n: comment\ndata: y\n\n";
        let whole = FrameSplitter::default().push(stream);
        assert_eq!(
            whole,
            vec![
                b"data: {\"a\":1}\n\n".to_vec(),
                b"data: x\r\n\r\n".to_vec(),
                b": comment\ndata: y\n\n".to_vec()
            ]
        );
        for cut in 0..stream.len() {
            let mut splitter = FrameSplitter::default();
            let mut frames = splitter.push(&stream[..cut]);
            frames.extend(splitter.push(&stream[cut..]));
            assert_eq!(frames, whole, "cut at {cut}");
        }
        let mut splitter = FrameSplitter::default();
        let bytewise: Vec<Vec<u8>> = stream.iter().flat_map(|b| splitter.push(&[*b])).collect();
        assert_eq!(bytewise, whole);
    }

    #[test]
    fn a_split_frame_is_cut_inside_its_first_multibyte_character_and_between_its_newlines() {
        let frame = "data: {\"delta\":\"héllo\"}\n\n".as_bytes();
        let pieces = split_pieces(frame);
        assert_eq!(pieces.concat(), frame);
        assert_eq!(pieces.len(), 4);
        assert_eq!(pieces[0], b"d");
        assert!(std::str::from_utf8(pieces[1]).is_err(), "ends inside é");
        assert_eq!(pieces[3], b"\n");
        let ascii = split_pieces(b"data: {}\n\n");
        assert_eq!(ascii.concat(), b"data: {}\n\n");
        assert_eq!(ascii.len(), 4);
    }

    #[test]
    fn injected_noise_is_what_it_claims_to_be() {
        let text = String::from_utf8(MALFORMED_FRAME.to_vec()).unwrap();
        let data = text.strip_prefix("data: ").unwrap().trim_end();
        assert!(serde_json::from_str::<serde_json::Value>(data).is_err());

        for global in [false, true] {
            let text = String::from_utf8(unknown_event(7, global)).unwrap();
            assert!(text.ends_with("\n\n"));
            let data = text.strip_prefix("data: ").unwrap().trim_end();
            let value: serde_json::Value = serde_json::from_str(data).unwrap();
            let event = if global { &value["payload"] } else { &value };
            assert_eq!(event["type"], UNKNOWN_KIND);
            assert_eq!(event["properties"]["sequence"], 7);
        }
        assert!(comment(3).starts_with(b":"));
    }

    #[test]
    fn response_heads_frame_the_body_and_drop_connection_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", "text/event-stream".parse().unwrap());
        headers.insert("transfer-encoding", "chunked".parse().unwrap());
        headers.insert("content-length", "5".parse().unwrap());
        let head = String::from_utf8(response_head(StatusCode::OK, &headers, Framing::Chunked));
        assert_eq!(
            head.unwrap(),
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
             transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        );
        let sized = response_head(StatusCode::NOT_FOUND, &headers, Framing::Length(3));
        assert!(String::from_utf8(sized)
            .unwrap()
            .contains("404 Not Found\r\ncontent-type: text/event-stream\r\ncontent-length: 3\r\n"));
        assert_eq!(chunk(b"hello"), b"5\r\nhello\r\n");
        let pairs: Vec<_> = query_pairs("ms=80&scope=all&flag").collect();
        assert_eq!(pairs, [("ms", "80"), ("scope", "all"), ("flag", "")]);
    }
}
