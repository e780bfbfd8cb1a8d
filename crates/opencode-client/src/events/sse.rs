//! Server-sent-events framing: bytes in, frames out. Pure, no I/O.
//!
//! Follows the WHATWG rules: lines end in `\n`, `\r\n` or `\r` (and may be split anywhere across
//! chunks, even between `\r` and `\n`); `data:` lines of one frame are joined with `\n`; a blank
//! line dispatches; `:` starts a comment. Each byte is scanned once, so a 50 MB line arriving in
//! small chunks costs linear time. A frame over `max_frame_bytes` is dropped and reported, so
//! one absurd event cannot take all memory, and the stream goes on.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseFrame {
    /// The `event:` field; `None` means the default type, "message".
    pub event: Option<String>,
    pub data: String,
    /// The last `id:` seen so far in the stream (it persists across frames, as the spec says).
    pub id: Option<String>,
    /// A `retry:` hint in milliseconds, if this frame carried one.
    pub retry: Option<u64>,
}

/// What the parser hands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseItem {
    Frame(SseFrame),
    /// A frame larger than the limit was skipped.
    Oversized {
        bytes: usize,
    },
}

/// 256 MiB: far above any real event (a 50 MB tool output is a 50 MB line), far below trouble.
pub const DEFAULT_MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug)]
pub struct SseParser {
    /// Bytes of the line being received (everything before it has been consumed).
    line: Vec<u8>,
    /// The previous chunk ended in `\r`, so a `\n` starting this one ends no new line.
    after_cr: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    last_id: Option<String>,
    retry: Option<u64>,
    /// Bytes of the current frame so far, and whether it is being skipped for its size.
    frame_bytes: usize,
    skipping: bool,
    max_frame_bytes: usize,
    at_stream_start: bool,
}

impl Default for SseParser {
    fn default() -> Self {
        Self::with_limit(DEFAULT_MAX_FRAME_BYTES)
    }
}

impl SseParser {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_limit(max_frame_bytes: usize) -> Self {
        SseParser {
            line: Vec::new(),
            after_cr: false,
            data: String::new(),
            has_data: false,
            event: None,
            last_id: None,
            retry: None,
            frame_bytes: 0,
            skipping: false,
            max_frame_bytes,
            at_stream_start: true,
        }
    }

    /// Feeds a chunk; returns the frames it completed, in order.
    pub fn push(&mut self, mut chunk: &[u8]) -> Vec<SseItem> {
        let mut out = Vec::new();
        if chunk.is_empty() {
            return out;
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.append_to_line(&chunk[..end]);
            let line = std::mem::take(&mut self.line);
            self.process_line(&line, &mut out);
            self.line = line; // keep the allocation
            self.line.clear();
            let ended_with_cr = chunk[end] == b'\r';
            chunk = &chunk[end + 1..];
            if ended_with_cr {
                match chunk.first() {
                    Some(b'\n') => chunk = &chunk[1..],
                    None => self.after_cr = true,
                    Some(_) => {}
                }
            }
        }
        self.append_to_line(chunk);
        out
    }

    fn append_to_line(&mut self, bytes: &[u8]) {
        self.frame_bytes += bytes.len();
        if self.frame_bytes > self.max_frame_bytes {
            // Stop buffering; the frame is reported when its blank line arrives.
            self.skipping = true;
            self.line.clear();
            self.data.clear();
            return;
        }
        if !self.skipping {
            self.line.extend_from_slice(bytes);
        }
    }

    fn process_line(&mut self, line: &[u8], out: &mut Vec<SseItem>) {
        let mut line = line;
        if self.at_stream_start {
            self.at_stream_start = false;
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if self.skipping || line[0] == b':' {
            return;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        let value = String::from_utf8_lossy(value);
        match field {
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(&value);
                self.has_data = true;
            }
            b"event" => self.event = Some(value.into_owned()),
            b"id" if !value.contains('\0') => self.last_id = Some(value.into_owned()),
            b"retry" => self.retry = value.parse().ok(),
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut Vec<SseItem>) {
        if self.skipping {
            out.push(SseItem::Oversized {
                bytes: self.frame_bytes,
            });
        } else if self.has_data {
            out.push(SseItem::Frame(SseFrame {
                event: self.event.take(),
                data: std::mem::take(&mut self.data),
                id: self.last_id.clone(),
                retry: self.retry.take(),
            }));
        }
        self.data.clear();
        self.has_data = false;
        self.event = None;
        self.retry = None;
        self.frame_bytes = 0;
        self.skipping = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(items: Vec<SseItem>) -> Vec<String> {
        items
            .into_iter()
            .map(|i| match i {
                SseItem::Frame(f) => f.data,
                SseItem::Oversized { bytes } => format!("<oversized {bytes}>"),
            })
            .collect()
    }

    fn feed_in_pieces(input: &[u8], piece: usize) -> Vec<String> {
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in input.chunks(piece) {
            out.extend(frames(parser.push(chunk)));
        }
        out
    }

    #[test]
    fn a_frame_split_at_every_byte_is_the_same_frame() {
        let input = b"data: {\"type\":\"a\"}\n\ndata: second\r\n\r\n";
        for piece in 1..input.len() {
            assert_eq!(
                feed_in_pieces(input, piece),
                vec!["{\"type\":\"a\"}", "second"],
                "piece size {piece}"
            );
        }
    }

    #[test]
    fn multi_line_data_is_joined_with_newlines() {
        let mut parser = SseParser::new();
        let out = frames(parser.push(b"data: one\ndata:two\ndata\n\n"));
        assert_eq!(out, vec!["one\ntwo\n"]);
    }

    #[test]
    fn comments_and_blank_frames_dispatch_nothing() {
        let mut parser = SseParser::new();
        assert!(parser.push(b": keep-alive\n\n\n\nevent: x\n\n").is_empty());
    }

    #[test]
    fn a_cr_at_the_end_of_a_chunk_then_lf_is_one_line_end() {
        let mut parser = SseParser::new();
        assert!(parser.push(b"data: a\r").is_empty());
        // A lone \n after that \r must not count as the blank line that dispatches.
        assert!(parser.push(b"\n").is_empty());
        assert_eq!(frames(parser.push(b"\r\n")), vec!["a"]);
    }

    #[test]
    fn event_id_and_retry_fields_are_read() {
        let mut parser = SseParser::new();
        let items =
            parser.push(b"\xEF\xBB\xBFevent: ping\nid: 7\nretry: 1500\ndata: x\n\ndata: y\n\n");
        let SseItem::Frame(first) = &items[0] else {
            panic!()
        };
        assert_eq!(first.event.as_deref(), Some("ping"));
        assert_eq!(first.id.as_deref(), Some("7"));
        assert_eq!(first.retry, Some(1500));
        let SseItem::Frame(second) = &items[1] else {
            panic!()
        };
        assert_eq!(second.event, None);
        assert_eq!(second.id.as_deref(), Some("7"), "the last id persists");
        assert_eq!(second.retry, None);
    }

    #[test]
    fn a_fifty_megabyte_line_in_small_chunks_arrives_whole() {
        let payload = "x".repeat(50 * 1024 * 1024);
        let input = format!("data: {payload}\n\ndata: after\n\n");
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in input.as_bytes().chunks(64 * 1024) {
            out.extend(parser.push(chunk));
        }
        assert_eq!(out.len(), 2);
        let SseItem::Frame(big) = &out[0] else {
            panic!()
        };
        assert_eq!(big.data.len(), payload.len());
        assert_eq!(frames(vec![out[1].clone()]), vec!["after"]);
    }

    #[test]
    fn an_oversized_frame_is_skipped_and_the_stream_goes_on() {
        let mut parser = SseParser::with_limit(16);
        let out = frames(parser.push(b"data: this line is far too long\n\ndata: ok\n\n"));
        assert_eq!(out.len(), 2);
        assert!(out[0].starts_with("<oversized"), "{out:?}");
        assert_eq!(out[1], "ok");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let mut parser = SseParser::new();
        assert_eq!(frames(parser.push(b"data: a\xFFb\n\n")), vec!["a\u{FFFD}b"]);
    }
}
