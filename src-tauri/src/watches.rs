//! The windows' event subscriptions: each is one hub subscription carried to one window's channel
//! by its own pump task. Ended by `unwatch_events`, or all of a window's at once when it closes,
//! so no stream outlives what it was for.

use opencode_client::{Hub, SubscriptionId};
use std::collections::BTreeMap;
use std::sync::Mutex;
use tauri::async_runtime::JoinHandle;

/// Names a window's subscription across IPC.
pub type WatchId = u32;

#[derive(Default)]
pub struct Watches {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next: WatchId,
    open: BTreeMap<WatchId, Watch>,
}

struct Watch {
    window: String,
    hub: Hub,
    subscription: SubscriptionId,
    pump: JoinHandle<()>,
}

impl Watches {
    /// Records a subscription and the task that carries it; returns its id.
    pub fn add(
        &self,
        window: String,
        hub: Hub,
        subscription: SubscriptionId,
        pump: JoinHandle<()>,
    ) -> WatchId {
        let mut inner = self.lock();
        inner.next = inner.next.wrapping_add(1).max(1);
        let id = inner.next;
        inner.open.insert(
            id,
            Watch {
                window,
                hub,
                subscription,
                pump,
            },
        );
        id
    }

    /// Ends one subscription; false if it was not open.
    pub fn remove(&self, id: WatchId) -> bool {
        let watch = self.lock().open.remove(&id);
        watch.map(Watch::end).is_some()
    }

    /// Ends every subscription of `window` (it closed or reloaded); returns how many.
    pub fn remove_window(&self, window: &str) -> usize {
        let mut inner = self.lock();
        let ids: Vec<WatchId> = inner
            .open
            .iter()
            .filter(|(_, w)| w.window == window)
            .map(|(id, _)| *id)
            .collect();
        let ended: Vec<Watch> = ids.iter().filter_map(|id| inner.open.remove(id)).collect();
        drop(inner);
        let count = ended.len();
        ended.into_iter().for_each(Watch::end);
        count
    }

    /// Subscriptions open now.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.lock().open.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Watch {
    fn end(self) {
        self.hub.unsubscribe(self.subscription);
        self.pump.abort();
    }
}
