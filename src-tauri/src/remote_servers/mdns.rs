//! OpenCode servers announced on the local network, for Servers and projects to offer, only
//! while the user has "Also look for servers announced over mDNS" on. Browsing is asked for by
//! the window while it shows the list (a look of `BROWSE_FOR`), so turning the setting off, or
//! closing the panel, stops it; nothing browses in the background.

use super::clear_text_warning;
use crate::error::{CommandError, ErrorKind};
use crate::settings::SettingsStore;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long one look listens for announcements (mDNS has no "that is all").
pub const BROWSE_FOR: Duration = Duration::from_secs(2);

/// A server announced over mDNS, as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AnnouncedServer {
    /// `opencode-<port>`.
    pub name: String,
    /// `http://ADDRESS:PORT`, what Connect uses.
    pub url: String,
    /// Already one of the saved servers.
    pub saved: bool,
    pub clear_text_warning: Option<String>,
}

/// The servers announced now; `None` while the setting is off (nothing is sent on the network).
pub async fn announced(
    settings: &SettingsStore,
) -> Result<Option<Vec<AnnouncedServer>>, CommandError> {
    let settings = settings.get();
    if !settings.mdns_discovery {
        return Ok(None);
    }
    let found = opencode_supervisor::browse_mdns(BROWSE_FOR)
        .await
        .map_err(|error| CommandError::new(ErrorKind::Unreachable, error.to_string()))?;
    Ok(Some(
        found
            .into_iter()
            .map(|server| AnnouncedServer {
                saved: settings.servers.iter().any(|s| s.url == server.url),
                clear_text_warning: clear_text_warning(&server.url),
                name: server.name,
                url: server.url,
            })
            .collect(),
    ))
}
