//! The windows' event subscriptions: each is one hub subscription carried to one window's channel
//! by its own pump task, kept in a `ByWindow` registry: ended by `unwatch_events`, or all of a
//! window's at once when it closes, so no stream outlives what it was for.

use crate::by_window::{ByWindow, Ends, HandleId};
use opencode_client::{Hub, SubscriptionId};
use tauri::async_runtime::JoinHandle;

/// Names a window's subscription across IPC.
pub type WatchId = HandleId;

pub type Watches = ByWindow<Watch>;

pub struct Watch {
    pub hub: Hub,
    pub subscription: SubscriptionId,
    pub pump: JoinHandle<()>,
}

impl Ends for Watch {
    fn end(self) {
        self.hub.unsubscribe(self.subscription);
        self.pump.abort();
    }
}
