//! One websocket message of a terminal → what it means. Pure, so every shape is tested without a
//! server.
//!
//! OpenCode 1.18.33 (measured): on connect it sends what the terminal wrote so far (or since
//! `?cursor=`) as a text frame, then a binary control frame: a 0 byte and JSON `{"cursor": N}`,
//! N being the output up to there in UTF-16 units (the server's JavaScript string length, not
//! bytes: measured with non-ASCII output); live output follows as text frames, uncounted. Keystrokes go as
//! text frames; a resize is `PUT /pty/{id}`, not a frame.
//! Any other binary frame is output bytes; a UTF-8 sequence split across frames is kept until its
//! end arrives, and bytes that are not UTF-8 become U+FFFD instead of ending the terminal.

use tokio_tungstenite::tungstenite::Message;

#[derive(Debug, PartialEq)]
pub enum Frame {
    Output(String),
    /// Where the output sent so far ends, for `?cursor=` on a reconnect.
    Cursor(u64),
    /// Answer with a pong carrying the same bytes.
    Ping(bytes::Bytes),
    /// The server closed the socket, with its reason if it gave one.
    Close(Option<String>),
    /// A control frame this client does not know, a pong, or garbage: nothing to show.
    Ignored,
}

pub fn classify(message: Message, text: &mut Utf8Stream) -> Frame {
    match message {
        Message::Text(output) => {
            // A text frame is whole UTF-8; what a binary frame left unfinished cannot continue.
            let mut out = text.flush();
            out.push_str(output.as_str());
            Frame::Output(out)
        }
        Message::Binary(bytes) => match bytes.split_first() {
            Some((0, control)) => match serde_json::from_slice::<Control>(control) {
                Ok(Control {
                    cursor: Some(cursor),
                }) if cursor >= 0.0 => Frame::Cursor(cursor as u64),
                _ => Frame::Ignored,
            },
            _ => Frame::Output(text.push(&bytes)),
        },
        Message::Ping(payload) => Frame::Ping(payload),
        Message::Close(close) => Frame::Close(close.map(|c| c.reason.to_string())),
        Message::Pong(_) | Message::Frame(_) => Frame::Ignored,
    }
}

#[derive(serde::Deserialize)]
struct Control {
    cursor: Option<f64>,
}

/// Bytes in, whole UTF-8 text out: an incomplete sequence at the end waits for the next bytes.
#[derive(Debug, Default)]
pub struct Utf8Stream {
    held: Vec<u8>,
}

impl Utf8Stream {
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.held.extend_from_slice(bytes);
        let (valid_up_to, incomplete) = match std::str::from_utf8(&self.held) {
            Ok(_) => (self.held.len(), false),
            Err(e) => (e.valid_up_to(), e.error_len().is_none()),
        };
        if incomplete {
            // Only the last (at most 3) bytes may be an unfinished sequence.
            let tail = self.held.split_off(valid_up_to);
            let out = String::from_utf8_lossy(&self.held).into_owned();
            self.held = tail;
            return out;
        }
        let out = String::from_utf8_lossy(&self.held).into_owned();
        self.held.clear();
        out
    }

    /// Whatever is held, as text (an unfinished sequence becomes U+FFFD).
    pub fn flush(&mut self) -> String {
        let out = String::from_utf8_lossy(&self.held).into_owned();
        self.held.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
    use tokio_tungstenite::tungstenite::protocol::CloseFrame;

    fn binary(bytes: &[u8]) -> Message {
        Message::Binary(bytes::Bytes::copy_from_slice(bytes))
    }

    #[test]
    fn text_is_output() {
        let mut text = Utf8Stream::default();
        assert_eq!(
            classify(Message::text("desk-1\r\n"), &mut text),
            Frame::Output("desk-1\r\n".into())
        );
    }

    #[test]
    fn a_zero_led_binary_frame_carries_the_cursor() {
        let mut text = Utf8Stream::default();
        assert_eq!(
            classify(binary(b"\0{\"cursor\":1234}"), &mut text),
            Frame::Cursor(1234)
        );
        // Garbage after the zero byte, or a control this client does not know: nothing shown.
        assert_eq!(classify(binary(b"\0{not json"), &mut text), Frame::Ignored);
        assert_eq!(
            classify(binary(b"\0{\"later\":1}"), &mut text),
            Frame::Ignored
        );
        assert_eq!(
            classify(binary(b"\0{\"cursor\":-1}"), &mut text),
            Frame::Ignored
        );
    }

    #[test]
    fn a_character_split_across_binary_frames_is_whole() {
        let mut text = Utf8Stream::default();
        let euro = "€".as_bytes();
        assert_eq!(
            classify(binary(&[b'a', euro[0]]), &mut text),
            Frame::Output("a".into())
        );
        assert_eq!(
            classify(binary(&euro[1..]), &mut text),
            Frame::Output("€".into())
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_show_as_replacements_and_the_stream_goes_on() {
        let mut text = Utf8Stream::default();
        assert_eq!(
            classify(binary(&[0xff, b'o', b'k']), &mut text),
            Frame::Output("\u{fffd}ok".into())
        );
        assert_eq!(
            classify(binary(b"next"), &mut text),
            Frame::Output("next".into())
        );
    }

    #[test]
    fn close_keeps_the_servers_reason() {
        let mut text = Utf8Stream::default();
        let close = Message::Close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "pty exited".into(),
        }));
        assert_eq!(
            classify(close, &mut text),
            Frame::Close(Some("pty exited".into()))
        );
        assert_eq!(
            classify(Message::Close(None), &mut text),
            Frame::Close(None)
        );
    }
}
