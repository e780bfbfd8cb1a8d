//! The settings file and the in-memory copy: load (never failing), atomic save, updates.
//!
//! Loading never loses the user's data: a file that cannot be read or is not a JSON object is
//! renamed to `settings.json.bad-<unix time>` and the defaults are used; a file with invalid
//! values is copied there first, then its repaired version is saved. Either way the problem is
//! kept for the UI to show. Saving writes a temporary file in the same directory and renames it
//! over the old one, so a crash leaves the old file or the new one, never half of one.
//!
//! Invariant: the lock is held for a whole update (check, write, swap), so the file and memory
//! always agree and concurrent updates apply in one order. It is never held across an `.await`.

use super::check::{repair, FieldProblem};
use super::decode::decode;
use super::Settings;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// An update was refused; nothing was saved.
    #[error("The setting {field} is not valid: {reason}.")]
    Invalid { field: String, reason: String },
    #[error("Could not save the settings to {}: {source}.", path.display())]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// There is no config directory (no home directory), so nothing can be kept.
    #[error("Settings cannot be saved: the app has no config directory ({reason}).")]
    NoConfigDir { reason: String },
}

impl From<FieldProblem> for SettingsError {
    fn from(problem: FieldProblem) -> Self {
        SettingsError::Invalid {
            field: problem.field,
            reason: problem.reason,
        }
    }
}

/// What loading found: the settings to use, and a sentence for the user if something was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOutcome {
    pub settings: Settings,
    pub problem: Option<String>,
}

pub struct SettingsStore {
    /// Where the settings are saved, or why they cannot be.
    location: Result<PathBuf, String>,
    current: Mutex<Settings>,
    problem: Option<String>,
}

impl SettingsStore {
    /// Loads the settings at `path` (see `load`).
    pub fn open(path: PathBuf) -> SettingsStore {
        let outcome = load(&path);
        SettingsStore {
            location: Ok(path),
            current: Mutex::new(outcome.settings),
            problem: outcome.problem,
        }
    }

    /// Defaults that are never saved, when there is nowhere to save them.
    pub fn unsaved(reason: String) -> SettingsStore {
        tracing::warn!(%reason, "no config directory; settings will not be kept");
        SettingsStore {
            problem: Some(
                SettingsError::NoConfigDir {
                    reason: reason.clone(),
                }
                .to_string(),
            ),
            location: Err(reason),
            current: Mutex::new(Settings::default()),
        }
    }

    pub fn get(&self) -> Settings {
        self.lock().clone()
    }

    /// What was wrong with the settings file at start, if anything; the same for the app's life.
    pub fn problem(&self) -> Option<String> {
        self.problem.clone()
    }

    /// What `update` would save, without saving: `settings` normalized, or the first reason
    /// they are refused. For a caller that must act before saving (and may then refuse).
    pub fn check(settings: Settings) -> Result<Settings, SettingsError> {
        let (checked, problems) = repair(settings);
        match problems.into_iter().next() {
            Some(problem) => Err(problem.into()),
            None => Ok(checked),
        }
    }

    /// Checks `settings`, saves them, and makes them current; returns them as saved (normalized).
    pub fn update(&self, settings: Settings) -> Result<Settings, SettingsError> {
        self.update_with(|current| *current = settings)
    }

    /// Applies `change` to the current settings, then checks, saves and keeps the result.
    pub fn update_with(
        &self,
        change: impl FnOnce(&mut Settings),
    ) -> Result<Settings, SettingsError> {
        let mut current = self.lock();
        let mut next = current.clone();
        change(&mut next);
        let (next, problems) = repair(next);
        if let Some(problem) = problems.into_iter().next() {
            return Err(problem.into());
        }
        match &self.location {
            Ok(path) => save(path, &next)?,
            Err(reason) => {
                return Err(SettingsError::NoConfigDir {
                    reason: reason.clone(),
                })
            }
        }
        *current = next.clone();
        Ok(next)
    }

    fn lock(&self) -> MutexGuard<'_, Settings> {
        // A panic elsewhere cannot leave the settings half-written: updates swap a whole value.
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Reads the settings at `path`: the defaults if there is no file, and never an error.
pub fn load(path: &Path) -> LoadOutcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return LoadOutcome {
                settings: Settings::default(),
                problem: None,
            }
        }
        Err(error) => return set_aside(path, format!("could not be read ({error})")),
    };
    let value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(error) => return set_aside(path, format!("is not valid JSON ({error})")),
    };
    let (settings, mut problems) = match decode(value) {
        Ok(decoded) => decoded,
        Err(reason) => return set_aside(path, reason),
    };
    let (settings, more) = repair(settings);
    problems.extend(more);
    if problems.is_empty() {
        return LoadOutcome {
            settings,
            problem: None,
        };
    }
    let list = problems.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    tracing::warn!(path = %path.display(), problems = ?list, "invalid settings reset to defaults");
    let aside = crate::atomic_file::aside_path(path);
    let kept = match std::fs::copy(path, &aside) {
        Ok(_) => format!("The original file was kept as {}.", aside.display()),
        Err(error) => format!("The original file could not be kept ({error})."),
    };
    // Saved now so that the next start is clean and the problem is reported only once.
    if let Err(error) = save(path, &settings) {
        tracing::warn!(%error, "could not save the repaired settings");
    }
    let problem = format!(
        "Some settings were not valid and were reset to their defaults: {}. {kept}",
        list.join("; ")
    );
    LoadOutcome {
        settings,
        problem: Some(problem),
    }
}

/// Writes `settings` to `path` atomically, creating its directory if needed.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let mut bytes = serde_json::to_vec_pretty(settings).map_err(|e| SettingsError::Save {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    bytes.push(b'\n');
    crate::atomic_file::replace(path, &bytes).map_err(|source| SettingsError::Save {
        path: path.to_path_buf(),
        source,
    })
}

/// Moves an unusable file out of the way (keeping it for the user) and falls back to defaults.
fn set_aside(path: &Path, what: String) -> LoadOutcome {
    let aside = crate::atomic_file::aside_path(path);
    let shown = path.display();
    let problem = match std::fs::rename(path, &aside) {
        Ok(()) => {
            tracing::warn!(path = %shown, aside = %aside.display(), %what, "settings file set aside");
            format!(
                "The settings file {shown} {what}. It was moved to {} and the defaults are in use.",
                aside.display()
            )
        }
        Err(error) => {
            tracing::warn!(path = %shown, %what, %error, "settings file could not be set aside");
            format!(
                "The settings file {shown} {what}, and it could not be moved aside ({error}). \
                 The defaults are in use; saving settings will replace it."
            )
        }
    };
    LoadOutcome {
        settings: Settings::default(),
        problem: Some(problem),
    }
}

#[cfg(test)]
mod tests;
