//! What of a message goes into the cache: its JSON with every attachment's bytes taken out, the
//! text a search reads, and the key it sorts by. Pure functions on `serde_json::Value`, so this
//! crate does not depend on the client's wire types (a newer server's fields pass through).

use serde_json::Value;

/// Replaces every `data:` URL held in a `url` field (a file part's attachment, a tool's
/// attachments, at any depth) with an empty string: the cache never holds an attachment's bytes.
/// Other URLs (`file://`, `https://`) are only names and stay. Returns how many were taken out.
pub fn strip_attachment_bytes(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => {
            let mut stripped = 0;
            for (key, field) in map.iter_mut() {
                let is_data_url = key == "url"
                    && field.as_str().is_some_and(|s| {
                        s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
                    });
                if is_data_url {
                    *field = Value::String(String::new());
                    stripped += 1;
                } else {
                    stripped += strip_attachment_bytes(field);
                }
            }
            stripped
        }
        Value::Array(items) => items.iter_mut().map(strip_attachment_bytes).sum(),
        _ => 0,
    }
}

/// The words a search looks at in one `{info, parts}` message: its text parts, one per line.
/// Reasoning, tool input and output are left out: the search is over what was said.
pub fn searchable_text(message: &Value) -> String {
    let mut text = String::new();
    for part in message["parts"].as_array().into_iter().flatten() {
        if part["type"] == "text" {
            if let Some(t) = part["text"].as_str() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(t);
            }
        }
    }
    text
}

/// The message's id and creation time (ms), which order a session's messages.
pub fn message_key(message: &Value) -> Option<(&str, f64)> {
    let info = &message["info"];
    let id = info["id"].as_str()?;
    let created = info["time"]["created"].as_f64().unwrap_or(0.0);
    Some((id, created))
}

/// A few words around the first place `query`'s first word occurs in `text` (case-insensitive),
/// on one line: what a search result shows. The whole start of the text when the word is not
/// found as such (an FTS match on a word form).
pub fn snippet(text: &str, query: &str) -> String {
    const AROUND: usize = 60;
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let lower = flat.to_lowercase();
    let word = query
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches('"')
        .to_lowercase();
    // Lowercasing can change byte lengths (rare letters); fall back to the start then.
    let at = if word.is_empty() || lower.len() != flat.len() {
        None
    } else {
        lower.find(&word)
    };
    let (start, end) = match at {
        Some(at) => (
            at.saturating_sub(AROUND),
            (at + word.len() + AROUND).min(flat.len()),
        ),
        None => (0, (2 * AROUND).min(flat.len())),
    };
    let start = floor_char_boundary(&flat, start);
    let end = floor_char_boundary(&flat, end);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(flat[start..end].trim());
    if end < flat.len() {
        out.push('…');
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn data_urls_are_taken_out_at_any_depth_and_other_urls_stay() {
        let mut message = json!({
            "info": {"id": "msg_1"},
            "parts": [
                {"type": "file", "mime": "image/png", "filename": "a.png", "url": "data:image/png;base64,AAAA"},
                {"type": "file", "mime": "text/plain", "url": "file:///home/me/notes.txt"},
                {"type": "tool", "state": {"status": "completed", "attachments": [
                    {"type": "file", "url": "DATA:application/pdf;base64,JVBE"}
                ]}}
            ]
        });
        assert_eq!(strip_attachment_bytes(&mut message), 2);
        assert_eq!(message["parts"][0]["url"], "");
        assert_eq!(message["parts"][0]["filename"], "a.png");
        assert_eq!(message["parts"][1]["url"], "file:///home/me/notes.txt");
        assert_eq!(message["parts"][2]["state"]["attachments"][0]["url"], "");
        assert!(!message.to_string().contains("base64"));
    }

    #[test]
    fn only_text_parts_are_searchable() {
        let message = json!({"parts": [
            {"type": "text", "text": "hello"},
            {"type": "reasoning", "text": "secret thoughts"},
            {"type": "tool", "state": {"output": "ls output"}},
            {"type": "text", "text": "world"}
        ]});
        assert_eq!(searchable_text(&message), "hello\nworld");
    }

    #[test]
    fn a_snippet_is_cut_around_the_word_on_one_line() {
        let text = format!(
            "{}\nthe needle is here\n{}",
            "a ".repeat(100),
            "b ".repeat(100)
        );
        let s = snippet(&text, "Needle");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("the needle is here"), "{s}");
        assert!(!s.contains('\n'));
        assert_eq!(snippet("short text", "absent"), "short text");
        assert_eq!(snippet("ééé needle ééé", "needle"), "ééé needle ééé");
    }
}
