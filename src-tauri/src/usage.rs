//! What sessions cost: exact totals of a session (every assistant message's tokens and cost, not
//! only the pages the window has loaded), and a report across sessions by day, provider and model
//! (as `opencode stats` prints), for one project or all of a server's.
//!
//! Each session's messages are read once, in pages, their infos only (parts are skipped while
//! decoding), and kept here by message id with the session's `updated` time; later calls read the
//! session (cheap) and, when it changed, only its newest page, which replaces what it covers: a
//! reply's new or grown messages are there, and a revert's removed ones are missing from it. A
//! long session is thus read whole once, not on every reply.

use crate::error::CommandError;
use futures_util::stream::{self, StreamExt};
use opencode_client::types::{Message, Session};
use opencode_client::{Client, SessionListQuery};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The newest page read to bring a known session up to date.
const TAIL: u32 = 50;
/// Messages a page when a session is read whole: the server sends their parts too (skipped while
/// decoding), so a page of a long session stays a few megabytes.
const PAGE: u32 = 500;
/// Sessions read at once for a report.
const PARALLEL: usize = 4;

/// Tokens, cost and how many assistant messages they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UsageTotals {
    pub input: f64,
    pub output: f64,
    pub reasoning: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    pub cost: f64,
    pub messages: f64,
}

impl UsageTotals {
    fn add(&mut self, other: &UsageTotals) {
        self.input += other.input;
        self.output += other.output;
        self.reasoning += other.reasoning;
        self.cache_read += other.cache_read;
        self.cache_write += other.cache_write;
        self.cost += other.cost;
        self.messages += other.messages;
    }
}

/// One day's use of one model.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct UsageRow {
    /// `YYYY-MM-DD`, the user's local day (the caller's UTC offset).
    pub day: String,
    #[serde(rename = "providerID")]
    pub provider_id: String,
    #[serde(rename = "modelID")]
    pub model_id: String,
    pub totals: UsageTotals,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct UsageReport {
    /// By day (oldest first), then provider and model.
    pub rows: Vec<UsageRow>,
    pub sessions: u32,
    pub projects: u32,
    pub totals: UsageTotals,
}

/// One assistant message's share.
#[derive(Debug, Clone, PartialEq)]
struct Spent {
    created_ms: f64,
    provider_id: String,
    model_id: String,
    totals: UsageTotals,
}

fn spent(message: &Message) -> Option<(String, Spent)> {
    let Message::Assistant(a) = message else {
        return None;
    };
    Some((
        a.id.clone(),
        Spent {
            created_ms: a.time.created,
            provider_id: a.provider_id.clone(),
            model_id: a.model_id.clone(),
            totals: UsageTotals {
                input: a.tokens.input,
                output: a.tokens.output,
                reasoning: a.tokens.reasoning,
                cache_read: a.tokens.cache.read,
                cache_write: a.tokens.cache.write,
                cost: a.cost,
                messages: 1.0,
            },
        },
    ))
}

#[derive(Debug, Clone, Default)]
struct Known {
    updated: f64,
    spent: BTreeMap<String, Spent>,
}

impl Known {
    fn totals(&self) -> UsageTotals {
        let mut totals = UsageTotals::default();
        for s in self.spent.values() {
            totals.add(&s.totals);
        }
        totals
    }

    /// Takes in the newest page: it replaces every message from its oldest on (message ids sort
    /// by time), so what a revert removed goes and what grew is current.
    fn merge_tail(&mut self, page: &[Message]) {
        let Some(oldest) = page.first().map(|m| m.id().to_string()) else {
            self.spent.clear();
            return;
        };
        self.spent.retain(|id, _| *id < oldest);
        self.spent.extend(page.iter().filter_map(spent));
    }
}

/// Sessions' spending as last read, by server and session.
#[derive(Default)]
pub struct UsageCache {
    known: Mutex<HashMap<(String, String), Known>>,
}

impl UsageCache {
    /// Session `session`'s spending, brought up to date (`session` as the server lists it now).
    async fn session(
        &self,
        server: &str,
        client: &Client,
        session: &Session,
    ) -> Result<Known, opencode_client::Error> {
        let key = (server.to_string(), session.id.clone());
        let cached = self.lock().get(&key).cloned();
        let fresh = match cached {
            Some(known) if known.updated == session.time.updated => return Ok(known),
            Some(mut known) => {
                let (page, _) = client.message_info_page(&session.id, TAIL, None).await?;
                known.merge_tail(&page);
                known.updated = session.time.updated;
                known
            }
            None => {
                let mut spent_by_id = BTreeMap::new();
                let mut before: Option<String> = None;
                loop {
                    let (page, older) = client
                        .message_info_page(&session.id, PAGE, before.as_deref())
                        .await?;
                    spent_by_id.extend(page.iter().filter_map(spent));
                    match older {
                        Some(cursor) if !page.is_empty() => before = Some(cursor),
                        _ => break,
                    }
                }
                Known {
                    updated: session.time.updated,
                    spent: spent_by_id,
                }
            }
        };
        self.lock().insert(key, fresh.clone());
        Ok(fresh)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), Known>> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A session's exact totals.
    pub async fn session_totals(
        &self,
        server: &str,
        client: &Client,
        session_id: &str,
    ) -> Result<UsageTotals, CommandError> {
        let session = client.session(session_id).await?;
        Ok(self.session(server, client, &session).await?.totals())
    }

    /// Every session of the client's project, or of every project of the server.
    pub async fn report(
        &self,
        server: &str,
        client: &Client,
        all_projects: bool,
        utc_offset_minutes: i32,
    ) -> Result<UsageReport, CommandError> {
        let clients: Vec<Client> = if all_projects {
            client
                .projects()
                .await?
                .into_iter()
                .map(|p| client.for_directory(p.worktree))
                .collect()
        } else {
            vec![client.clone()]
        };
        let mut sessions = Vec::new();
        for c in &clients {
            for s in c.sessions(&SessionListQuery::default()).await? {
                sessions.push((c.clone(), s));
            }
        }
        let count = sessions.len();
        let read: Vec<Result<Known, opencode_client::Error>> = stream::iter(sessions)
            .map(|(c, s)| async move { self.session(server, &c, &s).await })
            .buffer_unordered(PARALLEL)
            .collect()
            .await;
        let mut spent = Vec::new();
        for known in read {
            spent.extend(known?.spent.into_values());
        }
        let mut report = aggregate(&spent, utc_offset_minutes);
        report.sessions = u32::try_from(count).unwrap_or(u32::MAX);
        report.projects = u32::try_from(clients.len()).unwrap_or(u32::MAX);
        Ok(report)
    }
}

/// Rows by local day, provider and model, and the grand totals. Pure.
fn aggregate(spent: &[Spent], utc_offset_minutes: i32) -> UsageReport {
    let mut rows: BTreeMap<(String, String, String), UsageTotals> = BTreeMap::new();
    let mut totals = UsageTotals::default();
    for s in spent {
        let day = local_day(s.created_ms, utc_offset_minutes);
        rows.entry((day, s.provider_id.clone(), s.model_id.clone()))
            .or_default()
            .add(&s.totals);
        totals.add(&s.totals);
    }
    UsageReport {
        rows: rows
            .into_iter()
            .map(|((day, provider_id, model_id), totals)| UsageRow {
                day,
                provider_id,
                model_id,
                totals,
            })
            .collect(),
        totals,
        ..UsageReport::default()
    }
}

/// `YYYY-MM-DD` of a millisecond timestamp at `utc_offset_minutes` east of UTC.
fn local_day(ms: f64, utc_offset_minutes: i32) -> String {
    let days = ((ms / 1000.0 + f64::from(utc_offset_minutes) * 60.0) / 86_400.0).floor() as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    use opencode_client::types::MessageWithParts;

    fn assistant(id: &str, created: f64, model: &str, input: f64, cost: f64) -> Message {
        serde_json::from_value(serde_json::json!({
            "info": {
                "id": id, "sessionID": "ses_1", "role": "assistant",
                "time": {"created": created}, "parentID": "msg_0",
                "modelID": model, "providerID": "prov", "agent": "build", "mode": "build",
                "path": {"cwd": "/", "root": "/"}, "cost": cost,
                "tokens": {"input": input, "output": 10, "reasoning": 0, "cache": {"read": 5, "write": 0}}
            },
            "parts": []
        }))
        .map(|m: MessageWithParts| m.info)
        .unwrap()
    }

    fn user(id: &str) -> Message {
        serde_json::from_value(serde_json::json!({
            "info": {"id": id, "sessionID": "ses_1", "role": "user", "time": {"created": 0},
                     "agent": "build", "model": {"providerID": "prov", "modelID": "m"}},
            "parts": []
        }))
        .map(|m: MessageWithParts| m.info)
        .unwrap()
    }

    #[test]
    fn local_days_follow_the_users_offset() {
        // 2026-12-07T23:30:00Z
        let ms = 1_796_686_200_000.0;
        assert_eq!(local_day(ms, 0), "2026-12-07");
        assert_eq!(local_day(ms, 60), "2026-12-08");
        assert_eq!(local_day(ms, -8 * 60), "2026-12-07");
        assert_eq!(local_day(0.0, 0), "1970-01-01");
        assert_eq!(local_day(951_782_400_000.0, 0), "2000-02-29");
    }

    #[test]
    fn a_report_sums_by_day_and_model_and_only_assistant_messages_count() {
        let day1 = 1_796_600_000_000.0;
        let day2 = day1 + 86_400_000.0;
        let messages = [
            user("msg_1"),
            assistant("msg_2", day1, "a", 100.0, 0.5),
            assistant("msg_3", day1 + 1000.0, "a", 50.0, 0.25),
            assistant("msg_4", day1 + 2000.0, "b", 1.0, 0.0),
            assistant("msg_5", day2, "a", 7.0, 1.0),
        ];
        let spent: Vec<Spent> = messages.iter().filter_map(spent).map(|(_, s)| s).collect();
        let report = aggregate(&spent, 0);
        let summary: Vec<(&str, &str, f64, f64)> = report
            .rows
            .iter()
            .map(|r| {
                (
                    r.day.as_str(),
                    r.model_id.as_str(),
                    r.totals.input,
                    r.totals.messages,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("2026-12-06", "a", 150.0, 2.0),
                ("2026-12-06", "b", 1.0, 1.0),
                ("2026-12-07", "a", 7.0, 1.0),
            ]
        );
        assert_eq!(report.totals.cost, 1.75);
        assert_eq!(report.totals.messages, 4.0);
        assert_eq!(report.totals.cache_read, 20.0);
    }

    #[test]
    fn the_newest_page_replaces_what_it_covers() {
        let mut known = Known::default();
        known.merge_tail(&[
            assistant("msg_1", 0.0, "a", 1.0, 0.1),
            assistant("msg_2", 0.0, "a", 2.0, 0.1),
            assistant("msg_3", 0.0, "a", 3.0, 0.1),
        ]);
        assert_eq!(known.totals().input, 6.0);
        // A later page from msg_2 on: msg_2 grew, msg_3 was reverted away, msg_4 is new; msg_1,
        // older than the page, stays.
        known.merge_tail(&[
            assistant("msg_2", 0.0, "a", 20.0, 0.1),
            assistant("msg_4", 0.0, "a", 4.0, 0.1),
        ]);
        assert_eq!(known.totals().input, 25.0);
        assert_eq!(known.totals().messages, 3.0);
    }
}

#[cfg(test)]
mod real_tests {
    use super::*;
    use opencode_client::types::{PromptInput, SessionCreate};
    use testkit::{FakeModel, Reply, TestServer};

    #[tokio::test(flavor = "multi_thread")]
    async fn a_sessions_totals_are_every_replys_and_follow_the_next_one() {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("the real server");
        let client = crate::test_support::client(&server);
        let session = client
            .create_session(&SessionCreate::default())
            .await
            .unwrap();
        for n in 0..3 {
            model.push(Reply::text("ok"));
            let prompt = PromptInput::text(format!("question {n}"));
            client.prompt(&session.id, &prompt).await.unwrap();
        }
        let cache = UsageCache::default();
        let totals = cache
            .session_totals("s", &client, &session.id)
            .await
            .unwrap();
        let inputs: Vec<f64> = client
            .messages(&session.id)
            .await
            .unwrap()
            .iter()
            .filter_map(|m| match &m.info {
                Message::Assistant(a) => Some(a.tokens.input),
                _ => None,
            })
            .collect();
        assert_eq!(totals.messages, 3.0);
        assert!(totals.input > 0.0, "the model reports its tokens");
        assert_eq!(totals.input, inputs.iter().sum::<f64>());

        // One more reply: read from the newest page, the totals follow.
        model.push(Reply::text("ok"));
        let prompt = PromptInput::text("one more");
        client.prompt(&session.id, &prompt).await.unwrap();
        let after = cache
            .session_totals("s", &client, &session.id)
            .await
            .unwrap();
        assert_eq!(after.messages, 4.0);
        assert!(after.input > totals.input);

        let report = cache.report("s", &client, false, 0).await.unwrap();
        assert_eq!(report.totals, after);
        assert_eq!((report.sessions, report.projects), (1, 1));
        assert_eq!(report.rows.len(), 1, "{:?}", report.rows);
        assert_eq!(report.rows[0].provider_id, testkit::PROVIDER_ID);
    }
}
