//! MCP servers for tests: a tiny local one over stdio (`mcp/echo_mcp.py`, one tool `echo`), and
//! [`NeedsAuthMcp`], a remote one on loopback that asks for OAuth.
//!
//! The stdio one is a Python script rather than a binary of this crate: a test of another crate
//! cannot name this crate's binaries (`CARGO_BIN_EXE_*` is per package), and Python 3 is on every
//! machine these tests run on. [`NeedsAuthMcp`] answers every MCP request 401 with
//! `WWW-Authenticate: Bearer` and serves just enough OAuth metadata (authorization server and
//! dynamic client registration) for OpenCode to list it as `needs_auth` and build a sign-in URL;
//! its token endpoint refuses every code, so a callback fails as a wrong code does.

use std::path::PathBuf;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::TestkitError;

/// The name of the fixture's one tool.
pub const ECHO_TOOL: &str = "echo";

fn echo_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("mcp")
        .join("echo_mcp.py")
}

/// The command (program and arguments) of a local MCP server that connects and offers one tool,
/// [`ECHO_TOOL`], which answers `echo: <text>`.
pub fn echo_mcp_command() -> Vec<String> {
    vec![
        "python3".to_owned(),
        echo_script().to_string_lossy().into_owned(),
    ]
}

/// The command of a local MCP server that starts and exits at once, with a line on stderr.
pub fn failing_mcp_command() -> Vec<String> {
    let mut command = echo_mcp_command();
    command.push("--fail".to_owned());
    command
}

/// A remote MCP server on 127.0.0.1 that wants OAuth. Stops when dropped.
pub struct NeedsAuthMcp {
    port: u16,
    task: JoinHandle<()>,
}

impl NeedsAuthMcp {
    pub async fn start() -> Result<NeedsAuthMcp, TestkitError> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(TestkitError::io("listen on 127.0.0.1 for an MCP server"))?;
        let port = listener
            .local_addr()
            .map_err(TestkitError::io("read the MCP server's port"))?
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let metadata = json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/authorize"),
            "token_endpoint": format!("{base}/token"),
            "registration_endpoint": format!("{base}/register"),
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
        });
        let app = Router::new()
            .route(
                "/.well-known/oauth-authorization-server",
                get(move || async move { Json(metadata) }),
            )
            .route("/register", post(register))
            .route("/token", post(refuse_code))
            .fallback(any(unauthorized));
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::warn!(%error, "needs-auth MCP server stopped");
            }
        });
        Ok(NeedsAuthMcp { port, task })
    }

    /// The MCP endpoint to configure as a remote server's `url`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/mcp", self.port)
    }
}

impl Drop for NeedsAuthMcp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Dynamic client registration: the request back, with a client id.
async fn register(Json(mut request): Json<Value>) -> (StatusCode, Json<Value>) {
    if let Some(fields) = request.as_object_mut() {
        fields.insert("client_id".into(), json!("testkit-client"));
    }
    (StatusCode::CREATED, Json(request))
}

async fn refuse_code() -> (StatusCode, Json<Value>) {
    let error = json!({"error": "invalid_grant", "error_description": "unknown code"});
    (StatusCode::BAD_REQUEST, Json(error))
}

async fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
    )
        .into_response()
}
