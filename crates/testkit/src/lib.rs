//! Test-only support for talking to the real OpenCode server offline.
//!
//! - [`FakeModel`]: an OpenAI-compatible chat-completions server on loopback that answers each
//!   request from a per-test script of [`Reply`]s (text, tool calls, slow streams, errors).
//! - [`TestServer`]: the real `opencode serve`, in a fresh temp HOME and temp git project whose
//!   `opencode.json` points at a `FakeModel`, killed with its whole process group on drop.
//! - [`FaultProxy`]: a loopback proxy in front of a `TestServer` that breaks its event streams
//!   on command (noise, cuts, outages, stalls, accept-then-close) while the server keeps working.
//! - MCP servers: a tiny stdio one with one tool ([`echo_mcp_command`]), one that fails to start,
//!   and a remote one that asks for OAuth ([`NeedsAuthMcp`]).
//!
//! This crate is a dev-dependency of the crates that need it and never a normal one; it depends
//! on neither tauri nor opencode-client, so the client can be tested against it. Every test gets
//! its own server, home and project: nothing here is shared between tests.
//!
//! ```no_run
//! # async fn demo() -> Result<(), testkit::TestkitError> {
//! use testkit::{FakeModel, Reply, TestServer};
//! let model = FakeModel::start().await;
//! model.push(Reply::text("Hello!"));
//! let server = TestServer::start(&model).await?;
//! // talk to server.url() with Basic auth server.username() / server.password()
//! # Ok(()) }
//! ```

mod binary;
mod error;
mod fake_model;
mod fault_proxy;
mod isolated;
mod leftovers;
mod mcp;
mod options;
mod process;
mod project;
mod reply;
mod server;
mod tui;

pub use binary::find_opencode_binary;
pub use error::TestkitError;
pub use fake_model::{FakeModel, DEFAULT_TEXT, FAKE_TITLE, MAIN_MODEL, PROVIDER_ID, TITLE_MODEL};
pub use fault_proxy::{FaultProxy, FaultStats, Noise, Scope, CONTROL_HELP, UNKNOWN_KIND};
pub use isolated::IsolatedWorld;
pub use mcp::{echo_mcp_command, failing_mcp_command, NeedsAuthMcp, ECHO_TOOL};
pub use options::{Password, TestServerOptions};
pub use reply::Reply;
pub use server::{TestServer, USERNAME};
pub use tui::TestTui;
