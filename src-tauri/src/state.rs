//! `AppState`: what the app holds for its whole life. Fields own their synchronisation.

use crate::project::ProjectChoice;

pub struct AppState {
    /// The project the app opened with (from the command line, or the last one used).
    pub project: ProjectChoice,
}

impl AppState {
    pub fn new(project: ProjectChoice) -> Self {
        AppState { project }
    }
}
