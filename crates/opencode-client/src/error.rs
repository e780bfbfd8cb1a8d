//! The crate's one error type.
//!
//! Each variant names what happened and carries what a person needs to act on it; `Display` is a
//! sentence that can be shown as is. Passwords never appear here: URLs are stored without
//! credentials (the client keeps those apart).

use std::time::Duration;

/// Everything a call to an OpenCode server can end in, besides success.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No connection could be made (refused, DNS, TLS, reset before a response).
    #[error("Cannot reach the OpenCode server at {url}: {reason}")]
    Unreachable { url: String, reason: String },

    /// The server wants a password, or rejected the one given.
    #[error("The OpenCode server at {url} rejected the credentials (wrong or missing password)")]
    Unauthorized { url: String },

    /// The thing asked for does not exist (a deleted session, a bad message id...).
    #[error("Not found: {message}")]
    NotFound { path: String, message: String },

    /// The server refused the request as malformed; `message` is the server's own explanation.
    #[error("The OpenCode server refused the request: {message}")]
    BadRequest { path: String, message: String },

    /// Any other non-success status (409 conflict, 500...), with the server's message.
    #[error("The OpenCode server answered {status} for {path}: {message}")]
    Api {
        status: u16,
        path: String,
        message: String,
    },

    /// No answer in time. For the event stream this means no byte (not even a heartbeat).
    #[error("The OpenCode server at {url} did not answer within {}s", after.as_secs_f32())]
    Timeout { url: String, after: Duration },

    /// The server answered, but not with what this client understands.
    #[error("Unexpected answer from the OpenCode server for {what}: {reason} (starts with: {raw_excerpt})")]
    Decode {
        what: String,
        reason: String,
        raw_excerpt: String,
    },

    /// The base URL given to the client cannot be used.
    #[error("Invalid server address {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
}

impl Error {
    /// Whether trying again later may succeed (the event stream reconnects on these).
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Unreachable { .. } | Error::Timeout { .. } => true,
            Error::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Builds a `Decode` error from a serde failure, keeping the start of the raw text.
    pub(crate) fn decode(what: impl Into<String>, err: &serde_json::Error, raw: &[u8]) -> Self {
        Error::Decode {
            what: what.into(),
            reason: err.to_string(),
            raw_excerpt: excerpt(raw),
        }
    }
}

/// At most 200 characters of a body, on a char boundary, for error messages and logs.
pub(crate) fn excerpt(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_long_bodies_on_a_char_boundary() {
        let long = "é".repeat(300);
        let cut = excerpt(long.as_bytes());
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(b"short"), "short");
    }

    #[test]
    fn messages_are_sentences_a_person_can_act_on() {
        let err = Error::Unauthorized {
            url: "http://127.0.0.1:4096".into(),
        };
        assert!(err.to_string().contains("wrong or missing password"));
        let err = Error::Timeout {
            url: "http://x".into(),
            after: Duration::from_secs(15),
        };
        assert_eq!(
            err.to_string(),
            "The OpenCode server at http://x did not answer within 15s"
        );
    }

    #[test]
    fn only_network_and_server_faults_are_transient() {
        let unreachable = Error::Unreachable {
            url: "u".into(),
            reason: "refused".into(),
        };
        let conflict = Error::Api {
            status: 409,
            path: "/x".into(),
            message: "busy".into(),
        };
        let failed = Error::Api {
            status: 503,
            path: "/x".into(),
            message: "down".into(),
        };
        assert!(unreachable.is_transient());
        assert!(!conflict.is_transient());
        assert!(failed.is_transient());
        assert!(!Error::Unauthorized { url: "u".into() }.is_transient());
    }
}
