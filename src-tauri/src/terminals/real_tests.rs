//! Finding and driving the real OpenCode TUI (in tmux, `testkit::TestTui`), including what goes
//! wrong: a TUI that quits after it was listed, one behind a password, a command it lacks.

use super::*;
use crate::project::ProjectChoice;
use crate::ui_bridge::RecordingUi;
use opencode_client::types::SessionCreate;
use opencode_client::TuiDialog;
use std::sync::Arc;
use testkit::{FakeModel, Reply, TestServer, TestTui};

const SCREEN: Duration = Duration::from_secs(20);

fn app_state() -> AppState {
    AppState::new(ProjectChoice::None, Arc::new(RecordingUi::default()))
}

/// The TUI as the Terminals place lists it. A TUI's server can be slow to answer in its first
/// seconds, more so on a loaded machine (seen: 5 s without an answer while other builds ran):
/// looked at again, up to three times, as a user would press Refresh.
async fn found(state: &AppState, tui: &TestTui) -> TerminalView {
    let id = tui.pid().to_string();
    let mut looks = 0;
    loop {
        let view = list(state)
            .await
            .into_iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("TUI {id} is listed"));
        looks += 1;
        if !matches!(view.state, TerminalState::Unreachable { .. }) || looks == 3 {
            return view;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Gives the TUI its password; tried again (up to three times) while its server is too slow to
/// answer, as `found` does.
async fn unlock(state: &AppState, id: &str, password: &str) -> TerminalView {
    let mut tries = 0;
    loop {
        let view = set_password(state, id, password.into())
            .await
            .expect("the right password");
        tries += 1;
        if !matches!(view.state, TerminalState::Unreachable { .. }) || tries == 3 {
            return view;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Opens one of the TUI's dialogs; asked again (up to three times) when its server does not
/// answer in time, as `found` does. A dialog makes the TUI ask its server for what it lists, and
/// a server building its first provider list answers nothing else meanwhile (1.25 s measured on
/// a quiet machine; past the 5 s deadline once while the other tests' servers loaded it).
async fn open_dialog(state: &AppState, id: &str, dialog: TuiDialog) {
    let mut tries = 0;
    loop {
        match drive(state, id, TerminalAction::OpenDialog { dialog }).await {
            Ok(()) => return,
            Err(error) if error.kind == crate::error::ErrorKind::Unreachable && tries < 2 => {
                tries += 1;
            }
            Err(error) => panic!("{dialog:?} did not open: {error:?}"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn wait_gone(tui: &TestTui, text: &str) {
    let deadline = std::time::Instant::now() + SCREEN;
    while tui.screen().contains(text) {
        assert!(std::time::Instant::now() < deadline, "{text:?} never went");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_running_tui_is_found_with_its_project_and_does_what_it_is_told() {
    let model = FakeModel::start().await;
    let greet = serde_json::json!({
        "command": {"greet": {"template": "Say a greeting to $ARGUMENTS", "description": "Greets"}}
    });
    let options = testkit::TestServerOptions::default().config(greet);
    let server = TestServer::start_with(&model, options)
        .await
        .expect("server");
    let mut tui = TestTui::start(&server, None).await.expect("tui");
    let state = app_state();

    let view = found(&state, &tui).await;
    assert!(
        matches!(view.state, TerminalState::Ready { .. }),
        "{view:?}"
    );
    assert_eq!(
        view.directory.as_deref(),
        Some(server.project_dir().to_str().unwrap())
    );
    assert_eq!(view.via, TerminalVia::OwnPort { url: tui.url() });
    tui.wait_for("ctrl+p", SCREEN).await.expect("the TUI drew");

    let id = view.id.clone();
    let append = TerminalAction::AppendPrompt {
        text: "typed from the desk".into(),
    };
    drive(&state, &id, append).await.expect("appended");
    tui.wait_for("typed from the desk", SCREEN)
        .await
        .expect("the text is in its prompt");

    let toast = TerminalAction::ShowToast {
        title: Some("Desk".into()),
        message: "toast from the desk".into(),
        variant: "success".into(),
    };
    drive(&state, &id, toast).await.expect("toast");
    tui.wait_for("toast from the desk", SCREEN)
        .await
        .expect("toast shows");

    // Each of its dialogs opens (themes through `/tui/publish`: its own route opens sessions).
    for (dialog, shows) in [
        (TuiDialog::Sessions, "pin/unpin"),
        (TuiDialog::Models, "Select model"),
        (TuiDialog::Help, "Press ctrl+p to see all"),
        (TuiDialog::Themes, "Themes"),
    ] {
        open_dialog(&state, &id, dialog).await;
        tui.wait_for(shows, SCREEN)
            .await
            .unwrap_or_else(|screen| panic!("{dialog:?} shows {shows:?}:\n{screen}"));
        tui.press("Escape");
        wait_gone(&tui, shows).await;
    }

    // A session the app's server made is in the same store: the TUI opens it.
    let client = Client::builder(server.url())
        .password(server.password().map(str::to_string))
        .build()
        .unwrap();
    let create = SessionCreate {
        title: Some("Picked in the desk".into()),
        ..Default::default()
    };
    let session = client.create_session(&create).await.unwrap();
    let select = TerminalAction::SelectSession {
        session_id: session.id.clone(),
    };
    drive(&state, &id, select).await.expect("selected");
    tui.wait_for("Picked in the desk", SCREEN)
        .await
        .expect("the TUI shows the session");

    model.push(Reply::text("Reply seen in the terminal"));
    let send = TerminalAction::SendPrompt {
        text: "hello from the desk".into(),
    };
    drive(&state, &id, send).await.expect("sent");
    tui.wait_for("Reply seen in the terminal", SCREEN)
        .await
        .expect("the model's reply shows in the TUI");

    // One of its server's `/` commands, typed into its prompt and sent: the model gets the
    // command's template.
    let listed = commands(&state, &id).await.expect("commands");
    assert!(listed
        .iter()
        .any(|c| c.name == "greet" && c.source == "server"));
    model.push(Reply::text("Greetings sent from the terminal"));
    let run = TerminalAction::RunServerCommand {
        name: "greet".into(),
        arguments: "the team".into(),
    };
    drive(&state, &id, run).await.expect("ran");
    tui.wait_for("Greetings sent from the terminal", SCREEN)
        .await
        .expect("the command's reply shows in the TUI");
    let asked = model
        .requests()
        .last()
        .map(|r| r.to_string())
        .unwrap_or_default();
    assert!(asked.contains("Say a greeting to the team"), "{asked}");
    let missing = TerminalAction::RunServerCommand {
        name: "nope".into(),
        arguments: String::new(),
    };
    let refused = drive(&state, &id, missing).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::InvalidInput, "{refused:?}");

    let unknown = TerminalAction::RunCommand {
        name: "session.explode".into(),
    };
    let refused = drive(&state, &id, unknown).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::InvalidInput);
    let missing = TerminalAction::SelectSession {
        session_id: "ses_nothere".into(),
    };
    let refused = drive(&state, &id, missing).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::NotFound);
    assert!(
        refused.message.contains("does not have this session"),
        "{refused:?}"
    );

    // It quits after it was listed: a clear message, fast.
    tui.kill();
    let started = std::time::Instant::now();
    let gone = drive(&state, &id, TerminalAction::ClearPrompt)
        .await
        .unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound, "{gone:?}");
    assert!(gone.message.contains("no longer running"), "{gone:?}");
    assert!(started.elapsed() < CALL_DEADLINE, "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tui_behind_a_password_asks_for_it_and_refuses_a_wrong_one() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let tui = TestTui::start(&server, Some("tui-secret"))
        .await
        .expect("tui");
    let state = app_state();

    let view = found(&state, &tui).await;
    assert_eq!(view.state, TerminalState::NeedsPassword, "{view:?}");
    let refused = drive(&state, &view.id, TerminalAction::ClearPrompt)
        .await
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Unauthorized, "{refused:?}");

    let wrong = set_password(&state, &view.id, "nope".into())
        .await
        .unwrap_err();
    assert_eq!(wrong.kind, ErrorKind::Unauthorized, "{wrong:?}");
    let view = unlock(&state, &view.id, "tui-secret").await;
    assert!(
        matches!(view.state, TerminalState::Ready { .. }),
        "{view:?}"
    );
    let listed = commands(&state, &view.id).await.expect("commands");
    assert!(listed
        .iter()
        .any(|c| c.name == "session.new" && c.source == "tui"));
}

/// A TUI's port taken by something that is not OpenCode (a web server answering HTML): said so,
/// at once.
#[tokio::test(flavor = "multi_thread")]
async fn a_port_that_is_not_opencode_is_unreachable_with_what_it_answered() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 2048];
            let _ = socket.read(&mut request).await;
            let body = "<html>not opencode</html>";
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    let started = std::time::Instant::now();
    let (state, client) = reach(&app_state(), &url).await;
    assert!(client.is_none());
    let TerminalState::Unreachable { message } = state else {
        panic!("{state:?}");
    };
    assert!(message.contains("not opencode"), "{message}");
    assert!(started.elapsed() < CALL_DEADLINE, "{:?}", started.elapsed());
}
