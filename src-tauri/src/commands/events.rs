//! The live event stream of a server, delivered to the UI over a channel in per-frame batches.

use crate::error::CommandError;
use crate::event_pump::{pump, PumpMessage};
use crate::state::AppState;
use opencode_client::StreamOptions;
use tauri::ipc::Channel;
use tauri::State;

/// Streams server `server_id`'s events to `on_events` until the UI drops the channel. The first
/// message says `Connected`; after any reconnect, `Connected { resync: true }` asks the UI to
/// refetch what it shows.
#[tauri::command]
#[specta::specta]
pub async fn watch_events(
    state: State<'_, AppState>,
    server_id: String,
    on_events: Channel<Vec<PumpMessage>>,
) -> Result<(), CommandError> {
    let client = state.servers.client(&server_id)?;
    let stream = client.event_stream(StreamOptions::default());
    tauri::async_runtime::spawn(async move {
        pump(stream, |batch| on_events.send(batch).is_ok()).await;
        tracing::debug!(server_id, "event watch ended");
    });
    Ok(())
}
