//! The `/pty` routes: the server's terminals (list, start, resize or rename, end) and the
//! short-lived ticket a websocket may need. Reading and writing a terminal is `crate::pty`.

use super::seg;
use crate::types::{Pty, PtyCreate, PtyShell, PtyUpdate};
use crate::{Client, Result};
use reqwest::Method;
use serde::Deserialize;

/// A one-use ticket for `GET /pty/{id}/connect?ticket=` (`PtyTicketConnectToken`).
#[derive(Debug, Clone, Deserialize)]
pub struct PtyTicket {
    pub ticket: String,
}

impl Client {
    /// Shells the server knows on its machine, and whether it would start each.
    pub async fn pty_shells(&self) -> Result<Vec<PtyShell>> {
        self.call(Method::GET, "/pty/shells").decode().await
    }

    /// Every terminal the server runs, whoever started it.
    pub async fn ptys(&self) -> Result<Vec<Pty>> {
        self.call(Method::GET, "/pty").decode().await
    }

    pub async fn create_pty(&self, input: &PtyCreate) -> Result<Pty> {
        self.call(Method::POST, "/pty").json(input).decode().await
    }

    pub async fn pty(&self, id: &str) -> Result<Pty> {
        self.call(Method::GET, format!("/pty/{}", seg(id)))
            .decode()
            .await
    }

    /// Resizes or renames a terminal.
    pub async fn update_pty(&self, id: &str, input: &PtyUpdate) -> Result<Pty> {
        self.call(Method::PUT, format!("/pty/{}", seg(id)))
            .json(input)
            .decode()
            .await
    }

    /// Ends a terminal's process and forgets it.
    pub async fn remove_pty(&self, id: &str) -> Result<bool> {
        self.call(Method::DELETE, format!("/pty/{}", seg(id)))
            .decode()
            .await
    }

    pub async fn pty_ticket(&self, id: &str) -> Result<PtyTicket> {
        self.call(Method::POST, format!("/pty/{}/connect-token", seg(id)))
            .decode()
            .await
    }
}
