//! The one error type every command returns: a kind the UI can switch on, and a sentence for a
//! person. `From<opencode_client::Error>` is the single place client errors are mapped, and
//! `From<SettingsError>` the one for settings.

use serde::Serialize;

/// What kind of failure, for the UI to choose how to react (retry, ask for a password...).
/// Add a kind only when the UI treats it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub enum ErrorKind {
    Unreachable,
    Unauthorized,
    NotFound,
    InvalidInput,
    Timeout,
    ServerFailed,
    /// The app itself failed (it could not save its own files); not the server, not the input.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

impl From<opencode_client::Error> for CommandError {
    fn from(error: opencode_client::Error) -> Self {
        use opencode_client::Error as E;
        tracing::warn!(%error, "command failed");
        let kind = match &error {
            E::Unreachable { .. } => ErrorKind::Unreachable,
            E::Unauthorized { .. } => ErrorKind::Unauthorized,
            E::NotFound { .. } => ErrorKind::NotFound,
            E::BadRequest { .. } | E::InvalidUrl { .. } => ErrorKind::InvalidInput,
            E::Timeout { .. } => ErrorKind::Timeout,
            E::Api { .. } | E::Decode { .. } => ErrorKind::ServerFailed,
        };
        CommandError::new(kind, error.to_string())
    }
}

impl From<crate::settings::SettingsError> for CommandError {
    fn from(error: crate::settings::SettingsError) -> Self {
        use crate::settings::SettingsError as E;
        tracing::warn!(%error, "settings command failed");
        let kind = match &error {
            E::Invalid { .. } => ErrorKind::InvalidInput,
            E::Save { .. } | E::NoConfigDir { .. } => ErrorKind::Internal,
        };
        CommandError::new(kind, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::Error as E;

    #[test]
    fn each_client_error_maps_to_its_kind_with_the_human_message() {
        let cases = [
            (
                E::Unreachable {
                    url: "u".into(),
                    reason: "refused".into(),
                },
                ErrorKind::Unreachable,
            ),
            (E::Unauthorized { url: "u".into() }, ErrorKind::Unauthorized),
            (
                E::NotFound {
                    path: "/p".into(),
                    message: "gone".into(),
                },
                ErrorKind::NotFound,
            ),
            (
                E::BadRequest {
                    path: "/p".into(),
                    message: "bad".into(),
                },
                ErrorKind::InvalidInput,
            ),
            (
                E::InvalidUrl {
                    url: "u".into(),
                    reason: "r".into(),
                },
                ErrorKind::InvalidInput,
            ),
            (
                E::Timeout {
                    url: "u".into(),
                    after: std::time::Duration::from_secs(1),
                },
                ErrorKind::Timeout,
            ),
            (
                E::Api {
                    status: 500,
                    path: "/p".into(),
                    message: "boom".into(),
                },
                ErrorKind::ServerFailed,
            ),
            (
                E::Decode {
                    what: "w".into(),
                    reason: "r".into(),
                    raw_excerpt: "x".into(),
                },
                ErrorKind::ServerFailed,
            ),
        ];
        for (error, kind) in cases {
            let message = error.to_string();
            let mapped = CommandError::from(error);
            assert_eq!(mapped.kind, kind);
            assert_eq!(mapped.message, message);
        }
    }

    #[test]
    fn errors_serialize_as_kind_and_message() {
        let error = CommandError::new(ErrorKind::NotFound, "Session not found");
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"kind": "NotFound", "message": "Session not found"})
        );
    }

    mod settings_errors {
        use super::*;
        use crate::settings::SettingsError as E;

        fn mapped(error: E) -> (CommandError, String) {
            let message = error.to_string();
            (CommandError::from(error), message)
        }

        #[test]
        fn an_invalid_setting_is_invalid_input_naming_the_field() {
            let (error, message) = mapped(E::Invalid {
                field: "servers[0].url".into(),
                reason: "relative URL without a base".into(),
            });
            assert_eq!(error.kind, ErrorKind::InvalidInput);
            assert_eq!(error.message, message);
            assert_eq!(
                message,
                "The setting servers[0].url is not valid: relative URL without a base."
            );
        }

        #[test]
        fn a_failed_save_is_internal_and_says_where_and_why() {
            let (error, message) = mapped(E::Save {
                path: "/cfg/settings.json".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            });
            assert_eq!(error.kind, ErrorKind::Internal);
            assert_eq!(error.message, message);
            assert!(message.contains("/cfg/settings.json"), "{message}");
            assert!(message.contains("permission denied"), "{message}");
        }

        #[test]
        fn no_config_directory_is_internal_with_the_reason() {
            let (error, message) = mapped(E::NoConfigDir {
                reason: "no home directory".into(),
            });
            assert_eq!(error.kind, ErrorKind::Internal);
            assert_eq!(error.message, message);
            assert!(message.contains("no home directory"), "{message}");
        }
    }
}
