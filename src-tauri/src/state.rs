//! `AppState`: what the app holds for its whole life. Fields own their synchronisation.

use crate::error::{CommandError, ErrorKind};
use crate::project::ProjectChoice;
use opencode_client::Client;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::RwLock;

pub struct AppState {
    /// The project the app opened with (from the command line, or the last one used).
    pub project: ProjectChoice,
    pub servers: ServerRegistry,
}

impl AppState {
    pub fn new(project: ProjectChoice) -> Self {
        AppState {
            project,
            servers: ServerRegistry::default(),
        }
    }
}

/// What the UI knows of a server it can talk to. Never the password.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ServerInfo {
    pub id: String,
    pub url: String,
    pub version: Option<String>,
    /// The project directory requests are about.
    pub directory: Option<String>,
}

/// The servers the app can reach, by id, each with a ready client (credentials inside it).
///
/// The lock is only held to clone a client out or to insert one, never across an `.await`.
#[derive(Default)]
pub struct ServerRegistry {
    servers: RwLock<BTreeMap<String, (ServerInfo, Client)>>,
}

impl ServerRegistry {
    pub fn insert(&self, info: ServerInfo, client: Client) {
        let mut servers = self.servers.write().unwrap_or_else(|e| e.into_inner());
        servers.insert(info.id.clone(), (info, client));
    }

    pub fn list(&self) -> Vec<ServerInfo> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers.values().map(|(info, _)| info.clone()).collect()
    }

    /// The client of server `id`, or a `NotFound` error the UI can show.
    pub fn client(&self, id: &str) -> Result<Client, CommandError> {
        let servers = self.servers.read().unwrap_or_else(|e| e.into_inner());
        servers
            .get(id)
            .map(|(_, client)| client.clone())
            .ok_or_else(|| {
                CommandError::new(
                    ErrorKind::NotFound,
                    format!("No OpenCode server {id:?} is connected; it may have stopped."),
                )
            })
    }
}
