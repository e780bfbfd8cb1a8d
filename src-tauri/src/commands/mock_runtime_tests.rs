//! Commands invoked the way the webview invokes them (IPC requests through Tauri's mock runtime),
//! against a real OpenCode server from `testkit`. Proves the wiring: argument names, state,
//! error mapping and serialization, not just the functions.

use super::ipc_test_support::invoke;
use crate::ipc::specta_builder;
use crate::project::ProjectChoice;
use crate::state::{AppState, ServerInfo, ServerStatusView};
use opencode_client::Client;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};
use testkit::{FakeModel, TestServer};

fn app_with(state: AppState) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let builder = specta_builder::<MockRuntime>();
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    app.manage(state);
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    (app, window)
}

fn registered(server: &TestServer) -> (AppState, String) {
    registered_with(
        server,
        std::sync::Arc::new(crate::ui_bridge::RecordingUi::default()),
    )
}

fn registered_with(
    server: &TestServer,
    ui: std::sync::Arc<crate::ui_bridge::RecordingUi>,
) -> (AppState, String) {
    let state = AppState::new(ProjectChoice::Dir(server.project_dir().to_path_buf()), ui);
    let client = Client::builder(server.url())
        .password(server.password().map(str::to_string))
        .directory(server.project_dir().to_string_lossy())
        .build()
        .expect("client");
    let info = ServerInfo {
        id: "test".into(),
        name: "test".into(),
        url: server.url().into(),
        version: None,
        directory: Some(server.project_dir().to_string_lossy().into()),
        attached: true,
        status: ServerStatusView::Ready,
    };
    state.servers.upsert(info, Some(client));
    (state, "test".into())
}

#[tokio::test(flavor = "multi_thread")]
async fn session_commands_reach_the_real_server_through_ipc() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let (state, id) = registered(&server);
    let result = tokio::task::spawn_blocking(move || {
        let (_app, window) = app_with(state);
        let created = invoke(
            &window,
            "create_session",
            json!({"serverId": id, "title": "Via IPC"}),
        )
        .expect("create_session");
        let listed = invoke(&window, "list_sessions", json!({"serverId": id})).expect("list");
        let page = invoke(
            &window,
            "load_messages",
            json!({"serverId": id, "sessionId": created["id"], "limit": 50, "before": null}),
        )
        .expect("load_messages");
        (created, listed, page)
    })
    .await
    .expect("blocking task");
    let (created, listed, page) = result;
    assert_eq!(created["title"], "Via IPC");
    assert!(listed
        .as_array()
        .expect("array")
        .iter()
        .any(|s| s["id"] == created["id"]));
    assert_eq!(page["messages"], json!([]));
    assert_eq!(page["before"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_reach_the_ui_as_kind_and_message() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let (state, id) = registered(&server);
    let (unknown_server, bad_argument) = tokio::task::spawn_blocking(move || {
        let (_app, window) = app_with(state);
        (
            invoke(&window, "list_sessions", json!({"serverId": "nope"})),
            invoke(
                &window,
                "create_session",
                json!({"serverId": id, "title": 42}),
            ),
        )
    })
    .await
    .expect("blocking task");
    let error = unknown_server.expect_err("no such server");
    assert_eq!(error["kind"], "NotFound");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("nope"),
        "{error}"
    );
    // Arguments of the wrong type are refused before any call, with a message, not a crash.
    let error = bad_argument.expect_err("a number is not a title");
    assert!(
        error.as_str().unwrap_or_default().contains("title"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quick_prompt_starts_a_session_and_hands_it_to_the_main_window() {
    let model = FakeModel::start().await;
    model.push(testkit::Reply::text("On it."));
    let server = TestServer::start(&model).await.expect("server");
    let ui = std::sync::Arc::new(crate::ui_bridge::RecordingUi::default());
    let (state, _) = registered_with(&server, ui.clone());
    let (empty, sent) = tokio::task::spawn_blocking(move || {
        let (_app, window) = app_with(state);
        (
            invoke(&window, "send_quick_prompt", json!({"text": "   "})),
            invoke(
                &window,
                "send_quick_prompt",
                json!({"text": "summarise the README"}),
            ),
        )
    })
    .await
    .expect("blocking task");
    assert_eq!(empty.expect_err("blank prompt")["kind"], "InvalidInput");
    let session_id = sent.expect("sent");
    let session_id = session_id.as_str().expect("a session id");
    let calls = ui.calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        vec![
            "hide quick-prompt".to_string(),
            "front main".to_string(),
            format!("open test {session_id}"),
        ]
    );
    assert!(
        model
            .wait_for_requests(1, std::time::Duration::from_secs(20))
            .await,
        "the prompt reached the model"
    );
    let asked = model.requests()[0].to_string();
    assert!(asked.contains("summarise the README"), "{asked}");
}
