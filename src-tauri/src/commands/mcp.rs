//! MCP servers of a server's project: list, add (checked, and saved only when it did not fail),
//! connect, disconnect, OAuth sign-in. The logic is in `crate::mcp`.

use crate::error::CommandError;
use crate::mcp::{self, McpAddOutcome, McpAuthStarted, McpServerInput, McpServerView};
use crate::provider_oauth::Browser;
use crate::state::AppState;
use tauri::State;

/// Every MCP server of the server's current project, with its state and whether it is saved.
#[tauri::command]
#[specta::specta]
pub async fn list_mcp_servers(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<McpServerView>, CommandError> {
    let client = state.servers.client(&server_id)?;
    mcp::list(&client).await
}

/// Adds an MCP server: a refusal names the field at fault, and nothing is saved unless the
/// server connected (or waits for a sign-in).
#[tauri::command]
#[specta::specta]
pub async fn add_mcp_server(
    state: State<'_, AppState>,
    server_id: String,
    input: McpServerInput,
) -> Result<McpAddOutcome, CommandError> {
    let client = state.servers.client(&server_id)?;
    mcp::add(&client, &input).await
}

/// Connects `name` (`connected: true`) or disconnects it, on the running server.
#[tauri::command]
#[specta::specta]
pub async fn set_mcp_connected(
    state: State<'_, AppState>,
    server_id: String,
    name: String,
    connected: bool,
) -> Result<Vec<McpServerView>, CommandError> {
    let client = state.servers.client(&server_id)?;
    mcp::set_connected(&client, &name, connected).await
}

/// Opens the sign-in page of an MCP server that needs OAuth in the system browser; the server
/// catches the redirect, so listing again shows it connected.
#[tauri::command]
#[specta::specta]
pub async fn start_mcp_auth(
    state: State<'_, AppState>,
    browser: State<'_, Browser>,
    server_id: String,
    name: String,
) -> Result<McpAuthStarted, CommandError> {
    let client = state.servers.client(&server_id)?;
    mcp::start_auth(&client, browser.0.as_ref(), &name).await
}

/// Finishes an MCP sign-in with a code the user pasted.
#[tauri::command]
#[specta::specta]
pub async fn mcp_auth_callback(
    state: State<'_, AppState>,
    server_id: String,
    name: String,
    code: String,
) -> Result<Vec<McpServerView>, CommandError> {
    let client = state.servers.client(&server_id)?;
    mcp::finish_auth(&client, &name, &code).await
}
