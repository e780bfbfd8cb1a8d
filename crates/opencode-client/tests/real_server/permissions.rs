//! A tool call that asks permission: answered once (the tool runs) and rejected (it does not).

use crate::support::{asking_bash, events_until, idle_of, live_events, start};
use opencode_client::types::{Part, PermissionReply, PromptInput, ToolState};
use opencode_client::ServerEvent;
use serde_json::json;
use std::time::Duration;
use testkit::Reply;

fn bash(command: &str) -> Reply {
    Reply::tool(
        "bash",
        json!({"command": command, "description": "Run a test command"}),
    )
}

/// Prompts a bash call and returns the permission request it raised.
async fn ask_for_bash(
    env: &crate::support::Env,
    events: &mut opencode_client::EventStream<ServerEvent>,
    session_id: &str,
    command: &str,
) -> opencode_client::types::PermissionRequest {
    env.model.push(bash(command));
    env.model.push(Reply::text("All done."));
    env.client
        .prompt_async(session_id, &PromptInput::text("run it"))
        .await
        .unwrap();
    let seen = events_until(events, Duration::from_secs(30), |e| {
        matches!(e, ServerEvent::PermissionAsked(_))
    })
    .await;
    let Some(ServerEvent::PermissionAsked(request)) = seen.last().cloned() else {
        unreachable!()
    };
    request
}

fn tool_state(parts: &[Part]) -> Option<&ToolState> {
    parts.iter().find_map(|p| match p {
        Part::Tool(t) if t.tool == "bash" => Some(&t.state),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn allowing_once_runs_the_tool_and_the_model_sees_its_output() {
    let env = start().await;
    let mut events = live_events(&env.client).await;
    let session = env.client.create_session(&asking_bash()).await.unwrap();
    let request = ask_for_bash(&env, &mut events, &session.id, "echo permission-granted").await;
    assert_eq!(request.session_id, session.id);
    assert_eq!(request.permission, "bash");
    assert!(
        request
            .patterns
            .iter()
            .any(|p| p.contains("echo permission-granted")),
        "{request:?}"
    );

    let pending = env.client.permissions().await.unwrap();
    assert!(
        pending.iter().any(|p| p.id == request.id),
        "listed while pending"
    );

    assert!(env
        .client
        .reply_permission(&request.id, PermissionReply::Once, None)
        .await
        .unwrap());
    events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;

    let messages = env.client.messages(&session.id).await.unwrap();
    let state = messages
        .iter()
        .find_map(|m| tool_state(&m.parts))
        .expect("a bash part");
    let ToolState::Completed { output, .. } = state else {
        panic!("tool should have completed: {state:?}")
    };
    assert!(output.contains("permission-granted"), "{output}");
    let asked_again = env
        .model
        .requests()
        .iter()
        .any(|r| r.to_string().contains("permission-granted\\n"));
    assert!(asked_again, "the tool output went back to the model");
    assert!(env.client.permissions().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn rejecting_stops_the_tool_and_says_so() {
    let env = start().await;
    let mut events = live_events(&env.client).await;
    let session = env.client.create_session(&asking_bash()).await.unwrap();
    let marker = env.server.project_dir().join("must-not-exist");
    let command = format!("touch {}", marker.display());
    let request = ask_for_bash(&env, &mut events, &session.id, &command).await;

    let rejected = env
        .client
        .reply_permission(&request.id, PermissionReply::Reject, Some("not now"))
        .await
        .unwrap();
    assert!(rejected);
    events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;

    assert!(!marker.exists(), "the rejected command did not run");
    let messages = env.client.messages(&session.id).await.unwrap();
    let state = messages
        .iter()
        .find_map(|m| tool_state(&m.parts))
        .expect("a bash part");
    assert!(matches!(state, ToolState::Error { .. }), "{state:?}");
}
