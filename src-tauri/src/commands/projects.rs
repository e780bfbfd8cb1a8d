//! Projects: the ones a server knows, the ones opened lately (the settings' recent projects),
//! choosing a folder, and switching the app to one.

use crate::error::{CommandError, ErrorKind};
use crate::project::{self, ProjectChoice};
use crate::settings::SettingsStore;
use crate::state::{AppState, ServerInfo};
use opencode_client::types::Project;
use serde::Serialize;
use std::path::Path;
use tauri::State;

/// The projects server `server_id` has seen, most recently used first.
#[tauri::command]
#[specta::specta]
pub async fn list_projects(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Project>, CommandError> {
    let client = state.servers.client(&server_id)?;
    let mut projects = client.projects().await?;
    let updated = |p: &Project| {
        p.time
            .get("updated")
            .and_then(|t| t.as_f64())
            .unwrap_or(0.0)
    };
    projects.sort_by(|a, b| updated(b).total_cmp(&updated(a)));
    Ok(projects)
}

/// Opens the system's folder picker; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn pick_folder(state: State<'_, AppState>) -> Result<Option<String>, CommandError> {
    let picked = state.ui.pick_folder().await.unwrap_or(None);
    Ok(picked.map(|p| p.to_string_lossy().into_owned()))
}

/// Switches server `server_id` to the project in `directory` (and opens it next time). The UI then
/// reloads what it shows and watches that project's events.
#[tauri::command]
#[specta::specta]
pub async fn open_project(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    server_id: String,
    directory: String,
) -> Result<ServerInfo, CommandError> {
    let dir = match project::check_dir(Path::new(&directory)) {
        ProjectChoice::Dir(dir) => dir,
        ProjectChoice::Invalid { given, reason } => {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                format!("Cannot open {given} as a project: {reason}."),
            ))
        }
        ProjectChoice::None => {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                "Choose a folder to open as a project.",
            ))
        }
    };
    let info = state
        .servers
        .set_directory(&server_id, dir.to_string_lossy().into_owned())?;
    // In place, under the store's lock: a settings save at the same moment is not undone.
    match store.update_with(|settings| settings.remember_project(&dir.to_string_lossy())) {
        Ok(saved) => state.ui.settings_changed(saved),
        // The switch happened; only the recent list is stale.
        Err(error) => tracing::warn!(?error, "could not add the project to the recent list"),
    }
    Ok(info)
}

/// A project opened lately, and whether its folder is still there (checked on this machine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RecentProject {
    pub directory: String,
    pub exists: bool,
}

fn recent(settings: &crate::settings::Settings) -> Vec<RecentProject> {
    let recent = settings.recent_projects.iter();
    recent
        .map(|dir| RecentProject {
            exists: Path::new(dir).is_dir(),
            directory: dir.clone(),
        })
        .collect()
}

/// The projects opened lately, most recent first, each marked when its folder is gone.
#[tauri::command]
#[specta::specta]
pub fn recent_projects(store: State<'_, SettingsStore>) -> Vec<RecentProject> {
    recent(&store.get())
}

/// Takes `directory` off the recent projects; returns the list as it is now.
// Async so the file write runs off the main thread, which a sync command would block.
#[tauri::command]
#[specta::specta]
pub async fn forget_recent_project(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    directory: String,
) -> Result<Vec<RecentProject>, CommandError> {
    let saved = store.update_with(|s| s.recent_projects.retain(|d| d != &directory))?;
    state.ui.settings_changed(saved.clone());
    Ok(recent(&saved))
}
