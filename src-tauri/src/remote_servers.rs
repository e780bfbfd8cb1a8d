//! Remote OpenCode servers the user added (Servers and projects → Add, or one found over mDNS):
//! saved in the settings (address, name, user), each password in the OS keychain under the
//! server's settings id, reconnected at launch, edited and removed.
//!
//! Owns what a connect saves, what launch reconnects, edit and remove, and the warning for a
//! password sent in clear. Leaves the settings file and its checks to `settings`, the keychain
//! calls to `opencode_supervisor` (behind `PasswordStore`, so tests use a map), and the server
//! list to the registry (`state`). Tauri-free: `commands/servers.rs` adapts it.
//!
//! Invariants: a password is never in the settings, a log line or a status. A keychain that is
//! missing or fails never fails a connect or the launch: the password is then kept in memory for
//! this session and the server's `password_note` says so. Registry ids of remote servers start
//! with `remote-`, so they never collide with the supervisor's `server-N`.

pub mod mdns;
mod passwords;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub use passwords::MemoryPasswords;
pub use passwords::{Keychain, PasswordStore};

use crate::error::{CommandError, ErrorKind};
use crate::settings::{RemoteServer, SettingsStore};
use crate::state::{ServerInfo, ServerRegistry, ServerStatusView};
use opencode_client::types::Health;
use opencode_client::Client;
use opencode_supervisor::Secret;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every remote server's registry id starts with this.
pub const ID_PREFIX: &str = "remote-";
/// How long launch waits for the project's own server to be listed before reconnecting the
/// remote ones, so a window opening meanwhile shows the project's server, not a remote one.
pub const LOCAL_FIRST_LIMIT: Duration = Duration::from_secs(5);

/// A saved remote server as the UI shows it. Never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SavedServer {
    /// The settings id (also the keychain entry's key); edit and remove take it.
    pub id: String,
    /// Its id among the servers the app is connected to (`list_servers`).
    pub server_id: String,
    pub name: String,
    pub url: String,
    pub username: Option<String>,
    /// Set when the password travels in clear: `http://` to a host that is not this computer.
    pub clear_text_warning: Option<String>,
    /// What the user should know about its password (no keychain: kept for this session only).
    pub password_note: Option<String>,
}

/// A change to a saved server. `password`: `None` keeps the one kept, `Some("")` forgets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ServerEdit {
    pub url: String,
    pub name: String,
    pub username: Option<String>,
    pub password: Option<String>,
}

pub struct RemoteServers {
    passwords: Arc<dyn PasswordStore>,
    /// Passwords the keychain could not keep (or give back), for this session only, by id.
    session_only: Mutex<BTreeMap<String, Secret>>,
    /// Per settings id, what to tell the user about its password.
    notes: Mutex<BTreeMap<String, String>>,
}

impl RemoteServers {
    pub fn new(passwords: Arc<dyn PasswordStore>) -> RemoteServers {
        RemoteServers {
            passwords,
            session_only: Mutex::default(),
            notes: Mutex::default(),
        }
    }

    /// The saved servers, in the order they were added.
    pub fn list(&self, settings: &SettingsStore) -> Vec<SavedServer> {
        let notes = lock(&self.notes).clone();
        let saved = settings.get().servers.into_iter();
        saved
            .map(|server| SavedServer {
                server_id: registry_id(&server.id),
                clear_text_warning: clear_text_warning(&server.url),
                password_note: notes.get(&server.id).cloned(),
                id: server.id,
                name: server.name,
                url: server.url,
                username: server.username,
            })
            .collect()
    }

    /// Checks the server answers with these credentials, then saves it (the same address and
    /// user again updates that entry and its password) and registers it. Nothing is saved when
    /// the check fails.
    pub async fn connect(
        &self,
        settings: &SettingsStore,
        registry: &ServerRegistry,
        url: String,
        username: Option<String>,
        password: Option<String>,
        directory: Option<String>,
    ) -> Result<ServerInfo, CommandError> {
        let client = client_for(&url, username.clone(), password.clone(), directory.clone())?;
        let health = check(&client, &url).await?;
        let url = client.base_url().as_str().trim_end_matches('/').to_string();
        let password = password.filter(|p| !p.is_empty()).map(Secret::new);
        let saved = self
            .remember(settings, &url, username, password.as_ref())
            .await;
        let info = ServerInfo {
            id: registry_id(&saved.id),
            name: saved.name,
            url,
            version: Some(health.version),
            directory,
            attached: true,
            status: ServerStatusView::Ready,
        };
        registry.upsert(info.clone(), Some(client));
        Ok(info)
    }

    /// Saves the server and keeps its password (or forgets an earlier one when it has none).
    /// A settings file that cannot be written leaves the server connected for this session,
    /// with a note saying so.
    async fn remember(
        &self,
        settings: &SettingsStore,
        url: &str,
        username: Option<String>,
        password: Option<&Secret>,
    ) -> RemoteServer {
        let current = settings.get().servers;
        let found = current
            .iter()
            .find(|s| s.url == url && s.username == username)
            .cloned();
        let server = found.unwrap_or_else(|| RemoteServer {
            id: new_id(&current),
            name: url.to_string(),
            url: url.to_string(),
            username,
        });
        let entry = server.clone();
        let saved =
            settings.update_with(
                move |s| match s.servers.iter_mut().find(|s| s.id == entry.id) {
                    Some(existing) => *existing = entry,
                    None => s.servers.push(entry),
                },
            );
        match password {
            Some(password) => self.keep(&server.id, password.clone()).await,
            None => self.forget(&server.id).await,
        }
        if let Err(error) = saved {
            tracing::warn!(%error, "a remote server could not be saved");
            let note = format!("Not saved, for this session only: {error}");
            lock(&self.notes).insert(server.id.clone(), note);
        }
        server
    }

    /// Connects every saved server again (at launch): each password from the keychain, each
    /// outcome a status on that server in the registry, never an error.
    pub async fn reconnect_all(&self, settings: &SettingsStore, registry: &ServerRegistry) {
        let saved = settings.get().servers;
        let each = saved
            .iter()
            .map(|server| self.reconnect(server, registry, None));
        futures_util::future::join_all(each).await;
    }

    /// Connects `server` with the password kept for it and registers the outcome.
    async fn reconnect(
        &self,
        server: &RemoteServer,
        registry: &ServerRegistry,
        directory: Option<String>,
    ) -> ServerInfo {
        let kept = self.password_of(&server.id).await;
        let password = kept.as_ref().ok().and_then(|p| p.as_ref());
        let mut info = ServerInfo {
            id: registry_id(&server.id),
            name: server.name.clone(),
            url: server.url.clone(),
            version: None,
            directory: directory.clone(),
            attached: true,
            status: ServerStatusView::Starting,
        };
        let password = password.map(|p| p.expose().to_string());
        let client = match client_for(&server.url, server.username.clone(), password, directory) {
            Ok(client) => client,
            Err(error) => {
                info.status = ServerStatusView::Failed {
                    message: error.message,
                };
                registry.upsert(info.clone(), None);
                return info;
            }
        };
        let (status, client) = match check(&client, &server.url).await {
            Ok(health) => {
                info.version = Some(health.version);
                (ServerStatusView::Ready, Some(client))
            }
            Err(error) if error.kind == ErrorKind::Unauthorized => {
                let message = refused(&kept);
                (ServerStatusView::Unauthorized { message }, None)
            }
            Err(error) => {
                let message = error.message;
                (ServerStatusView::Unreachable { message }, None)
            }
        };
        info.status = status;
        tracing::info!(server_id = %info.id, status = ?info.status, "remote server reconnected");
        registry.upsert(info.clone(), client);
        info
    }

    /// Changes a saved server (address, name, user, password) and connects it again; the
    /// outcome is its status. An address the app cannot use refuses the edit, nothing changed.
    pub async fn edit(
        &self,
        settings: &SettingsStore,
        registry: &ServerRegistry,
        id: &str,
        edit: ServerEdit,
    ) -> Result<ServerInfo, CommandError> {
        let ServerEdit {
            url,
            name,
            username,
            password,
        } = edit;
        if !settings.get().servers.iter().any(|s| s.id == id) {
            return Err(no_such_server(id));
        }
        let saved = settings.update_with(|s| {
            if let Some(server) = s.servers.iter_mut().find(|s| s.id == id) {
                server.url = url;
                server.name = name;
                server.username = username;
            }
        })?;
        let server = saved.servers.into_iter().find(|s| s.id == id);
        let server = server.ok_or_else(|| no_such_server(id))?;
        match password {
            None => {}
            Some(password) if password.is_empty() => self.forget(id).await,
            Some(password) => self.keep(id, Secret::new(password)).await,
        }
        let directory = registry.directory(&registry_id(id));
        Ok(self.reconnect(&server, registry, directory).await)
    }

    /// Forgets a saved server: its settings entry, its keychain entry, and the app's connection.
    pub async fn remove(
        &self,
        settings: &SettingsStore,
        registry: &ServerRegistry,
        id: &str,
    ) -> Result<(), CommandError> {
        let saved = settings.get().servers.iter().any(|s| s.id == id);
        let connected = registry.remove(&registry_id(id));
        if !saved && !connected {
            return Err(no_such_server(id));
        }
        if saved {
            settings.update_with(|s| s.servers.retain(|s| s.id != id))?;
        }
        self.forget(id).await;
        Ok(())
    }

    /// Keeps `password` in the keychain; when it cannot, in memory with a note saying so.
    async fn keep(&self, id: &str, password: Secret) {
        match self.passwords.store(id, &password).await {
            Ok(()) => {
                lock(&self.session_only).remove(id);
                lock(&self.notes).remove(id);
            }
            Err(error) => {
                tracing::warn!(server_id = %id, %error, "password not kept in the keychain");
                lock(&self.session_only).insert(id.to_string(), password);
                lock(&self.notes).insert(id.to_string(), error.to_string());
            }
        }
    }

    /// Forgets `id`'s password everywhere. A keychain that cannot be reached holds nothing of
    /// ours to forget, so that is only logged.
    async fn forget(&self, id: &str) {
        lock(&self.session_only).remove(id);
        lock(&self.notes).remove(id);
        if let Err(error) = self.passwords.delete(id).await {
            tracing::warn!(server_id = %id, %error, "password not deleted from the keychain");
        }
    }

    /// The password for `id`: this session's, else the keychain's; `Err` with why the keychain
    /// could not say (also kept as the server's note).
    async fn password_of(&self, id: &str) -> Result<Option<Secret>, opencode_supervisor::Error> {
        if let Some(password) = lock(&self.session_only).get(id) {
            return Ok(Some(password.clone()));
        }
        let loaded = self.passwords.load(id).await;
        if let Err(error) = &loaded {
            tracing::warn!(server_id = %id, %error, "password not read from the keychain");
            lock(&self.notes).insert(id.to_string(), error.to_string());
        }
        loaded
    }
}

/// Why a saved server refused the app at reconnect, and what to do, from what the keychain gave.
fn refused(kept: &Result<Option<Secret>, opencode_supervisor::Error>) -> String {
    match kept {
        Ok(Some(_)) => "The server refused the saved password: edit the server to enter the \
                        new one."
            .into(),
        Ok(None) => "No password is kept for this server: edit it to enter one.".into(),
        Err(opencode_supervisor::Error::NoKeychain { reason }) => format!(
            "No keychain is available to read its password ({reason}): edit the server to \
             enter it for this session."
        ),
        Err(error) => format!("{error}. Edit the server to enter its password again."),
    }
}

/// Waits (up to `limit`) until a server that is not a remote one is listed: the project's own.
pub async fn wait_for_project_server(registry: &ServerRegistry, limit: Duration) {
    let mut changes = registry.changes();
    let listed = async {
        loop {
            if registry.ids().iter().any(|id| !is_remote(id)) {
                return;
            }
            if changes.changed().await.is_err() {
                return;
            }
        }
    };
    let _ = tokio::time::timeout(limit, listed).await;
}

/// Whether a registry id is a remote server's.
pub fn is_remote(server_id: &str) -> bool {
    server_id.starts_with(ID_PREFIX)
}

/// The registry id of the saved server `id` (ids written by hand may lack the prefix).
pub fn registry_id(id: &str) -> String {
    if is_remote(id) {
        id.to_string()
    } else {
        format!("{ID_PREFIX}{id}")
    }
}

/// True when `url`'s host is this computer (loopback or `localhost`).
pub fn on_this_machine(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => {
            let name = name.to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A warning when a password sent to `url` would travel in clear: `http://` to a host that is
/// not this computer. Still allowed (a trusted network, a tunnel); the user decides.
pub fn clear_text_warning(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if parsed.scheme() != "http" {
        return None;
    }
    let loopback = on_this_machine(&parsed);
    (!loopback).then(|| {
        "This address uses http://: the password travels in clear over the network. Use \
         https:// if the server offers it."
            .to_string()
    })
}

/// A fresh settings id, unlike any saved one: the time in milliseconds, so an id is not
/// reused by a later server (drafts are kept by server id).
fn new_id(taken: &[RemoteServer]) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    (0..)
        .map(|n| format!("{ID_PREFIX}{:x}", now + n))
        .find(|id| taken.iter().all(|s| &s.id != id))
        .unwrap_or_default()
}

/// A client for a server the user named, with short timeouts: a person is waiting.
pub fn client_for(
    url: &str,
    username: Option<String>,
    password: Option<String>,
    directory: Option<String>,
) -> Result<Client, CommandError> {
    let mut builder = Client::builder(url)
        .username(username.unwrap_or_else(|| opencode_supervisor::DEFAULT_USERNAME.into()))
        .password(password)
        .connect_timeout(Duration::from_secs(3))
        .request_timeout(Duration::from_secs(15));
    if let Some(directory) = directory {
        builder = builder.directory(directory);
    }
    Ok(builder.build()?)
}

/// The server's health; a server that answers like OpenCode 2 is named as such, not a failure
/// with an HTML page in it.
pub async fn check(client: &Client, url: &str) -> Result<Health, CommandError> {
    match client.health().await {
        Ok(health) => Ok(health),
        Err(error @ opencode_client::Error::Unauthorized { .. }) => Err(error.into()),
        Err(error) => {
            let credentials = opencode_supervisor::Credentials::new(None);
            let timeout = Duration::from_secs(3);
            match opencode_supervisor::discovery::probe(url, &credentials, timeout).await {
                Ok(opencode_supervisor::Probe::Unsupported { message }) => {
                    Err(CommandError::new(ErrorKind::InvalidInput, message))
                }
                _ => Err(error.into()),
            }
        }
    }
}

fn no_such_server(id: &str) -> CommandError {
    CommandError::new(
        ErrorKind::NotFound,
        format!("No saved server {id:?}; it may have been removed."),
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
