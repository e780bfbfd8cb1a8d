//! Answering what the agent asks: the one place a permission reply or a question's answer is
//! sent to the server. The window's commands (`commands/permissions.rs`), the tray's "Needs you"
//! submenus and a notification's buttons all come here, so there is one writer and one way of
//! saying that a request was already answered.
//!
//! It also says what a request offers to be answered with outside the window (`choices`) and
//! names an answer in a menu id (`action_id`). Showing those is the tray's and the
//! notifications' business; telling the user that an answer failed is the caller's.
//!
//! The invariant: an answer from outside the window goes only to a request the attention feed
//! still lists; one that left it (answered in the window, by another client) is said to be
//! answered already, and so is the server's 404 when the two cross.
//! (Past 500 lines only with its tests: the real server's `Asking`, which the notification
//! test shares, among them.)

use crate::attention::Request;
use crate::attention_feed::AttentionView;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use opencode_client::types::PermissionReply;
use opencode_client::Client;

/// What the user reads when a request is no longer waiting.
pub const ALREADY_ANSWERED: &str =
    "This request was already answered (in the app's window or by another OpenCode client).";

/// Menu ids of answers: this prefix, the server id, the request id and the choice's key, with a
/// space between (server ids are `server-N` or `remote-…`, request ids `per_…` or `que_…`).
pub const ACTION_PREFIX: &str = "answer:";

/// One answer a request offers outside the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Once,
    Always,
    Reject,
    /// The n-th option of a question (see `choices`: single-choice questions only).
    Option(usize),
}

impl Choice {
    /// The choice's name in menu ids and notification actions.
    pub fn key(self) -> String {
        match self {
            Choice::Once => "once".into(),
            Choice::Always => "always".into(),
            Choice::Reject => "reject".into(),
            Choice::Option(n) => format!("option-{n}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Choice> {
        match key {
            "once" => Some(Choice::Once),
            "always" => Some(Choice::Always),
            "reject" => Some(Choice::Reject),
            _ => key
                .strip_prefix("option-")
                .and_then(|n| n.parse().ok())
                .map(Choice::Option),
        }
    }
}

/// The answers `request` offers outside the window, with their labels, in the order shown.
/// A question offers its options only when it is the request's one question and takes one
/// option: several questions, several options at once or the user's own words need the card.
pub fn choices(request: &Request) -> Vec<(Choice, String)> {
    match request {
        Request::Permission(_) => vec![
            (Choice::Once, "Allow once".into()),
            (Choice::Always, "Always allow".into()),
            (Choice::Reject, "Reject".into()),
        ],
        Request::Question(question) => match question.questions.as_slice() {
            [only] if only.multiple != Some(true) => only
                .options
                .iter()
                .enumerate()
                .map(|(n, option)| (Choice::Option(n), option.label.clone()))
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// What goes to the server for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Permission(PermissionReply),
    /// One answer per question, each the chosen labels (or the user's own text).
    Question(Vec<Vec<String>>),
    /// Declining to answer a question.
    DismissQuestion,
}

/// The reply `choice` makes to `request`; `None` when the request does not offer it.
pub fn reply_for(request: &Request, choice: Choice) -> Option<Reply> {
    if !choices(request)
        .iter()
        .any(|(offered, _)| *offered == choice)
    {
        return None;
    }
    match (request, choice) {
        (Request::Permission(_), Choice::Once) => Some(Reply::Permission(PermissionReply::Once)),
        (Request::Permission(_), Choice::Always) => {
            Some(Reply::Permission(PermissionReply::Always))
        }
        (Request::Permission(_), Choice::Reject) => {
            Some(Reply::Permission(PermissionReply::Reject))
        }
        (Request::Question(question), Choice::Option(n)) => {
            let label = question.questions.first()?.options.get(n)?.label.clone();
            Some(Reply::Question(vec![vec![label]]))
        }
        _ => None,
    }
}

/// The reply an answer from outside the window makes, from what is pending now. `Err` is a
/// sentence for the user: the request is no longer waiting, or does not offer that answer.
pub fn dispatch(
    view: &AttentionView,
    server_id: &str,
    request_id: &str,
    choice: Choice,
) -> Result<Reply, String> {
    let request = view
        .get(server_id)
        .and_then(|server| server.waiting.iter().find(|w| w.request.id() == request_id))
        .map(|waiting| &waiting.request)
        .ok_or_else(|| ALREADY_ANSWERED.to_owned())?;
    reply_for(request, choice).ok_or_else(|| {
        format!(
            "“{}” cannot be answered that way from here; open its session.",
            request.what()
        )
    })
}

/// Sends `reply` to request `request_id`: the one writer of answers. A request the server no
/// longer has (answered meanwhile) is a `NotFound` that says so.
pub async fn send(client: &Client, request_id: &str, reply: &Reply) -> Result<bool, CommandError> {
    let sent = match reply {
        Reply::Permission(reply) => client.reply_permission(request_id, *reply, None).await,
        Reply::Question(answers) => client.reply_question(request_id, answers).await,
        Reply::DismissQuestion => client.reject_question(request_id).await,
    };
    sent.map_err(|error| match error {
        // 1.18.33 answers 404 (PermissionNotFoundError, QuestionNotFoundError) for a request it
        // no longer holds: it was answered.
        opencode_client::Error::NotFound { .. } => {
            tracing::info!(request_id, "a request was already answered");
            CommandError::new(ErrorKind::NotFound, ALREADY_ANSWERED)
        }
        error => error.into(),
    })
}

/// Answers request `request_id` of server `server_id` with `choice`, from outside the window
/// (the tray, a notification). `Err` is a sentence for the user.
pub async fn act(
    state: &AppState,
    view: &AttentionView,
    server_id: &str,
    request_id: &str,
    choice: Choice,
) -> Result<(), String> {
    let reply = dispatch(view, server_id, request_id, choice)?;
    let client = state.servers.client(server_id).map_err(|e| e.message)?;
    send(&client, request_id, &reply)
        .await
        .map(|_| ())
        .map_err(|e| e.message)
}

/// The menu id of answering `request_id` of `server_id` with `choice`.
pub fn action_id(server_id: &str, request_id: &str, choice: Choice) -> String {
    format!("{ACTION_PREFIX}{server_id} {request_id} {}", choice.key())
}

/// Reads a menu id made by `action_id`: (server id, request id, choice).
pub fn parse_action_id(id: &str) -> Option<(String, String, Choice)> {
    let mut parts = id.strip_prefix(ACTION_PREFIX)?.split(' ');
    let (server, request, key) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || server.is_empty() || request.is_empty() {
        return None;
    }
    Some((server.into(), request.into(), Choice::from_key(key)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention_feed::{Place, ServerAttention, Waiting};
    use opencode_client::types::{
        PermissionRequest, QuestionInfo, QuestionOption, QuestionRequest,
    };

    fn permission(id: &str, session: &str, command: &str) -> Request {
        Request::Permission(PermissionRequest {
            id: id.into(),
            session_id: session.into(),
            permission: "bash".into(),
            patterns: vec![command.into()],
            metadata: serde_json::Value::Null,
            always: vec![],
            tool: None,
        })
    }

    fn question(id: &str, session: &str, labels: &[&str], multiple: bool) -> Request {
        Request::Question(QuestionRequest {
            id: id.into(),
            session_id: session.into(),
            questions: vec![QuestionInfo {
                question: "Which colour?".into(),
                header: "Colour".into(),
                options: labels
                    .iter()
                    .map(|l| QuestionOption {
                        label: (*l).into(),
                        description: String::new(),
                    })
                    .collect(),
                multiple: Some(multiple),
                custom: None,
            }],
            tool: None,
        })
    }

    fn view_of(server: &str, requests: Vec<Request>) -> AttentionView {
        let waiting = requests
            .into_iter()
            .map(|request| Waiting {
                place: Place::own(request.session_id()),
                request,
            })
            .collect();
        [(
            server.to_owned(),
            ServerAttention {
                waiting,
                ..Default::default()
            },
        )]
        .into()
    }

    #[test]
    fn a_permission_offers_once_always_and_reject() {
        let offered = choices(&permission("per_1", "ses_1", "make"));
        assert_eq!(
            offered,
            [
                (Choice::Once, "Allow once".to_string()),
                (Choice::Always, "Always allow".to_string()),
                (Choice::Reject, "Reject".to_string()),
            ]
        );
    }

    #[test]
    fn a_single_choice_question_offers_its_options_and_others_offer_none() {
        let offered = choices(&question("que_1", "ses_1", &["Red", "Blue"], false));
        assert_eq!(
            offered,
            [
                (Choice::Option(0), "Red".to_string()),
                (Choice::Option(1), "Blue".to_string()),
            ]
        );
        // Picking one of several wanted options from a menu would answer for the user.
        assert!(choices(&question("que_2", "ses_1", &["Red", "Blue"], true)).is_empty());
        let Request::Question(mut two) = question("que_3", "ses_1", &["Red"], false) else {
            unreachable!()
        };
        two.questions.push(two.questions[0].clone());
        assert!(choices(&Request::Question(two)).is_empty());
    }

    #[test]
    fn an_action_id_names_its_server_request_and_choice() {
        for choice in [
            Choice::Once,
            Choice::Always,
            Choice::Reject,
            Choice::Option(2),
        ] {
            let id = action_id("remote-18f3a", "per_abc", choice);
            assert_eq!(
                parse_action_id(&id),
                Some(("remote-18f3a".into(), "per_abc".into(), choice))
            );
        }
        assert_eq!(
            action_id("server-1", "que_9", Choice::Option(0)),
            "answer:server-1 que_9 option-0"
        );
        for id in [
            "session:server-1 ses_1",
            "answer:server-1 per_1",
            "answer:server-1 per_1 maybe",
            "answer:server-1 per_1 once extra",
            "answer: per_1 once",
            "answer:server-1 per_1 option-x",
        ] {
            assert_eq!(parse_action_id(id), None, "{id}");
        }
    }

    #[test]
    fn an_action_becomes_the_reply_to_the_request_still_waiting() {
        let view = view_of(
            "server-1",
            vec![
                permission("per_1", "ses_1", "make"),
                question("que_1", "ses_1", &["Red", "Blue"], false),
            ],
        );
        let reply = |request, choice| dispatch(&view, "server-1", request, choice);
        assert_eq!(
            reply("per_1", Choice::Once),
            Ok(Reply::Permission(PermissionReply::Once))
        );
        assert_eq!(
            reply("per_1", Choice::Always),
            Ok(Reply::Permission(PermissionReply::Always))
        );
        assert_eq!(
            reply("per_1", Choice::Reject),
            Ok(Reply::Permission(PermissionReply::Reject))
        );
        assert_eq!(
            reply("que_1", Choice::Option(1)),
            Ok(Reply::Question(vec![vec!["Blue".into()]]))
        );
        // What no longer waits (answered elsewhere) is said to be answered, never sent.
        assert_eq!(
            reply("per_gone", Choice::Once),
            Err(ALREADY_ANSWERED.into())
        );
        assert_eq!(
            dispatch(&view, "server-2", "per_1", Choice::Once),
            Err(ALREADY_ANSWERED.into())
        );
        // An answer the request does not offer is refused with what it was.
        let refused = reply("que_1", Choice::Once).unwrap_err();
        assert!(refused.contains("Which colour?"), "{refused}");
        assert!(reply("que_1", Choice::Option(2)).is_err());
        assert!(reply("per_1", Choice::Option(0)).is_err());
    }
}

/// Answers against the real server: what the tray and a notification send, and a second answer.
#[cfg(test)]
pub(crate) mod real_tests {
    use super::*;
    use crate::attention_feed::{Place, ServerAttention, Waiting};
    use crate::project::ProjectChoice;
    use crate::state::{ServerInfo, ServerStatusView};
    use opencode_client::types::{PermissionRule, PromptInput, SessionCreate};
    use std::time::{Duration, Instant};
    use testkit::{FakeModel, Reply as ModelReply, TestServer};

    /// The registry id the tests give the server.
    pub const SERVER: &str = "test";

    /// A real server whose agent waits for permission to run a bash command.
    pub struct Asking {
        /// Kept for as long as the server may call it.
        _model: FakeModel,
        pub server: TestServer,
        pub client: Client,
        pub request: Request,
    }

    impl Asking {
        /// Prompts a session (a child of a new "Parent" session when `as_child`) whose rules ask
        /// before bash, with the model calling bash `command`; returns once the request waits.
        pub async fn bash(command: &str, as_child: bool) -> Asking {
            let model = FakeModel::start().await;
            let server = TestServer::start(&model).await.expect("the real server");
            let client = crate::test_support::client(&server);
            let parent_id = if as_child {
                let parent = SessionCreate {
                    title: Some("Parent".into()),
                    ..Default::default()
                };
                Some(client.create_session(&parent).await.expect("parent").id)
            } else {
                None
            };
            let asking = SessionCreate {
                parent_id,
                title: Some("Asking".into()),
                permission: Some(vec![PermissionRule {
                    permission: "bash".into(),
                    pattern: "*".into(),
                    action: "ask".into(),
                }]),
            };
            let session = client.create_session(&asking).await.expect("session");
            model.push(ModelReply::tool(
                "bash",
                serde_json::json!({"command": command, "description": "Run it"}),
            ));
            model.push(ModelReply::text("Done."));
            client
                .prompt_async(&session.id, &PromptInput::text("run it"))
                .await
                .expect("prompt");
            let deadline = Instant::now() + Duration::from_secs(30);
            let request = loop {
                let pending = client.permissions().await.expect("pending permissions");
                if let Some(request) = pending.into_iter().next() {
                    break Request::Permission(request);
                }
                assert!(
                    Instant::now() < deadline,
                    "the agent never asked permission"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            };
            Asking {
                _model: model,
                server,
                client,
                request,
            }
        }

        /// The app's state with this server registered as `SERVER`.
        pub fn state(&self) -> AppState {
            let ui = std::sync::Arc::new(crate::ui_bridge::RecordingUi::default());
            let state = AppState::new(
                ProjectChoice::Dir(self.server.project_dir().to_path_buf()),
                ui,
            );
            let info = ServerInfo {
                id: SERVER.into(),
                name: "test".into(),
                url: self.server.url().into(),
                version: None,
                directory: Some(self.server.project_dir().to_string_lossy().into()),
                attached: true,
                status: ServerStatusView::Ready,
            };
            state.servers.upsert(info, Some(self.client.clone()));
            state
        }

        /// What the attention feed would publish: this request, waiting.
        pub fn view(&self) -> AttentionView {
            let waiting = Waiting {
                place: Place::own(self.request.session_id()),
                request: self.request.clone(),
            };
            [(
                SERVER.to_owned(),
                ServerAttention {
                    waiting: vec![waiting],
                    ..Default::default()
                },
            )]
            .into()
        }

        /// Waits for `file` (in the project) to exist: the bash call ran.
        pub async fn wait_for_file(&self, file: &str) -> bool {
            let path = self.server.project_dir().join(file);
            let deadline = Instant::now() + Duration::from_secs(30);
            while !path.exists() {
                if Instant::now() > deadline {
                    return false;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            true
        }
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn an_answer_from_outside_runs_the_tool_and_a_second_one_says_it_was_answered() {
        let asking = Asking::bash("touch allowed-once.txt", false).await;
        let (state, view) = (asking.state(), asking.view());
        let id = asking.request.id().to_owned();

        act(&state, &view, SERVER, &id, Choice::Once)
            .await
            .expect("answered");
        assert!(
            asking.wait_for_file("allowed-once.txt").await,
            "the tool ran"
        );

        // The same answer again, from a view that has not yet heard of the reply (a click in a
        // stale menu): the server no longer has the request, and the user is told so.
        let again = act(&state, &view, SERVER, &id, Choice::Reject).await;
        assert_eq!(again, Err(ALREADY_ANSWERED.to_owned()));
        // Likewise from the window's commands (the same writer), with a kind the UI can tell.
        let once = Reply::Permission(PermissionReply::Once);
        let error = send(&asking.client, &id, &once).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::NotFound);
        assert_eq!(error.message, ALREADY_ANSWERED);
        assert!(asking.client.permissions().await.unwrap().is_empty());
    }
}
