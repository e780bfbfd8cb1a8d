//! One event connection per server, shared by everyone who wants its events.
//!
//! A `Hub` reads the server's `/global/event` stream (every project's events, each with its
//! directory) and fans it out to subscribers: each window's channel, the tray's attention
//! tracker. It follows the server rather than one address: the owner feeds it the current
//! `Client` through a `watch` (a restart on a new port, new credentials, `None` while the server
//! is down), and the hub drops the old connection and opens the new one at once.
//!
//! Every (re)connection gets a new, higher marker, delivered to every subscriber in order with the
//! events: events before it may have been missed, so the subscriber refetches. A new subscriber
//! first hears the hub's state (`Connected` with the current marker, or `Disconnected`), so it
//! loads its snapshot exactly once and buffers what comes meanwhile. Dropping a subscription's
//! receiver (or `unsubscribe`) removes it; dropping the `Hub` stops the connection.

use super::event::ServerEvent;
use super::stream::{StreamItem, StreamOptions};
use crate::Client;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

/// What a subscriber receives, in order.
// Nearly every item is an event: boxing it to shrink the rare state changes would cost an
// allocation per event.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum HubItem {
    /// The connection is live from here on. `marker` grows with each connection; `resync` is
    /// false only for the very first one (nothing can have been missed before it).
    Connected {
        marker: u32,
        resync: bool,
    },
    Event(ServerEvent),
    /// The connection is down; `retry_in` is `None` when the hub waits for new credentials or a
    /// new server rather than retrying on its own.
    Disconnected {
        message: String,
        retry_in: Option<Duration>,
    },
}

/// Names one subscription, for `unsubscribe`.
pub type SubscriptionId = u64;

/// Called on every item read from the server (heartbeats included): the server is alive.
pub type ActivityHook = Arc<dyn Fn() + Send + Sync>;

/// A server's shared event connection. Cheap to clone; the connection ends when the last clone
/// is dropped.
#[derive(Clone)]
pub struct Hub {
    shared: Arc<Shared>,
    _task: Arc<TaskGuard>,
}

struct TaskGuard(JoinHandle<()>);

impl Drop for TaskGuard {
    fn drop(&mut self) {
        self.0.abort();
    }
}

struct Shared {
    inner: Mutex<Inner>,
    next_id: AtomicU64,
    /// Connections opened, ever (for tests and diagnostics).
    connections: AtomicU64,
}

struct Inner {
    state: HubItem,
    subscribers: BTreeMap<SubscriptionId, Subscriber>,
}

struct Subscriber {
    /// Only this project's events (and server-wide ones); `None`: every project.
    directory: Option<String>,
    tx: mpsc::UnboundedSender<HubItem>,
}

impl Subscriber {
    fn wants(&self, directory: Option<&str>) -> bool {
        match (&self.directory, directory) {
            (None, _) | (_, None) | (_, Some("global")) => true,
            (Some(mine), Some(theirs)) => same_dir(mine, theirs),
        }
    }
}

/// Directories as the server and the app spell them: a trailing separator does not matter.
fn same_dir(a: &str, b: &str) -> bool {
    let trim = |s: &str| -> String { s.trim_end_matches(['/', '\\']).to_string() };
    a == b || trim(a) == trim(b)
}

impl Hub {
    /// Starts following the server whose current client `source` holds.
    pub fn new(
        source: watch::Receiver<Option<Client>>,
        options: StreamOptions,
        activity: Option<ActivityHook>,
    ) -> Hub {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                state: HubItem::Disconnected {
                    message: "Connecting to the server…".into(),
                    retry_in: None,
                },
                subscribers: BTreeMap::new(),
            }),
            next_id: AtomicU64::new(1),
            connections: AtomicU64::new(0),
        });
        let task = tokio::spawn(run(shared.clone(), source, options, activity));
        Hub {
            shared,
            _task: Arc::new(TaskGuard(task)),
        }
    }

    /// A new subscription to `directory`'s events (`None`: all). Its first item is the hub's
    /// current state.
    pub fn subscribe(
        &self,
        directory: Option<String>,
    ) -> (SubscriptionId, mpsc::UnboundedReceiver<HubItem>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let mut inner = self.shared.lock();
        let _ = tx.send(match &inner.state {
            HubItem::Connected { marker, .. } => HubItem::Connected {
                marker: *marker,
                resync: false,
            },
            other => other.clone(),
        });
        inner.subscribers.insert(id, Subscriber { directory, tx });
        (id, rx)
    }

    /// Ends a subscription; its receiver sees the end. Unknown ids are ignored.
    pub fn unsubscribe(&self, id: SubscriptionId) -> bool {
        self.shared.lock().subscribers.remove(&id).is_some()
    }

    /// Subscriptions still open (closed receivers are counted until the next item pruned them).
    pub fn subscriber_count(&self) -> usize {
        let mut inner = self.shared.lock();
        inner.subscribers.retain(|_, s| !s.tx.is_closed());
        inner.subscribers.len()
    }

    /// Event connections opened so far.
    pub fn connections_opened(&self) -> u64 {
        self.shared.connections.load(Ordering::Relaxed)
    }

    /// Whether the connection is live now.
    pub fn is_live(&self) -> bool {
        matches!(self.shared.lock().state, HubItem::Connected { .. })
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `item` to every subscriber that wants events of `directory`, pruning closed ones.
    /// State changes (`directory` None for them) go to everyone and become the hub's state.
    fn publish(&self, item: HubItem, directory: Option<&str>) {
        let mut inner = self.lock();
        if !matches!(item, HubItem::Event(_)) {
            inner.state = item.clone();
        }
        inner
            .subscribers
            .retain(|_, s| !s.wants(directory) || s.tx.send(item.clone()).is_ok());
    }
}

async fn run(
    shared: Arc<Shared>,
    mut source: watch::Receiver<Option<Client>>,
    options: StreamOptions,
    activity: Option<ActivityHook>,
) {
    let mut marker = 0u32;
    loop {
        let client = source.borrow_and_update().clone();
        let Some(client) = client else {
            if matches!(shared.lock().state, HubItem::Connected { .. }) {
                shared.publish(
                    HubItem::Disconnected {
                        message: "The server is restarting…".into(),
                        retry_in: None,
                    },
                    None,
                );
            }
            if source.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut stream = client.global_event_stream(options);
        shared.connections.fetch_add(1, Ordering::Relaxed);
        loop {
            let item = tokio::select! {
                item = stream.next_item() => item,
                changed = source.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    // A new address or new credentials: reconnect at once.
                    break;
                }
            };
            if let Some(hook) = &activity {
                if matches!(item, Some(StreamItem::Event(_))) {
                    hook();
                }
            }
            match item {
                Some(StreamItem::Connected { .. }) => {
                    marker += 1;
                    let resync = marker > 1;
                    shared.publish(HubItem::Connected { marker, resync }, None);
                }
                Some(StreamItem::Event(global)) => {
                    let directory = global.directory.as_deref();
                    shared.publish(HubItem::Event(global.event), directory);
                }
                Some(StreamItem::Disconnected { error, retry_in }) => {
                    shared.publish(
                        HubItem::Disconnected {
                            message: error.to_string(),
                            retry_in,
                        },
                        None,
                    );
                }
                None => {
                    // The stream gave up (wrong password): wait for the owner's next client.
                    if source.changed().await.is_err() {
                        return;
                    }
                    break;
                }
            }
        }
        // The loop above ended for a new client: the old connection closes here, before the
        // new one opens, so the server never sees two of ours.
        drop(stream);
    }
}
