//! Commands invoked the way the webview invokes them (IPC requests through Tauri's mock runtime),
//! against a real OpenCode server from `testkit`. Proves the wiring: argument names, state,
//! error mapping and serialization, not just the functions.

use super::ipc_test_support::invoke;
use crate::ipc::specta_builder;
use crate::state::{AppState, ServerInfo, ServerStatusView};
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
    let registered = crate::test_support::register(server, server.url(), ui);
    (registered.state, crate::test_support::SERVER_ID.into())
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

/// Every front-end command that reads or changes a session, a file or the catalogue, called as
/// the webview calls it, against the real server: proves argument names and result shapes.
#[tokio::test(flavor = "multi_thread")]
async fn session_file_and_catalogue_commands_work_through_ipc() {
    let model = FakeModel::start().await;
    model.push(testkit::Reply::text("Hello from the model."));
    let server = TestServer::start(&model).await.expect("server");
    std::fs::write(
        server.project_dir().join("notes.md"),
        "# Notes\nneedle here\n",
    )
    .unwrap();
    let (state, id) = registered(&server);
    let ask = move |window: &WebviewWindow<MockRuntime>, cmd: &str, mut args: Value| {
        args["serverId"] = json!(id);
        invoke(window, cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"))
    };
    let results = tokio::task::spawn_blocking(move || {
        let (_app, window) = app_with(state);
        let session = ask(&window, "create_session", json!({"title": "Actions"}));
        let sid = session["id"].clone();
        ask(
            &window,
            "send_prompt",
            json!({"sessionId": sid, "prompt": {"parts": [{"type": "text", "text": "hi"}]}}),
        );
        // The reply is written asynchronously: wait until the assistant message is complete.
        let mut messages = Value::Null;
        for _ in 0..100 {
            messages = ask(
                &window,
                "load_messages",
                json!({"sessionId": sid, "limit": 10, "before": null}),
            );
            let done = messages["messages"]
                .as_array()
                .is_some_and(|m| m.len() == 2 && m[1]["info"]["time"]["completed"].is_number());
            if done {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let first_user = messages["messages"][0]["info"]["id"].clone();
        let renamed = ask(
            &window,
            "rename_session",
            json!({"sessionId": sid, "title": "Renamed"}),
        );
        let empty_title = invoke(
            &window,
            "rename_session",
            json!({"serverId": "test", "sessionId": sid, "title": "  "}),
        );
        let todos = ask(&window, "session_todos", json!({"sessionId": sid}));
        let diff = ask(
            &window,
            "session_diff",
            json!({"sessionId": sid, "messageId": null}),
        );
        let fork = ask(
            &window,
            "fork_session",
            json!({"sessionId": sid, "messageId": null}),
        );
        let reverted = ask(
            &window,
            "revert_session",
            json!({"sessionId": sid, "messageId": first_user}),
        );
        let unreverted = ask(&window, "unrevert_session", json!({"sessionId": sid}));
        let models = ask(&window, "list_models", json!({}));
        let agents = ask(&window, "list_agents", json!({}));
        let commands = ask(&window, "list_commands", json!({}));
        let files = ask(&window, "list_files", json!({"path": ""}));
        let content = ask(&window, "read_file", json!({"path": "notes.md"}));
        let found = ask(&window, "find_files", json!({"query": "notes", "limit": 5}));
        let text = ask(&window, "find_text", json!({"pattern": "needle"}));
        let pending = ask(&window, "list_pending", json!({}));
        let projects = ask(&window, "list_projects", json!({}));
        let deleted = ask(&window, "delete_session", json!({"sessionId": fork["id"]}));
        let listed = ask(&window, "list_sessions", json!({}));
        json!({
            "renamed": renamed, "empty_title": empty_title.expect_err("empty title refused"),
            "todos": todos, "diff": diff, "fork": fork, "reverted": reverted,
            "unreverted": unreverted, "models": models, "agents": agents, "commands": commands,
            "files": files, "content": content, "found": found, "text": text,
            "pending": pending, "projects": projects, "deleted": deleted, "listed": listed,
            "first_user": first_user,
        })
    })
    .await
    .expect("blocking task");
    let r = &results;
    assert_eq!(r["renamed"]["title"], "Renamed");
    assert_eq!(r["empty_title"]["kind"], "InvalidInput");
    assert_eq!(r["todos"], json!([]));
    assert!(r["diff"].is_array());
    assert_ne!(r["fork"]["id"], r["renamed"]["id"]);
    assert_eq!(r["reverted"]["revert"]["messageID"], r["first_user"]);
    assert!(r["unreverted"]["revert"].is_null(), "{}", r["unreverted"]);
    let providers = r["models"]["providers"].as_array().expect("providers");
    assert!(providers
        .iter()
        .any(|p| p["models"]["fake-model"].is_object()));
    // The model the config names leads, as its provider's default.
    let first = providers[0]["id"].as_str().expect("provider id");
    assert_eq!(r["models"]["default"][first], "fake-model");
    assert!(r["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .any(|a| a["name"] == "build"));
    assert!(r["commands"].is_array());
    assert!(r["files"]
        .as_array()
        .expect("files")
        .iter()
        .any(|f| f["name"] == "notes.md"));
    assert!(r["content"]["content"]
        .as_str()
        .unwrap_or_default()
        .contains("needle"));
    assert!(r["found"]
        .as_array()
        .expect("found")
        .iter()
        .any(|p| p == "notes.md"));
    assert!(r["text"][0]["lines"]["text"]
        .as_str()
        .unwrap_or_default()
        .contains("needle"));
    assert_eq!(r["pending"], json!({"permissions": [], "questions": []}));
    assert!(!r["projects"].as_array().expect("projects").is_empty());
    assert_eq!(r["deleted"], true);
    let listed = r["listed"].as_array().expect("listed");
    assert!(listed.iter().all(|s| s["id"] != r["fork"]["id"]));
}

/// Switching project: a bad folder is refused with the reason; a good one takes effect for the
/// next requests and is remembered in the settings' recent projects, marked once it is gone, and
/// can be taken off the list.
#[tokio::test(flavor = "multi_thread")]
async fn open_project_switches_the_directory_requests_name() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let other = crate::settings::test_dir::TestDir::new();
    std::fs::write(other.0.join("other.txt"), "x").unwrap();
    let settings_dir = crate::settings::test_dir::TestDir::new();
    let (state, id) = registered(&server);
    let other_dir = other.0.canonicalize().unwrap();
    let dir = other_dir.to_string_lossy().into_owned();
    let (missing, opened, files, saved, recent) = tokio::task::spawn_blocking(move || {
        let (app, window) = app_with(state);
        app.manage(crate::settings::SettingsStore::open(settings_dir.file()));
        let missing = invoke(
            &window,
            "open_project",
            json!({"serverId": id, "directory": "/no/such/folder"}),
        );
        let opened = invoke(
            &window,
            "open_project",
            json!({"serverId": id, "directory": other_dir}),
        )
        .expect("open_project");
        let files =
            invoke(&window, "list_files", json!({"serverId": id, "path": ""})).expect("list_files");
        let saved = invoke(&window, "get_settings", json!({})).expect("settings");
        let mut recent = vec![invoke(&window, "recent_projects", json!({})).expect("recent")];
        std::fs::remove_dir_all(&other_dir).expect("the folder goes");
        recent.push(invoke(&window, "recent_projects", json!({})).expect("recent"));
        let forget = json!({ "directory": other_dir });
        recent.push(invoke(&window, "forget_recent_project", forget).expect("forget"));
        recent.push(
            invoke(&window, "get_settings", json!({})).expect("settings")["recent_projects"]
                .clone(),
        );
        (missing, opened, files, saved, recent)
    })
    .await
    .expect("blocking task");
    let error = missing.expect_err("a missing folder is refused");
    assert_eq!(error["kind"], "InvalidInput");
    assert!(error["message"]
        .as_str()
        .unwrap_or_default()
        .contains("/no/such/folder"));
    assert_eq!(opened["directory"], dir);
    let names: Vec<&str> = files
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["other.txt"], "the other project's files");
    assert_eq!(saved["recent_projects"][0], dir);
    assert_eq!(recent[0][0], json!({"directory": dir, "exists": true}));
    assert_eq!(recent[1][0], json!({"directory": dir, "exists": false}));
    assert_eq!(recent[2], json!([]), "forgotten");
    assert_eq!(recent[3], json!([]), "and saved so");
}

/// Readable offline through IPC: a page the window loads is kept in the background, and once
/// the server is down the copy is listed, read back and searched (issue 20).
#[tokio::test(flavor = "multi_thread")]
async fn a_loaded_session_is_kept_and_read_back_through_ipc_once_its_server_is_down() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let (state, id) = registered(&server);
    let db = tempfile::tempdir().expect("temp dir");
    let state = state.with_offline_copies(crate::offline_copies::OfflineCopies::at(
        Some(db.path().join("copies.sqlite")),
        true,
    ));
    let client = state.servers.client(&id).expect("client");
    let session = client
        .create_session(&opencode_client::types::SessionCreate {
            title: Some("Kept for later".into()),
            ..Default::default()
        })
        .await
        .expect("session");
    model.push(testkit::Reply::text("The albatross glides for hours."));
    let prompt = opencode_client::types::PromptInput::text("Which bird glides?");
    client.prompt(&session.id, &prompt).await.expect("prompt");
    let dir = server.project_dir().to_string_lossy().to_string();
    let url = server.url().to_string();
    let result = tokio::task::spawn_blocking(move || {
        let (app, window) = app_with(state);
        invoke(
            &window,
            "load_messages",
            json!({"serverId": id, "sessionId": session.id, "limit": 50, "before": null}),
        )
        .expect("load_messages");
        // Written off the open's path: it shows up shortly after.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let listed = invoke(
                &window,
                "list_offline_copies",
                json!({"serverId": id, "directory": dir}),
            )
            .expect("list_offline_copies");
            if listed.as_array().is_some_and(|l| !l.is_empty()) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the copy was never written"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // The server goes away: the registry keeps its entry, with no client.
        let down = ServerInfo {
            id: id.clone(),
            name: "test".into(),
            url: url.clone(),
            version: None,
            directory: Some(dir.clone()),
            attached: true,
            status: ServerStatusView::Unreachable {
                message: "gone".into(),
            },
        };
        app.state::<AppState>().servers.upsert(down.clone(), None);
        let listed = invoke(
            &window,
            "list_offline_copies",
            json!({"serverId": id, "directory": dir}),
        )
        .expect("list_offline_copies");
        let copy = invoke(
            &window,
            "offline_copy",
            json!({"serverId": id, "sessionId": session.id}),
        )
        .expect("offline_copy");
        let hits = invoke(
            &window,
            "search_offline_copies",
            json!({"serverId": id, "directory": dir, "query": "albatross"}),
        )
        .expect("search_offline_copies");
        let size = invoke(&window, "offline_copies_size", json!({})).expect("size");
        // The server is back and the user deletes the session: its copy goes with it.
        app.state::<AppState>().servers.upsert(
            ServerInfo {
                status: ServerStatusView::Ready,
                ..down
            },
            Some(client),
        );
        invoke(
            &window,
            "delete_session",
            json!({"serverId": id, "sessionId": session.id}),
        )
        .expect("delete_session");
        let after = invoke(
            &window,
            "list_offline_copies",
            json!({"serverId": id, "directory": dir}),
        )
        .expect("list_offline_copies");
        assert_eq!(after, json!([]), "the deleted session's copy is gone");
        (listed, copy, hits, size)
    })
    .await
    .expect("blocking task");
    let (listed, copy, hits, size) = result;
    assert_eq!(listed[0]["title"], "Kept for later");
    assert_eq!(copy["messages"].as_array().map(Vec::len), Some(2));
    assert_eq!(copy["messages"][1]["info"]["role"], "assistant");
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
    assert!(hits[0]["snippet"]
        .as_str()
        .is_some_and(|s| s.contains("albatross glides")));
    assert_eq!(size["sessions"], 1);
    assert_eq!(size["enabled"], true);
}
