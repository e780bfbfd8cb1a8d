use super::*;
use serde_json::json;

fn meta(session: &str, title: &str) -> SessionMeta {
    SessionMeta {
        server: "local".into(),
        directory: "/home/me/web".into(),
        session_id: session.into(),
        title: title.into(),
        updated: 1_000.0,
        info: Some(json!({"id": session, "title": title})),
    }
}

fn message(id: &str, created: f64, text: &str) -> Value {
    json!({
        "info": {"id": id, "role": "assistant", "time": {"created": created}},
        "parts": [{"type": "text", "id": format!("prt_{id}"), "text": text}]
    })
}

fn ids(copy: &SessionCopy) -> Vec<String> {
    copy.messages
        .iter()
        .map(|m| {
            serde_json::from_str::<Value>(m).unwrap()["info"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn db() -> (tempfile::TempDir, SessionCache) {
    let dir = tempfile::tempdir().unwrap();
    let cache = SessionCache::open(&dir.path().join("copies.sqlite")).unwrap();
    (dir, cache)
}

#[test]
fn a_kept_page_reads_back_in_order_with_its_session() {
    let (_dir, mut cache) = db();
    let page = vec![
        message("msg_b", 2.0, "second"),
        message("msg_a", 1.0, "first"),
    ];
    cache
        .put_page(&meta("ses_1", "Fix the build"), &page, true, 50.0)
        .unwrap();
    let copy = cache.get("local", "ses_1", 60.0).unwrap().unwrap();
    assert_eq!(ids(&copy), ["msg_a", "msg_b"]);
    assert_eq!(copy.session.title, "Fix the build");
    assert_eq!(copy.session.directory, "/home/me/web");
    assert_eq!(copy.session.cached_at, 50.0);
    assert_eq!(copy.session.message_count, 2);
    assert!(copy.session.info.unwrap().contains("Fix the build"));
    assert!(cache.get("local", "ses_other", 60.0).unwrap().is_none());
    assert!(cache
        .get("http://laptop:4096", "ses_1", 60.0)
        .unwrap()
        .is_none());
}

#[test]
fn the_copy_survives_reopening_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copies.sqlite");
    {
        let mut cache = SessionCache::open(&path).unwrap();
        cache
            .put_page(
                &meta("ses_1", "Kept"),
                &[message("msg_a", 1.0, "hello")],
                true,
                1.0,
            )
            .unwrap();
    }
    let mut cache = SessionCache::open(&path).unwrap();
    assert_eq!(
        ids(&cache.get("local", "ses_1", 2.0).unwrap().unwrap()),
        ["msg_a"]
    );
    assert_eq!(
        cache
            .search("local", "/home/me/web", "hello", 10)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_older_page_adds_and_a_new_tail_replaces_from_its_first_message() {
    let (_dir, mut cache) = db();
    let m = meta("ses_1", "T");
    cache
        .put_page(
            &m,
            &[message("msg_3", 3.0, "c"), message("msg_4", 4.0, "d")],
            true,
            1.0,
        )
        .unwrap();
    cache
        .put_page(
            &m,
            &[message("msg_1", 1.0, "a"), message("msg_2", 2.0, "b")],
            false,
            2.0,
        )
        .unwrap();
    assert_eq!(
        ids(&cache.get("local", "ses_1", 3.0).unwrap().unwrap()),
        ["msg_1", "msg_2", "msg_3", "msg_4"]
    );
    // A revert took msg_4 away and a new reply came: the tail page from msg_3 on is the truth.
    cache
        .put_page(
            &m,
            &[message("msg_3", 3.0, "c"), message("msg_5", 5.0, "e")],
            true,
            4.0,
        )
        .unwrap();
    let copy = cache.get("local", "ses_1", 5.0).unwrap().unwrap();
    assert_eq!(ids(&copy), ["msg_1", "msg_2", "msg_3", "msg_5"]);
    assert_eq!(copy.session.message_count, 4);
    assert!(cache
        .search("local", "/home/me/web", "d", 10)
        .unwrap()
        .is_empty());
    // An empty tail: the session has no messages any more.
    cache.put_page(&m, &[], true, 6.0).unwrap();
    assert!(cache
        .get("local", "ses_1", 7.0)
        .unwrap()
        .unwrap()
        .messages
        .is_empty());
}

#[test]
fn attachments_bytes_are_never_stored() {
    let (dir, mut cache) = db();
    let secret = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=".repeat(50);
    let with_image = json!({
        "info": {"id": "msg_a", "time": {"created": 1.0}},
        "parts": [
            {"type": "text", "text": "look at this"},
            {"type": "file", "mime": "image/png", "filename": "shot.png", "url": format!("data:image/png;base64,{secret}")}
        ]
    });
    cache
        .put_page(&meta("ses_1", "T"), &[with_image], true, 1.0)
        .unwrap();
    let copy = cache.get("local", "ses_1", 2.0).unwrap().unwrap();
    assert!(copy.messages[0].contains("shot.png"));
    assert!(!copy.messages[0].contains(&secret[..40]));
    drop(cache);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let hay = String::from_utf8_lossy(&bytes);
        assert!(!hay.contains(&secret[..40]), "attachment bytes on disk");
    }
}

#[test]
fn lists_a_projects_sessions_newest_first() {
    let (_dir, mut cache) = db();
    let mut older = meta("ses_old", "Older");
    older.updated = 10.0;
    let mut newer = meta("ses_new", "Newer");
    newer.updated = 20.0;
    let mut elsewhere = meta("ses_else", "Other project");
    elsewhere.directory = "/home/me/api".into();
    let mut remote = meta("ses_remote", "Remote");
    remote.server = "https://box:4096".into();
    for m in [&older, &newer, &elsewhere, &remote] {
        cache
            .put_page(m, &[message("msg_a", 1.0, "x")], true, 1.0)
            .unwrap();
    }
    // A session opened before anything was said in it: nothing to read, so not offered.
    cache
        .put_page(&meta("ses_empty", "Empty"), &[], true, 1.0)
        .unwrap();
    let titles: Vec<String> = cache
        .list("local", "/home/me/web")
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["Newer", "Older"]);
}

fn search_finds_titles_and_text(mut cache: SessionCache) {
    let m = meta("ses_1", "Deploy the website");
    let page = vec![
        message("msg_a", 1.0, "We should use the blue–green rollout."),
        message("msg_b", 2.0, "The CANARY went fine; 100% of traffic moved."),
    ];
    cache.put_page(&m, &page, true, 1.0).unwrap();
    cache
        .put_page(
            &meta("ses_2", "Unrelated"),
            &[message("msg_c", 1.0, "nothing here")],
            true,
            1.0,
        )
        .unwrap();
    let hits = cache
        .search("local", "/home/me/web", "website", 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].message_id, None);
    assert_eq!(hits[0].session.session_id, "ses_1");
    let hits = cache.search("local", "/home/me/web", "canary", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].message_id.as_deref(), Some("msg_b"));
    assert!(
        hits[0].snippet.contains("CANARY went fine"),
        "{}",
        hits[0].snippet
    );
    // Several words must all be there; operators and wildcards are plain text.
    assert_eq!(
        cache
            .search("local", "/home/me/web", "canary traffic", 10)
            .unwrap()
            .len(),
        1
    );
    assert!(cache
        .search("local", "/home/me/web", "canary nowhere", 10)
        .unwrap()
        .is_empty());
    assert!(cache
        .search("local", "/home/me/web", "\"OR* %", 10)
        .unwrap()
        .is_empty());
    assert!(cache
        .search("local", "/home/me/api", "canary", 10)
        .unwrap()
        .is_empty());
    assert!(cache
        .search("local", "/home/me/web", "  ", 10)
        .unwrap()
        .is_empty());
    assert_eq!(
        cache.search("local", "/home/me/web", "e", 1).unwrap().len(),
        1
    );
}

#[test]
fn search_finds_titles_and_text_with_fts5() {
    let (_dir, cache) = db();
    assert_eq!(
        cache.search_kind(),
        SearchKind::Fts5,
        "Debian's SQLite has FTS5"
    );
    search_finds_titles_and_text(cache);
}

#[test]
fn fts5_puts_the_most_relevant_message_first_not_the_most_recent() {
    let (_dir, mut cache) = db();
    let newer = SessionMeta {
        updated: 2_000.0,
        ..meta("ses_new", "Release notes")
    };
    let long = format!(
        "{} the canary went out {}",
        "words ".repeat(80),
        "more ".repeat(80)
    );
    cache
        .put_page(&newer, &[message("msg_long", 2.0, &long)], true, 10.0)
        .unwrap();
    let about = "Canary deploys: a canary first, then the canary widens.";
    cache
        .put_page(
            &meta("ses_old", "Deploys"),
            &[message("msg_about", 1.0, about)],
            true,
            10.0,
        )
        .unwrap();
    let hits = cache.search("local", "/home/me/web", "canary", 10).unwrap();
    let order: Vec<_> = hits.iter().map(|h| h.message_id.as_deref()).collect();
    assert_eq!(order, [Some("msg_about"), Some("msg_long")]);
}

#[test]
fn search_finds_titles_and_text_with_like() {
    let dir = tempfile::tempdir().unwrap();
    let cache = SessionCache::open_without_fts(&dir.path().join("copies.sqlite")).unwrap();
    assert_eq!(cache.search_kind(), SearchKind::Like);
    search_finds_titles_and_text(cache);
}

#[test]
fn past_the_cap_the_least_recently_opened_go_first() {
    let (_dir, mut cache) = db();
    let big = "x".repeat(10_000);
    for (i, s) in ["ses_1", "ses_2", "ses_3"].iter().enumerate() {
        cache
            .put_page(&meta(s, s), &[message("msg_a", 1.0, &big)], true, i as f64)
            .unwrap();
    }
    // ses_1 was opened again (read), so ses_2 is now the least recently opened.
    cache.get("local", "ses_1", 10.0).unwrap();
    let one = cache.list("local", "/home/me/web").unwrap()[0].bytes;
    cache.set_cap(3 * one + one / 2);
    cache
        .put_page(
            &meta("ses_4", "ses_4"),
            &[message("msg_a", 1.0, &big)],
            true,
            11.0,
        )
        .unwrap();
    let mut left: Vec<String> = cache
        .list("local", "/home/me/web")
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    left.sort();
    assert_eq!(left, ["ses_1", "ses_3", "ses_4"]);
    assert!(cache
        .search("local", "/home/me/web", "ses_2", 10)
        .unwrap()
        .is_empty());
    // A cap smaller than one session keeps the one just written.
    cache.set_cap(1);
    cache
        .put_page(
            &meta("ses_5", "ses_5"),
            &[message("msg_a", 1.0, &big)],
            true,
            12.0,
        )
        .unwrap();
    assert_eq!(cache.stats().unwrap().sessions, 1);
}

#[test]
fn clear_forgets_everything_and_gives_the_space_back() {
    let (_dir, mut cache) = db();
    let big = "lorem ipsum ".repeat(20_000);
    for s in ["ses_1", "ses_2"] {
        cache
            .put_page(&meta(s, s), &[message("msg_a", 1.0, &big)], true, 1.0)
            .unwrap();
    }
    let before = cache.stats().unwrap();
    assert_eq!(before.sessions, 2);
    assert!(before.file_bytes > 400_000, "{before:?}");
    cache.clear().unwrap();
    let after = cache.stats().unwrap();
    assert_eq!((after.sessions, after.content_bytes), (0, 0));
    assert!(
        after.file_bytes < before.file_bytes / 4,
        "{before:?} {after:?}"
    );
    assert!(cache.list("local", "/home/me/web").unwrap().is_empty());
    assert!(cache
        .search("local", "/home/me/web", "lorem", 10)
        .unwrap()
        .is_empty());
}

#[test]
fn remove_forgets_one_session() {
    let (_dir, mut cache) = db();
    cache
        .put_page(
            &meta("ses_1", "One"),
            &[message("msg_a", 1.0, "alpha")],
            true,
            1.0,
        )
        .unwrap();
    cache
        .put_page(
            &meta("ses_2", "Two"),
            &[message("msg_a", 1.0, "alpha")],
            true,
            1.0,
        )
        .unwrap();
    cache.remove("local", "ses_1").unwrap();
    let hits = cache.search("local", "/home/me/web", "alpha", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].session.session_id, "ses_2");
}

#[test]
fn server_keys_never_hold_credentials_and_local_servers_share_one() {
    assert_eq!(server_key("http://127.0.0.1:4096"), "local");
    assert_eq!(server_key("http://127.0.0.1:39211/"), "local");
    assert_eq!(server_key("http://localhost:4096"), "local");
    assert_eq!(server_key("http://[::1]:4096"), "local");
    assert_eq!(server_key(""), "local");
    assert_eq!(
        server_key("https://opencode:hunter2@Box.example:8443/path?x=1"),
        "https://box.example:8443"
    );
    assert_eq!(
        server_key("http://192.168.1.20:4096"),
        "http://192.168.1.20:4096"
    );
}
