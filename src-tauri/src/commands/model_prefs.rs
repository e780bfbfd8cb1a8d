//! Favourite and recently used models, for the model picker (the store is `model_prefs.rs`).

use crate::error::CommandError;
use crate::model_prefs::{ModelPrefs, ModelPrefsStore};
use opencode_client::types::ModelRef;
use tauri::State;

// Async, so the file work runs off the main thread.

/// The favourite and recent models (OpenCode's own lists until the app has made a change).
#[tauri::command]
#[specta::specta]
pub async fn get_model_prefs(
    store: State<'_, ModelPrefsStore>,
) -> Result<ModelPrefs, CommandError> {
    Ok(store.get())
}

/// Marks `model` a favourite, or no longer one; returns the lists as saved.
#[tauri::command]
#[specta::specta]
pub async fn toggle_favorite_model(
    store: State<'_, ModelPrefsStore>,
    model: ModelRef,
) -> Result<ModelPrefs, CommandError> {
    Ok(store.toggle_favorite(model)?)
}

/// Puts `model` first among the recent ones (picked, or sent with).
#[tauri::command]
#[specta::specta]
pub async fn note_model_used(
    store: State<'_, ModelPrefsStore>,
    model: ModelRef,
) -> Result<ModelPrefs, CommandError> {
    Ok(store.note_used(model)?)
}
