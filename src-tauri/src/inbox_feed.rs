//! Owns what the user has seen (`inbox::Seen`) and keeps the windows told of the inbox: it
//! builds the inbox from the attention feed's view whenever that view, the servers or what was
//! seen change, and sends `NeedsYouChanged` when the result differs (and publishes it in a
//! `watch`, which the tray reads). The window asks for it with `needs_you` and says which
//! session it shows with `set_looking_at` (`commands/inbox.rs`).

use crate::app_events::NeedsYouChanged;
use crate::attention_feed::AttentionView;
use crate::inbox::{self, NeedsYou, Seen, SessionKey};
use crate::state::{AppState, ServerInfo};
use std::sync::{Mutex, MutexGuard};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::watch;

/// The inbox's state, managed by the app.
pub struct Inbox {
    seen: Mutex<Seen>,
    view: watch::Receiver<AttentionView>,
    /// Bumped when what was seen changed: the follower builds the inbox again.
    seen_changed: watch::Sender<u64>,
    /// The inbox last told, for the tray.
    told: watch::Sender<NeedsYou>,
}

impl Inbox {
    pub fn new(view: watch::Receiver<AttentionView>) -> Inbox {
        Inbox {
            seen: Mutex::default(),
            view,
            seen_changed: watch::channel(0).0,
            told: watch::channel(NeedsYou::default()).0,
        }
    }

    /// Each inbox as it is told to the windows.
    pub fn subscribe(&self) -> watch::Receiver<NeedsYou> {
        self.told.subscribe()
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The inbox now, across `servers`.
    pub fn now(&self, servers: &[ServerInfo]) -> NeedsYou {
        let view = self.view.borrow().clone();
        let mut seen = self.seen();
        seen.observe(&view);
        inbox::build(&view, servers, &seen)
    }

    /// The user now looks at `at` (None: at no session, or the window is not in sight).
    pub fn look(&self, at: Option<SessionKey>) {
        let view = self.view.borrow().clone();
        if self.seen().look(at, &view) {
            self.seen_changed.send_modify(|n| *n += 1);
        }
    }
}

/// Tells the windows each new inbox, for as long as the feed publishes.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    use tauri_specta::Event;
    let inbox = app.state::<Inbox>();
    let state = app.state::<AppState>();
    let mut view = inbox.view.clone();
    let mut seen = inbox.seen_changed.subscribe();
    let mut servers = state.servers.changes();
    let mut told = NeedsYou::default();
    loop {
        let now = inbox.now(&state.servers.list());
        if now != told {
            let count: usize = now.groups.iter().map(|g| g.items.len()).sum();
            tracing::debug!("inbox: {count} item(s) need you");
            if let Err(error) = (NeedsYouChanged { inbox: now.clone() }).emit(&app) {
                tracing::warn!(%error, "could not tell the windows of the inbox");
            }
            inbox.told.send_replace(now.clone());
            told = now;
        }
        tokio::select! {
            changed = view.changed() => if changed.is_err() { return },
            _ = seen.changed() => {}
            changed = servers.changed() => if changed.is_err() { return },
        }
    }
}
