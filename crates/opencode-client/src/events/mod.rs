//! The server's live events, in three layers, one file each: `sse` turns bytes into frames
//! (pure), `event` turns a frame into a typed `ServerEvent` (pure, total), and `stream` owns the
//! connection: heartbeat watch, backoff, reconnect, and the resync signal. `hub` shares one
//! server-wide connection among many subscribers and follows the server across restarts.

pub mod coalesce;
pub mod event;
pub mod hub;
pub mod sse;
pub mod stream;

pub use coalesce::coalesce_deltas;
pub use event::{GlobalEvent, ServerEvent, KNOWN_KINDS};
pub use hub::{ActivityHook, Hub, HubItem, SubscriptionId};
pub use stream::{Backoff, EventStream, StreamItem, StreamOptions};
