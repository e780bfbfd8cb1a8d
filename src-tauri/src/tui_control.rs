//! Direction 2 of TUI control: the app obeys programs that drive "the TUI" of its servers.
//!
//! Editors, scripts and plugins call `/tui/*` on a server; the server turns each call into a
//! `tui.*` event for every interface of that server. This module follows every server's hub
//! (all projects), decides what the app does with each such event, and tells the main window
//! (`TuiControlRequested`); a toast while the window is hidden becomes a native notification.
//!
//! Who acts on what, when a terminal UI is also an interface of the server (an `opencode
//! attach` to it, or the app attached to a TUI's own server): the TUI owns the prompt, the
//! commands and the selected session, so the app does not act on those (a prompt submitted
//! twice would run twice); toasts show in both. With no TUI attached the app acts on all of
//! them. The setting `obey_tui_control` turns it all off.
//!
//! The control queue (`/tui/control/next`, `/tui/control/response`) is not polled: on 1.18.33
//! nothing fills it (every `/tui/*` route answers its caller at once), and a long poll left
//! behind by a reconnect stays registered in the server and would swallow a request meant for
//! someone else.

use crate::app_events::TuiControlRequested;
use crate::settings::SettingsStore;
use crate::state::AppState;
use crate::windows;
use opencode_client::{HubItem, ServerEvent};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// What a program asked the app's interface to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TuiRequest {
    /// Add `text` to the open session's composer (a draft, never sent by itself).
    AppendPrompt {
        text: String,
    },
    /// Send what the composer holds.
    SubmitPrompt,
    ClearPrompt,
    SelectSession {
        session_id: String,
    },
    ShowToast {
        title: Option<String>,
        message: String,
        variant: String,
        /// Milliseconds, when the caller said.
        duration: Option<u32>,
    },
    /// Any other TUI command, by the TUI's name (`session.new`, `model.list`...).
    Command {
        name: String,
    },
}

/// What the app does with `event`: `None` when it is not TUI control, or when the app should
/// leave it alone (`obey` off, or a terminal UI attached to the server owns it).
pub fn decide(event: &ServerEvent, obey: bool, terminal_attached: bool) -> Option<TuiRequest> {
    if !obey {
        return None;
    }
    let request = match event {
        ServerEvent::TuiPromptAppend { text } => TuiRequest::AppendPrompt { text: text.clone() },
        ServerEvent::TuiCommandExecute { command } => match command.as_deref() {
            Some("prompt.submit") => TuiRequest::SubmitPrompt,
            Some("prompt.clear") => TuiRequest::ClearPrompt,
            Some(name) => TuiRequest::Command { name: name.into() },
            // `/tui/execute-command` with a name it does not know: nothing to run.
            None => return None,
        },
        ServerEvent::TuiSessionSelect { session_id } => TuiRequest::SelectSession {
            session_id: session_id.clone(),
        },
        ServerEvent::TuiToastShow(toast) => {
            return Some(TuiRequest::ShowToast {
                title: toast.title.clone(),
                message: toast.message.clone(),
                variant: toast.variant.clone(),
                duration: toast.duration,
            })
        }
        _ => return None,
    };
    (!terminal_attached).then_some(request)
}

/// Follows every server the registry knows, now and later.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(follow_all(app));
}

async fn follow_all<R: Runtime>(app: AppHandle<R>) {
    let state = app.state::<AppState>();
    state
        .servers
        .each_server(|id, hub| {
            let (_, items) = hub.subscribe(None);
            tauri::async_runtime::spawn(follow_one(app.clone(), id, items));
        })
        .await;
}

async fn follow_one<R: Runtime>(
    app: AppHandle<R>,
    server_id: String,
    mut items: tokio::sync::mpsc::UnboundedReceiver<HubItem>,
) {
    while let Some(item) = items.recv().await {
        let HubItem::Event(event) = item else {
            continue;
        };
        if !event.kind().starts_with("tui.") {
            continue;
        }
        // Read each time: the setting takes effect at once.
        let obey = app.state::<SettingsStore>().get().obey_tui_control;
        let url = app
            .state::<AppState>()
            .servers
            .list()
            .into_iter()
            .find(|s| s.id == server_id)
            .map(|s| s.url)
            .unwrap_or_default();
        let attached = obey && crate::terminals::terminal_is_interface_of(&url);
        let Some(request) = decide(&event, obey, attached) else {
            tracing::debug!(
                kind = event.kind(),
                obey,
                attached,
                "TUI control left alone"
            );
            continue;
        };
        if let TuiRequest::ShowToast { title, message, .. } = &request {
            if !windows::main_is_visible(&app) {
                let title = title.clone().unwrap_or_else(|| "OpenCode".into());
                crate::notifications::show_plain(&app, title, message.clone());
            }
        }
        let event = TuiControlRequested {
            server_id: server_id.clone(),
            request,
        };
        if let Err(error) = event.emit_to(&app, windows::MAIN) {
            tracing::warn!(%error, "could not pass TUI control to the main window");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::types::Toast;

    fn command(name: &str) -> ServerEvent {
        ServerEvent::TuiCommandExecute {
            command: Some(name.into()),
        }
    }

    #[test]
    fn each_tui_event_becomes_a_request_for_the_app() {
        let append = ServerEvent::TuiPromptAppend { text: "hi".into() };
        assert_eq!(
            decide(&append, true, false),
            Some(TuiRequest::AppendPrompt { text: "hi".into() })
        );
        assert_eq!(
            decide(&command("prompt.submit"), true, false),
            Some(TuiRequest::SubmitPrompt)
        );
        assert_eq!(
            decide(&command("prompt.clear"), true, false),
            Some(TuiRequest::ClearPrompt)
        );
        assert_eq!(
            decide(&command("session.new"), true, false),
            Some(TuiRequest::Command {
                name: "session.new".into()
            })
        );
        let unknown = ServerEvent::TuiCommandExecute { command: None };
        assert_eq!(decide(&unknown, true, false), None);
        let select = ServerEvent::TuiSessionSelect {
            session_id: "ses_1".into(),
        };
        assert!(matches!(
            decide(&select, true, false),
            Some(TuiRequest::SelectSession { .. })
        ));
        assert_eq!(decide(&ServerEvent::ServerHeartbeat {}, true, false), None);
    }

    #[test]
    fn an_attached_terminal_owns_all_but_toasts_and_the_setting_stops_everything() {
        let toast = ServerEvent::TuiToastShow(Toast {
            title: None,
            message: "built".into(),
            variant: "success".into(),
            duration: None,
        });
        let append = ServerEvent::TuiPromptAppend { text: "hi".into() };
        assert_eq!(decide(&append, true, true), None);
        assert_eq!(decide(&command("prompt.submit"), true, true), None);
        assert!(matches!(
            decide(&toast, true, true),
            Some(TuiRequest::ShowToast { .. })
        ));
        assert_eq!(decide(&toast, false, false), None);
        assert_eq!(decide(&append, false, false), None);
    }
}
