//! `/mcp`, `/mcp/{name}/connect|disconnect`, `/mcp/{name}/auth*`: the project instance's MCP
//! servers, and signing in to the remote ones that ask for OAuth.
//!
//! Measured on 1.18.33 (see `tests/real_server/mcp.rs`):
//! - `POST /mcp` adds (or replaces, same name) a server in the running instance only: no config
//!   file changes, and it is gone after `POST /instance/dispose`, a config change or a restart.
//!   It answers the whole status map at once (about 0.5 s for a local stdio server), with a
//!   server that cannot start listed as `failed`, not refused. Saving is the caller's job.
//! - An MCP server's tools are not in `GET /experimental/tool/ids` nor `/experimental/tool`
//!   (built-in tools only); they reach the model's request as `<server>_<tool>` (`echo_echo`).
//! - Disconnect makes the status `disabled`; connect brings it back. An unknown name is a 404.
//! - `POST /mcp/{name}/auth` on a local server is a 400 "does not support OAuth"; on a remote one
//!   that needs OAuth it answers the authorization URL, and the server itself listens for the
//!   redirect (port 19876). `POST /mcp/{name}/auth/authenticate` does the same but opens a
//!   browser on the server's machine and waits: this app opens the URL itself instead.

use super::seg;
use crate::types::{McpAuthStart, McpConfig, McpStatus, McpStatusMap};
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;

impl Client {
    /// Every MCP server of the project's instance and its state.
    pub async fn mcp_status(&self) -> Result<McpStatusMap> {
        self.call(Method::GET, "/mcp").decode().await
    }

    /// Adds `name` to the running instance (replacing one of that name) and tries to connect
    /// it; answers every server's state, this one's included. Not saved in any config file.
    /// Starting a server can take a while (the server's own timeout applies), hence no timeout.
    pub async fn add_mcp(&self, name: &str, config: &McpConfig) -> Result<McpStatusMap> {
        self.call(Method::POST, "/mcp")
            .json(&json!({ "name": name, "config": config }))
            .no_timeout()
            .decode()
            .await
    }

    /// Connects `name` again (after a disconnect, or to retry a failed one).
    pub async fn connect_mcp(&self, name: &str) -> Result<bool> {
        let path = format!("/mcp/{}/connect", seg(name));
        self.call(Method::POST, path).no_timeout().decode().await
    }

    /// Disconnects `name`: its tools leave the agent, its status becomes `disabled`.
    pub async fn disconnect_mcp(&self, name: &str) -> Result<bool> {
        let path = format!("/mcp/{}/disconnect", seg(name));
        self.call(Method::POST, path).decode().await
    }

    /// Starts OAuth for `name`: the page the user opens in a browser.
    pub async fn start_mcp_auth(&self, name: &str) -> Result<McpAuthStart> {
        let path = format!("/mcp/{}/auth", seg(name));
        self.call(Method::POST, path).decode().await
    }

    /// Finishes OAuth for `name` with a code the user pasted; answers the server's new state
    /// (a wrong code is `failed` with the provider's reason, not an HTTP error).
    pub async fn mcp_auth_callback(&self, name: &str, code: &str) -> Result<McpStatus> {
        let path = format!("/mcp/{}/auth/callback", seg(name));
        self.call(Method::POST, path)
            .json(&json!({ "code": code }))
            .no_timeout()
            .decode()
            .await
    }

    /// Starts OAuth and waits for it to finish, the server opening the browser on its own
    /// machine. For a server on this machine only; the app prefers `start_mcp_auth`.
    pub async fn authenticate_mcp(&self, name: &str) -> Result<McpStatus> {
        let path = format!("/mcp/{}/auth/authenticate", seg(name));
        self.call(Method::POST, path).no_timeout().decode().await
    }

    /// Forgets the OAuth credentials the server keeps for `name`.
    pub async fn remove_mcp_auth(&self, name: &str) -> Result<()> {
        let path = format!("/mcp/{}/auth", seg(name));
        self.call(Method::DELETE, path).done().await
    }
}
