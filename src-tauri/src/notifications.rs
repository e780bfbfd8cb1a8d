//! Native notifications for what the user would want to know while looking elsewhere: a reply
//! finished, or the agent asks permission or a question. Skipped while the main window has focus.

use crate::attention::Notice;
use crate::windows;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

pub fn notify<R: Runtime>(app: &AppHandle<R>, notice: &Notice) {
    if windows::main_is_focused(app) {
        return;
    }
    let (title, body) = text(notice);
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(%error, "could not show a notification");
    }
}

fn text(notice: &Notice) -> (String, String) {
    match notice {
        Notice::Finished { .. } => ("Reply finished".into(), "OpenCode finished working.".into()),
        Notice::NeedsPermission { what, .. } => ("OpenCode asks permission".into(), what.clone()),
        Notice::Question { question, .. } => ("OpenCode has a question".into(), question.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notice_says_what_happened() {
        let (title, body) = text(&Notice::NeedsPermission {
            session_id: "s".into(),
            what: "bash: make".into(),
        });
        assert_eq!(
            (title.as_str(), body.as_str()),
            ("OpenCode asks permission", "bash: make")
        );
        assert_eq!(
            text(&Notice::Finished {
                session_id: "s".into()
            })
            .0,
            "Reply finished"
        );
    }
}
