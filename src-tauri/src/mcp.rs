//! MCP servers of a server's project: list them with their state, add one so it stays added,
//! connect, disconnect, OAuth. Tauri-free (`commands/mcp.rs` adapts it), tested against the real
//! server in `mcp/tests.rs`.
//!
//! What OpenCode 1.18.33 does, measured, and what this module does about it:
//! - `POST /mcp` only changes the running instance (no file; gone at the next reload), and keeps
//!   a server that cannot start, listed as `failed`. So an add first checks what the server
//!   would take without a word (the name, an empty command, a URL that is not http(s)), then
//!   `POST /mcp`, and saves only a server that did not fail: nothing is saved half. A failed one
//!   stays listed by the running server as failed and "not saved", and adding again under the
//!   same name replaces it.
//! - Saving goes to the user's global config (`PATCH /global/config`, written to
//!   `~/.config/opencode/opencode.jsonc`, read back after a restart). The project's
//!   `PATCH /config` writes `<project>/config.json`, a file the server does not read back, so a
//!   server saved there would be lost at the next restart.
//! - A config change reloads every instance of the server, which ends the work in progress
//!   (as `POST /instance/dispose` does). So the save waits until no session of the project is
//!   busy (looked at every 2 s); the server is usable at once through `POST /mcp` meanwhile.
//! - Connect and disconnect act on the running server (a saved server is connected again at
//!   the next start, as OpenCode's own app does).
//! - OAuth: the sign-in page opens through the app's `UrlOpener` (the UI has no opener of its
//!   own); `POST /mcp/{name}/auth/authenticate` is not used, as it opens a browser wherever the
//!   OpenCode server runs.

use crate::error::{CommandError, ErrorKind};
use crate::provider_oauth::UrlOpener;
use crate::when_idle::{self, When};
use opencode_client::types::{McpConfig, McpStatus};
use opencode_client::Client;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

#[cfg(test)]
mod tests;

/// One MCP server as the panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct McpServerView {
    pub name: String,
    pub status: McpStatus,
    /// In a config file the server reads at start: it comes back after a restart.
    pub saved: bool,
}

/// What the user typed to add a server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum McpServerInput {
    Local {
        name: String,
        /// The program, e.g. `npx` or `/usr/local/bin/my-mcp`.
        command: String,
        /// Its arguments on one line, separated by spaces; quotes group words.
        args: String,
        environment: BTreeMap<String, String>,
    },
    Remote {
        name: String,
        url: String,
        headers: BTreeMap<String, String>,
    },
}

/// The form field a refusal is about, so the UI can show it next to that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum McpField {
    Name,
    Command,
    Args,
    Environment,
    Url,
    Headers,
}

/// What an add did: added (and saved, now or after the reply in progress), or refused because
/// of one field, with nothing saved. Errors of the server or the connection are `CommandError`s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum McpAddOutcome {
    Added {
        servers: Vec<McpServerView>,
        /// A sentence for the user (connected, needs sign-in; saved now or later).
        message: String,
    },
    Refused {
        field: McpField,
        message: String,
    },
}

fn refuse(field: McpField, message: impl Into<String>) -> McpAddOutcome {
    McpAddOutcome::Refused {
        field,
        message: message.into(),
    }
}

/// Every MCP server of the client's project, by name, each marked saved or not.
pub async fn list(client: &Client) -> Result<Vec<McpServerView>, CommandError> {
    let (statuses, config) = tokio::try_join!(client.mcp_status(), client.config())?;
    let saved = |name: &str| config["mcp"].get(name).is_some();
    Ok(statuses
        .into_iter()
        .map(|(name, status)| McpServerView {
            saved: saved(&name),
            name,
            status,
        })
        .collect())
}

/// Checks `input` and turns it into the server's config shape, or says which field is wrong.
pub fn check(input: &McpServerInput) -> Result<(String, McpConfig), McpAddOutcome> {
    let name = match input {
        McpServerInput::Local { name, .. } | McpServerInput::Remote { name, .. } => name.trim(),
    };
    check_name(name)?;
    let config = match input {
        McpServerInput::Local {
            command,
            args,
            environment,
            ..
        } => {
            let program = command.trim();
            if program.is_empty() {
                return Err(refuse(
                    McpField::Command,
                    "Type the command that starts the server.",
                ));
            }
            let mut command = vec![program.to_owned()];
            command.extend(split_args(args).map_err(|m| refuse(McpField::Args, m))?);
            if let Some(key) = environment.keys().find(|k| k.is_empty() || k.contains('=')) {
                let message = format!("“{key}” is not a variable name (no “=”, not empty).");
                return Err(refuse(McpField::Environment, message));
            }
            McpConfig::Local {
                command,
                environment: environment.clone(),
                enabled: None,
            }
        }
        McpServerInput::Remote { url, headers, .. } => {
            let url = url.trim();
            let parsed = url::Url::parse(url).ok();
            let web = parsed
                .as_ref()
                .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !web {
                let message = "Type the server's address, starting with https:// (or http://).";
                return Err(refuse(McpField::Url, message));
            }
            let bad_header = |k: &String| k.is_empty() || !k.bytes().all(is_header_char);
            if let Some(key) = headers.keys().find(|k| bad_header(k)) {
                let message = format!("“{key}” is not a header name.");
                return Err(refuse(McpField::Headers, message));
            }
            McpConfig::Remote {
                url: url.to_owned(),
                headers: headers.clone(),
                enabled: None,
            }
        }
    };
    Ok((name.to_owned(), config))
}

/// OpenCode names a server's tools `<name>_<tool>`, replacing what is not a letter, a digit,
/// `-` or `_`; a name made of those alone is the one the user sees in the agent's tools.
fn check_name(name: &str) -> Result<(), McpAddOutcome> {
    if name.is_empty() {
        return Err(refuse(McpField::Name, "Give the server a name."));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if name.len() > 64 || !name.chars().all(allowed) {
        let message = "Use letters, digits, “-” and “_” only (at most 64).";
        return Err(refuse(McpField::Name, message));
    }
    Ok(())
}

fn is_header_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Splits an argument line on spaces; single or double quotes keep spaces inside one argument.
pub fn split_args(line: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut current: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                current.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => args.extend(current.take()),
            (None, c) => current.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!("A {q} is not closed."));
    }
    args.extend(current);
    Ok(args)
}

/// Adds the server to the running instance and, unless it failed, saves it in the global
/// config (now, or once no reply is in progress). See the module comment for why.
pub async fn add(client: &Client, input: &McpServerInput) -> Result<McpAddOutcome, CommandError> {
    let (name, config) = match check(input) {
        Ok(checked) => checked,
        Err(refused) => return Ok(refused),
    };
    if list(client)
        .await?
        .iter()
        .any(|s| s.name == name && s.saved)
    {
        let message = format!("An MCP server named “{name}” is already saved; pick another name.");
        return Ok(refuse(McpField::Name, message));
    }
    let statuses = client.add_mcp(&name, &config).await?;
    let status = statuses.get(&name).cloned();
    let field = match config {
        McpConfig::Local { .. } => McpField::Command,
        McpConfig::Remote { .. } => McpField::Url,
    };
    let state = match &status {
        Some(McpStatus::Failed { error }) => {
            return Ok(refuse(field, failure_sentence(&config, error)))
        }
        Some(McpStatus::NeedsAuth) => "It needs you to sign in (Authenticate).",
        Some(McpStatus::NeedsClientRegistration { .. }) => {
            "It needs an OAuth client id, which its config must give (oauth.clientId)."
        }
        _ => "Connected.",
    };
    let saved = save_when_idle(client.clone(), name, config).await;
    Ok(McpAddOutcome::Added {
        servers: list(client).await?,
        message: format!("{state} {saved}"),
    })
}

/// A server's spawn or connection error in plain words, the server's own text kept after it.
fn failure_sentence(config: &McpConfig, error: &str) -> String {
    match config {
        McpConfig::Local { command, .. } if error.contains("ENOENT") => {
            let program = command.first().map(String::as_str).unwrap_or_default();
            format!("“{program}” was not found where the OpenCode server runs: check the command and that it is installed. Nothing was saved. ({error})")
        }
        McpConfig::Local { .. } if error.contains("Connection closed") => format!(
            "The command started but stopped before answering as an MCP server. Nothing was saved. ({error})"
        ),
        McpConfig::Remote { url, .. } => {
            format!("Could not connect to {url}. Nothing was saved. ({error})")
        }
        McpConfig::Local { .. } => {
            format!("The server did not connect. Nothing was saved. ({error})")
        }
    }
}

/// Saves `name` in the global config when no session of the project is busy: now (said so),
/// or in the background after the reply in progress (said so too).
async fn save_when_idle(client: Client, name: String, config: McpConfig) -> String {
    let mut servers = serde_json::Map::new();
    servers.insert(name, serde_json::to_value(&config).unwrap_or_default());
    let patch = json!({ "mcp": servers });
    let save = move |client: Client| {
        let patch = patch.clone();
        async move { client.update_global_config(&patch).await }
    };
    match when_idle::run(client, "save an MCP server", save).await {
        When::Now(Ok(_)) => "Saved in your OpenCode config: it is there after a restart.".into(),
        When::Now(Err(error)) => format!("Not saved ({error}): it is gone after a restart."),
        When::Later => {
            "It is saved in your OpenCode config when the reply in progress finishes.".into()
        }
    }
}

/// Connects (`true`) or disconnects `name` on the running server; answers the new list.
pub async fn set_connected(
    client: &Client,
    name: &str,
    connected: bool,
) -> Result<Vec<McpServerView>, CommandError> {
    if connected {
        client.connect_mcp(name).await?;
    } else {
        client.disconnect_mcp(name).await?;
    }
    list(client).await
}

/// A sign-in under way: the page, opened in the browser (or why not, to open by hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct McpAuthStarted {
    /// The sign-in page; shown too, so it can be copied if no browser opened.
    pub url: String,
    /// The browser could not be opened: why.
    pub open_failed: Option<String>,
}

/// Starts OAuth for `name` and opens its sign-in page (http(s) only) in the user's browser.
/// The OpenCode server catches the redirect itself (a listener on its own machine), so listing
/// again shows it connected; where that listener is out of the browser's reach, the address the
/// page lands on carries the code the user pastes (`finish_auth`).
pub async fn start_auth(
    client: &Client,
    browser: &dyn UrlOpener,
    name: &str,
) -> Result<McpAuthStarted, CommandError> {
    let url = client.start_mcp_auth(name).await?.authorization_url;
    let web = url::Url::parse(&url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    let open_failed = if web {
        browser.open(&url).err()
    } else {
        Some("The server gave an address that is not a web page.".to_owned())
    };
    Ok(McpAuthStarted { url, open_failed })
}

/// Finishes a sign-in with a code the user pasted. A code the provider refuses is an
/// `InvalidInput` with its reason.
pub async fn finish_auth(
    client: &Client,
    name: &str,
    code: &str,
) -> Result<Vec<McpServerView>, CommandError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "Paste the code the sign-in page gave you.",
        ));
    }
    match client.mcp_auth_callback(name, code).await? {
        McpStatus::Failed { error } => Err(CommandError::new(
            ErrorKind::InvalidInput,
            format!("The sign-in did not go through: {error}"),
        )),
        _ => list(client).await,
    }
}
