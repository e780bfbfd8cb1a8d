//! [`TestkitError`], the one error type of the crate. Each variant says what went wrong and
//! carries what a person needs to fix it; startup failures always carry the tail of the
//! server's output, because that is where OpenCode explains itself.

use std::path::PathBuf;
use std::time::Duration;

/// Everything that can go wrong while setting up a test world.
#[derive(Debug, thiserror::Error)]
pub enum TestkitError {
    #[error(
        "the opencode binary was not found; searched: {}. Run `npm install` at the workspace \
         root or set OPENCODE_BIN",
        searched.join(", ")
    )]
    BinaryNotFound { searched: Vec<String> },

    #[error("the fake model could not listen on 127.0.0.1: {source}")]
    FakeModelBind { source: std::io::Error },

    #[error("could not {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },

    #[error("`{command}` failed ({status}): {output}")]
    Command {
        command: String,
        status: String,
        output: String,
    },

    #[error("could not start {}: {source}", binary.display())]
    Spawn {
        binary: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "opencode did not print its `listening on` line within {waited:?}\n\
         --- last output ---\n{output_tail}"
    )]
    StartupTimeout {
        waited: Duration,
        output_tail: String,
    },

    #[error("opencode exited during startup ({status})\n--- last output ---\n{output_tail}")]
    ExitedEarly { status: String, output_tail: String },

    #[error("opencode announced `{line}`, expected a listening URL on port {expected_port}")]
    UnexpectedListeningLine { line: String, expected_port: u16 },

    #[error(
        "{url}/global/health did not answer 200 within {waited:?} (last: {last_error})\n\
         --- last output ---\n{output_tail}"
    )]
    Unhealthy {
        url: String,
        waited: Duration,
        last_error: String,
        output_tail: String,
    },
}

impl TestkitError {
    pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> TestkitError {
        let what = what.into();
        move |source| TestkitError::Io { what, source }
    }
}
