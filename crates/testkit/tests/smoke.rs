//! Smoke tests of the testkit against the real `opencode serve`, using nothing but reqwest:
//! auth, a scripted prompt, a tool-call round trip, an aborted stream, kill and restart.

use std::time::{Duration, Instant};

use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use testkit::{
    FakeModel, Password, Reply, TestServer, TestServerOptions, TestkitError, FAKE_TITLE,
    TITLE_MODEL,
};

fn http() -> Client {
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

fn authed(server: &TestServer, request: RequestBuilder) -> RequestBuilder {
    match server.password() {
        Some(password) => request.basic_auth(server.username(), Some(password)),
        None => request,
    }
}

async fn get(server: &TestServer, path: &str) -> Value {
    let response = authed(server, http().get(format!("{}{path}", server.url())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

async fn post(server: &TestServer, path: &str, body: Value) -> Value {
    let request = http().post(format!("{}{path}", server.url())).json(&body);
    let response = authed(server, request).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "POST {path}");
    response.json().await.unwrap()
}

async fn health(server: &TestServer) -> Result<StatusCode, reqwest::Error> {
    let request = http().get(format!("{}/global/health", server.url()));
    Ok(authed(server, request).send().await?.status())
}

async fn start(model: &FakeModel, options: TestServerOptions) -> TestServer {
    let spawned = Instant::now();
    let server = TestServer::start_with(model, options).await.unwrap();
    eprintln!(
        "opencode ready in {:?} (start_with returned after {:?}, port {})",
        server.ready_in(),
        spawned.elapsed(),
        server.port()
    );
    server
}

async fn new_session(server: &TestServer) -> String {
    let session = post(server, "/session", json!({})).await;
    session["id"].as_str().unwrap().to_owned()
}

async fn prompt(server: &TestServer, session: &str, text: &str) -> Value {
    let body = json!({ "parts": [{ "type": "text", "text": text }] });
    post(server, &format!("/session/{session}/message"), body).await
}

fn texts(message: &Value) -> Vec<String> {
    let parts = message["parts"].as_array().unwrap();
    let text_parts = parts.iter().filter(|p| p["type"] == "text");
    text_parts
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn health_needs_auth_and_a_prompt_gets_the_scripted_text_and_title() {
    let model = FakeModel::start().await;
    let server = start(&model, TestServerOptions::default()).await;

    let health = get(&server, "/global/health").await;
    assert_eq!(health["healthy"], true);
    let anonymous = http()
        .get(format!("{}/global/health", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let session = new_session(&server).await;
    model.push(Reply::chunks(["Hello ", "from the ", "script"], 20));
    let reply = prompt(&server, &session, "hello").await;
    assert_eq!(reply["info"]["role"], "assistant");
    assert_eq!(texts(&reply), ["Hello from the script"]);

    // The title went to the small model and did not consume the script.
    assert_eq!(model.request_count(), 1);
    assert_eq!(model.pending_replies(), 0);
    let title_requests = model.title_requests();
    assert_eq!(title_requests.len(), 1);
    assert_eq!(title_requests[0]["model"], TITLE_MODEL);
    let mut title = Value::Null;
    for _ in 0..100 {
        title = get(&server, &format!("/session/{session}")).await["title"].clone();
        if title == FAKE_TITLE {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(title, FAKE_TITLE);
    // The world stays quiet: no rewritten config in the project, no npm install in the home.
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(server.project_dir())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
    assert!(!server.home_dir().join(".npm").exists());
    let first = &model.requests()[0];
    eprintln!(
        "main request keys: {:?}",
        first.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    let messages = title_requests[0]["messages"].as_array().unwrap();
    let roles: Vec<String> = messages
        .iter()
        .map(|m| format!("{}: {:.50}", m["role"], m["content"].as_str().unwrap_or("")))
        .collect();
    eprintln!(
        "title request: stream={} {roles:?}",
        title_requests[0]["stream"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bash_tool_call_runs_and_its_output_goes_back_to_the_model() {
    let model = FakeModel::start().await;
    let options = TestServerOptions::default().config(json!({ "permission": { "bash": "allow" } }));
    let server = start(&model, options).await;
    let session = new_session(&server).await;

    model.push(Reply::tool(
        "bash",
        json!({ "command": "echo hi", "description": "Say hi" }),
    ));
    model.push(Reply::text("The command printed hi."));
    let reply = prompt(&server, &session, "run echo hi").await;
    assert_eq!(texts(&reply), ["The command printed hi."]);

    let requests = model.requests();
    assert_eq!(requests.len(), 2);
    let messages = requests[1]["messages"].as_array().unwrap();
    let call = messages.iter().find(|m| m["role"] == "assistant").unwrap();
    assert_eq!(call["tool_calls"][0]["function"]["name"], "bash");
    let result = messages.iter().find(|m| m["role"] == "tool").unwrap();
    assert_eq!(result["tool_call_id"], call["tool_calls"][0]["id"]);
    assert_eq!(result["content"].as_str().unwrap().trim(), "hi");
    eprintln!(
        "tool round trip, second request messages: {}",
        json!(messages[1..])
    );

    let history = get(&server, &format!("/session/{session}/message")).await;
    let tool_part = history
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["parts"].as_array().unwrap())
        .find(|p| p["type"] == "tool")
        .unwrap();
    assert_eq!(tool_part["tool"], "bash");
    assert_eq!(tool_part["state"]["status"], "completed");
    assert_eq!(tool_part["state"]["output"].as_str().unwrap().trim(), "hi");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_aborted_prompt_closes_the_slow_stream() {
    let model = FakeModel::start().await;
    let server = start(&model, TestServerOptions::default()).await;
    let session = new_session(&server).await;

    model.push(Reply::slow(["partial"], 50));
    let body = json!({ "parts": [{ "type": "text", "text": "take your time" }] });
    let request = http()
        .post(format!("{}/session/{session}/prompt_async", server.url()))
        .json(&body);
    let accepted = authed(&server, request).send().await.unwrap();
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    assert!(model.wait_for_requests(1, Duration::from_secs(20)).await);
    assert_eq!(model.open_streams(), 1);

    post(&server, &format!("/session/{session}/abort"), json!({})).await;
    assert!(
        model.wait_for_streams_closed(Duration::from_secs(5)).await,
        "stream still open"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unsecured_server_answers_without_auth() {
    let model = FakeModel::start().await;
    let server = start(
        &model,
        TestServerOptions::default().password(Password::Disabled),
    )
    .await;
    assert_eq!(server.password(), None);
    let response = http()
        .get(format!("{}/global/health", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_comes_back_on_the_same_port_with_its_sessions() {
    let model = FakeModel::start().await;
    let mut server = start(&model, TestServerOptions::default()).await;
    let session = new_session(&server).await;
    let (port, password) = (server.port(), server.password().map(str::to_owned));
    let pid = server.pid().unwrap();

    server.kill();
    assert_eq!(server.pid(), None);
    assert!(
        health(&server).await.is_err(),
        "a killed server still answers"
    );
    #[cfg(target_os = "linux")]
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "pid {pid} still exists"
    );

    let restarted = Instant::now();
    server.restart().await.unwrap();
    eprintln!(
        "restart ready in {:?} (call took {:?})",
        server.ready_in(),
        restarted.elapsed()
    );
    assert_eq!(server.port(), port);
    assert_eq!(server.password().map(str::to_owned), password);
    assert_eq!(health(&server).await.unwrap(), StatusCode::OK);
    let sessions = get(&server, "/session").await;
    assert!(sessions
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == session.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_port_fails_fast_with_the_servers_last_words() {
    let model = FakeModel::start().await;
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    let started = Instant::now();
    let error = TestServer::start_with(&model, TestServerOptions::default().port(port))
        .await
        .unwrap_err();
    eprintln!("taken port failed after {:?}: {error}", started.elapsed());
    let TestkitError::ExitedEarly { output_tail, .. } = error else {
        panic!("expected ExitedEarly, got {error}");
    };
    assert!(output_tail.contains("Error"), "{output_tail}");
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[tokio::test(flavor = "multi_thread")]
async fn model_errors_end_the_turn_with_an_assistant_error() {
    let model = FakeModel::start().await;
    let server = start(&model, TestServerOptions::default()).await;
    let session = new_session(&server).await;

    let body = r#"{"error":{"message":"bad request from fake","type":"invalid_request_error"}}"#;
    model.push(Reply::http_error(400, body));
    let reply = prompt(&server, &session, "first").await;
    assert_eq!(reply["info"]["error"]["name"], "APIError");
    assert_eq!(reply["info"]["error"]["data"]["statusCode"], 400);
    assert_eq!(
        reply["info"]["error"]["data"]["message"],
        "bad request from fake"
    );

    model.push(Reply::Malformed);
    let reply = prompt(&server, &session, "second").await;
    let message = reply["info"]["error"]["data"]["message"].as_str().unwrap();
    assert!(message.contains("JSON"), "{message}");
    // Neither was retried: one request each.
    assert_eq!(model.request_count(), 2);
}

/// Pids of live (not zombie) processes whose command line is exactly `args`.
#[cfg(target_os = "linux")]
fn live_processes(args: &[&str]) -> Vec<u32> {
    let wanted: Vec<u8> = args.iter().flat_map(|a| a.bytes().chain([0])).collect();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let zombie = stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z'));
        if cmdline == wanted && !zombie {
            pids.push(pid);
        }
    }
    pids
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn killing_a_server_also_kills_commands_its_agent_left_running() {
    let model = FakeModel::start().await;
    let options = TestServerOptions::default().config(json!({ "permission": { "bash": "allow" } }));
    let mut server = start(&model, options).await;
    let session = new_session(&server).await;
    // Odd durations make these command lines unique on the machine.
    let (background, foreground) = (["sleep", "3131.7"], ["sleep", "3132.9"]);

    let command = format!(
        "nohup {} >/dev/null 2>&1 & echo started",
        background.join(" ")
    );
    model.push(Reply::tool(
        "bash",
        json!({ "command": command, "description": "Start a sleeper" }),
    ));
    model.push(Reply::text("started"));
    prompt(&server, &session, "start it").await;
    assert_eq!(live_processes(&background).len(), 1);

    let command = foreground.join(" ");
    model.push(Reply::tool(
        "bash",
        json!({ "command": command, "description": "Sleep a while" }),
    ));
    let body = json!({ "parts": [{ "type": "text", "text": "sleep" }] });
    let request = http()
        .post(format!("{}/session/{session}/prompt_async", server.url()))
        .json(&body);
    authed(&server, request).send().await.unwrap();
    let mut running = Vec::new();
    for _ in 0..200 {
        running = live_processes(&foreground);
        if !running.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(running.len(), 1, "the foreground command never started");

    server.kill();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(live_processes(&background), Vec::<u32>::new());
    assert_eq!(live_processes(&foreground), Vec::<u32>::new());
}
