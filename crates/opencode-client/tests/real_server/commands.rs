//! Slash commands, shell commands, questions the agent asks, and driving an attached TUI.

use crate::support::{events_until, idle_of, live_events, start_with, text_of};
use opencode_client::types::{CommandInput, Part, PromptInput, SessionCreate, ShellInput, Toast};
use opencode_client::{tui_command, ServerEvent, TuiDialog};
use serde_json::json;
use std::time::Duration;
use testkit::{Reply, TestServerOptions};

fn with_config(config: serde_json::Value) -> TestServerOptions {
    TestServerOptions::default().config(config)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_configured_slash_command_runs_its_template_through_the_model() {
    let env = start_with(with_config(json!({
        "command": {"greet": {"template": "Say a greeting to $ARGUMENTS", "description": "Greets"}}
    })))
    .await;
    let commands = env.client.commands().await.unwrap();
    let greet = commands
        .iter()
        .find(|c| c.name == "greet")
        .expect("greet is offered");
    assert_eq!(greet.description.as_deref(), Some("Greets"));

    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::text("Hello, team!"));
    let input = CommandInput {
        command: "greet".into(),
        arguments: "the team".into(),
        ..Default::default()
    };
    let reply = env.client.run_command(&session.id, &input).await.unwrap();
    assert_eq!(text_of(&reply.parts), "Hello, team!");
    let sent = env
        .model
        .requests()
        .last()
        .cloned()
        .expect("the model was asked");
    assert!(
        sent.to_string().contains("Say a greeting to the team"),
        "{sent}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_shell_command_runs_and_is_recorded_in_the_session() {
    let env = start_with(TestServerOptions::default()).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    let input = ShellInput {
        agent: "build".into(),
        command: "echo shell-ran-here".into(),
        model: None,
    };
    let message = env.client.run_shell(&session.id, &input).await.unwrap();
    let output = message.parts.iter().find_map(|p| match p {
        Part::Tool(t) => Some(format!("{:?}", t.state)),
        _ => None,
    });
    assert!(
        output.unwrap_or_default().contains("shell-ran-here"),
        "{message:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_question_from_the_agent_is_listed_and_answered() {
    let env = start_with(TestServerOptions::default()).await;
    let mut events = live_events(&env.client).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::tool(
        "question",
        json!({"questions": [{
            "question": "Which colour?", "header": "Colour",
            "options": [{"label": "Red", "description": "warm"}, {"label": "Blue", "description": "cool"}]
        }]}),
    ));
    env.model.push(Reply::text("Blue it is."));
    env.client
        .prompt_async(&session.id, &PromptInput::text("ask me"))
        .await
        .unwrap();

    let seen = events_until(&mut events, Duration::from_secs(30), |e| {
        matches!(e, ServerEvent::QuestionAsked(_))
    })
    .await;
    let Some(ServerEvent::QuestionAsked(asked)) = seen.last() else {
        unreachable!()
    };
    assert_eq!(asked.questions[0].question, "Which colour?");
    assert_eq!(asked.questions[0].options.len(), 2);
    let listed = env.client.questions().await.unwrap();
    assert!(listed.iter().any(|q| q.id == asked.id));

    assert!(env
        .client
        .reply_question(&asked.id, &[vec!["Blue".into()]])
        .await
        .unwrap());
    events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;
    let answered = env
        .model
        .requests()
        .last()
        .map(|r| r.to_string())
        .unwrap_or_default();
    assert!(
        answered.contains("Blue"),
        "the answer went back to the model: {answered}"
    );
    assert!(env.client.questions().await.unwrap().is_empty());
}

/// Every `/tui/*` route the app calls answers at once with no TUI attached, and reaches the
/// server's other interfaces as the typed `tui.*` event the app obeys (direction 2).
#[tokio::test(flavor = "multi_thread")]
async fn every_tui_route_answers_and_becomes_a_typed_tui_event() {
    let env = start_with(TestServerOptions::default()).await;
    let mut events = live_events(&env.client).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    let c = &env.client;
    let answered = |r: opencode_client::Result<bool>| assert!(r.unwrap());
    let toast = Toast {
        title: Some("From the desk".into()),
        message: "Hello TUI".into(),
        variant: "success".into(),
        duration: Some(3000),
    };
    answered(c.tui_append_prompt("typed elsewhere").await);
    answered(c.tui_show_toast(&toast).await);
    answered(c.tui_select_session(&session.id).await);
    answered(c.tui_submit_prompt().await);
    answered(c.tui_clear_prompt().await);
    for dialog in [
        TuiDialog::Sessions,
        TuiDialog::Models,
        TuiDialog::Help,
        TuiDialog::Themes,
    ] {
        answered(c.tui_open_dialog(dialog).await);
    }
    answered(c.tui_run_command(tui_command("session.new").unwrap()).await);
    answered(c.tui_run_command(tui_command("agent.list").unwrap()).await);

    let mut commands = Vec::new();
    let seen = events_until(&mut events, Duration::from_secs(10), |e| {
        if let ServerEvent::TuiCommandExecute { command } = e {
            commands.push(command.clone().unwrap_or_default());
        }
        commands.last().map(String::as_str) == Some("agent.list")
    })
    .await;
    assert!(seen.contains(&ServerEvent::TuiPromptAppend {
        text: "typed elsewhere".into()
    }));
    assert!(seen.contains(&ServerEvent::TuiToastShow(toast)));
    assert!(seen.contains(&ServerEvent::TuiSessionSelect {
        session_id: session.id.clone()
    }));
    assert_eq!(
        commands,
        [
            "prompt.submit",
            "prompt.clear",
            "session.list",
            "model.list",
            "help.show",
            "theme.switch",
            "session.new",
            "agent.list"
        ]
    );

    // A session this server does not have is a clear NotFound, not a silent `true`.
    let missing = c.tui_select_session("ses_nothere").await.unwrap_err();
    assert!(
        matches!(missing, opencode_client::Error::NotFound { .. }),
        "{missing}"
    );
}
