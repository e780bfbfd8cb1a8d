//! Which project the app opens: `opencode-desk [DIR]`, or else the last one used.
//!
//! The last project is a one-line file in the app's config directory; a full settings store comes
//! with the settings module. A DIR that is missing or not a directory is reported to the UI, never
//! a crash.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectChoice {
    Dir(PathBuf),
    None,
    Invalid { given: String, reason: String },
}

/// Reads DIR from the command line (the first argument that is not a flag).
pub fn from_args(args: impl Iterator<Item = OsString>) -> ProjectChoice {
    let Some(given) = args
        .into_iter()
        .find(|a| !a.to_string_lossy().starts_with('-'))
    else {
        return ProjectChoice::None;
    };
    check_dir(Path::new(&given))
}

/// Checks that `path` is a directory we can open, canonicalized.
pub fn check_dir(path: &Path) -> ProjectChoice {
    let given = path.display().to_string();
    match path.canonicalize() {
        Ok(dir) if dir.is_dir() => ProjectChoice::Dir(dir),
        Ok(_) => ProjectChoice::Invalid {
            given,
            reason: "it is not a directory".into(),
        },
        Err(error) => ProjectChoice::Invalid {
            given,
            reason: error.to_string(),
        },
    }
}

impl ProjectChoice {
    /// The directory, when there is a usable one.
    pub fn dir(&self) -> Option<PathBuf> {
        match self {
            ProjectChoice::Dir(dir) => Some(dir.clone()),
            _ => None,
        }
    }
}

const LAST_PROJECT_FILE: &str = "last-project";

/// Remembers a chosen DIR, or falls back to the remembered one.
pub fn resolve<R: tauri::Runtime>(app: &tauri::App<R>, choice: ProjectChoice) -> ProjectChoice {
    let Ok(config_dir) = tauri::Manager::path(app).app_config_dir() else {
        return choice;
    };
    resolve_in(&config_dir, choice)
}

/// Makes `dir` the project the app opens next time it is started without one.
pub fn remember(config_dir: &Path, dir: &Path) {
    let file = config_dir.join(LAST_PROJECT_FILE);
    let saved = std::fs::create_dir_all(config_dir)
        .and_then(|()| std::fs::write(&file, dir.to_string_lossy().as_bytes()));
    if let Err(error) = saved {
        tracing::warn!(%error, file = %file.display(), "could not remember the project");
    }
}

fn resolve_in(config_dir: &Path, choice: ProjectChoice) -> ProjectChoice {
    let file = config_dir.join(LAST_PROJECT_FILE);
    match choice {
        ProjectChoice::Dir(dir) => {
            remember(config_dir, &dir);
            ProjectChoice::Dir(dir)
        }
        ProjectChoice::None => match std::fs::read_to_string(&file) {
            Ok(last) if !last.trim().is_empty() => match check_dir(Path::new(last.trim())) {
                // A remembered project that has since gone is simply forgotten.
                ProjectChoice::Dir(dir) => ProjectChoice::Dir(dir),
                _ => ProjectChoice::None,
            },
            _ => ProjectChoice::None,
        },
        invalid => invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> + use<> {
        list.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn dir_argument_is_canonicalized_and_flags_are_skipped() {
        let tmp = std::env::temp_dir();
        let choice = from_args(args(&["--verbose", tmp.to_str().unwrap()]));
        assert_eq!(choice, ProjectChoice::Dir(tmp.canonicalize().unwrap()));
        assert_eq!(from_args(args(&[])), ProjectChoice::None);
    }

    #[test]
    fn a_missing_dir_is_reported_not_fatal() {
        let choice = from_args(args(&["/definitely/not/here"]));
        assert!(
            matches!(choice, ProjectChoice::Invalid { ref given, .. } if given == "/definitely/not/here")
        );
    }

    #[test]
    fn the_last_project_is_remembered_and_reused() {
        let config = std::env::temp_dir().join(format!("ocd-project-test-{}", std::process::id()));
        let project = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(
            resolve_in(&config, ProjectChoice::Dir(project.clone())),
            ProjectChoice::Dir(project.clone())
        );
        assert_eq!(
            resolve_in(&config, ProjectChoice::None),
            ProjectChoice::Dir(project)
        );
        std::fs::write(config.join(LAST_PROJECT_FILE), "/gone/away").unwrap();
        assert_eq!(
            resolve_in(&config, ProjectChoice::None),
            ProjectChoice::None
        );
        let _ = std::fs::remove_dir_all(&config);
    }
}
