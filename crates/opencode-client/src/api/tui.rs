//! `/tui/*`: drive an OpenCode terminal UI through the server it is the interface of.
//!
//! On 1.18.33 every route answers at once: the server turns the call into a `tui.*` event
//! (`tui.prompt.append`, `tui.command.execute`, `tui.toast.show`, `tui.session.select`) for
//! whichever interface listens, and answers `true` whether or not one does. Two things the
//! server does not check, so callers must: `/tui/execute-command` accepts only the names in
//! [`TUI_COMMANDS`] with an `execute` key (any other name is published as an undefined
//! command and still answers `true`), and `/tui/open-themes` opens the sessions dialog (it
//! publishes `session.list`), so the themes dialog goes through `/tui/publish` instead.
//! `/tui/control/next` is a long poll on a queue nothing on 1.18.33 fills (see ARCHITECTURE.md).

use crate::types::Toast;
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;

/// A command of the terminal UI's own (its command palette), and how a caller reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TuiCommand {
    /// The TUI's name for it, as `tui.command.execute` carries it (`session.new`).
    pub name: &'static str,
    /// What the TUI's palette calls it.
    pub title: &'static str,
    /// The key `/tui/execute-command` maps to `name` (`session_new`), when it has one; the
    /// others are sent as a `tui.command.execute` event through `/tui/publish`.
    pub execute: Option<&'static str>,
}

const fn command(
    name: &'static str,
    title: &'static str,
    execute: Option<&'static str>,
) -> TuiCommand {
    TuiCommand {
        name,
        title,
        execute,
    }
}

/// The TUI commands worth running from elsewhere (read from the 1.18.33 TUI's palette): the
/// ones `/tui/execute-command` knows, then dialogs and switches reached by publishing.
pub const TUI_COMMANDS: &[TuiCommand] = &[
    command("session.new", "New session", Some("session_new")),
    command("session.share", "Share session", Some("session_share")),
    command(
        "session.interrupt",
        "Interrupt session",
        Some("session_interrupt"),
    ),
    command(
        "session.compact",
        "Compact session",
        Some("session_compact"),
    ),
    command("agent.cycle", "Next agent", Some("agent_cycle")),
    command("session.page.up", "Page up", Some("messages_page_up")),
    command("session.page.down", "Page down", Some("messages_page_down")),
    command("session.first", "First message", Some("messages_first")),
    command("session.last", "Last message", Some("messages_last")),
    command("session.list", "Switch session", None),
    command("model.list", "Switch model", None),
    command("agent.list", "Switch agent", None),
    command("theme.switch", "Switch theme", None),
    command("help.show", "Help", None),
    command("mcp.list", "Toggle MCPs", None),
    command("opencode.status", "View status", None),
    command("provider.connect", "Connect provider", None),
    command("command.palette.show", "Open command palette", None),
];

/// The entry of [`TUI_COMMANDS`] named `name`, if the TUI has such a command.
pub fn tui_command(name: &str) -> Option<&'static TuiCommand> {
    TUI_COMMANDS.iter().find(|c| c.name == name)
}

/// A dialog of the terminal UI that has a route (or, for themes, an event) to open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum TuiDialog {
    Sessions,
    Models,
    Themes,
    Help,
}

impl Client {
    /// Puts `text` at the end of the TUI's prompt, without sending it.
    pub async fn tui_append_prompt(&self, text: &str) -> Result<bool> {
        self.call(Method::POST, "/tui/append-prompt")
            .json(&json!({ "text": text }))
            .decode()
            .await
    }

    /// Sends what the TUI's prompt holds.
    pub async fn tui_submit_prompt(&self) -> Result<bool> {
        self.call(Method::POST, "/tui/submit-prompt").decode().await
    }

    pub async fn tui_clear_prompt(&self) -> Result<bool> {
        self.call(Method::POST, "/tui/clear-prompt").decode().await
    }

    pub async fn tui_open_dialog(&self, dialog: TuiDialog) -> Result<bool> {
        let path = match dialog {
            TuiDialog::Sessions => "/tui/open-sessions",
            TuiDialog::Models => "/tui/open-models",
            TuiDialog::Help => "/tui/open-help",
            // `/tui/open-themes` opens the sessions dialog on 1.18.33.
            TuiDialog::Themes => return self.tui_publish_command("theme.switch").await,
        };
        self.call(Method::POST, path).decode().await
    }

    /// Opens `session_id` in the TUI; `NotFound` when its server does not know the session.
    pub async fn tui_select_session(&self, session_id: &str) -> Result<bool> {
        self.call(Method::POST, "/tui/select-session")
            .json(&json!({ "sessionID": session_id }))
            .decode()
            .await
    }

    pub async fn tui_show_toast(&self, toast: &Toast) -> Result<bool> {
        self.call(Method::POST, "/tui/show-toast")
            .json(toast)
            .decode()
            .await
    }

    /// Runs `command`: through `/tui/execute-command` when it has a key there, otherwise as
    /// a published `tui.command.execute` event. A name outside [`TUI_COMMANDS`] is the
    /// caller's to refuse (the server would answer `true` and nothing would happen).
    pub async fn tui_run_command(&self, command: &TuiCommand) -> Result<bool> {
        match command.execute {
            Some(key) => {
                self.call(Method::POST, "/tui/execute-command")
                    .json(&json!({ "command": key }))
                    .decode()
                    .await
            }
            None => self.tui_publish_command(command.name).await,
        }
    }

    async fn tui_publish_command(&self, name: &str) -> Result<bool> {
        self.call(Method::POST, "/tui/publish")
            .json(&json!({
                "type": "tui.command.execute",
                "properties": { "command": name }
            }))
            .decode()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_unique_and_execute_keys_use_underscores() {
        for (i, c) in TUI_COMMANDS.iter().enumerate() {
            assert!(
                TUI_COMMANDS[i + 1..].iter().all(|o| o.name != c.name),
                "{c:?}"
            );
            if let Some(key) = c.execute {
                assert!(!key.contains('.'), "{c:?}");
            }
        }
        assert_eq!(
            tui_command("session.new").unwrap().execute,
            Some("session_new")
        );
        assert!(tui_command("nope").is_none());
    }
}
