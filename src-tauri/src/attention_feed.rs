//! Feeds the attention tracker from a server's own event stream and acts on it: the tray state
//! and native notifications. Runs on the Rust side so the tray is right with no window open.

use crate::attention::{AttentionTracker, TrayState};
use crate::{notifications, tray};
use opencode_client::{Client, ServerEvent, StreamItem, StreamOptions};
use tauri::{AppHandle, Runtime};

/// Follows `client`'s events until the stream gives up (the server is gone for good).
pub async fn run<R: Runtime>(app: AppHandle<R>, server_id: String, client: Client) {
    let mut tracker = AttentionTracker::default();
    let mut shown: Option<(TrayState, usize)> = None;
    // The sessions the tray lists under "Needs you".
    let mut listed: Vec<String> = Vec::new();
    let mut stream = client.event_stream(StreamOptions::default());
    while let Some(item) = stream.next_item().await {
        match item {
            // Events may have been missed: start from what the server says now.
            StreamItem::Connected { .. } => {
                resync(&client, &mut tracker).await;
                tray::refresh_recent(&app, &server_id, &client).await;
            }
            StreamItem::Event(event) => {
                if let Some(notice) = tracker.apply(&event) {
                    notifications::notify(&app, &server_id, &notice);
                }
                if matches!(
                    event,
                    ServerEvent::SessionCreated { .. }
                        | ServerEvent::SessionDeleted { .. }
                        | ServerEvent::SessionIdle { .. }
                ) {
                    tray::refresh_recent(&app, &server_id, &client).await;
                }
            }
            StreamItem::Disconnected { retry_in: None, .. } => break,
            StreamItem::Disconnected { .. } => {}
        }
        let needing = tracker.sessions_needing_you();
        let now = (tracker.state(), needing.len());
        if shown != Some(now) {
            tray::show_state(&app, now.0, now.1);
            shown = Some(now);
        }
        // Most events change nothing here: compare before copying or asking for titles.
        if !needing.iter().eq(listed.iter()) {
            listed = needing.into_iter().map(str::to_owned).collect();
            let titled = titles(&client, &listed).await;
            tray::show_waiting(&app, &server_id, &titled);
        }
    }
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
