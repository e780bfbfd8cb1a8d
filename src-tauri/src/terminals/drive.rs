//! Doing things to a terminal OpenCode: every action looks for it again first and every call
//! has a deadline; what the server would accept and then silently ignore (an unknown command
//! name, a toast variant it does not draw) is refused here with a sentence.

use super::{find_one, reach_one, TerminalState, TerminalVia, TerminalView, CALL_DEADLINE};
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use opencode_client::types::Toast;
use opencode_client::{tui_command, TuiDialog, TUI_COMMANDS};
use opencode_supervisor::Secret;
use serde::{Deserialize, Serialize};

/// What to do to a TUI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TerminalAction {
    /// Puts `text` in its prompt and sends it (`append-prompt`, then `submit-prompt`).
    SendPrompt {
        text: String,
    },
    /// Puts `text` in its prompt without sending.
    AppendPrompt {
        text: String,
    },
    ClearPrompt,
    /// Shows one of the app's sessions in it.
    SelectSession {
        session_id: String,
    },
    ShowToast {
        title: Option<String>,
        message: String,
        /// info, success, warning or error.
        variant: String,
    },
    OpenDialog {
        dialog: TuiDialog,
    },
    /// One of the TUI's own commands, by its name (`session.new`), from `terminal_commands`.
    RunCommand {
        name: String,
    },
    /// One of its server's `/` commands (`init`), typed into its prompt and sent.
    RunServerCommand {
        name: String,
        arguments: String,
    },
}

/// A command a TUI can run, for the Terminals place's command list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TerminalCommand {
    pub name: String,
    pub title: String,
    /// `tui`: the TUI's own (`RunCommand`); `server`: a `/` command (`RunServerCommand`).
    pub source: String,
    pub description: Option<String>,
}

/// Remembers `password` for TUI `id`'s server and looks at it again.
pub async fn set_password(
    state: &AppState,
    id: &str,
    password: String,
) -> Result<TerminalView, CommandError> {
    let url = match find_one(state, id).await.map(|f| f.view.via) {
        Some(TerminalVia::OwnPort { url } | TerminalVia::Server { url }) => url,
        Some(_) => {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                "That terminal OpenCode needs no password from here.",
            ))
        }
        None => {
            return Err(CommandError::new(
                ErrorKind::NotFound,
                "That terminal OpenCode is no longer running.",
            ))
        }
    };
    state.terminal_passwords.set(&url, Secret::new(password));
    let view = find_one(state, id).await.map(|f| f.view).ok_or_else(|| {
        CommandError::new(
            ErrorKind::NotFound,
            "That terminal OpenCode is no longer running.",
        )
    })?;
    if view.state == TerminalState::NeedsPassword {
        return Err(CommandError::new(
            ErrorKind::Unauthorized,
            "Its server refused that password.",
        ));
    }
    Ok(view)
}

/// The TUI's own commands, then its server's `/` commands.
pub async fn commands(state: &AppState, id: &str) -> Result<Vec<TerminalCommand>, CommandError> {
    let (_, client) = reach_one(state, id).await?;
    let mut all: Vec<TerminalCommand> = TUI_COMMANDS
        .iter()
        .map(|c| TerminalCommand {
            name: c.name.into(),
            title: c.title.into(),
            source: "tui".into(),
            description: None,
        })
        .collect();
    let server = deadline(client.commands()).await?;
    all.extend(server.into_iter().map(|c| TerminalCommand {
        title: format!("/{}", c.name),
        name: c.name,
        source: "server".into(),
        description: c.description,
    }));
    Ok(all)
}

/// Does `action` to TUI `id`.
pub async fn drive(state: &AppState, id: &str, action: TerminalAction) -> Result<(), CommandError> {
    check(&action)?;
    let (view, client) = reach_one(state, id).await?;
    match action {
        TerminalAction::SendPrompt { text } => {
            deadline(client.tui_append_prompt(&text)).await?;
            deadline(client.tui_submit_prompt()).await?;
        }
        TerminalAction::AppendPrompt { text } => {
            deadline(client.tui_append_prompt(&text)).await?;
        }
        TerminalAction::ClearPrompt => {
            deadline(client.tui_clear_prompt()).await?;
        }
        TerminalAction::SelectSession { session_id } => {
            deadline(client.tui_select_session(&session_id))
                .await
                .map_err(|e| match e.kind {
                    ErrorKind::NotFound => CommandError::new(
                        ErrorKind::NotFound,
                        format!(
                            "{} does not have this session: its server keeps its sessions \
                             elsewhere.",
                            view.label
                        ),
                    ),
                    _ => e,
                })?;
        }
        TerminalAction::ShowToast {
            title,
            message,
            variant,
        } => {
            let toast = Toast {
                title,
                message,
                variant,
                duration: None,
            };
            deadline(client.tui_show_toast(&toast)).await?;
        }
        TerminalAction::OpenDialog { dialog } => {
            deadline(client.tui_open_dialog(dialog)).await?;
        }
        TerminalAction::RunCommand { name } => {
            // `check` made sure the TUI has it.
            if let Some(command) = tui_command(&name) {
                deadline(client.tui_run_command(command)).await?;
            }
        }
        TerminalAction::RunServerCommand { name, arguments } => {
            let known = deadline(client.commands()).await?;
            if !known.iter().any(|c| c.name == name) {
                return Err(CommandError::new(
                    ErrorKind::InvalidInput,
                    format!("{} has no command /{name}.", view.label),
                ));
            }
            let line = format!("/{name} {arguments}");
            deadline(client.tui_append_prompt(line.trim_end())).await?;
            deadline(client.tui_submit_prompt()).await?;
        }
    }
    Ok(())
}

/// Refuses what the server would accept and then do nothing with.
fn check(action: &TerminalAction) -> Result<(), CommandError> {
    let invalid = |message: String| Err(CommandError::new(ErrorKind::InvalidInput, message));
    match action {
        TerminalAction::SendPrompt { text } | TerminalAction::AppendPrompt { text }
            if text.trim().is_empty() =>
        {
            invalid("Type something to send first.".into())
        }
        TerminalAction::ShowToast {
            message, variant, ..
        } => {
            if message.trim().is_empty() {
                invalid("A toast needs a message.".into())
            } else if !["info", "success", "warning", "error"].contains(&variant.as_str()) {
                invalid(format!(
                    "A toast is info, success, warning or error, not “{variant}”."
                ))
            } else {
                Ok(())
            }
        }
        TerminalAction::RunCommand { name } if tui_command(name).is_none() => {
            let known: Vec<&str> = TUI_COMMANDS.iter().map(|c| c.name).collect();
            invalid(format!(
                "The terminal OpenCode has no command “{name}”. It has: {}.",
                known.join(", ")
            ))
        }
        TerminalAction::SelectSession { session_id } if !session_id.starts_with("ses") => {
            invalid(format!("“{session_id}” is not a session id."))
        }
        _ => Ok(()),
    }
}

/// One call to a TUI's server, with a deadline (an app server's client has a long one).
async fn deadline<T>(
    call: impl std::future::Future<Output = opencode_client::Result<T>>,
) -> Result<T, CommandError> {
    match tokio::time::timeout(CALL_DEADLINE, call).await {
        Ok(result) => Ok(result?),
        Err(_) => Err(CommandError::new(
            ErrorKind::Timeout,
            format!(
                "The terminal OpenCode did not answer within {} s.",
                CALL_DEADLINE.as_secs()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_server_would_swallow_is_refused_with_a_sentence() {
        let run = |name: &str| TerminalAction::RunCommand { name: name.into() };
        let e = check(&run("session.explode")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert!(e.message.contains("session.explode") && e.message.contains("session.new"));
        assert!(check(&run("session.new")).is_ok());
        let toast = |variant: &str| TerminalAction::ShowToast {
            title: None,
            message: "hi".into(),
            variant: variant.into(),
        };
        assert!(check(&toast("success")).is_ok());
        assert!(check(&toast("loud")).unwrap_err().message.contains("loud"));
        let empty = TerminalAction::SendPrompt { text: "  ".into() };
        assert!(check(&empty).is_err());
        let bad = TerminalAction::SelectSession {
            session_id: "42".into(),
        };
        assert!(check(&bad).is_err());
    }
}
