//! The app's own permission rules: "always allow `cargo test*` in this project", kept by the app
//! per project directory, so they outlast a server's session (OpenCode's own "Always" lasts only
//! as long as the server). The attention feed answers a matching request at once ("once"),
//! before it is shown anywhere; the user makes a rule from a permission card and removes it in
//! Settings.
//!
//! Two jobs, both small: `matching` is the one place that decides (pure), and `RulesStore` owns
//! the file (`permission-rules.json` in the app's data directory, written atomically; a file that
//! does not read is moved aside and reported, never overwritten).
//!
//! Invariant: a rule only ever allows. A request is answered by rules only when every one of its
//! patterns is covered by a rule of its own permission type in its own project.

use opencode_client::types::PermissionRequest;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;

/// The rules file's name inside the app's data directory.
pub const FILE_NAME: &str = "permission-rules.json";

/// One rule: in `project`, a `permission` request (`bash`, `edit`, `webfetch`...) whose pattern
/// matches `pattern` is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Rule {
    /// The project directory, as the server is pointed at it.
    pub project: String,
    /// OpenCode's permission type, as `permission.asked` carries it.
    pub permission: String,
    /// An exact pattern (a command line, a path) or a glob: `*` any text, `?` one character.
    pub pattern: String,
}

/// The rules, and what went wrong reading their file (once per launch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct Rules {
    pub rules: Vec<Rule>,
    /// A sentence for the user when the file could not be read (it was kept aside).
    pub problem: Option<String>,
}

/// The rule that answers `request` asked in `project`: `Some` only when each of its patterns is
/// matched by a rule of its type and project (the first pattern's rule is returned).
pub fn matching<'a>(
    rules: &'a [Rule],
    project: &str,
    request: &PermissionRequest,
) -> Option<&'a Rule> {
    let project = trim_dir(project);
    let mine: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.permission == request.permission && trim_dir(&r.project) == project)
        .collect();
    let mut first = None;
    // No patterns: nothing says what would be allowed, so the user decides.
    for pattern in &request.patterns {
        let rule = mine.iter().find(|r| glob(&r.pattern, pattern))?;
        first.get_or_insert(*rule);
    }
    first
}

fn trim_dir(dir: &str) -> &str {
    match dir.trim_end_matches('/') {
        "" => dir,
        trimmed => trimmed,
    }
}

/// `*` matches any text (none too), `?` one character, anything else itself.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    // Where the last `*` was, and the text position it matched up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("A rule needs a project, a permission type and a pattern.")]
    Invalid,
    #[error("Could not save the permission rules to {}: {source}.", path.display())]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Permission rules cannot be kept: the app has no data directory ({reason}).")]
    NoDataDir { reason: String },
}

impl From<RulesError> for crate::error::CommandError {
    fn from(error: RulesError) -> Self {
        use crate::error::ErrorKind;
        tracing::warn!(%error, "permission rules command failed");
        let kind = match &error {
            RulesError::Invalid => ErrorKind::InvalidInput,
            RulesError::Save { .. } | RulesError::NoDataDir { .. } => ErrorKind::Internal,
        };
        crate::error::CommandError::new(kind, error.to_string())
    }
}

/// The rules file and its copy in memory. The lock is held for a whole change (compute, write,
/// swap) and never across an `.await`.
pub struct RulesStore {
    location: Result<PathBuf, String>,
    current: Mutex<Rules>,
}

#[derive(Serialize, Deserialize)]
struct File {
    rules: Vec<Rule>,
}

impl RulesStore {
    /// Loads `path` now (at start: the feed answers with these from its first event).
    pub fn open(path: PathBuf) -> RulesStore {
        let current = load(&path);
        RulesStore {
            location: Ok(path),
            current: Mutex::new(current),
        }
    }

    /// No file: rules cannot be made.
    pub fn unsaved(reason: String) -> RulesStore {
        RulesStore {
            location: Err(reason),
            current: Mutex::new(Rules::default()),
        }
    }

    pub fn get(&self) -> Rules {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Adds `rules` (those already kept are not repeated); returns all, as saved.
    pub fn add(&self, rules: Vec<Rule>) -> Result<Rules, RulesError> {
        for rule in &rules {
            if [&rule.project, &rule.permission, &rule.pattern]
                .iter()
                .any(|s| s.trim().is_empty())
            {
                return Err(RulesError::Invalid);
            }
        }
        self.change(|list| {
            for rule in rules {
                if !list.contains(&rule) {
                    list.push(rule);
                }
            }
        })
    }

    /// Removes `rule`; returns the rest, as saved.
    pub fn remove(&self, rule: &Rule) -> Result<Rules, RulesError> {
        self.change(|list| list.retain(|r| r != rule))
    }

    fn change(&self, edit: impl FnOnce(&mut Vec<Rule>)) -> Result<Rules, RulesError> {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let mut next = current.rules.clone();
        edit(&mut next);
        if next == current.rules {
            return Ok(current.clone());
        }
        let path = self
            .location
            .as_ref()
            .map_err(|reason| RulesError::NoDataDir {
                reason: reason.clone(),
            })?;
        let bytes = serde_json::to_vec_pretty(&File {
            rules: next.clone(),
        })
        .expect("rules serialize");
        crate::atomic_file::replace(path, &bytes).map_err(|source| RulesError::Save {
            path: path.clone(),
            source,
        })?;
        current.rules = next;
        Ok(current.clone())
    }
}

/// The store for `app.manage(..)`, from the app's data directory.
pub fn setup<R: tauri::Runtime>(app: &impl Manager<R>) -> RulesStore {
    match app.path().app_data_dir() {
        Ok(dir) => RulesStore::open(dir.join(FILE_NAME)),
        Err(error) => RulesStore::unsaved(error.to_string()),
    }
}

/// The file's rules; none when there is no file. A file that does not read is moved aside.
fn load(path: &Path) -> Rules {
    match std::fs::read(path) {
        Ok(bytes) => match serde_json::from_slice::<File>(&bytes) {
            Ok(file) => Rules {
                rules: file.rules,
                problem: None,
            },
            Err(error) => set_aside(path, &format!("does not read ({error})")),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Rules::default(),
        Err(error) => set_aside(path, &format!("could not be read ({error})")),
    }
}

fn set_aside(path: &Path, what: &str) -> Rules {
    let aside = crate::atomic_file::aside_path(path);
    let shown = path.display();
    let problem = match std::fs::rename(path, &aside) {
        Ok(()) => {
            tracing::warn!(path = %shown, aside = %aside.display(), %what, "permission rules set aside");
            format!(
                "The permission rules file {shown} {what}. It was moved to {} and no rules apply.",
                aside.display()
            )
        }
        Err(error) => {
            tracing::warn!(path = %shown, %what, %error, "permission rules could not be set aside");
            format!(
                "The permission rules file {shown} {what}, and it could not be moved aside \
                 ({error}). No rules apply; making one will replace it."
            )
        }
    };
    Rules {
        rules: Vec::new(),
        problem: Some(problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(project: &str, permission: &str, pattern: &str) -> Rule {
        Rule {
            project: project.into(),
            permission: permission.into(),
            pattern: pattern.into(),
        }
    }

    fn asked(permission: &str, patterns: &[&str]) -> PermissionRequest {
        PermissionRequest {
            id: "per_1".into(),
            session_id: "ses_1".into(),
            permission: permission.into(),
            patterns: patterns.iter().map(|p| (*p).into()).collect(),
            metadata: serde_json::Value::Null,
            always: vec![],
            tool: None,
        }
    }

    #[test]
    fn a_glob_matches_any_text_for_a_star_and_one_character_for_a_question_mark() {
        assert!(glob("cargo test*", "cargo test"));
        assert!(glob("cargo test*", "cargo test --lib rules"));
        assert!(glob("*.rs", "src/a.rs"));
        assert!(glob("a?c", "abc"));
        assert!(glob("*b*b", "abxbb"));
        assert!(!glob("cargo test*", "cargo build"));
        assert!(!glob("a?c", "ac"));
        assert!(!glob("touch ruled.txt", "touch ruled.txt; rm -rf /"));
    }

    #[test]
    fn a_rule_answers_its_type_in_its_project_exactly_or_by_glob() {
        let rules = vec![
            rule("/work/app", "bash", "touch ruled.txt"),
            rule("/work/app/", "bash", "cargo test*"),
            rule("/work/app", "edit", "src/*"),
        ];
        let found = |project: &str, request: &PermissionRequest| {
            matching(&rules, project, request).map(|r| r.pattern.clone())
        };
        // Exact, and by glob (a rule's project with a trailing slash is the same project).
        assert_eq!(
            found("/work/app", &asked("bash", &["touch ruled.txt"])),
            Some("touch ruled.txt".into())
        );
        assert_eq!(
            found("/work/app/", &asked("bash", &["cargo test --lib"])),
            Some("cargo test*".into())
        );
        // Every pattern must be covered.
        assert_eq!(
            found(
                "/work/app",
                &asked("bash", &["cargo test", "touch ruled.txt"])
            ),
            Some("cargo test*".into())
        );
        assert_eq!(
            found("/work/app", &asked("bash", &["cargo test", "rm -rf x"])),
            None
        );
        // Another type, another project, another command, no patterns: not answered.
        assert_eq!(
            found("/work/app", &asked("webfetch", &["cargo test"])),
            None
        );
        assert_eq!(
            found("/work/app", &asked("edit", &["touch ruled.txt"])),
            None
        );
        assert_eq!(
            found("/work/other", &asked("bash", &["touch ruled.txt"])),
            None
        );
        assert_eq!(
            found("/work/app", &asked("bash", &["touch other.txt"])),
            None
        );
        assert_eq!(found("/work/app", &asked("bash", &[])), None);
    }

    #[test]
    fn rules_are_saved_and_read_back_and_a_bad_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join(FILE_NAME);
        let store = RulesStore::open(path.clone());
        assert_eq!(store.get(), Rules::default());
        let ruled = rule("/work/app", "bash", "cargo test*");
        store
            .add(vec![ruled.clone(), rule("/work/app", "edit", "src/*")])
            .unwrap();
        // A rule kept already is not repeated.
        store.add(vec![ruled.clone()]).unwrap();
        assert!(matches!(
            store.add(vec![rule("/work/app", "bash", " ")]),
            Err(RulesError::Invalid)
        ));
        let removed = store.remove(&rule("/work/app", "edit", "src/*")).unwrap();
        assert_eq!(removed.rules, std::slice::from_ref(&ruled));

        let again = RulesStore::open(path.clone());
        assert_eq!(again.get().rules, [ruled]);
        assert_eq!(again.get().problem, None);

        std::fs::write(&path, b"{ not json").unwrap();
        let bad = RulesStore::open(path.clone());
        assert!(bad.get().rules.is_empty());
        let problem = bad.get().problem.expect("the problem is reported");
        assert!(problem.contains("moved to"), "{problem}");
        assert!(!path.exists(), "the bad file was moved aside");
        let kept: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            kept.iter()
                .any(|name| name.starts_with("permission-rules.json.bad-")),
            "{kept:?}"
        );
        // A new rule makes a new file.
        bad.add(vec![rule("/work/app", "bash", "ls")]).unwrap();
        assert_eq!(RulesStore::open(path).get().rules.len(), 1);
    }

    #[test]
    fn without_a_data_directory_no_rule_is_made() {
        let store = RulesStore::unsaved("no home".into());
        assert!(matches!(
            store.add(vec![rule("/w", "bash", "ls")]),
            Err(RulesError::NoDataDir { .. })
        ));
    }
}
