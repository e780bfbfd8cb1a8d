//! `mcp.rs` against the real server: what is refused and where, nothing saved half, a saved
//! server back after a restart, connect and disconnect, OAuth.

use super::*;
use crate::when_idle::busy;
use std::time::Duration;
use testkit::{echo_mcp_command, FakeModel, NeedsAuthMcp, TestServer};

/// Records the pages it is asked to open.
#[derive(Default)]
struct Opened(std::sync::Mutex<Vec<String>>);

impl UrlOpener for Opened {
    fn open(&self, url: &str) -> Result<(), String> {
        self.0.lock().unwrap().push(url.to_owned());
        Ok(())
    }
}

fn local(name: &str, command: &str, args: &str) -> McpServerInput {
    McpServerInput::Local {
        name: name.into(),
        command: command.into(),
        args: args.into(),
        environment: BTreeMap::new(),
    }
}

fn echo(name: &str) -> McpServerInput {
    let command = echo_mcp_command();
    local(name, &command[0], &format!("'{}'", command[1]))
}

fn global_config(server: &TestServer) -> String {
    let path = server.home_dir().join(".config/opencode/opencode.jsonc");
    std::fs::read_to_string(path).unwrap_or_default()
}

fn refused_field(outcome: &McpAddOutcome) -> Option<(McpField, &str)> {
    match outcome {
        McpAddOutcome::Refused { field, message } => Some((*field, message.as_str())),
        McpAddOutcome::Added { .. } => None,
    }
}

fn status_of<'a>(servers: &'a [McpServerView], name: &str) -> &'a McpServerView {
    servers
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name} not in {servers:?}"))
}

#[test]
fn what_the_server_would_take_without_a_word_is_refused_at_its_field() {
    let remote = |url: &str, header: &str| McpServerInput::Remote {
        name: "r".into(),
        url: url.into(),
        headers: BTreeMap::from([(header.into(), "v".into())]),
    };
    let mut env_with_equals = local("x", "npx", "");
    if let McpServerInput::Local { environment, .. } = &mut env_with_equals {
        environment.insert("A=B".into(), "1".into());
    }
    let cases = [
        (local("  ", "npx", ""), McpField::Name),
        (local("my server", "npx", ""), McpField::Name),
        (local(&"n".repeat(65), "npx", ""), McpField::Name),
        (local("x", "   ", ""), McpField::Command),
        (local("x", "npx", "-y 'unclosed"), McpField::Args),
        (env_with_equals, McpField::Environment),
        (remote("ftp://example.com/mcp", "X-Key"), McpField::Url),
        (remote("localhost:3000/mcp", "X-Key"), McpField::Url),
        (
            remote("https://example.com/mcp", "Bad Header"),
            McpField::Headers,
        ),
    ];
    for (input, field) in cases {
        let refused = check(&input).expect_err("refused");
        assert_eq!(
            refused_field(&refused).map(|r| r.0),
            Some(field),
            "{input:?}"
        );
    }

    let (name, config) = check(&local(" files ", "npx", r#"-y "@mcp/fs" '/a b' "#)).unwrap();
    assert_eq!(name, "files");
    assert_eq!(
        config,
        McpConfig::Local {
            command: vec!["npx".into(), "-y".into(), "@mcp/fs".into(), "/a b".into()],
            environment: BTreeMap::new(),
            enabled: None,
        }
    );
    assert_eq!(split_args("a ''  b").unwrap(), vec!["a", "", "b"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_command_that_does_not_exist_is_refused_at_its_field_and_nothing_is_saved() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);
    let before = global_config(&server);

    let outcome = add(&client, &local("tools", "/no/such/mcp-server", "--stdio"))
        .await
        .unwrap();
    let (field, message) = refused_field(&outcome).expect("refused");
    assert_eq!(field, McpField::Command);
    assert!(
        message.contains("“/no/such/mcp-server” was not found"),
        "{message}"
    );
    assert!(message.contains("Nothing was saved"), "{message}");
    assert_eq!(
        global_config(&server),
        before,
        "the config file is untouched"
    );
    let listed = list(&client).await.unwrap();
    let tools = status_of(&listed, "tools");
    assert!(!tools.saved, "{tools:?}");
    assert!(
        matches!(tools.status, McpStatus::Failed { .. }),
        "{tools:?}"
    );

    // Fixed and added again under the same name: it replaces the failed one.
    let outcome = add(&client, &echo("tools")).await.unwrap();
    assert!(refused_field(&outcome).is_none(), "{outcome:?}");
    assert!(global_config(&server).contains("echo_mcp.py"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_added_server_is_saved_connects_and_disconnects_and_survives_a_restart() {
    let model = FakeModel::start().await;
    let mut server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);

    let McpAddOutcome::Added { servers, message } = add(&client, &echo("echo")).await.unwrap()
    else {
        panic!("not added")
    };
    assert!(message.starts_with("Connected. Saved"), "{message}");
    let echo_view = status_of(&servers, "echo");
    assert!(echo_view.saved, "{echo_view:?}");

    let again = add(&client, &echo("echo")).await.unwrap();
    assert_eq!(refused_field(&again).map(|r| r.0), Some(McpField::Name));

    let off = set_connected(&client, "echo", false).await.unwrap();
    assert_eq!(status_of(&off, "echo").status, McpStatus::Disabled);
    let on = set_connected(&client, "echo", true).await.unwrap();
    assert_eq!(status_of(&on, "echo").status, McpStatus::Connected);

    server.restart().await.expect("restart");
    let after = list(&crate::test_support::client(&server)).await.unwrap();
    let echo_view = status_of(&after, "echo");
    assert_eq!(echo_view.status, McpStatus::Connected, "{after:?}");
    assert!(echo_view.saved);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_asks_for_oauth_gives_its_sign_in_page_and_a_wrong_code_is_said() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);
    let remote = NeedsAuthMcp::start().await.unwrap();
    let input = McpServerInput::Remote {
        name: "remote".into(),
        url: remote.url(),
        headers: BTreeMap::new(),
    };
    let McpAddOutcome::Added { servers, message } = add(&client, &input).await.unwrap() else {
        panic!("not added")
    };
    assert_eq!(status_of(&servers, "remote").status, McpStatus::NeedsAuth);
    assert!(message.contains("sign in"), "{message}");

    let opened = Opened::default();
    let started = start_auth(&client, &opened, "remote").await.unwrap();
    assert!(started.url.contains("/authorize?"), "{started:?}");
    assert_eq!(started.open_failed, None);
    assert_eq!(*opened.0.lock().unwrap(), vec![started.url.clone()]);
    for (code, says) in [(" ", "Paste the code"), ("wrong", "did not go through")] {
        let err = finish_auth(&client, "remote", code).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(err.message.contains(says), "{err:?}");
    }
}

/// A config change reloads the instance, which would end a reply: the save waits for it.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_added_while_a_reply_streams_is_saved_after_it_and_the_reply_is_whole() {
    use opencode_client::types::{PromptInput, SessionCreate};
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);
    let session = client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    model.push(testkit::Reply::chunks(vec!["word "; 12], 400));
    client
        .prompt_async(&session.id, &PromptInput::text("talk slowly"))
        .await
        .unwrap();
    let started = tokio::time::Instant::now();
    while !busy(&client).await {
        assert!(started.elapsed() < Duration::from_secs(10), "never busy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let McpAddOutcome::Added { servers, message } = add(&client, &echo("echo")).await.unwrap()
    else {
        panic!("not added")
    };
    assert!(
        message.contains("when the reply in progress finishes"),
        "{message}"
    );
    assert_eq!(status_of(&servers, "echo").status, McpStatus::Connected);
    assert!(!global_config(&server).contains("echo_mcp.py"), "not yet");

    let started = tokio::time::Instant::now();
    while !global_config(&server).contains("echo_mcp.py") {
        assert!(started.elapsed() < Duration::from_secs(30), "never saved");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let messages = client.messages(&session.id).await.unwrap();
    let text: String = messages
        .iter()
        .flat_map(|m| m.parts.iter())
        .filter_map(|p| match p {
            opencode_client::types::Part::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains(&"word ".repeat(12).trim_end().to_string()),
        "{text:?}"
    );
}
