//! What needs the user, from the server's events: the tray's state and when to notify. Pure.
//!
//! The tray must be right with no window open, so this runs on the Rust side from its own event
//! stream rather than from the UI. It tracks which sessions are busy and which permission
//! requests and questions are pending (whole, so the tray and notifications can offer their
//! answers); it turns a busy session going idle into a "finished" notice and a new request into
//! an "asked" notice. It also keeps why a session's last reply failed (`failure`), for the
//! inbox. After a reconnect the caller resets it from a fresh snapshot (`reset`), since missed
//! events cannot be replayed; `reset` says which sessions finished meanwhile.

use opencode_client::types::{
    Message, MessageError, PermissionRequest, QuestionRequest, SessionStatus,
};
use opencode_client::ServerEvent;
use std::collections::{BTreeMap, BTreeSet};

/// The tray's state at a glance, ordered by urgency: across servers the most urgent shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, specta::Type)]
pub enum TrayState {
    Idle,
    Working,
    /// A permission request or a question is waiting for the user.
    NeedsYou,
}

/// Something the agent waits on the user for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Permission(PermissionRequest),
    Question(QuestionRequest),
}

impl Request {
    pub fn id(&self) -> &str {
        match self {
            Request::Permission(p) => &p.id,
            Request::Question(q) => &q.id,
        }
    }

    /// The session that asked (a sub-agent's own session for a sub-agent's request).
    pub fn session_id(&self) -> &str {
        match self {
            Request::Permission(p) => &p.session_id,
            Request::Question(q) => &q.session_id,
        }
    }

    /// What it asks, in a line: "bash: make test", or the (first) question.
    pub fn what(&self) -> String {
        match self {
            Request::Permission(p) => match p.patterns.first() {
                Some(pattern) => format!("{}: {pattern}", p.permission),
                None => p.permission.clone(),
            },
            Request::Question(q) => {
                let first = q.questions.first().map(|q| q.question.as_str());
                let more = q.questions.len().saturating_sub(1);
                match (first, more) {
                    (Some(question), 0) => question.to_owned(),
                    (Some(question), more) => format!("{question} (+{more} more)"),
                    (None, _) => "A question".to_owned(),
                }
            }
        }
    }
}

/// Something worth a native notification.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Finished {
        session_id: String,
    },
    /// A permission request or a question arrived.
    Asked(Request),
}

impl Notice {
    /// The session the notice is about.
    pub fn session_id(&self) -> &str {
        match self {
            Notice::Finished { session_id } => session_id,
            Notice::Asked(request) => request.session_id(),
        }
    }
}

/// Why a reply whose end was missed (in a gap of events) failed, read off its session's last
/// message: its error, or, for a reply that never completed (its server stopped under it), that
/// it was cut off. `None`: it finished.
pub fn failure_of_last(last: Option<&Message>) -> Option<MessageError> {
    let Some(Message::Assistant(reply)) = last else {
        return None;
    };
    match (&reply.error, reply.time.completed) {
        (Some(error), _) => Some(error.clone()),
        (None, None) => Some(MessageError {
            name: "CutOff".into(),
            data: serde_json::json!({
                "message": "The reply stopped before it finished (its server went away)."
            }),
        }),
        (None, Some(_)) => None,
    }
}

#[derive(Debug, Default)]
pub struct AttentionTracker {
    busy: BTreeSet<String>,
    /// Pending permissions and questions, by request id.
    pending: BTreeMap<String, Request>,
    /// Why a session's last reply failed (the server's words), until it starts another.
    failed: BTreeMap<String, String>,
}

/// The server's kind for a reply the user stopped: not a failure to tell anyone about.
const ABORTED: &str = "MessageAbortedError";

impl AttentionTracker {
    /// Starts over from a snapshot: busy sessions and pending requests. Returns the sessions
    /// that were busy before and are not now: their replies ended while events were missed.
    pub fn reset(
        &mut self,
        busy: impl IntoIterator<Item = String>,
        pending: impl IntoIterator<Item = Request>,
    ) -> Vec<String> {
        let busy: BTreeSet<String> = busy.into_iter().collect();
        let ended = self.busy.difference(&busy).cloned().collect();
        self.busy = busy;
        self.pending = pending
            .into_iter()
            .map(|r| (r.id().to_owned(), r))
            .collect();
        ended
    }

    /// Why `session_id`'s last reply failed, if it did (a reply the user stopped did not).
    pub fn failure(&self, session_id: &str) -> Option<&str> {
        self.failed.get(session_id).map(String::as_str)
    }

    /// Notes that `session_id`'s last reply failed (learnt from its messages after a gap).
    pub fn note_failure(&mut self, session_id: &str, error: &MessageError) {
        if error.name != ABORTED {
            self.failed
                .insert(session_id.to_owned(), error.message().to_owned());
        }
    }

    pub fn state(&self) -> TrayState {
        if !self.pending.is_empty() {
            TrayState::NeedsYou
        } else if !self.busy.is_empty() {
            TrayState::Working
        } else {
            TrayState::Idle
        }
    }

    /// The pending requests, by request id (the order the server's ids sort in: oldest first).
    pub fn requests(&self) -> impl Iterator<Item = &Request> {
        self.pending.values()
    }

    /// Applies one event; returns a notice when it deserves one.
    pub fn apply(&mut self, event: &ServerEvent) -> Option<Notice> {
        match event {
            ServerEvent::SessionStatus { session_id, status } => {
                if status.is_busy() {
                    // A new reply: the last one's failure is history.
                    self.failed.remove(session_id);
                    self.busy.insert(session_id.clone());
                    None
                } else if matches!(status, SessionStatus::Idle) {
                    self.finish(session_id)
                } else {
                    None
                }
            }
            ServerEvent::SessionIdle { session_id } => self.finish(session_id),
            ServerEvent::SessionError {
                session_id: Some(session_id),
                error: Some(error),
            } => {
                self.note_failure(session_id, error);
                None
            }
            ServerEvent::PermissionAsked(request) => self.ask(Request::Permission(request.clone())),
            ServerEvent::QuestionAsked(request) => self.ask(Request::Question(request.clone())),
            ServerEvent::PermissionReplied { request_id, .. }
            | ServerEvent::QuestionReplied { request_id, .. }
            | ServerEvent::QuestionRejected { request_id, .. } => {
                self.pending.remove(request_id);
                None
            }
            ServerEvent::SessionDeleted { info } => {
                self.busy.remove(&info.id);
                self.failed.remove(&info.id);
                self.pending.retain(|_, r| r.session_id() != info.id);
                None
            }
            _ => None,
        }
    }

    /// A new request is a notice; the same one again (a repeated event) is not.
    fn ask(&mut self, request: Request) -> Option<Notice> {
        let id = request.id().to_owned();
        let known = self.pending.insert(id, request.clone()).is_some();
        (!known).then_some(Notice::Asked(request))
    }

    /// Idle after busy is a finished reply; idle after idle (a repeat) is nothing.
    fn finish(&mut self, session_id: &str) -> Option<Notice> {
        self.busy.remove(session_id).then(|| Notice::Finished {
            session_id: session_id.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::types::PermissionRequest;

    fn status(id: &str, status: SessionStatus) -> ServerEvent {
        ServerEvent::SessionStatus {
            session_id: id.into(),
            status,
        }
    }

    fn asked(request: &str, session: &str) -> ServerEvent {
        ServerEvent::PermissionAsked(PermissionRequest {
            id: request.into(),
            session_id: session.into(),
            permission: "bash".into(),
            patterns: vec!["rm -rf build".into()],
            metadata: serde_json::Value::Null,
            always: vec![],
            tool: None,
        })
    }

    #[test]
    fn a_busy_session_going_idle_is_one_finished_notice() {
        let mut t = AttentionTracker::default();
        assert_eq!(t.apply(&status("s1", SessionStatus::Busy)), None);
        assert_eq!(t.state(), TrayState::Working);
        let notice = t.apply(&status("s1", SessionStatus::Idle));
        assert_eq!(
            notice,
            Some(Notice::Finished {
                session_id: "s1".into()
            })
        );
        // The server also sends session.idle: no second notice.
        assert_eq!(
            t.apply(&ServerEvent::SessionIdle {
                session_id: "s1".into()
            }),
            None
        );
        assert_eq!(t.state(), TrayState::Idle);
    }

    #[test]
    fn a_permission_request_needs_you_until_it_is_answered() {
        let mut t = AttentionTracker::default();
        t.apply(&status("s1", SessionStatus::Busy));
        let notice = t.apply(&asked("per_1", "s1"));
        let Some(Notice::Asked(request)) = notice else {
            panic!("a notice for the request: {notice:?}")
        };
        assert_eq!(request.what(), "bash: rm -rf build");
        assert_eq!(request.session_id(), "s1");
        assert_eq!(t.state(), TrayState::NeedsYou);
        assert_eq!(t.requests().map(Request::id).collect::<Vec<_>>(), ["per_1"]);
        // The same event again (a replay) is no second notice.
        assert_eq!(t.apply(&asked("per_1", "s1")), None);
        t.apply(&ServerEvent::PermissionReplied {
            session_id: "s1".into(),
            request_id: "per_1".into(),
            reply: "once".into(),
        });
        assert_eq!(t.state(), TrayState::Working);
    }

    fn failed(session: &str, name: &str, message: &str) -> ServerEvent {
        ServerEvent::SessionError {
            session_id: Some(session.into()),
            error: Some(MessageError {
                name: name.into(),
                data: serde_json::json!({ "message": message }),
            }),
        }
    }

    #[test]
    fn a_failed_reply_is_remembered_until_the_session_starts_another() {
        let mut t = AttentionTracker::default();
        t.apply(&status("s1", SessionStatus::Busy));
        assert_eq!(t.apply(&failed("s1", "APIError", "Bad request")), None);
        t.apply(&status("s1", SessionStatus::Idle));
        assert_eq!(t.failure("s1"), Some("Bad request"));
        assert_eq!(t.failure("s2"), None);
        t.apply(&status("s1", SessionStatus::Busy));
        assert_eq!(t.failure("s1"), None, "a new reply runs");
    }

    #[test]
    fn a_reply_the_user_stopped_is_no_failure() {
        let mut t = AttentionTracker::default();
        t.apply(&status("s1", SessionStatus::Busy));
        t.apply(&failed("s1", "MessageAbortedError", "Aborted"));
        assert_eq!(t.failure("s1"), None);
    }

    #[test]
    fn a_reply_missed_in_a_gap_failed_if_its_last_message_says_so_or_never_completed() {
        let reply = |extra: serde_json::Value| {
            let mut value = serde_json::json!({
                "role": "assistant", "id": "msg_2", "sessionID": "s1", "parentID": "msg_1",
                "time": {"created": 1.0},
            });
            value
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            Message::from_value(value)
        };
        let done = reply(serde_json::json!({"time": {"created": 1.0, "completed": 2.0}}));
        assert_eq!(failure_of_last(Some(&done)), None);
        let failed = reply(serde_json::json!({
            "time": {"created": 1.0, "completed": 2.0},
            "error": {"name": "APIError", "data": {"message": "Bad request"}},
        }));
        assert_eq!(
            failure_of_last(Some(&failed)).map(|e| e.message().to_owned()),
            Some("Bad request".into())
        );
        let cut = reply(serde_json::json!({}));
        assert_eq!(
            failure_of_last(Some(&cut)).map(|e| e.name),
            Some("CutOff".into())
        );
        let asked = Message::from_value(serde_json::json!({
            "role": "user", "id": "msg_1", "sessionID": "s1", "time": {"created": 1.0},
        }));
        assert_eq!(failure_of_last(Some(&asked)), None);
        assert_eq!(failure_of_last(None), None);
    }

    #[test]
    fn reset_says_which_replies_ended_while_events_were_missed() {
        let mut t = AttentionTracker::default();
        t.apply(&status("s1", SessionStatus::Busy));
        t.apply(&status("s2", SessionStatus::Busy));
        let ended = t.reset(["s2".to_string(), "s3".to_string()], []);
        assert_eq!(ended, ["s1"]);
        assert_eq!(t.reset(["s2".to_string()], []), ["s3"]);
    }

    #[test]
    fn reset_replaces_what_was_known_after_a_reconnect() {
        let mut t = AttentionTracker::default();
        t.apply(&asked("per_1", "s1"));
        t.reset(["s2".to_string()], []);
        assert_eq!(t.state(), TrayState::Working);
        assert_eq!(
            t.apply(&ServerEvent::SessionIdle {
                session_id: "s2".into()
            }),
            Some(Notice::Finished {
                session_id: "s2".into()
            })
        );
    }
}
