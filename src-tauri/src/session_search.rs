//! Search over a project's sessions (issue 20, "Search everything"): titles from the live server,
//! text from the offline copies, merged into one list, best first. Tauri-free; the command in
//! `commands/sessions.rs` only adapts it.
//!
//! What each source covers, measured on OpenCode 1.18.33: `GET /session?search=` matches titles
//! only (an SQL `LIKE '%q%'`: case-insensitive, the whole query as one piece, `%` and `_` as
//! wildcards), never a message's text, and no other route searches text. So the text comes from
//! the offline copies (`session_cache`: the sessions the user opened here, as last seen). The
//! server is asked for the query's longest word and its answer filtered here to titles holding
//! every word literally, the way the copies match titles, so both sources agree on what a title
//! match is and a `%` typed is a `%`.
//!
//! Invariant: one hit per (session, message), a session's title at most once; title hits first
//! (the most recently updated first), then text hits in the copies' order (FTS5's relevance), at
//! most `PER_SESSION` of one session's messages, so one long session cannot fill the list.

use crate::error::{CommandError, ErrorKind};
use crate::offline_copies::{CopyHit, OfflineCopies};
use opencode_client::types::Session;
use opencode_client::{Client, SessionListQuery};
use serde::Serialize;
use std::collections::HashSet;

/// Hits returned at most.
pub const LIMIT: usize = 50;
/// Messages of one session listed at most.
pub const PER_SESSION: usize = 5;
/// Titles asked of the server at most.
const SERVER_TITLES: u32 = 100;

/// One result: a session whose title matched (`message_id: None`) or one of its messages.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SessionHit {
    pub session_id: String,
    /// The live title when the server gave it, else the copy's.
    pub title: String,
    /// The parent session of a sub-agent's session.
    pub parent_id: Option<String>,
    /// The session's last update, ms.
    pub updated: f64,
    pub message_id: Option<String>,
    /// The title, or a line of the message's text around the first word of the query.
    pub snippet: String,
}

/// The query's words, lowercased; an empty query is refused.
fn words_of(query: &str) -> Result<Vec<String>, CommandError> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "Type a word to search the sessions for.",
        ));
    }
    Ok(words)
}

fn title_holds(title: &str, words: &[String]) -> bool {
    let title = title.to_lowercase();
    words.iter().all(|w| title.contains(w.as_str()))
}

/// Searches the sessions of the client's project: titles on the server, text in the copies kept
/// under `copies_key`. The server's failure (unreachable, refused) is the command's error: with
/// the server down the window shows the copies' own search instead.
pub async fn search(
    client: &Client,
    copies: &OfflineCopies,
    copies_key: String,
    query: &str,
) -> Result<Vec<SessionHit>, CommandError> {
    let words = words_of(query)?;
    let longest = words
        .iter()
        .max_by_key(|w| w.chars().count())
        .cloned()
        .unwrap_or_default();
    let directory = client.directory().unwrap_or_default().to_string();
    let list = SessionListQuery {
        search: Some(longest),
        limit: Some(SERVER_TITLES),
        ..Default::default()
    };
    // The copies have room for every session's share and more: `merge` cuts.
    let (titles, kept) = tokio::join!(
        client.sessions(&list),
        copies.search(
            copies_key,
            directory,
            query.to_string(),
            LIMIT * PER_SESSION
        )
    );
    let titles = titles?;
    let kept = kept.unwrap_or_else(|error| {
        // The titles still answer; the copies' failure only costs the text hits.
        tracing::warn!(%error, "session search: offline copies not searched");
        Vec::new()
    });
    Ok(merge(titles, kept, &words, LIMIT))
}

/// Title hits (the server's, then the copies' for sessions it did not name), then text hits,
/// de-duplicated and cut as the module says.
pub fn merge(
    mut titles: Vec<Session>,
    kept: Vec<CopyHit>,
    words: &[String],
    limit: usize,
) -> Vec<SessionHit> {
    titles.retain(|s| title_holds(&s.title, words));
    titles.sort_by(|a, b| b.time.updated.total_cmp(&a.time.updated));
    let live_titles: std::collections::HashMap<String, String> = titles
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    let mut hits: Vec<SessionHit> = titles
        .into_iter()
        .map(|s| SessionHit {
            snippet: s.title.clone(),
            session_id: s.id,
            title: s.title,
            parent_id: s.parent_id,
            updated: s.time.updated,
            message_id: None,
        })
        .collect();
    let mut seen: HashSet<(String, Option<String>)> =
        hits.iter().map(|h| (h.session_id.clone(), None)).collect();
    let mut per_session: std::collections::HashMap<String, usize> = Default::default();
    // The copies list their title hits first: those the server did not name join the titles.
    let (kept_titles, kept_text): (Vec<CopyHit>, Vec<CopyHit>) =
        kept.into_iter().partition(|h| h.message_id.is_none());
    for hit in kept_titles.into_iter().chain(kept_text) {
        let id = hit.summary.session_id.clone();
        if !seen.insert((id.clone(), hit.message_id.clone())) {
            continue;
        }
        if hit.message_id.is_some() {
            let count = per_session.entry(id.clone()).or_default();
            if *count == PER_SESSION {
                continue;
            }
            *count += 1;
        }
        let title = live_titles
            .get(&id)
            .cloned()
            .unwrap_or_else(|| hit.summary.title.clone());
        let is_title = hit.message_id.is_none();
        hits.push(SessionHit {
            snippet: if is_title { title.clone() } else { hit.snippet },
            parent_id: hit.summary.session.and_then(|s| s.parent_id),
            session_id: id,
            title,
            updated: hit.summary.updated,
            message_id: hit.message_id,
        });
    }
    // The copies' title hits came after the server's: the titles stay together, newest first.
    let titles_end = hits.iter().take_while(|h| h.message_id.is_none()).count();
    hits[..titles_end].sort_by(|a, b| b.updated.total_cmp(&a.updated));
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offline_copies::CopySummary;
    use opencode_client::types::{PromptInput, SessionCreate};
    use testkit::{FakeModel, Reply, TestServer};

    fn session(id: &str, title: &str, updated: f64) -> Session {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": title, "time": {"created": 1.0, "updated": updated}
        }))
        .unwrap()
    }

    fn kept(id: &str, title: &str, message: Option<&str>, snippet: &str) -> CopyHit {
        CopyHit {
            summary: CopySummary {
                session_id: id.into(),
                title: title.into(),
                updated: 5.0,
                cached_at: 5.0,
                message_count: 3,
                session: None,
            },
            message_id: message.map(str::to_string),
            snippet: snippet.into(),
        }
    }

    fn words(q: &str) -> Vec<String> {
        words_of(q).unwrap()
    }

    #[test]
    fn titles_come_first_then_text_each_once_with_the_live_title() {
        let titles = vec![
            session("ses_a", "Deploy the canary", 10.0),
            session("ses_b", "Canary rollback", 20.0),
        ];
        let copies = vec![
            // The copy's title is older than the server's.
            kept("ses_a", "Deploy canary", None, "Deploy canary"),
            kept("ses_c", "Old canary notes", None, "Old canary notes"),
            kept(
                "ses_a",
                "Deploy canary",
                Some("msg_1"),
                "…the canary went out…",
            ),
            kept(
                "ses_a",
                "Deploy canary",
                Some("msg_1"),
                "…the canary went out…",
            ),
            kept("ses_d", "Other", Some("msg_9"), "a canary here"),
        ];
        let hits = merge(titles, copies, &words("canary"), 50);
        let got: Vec<(&str, Option<&str>, &str)> = hits
            .iter()
            .map(|h| {
                (
                    h.session_id.as_str(),
                    h.message_id.as_deref(),
                    h.title.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("ses_b", None, "Canary rollback"),
                ("ses_a", None, "Deploy the canary"),
                ("ses_c", None, "Old canary notes"),
                ("ses_a", Some("msg_1"), "Deploy the canary"),
                ("ses_d", Some("msg_9"), "Other"),
            ]
        );
        assert_eq!(hits[3].snippet, "…the canary went out…");
    }

    #[test]
    fn a_server_title_must_hold_every_word_literally() {
        // The server matched "canary" (the longest word) or a `%` as a wildcard.
        let titles = vec![
            session("ses_a", "canary deploy", 1.0),
            session("ses_b", "canary only", 2.0),
            session("ses_c", "50% done", 3.0),
            session("ses_d", "all done", 4.0),
        ];
        let hits = merge(titles.clone(), Vec::new(), &words("Deploy canary"), 50);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].session_id, "ses_a");
        let hits = merge(titles, Vec::new(), &words("%"), 50);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].session_id, "ses_c");
    }

    #[test]
    fn one_session_lists_at_most_its_share_of_messages_and_the_list_is_cut() {
        let many: Vec<CopyHit> = (0..PER_SESSION + 3)
            .map(|i| kept("ses_long", "Long", Some(&format!("msg_{i}")), "canary"))
            .chain([kept("ses_short", "Short", Some("msg_s"), "canary")])
            .collect();
        let hits = merge(Vec::new(), many.clone(), &words("canary"), 50);
        assert_eq!(hits.len(), PER_SESSION + 1);
        assert_eq!(
            hits.last().map(|h| h.session_id.as_str()),
            Some("ses_short")
        );
        assert_eq!(merge(Vec::new(), many, &words("canary"), 3).len(), 3);
    }

    #[test]
    fn an_empty_query_is_refused_as_invalid_input() {
        let error = words_of("  \t ").unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(error.message.contains("Type a word"), "{}", error.message);
    }

    /// Against the real server: a title found live, a word of an old reply found in the copy
    /// kept when the session was read, and a server gone is a clear `Unreachable`.
    #[tokio::test(flavor = "multi_thread")]
    async fn finds_a_live_title_and_a_word_of_an_old_reply_then_fails_clearly_when_the_server_is_gone(
    ) {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("the real server");
        let dir = server.project_dir().to_string_lossy().to_string();
        let client = crate::test_support::client(&server);
        let titled = client
            .create_session(&SessionCreate {
                title: Some("Heron migration plan".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let talked = client
            .create_session(&SessionCreate {
                title: Some("Birds".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        model.push(Reply::text(
            "The heron stands still in the shallows for an hour.",
        ));
        let prompt = PromptInput::text("Which bird waits?");
        client.prompt(&talked.id, &prompt).await.unwrap();
        let db = tempfile::tempdir().unwrap();
        let copies = OfflineCopies::at(Some(db.path().join("copies.sqlite")), true);
        let page = client.message_page(&talked.id, 50, None).await.unwrap();
        copies
            .keep(&client, "local".into(), &talked.id, &page, true)
            .await
            .unwrap();
        let reply_id = page.messages[1].info.id().to_string();

        let hits = search(&client, &copies, "local".into(), "HERON")
            .await
            .unwrap();
        let got: Vec<(&str, Option<&str>)> = hits
            .iter()
            .map(|h| (h.session_id.as_str(), h.message_id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (titled.id.as_str(), None),
                (talked.id.as_str(), Some(reply_id.as_str()))
            ]
        );
        assert_eq!(hits[1].title, "Birds");
        assert!(
            hits[1].snippet.contains("heron stands still"),
            "{}",
            hits[1].snippet
        );

        let url = server.url().to_string();
        drop(server);
        let gone = Client::builder(url).directory(dir).build().unwrap();
        let error = search(&gone, &copies, "local".into(), "heron")
            .await
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unreachable, "{error:?}");
    }
}
