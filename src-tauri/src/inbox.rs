//! The "Needs you" inbox (pure): one list across every server the app follows, grouped by
//! project, of what waits for the user: a permission request, a question, a reply that failed,
//! a reply that finished while the user was not looking at its session.
//!
//! It is built from the attention feed's view (`attention_feed.rs`, one entry per server, for
//! the project each server is switched to) and from `Seen`, the one record of what the user has
//! seen: the session the window shows while it has the user's eyes (`look`), and, per session,
//! the end of a reply already seen there. A reply's end is unseen while its time is past what
//! was seen of its session; looking at a session sees every end that comes while looking.
//! `inbox_feed.rs` owns a `Seen` and publishes what this builds.

use crate::attention::Request;
use crate::attention_feed::{AttentionView, Ended};
use crate::state::ServerInfo;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an item waits for, in the order the inbox lists them: what blocks the agent first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
pub enum Waits {
    /// A permission request: the agent's tool call waits for an answer.
    Permission,
    /// The agent asked a question and waits for the answer.
    Question,
    /// The session's last reply failed.
    Error,
    /// A reply finished while the user was not looking at its session.
    Finished,
}

/// One thing that waits for the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InboxItem {
    /// The top-level session to open (a sub-agent's request shows under its parent).
    pub session_id: String,
    /// The session's title ("" when it has none yet).
    pub title: String,
    /// The sub-agent session's title, when a sub-agent asked.
    pub subagent: Option<String>,
    pub waits: Waits,
    /// The request to answer, for a permission or a question.
    pub request_id: Option<String>,
    /// What it asks ("bash: make test", the question) or the server's words for a failure; ""
    /// for a finished reply.
    pub what: String,
    /// When it began waiting: ms since the epoch.
    pub since: f64,
}

/// The items of one project on one server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InboxGroup {
    pub server_id: String,
    /// The server's name as the app shows it.
    pub server_label: String,
    /// The project's directory ("" when the server has none).
    pub directory: String,
    /// Whether the app reaches the server now. Out of reach, what waits there can be neither
    /// answered nor opened live (it is listed as last known, and not counted).
    pub reachable: bool,
    pub items: Vec<InboxItem>,
}

/// Everything that waits for the user, by project; groups in the order of their projects'
/// names (then servers'), so a group stays where it is as items come and go.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct NeedsYou {
    pub groups: Vec<InboxGroup>,
}

/// A session on a server.
pub type SessionKey = (String, String);

/// What the user has seen: the one record of it.
#[derive(Debug, Default)]
pub struct Seen {
    /// The session the window shows while it has the user's eyes (focused and visible).
    looking: Option<SessionKey>,
    /// Per session, the time of the last reply end seen there.
    ended_seen: BTreeMap<SessionKey, f64>,
}

impl Seen {
    /// The user now looks at `at` (None: at no session); sees what ended there. Whether that
    /// changed what is unseen.
    pub fn look(&mut self, at: Option<SessionKey>, view: &AttentionView) -> bool {
        self.looking = at;
        self.observe(view)
    }

    /// Sees the end of a reply in the session looked at, and forgets sessions with no end
    /// left in `view`. Whether that changed what is unseen.
    pub fn observe(&mut self, view: &AttentionView) -> bool {
        self.ended_seen.retain(|(server, session), _| {
            view.get(server)
                .is_some_and(|s| s.ended.contains_key(session))
        });
        let Some(key @ (server, session)) = &self.looking else {
            return false;
        };
        let Some(end) = view.get(server).and_then(|s| s.ended.get(session)) else {
            return false;
        };
        let seen = self.ended_seen.get(key).copied().unwrap_or(f64::MIN);
        if end.at > seen {
            self.ended_seen.insert(key.clone(), end.at);
            return true;
        }
        false
    }

    /// Whether `end`, in `session_id` of `server_id`, is still to be seen.
    fn unseen(&self, server_id: &str, session_id: &str, end: &Ended) -> bool {
        let key = (server_id.to_owned(), session_id.to_owned());
        self.ended_seen.get(&key).is_none_or(|seen| end.at > *seen)
    }
}

/// The inbox from the feed's `view`, the `servers` the app knows (a server it no longer knows
/// is left out) and what was `seen`.
pub fn build(view: &AttentionView, servers: &[ServerInfo], seen: &Seen) -> NeedsYou {
    let mut groups: Vec<InboxGroup> = servers
        .iter()
        .filter_map(|server| {
            let attention = view.get(&server.id)?;
            let mut items: Vec<InboxItem> = attention
                .waiting
                .iter()
                .map(|w| InboxItem {
                    session_id: w.place.session_id.clone(),
                    title: w.place.title.clone(),
                    subagent: w.place.subagent.clone(),
                    waits: match &w.request {
                        Request::Permission(_) => Waits::Permission,
                        Request::Question(_) => Waits::Question,
                    },
                    request_id: Some(w.request.id().to_owned()),
                    what: w.request.what(),
                    since: attention
                        .asked_at
                        .get(w.request.id())
                        .copied()
                        .unwrap_or_default(),
                })
                .collect();
            items.extend(
                attention
                    .ended
                    .iter()
                    .filter(|(session, end)| seen.unseen(&server.id, session, end))
                    .map(|(session, end)| InboxItem {
                        session_id: session.clone(),
                        title: end.place.title.clone(),
                        subagent: None,
                        waits: if end.error.is_some() {
                            Waits::Error
                        } else {
                            Waits::Finished
                        },
                        request_id: None,
                        what: end.error.clone().unwrap_or_default(),
                        since: end.at,
                    }),
            );
            // What blocks the agent first, then the oldest first.
            items.sort_by(|a, b| a.waits.cmp(&b.waits).then(a.since.total_cmp(&b.since)));
            (!items.is_empty()).then(|| InboxGroup {
                server_id: server.id.clone(),
                server_label: server.name.clone(),
                // The project the feed followed: the registry's may have moved on already.
                directory: attention.directory.clone().unwrap_or_default(),
                reachable: server.reachable(),
                items,
            })
        })
        .collect();
    groups.sort_by(|a, b| {
        project_name(&a.directory)
            .cmp(project_name(&b.directory))
            .then_with(|| a.directory.cmp(&b.directory))
            .then_with(|| a.server_label.cmp(&b.server_label))
            .then_with(|| a.server_id.cmp(&b.server_id))
    });
    NeedsYou { groups }
}

/// A project's name: its directory's last component.
pub fn project_name(directory: &str) -> &str {
    directory
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(directory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::TrayState;
    use crate::attention_feed::{Place, ServerAttention, Waiting};
    use crate::state::ServerStatusView;
    use opencode_client::types::{PermissionRequest, QuestionInfo, QuestionRequest};

    fn server(id: &str, name: &str, directory: &str) -> ServerInfo {
        ServerInfo {
            id: id.into(),
            name: name.into(),
            url: "http://127.0.0.1:4096".into(),
            version: None,
            directory: Some(directory.into()),
            attached: false,
            status: ServerStatusView::Ready,
        }
    }

    fn permission(id: &str, session: &str, title: &str) -> Waiting {
        Waiting {
            request: Request::Permission(PermissionRequest {
                id: id.into(),
                session_id: session.into(),
                permission: "bash".into(),
                patterns: vec!["make test".into()],
                metadata: serde_json::Value::Null,
                always: vec![],
                tool: None,
            }),
            place: Place {
                title: title.into(),
                ..Place::own(session)
            },
        }
    }

    fn question(id: &str, session: &str, title: &str, subagent: Option<&str>) -> Waiting {
        Waiting {
            request: Request::Question(QuestionRequest {
                id: id.into(),
                session_id: "ses_child".into(),
                questions: vec![QuestionInfo {
                    question: "Which colour?".into(),
                    header: "Colour".into(),
                    options: vec![],
                    multiple: None,
                    custom: None,
                }],
                tool: None,
            }),
            place: Place {
                session_id: session.into(),
                title: title.into(),
                subagent: subagent.map(str::to_owned),
            },
        }
    }

    fn ended(session: &str, title: &str, at: f64, error: Option<&str>) -> (String, Ended) {
        (
            session.into(),
            Ended {
                place: Place {
                    title: title.into(),
                    ..Place::own(session)
                },
                at,
                error: error.map(str::to_owned),
            },
        )
    }

    /// Two servers: "Laptop" on ~/web, waiting on a permission and a sub-agent's question, with
    /// a failed and a finished reply; "Build box" on ~/api, with a finished reply.
    fn view() -> AttentionView {
        let laptop = ServerAttention {
            state: TrayState::NeedsYou,
            directory: Some("/home/me/web".into()),
            waiting: vec![
                permission("per_1", "ses_a", "Fix the build"),
                question("que_1", "ses_b", "Write docs", Some("Look up the style")),
            ],
            asked_at: [("per_1".to_string(), 300.0), ("que_1".to_string(), 200.0)].into(),
            ended: [
                ended("ses_c", "Refactor", 100.0, Some("Bad request")),
                ended("ses_d", "Rename things", 150.0, None),
            ]
            .into(),
            ..Default::default()
        };
        let build_box = ServerAttention {
            directory: Some("/srv/api/".into()),
            ended: [ended("ses_e", "Release notes", 50.0, None)].into(),
            ..Default::default()
        };
        [
            ("laptop".to_string(), laptop),
            ("box".to_string(), build_box),
        ]
        .into()
    }

    fn servers() -> Vec<ServerInfo> {
        vec![
            server("laptop", "Laptop", "/home/me/web"),
            server("box", "Build box", "/srv/api/"),
            server("idle", "Idle", "/home/me/zzz"),
        ]
    }

    #[test]
    fn every_server_s_project_is_a_group_with_what_each_item_waits_for() {
        let inbox = build(&view(), &servers(), &Seen::default());
        let groups: Vec<_> = inbox
            .groups
            .iter()
            .map(|g| (g.server_label.as_str(), g.directory.as_str(), g.items.len()))
            .collect();
        // By project name: api before web; a server with nothing waiting has no group.
        assert_eq!(
            groups,
            [("Build box", "/srv/api/", 1), ("Laptop", "/home/me/web", 4)]
        );
        let web: Vec<_> = inbox.groups[1]
            .items
            .iter()
            .map(|i| {
                (
                    i.waits,
                    i.session_id.as_str(),
                    i.request_id.as_deref(),
                    i.what.as_str(),
                    i.since,
                )
            })
            .collect();
        assert_eq!(
            web,
            [
                (
                    Waits::Permission,
                    "ses_a",
                    Some("per_1"),
                    "bash: make test",
                    300.0
                ),
                (
                    Waits::Question,
                    "ses_b",
                    Some("que_1"),
                    "Which colour?",
                    200.0
                ),
                (Waits::Error, "ses_c", None, "Bad request", 100.0),
                (Waits::Finished, "ses_d", None, "", 150.0),
            ]
        );
        // A sub-agent's question opens its parent session and names the sub-agent.
        let asked = &inbox.groups[1].items[1];
        assert_eq!(asked.title, "Write docs");
        assert_eq!(asked.subagent.as_deref(), Some("Look up the style"));
    }

    #[test]
    fn a_server_the_app_no_longer_knows_is_left_out() {
        let inbox = build(&view(), &servers()[..1], &Seen::default());
        assert_eq!(inbox.groups.len(), 1);
        assert_eq!(inbox.groups[0].server_id, "laptop");
    }

    #[test]
    fn a_reply_seen_in_its_session_leaves_and_a_later_one_comes_back() {
        let mut view = view();
        let mut seen = Seen::default();
        let key = ("laptop".to_string(), "ses_d".to_string());
        assert!(seen.look(Some(key.clone()), &view), "the end is seen");
        seen.look(None, &view);
        let finished = |view: &AttentionView, seen: &Seen| -> Vec<String> {
            build(view, &servers(), seen)
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .filter(|i| i.waits == Waits::Finished)
                .map(|i| i.session_id.clone())
                .collect()
        };
        assert_eq!(finished(&view, &seen), ["ses_e"]);
        // Another reply ends there while the user looks elsewhere: it is unseen again.
        let laptop = view.get_mut("laptop").unwrap();
        laptop.ended.insert(
            "ses_d".into(),
            ended("ses_d", "Rename things", 400.0, None).1,
        );
        assert!(!seen.observe(&view));
        assert_eq!(finished(&view, &seen), ["ses_e", "ses_d"]);
    }

    #[test]
    fn a_reply_that_ends_while_the_user_looks_at_its_session_is_never_unseen() {
        let mut view = view();
        let mut seen = Seen::default();
        seen.look(Some(("box".into(), "ses_e".into())), &view);
        let build_box = view.get_mut("box").unwrap();
        build_box.ended.insert(
            "ses_e".into(),
            ended("ses_e", "Release notes", 500.0, None).1,
        );
        assert!(seen.observe(&view), "the new end is seen as it comes");
        let inbox = build(&view, &servers(), &seen);
        assert!(inbox.groups.iter().all(|g| g.server_id != "box"));
    }

    #[test]
    fn seeing_a_session_on_one_server_sees_nothing_on_another() {
        let mut view = view();
        view.get_mut("box").unwrap().ended.insert(
            "ses_d".into(),
            ended("ses_d", "Same id elsewhere", 60.0, None).1,
        );
        let mut seen = Seen::default();
        seen.look(Some(("laptop".into(), "ses_d".into())), &view);
        let inbox = build(&view, &servers(), &seen);
        let on_box: Vec<_> = inbox.groups[0]
            .items
            .iter()
            .map(|i| &i.session_id)
            .collect();
        assert_eq!(on_box, ["ses_e", "ses_d"]);
    }

    #[test]
    fn a_server_out_of_reach_keeps_its_items_marked_as_such() {
        let mut servers = servers();
        servers[0].status = ServerStatusView::Unreachable {
            message: "connection refused".into(),
        };
        let inbox = build(&view(), &servers, &Seen::default());
        let reach: Vec<_> = inbox
            .groups
            .iter()
            .map(|g| (g.server_id.as_str(), g.reachable, g.items.len()))
            .collect();
        assert_eq!(reach, [("box", true, 1), ("laptop", false, 4)]);
    }

    #[test]
    fn a_project_is_named_by_its_folder() {
        assert_eq!(project_name("/home/me/web"), "web");
        assert_eq!(project_name("/srv/api/"), "api");
        assert_eq!(project_name("C:\\code\\app"), "app");
        assert_eq!(project_name(""), "");
    }
}
