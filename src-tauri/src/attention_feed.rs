//! Follows every server's events on the Rust side, so the tray and notifications are right with
//! no window open, and publishes what it finds: a `watch` of what needs the user per server (the
//! tray reads it) and a channel of notices (notifications read it). It knows neither of them.
//!
//! One follower per server, subscribed to that server's hub (its one event connection) for the
//! project the server is switched to; a project switch moves the subscription, a restart on a
//! new port is the hub's business. Every `Connected` marker resets the tracker from a snapshot.

use crate::attention::{AttentionTracker, Notice, TrayState};
use crate::state::AppState;
use opencode_client::{Client, Hub, HubItem, ServerEvent};
use std::collections::BTreeMap;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{mpsc, watch};

/// What one server needs of the user now.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerAttention {
    pub state: TrayState,
    /// Sessions waiting for an answer: (session id, title).
    pub waiting: Vec<(String, String)>,
    /// Bumped when the list of sessions may have changed (created, deleted, finished, resync).
    pub sessions_changed: u64,
}

impl Default for ServerAttention {
    fn default() -> Self {
        ServerAttention {
            state: TrayState::Idle,
            waiting: Vec::new(),
            sessions_changed: 0,
        }
    }
}

/// Every server's attention, by server id.
pub type AttentionView = BTreeMap<String, ServerAttention>;

/// A notice and the server it came from.
pub type ServerNotice = (String, Notice);

/// Starts following every server the registry knows, now and later. Returns what it publishes.
pub fn start<R: Runtime>(
    app: AppHandle<R>,
) -> (
    watch::Receiver<AttentionView>,
    mpsc::UnboundedReceiver<ServerNotice>,
) {
    let (view, view_rx) = watch::channel(AttentionView::new());
    let (notices, notices_rx) = mpsc::unbounded_channel();
    tauri::async_runtime::spawn(follow_all(app, view, notices));
    (view_rx, notices_rx)
}

async fn follow_all<R: Runtime>(
    app: AppHandle<R>,
    view: watch::Sender<AttentionView>,
    notices: mpsc::UnboundedSender<ServerNotice>,
) {
    let state = app.state::<AppState>();
    state
        .servers
        .each_server(|id, hub| {
            let follower = follow_one(app.clone(), id, hub, view.clone(), notices.clone());
            tauri::async_runtime::spawn(follower);
        })
        .await;
}

async fn follow_one<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    hub: Hub,
    view: watch::Sender<AttentionView>,
    notices: mpsc::UnboundedSender<ServerNotice>,
) {
    let state = app.state::<AppState>();
    let registry = &state.servers;
    let mut changes = registry.changes();
    let mut tracker = AttentionTracker::default();
    let mut listed: Vec<String> = Vec::new();
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
            match item {
                // Events may have been missed: start from what the server says now.
                HubItem::Connected { .. } => {
                    if let Ok(client) = registry.client(&id) {
                        resync(&client, &mut tracker).await;
                    }
                    sessions_changed += 1;
                }
                HubItem::Event(event) => {
                    if let Some(notice) = tracker.apply(&event) {
                        let _ = notices.send((id.clone(), notice));
                    }
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
            // Most events change nothing here: compare before copying or asking for titles.
            let needing = tracker.sessions_needing_you();
            let waiting = if needing.iter().eq(listed.iter()) {
                None
            } else {
                listed = needing.into_iter().map(str::to_owned).collect();
                Some(match registry.client(&id) {
                    Ok(client) => titles(&client, &listed).await,
                    Err(_) => listed.iter().map(|s| (s.clone(), s.clone())).collect(),
                })
            };
            publish(&view, &id, tracker.state(), waiting, sessions_changed);
        }
        hub.unsubscribe(subscription);
        tracker = AttentionTracker::default();
    }
}

/// Updates server `id`'s entry; readers wake only when something changed.
fn publish(
    view: &watch::Sender<AttentionView>,
    id: &str,
    state: TrayState,
    waiting: Option<Vec<(String, String)>>,
    sessions_changed: u64,
) {
    view.send_if_modified(|all| {
        let entry = all.entry(id.to_string()).or_default();
        let mut next = entry.clone();
        next.state = state;
        next.sessions_changed = sessions_changed;
        if let Some(waiting) = waiting {
            next.waiting = waiting;
        }
        let changed = *entry != next;
        *entry = next;
        changed
    });
}

/// Each session with its title; a session the server cannot give keeps its id as title.
async fn titles(client: &Client, ids: &[String]) -> Vec<(String, String)> {
    let fetched = futures_util::future::join_all(ids.iter().map(|id| client.session(id))).await;
    ids.iter()
        .zip(fetched)
        .map(|(id, session)| {
            let title = session.map(|s| s.title).unwrap_or_else(|_| id.clone());
            (id.clone(), title)
        })
        .collect()
}

async fn resync(client: &Client, tracker: &mut AttentionTracker) {
    let (statuses, permissions, questions) = tokio::join!(
        client.session_statuses(),
        client.permissions(),
        client.questions()
    );
    let busy = statuses
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, status)| status.is_busy())
        .map(|(id, _)| id);
    let pending = permissions
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.id, p.session_id))
        .chain(
            questions
                .unwrap_or_default()
                .into_iter()
                .map(|q| (q.id, q.session_id)),
        );
    tracker.reset(busy, pending);
}
