//! Prints the offline copies' figures (asserts nothing): the database's size for 100 sessions of
//! 300 messages, and the time to read a 3,000-message session back (rows, then parsed as JSON).
//! `cargo run --release -p session-cache --example figures`
#![allow(clippy::print_stdout)]

use serde_json::{json, Value};
use session_cache::{SessionCache, SessionMeta};
use std::time::Instant;

/// A message shaped like a real one: a user prompt, or a reply with a step, text, a tool call
/// and its output, a few KB in all (bench/session.mjs's proportions).
fn message(session: usize, i: usize) -> Value {
    let id = format!("msg_{session:04}_{i:05}");
    let created = 1_700_000_000_000.0 + i as f64 * 1000.0;
    if i.is_multiple_of(2) {
        return json!({
            "info": {"id": id, "sessionID": format!("ses_{session}"), "role": "user", "time": {"created": created}},
            "parts": [{"id": format!("prt_{id}_0"), "type": "text", "text": format!("Please look at module {i} and make the tests pass; the failure mentions widget_{i}.")}]
        });
    }
    let prose = format!("I read src/module_{i}.rs. The function `parse_widget` returns early when the header is empty, so the test sees None. ").repeat(4);
    let output = format!(
        "running 12 tests\n{}test result: ok. 12 passed\n",
        "test widgets::parses ... ok\n".repeat(12)
    );
    json!({
        "info": {"id": id, "sessionID": format!("ses_{session}"), "role": "assistant", "time": {"created": created, "completed": created + 900.0},
                  "modelID": "fake-model", "providerID": "fake", "cost": 0.0012, "tokens": {"input": 1200, "output": 340, "reasoning": 0, "cache": {"read": 0, "write": 0}}},
        "parts": [
            {"id": format!("prt_{id}_0"), "type": "step-start"},
            {"id": format!("prt_{id}_1"), "type": "text", "text": prose},
            {"id": format!("prt_{id}_2"), "type": "tool", "tool": "bash", "callID": format!("call_{i}"),
             "state": {"status": "completed", "input": {"command": "cargo test", "description": "Run the tests"}, "output": output, "title": "cargo test", "time": {"start": created, "end": created + 500.0}}},
            {"id": format!("prt_{id}_3"), "type": "step-finish", "cost": 0.0012, "tokens": {"input": 1200, "output": 340}}
        ]
    })
}

fn meta(session: usize) -> SessionMeta {
    SessionMeta {
        server: "local".into(),
        directory: "/home/me/project".into(),
        session_id: format!("ses_{session}"),
        title: format!("Session number {session}"),
        updated: 1_700_000_000_000.0 + session as f64,
        info: Some(
            json!({"id": format!("ses_{session}"), "title": format!("Session number {session}")}),
        ),
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cache = SessionCache::open(&dir.path().join("copies.sqlite")).expect("open");
    let started = Instant::now();
    let mut raw = 0usize;
    for s in 0..100 {
        let page: Vec<Value> = (0..300).map(|i| message(s, i)).collect();
        raw += page.iter().map(|m| m.to_string().len()).sum::<usize>();
        cache
            .put_page(&meta(s), &page, true, s as f64)
            .expect("put");
    }
    let write = started.elapsed();
    let stats = cache.stats().expect("stats");
    println!(
        "100 sessions x 300 messages: {:.1} MB of message JSON, database {:.1} MB on disk (cap counts {:.1} MB), written in {:.2} s",
        raw as f64 / 1e6,
        stats.file_bytes as f64 / 1e6,
        stats.content_bytes as f64 / 1e6,
        write.as_secs_f64()
    );

    let page: Vec<Value> = (0..3000).map(|i| message(1000, i)).collect();
    let bytes: usize = page.iter().map(|m| m.to_string().len()).sum();
    let t = Instant::now();
    cache.put_page(&meta(1000), &page, true, 1e6).expect("put");
    println!(
        "a 3,000-message session ({:.1} MB): kept in {:.0} ms",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    for round in 1..=3 {
        let t = Instant::now();
        let copy = cache
            .get("local", "ses_1000", 2e6)
            .expect("get")
            .expect("kept");
        let read = t.elapsed();
        let parsed: Vec<Value> = copy
            .messages
            .iter()
            .map(|m| serde_json::from_str(m).expect("json"))
            .collect();
        println!(
            "read it back (round {round}): {} messages in {:.1} ms, parsed as JSON after {:.1} ms",
            parsed.len(),
            read.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let hits = cache
        .search("local", "/home/me/project", "widget_2998", 20)
        .expect("search");
    println!(
        "search for a word in one old reply: {} hit(s) in {:.1} ms",
        hits.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
}
