//! The server's live events, in three layers, one file each: `sse` turns bytes into frames
//! (pure), `event` turns a frame into a typed `ServerEvent` (pure, total), and `stream` owns the
//! connection: heartbeat watch, backoff, reconnect, and the resync signal.

pub mod coalesce;
pub mod event;
pub mod sse;
pub mod stream;

pub use coalesce::coalesce_deltas;
pub use event::{GlobalEvent, ServerEvent, KNOWN_KINDS};
pub use stream::{Backoff, EventStream, StreamItem, StreamOptions};
