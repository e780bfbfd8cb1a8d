//! [`Credentials`] and [`Secret`]: how we prove ourselves to a server.
//!
//! A `Secret` never shows its value in `Debug` and has no `Display`, so a password cannot reach a
//! log line, an error or a status by accident; `expose()` is the one door, used where the value
//! goes into the child's environment or an `Authorization` header. Passwords of remote
//! servers are kept across sessions in the OS keychain (see `keychain`), never in a file.

use std::fmt;

/// The user name OpenCode expects unless `OPENCODE_SERVER_USERNAME` says otherwise.
pub const DEFAULT_USERNAME: &str = "opencode";

/// A password. Its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// A fresh password of 32 random alphanumerics (about 190 bits).
    pub fn generate() -> Secret {
        use rand::Rng as _;
        let value = rand::rng()
            .sample_iter(rand::distr::Alphanumeric)
            .take(32)
            .map(char::from)
            .collect();
        Secret(value)
    }

    /// The value itself, for the child's environment or an auth header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Basic-auth credentials for one server; `password: None` for an unsecured one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: Option<Secret>,
}

impl Credentials {
    pub fn new(password: Option<Secret>) -> Credentials {
        Credentials {
            username: DEFAULT_USERNAME.to_owned(),
            password,
        }
    }

    /// A client for `url` with these credentials and the given timeouts.
    pub fn client(
        &self,
        url: &str,
        timeout: std::time::Duration,
    ) -> opencode_client::Result<opencode_client::Client> {
        opencode_client::Client::builder(url)
            .username(self.username.clone())
            .password(self.password.as_ref().map(|p| p.expose().to_owned()))
            .connect_timeout(timeout)
            .request_timeout(timeout)
            .build()
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials::new(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show_in_debug() {
        let credentials = Credentials::new(Some(Secret::new("hunter2")));
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("***"), "{debug}");
    }

    #[test]
    fn generated_passwords_are_long_random_alphanumerics() {
        let (a, b) = (Secret::generate(), Secret::generate());
        assert_eq!(a.expose().len(), 32);
        assert!(a.expose().chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
