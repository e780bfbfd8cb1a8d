//! The live events of a server, delivered to a window over a channel in per-frame batches.
//!
//! Every window's subscription shares the server's one event connection (its `Hub`); watching
//! opens no new connection, and unwatching (or closing the window) ends only the subscription.

use crate::error::CommandError;
use crate::event_pump::{pump, PumpMessage};
use crate::state::AppState;
use crate::watches::{Watch, WatchId};
use futures_util::Stream;
use opencode_client::HubItem;
use tauri::ipc::Channel;
use tauri::State;
use tokio::sync::mpsc::UnboundedReceiver;

/// Streams server `server_id`'s events of `directory` (its project; `None`: every project) to
/// `on_events` until `unwatch_events`, or until `window` closes. The first message is the
/// connection's state: `Connected { marker }` when live (load what you show, then apply), or
/// `Disconnected`. Every later `Connected` has a higher marker: events were missed, refetch.
#[tauri::command]
#[specta::specta]
pub async fn watch_events(
    state: State<'_, AppState>,
    server_id: String,
    directory: Option<String>,
    window: String,
    on_events: Channel<Vec<PumpMessage>>,
) -> Result<WatchId, CommandError> {
    let hub = state.servers.hub(&server_id)?;
    let (subscription, items) = hub.subscribe(directory);
    let task = tauri::async_runtime::spawn(async move {
        pump(receiver_stream(items), |batch| {
            on_events.send(batch).is_ok()
        })
        .await;
        tracing::debug!(server_id, "event watch ended");
    });
    Ok(state.watches.add(
        window,
        Watch {
            hub,
            subscription,
            pump: task,
        },
    ))
}

/// Ends a subscription made by `watch_events`; an id already ended is ignored.
#[tauri::command]
#[specta::specta]
pub fn unwatch_events(state: State<'_, AppState>, subscription: WatchId) {
    state.watches.remove(subscription);
}

/// A subscription's receiver as a `Stream`, for the pump.
fn receiver_stream(rx: UnboundedReceiver<HubItem>) -> impl Stream<Item = HubItem> + Unpin + Send {
    Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }))
}
