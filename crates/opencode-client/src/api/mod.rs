//! Route methods on `Client`, one file per route family of the OpenAPI document
//! (`/session` routes in `session.rs`, `/file` routes in `file.rs`...). Each method only states
//! method, path, query and body; sending and error mapping live in `client.rs`.

mod auth;
mod config;
mod file;
mod find;
mod global;
mod mcp;
mod message;
pub use message::PromptReply;
mod permission;
mod pty;
pub use pty::PtyTicket;
mod question;
mod session;
pub use session::SessionListQuery;
mod tool;
mod tui;
pub use tui::{tui_command, TuiCommand, TuiDialog, TUI_COMMANDS};

/// Every route the client calls, as (method, OpenAPI path template). The conformance test checks
/// each against the live server's `/doc`, so a route renamed upstream fails a test, not a user.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/global/health"),
    ("GET", "/path"),
    ("GET", "/project"),
    ("GET", "/project/current"),
    ("GET", "/session"),
    ("POST", "/session"),
    ("GET", "/session/status"),
    ("GET", "/session/{sessionID}"),
    ("PATCH", "/session/{sessionID}"),
    ("DELETE", "/session/{sessionID}"),
    ("GET", "/session/{sessionID}/children"),
    ("GET", "/session/{sessionID}/todo"),
    ("GET", "/session/{sessionID}/diff"),
    ("POST", "/session/{sessionID}/fork"),
    ("POST", "/session/{sessionID}/abort"),
    ("POST", "/session/{sessionID}/share"),
    ("DELETE", "/session/{sessionID}/share"),
    ("POST", "/session/{sessionID}/summarize"),
    ("POST", "/session/{sessionID}/revert"),
    ("POST", "/session/{sessionID}/unrevert"),
    ("GET", "/session/{sessionID}/message"),
    ("POST", "/session/{sessionID}/message"),
    ("GET", "/session/{sessionID}/message/{messageID}"),
    ("POST", "/session/{sessionID}/prompt_async"),
    ("POST", "/session/{sessionID}/command"),
    ("POST", "/session/{sessionID}/shell"),
    ("GET", "/permission"),
    ("POST", "/permission/{requestID}/reply"),
    ("GET", "/question"),
    ("POST", "/question/{requestID}/reply"),
    ("POST", "/question/{requestID}/reject"),
    ("GET", "/file"),
    ("GET", "/file/content"),
    ("GET", "/vcs"),
    ("GET", "/vcs/status"),
    ("GET", "/vcs/diff"),
    ("GET", "/pty/shells"),
    ("GET", "/pty"),
    ("POST", "/pty"),
    ("GET", "/pty/{ptyID}"),
    ("PUT", "/pty/{ptyID}"),
    ("DELETE", "/pty/{ptyID}"),
    ("POST", "/pty/{ptyID}/connect-token"),
    ("GET", "/pty/{ptyID}/connect"),
    ("GET", "/find"),
    ("GET", "/find/file"),
    ("GET", "/find/symbol"),
    ("GET", "/config"),
    ("PATCH", "/config"),
    ("GET", "/global/config"),
    ("PATCH", "/global/config"),
    ("GET", "/config/providers"),
    ("GET", "/provider"),
    ("GET", "/agent"),
    ("GET", "/command"),
    ("GET", "/provider/auth"),
    ("PUT", "/auth/{providerID}"),
    ("DELETE", "/auth/{providerID}"),
    ("POST", "/provider/{providerID}/oauth/authorize"),
    ("POST", "/provider/{providerID}/oauth/callback"),
    ("POST", "/instance/dispose"),
    ("GET", "/mcp"),
    ("POST", "/mcp"),
    ("POST", "/mcp/{name}/connect"),
    ("POST", "/mcp/{name}/disconnect"),
    ("POST", "/mcp/{name}/auth"),
    ("DELETE", "/mcp/{name}/auth"),
    ("POST", "/mcp/{name}/auth/callback"),
    ("POST", "/mcp/{name}/auth/authenticate"),
    ("GET", "/experimental/tool/ids"),
    ("POST", "/tui/append-prompt"),
    ("POST", "/tui/submit-prompt"),
    ("POST", "/tui/clear-prompt"),
    ("POST", "/tui/open-sessions"),
    ("POST", "/tui/open-models"),
    ("POST", "/tui/open-help"),
    ("POST", "/tui/select-session"),
    ("POST", "/tui/show-toast"),
    ("POST", "/tui/execute-command"),
    ("POST", "/tui/publish"),
    ("GET", "/event"),
    ("GET", "/global/event"),
];

/// The query parameters the client sends, per route, for the conformance test.
pub const QUERY_PARAMS: &[(&str, &[&str])] = &[
    ("/session", &["roots", "search", "limit"]),
    ("/session/{sessionID}/message", &["limit", "before"]),
    ("/session/{sessionID}/diff", &["messageID"]),
    ("/file", &["path"]),
    ("/file/content", &["path"]),
    ("/find", &["pattern"]),
    ("/find/file", &["query", "dirs", "limit"]),
    ("/find/symbol", &["query"]),
];

/// An id as one path segment: ids are `ses_…`-style, but nothing user-given may escape its segment.
/// Dots are encoded too, so `..` cannot be normalised into a parent path.
pub(crate) fn seg(id: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_cannot_escape_their_path_segment() {
        assert_eq!(super::seg("ses_ABC123"), "ses_ABC123");
        assert_eq!(super::seg("../x"), "%2E%2E%2Fx");
    }
}
