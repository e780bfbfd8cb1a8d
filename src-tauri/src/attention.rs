//! What needs the user, from the server's events: the tray's state and when to notify. Pure.
//!
//! The tray must be right with no window open, so this runs on the Rust side from its own event
//! stream rather than from the UI. It tracks which sessions are busy and which permission
//! requests and questions are pending; it turns a busy session going idle into a "finished"
//! notice and a new request into a "needs you" notice. After a reconnect the caller resets it
//! from a fresh snapshot (`reset`), since missed events cannot be replayed.

use opencode_client::types::SessionStatus;
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

/// Something worth a native notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Finished {
        session_id: String,
    },
    NeedsPermission {
        session_id: String,
        what: String,
    },
    Question {
        session_id: String,
        question: String,
    },
}

impl Notice {
    /// The session the notice is about.
    pub fn session_id(&self) -> &str {
        match self {
            Notice::Finished { session_id }
            | Notice::NeedsPermission { session_id, .. }
            | Notice::Question { session_id, .. } => session_id,
        }
    }
}

#[derive(Debug, Default)]
pub struct AttentionTracker {
    busy: BTreeSet<String>,
    /// Request id → session id, for permissions and questions alike.
    pending: BTreeMap<String, String>,
}

impl AttentionTracker {
    /// Starts over from a snapshot: busy sessions and pending (request id, session id) pairs.
    pub fn reset(
        &mut self,
        busy: impl IntoIterator<Item = String>,
        pending: impl IntoIterator<Item = (String, String)>,
    ) {
        self.busy = busy.into_iter().collect();
        self.pending = pending.into_iter().collect();
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

    /// Sessions with a pending request, for the tray menu.
    pub fn sessions_needing_you(&self) -> BTreeSet<&str> {
        self.pending.values().map(String::as_str).collect()
    }

    /// Applies one event; returns a notice when it deserves one.
    pub fn apply(&mut self, event: &ServerEvent) -> Option<Notice> {
        match event {
            ServerEvent::SessionStatus { session_id, status } => {
                if status.is_busy() {
                    self.busy.insert(session_id.clone());
                    None
                } else if matches!(status, SessionStatus::Idle) {
                    self.finish(session_id)
                } else {
                    None
                }
            }
            ServerEvent::SessionIdle { session_id } => self.finish(session_id),
            ServerEvent::PermissionAsked(request) => {
                self.pending
                    .insert(request.id.clone(), request.session_id.clone());
                let what = match request.patterns.first() {
                    Some(pattern) => format!("{}: {pattern}", request.permission),
                    None => request.permission.clone(),
                };
                Some(Notice::NeedsPermission {
                    session_id: request.session_id.clone(),
                    what,
                })
            }
            ServerEvent::QuestionAsked(request) => {
                self.pending
                    .insert(request.id.clone(), request.session_id.clone());
                Some(Notice::Question {
                    session_id: request.session_id.clone(),
                    question: request
                        .questions
                        .first()
                        .map(|q| q.question.clone())
                        .unwrap_or_default(),
                })
            }
            ServerEvent::PermissionReplied { request_id, .. }
            | ServerEvent::QuestionReplied { request_id, .. }
            | ServerEvent::QuestionRejected { request_id, .. } => {
                self.pending.remove(request_id);
                None
            }
            ServerEvent::SessionDeleted { info } => {
                self.busy.remove(&info.id);
                self.pending.retain(|_, session| session != &info.id);
                None
            }
            _ => None,
        }
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
        assert_eq!(
            notice,
            Some(Notice::NeedsPermission {
                session_id: "s1".into(),
                what: "bash: rm -rf build".into()
            })
        );
        assert_eq!(t.state(), TrayState::NeedsYou);
        assert_eq!(
            t.sessions_needing_you().into_iter().collect::<Vec<_>>(),
            vec!["s1"]
        );
        t.apply(&ServerEvent::PermissionReplied {
            session_id: "s1".into(),
            request_id: "per_1".into(),
            reply: "once".into(),
        });
        assert_eq!(t.state(), TrayState::Working);
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
