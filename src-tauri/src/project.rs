//! Which project the app opens at launch, in the order a user expects:
//!
//! 1. the folder given on the command line (`opencode-desk DIR`): asked for now, so it wins;
//! 2. else the default project from the settings, when set and still a folder; when it is gone
//!    the app says so (`Launch::notice`, shown by the UI) and goes on to
//! 3. the last project used: the first of the settings' recent projects that is still a folder
//!    (before any was recorded: the `last-project` file that earlier versions wrote).
//!
//! A DIR on the command line that is missing is reported to the UI, never a crash, and never
//! replaced by another project: the user asked for that one. The project opened is put first in
//! the recent projects, which is all "last used" means now (no file of its own any more).
//!
//! Invariant: `choose` decides from what it is given and the file system only, so the order is
//! tested without an app; `resolve` reads the settings and remembers the outcome.

use crate::settings::{Settings, SettingsStore};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectChoice {
    Dir(PathBuf),
    None,
    Invalid { given: String, reason: String },
}

/// The project to open at launch, and what the user should be told about how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub choice: ProjectChoice,
    /// Set when the default project could not be used (so another one, or none, was opened).
    pub notice: Option<String>,
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

/// What earlier versions kept the last project in (one line in the config directory); read
/// only while the settings hold no recent project, never written.
const LAST_PROJECT_FILE: &str = "last-project";

/// Chooses the launch project (see the module's order) and puts it first in the recent projects.
pub fn resolve<R: tauri::Runtime>(app: &tauri::App<R>, given: ProjectChoice) -> Launch {
    let store = tauri::Manager::state::<SettingsStore>(app);
    let settings = store.get();
    let legacy = tauri::Manager::path(app)
        .app_config_dir()
        .ok()
        .and_then(|dir| std::fs::read_to_string(dir.join(LAST_PROJECT_FILE)).ok());
    let launch = choose(given, &settings, legacy.as_deref());
    if let Some(dir) = launch.choice.dir() {
        let dir = dir.to_string_lossy();
        if settings.recent_projects.first().map(String::as_str) != Some(&*dir) {
            if let Err(error) = store.update_with(|s| s.remember_project(&dir)) {
                tracing::warn!(%error, "could not add the launch project to the recent list");
            }
        }
    }
    launch
}

/// The launch decision: `given` (from the command line) first, then the default project, then
/// the last one used (`settings.recent_projects`, or `legacy_last` when that list is empty).
pub fn choose(given: ProjectChoice, settings: &Settings, legacy_last: Option<&str>) -> Launch {
    if given != ProjectChoice::None {
        return Launch {
            choice: given,
            notice: None,
        };
    }
    let mut notice = None;
    if let Some(default) = &settings.default_project {
        match check_dir(Path::new(default)) {
            ProjectChoice::Dir(dir) => {
                return Launch {
                    choice: ProjectChoice::Dir(dir),
                    notice: None,
                }
            }
            _ => {
                notice = Some(format!(
                    "Your default project {default} is no longer a folder"
                ))
            }
        }
    }
    let legacy = legacy_last.map(str::trim).filter(|l| !l.is_empty());
    let last_used = if settings.recent_projects.is_empty() {
        legacy.into_iter().collect::<Vec<_>>()
    } else {
        settings
            .recent_projects
            .iter()
            .map(String::as_str)
            .collect()
    };
    // A recent project that has since gone is passed over, not reported: the list shows it.
    let choice = last_used
        .into_iter()
        .find_map(|dir| check_dir(Path::new(dir)).dir())
        .map_or(ProjectChoice::None, ProjectChoice::Dir);
    let notice = notice.map(|gone| match &choice {
        ProjectChoice::Dir(dir) => format!(
            "{gone}, so the last project used, {}, was opened. Settings → Default project \
             changes it.",
            dir.display()
        ),
        _ => format!("{gone}. Open a project, or choose another default in Settings."),
    });
    Launch { choice, notice }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_dir::TestDir;

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

    /// Three real folders: what the command line names, the default, the last used.
    struct Folders {
        _root: TestDir,
        given: PathBuf,
        default: PathBuf,
        last: PathBuf,
    }

    fn folders() -> Folders {
        let root = TestDir::new();
        let make = |name: &str| {
            let dir = root.0.join(name);
            std::fs::create_dir_all(&dir).unwrap();
            dir.canonicalize().unwrap()
        };
        Folders {
            given: make("given"),
            default: make("default"),
            last: make("last"),
            _root: root,
        }
    }

    fn settings(default: Option<&Path>, recent: &[&Path]) -> Settings {
        Settings {
            default_project: default.map(|d| d.display().to_string()),
            recent_projects: recent.iter().map(|d| d.display().to_string()).collect(),
            ..Settings::default()
        }
    }

    #[test]
    fn the_command_line_wins_over_the_default_and_the_last_project() {
        let f = folders();
        let s = settings(Some(&f.default), &[&f.last]);
        let launch = choose(ProjectChoice::Dir(f.given.clone()), &s, None);
        assert_eq!(launch.choice, ProjectChoice::Dir(f.given));
        assert_eq!(launch.notice, None);
        let missing = from_args(args(&["/definitely/not/here"]));
        let launch = choose(missing.clone(), &s, None);
        assert_eq!(
            launch.choice, missing,
            "a bad DIR is reported, not replaced"
        );
    }

    #[test]
    fn the_default_project_wins_over_the_last_project_used() {
        let f = folders();
        let launch = choose(
            ProjectChoice::None,
            &settings(Some(&f.default), &[&f.last]),
            Some(f.last.to_str().unwrap()),
        );
        assert_eq!(launch.choice, ProjectChoice::Dir(f.default));
        assert_eq!(launch.notice, None);
    }

    #[test]
    fn a_default_project_that_is_gone_is_said_and_the_last_one_opens() {
        let f = folders();
        let gone = f.default.join("gone");
        let launch = choose(
            ProjectChoice::None,
            &settings(Some(&gone), &[&f.last]),
            None,
        );
        assert_eq!(launch.choice, ProjectChoice::Dir(f.last.clone()));
        let notice = launch.notice.expect("the user is told");
        assert!(notice.contains(&gone.display().to_string()), "{notice}");
        assert!(notice.contains(&f.last.display().to_string()), "{notice}");

        let nothing_else = choose(ProjectChoice::None, &settings(Some(&gone), &[]), None);
        assert_eq!(nothing_else.choice, ProjectChoice::None);
        assert!(nothing_else.notice.is_some());
    }

    #[test]
    fn without_a_default_the_most_recent_project_still_there_opens() {
        let f = folders();
        let gone = f.last.join("gone");
        let s = settings(None, &[&gone, &f.last, &f.given]);
        let launch = choose(ProjectChoice::None, &s, Some(f.given.to_str().unwrap()));
        assert_eq!(launch.choice, ProjectChoice::Dir(f.last));
        assert_eq!(
            launch.notice, None,
            "a gone recent project is marked in the list"
        );
    }

    #[test]
    fn the_old_last_project_file_is_read_only_before_any_recent_project() {
        let f = folders();
        let legacy = format!("{}\n", f.last.display());
        let launch = choose(ProjectChoice::None, &settings(None, &[]), Some(&legacy));
        assert_eq!(launch.choice, ProjectChoice::Dir(f.last));
        let launch = choose(
            ProjectChoice::None,
            &settings(None, &[]),
            Some("/gone/away"),
        );
        assert_eq!(launch.choice, ProjectChoice::None);
    }
}
