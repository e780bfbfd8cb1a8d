//! Where remote servers' passwords are kept: the OS keychain in the app, a map in tests.
//!
//! A small object-safe trait so `RemoteServers` can be tested without a Secret Service. The
//! keychain's own failures (none running, locked) come back as the supervisor's
//! `Error::NoKeychain` / `Error::Keychain`, whose messages never hold the password.

use opencode_supervisor::{Result, Secret};
use std::future::Future;
use std::pin::Pin;
#[cfg(test)]
use {
    opencode_supervisor::Error,
    std::collections::BTreeMap,
    std::sync::atomic::{AtomicBool, Ordering},
    std::sync::Mutex,
};

pub type PasswordFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Passwords by server id (the `RemoteServer::id` of the settings).
pub trait PasswordStore: Send + Sync {
    /// Keeps `password` for `id`, replacing an earlier one.
    fn store<'a>(&'a self, id: &'a str, password: &'a Secret) -> PasswordFuture<'a, ()>;
    /// The password kept for `id`; `None` when there is none.
    fn load<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, Option<Secret>>;
    /// Forgets `id`'s password; forgetting one that is not there is no error.
    fn delete<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, ()>;
}

/// The OS keychain (`opencode_supervisor::keychain`).
pub struct Keychain;

impl PasswordStore for Keychain {
    fn store<'a>(&'a self, id: &'a str, password: &'a Secret) -> PasswordFuture<'a, ()> {
        Box::pin(opencode_supervisor::store_password(id, password))
    }

    fn load<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, Option<Secret>> {
        Box::pin(opencode_supervisor::load_password(id))
    }

    fn delete<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, ()> {
        Box::pin(opencode_supervisor::delete_password(id))
    }
}

/// Test-only: a keychain in memory, which can be made unavailable like a machine without a
/// Secret Service.
#[cfg(test)]
#[derive(Default)]
pub struct MemoryPasswords {
    entries: Mutex<BTreeMap<String, Secret>>,
    unavailable: AtomicBool,
}

#[cfg(test)]
impl MemoryPasswords {
    /// From now on every call fails as when no keychain is running.
    pub fn make_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, Ordering::SeqCst);
    }

    /// The ids with a password kept, sorted.
    pub fn ids(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn check(&self) -> Result<()> {
        if self.unavailable.load(Ordering::SeqCst) {
            return Err(Error::NoKeychain {
                reason: "no Secret Service on this test's bus".into(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
impl PasswordStore for MemoryPasswords {
    fn store<'a>(&'a self, id: &'a str, password: &'a Secret) -> PasswordFuture<'a, ()> {
        Box::pin(async move {
            self.check()?;
            self.lock().insert(id.to_owned(), password.clone());
            Ok(())
        })
    }

    fn load<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, Option<Secret>> {
        Box::pin(async move {
            self.check()?;
            Ok(self.lock().get(id).cloned())
        })
    }

    fn delete<'a>(&'a self, id: &'a str) -> PasswordFuture<'a, ()> {
        Box::pin(async move {
            self.check()?;
            self.lock().remove(id);
            Ok(())
        })
    }
}
