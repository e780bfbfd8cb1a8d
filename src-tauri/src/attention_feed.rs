//! Follows every server's events on the Rust side, so the tray and notifications are right with
//! no window open, and publishes what it finds: a `watch` of what needs the user per server (the
//! tray reads it, and so do answers from outside the window, `answer.rs`) and a channel of
//! notices (notifications read it). It knows none of them.
//!
//! One follower per server, subscribed to that server's hub (its one event connection) for the
//! project the server is switched to; a project switch moves the subscription, a restart on a
//! new port is the hub's business. Every `Connected` marker resets the tracker from a snapshot.
//! Each waiting request is placed under its top-level session: a sub-agent's request shows
//! under the session the user started, which is the one to open. Beside the requests it keeps,
//! for the inbox (`inbox.rs`), when each request was first seen and the last reply that ended in
//! each top-level session (when, and why it failed if it did), replies that ended while events
//! were missed included (found at the resync, from the sessions busy before it).
//!
//! A permission request one of the app's rules covers (`rules::matching`, for the project the
//! server is switched to) is answered here "once", through `answer.rs`, before it is published:
//! it never waits in the view, so it is never a tray item or a notification. Each such answer is
//! sent as an `AutoAnswered` (the UI shows it in the transcript). One whose answer fails is
//! published as any other request, for the user to answer.
//! (Past 500 lines as one job: following a server's events for what needs the user. The
//! requests, their places, the rules' answers and the replies that ended all hang on the same
//! subscription, snapshot and order of events; split, each part would repeat that loop.)

use crate::answer::{self, Reply};
use crate::app_events::AutoAnswered;
use crate::attention::{AttentionTracker, Notice, Request, TrayState};
use crate::rules::RulesStore;
use crate::state::{AppState, ServerRegistry};
use opencode_client::types::PermissionReply;
use opencode_client::{Client, Hub, HubItem, ServerEvent};
use std::collections::{BTreeMap, BTreeSet};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{mpsc, watch};

/// Where a request shows: its top-level session (the one opened), and the sub-agent that asked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    pub session_id: String,
    /// The top-level session's title ("" when it has none yet).
    pub title: String,
    /// The asking sub-agent session's title, when a sub-agent asked.
    pub subagent: Option<String>,
}

impl Place {
    /// A session of its own, title unknown.
    pub fn own(session_id: &str) -> Place {
        Place {
            session_id: session_id.to_owned(),
            ..Default::default()
        }
    }

    /// "Title", or "Title › sub-agent title" for a sub-agent's request.
    pub fn label(&self) -> String {
        let title = untitled(&self.title);
        match &self.subagent {
            Some(sub) => format!("{title} › {}", untitled(sub)),
            None => title.to_owned(),
        }
    }
}

fn untitled(title: &str) -> &str {
    if title.is_empty() {
        "Untitled session"
    } else {
        title
    }
}

/// A request that waits for the user, and where it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub request: Request,
    pub place: Place,
}

/// The last reply that ended in a top-level session: when (ms since the epoch, this machine's
/// clock), and the server's words when it failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Ended {
    pub place: Place,
    pub at: f64,
    pub error: Option<String>,
}

/// What one server needs of the user now.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerAttention {
    pub state: TrayState,
    /// The project followed (the one the server is switched to), once its events are.
    pub directory: Option<String>,
    /// Requests waiting for an answer, oldest first.
    pub waiting: Vec<Waiting>,
    /// When each waiting request was first seen here (ms since the epoch), by request id.
    pub asked_at: BTreeMap<String, f64>,
    /// The last reply that ended in each top-level session since its project is followed, by
    /// session id; a session that starts another reply leaves.
    pub ended: BTreeMap<String, Ended>,
    /// Bumped when the list of sessions may have changed (created, deleted, finished, resync).
    pub sessions_changed: u64,
}

impl Default for ServerAttention {
    fn default() -> Self {
        ServerAttention {
            state: TrayState::Idle,
            directory: None,
            waiting: Vec::new(),
            asked_at: BTreeMap::new(),
            ended: BTreeMap::new(),
            sessions_changed: 0,
        }
    }
}

/// Now, in ms since the epoch (as the window's `Date.now()`).
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64() * 1000.0)
}

/// Every server's attention, by server id.
pub type AttentionView = BTreeMap<String, ServerAttention>;

/// The feed's latest view, managed by the app for those who act on it (`answer.rs` callers).
pub struct Latest(pub watch::Receiver<AttentionView>);

impl Latest {
    /// A copy of what the feed published last.
    pub fn now(&self) -> AttentionView {
        self.0.borrow().clone()
    }
}

/// A notice, the server it came from and, for a request, where it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerNotice {
    pub server_id: String,
    pub notice: Notice,
    pub place: Place,
}

/// Starts following every server the registry knows, now and later. Returns what it publishes.
pub fn start<R: Runtime>(
    app: AppHandle<R>,
) -> (
    watch::Receiver<AttentionView>,
    mpsc::UnboundedReceiver<ServerNotice>,
) {
    let (view, view_rx) = watch::channel(AttentionView::new());
    let (notices, notices_rx) = mpsc::unbounded_channel();
    let (auto, auto_rx) = mpsc::unbounded_channel();
    let sinks = Sinks {
        view,
        notices,
        auto,
    };
    tauri::async_runtime::spawn(follow_all(app.clone(), sinks));
    tauri::async_runtime::spawn(tell_auto_answered(app, auto_rx));
    (view_rx, notices_rx)
}

/// Where a follower publishes.
#[derive(Clone)]
pub struct Sinks {
    pub view: watch::Sender<AttentionView>,
    pub notices: mpsc::UnboundedSender<ServerNotice>,
    pub auto: mpsc::UnboundedSender<AutoAnswered>,
}

/// Each answer by a rule: a log line, and the event the windows show it from.
async fn tell_auto_answered<R: Runtime>(
    app: AppHandle<R>,
    mut answered: mpsc::UnboundedReceiver<AutoAnswered>,
) {
    use tauri_specta::Event;
    while let Some(auto) = answered.recv().await {
        tracing::info!(
            server = auto.server_id,
            session = auto.session_id,
            request = auto.request_id,
            rule = auto.rule.pattern,
            "a permission request was answered by the user's rule"
        );
        if let Err(error) = auto.emit(&app) {
            tracing::warn!(%error, "could not tell the windows of an answer by a rule");
        }
    }
}

async fn follow_all<R: Runtime>(app: AppHandle<R>, sinks: Sinks) {
    let state = app.state::<AppState>();
    state
        .servers
        .each_server(|id, hub| {
            let app = app.clone();
            let sinks = sinks.clone();
            tauri::async_runtime::spawn(async move {
                let state = app.state::<AppState>();
                let rules = app.state::<RulesStore>();
                follow_one(&state.servers, &rules, id, hub, sinks).await;
            });
        })
        .await;
}

/// Follows server `id` until the registry ends.
pub async fn follow_one(
    registry: &ServerRegistry,
    rules: &RulesStore,
    id: String,
    hub: Hub,
    sinks: Sinks,
) {
    let Sinks {
        view,
        notices,
        auto,
    } = sinks;
    let mut changes = registry.changes();
    // Requests answered by a rule, by id: never published (the server's reply removes them).
    let mut ruled: BTreeSet<String> = BTreeSet::new();
    let mut tracker = AttentionTracker::default();
    // The requests last published, placed; compared by id before placing anew.
    let mut waiting: Vec<Waiting> = Vec::new();
    let mut asked_at: BTreeMap<String, f64> = BTreeMap::new();
    let mut ended: BTreeMap<String, Ended> = BTreeMap::new();
    let mut sessions_changed = 0u64;
    loop {
        let directory = registry.directory(&id);
        let (subscription, mut items) = hub.subscribe(directory.clone());
        loop {
            let item = tokio::select! {
                item = items.recv() => item,
                changed = changes.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    if registry.directory(&id) != directory {
                        // Another project: follow its events from a fresh snapshot.
                        break;
                    }
                    continue;
                }
            };
            let Some(item) = item else { return };
            let mut notice = None;
            let mut retitled = false;
            match item {
                // Events may have been missed: start from what the server says now.
                HubItem::Connected { .. } => {
                    if let Ok(client) = registry.client(&id) {
                        for session_id in resync(&client, &mut tracker).await {
                            ended_in_gap(&client, &mut tracker, &mut ended, &session_id).await;
                        }
                    }
                    sessions_changed += 1;
                }
                HubItem::Event(event) => {
                    notice = tracker.apply(&event);
                    if let ServerEvent::SessionUpdated { info } = &event {
                        retitled = retitle(&mut waiting, info);
                    }
                    if let Some(Notice::Finished { session_id }) = &notice {
                        if let Ok(client) = registry.client(&id) {
                            note_ended(&client, &tracker, &mut ended, session_id).await;
                        }
                    }
                    follow_ended(&mut ended, &tracker, &event);
                    if matches!(
                        event,
                        ServerEvent::SessionCreated { .. }
                            | ServerEvent::SessionDeleted { .. }
                            | ServerEvent::SessionIdle { .. }
                    ) {
                        sessions_changed += 1;
                    }
                }
                HubItem::Disconnected { .. } => {}
            }
            // Before publishing: what a rule answers is never shown.
            ruled.retain(|request| tracker.requests().any(|r| r.id() == request));
            if let Some(directory) = &directory {
                let answered = by_rules(registry, rules, &id, directory, &tracker, &ruled).await;
                for (request_id, done) in answered {
                    ruled.insert(request_id);
                    if let Some(done) = done {
                        let _ = auto.send(done);
                    }
                }
            }
            if matches!(&notice, Some(Notice::Asked(r)) if ruled.contains(r.id())) {
                notice = None;
            }
            let shown = || tracker.requests().filter(|r| !ruled.contains(r.id()));
            // Most events change nothing here: compare ids before asking for sessions.
            let changed = !shown()
                .map(Request::id)
                .eq(waiting.iter().map(|w| w.request.id()));
            if changed {
                let requests: Vec<Request> = shown().cloned().collect();
                waiting = match registry.client(&id) {
                    Ok(client) => placed(&client, requests).await,
                    Err(_) => requests
                        .into_iter()
                        .map(|request| Waiting {
                            place: Place::own(request.session_id()),
                            request,
                        })
                        .collect(),
                };
            }
            let published = (changed || retitled).then(|| waiting.clone());
            if changed {
                let now = now_ms();
                asked_at = waiting
                    .iter()
                    .map(|w| {
                        let id = w.request.id();
                        (id.to_owned(), asked_at.get(id).copied().unwrap_or(now))
                    })
                    .collect();
            }
            let state = match tracker.state() {
                // Only requests a rule answered: the agent goes on working.
                TrayState::NeedsYou if waiting.is_empty() => TrayState::Working,
                state => state,
            };
            publish(
                &view,
                &id,
                Published {
                    state,
                    directory: directory.as_deref(),
                    waiting: published,
                    asked_at: &asked_at,
                    ended: &ended,
                    sessions_changed,
                },
            );
            // After publishing: an answer from the notice looks its request up in the view.
            if let Some(notice) = notice {
                let place = match &notice {
                    Notice::Asked(request) => waiting
                        .iter()
                        .find(|w| w.request.id() == request.id())
                        .map(|w| w.place.clone()),
                    Notice::Finished { .. } => None,
                };
                let _ = notices.send(ServerNotice {
                    server_id: id.clone(),
                    place: place.unwrap_or_else(|| Place::own(notice.session_id())),
                    notice,
                });
            }
        }
        hub.unsubscribe(subscription);
        tracker = AttentionTracker::default();
        waiting.clear();
        asked_at.clear();
        ended.clear();
        ruled.clear();
    }
}

/// Notes that `session_id`'s reply ended (now), if it is a top-level session: a sub-agent's
/// session ending is a step of its parent's reply, not a reply the user waits for.
async fn note_ended(
    client: &Client,
    tracker: &AttentionTracker,
    ended: &mut BTreeMap<String, Ended>,
    session_id: &str,
) {
    let place = place_of(client, session_id).await;
    if place.subagent.is_some() {
        return;
    }
    ended.insert(
        place.session_id.clone(),
        Ended {
            place,
            at: now_ms(),
            error: tracker.failure(session_id).map(str::to_owned),
        },
    );
}

/// A reply that ended while events were missed: whether it failed is read off its last message.
async fn ended_in_gap(
    client: &Client,
    tracker: &mut AttentionTracker,
    ended: &mut BTreeMap<String, Ended>,
    session_id: &str,
) {
    if let Ok((messages, _)) = client.message_info_page(session_id, 1, None).await {
        if let Some(error) = crate::attention::failure_of_last(messages.last()) {
            tracker.note_failure(session_id, &error);
        }
    }
    note_ended(client, tracker, ended, session_id).await;
}

/// Keeps the ended replies in step with an event: a session working again or deleted leaves, a
/// renamed one takes its title, and a failure said after the end (whichever order the server
/// sends them in) is taken.
fn follow_ended(
    ended: &mut BTreeMap<String, Ended>,
    tracker: &AttentionTracker,
    event: &ServerEvent,
) {
    match event {
        ServerEvent::SessionStatus { session_id, status } if status.is_busy() => {
            ended.remove(session_id);
        }
        ServerEvent::SessionDeleted { info } => {
            ended.remove(&info.id);
        }
        ServerEvent::SessionUpdated { info } => {
            if let Some(end) = ended.get_mut(&info.id) {
                end.place.title.clone_from(&info.title);
            }
        }
        ServerEvent::SessionError {
            session_id: Some(session_id),
            ..
        } => {
            if let Some(end) = ended.get_mut(session_id) {
                end.error = tracker.failure(session_id).map(str::to_owned);
            }
        }
        _ => {}
    }
}

/// Answers "once" each permission request pending in `tracker` (not answered already) that a
/// rule for `directory` covers; returns the ids not to show, each with its `AutoAnswered` (none
/// for one answered meanwhile elsewhere: the server's reply removes it). One whose answer fails
/// otherwise is left to the user.
async fn by_rules(
    registry: &ServerRegistry,
    rules: &RulesStore,
    server_id: &str,
    directory: &str,
    tracker: &AttentionTracker,
    ruled: &BTreeSet<String>,
) -> Vec<(String, Option<AutoAnswered>)> {
    let kept = rules.get().rules;
    if kept.is_empty() {
        return Vec::new();
    }
    let mut answered = Vec::new();
    let due: Vec<_> = tracker
        .requests()
        .filter_map(|request| match request {
            Request::Permission(p) if !ruled.contains(&p.id) => {
                let rule = crate::rules::matching(&kept, directory, p)?;
                Some((p.clone(), rule.clone()))
            }
            _ => None,
        })
        .collect();
    for (request, rule) in due {
        let Ok(client) = registry.client(server_id) else {
            break;
        };
        let once = Reply::Permission(PermissionReply::Once);
        match answer::send(&client, &request.id, &once).await {
            Ok(_) => answered.push((
                request.id.clone(),
                Some(AutoAnswered {
                    server_id: server_id.to_owned(),
                    session_id: request.session_id,
                    request_id: request.id,
                    call_id: request.tool.map(|tool| tool.call_id),
                    permission: request.permission,
                    patterns: request.patterns,
                    rule,
                }),
            )),
            Err(error) if error.kind == crate::error::ErrorKind::NotFound => {
                answered.push((request.id, None));
            }
            Err(error) => tracing::warn!(
                request = request.id,
                %error,
                "a rule's answer failed; the request is left to the user"
            ),
        }
    }
    answered
}

/// What a follower publishes after an item; `waiting` only when it changed.
struct Published<'a> {
    state: TrayState,
    directory: Option<&'a str>,
    waiting: Option<Vec<Waiting>>,
    asked_at: &'a BTreeMap<String, f64>,
    ended: &'a BTreeMap<String, Ended>,
    sessions_changed: u64,
}

/// Updates server `id`'s entry; readers wake only when something changed.
fn publish(view: &watch::Sender<AttentionView>, id: &str, published: Published<'_>) {
    view.send_if_modified(|all| {
        let entry = all.entry(id.to_string()).or_default();
        let changed = entry.state != published.state
            || entry.directory.as_deref() != published.directory
            || entry.sessions_changed != published.sessions_changed
            || published
                .waiting
                .as_ref()
                .is_some_and(|w| *w != entry.waiting)
            || entry.asked_at != *published.asked_at
            || entry.ended != *published.ended;
        if changed {
            entry.state = published.state;
            entry.directory = published.directory.map(str::to_owned);
            entry.sessions_changed = published.sessions_changed;
            if let Some(waiting) = published.waiting {
                entry.waiting = waiting;
            }
            entry.asked_at.clone_from(published.asked_at);
            entry.ended.clone_from(published.ended);
        }
        changed
    });
}

/// Each request with its place, each session asked for once.
async fn placed(client: &Client, requests: Vec<Request>) -> Vec<Waiting> {
    let mut sessions: Vec<String> = requests.iter().map(|r| r.session_id().to_owned()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let places =
        futures_util::future::join_all(sessions.iter().map(|id| place_of(client, id))).await;
    let by_session: BTreeMap<String, Place> = sessions.into_iter().zip(places).collect();
    requests
        .into_iter()
        .map(|request| Waiting {
            place: by_session
                .get(request.session_id())
                .cloned()
                .unwrap_or_else(|| Place::own(request.session_id())),
            request,
        })
        .collect()
}

/// Follows a session's new title (a session is titled after its first reply begins, often after
/// its first request). Whether anything changed.
fn retitle(waiting: &mut [Waiting], session: &opencode_client::types::Session) -> bool {
    let mut changed = false;
    for w in waiting {
        let title = if w.place.session_id == session.id {
            &mut w.place.title
        } else if w.request.session_id() == session.id {
            match w.place.subagent.as_mut() {
                Some(sub) => sub,
                None => continue,
            }
        } else {
            continue;
        };
        if *title != session.title {
            title.clone_from(&session.title);
            changed = true;
        }
    }
    changed
}

/// Sub-agents can start sub-agents; a chain longer than this is not followed further.
const MAX_DEPTH: usize = 8;

/// Where `session_id`'s requests show: its top-level session, found through `parentID`. A
/// session the server cannot give keeps its id as title; a parent it cannot give stops the walk.
pub async fn place_of(client: &Client, session_id: &str) -> Place {
    let Ok(asking) = client.session(session_id).await else {
        return Place {
            title: session_id.to_owned(),
            ..Place::own(session_id)
        };
    };
    let mut top = asking.clone();
    for _ in 0..MAX_DEPTH {
        let Some(parent) = top.parent_id.as_deref() else {
            break;
        };
        match client.session(parent).await {
            Ok(session) => top = session,
            Err(error) => {
                tracing::debug!(%error, parent, "a sub-agent's parent session is not known");
                break;
            }
        }
    }
    Place {
        subagent: (top.id != asking.id).then_some(asking.title),
        session_id: top.id,
        title: top.title,
    }
}

/// Resets `tracker` from what the server says now; returns the sessions whose replies ended
/// meanwhile.
async fn resync(client: &Client, tracker: &mut AttentionTracker) -> Vec<String> {
    let (statuses, permissions, questions) = tokio::join!(
        client.session_statuses(),
        client.permissions(),
        client.questions()
    );
    // Without the statuses nothing can be said of what ended meanwhile.
    let known = statuses.is_ok();
    let busy = statuses
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, status)| status.is_busy())
        .map(|(id, _)| id);
    let pending = permissions
        .unwrap_or_default()
        .into_iter()
        .map(Request::Permission)
        .chain(
            questions
                .unwrap_or_default()
                .into_iter()
                .map(Request::Question),
        );
    let ended = tracker.reset(busy, pending);
    if known {
        ended
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::types::SessionCreate;
    use testkit::{FakeModel, TestServer};

    #[test]
    fn a_place_reads_as_its_session_and_sub_agent() {
        let mut place = Place::own("ses_1");
        assert_eq!(place.label(), "Untitled session");
        place.title = "Fix the build".into();
        assert_eq!(place.label(), "Fix the build");
        place.subagent = Some("Run the tests".into());
        assert_eq!(place.label(), "Fix the build › Run the tests");
    }

    #[test]
    fn a_renamed_session_renames_the_requests_shown_under_it() {
        let asked = |id: &str, session: &str| {
            Request::Question(opencode_client::types::QuestionRequest {
                id: id.into(),
                session_id: session.into(),
                questions: vec![],
                tool: None,
            })
        };
        let mut waiting = vec![
            Waiting {
                request: asked("que_1", "ses_top"),
                place: Place::own("ses_top"),
            },
            Waiting {
                request: asked("que_2", "ses_child"),
                place: Place {
                    subagent: Some("New session".into()),
                    ..Place::own("ses_top")
                },
            },
        ];
        let session = |id: &str, title: &str| {
            serde_json::from_value::<opencode_client::types::Session>(serde_json::json!({
                "id": id, "title": title, "time": {"created": 0.0}
            }))
            .unwrap()
        };
        assert!(retitle(&mut waiting, &session("ses_top", "Fix the build")));
        assert!(retitle(
            &mut waiting,
            &session("ses_child", "Run the tests")
        ));
        assert_eq!(waiting[0].place.label(), "Fix the build");
        assert_eq!(waiting[1].place.label(), "Fix the build › Run the tests");
        assert!(!retitle(&mut waiting, &session("ses_top", "Fix the build")));
        assert!(!retitle(&mut waiting, &session("ses_other", "Other")));
    }

    /// A rule for `touch ruled.txt` in the project: the agent's call runs with no one answering,
    /// the feed says it answered it, and nothing was shown (no waiting request, no notice).
    #[tokio::test(flavor = "multi_thread")]
    async fn a_request_a_rule_covers_is_answered_by_the_feed_and_never_shown() {
        use crate::rules::Rule;
        use opencode_client::types::{PermissionRule, PromptInput};
        use std::time::{Duration, Instant};
        use testkit::Reply as ModelReply;

        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("the real server");
        let crate::test_support::Registered {
            state,
            client,
            project,
        } = crate::test_support::register(&server, server.url(), Default::default());
        let files = tempfile::tempdir().unwrap();
        let rules = RulesStore::open(files.path().join(crate::rules::FILE_NAME));
        let rule = Rule {
            project: project.clone(),
            permission: "bash".into(),
            pattern: "touch ruled.txt".into(),
        };
        rules.add(vec![rule.clone()]).unwrap();

        let (view, mut view_rx) = watch::channel(AttentionView::new());
        let (notices, mut notices_rx) = mpsc::unbounded_channel();
        let (auto, mut auto_rx) = mpsc::unbounded_channel();
        let sinks = Sinks {
            view,
            notices,
            auto,
        };
        let hub = state.servers.hub("test").expect("hub");
        let follower = follow_one(&state.servers, &rules, "test".into(), hub, sinks);

        let scenario = async {
            let asking = SessionCreate {
                title: Some("Asking".into()),
                permission: Some(vec![PermissionRule {
                    permission: "bash".into(),
                    pattern: "*".into(),
                    action: "ask".into(),
                }]),
                ..Default::default()
            };
            let session = client.create_session(&asking).await.expect("session");
            model.push(ModelReply::tool(
                "bash",
                serde_json::json!({"command": "touch ruled.txt", "description": "Run it"}),
            ));
            model.push(ModelReply::text("Done."));
            client
                .prompt_async(&session.id, &PromptInput::text("run it"))
                .await
                .expect("prompt");
            let answered = tokio::time::timeout(Duration::from_secs(30), auto_rx.recv())
                .await
                .expect("the feed answered in time")
                .expect("an answer by a rule");
            let file = server.project_dir().join("ruled.txt");
            let deadline = Instant::now() + Duration::from_secs(30);
            while !file.exists() {
                assert!(Instant::now() < deadline, "the tool never ran");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            (session.id, answered)
        };
        // Every view published, to see that none listed the request.
        let mut listed = false;
        let watching = async {
            while view_rx.changed().await.is_ok() {
                let now = view_rx.borrow_and_update().clone();
                listed |= now.values().any(|server| !server.waiting.is_empty());
            }
        };
        // The follower never ends; the scenario decides.
        let (session_id, answered) = tokio::select! {
            _ = follower => unreachable!("the follower ended"),
            _ = watching => unreachable!("the view ended"),
            outcome = scenario => outcome,
        };
        assert!(!listed, "the request was never published as waiting");
        assert_eq!(answered.server_id, "test");
        assert_eq!(answered.session_id, session_id);
        assert_eq!(answered.permission, "bash");
        assert_eq!(answered.patterns, ["touch ruled.txt"]);
        assert_eq!(answered.rule, rule);
        assert!(answered.call_id.is_some(), "the tool call is named");
        // Never shown: no notice, and the view never listed it.
        assert!(notices_rx.try_recv().is_err(), "no notice");
        assert!(client.permissions().await.unwrap().is_empty());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_sub_agents_request_is_placed_under_its_top_level_session() {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("the real server");
        let client = crate::test_support::client(&server);
        let create = |title: &str, parent_id: Option<String>| SessionCreate {
            title: Some(title.into()),
            parent_id,
            ..Default::default()
        };
        let top = client.create_session(&create("Top", None)).await.unwrap();
        let child = client
            .create_session(&create("Child", Some(top.id.clone())))
            .await
            .unwrap();
        let grandchild = client
            .create_session(&create("Grandchild", Some(child.id.clone())))
            .await
            .unwrap();

        assert_eq!(
            place_of(&client, &grandchild.id).await,
            Place {
                session_id: top.id.clone(),
                title: "Top".into(),
                subagent: Some("Grandchild".into()),
            }
        );
        assert_eq!(
            place_of(&client, &top.id).await,
            Place {
                session_id: top.id.clone(),
                title: "Top".into(),
                subagent: None,
            }
        );
        let gone = place_of(&client, "ses_gone").await;
        assert_eq!(
            (gone.session_id.as_str(), gone.title.as_str()),
            ("ses_gone", "ses_gone")
        );
    }
}

#[cfg(test)]
#[path = "attention_feed_ends_tests.rs"]
mod ends_tests;
