//! `AppState`: what the app holds for its whole life. Fields own their synchronisation.
//! (Past 500 lines only with its tests, the registry's real-server test among them.)

use crate::error::{CommandError, ErrorKind};
use crate::project::ProjectChoice;
use crate::ui_bridge::UiBridge;
use opencode_client::events::ActivityHook;
use opencode_client::{Client, Hub, StreamOptions};
use opencode_supervisor::{ServerStatus, Supervisor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::watch;

pub struct AppState {
    /// The project the app opened with (the command line's, the default or the last one used).
    pub project: ProjectChoice,
    pub servers: ServerRegistry,
    /// Owns the servers the app started; stopping it (on quit) stops them.
    pub supervisor: Supervisor,
    /// The windows' event subscriptions, to end them on unwatch or when a window closes.
    pub watches: crate::watches::Watches,
    /// The windows' terminal connections, ended likewise.
    pub ptys: crate::pty::Attachments,
    /// What sessions cost, as last read (`usage.rs`).
    pub usage: crate::usage::UsageCache,
    /// The sessions the user opened, kept to read while their server is down.
    pub offline: crate::offline_copies::OfflineCopies,
    /// What commands may ask of the windows.
    pub ui: Arc<dyn UiBridge>,
    /// What the user should know about this launch: the default project was gone (see
    /// `project`), the desktop refused the quick prompt shortcut.
    pub launch_notices: Vec<String>,
    /// The local servers the last look for one found but did not use (another user's, OpenCode
    /// 2); replaced by each look (at start, on Retry), for the UI to offer.
    pub not_used: Mutex<Vec<ServerNotUsed>>,
    /// Passwords the user typed for terminal OpenCodes' servers, this session only.
    pub terminal_passwords: crate::terminals::TerminalPasswords,
    /// The terminal OpenCode the tray aimed the quick prompt at, until the window takes it (a
    /// window made on that click may not be listening yet for the event that says so).
    pub quick_prompt_target: Mutex<Option<String>>,
    /// Remote servers the user added: saved, their passwords in the keychain.
    pub remote: crate::remote_servers::RemoteServers,
}

impl AppState {
    pub fn new(project: ProjectChoice, ui: Arc<dyn UiBridge>) -> Self {
        AppState {
            project,
            servers: ServerRegistry::default(),
            supervisor: Supervisor::new(),
            watches: Default::default(),
            ptys: Default::default(),
            usage: Default::default(),
            offline: Default::default(),
            ui,
            launch_notices: Vec::new(),
            not_used: Mutex::default(),
            terminal_passwords: Default::default(),
            quick_prompt_target: Mutex::default(),
            remote: crate::remote_servers::RemoteServers::new(Arc::new(
                crate::remote_servers::Keychain,
            )),
        }
    }

    /// Keeps remote servers' passwords in `passwords` instead of the OS keychain (tests).
    #[cfg(test)]
    pub fn with_passwords(
        mut self,
        passwords: Arc<dyn crate::remote_servers::PasswordStore>,
    ) -> Self {
        self.remote = crate::remote_servers::RemoteServers::new(passwords);
        self
    }

    pub fn with_offline_copies(mut self, copies: crate::offline_copies::OfflineCopies) -> Self {
        self.offline = copies;
        self
    }

    pub fn with_launch_notices(mut self, notices: Vec<String>) -> Self {
        self.launch_notices = notices;
        self
    }

    /// The local servers the last look found and did not use, each with why.
    pub fn servers_not_used(&self) -> Vec<ServerNotUsed> {
        self.not_used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Uses `supervisor` (one with a ledger of the servers it starts) instead of a plain one.
    pub fn with_supervisor(mut self, supervisor: Supervisor) -> Self {
        self.supervisor = supervisor;
        self
    }
}

/// A server found running on this machine that the app did not use on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ServerNotUsed {
    pub url: String,
    /// Why, for a person: "runs without a password as another user (uid 1001); ...".
    pub reason: String,
    /// Whether the user may choose it (false for a server the app cannot work with).
    pub can_use: bool,
}

/// What the UI knows of a server. Never the password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ServerInfo {
    pub id: String,
    pub name: String,
    pub url: String,
    pub version: Option<String>,
    /// The project directory requests are about.
    pub directory: Option<String>,
    /// Found running rather than started by the app (the app never stops those).
    pub attached: bool,
    pub status: ServerStatusView,
}

impl ServerInfo {
    /// Whether the app reaches the server now: what waits there can be answered and opened.
    pub fn reachable(&self) -> bool {
        matches!(self.status, ServerStatusView::Ready)
    }

    /// A server that could not even be started (no binary...), with the reason.
    pub fn failed(id: &str, message: String) -> ServerInfo {
        ServerInfo {
            id: id.into(),
            name: "OpenCode".into(),
            url: String::new(),
            version: None,
            directory: None,
            attached: false,
            status: ServerStatusView::Failed { message },
        }
    }
}

/// A server's status as the UI shows it; `message` is a sentence for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum ServerStatusView {
    Starting,
    Ready,
    Unreachable {
        message: String,
    },
    Unauthorized {
        message: String,
    },
    Restarting {
        attempt: u32,
        message: String,
    },
    /// Gave up: crashed repeatedly, or could not start. Final.
    Failed {
        message: String,
    },
    Stopped,
}

impl From<&ServerStatus> for ServerStatusView {
    fn from(status: &ServerStatus) -> Self {
        match status {
            ServerStatus::Starting => ServerStatusView::Starting,
            ServerStatus::Ready => ServerStatusView::Ready,
            ServerStatus::Unreachable { reason } => ServerStatusView::Unreachable {
                message: reason.clone(),
            },
            ServerStatus::Unauthorized => ServerStatusView::Unauthorized {
                message: "The server rejected the password.".into(),
            },
            ServerStatus::Restarting {
                attempt, reason, ..
            } => ServerStatusView::Restarting {
                attempt: *attempt,
                message: reason.clone(),
            },
            ServerStatus::Crashed { error } => ServerStatusView::Failed {
                message: error.to_string(),
            },
            ServerStatus::Stopped => ServerStatusView::Stopped,
        }
    }
}

/// The servers the app knows, by id, each with a client once it is ready (credentials inside),
/// and each with its one event connection (`Hub`), which follows the entry's client.
///
/// The locks are only held to clone something out or to replace an entry, never across an
/// `.await`.
pub struct ServerRegistry {
    servers: RwLock<BTreeMap<String, (ServerInfo, Option<Client>)>>,
    /// The project the user switched a server to. OpenCode serves every directory from one
    /// server, so switching project only changes the directory requests name; it outlives the
    /// server's restarts, which `upsert` the entry again.
    directories: RwLock<BTreeMap<String, String>>,
    links: Mutex<BTreeMap<String, Link>>,
    /// Bumped on every change of the list, a status or a directory: followers re-read.
    changes: watch::Sender<u64>,
}

impl Default for ServerRegistry {
    fn default() -> Self {
        ServerRegistry {
            servers: Default::default(),
            directories: Default::default(),
            links: Default::default(),
            changes: watch::channel(0).0,
        }
    }
}

/// A server's event connection, fed the server's current client.
struct Link {
    source: watch::Sender<Option<Client>>,
    /// Made on first use (it needs the async runtime); then shared by every subscriber.
    hub: Option<Hub>,
    /// Told of every event read: the supervisor then knows a busy server is alive.
    activity: Arc<Mutex<Option<ActivityHook>>>,
}

impl ServerRegistry {
    /// Adds or replaces a server's entry; `client` is `None` while it is not usable.
    pub fn upsert(&self, mut info: ServerInfo, mut client: Option<Client>) {
        let directories = self.directories.read().unwrap_or_else(|e| e.into_inner());
        if let Some(directory) = directories.get(&info.id) {
            info.directory = Some(directory.clone());
            client = client.map(|c| c.for_directory(directory.clone()));
        }
        drop(directories);
        self.feed_link(&info.id, client.clone());
        let mut servers = self.servers.write().unwrap_or_else(|e| e.into_inner());
        servers.insert(info.id.clone(), (info, client));
        drop(servers);
        self.changes.send_modify(|n| *n += 1);
    }

    /// Gives the server's hub its current client; the same server at the same address with the
    /// same credentials is not news (a status update must not cost a reconnect), new credentials
    /// are.
    fn feed_link(&self, id: &str, client: Option<Client>) {
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        let link = link_of(&mut links, id);
        link.source.send_if_modified(|current| {
            let same = match (current.as_ref(), client.as_ref()) {
                (Some(a), Some(b)) => a.same_server(b),
                (None, None) => true,
                _ => false,
            };
            *current = client;
            !same
        });
    }

    /// Server `id`'s current client as its hub follows it (a new port after a restart), for a
    /// connection that must outlive one address (a terminal's websocket).
    pub fn client_source(&self, id: &str) -> Result<watch::Receiver<Option<Client>>, CommandError> {
        let links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        links
            .get(id)
            .map(|link| link.source.subscribe())
            .ok_or_else(|| not_connected(id))
    }

    /// Server `id`'s one event connection, made on first use. Needs the async runtime.
    pub fn hub(&self, id: &str) -> Result<Hub, CommandError> {
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        let Some(link) = links.get_mut(id) else {
            return Err(not_connected(id));
        };
        if let Some(hub) = &link.hub {
            return Ok(hub.clone());
        }
        let activity = link.activity.clone();
        let hook: ActivityHook = Arc::new(move || {
            if let Some(hook) = activity.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                hook();
            }
        });
        let hub = Hub::new(
            link.source.subscribe(),
            StreamOptions::default(),
            Some(hook),
        );
        link.hub = Some(hub.clone());
        Ok(hub)
    }

    /// What to call when server `id` delivers an event (the supervisor's liveness note).
    pub fn on_activity(&self, id: &str, hook: ActivityHook) {
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        let link = link_of(&mut links, id);
        *link.activity.lock().unwrap_or_else(|e| e.into_inner()) = Some(hook);
    }

    /// Changes to follow: the value is bumped on every upsert and directory switch.
    /// Calls `start` once for every server with a hub, those known now and those added later,
    /// for as long as the registry lives: how the app's followers (attention, TUI control) come
    /// to follow every server.
    pub async fn each_server(&self, mut start: impl FnMut(String, Hub)) {
        let mut changes = self.changes();
        let mut followed = std::collections::BTreeSet::new();
        loop {
            for id in self.ids() {
                if followed.contains(&id) {
                    continue;
                }
                if let Ok(hub) = self.hub(&id) {
                    followed.insert(id.clone());
                    start(id, hub);
                }
            }
            if changes.changed().await.is_err() {
                return;
            }
        }
    }

    pub fn changes(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// The ids of every server known.
    pub fn ids(&self) -> Vec<String> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers.keys().cloned().collect()
    }

    /// The project directory server `id`'s requests name now.
    pub fn directory(&self, id: &str) -> Option<String> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers.get(id).and_then(|(info, _)| info.directory.clone())
    }

    /// Points server `id` at another project directory from now on; returns its new view.
    pub fn set_directory(&self, id: &str, directory: String) -> Result<ServerInfo, CommandError> {
        let mut servers = self.servers.write().unwrap_or_else(|e| e.into_inner());
        let Some((info, client)) = servers.get_mut(id) else {
            return Err(not_connected(id));
        };
        info.directory = Some(directory.clone());
        if let Some(client) = client {
            *client = client.for_directory(directory.clone());
        }
        let info = info.clone();
        drop(servers);
        self.directories
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_string(), directory);
        self.changes.send_modify(|n| *n += 1);
        Ok(info)
    }

    /// The key server `id`'s offline copies are kept under: never its password (see
    /// `session_cache::server_key`). Known while the server is down, not for an unknown id.
    pub fn copies_key(&self, id: &str) -> Result<String, CommandError> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers
            .get(id)
            .map(|(info, _)| session_cache::server_key(&info.url))
            .ok_or_else(|| not_connected(id))
    }

    pub fn list(&self) -> Vec<ServerInfo> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers.values().map(|(info, _)| info.clone()).collect()
    }

    /// The first server with a usable client, with its id: the project's own server before a
    /// remote one the user added (the quick prompt and the tray use it).
    pub fn first_ready(&self) -> Option<(String, Client)> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        let ready = servers
            .iter()
            .filter_map(|(id, (_, client))| client.clone().map(|c| (id.clone(), c)));
        ready.min_by_key(|(id, _)| crate::remote_servers::is_remote(id))
    }

    /// Forgets server `id` (a remote server the user removed); its event connection ends with
    /// its last subscriber. Whether it was there.
    pub fn remove(&self, id: &str) -> bool {
        let removed = self
            .servers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id)
            .is_some();
        // Dropping the link's source tells its hub the server is gone for good.
        self.links
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
        self.directories
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
        self.changes.send_modify(|n| *n += 1);
        removed
    }

    /// The client of server `id`, or an error the UI can show.
    pub fn client(&self, id: &str) -> Result<Client, CommandError> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        match servers.get(id) {
            Some((_, Some(client))) => Ok(client.clone()),
            Some((info, None)) => Err(CommandError::new(
                ErrorKind::Unreachable,
                format!(
                    "The OpenCode server {} is not ready ({:?}).",
                    info.name, info.status
                ),
            )),
            None => Err(not_connected(id)),
        }
    }
}

/// Server `id`'s link, made (with no client yet) the first time it is asked for.
fn link_of<'a>(links: &'a mut BTreeMap<String, Link>, id: &str) -> &'a mut Link {
    links.entry(id.to_string()).or_insert_with(|| Link {
        source: watch::channel(None).0,
        hub: None,
        activity: Arc::default(),
    })
}

fn not_connected(id: &str) -> CommandError {
    CommandError::new(
        ErrorKind::NotFound,
        format!("No OpenCode server {id:?} is connected; it may have stopped."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: &str, status: ServerStatusView) -> ServerInfo {
        ServerInfo {
            status,
            ..ServerInfo::failed(id, String::new())
        }
    }

    #[test]
    fn a_switched_project_outlives_the_servers_restart() {
        let registry = ServerRegistry::default();
        let client = Client::builder("http://127.0.0.1:9")
            .directory("/first")
            .build()
            .unwrap();
        registry.upsert(info("local", ServerStatusView::Ready), Some(client.clone()));
        let view = registry.set_directory("local", "/second".into()).unwrap();
        assert_eq!(view.directory.as_deref(), Some("/second"));
        assert_eq!(
            registry.client("local").unwrap().directory(),
            Some("/second")
        );

        // A restart upserts the entry with the original project; the switch holds.
        registry.upsert(info("local", ServerStatusView::Ready), Some(client));
        assert_eq!(
            registry.client("local").unwrap().directory(),
            Some("/second")
        );
        assert_eq!(registry.list()[0].directory.as_deref(), Some("/second"));
        assert!(registry.set_directory("nope", "/x".into()).is_err());
    }

    #[test]
    fn a_server_that_is_not_ready_gives_a_clear_error() {
        let registry = ServerRegistry::default();
        registry.upsert(info("a", ServerStatusView::Starting), None);
        let error = registry.client("a").unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unreachable);
        assert!(error.message.contains("not ready"), "{}", error.message);
        let missing = registry.client("b").unwrap_err();
        assert_eq!(missing.kind, ErrorKind::NotFound);
    }

    #[test]
    fn an_entry_is_replaced_on_each_status_change() {
        let registry = ServerRegistry::default();
        registry.upsert(info("a", ServerStatusView::Starting), None);
        let client = Client::builder("http://127.0.0.1:1").build().unwrap();
        registry.upsert(info("a", ServerStatusView::Ready), Some(client));
        assert_eq!(registry.list().len(), 1);
        assert_eq!(registry.list()[0].status, ServerStatusView::Ready);
        assert!(registry.client("a").is_ok());
    }

    #[test]
    fn supervisor_statuses_map_to_what_the_ui_shows() {
        let crashed = ServerStatus::Crashed {
            error: opencode_supervisor::Error::Unauthorized { url: "u".into() },
        };
        assert!(matches!(
            ServerStatusView::from(&crashed),
            ServerStatusView::Failed { .. }
        ));
        assert_eq!(
            ServerStatusView::from(&ServerStatus::Ready),
            ServerStatusView::Ready
        );
    }
}

/// The registry's event connections against the real server, counted at a proxy in front of it.
#[cfg(test)]
mod hub_tests {
    use super::*;
    use crate::watches::Watches;
    use opencode_client::HubItem;
    use std::time::Duration;
    use testkit::{FakeModel, FaultProxy, TestServer};

    fn ready(id: &str) -> ServerInfo {
        ServerInfo {
            status: ServerStatusView::Ready,
            ..ServerInfo::failed(id, String::new())
        }
    }

    async fn connected(rx: &mut tokio::sync::mpsc::UnboundedReceiver<HubItem>) -> u32 {
        loop {
            let item = tokio::time::timeout(Duration::from_secs(20), rx.recv())
                .await
                .expect("an item")
                .expect("open");
            if let HubItem::Connected { marker, .. } = item {
                return marker;
            }
        }
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn one_event_connection_per_server_through_switches_watches_and_status_updates() {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("server");
        let proxy = FaultProxy::start(&server).await.expect("proxy");
        let client = Client::builder(proxy.url())
            .password(server.password().map(str::to_string))
            .build()
            .unwrap();
        let registry = ServerRegistry::default();
        registry.upsert(ready("s"), Some(client.clone()));
        let watches = Watches::default();
        let project = server.project_dir().to_string_lossy().into_owned();

        // Ten project switches, each a new window subscription ended by the next (as the UI
        // does), plus the tray's own, and status updates that repeat the same client.
        let hub = registry.hub("s").unwrap();
        let (_, mut tray) = hub.subscribe(None);
        assert_eq!(connected(&mut tray).await, 1);
        let mut previous = None;
        for i in 0..10 {
            let directory = if i % 2 == 0 {
                project.clone()
            } else {
                format!("/other/{i}")
            };
            registry.set_directory("s", directory.clone()).unwrap();
            registry.upsert(ready("s"), Some(client.clone()));
            let hub = registry.hub("s").unwrap();
            let (subscription, mut rx) = hub.subscribe(Some(directory));
            assert_eq!(connected(&mut rx).await, 1, "the same live connection");
            let pump =
                tauri::async_runtime::spawn(async move { while rx.recv().await.is_some() {} });
            let id = watches.add(
                "main".into(),
                crate::watches::Watch {
                    hub,
                    subscription,
                    pump,
                },
            );
            if let Some(before) = previous.replace(id) {
                assert!(watches.remove(before));
            }
        }
        assert_eq!(watches.count(), 1);
        assert_eq!(watches.remove_window("main"), 1);
        assert_eq!(watches.count(), 0);
        assert_eq!(
            hub.subscriber_count(),
            1,
            "only the tray's subscription is left"
        );
        let stats = proxy.stats();
        assert_eq!(stats.event_requests, 1, "{stats:?}");
        assert_eq!(stats.event_streams_open, 1, "{stats:?}");

        // The same address with other credentials (a remote server added again with a new
        // password) is a new connection, not ignored as a status update.
        let recredentialed = Client::builder(proxy.url())
            .password(Some("not the password".into()))
            .build()
            .unwrap();
        registry.upsert(ready("s"), Some(recredentialed));
        assert!(
            proxy
                .wait_for(Duration::from_secs(5), |s| s.event_requests >= 2)
                .await,
            "new credentials reconnect: {:?}",
            proxy.stats()
        );
        registry.upsert(ready("s"), Some(client.clone()));
        assert_eq!(connected(&mut tray).await, 2);

        // The server moves (a restart on a new port): the hub follows with the next marker and
        // the old connection closes; still one open.
        let moved = Client::builder(server.url())
            .password(server.password().map(str::to_string))
            .build()
            .unwrap();
        registry.upsert(ready("s"), Some(moved));
        assert_eq!(connected(&mut tray).await, 3);
        assert!(
            proxy
                .wait_for(Duration::from_secs(5), |s| s.event_streams_open == 0)
                .await,
            "the old connection closed: {:?}",
            proxy.stats()
        );
    }
}
