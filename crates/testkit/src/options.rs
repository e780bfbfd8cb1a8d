//! [`TestServerOptions`]: how a test wants its server started (password, extra config, port,
//! deadline, log level, environment). Plain data with builder methods; `server` acts on it.
//! The default is what most tests want: a random password, a free port, a 30 s deadline and
//! OpenCode's warnings in the output tail.

use std::time::Duration;

use serde_json::Value;

/// Whether and how the server is protected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Password {
    /// A fresh random password of 32 alphanumerics (the default).
    #[default]
    Random,
    /// This password.
    Fixed(String),
    /// No password: the server runs unsecured.
    Disabled,
}

/// How to start a [`TestServer`](crate::TestServer); `default()` is what `start` uses.
#[derive(Debug, Clone)]
pub struct TestServerOptions {
    pub password: Password,
    /// Merged over the generated `opencode.json`, e.g. `{"permission": {"bash": "allow"}}`.
    pub config: Option<Value>,
    /// Listen on this port instead of a free one.
    pub port: Option<u16>,
    /// Deadline from spawn to a healthy server.
    pub startup_timeout: Duration,
    /// `--print-logs --log-level LEVEL`, so OpenCode's own log lines reach `output_tail`.
    pub log_level: Option<String>,
    /// Extra environment for the server, applied last.
    pub env: Vec<(String, String)>,
}

impl Default for TestServerOptions {
    fn default() -> Self {
        TestServerOptions {
            password: Password::Random,
            config: None,
            port: None,
            startup_timeout: Duration::from_secs(30),
            log_level: Some("WARN".to_owned()),
            env: Vec::new(),
        }
    }
}

impl TestServerOptions {
    pub fn password(mut self, password: Password) -> Self {
        self.password = password;
        self
    }

    pub fn config(mut self, config: Value) -> Self {
        self.config = Some(config);
        self
    }

    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }
}
