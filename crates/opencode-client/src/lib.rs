//! A typed client for the OpenCode server: its HTTP routes and its server-sent event stream.
//!
//! Knows nothing of Tauri or of processes: it is handed a base URL and credentials, and it is
//! tested with plain `cargo test` against the real server (see `tests/`). Layout: `client`
//! (requests, auth, error mapping), `api/` (one file per route family), `types/` (wire types,
//! tolerant of what a newer server adds), `events/` (SSE framing, decoding, reconnecting stream),
//! `pty` (a terminal's websocket, reconnecting).

mod api;
mod client;
mod error;
pub mod events;
pub mod pty;
pub mod types;

pub use api::PromptReply;
pub use api::{tui_command, TuiCommand, TuiDialog, TUI_COMMANDS};
pub use api::{PtyTicket, SessionListQuery};
pub use api::{QUERY_PARAMS, ROUTES};
pub use client::{Client, ClientBuilder};
pub use error::{Error, Result};
pub use events::{
    EventStream, GlobalEvent, Hub, HubItem, ServerEvent, StreamItem, StreamOptions, SubscriptionId,
};
