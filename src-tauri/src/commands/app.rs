//! What the app is and which project it opened.

use crate::project::ProjectChoice;
use crate::state::AppState;
use serde::Serialize;

pub const APP_NAME: &str = "OpenCode Desk";

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// The project directory the app opened, if any.
    pub project: Option<String>,
    /// Why the project given on the command line could not be used, if it could not.
    pub project_problem: Option<String>,
    /// What the user should know about this launch, each a sentence: the default project was
    /// gone (another was opened), the desktop refused the quick prompt shortcut.
    pub launch_notices: Vec<String>,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    let (project, project_problem) = match &state.project {
        ProjectChoice::Dir(dir) => (Some(dir.display().to_string()), None),
        ProjectChoice::None => (None, None),
        ProjectChoice::Invalid { given, reason } => {
            (None, Some(format!("Cannot open {given}: {reason}")))
        }
    };
    AppInfo {
        name: APP_NAME.to_string(),
        // The workspace version is the app's one version (tauri.conf.json has none).
        version: env!("CARGO_PKG_VERSION").to_string(),
        project,
        project_problem,
        launch_notices: state.launch_notices.clone(),
    }
}
