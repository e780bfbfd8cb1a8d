//! MCP servers: a tiny stdio server of the test code connects and its tool reaches the agent; a
//! command that cannot start is `failed` with its reason; disconnect and connect; a remote one
//! that asks for OAuth; what `POST /mcp` does (and does not) keep.

use crate::support::start;
use opencode_client::types::{McpConfig, McpStatus, PromptInput, SessionCreate, ToolState};
use opencode_client::{Client, Error};
use serde_json::json;
use std::collections::BTreeMap;
use testkit::{echo_mcp_command, failing_mcp_command, NeedsAuthMcp, Reply};

/// OpenCode offers an MCP tool to the model as `<server>_<tool>`.
const ECHO: &str = "echo_echo";

fn local(command: Vec<String>) -> McpConfig {
    McpConfig::Local {
        command,
        environment: BTreeMap::new(),
        enabled: None,
    }
}

/// The names of the tools the model was offered in its latest request.
fn offered_tools(model: &testkit::FakeModel) -> Vec<String> {
    let sent = model
        .requests()
        .last()
        .cloned()
        .expect("the model was asked");
    sent["tools"]
        .as_array()
        .map(|tools| {
            tools
                .iter()
                .filter_map(|t| t["function"]["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn ask(client: &Client, model: &testkit::FakeModel, reply: &str) -> Vec<String> {
    let session = client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    model.push(Reply::text(reply));
    client
        .prompt(&session.id, &PromptInput::text("hello"))
        .await
        .unwrap();
    offered_tools(model)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_local_mcp_server_connects_and_the_agent_calls_its_tool() {
    let env = start().await;
    let c = &env.client;
    assert!(c.mcp_status().await.unwrap().is_empty(), "none configured");

    let all = c.add_mcp("echo", &local(echo_mcp_command())).await.unwrap();
    assert_eq!(all.get("echo"), Some(&McpStatus::Connected), "{all:?}");
    assert_eq!(c.mcp_status().await.unwrap(), all);

    // Not among the tool ids the server lists (built-in tools only), but offered to the model.
    let ids = c.tool_ids().await.unwrap();
    assert!(ids.iter().any(|id| id == "bash"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("echo")), "{ids:?}");

    let session = c.create_session(&SessionCreate::default()).await.unwrap();
    env.model
        .push(Reply::tool(ECHO, json!({"text": "from the test"})));
    env.model.push(Reply::text("The tool answered."));
    let reply = c
        .prompt(&session.id, &PromptInput::text("use the echo tool"))
        .await
        .unwrap();
    assert!(offered_tools(&env.model).iter().any(|t| t == ECHO));
    let messages = c.messages(&session.id).await.unwrap();
    let output = messages
        .iter()
        .flat_map(|m| m.parts.iter())
        .find_map(|p| match p {
            opencode_client::types::Part::Tool(tool) if tool.tool == ECHO => match &tool.state {
                ToolState::Completed { output, .. } => Some(output.clone()),
                other => panic!("the tool did not complete: {other:?}"),
            },
            _ => None,
        })
        .expect("an echo tool part");
    assert!(output.contains("echo: from the test"), "{output}");
    assert!(!reply.parts.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_takes_the_tools_away_and_connect_brings_them_back() {
    let env = start().await;
    let c = &env.client;
    c.add_mcp("echo", &local(echo_mcp_command())).await.unwrap();
    assert!(ask(c, &env.model, "one").await.iter().any(|t| t == ECHO));

    assert!(c.disconnect_mcp("echo").await.unwrap());
    assert_eq!(
        c.mcp_status().await.unwrap().get("echo"),
        Some(&McpStatus::Disabled)
    );
    let tools = ask(c, &env.model, "two").await;
    assert!(!tools.iter().any(|t| t == ECHO), "{tools:?}");

    assert!(c.connect_mcp("echo").await.unwrap());
    assert_eq!(
        c.mcp_status().await.unwrap().get("echo"),
        Some(&McpStatus::Connected)
    );
    assert!(ask(c, &env.model, "three").await.iter().any(|t| t == ECHO));

    let err = c.connect_mcp("no-such-server").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_cannot_start_is_listed_as_failed_with_its_reason() {
    let env = start().await;
    let c = &env.client;
    let missing = local(vec!["/no/such/mcp-server".into(), "--stdio".into()]);
    let all = c.add_mcp("missing", &missing).await.unwrap();
    match all.get("missing") {
        Some(McpStatus::Failed { error }) => {
            assert!(error.contains("ENOENT"), "{error}");
            assert!(error.contains("/no/such/mcp-server"), "{error}");
        }
        other => panic!("expected failed, got {other:?}"),
    }

    let all = c
        .add_mcp("crashes", &local(failing_mcp_command()))
        .await
        .unwrap();
    match all.get("crashes") {
        Some(McpStatus::Failed { error }) => {
            assert!(error.contains("Connection closed"), "{error}")
        }
        other => panic!("expected failed, got {other:?}"),
    }
    // Both stay listed, failed: the server keeps what it was given.
    assert_eq!(c.mcp_status().await.unwrap().len(), 2);
}

/// `POST /mcp` changes the running instance only: no file, and gone once the instance reloads.
#[tokio::test(flavor = "multi_thread")]
async fn an_added_server_lives_in_the_running_instance_only() {
    let env = start().await;
    let c = &env.client;
    let project_config = env.server.project_dir().join("opencode.json");
    let before = std::fs::read_to_string(&project_config).unwrap();
    c.add_mcp("echo", &local(echo_mcp_command())).await.unwrap();
    assert_eq!(std::fs::read_to_string(&project_config).unwrap(), before);
    assert!(c.config().await.unwrap().get("mcp").is_none());

    assert!(c.dispose_instance().await.unwrap());
    assert!(c.mcp_status().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remote_server_that_asks_for_oauth_gives_a_sign_in_url() {
    let env = start().await;
    let c = &env.client;
    let remote = NeedsAuthMcp::start().await.unwrap();
    let config = McpConfig::Remote {
        url: remote.url(),
        headers: BTreeMap::new(),
        enabled: None,
    };
    let all = c.add_mcp("remote", &config).await.unwrap();
    assert_eq!(all.get("remote"), Some(&McpStatus::NeedsAuth), "{all:?}");

    let start = c.start_mcp_auth("remote").await.unwrap();
    let base = remote.url().replace("/mcp", "/authorize");
    assert!(start.authorization_url.starts_with(&base), "{start:?}");
    assert!(
        start.authorization_url.contains("redirect_uri="),
        "{start:?}"
    );
    assert!(!start.oauth_state.is_empty());

    // The token endpoint refuses every code: the answer is a state, not an HTTP error.
    match c.mcp_auth_callback("remote", "wrong-code").await.unwrap() {
        McpStatus::Failed { error } => assert!(error.contains("OAuth"), "{error}"),
        other => panic!("expected failed, got {other:?}"),
    }
    c.remove_mcp_auth("remote").await.unwrap();

    c.add_mcp("echo", &local(echo_mcp_command())).await.unwrap();
    let err = c.start_mcp_auth("echo").await.unwrap_err();
    assert!(
        matches!(&err, Error::BadRequest { message, .. } if message.contains("does not support OAuth")),
        "{err:?}"
    );
    let err = c.start_mcp_auth("nobody").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}
