//! Figures for the hot paths between the server's bytes and the UI, on synthetic data shaped like
//! the real server's (ids, fields and sizes as 1.18.33 sends them). Prints numbers; asserts
//! nothing about time. Run: `cargo bench -p opencode-client --bench decode`.

#![allow(clippy::print_stdout)] // a benchmark's job is to print its figures

use opencode_client::events::sse::{SseItem, SseParser};
use opencode_client::events::{coalesce_deltas, ServerEvent};
use opencode_client::types::MessageWithParts;
use std::time::{Duration, Instant};

fn delta_frame(i: usize) -> String {
    format!(
        "data: {{\"id\":\"evt_{i:08}\",\"type\":\"message.part.delta\",\"properties\":{{\"sessionID\":\"ses_0123456789abcdefABCDEF\",\"messageID\":\"msg_0123456789abcdefABCDEF\",\"partID\":\"prt_0123456789abcdefABCDEF\",\"field\":\"text\",\"delta\":\"word{i} \"}}}}\n\n"
    )
}

fn message_json(i: usize) -> String {
    let (role_fields, parts) = if i % 2 == 0 {
        (
            r#""role":"user","agent":"build","model":{"providerID":"fake","modelID":"fake-model"}"#
                .to_string(),
            format!(
                r#"[{{"id":"prt_u{i}","sessionID":"ses_1","messageID":"msg_{i}","type":"text","text":"Please change function number {i} so that it handles the empty case."}}]"#
            ),
        )
    } else {
        let output = "line of tool output\n".repeat(20);
        (
            r#""role":"assistant","parentID":"msg_0","modelID":"fake-model","providerID":"fake","mode":"build","agent":"build","path":{"cwd":"/p","root":"/p"},"cost":0.0012,"tokens":{"input":1200,"output":300,"reasoning":0,"cache":{"read":0,"write":0}},"finish":"stop""#.to_string(),
            format!(
                r#"[{{"id":"prt_a{i}","sessionID":"ses_1","messageID":"msg_{i}","type":"step-start"}},{{"id":"prt_b{i}","sessionID":"ses_1","messageID":"msg_{i}","type":"text","text":"I changed the function; here is why it works and what I tested.","time":{{"start":1,"end":2}}}},{{"id":"prt_c{i}","sessionID":"ses_1","messageID":"msg_{i}","type":"tool","callID":"call_{i}","tool":"bash","state":{{"status":"completed","input":{{"command":"cargo test"}},"output":{output:?},"title":"cargo test","metadata":{{}},"time":{{"start":1,"end":2}}}}}},{{"id":"prt_d{i}","sessionID":"ses_1","messageID":"msg_{i}","type":"step-finish","reason":"stop","cost":0.0012,"tokens":{{"input":1200,"output":300,"reasoning":0,"cache":{{"read":0,"write":0}}}}}}]"#
            ),
        )
    };
    format!(
        r#"{{"info":{{"id":"msg_{i}","sessionID":"ses_1","time":{{"created":1700000000000,"completed":1700000001000}},{role_fields}}},"parts":{parts}}}"#
    )
}

fn report(name: &str, count: usize, unit: &str, elapsed: Duration, bytes: usize) {
    let per = elapsed.as_secs_f64() * 1e6 / count as f64;
    let mb_s = bytes as f64 / elapsed.as_secs_f64() / 1e6;
    println!(
        "{name:<44} {count:>7} {unit:<8} {:>9.2} ms total {per:>8.2} µs/{unit} {mb_s:>8.1} MB/s",
        elapsed.as_secs_f64() * 1e3
    );
}

fn main() {
    // 1. A streamed reply: 10,000 delta events through framing and decoding, in 1 KiB chunks.
    let stream: String = (0..10_000).map(delta_frame).collect();
    let start = Instant::now();
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    for chunk in stream.as_bytes().chunks(1024) {
        for item in parser.push(chunk) {
            if let SseItem::Frame(frame) = item {
                events.push(ServerEvent::from_json(&frame.data));
            }
        }
    }
    report(
        "sse+decode: message.part.delta",
        events.len(),
        "event",
        start.elapsed(),
        stream.len(),
    );
    assert!(events
        .iter()
        .all(|e| matches!(e, ServerEvent::PartDelta { .. })));

    // 2. A frame's worth of deltas merged before crossing to the UI.
    let start = Instant::now();
    coalesce_deltas(&mut events);
    report(
        "coalesce 10,000 deltas of one part",
        10_000,
        "event",
        start.elapsed(),
        0,
    );
    assert_eq!(events.len(), 1);

    // 3. Opening a long session: decode pages of messages (tail first, 100 at a time) and all.
    for count in [100usize, 3_000, 30_000] {
        let body = format!(
            "[{}]",
            (0..count).map(message_json).collect::<Vec<_>>().join(",")
        );
        let start = Instant::now();
        let messages: Vec<MessageWithParts> = serde_json::from_str(&body).expect("decodes");
        report(
            &format!("decode {count} messages ({} KB)", body.len() / 1024),
            messages.len(),
            "message",
            start.elapsed(),
            body.len(),
        );
    }

    // 4. One 50 MB tool output in a single event, in 64 KiB chunks.
    let big = format!(
        "data: {{\"type\":\"message.part.updated\",\"properties\":{{\"part\":{{\"id\":\"prt_1\",\"sessionID\":\"s\",\"messageID\":\"m\",\"type\":\"tool\",\"callID\":\"c\",\"tool\":\"bash\",\"state\":{{\"status\":\"completed\",\"input\":{{}},\"output\":\"{}\",\"title\":\"t\",\"metadata\":{{}},\"time\":{{\"start\":1,\"end\":2}}}}}}}}}}\n\n",
        "x".repeat(50 * 1024 * 1024)
    );
    let start = Instant::now();
    let mut parser = SseParser::new();
    let mut decoded = 0;
    for chunk in big.as_bytes().chunks(64 * 1024) {
        for item in parser.push(chunk) {
            if let SseItem::Frame(frame) = item {
                if matches!(
                    ServerEvent::from_json(&frame.data),
                    ServerEvent::PartUpdated { .. }
                ) {
                    decoded += 1;
                }
            }
        }
    }
    report(
        "sse+decode: one 50 MB tool output",
        decoded,
        "event",
        start.elapsed(),
        big.len(),
    );
}
