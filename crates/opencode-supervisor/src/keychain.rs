//! Passwords of remote servers the user added, kept in the OS keychain (Secret Service on Linux,
//! Keychain on macOS, Credential Manager on Windows, through the `keyring` crate), one entry per
//! server under the service name [`KEYCHAIN_SERVICE`].
//!
//! It owns the keychain calls and what their failures mean; which key names which server, and
//! remembering the rest of a server (URL, user) in settings, is the app's. The invariants: a
//! password never goes into a settings file, a log line or an error; and a machine without a
//! keychain (Linux with no Secret Service running, as on a headless box) gets
//! [`Error::NoKeychain`], never a panic, so the app can keep the password in memory for the
//! session and say so.
//!
//! The calls block (D-Bus on Linux), so each runs on Tokio's blocking pool.

use crate::credentials::Secret;
use crate::error::{Error, Result};

/// The keychain's service name for every password this app keeps.
pub const KEYCHAIN_SERVICE: &str = "opencode-desk";

/// Keeps `password` for `server_key` (e.g. the server's URL and user name), replacing any
/// earlier one.
pub async fn store_password(server_key: &str, password: &Secret) -> Result<()> {
    let password = password.clone();
    with_entry(server_key, "store the password", move |entry| {
        entry.set_password(password.expose())
    })
    .await
}

/// The password kept for `server_key`, or `None` when there is none.
pub async fn load_password(server_key: &str) -> Result<Option<Secret>> {
    with_entry(server_key, "read the password", |entry| {
        match entry.get_password() {
            Ok(password) => Ok(Some(Secret::new(password))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(error),
        }
    })
    .await
}

/// Forgets the password of `server_key`; forgetting one that is not there is not an error.
pub async fn delete_password(server_key: &str) -> Result<()> {
    with_entry(server_key, "delete the password", |entry| {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(error),
        }
    })
    .await
}

async fn with_entry<T: Send + 'static>(
    server_key: &str,
    what: &'static str,
    call: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
) -> Result<T> {
    let server_key = server_key.to_owned();
    let joined = tokio::task::spawn_blocking(move || {
        keyring::Entry::new(KEYCHAIN_SERVICE, &server_key).and_then(|entry| call(&entry))
    })
    .await;
    match joined {
        Ok(result) => result.map_err(|error| keychain_error(error, what)),
        // Only a panic inside keyring can get here; report it, do not re-raise it.
        Err(join) => Err(Error::Keychain {
            what: what.to_owned(),
            reason: join.to_string(),
        }),
    }
}

/// What a keyring failure means for the user. "Platform failure" is what keyring reports when
/// there is no keychain to talk to (no D-Bus session, no Secret Service on it); "no storage
/// access" when it is locked or the user dismissed its prompt. Either way the password cannot be
/// kept beyond this session, which is what the user needs to know.
fn keychain_error(error: keyring::Error, what: &str) -> Error {
    // keyring's errors never hold the password (BadEncoding holds what it read back; we do not
    // show it).
    let reason = match &error {
        keyring::Error::PlatformFailure(source) | keyring::Error::NoStorageAccess(source) => {
            return Error::NoKeychain {
                reason: source.to_string(),
            }
        }
        keyring::Error::BadEncoding(_) => "the stored password is not valid UTF-8".to_owned(),
        other => other.to_string(),
    };
    Error::Keychain {
        what: what.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_secret_service_is_no_keychain_for_this_session_only() {
        let dbus = std::io::Error::other("Unable to autolaunch a dbus-daemon without a $DISPLAY");
        let error = keychain_error(
            keyring::Error::PlatformFailure(Box::new(dbus)),
            "store the password",
        );
        assert!(matches!(error, Error::NoKeychain { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message
                .starts_with("No keychain available: the password is kept for this session only"),
            "{message}"
        );
        assert!(message.contains("autolaunch"), "{message}");
        let locked = keychain_error(
            keyring::Error::NoStorageAccess(Box::new(std::io::Error::other("locked"))),
            "read the password",
        );
        assert!(matches!(locked, Error::NoKeychain { .. }), "{locked:?}");
    }

    #[test]
    fn other_keychain_failures_say_what_failed_without_the_stored_bytes() {
        let error = keychain_error(
            keyring::Error::BadEncoding(b"hunter2\xff".to_vec()),
            "read the password",
        );
        let message = error.to_string();
        assert!(matches!(error, Error::Keychain { .. }), "{error:?}");
        assert!(message.contains("could not read the password"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}
