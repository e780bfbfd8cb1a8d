//! The user's favourite and recently used models, for the model picker: one store, owned here,
//! kept as JSON in the app's data directory (`model-prefs.json`, written atomically).
//!
//! OpenCode's own TUI keeps the same two lists in `$XDG_STATE_HOME/opencode/model.json`
//! (`~/.local/state/opencode/model.json`): `{recent: [{providerID, modelID}], favorite: [..],
//! variant: {..}}` (packages/opencode/src/cli/cmd/tui/context/local.tsx). Until the app has a
//! file of its own, its lists are read from there, so a TUI user's favourites show up at once;
//! the first change the user makes here is saved to the app's file, which from then on is the
//! one read. OpenCode's file is never written: it has its writer (the TUI), and its `recent` also
//! chooses the server's default model (`Provider.defaultModel`), which the app must not steer.
//!
//! Invariant: the lock is held for a whole change (compute, write, swap), so the file and memory
//! agree and concurrent changes apply in one order; it is never held across an `.await`. A file
//! that does not read is moved aside (`model-prefs.json.bad-<unix time>`), never overwritten.

use opencode_client::types::ModelRef;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tauri::Manager;

/// The store's file name inside the app's data directory.
pub const FILE_NAME: &str = "model-prefs.json";
/// How many recently used models are kept, most recent first (enough for a short list above the
/// providers; the TUI keeps 10).
pub const RECENT_CAP: usize = 5;

/// The two lists, as the picker shows them, and what went wrong reading them (once per launch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct ModelPrefs {
    /// In the order the user added them, newest first (as the TUI does).
    pub favorite: Vec<ModelRef>,
    /// Most recently used first, without duplicates, at most `RECENT_CAP`.
    pub recent: Vec<ModelRef>,
    /// A sentence for the user when the app's file could not be read (it was kept aside).
    pub problem: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelPrefsError {
    #[error("A model needs a provider and a model id.")]
    Invalid,
    #[error("Could not save the favourite and recent models to {}: {source}.", path.display())]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Favourite models cannot be kept: the app has no data directory ({reason}).")]
    NoDataDir { reason: String },
}

impl From<ModelPrefsError> for crate::error::CommandError {
    fn from(error: ModelPrefsError) -> Self {
        use crate::error::ErrorKind;
        tracing::warn!(%error, "model preferences command failed");
        let kind = match &error {
            ModelPrefsError::Invalid => ErrorKind::InvalidInput,
            ModelPrefsError::Save { .. } | ModelPrefsError::NoDataDir { .. } => ErrorKind::Internal,
        };
        crate::error::CommandError::new(kind, error.to_string())
    }
}

pub struct ModelPrefsStore {
    /// Where the app's file is, or why there is none.
    location: Result<PathBuf, String>,
    /// OpenCode's own `model.json`, read while the app has no file of its own.
    seed: Option<PathBuf>,
    /// Loaded on first use, so a launch never waits on it.
    current: Mutex<Option<ModelPrefs>>,
}

impl ModelPrefsStore {
    pub fn new(path: PathBuf, seed: Option<PathBuf>) -> ModelPrefsStore {
        ModelPrefsStore {
            location: Ok(path),
            seed,
            current: Mutex::new(None),
        }
    }

    /// Lists that live in memory only, when there is nowhere to save them.
    pub fn unsaved(reason: String, seed: Option<PathBuf>) -> ModelPrefsStore {
        ModelPrefsStore {
            location: Err(reason),
            seed,
            current: Mutex::new(None),
        }
    }

    pub fn get(&self) -> ModelPrefs {
        self.lock_loaded().1.clone()
    }

    /// Adds `model` to the favourites (first), or takes it out if it is one.
    pub fn toggle_favorite(&self, model: ModelRef) -> Result<ModelPrefs, ModelPrefsError> {
        check(&model)?;
        self.change(|prefs| {
            let before = prefs.favorite.len();
            prefs.favorite.retain(|m| m != &model);
            if prefs.favorite.len() == before {
                prefs.favorite.insert(0, model);
            }
        })
    }

    /// Puts `model` first in the recent list (the oldest beyond the cap goes).
    pub fn note_used(&self, model: ModelRef) -> Result<ModelPrefs, ModelPrefsError> {
        check(&model)?;
        self.change(|prefs| {
            prefs.recent.retain(|m| m != &model);
            prefs.recent.insert(0, model);
            prefs.recent.truncate(RECENT_CAP);
        })
    }

    /// Applies `edit`, saves the result if it differs, and makes it current.
    fn change(&self, edit: impl FnOnce(&mut ModelPrefs)) -> Result<ModelPrefs, ModelPrefsError> {
        let mut guard = self.lock_loaded().0;
        let current = guard.get_or_insert_with(ModelPrefs::default);
        let mut next = current.clone();
        edit(&mut next);
        // Sending with the model already first changes nothing: no write.
        if next.favorite == current.favorite && next.recent == current.recent {
            return Ok(next);
        }
        match &self.location {
            Ok(path) => save(path, &next)?,
            Err(reason) => {
                return Err(ModelPrefsError::NoDataDir {
                    reason: reason.clone(),
                })
            }
        }
        *current = next.clone();
        Ok(next)
    }

    /// The lock, with the lists loaded (from the app's file, else OpenCode's, else empty).
    fn lock_loaded(&self) -> (MutexGuard<'_, Option<ModelPrefs>>, ModelPrefs) {
        // A panic elsewhere cannot leave the lists half-changed: changes swap a whole value.
        let mut guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let prefs = guard
            .get_or_insert_with(|| load(self.location.as_ref().ok(), self.seed.as_deref()))
            .clone();
        (guard, prefs)
    }
}

/// Where OpenCode keeps its model lists: `$XDG_STATE_HOME/opencode/model.json`, else
/// `~/.local/state/opencode/model.json` (OpenCode uses these on every system, macOS included).
pub fn opencode_model_file(
    xdg_state_home: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<PathBuf> {
    let state = xdg_state_home
        .filter(|dir| !dir.as_os_str().is_empty())
        .or_else(|| home.map(|home| home.join(".local").join("state")))?;
    Some(state.join("opencode").join("model.json"))
}

/// The store for `app.manage(..)`: the app's data directory, seeded from OpenCode's file.
pub fn setup<R: tauri::Runtime>(app: &impl Manager<R>) -> ModelPrefsStore {
    let xdg = std::env::var_os("XDG_STATE_HOME").map(PathBuf::from);
    let seed = opencode_model_file(xdg, app.path().home_dir().ok());
    match app.path().app_data_dir() {
        Ok(dir) => ModelPrefsStore::new(dir.join(FILE_NAME), seed),
        Err(error) => ModelPrefsStore::unsaved(error.to_string(), seed),
    }
}

fn check(model: &ModelRef) -> Result<(), ModelPrefsError> {
    if model.provider_id.trim().is_empty() || model.model_id.trim().is_empty() {
        return Err(ModelPrefsError::Invalid);
    }
    Ok(())
}

/// The app's file if there is one; else OpenCode's (ignoring any problem with it: not ours to
/// report); else empty lists. Never fails: an unreadable app file is moved aside and reported.
fn load(path: Option<&PathBuf>, seed: Option<&Path>) -> ModelPrefs {
    if let Some(path) = path {
        match std::fs::read(path) {
            Ok(bytes) => match decode(&bytes) {
                Some(prefs) => return prefs,
                None => return set_aside(path, "is not a JSON object", seed),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return set_aside(path, &format!("could not be read ({error})"), seed),
        }
    }
    seeded(seed)
}

fn seeded(seed: Option<&Path>) -> ModelPrefs {
    seed.and_then(|file| std::fs::read(file).ok())
        .and_then(|bytes| decode(&bytes))
        .unwrap_or_default()
}

/// Reads `{recent, favorite}` tolerantly, as the TUI does: an entry that is not a
/// `{providerID, modelID}` pair of strings is skipped; `None` only when the file is not a JSON
/// object at all.
fn decode(bytes: &[u8]) -> Option<ModelPrefs> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let object = value.as_object()?;
    let list = |key: &str| -> Vec<ModelRef> {
        let mut seen: Vec<ModelRef> = Vec::new();
        for entry in object
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let field = |name: &str| entry.get(name).and_then(Value::as_str).map(str::to_string);
            if let (Some(provider_id), Some(model_id)) = (field("providerID"), field("modelID")) {
                let model = ModelRef {
                    provider_id,
                    model_id,
                };
                if check(&model).is_ok() && !seen.contains(&model) {
                    seen.push(model);
                }
            }
        }
        seen
    };
    let mut recent = list("recent");
    recent.truncate(RECENT_CAP);
    Some(ModelPrefs {
        favorite: list("favorite"),
        recent,
        problem: None,
    })
}

/// Moves an unusable app file out of the way (kept for the user) and starts again from the seed.
fn set_aside(path: &Path, what: &str, seed: Option<&Path>) -> ModelPrefs {
    let aside = crate::atomic_file::aside_path(path);
    let shown = path.display();
    let problem = match std::fs::rename(path, &aside) {
        Ok(()) => {
            tracing::warn!(path = %shown, aside = %aside.display(), %what, "model prefs set aside");
            format!(
                "The favourite and recent models file {shown} {what}. It was moved to {} and \
                 the lists start again.",
                aside.display()
            )
        }
        Err(error) => {
            tracing::warn!(path = %shown, %what, %error, "model prefs could not be set aside");
            format!(
                "The favourite and recent models file {shown} {what}, and it could not be moved \
                 aside ({error}). Marking a favourite will replace it."
            )
        }
    };
    ModelPrefs {
        problem: Some(problem),
        ..seeded(seed)
    }
}

fn save(path: &Path, prefs: &ModelPrefs) -> Result<(), ModelPrefsError> {
    // The shape OpenCode's own file has, so either can be read as the other.
    let file = serde_json::json!({ "favorite": prefs.favorite, "recent": prefs.recent });
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| ModelPrefsError::Save {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    bytes.push(b'\n');
    crate::atomic_file::replace(path, &bytes).map_err(|source| ModelPrefsError::Save {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests;
