//! The throwaway world a test server lives in: one temp dir holding a fresh HOME (with every
//! XDG dir, TMPDIR and OpenCode's "managed config" dir inside it) and a small committed git
//! project whose `opencode.json` points at the fake model. It also computes the environment
//! the server runs with. It does not start processes other than `git`.
//!
//! Two quirks of OpenCode 1.18 shape the files written here, and a change that drops them makes
//! tests slower or flaky rather than failing outright:
//! - at startup OpenCode runs a background `npm install @opencode-ai/plugin` in the global
//!   config dir (31 MB from the public registry, or a warning when offline) unless that dir
//!   already has `node_modules/` and a `package-lock.json` listing the package; we seed both.
//! - it rewrites a project `opencode.json` that lacks `"$schema"`, which would leave the git
//!   tree dirty; ours carries it.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::TestkitError;

const SCHEMA: &str = "https://opencode.ai/config.json";

/// Temp HOME plus temp git project. Everything is deleted when this is dropped.
pub(crate) struct World {
    // Held for its Drop, which deletes the whole tree.
    _root: TempDir,
    pub home: PathBuf,
    pub project: PathBuf,
    tmp: PathBuf,
    managed_config: PathBuf,
    xdg_config_dirs: PathBuf,
}

impl World {
    /// Creates the dirs, the global config seed and the committed project with `config`
    /// as its `opencode.json`.
    pub fn create(config: &Value) -> Result<World, TestkitError> {
        let root = tempfile::Builder::new()
            .prefix("opencode-testkit-")
            .tempdir()
            .map_err(TestkitError::io("create a temp dir"))?;
        // Canonical, so paths equal what the server reports (macOS: /var is /private/var).
        let base = root
            .path()
            .canonicalize()
            .map_err(TestkitError::io("resolve the temp dir"))?;
        let world = World {
            home: base.join("home"),
            project: base.join("project"),
            tmp: base.join("tmp"),
            managed_config: base.join("managed-config"),
            xdg_config_dirs: base.join("xdg-config-dirs"),
            _root: root,
        };
        for dir in [
            &world.home,
            &world.project,
            &world.tmp,
            &world.managed_config,
        ] {
            mkdir(dir)?;
        }
        mkdir(&world.xdg_config_dirs)?;
        for xdg in [".config", ".cache", ".local/share", ".local/state"] {
            mkdir(&world.home.join(xdg))?;
        }
        world.seed_global_config()?;
        world.write_project(config)?;
        Ok(world)
    }

    fn seed_global_config(&self) -> Result<(), TestkitError> {
        let dir = self.home.join(".config").join("opencode");
        mkdir(&dir.join("node_modules"))?;
        let deps = json!({ "@opencode-ai/plugin": "*" });
        write_json(&dir.join("package.json"), &json!({ "dependencies": deps }))?;
        let lock = json!({
            "lockfileVersion": 3,
            "requires": true,
            "packages": { "": { "dependencies": deps } },
        });
        write_json(&dir.join("package-lock.json"), &lock)
    }

    fn write_project(&self, config: &Value) -> Result<(), TestkitError> {
        let p = &self.project;
        write(
            &p.join("README.md"),
            "# Demo project\n\nA tiny project for OpenCode tests.\n",
        )?;
        mkdir(&p.join("src"))?;
        write(
            &p.join("src").join("main.rs"),
            "fn main() {\n    println!(\"Hello from the demo project\");\n}\n",
        )?;
        write(&p.join(".gitignore"), "target/\n")?;
        write_json(&p.join("opencode.json"), config)?;
        self.git(&["init", "--quiet", "--initial-branch=main"])?;
        self.git(&["config", "user.name", "Testkit"])?;
        self.git(&["config", "user.email", "testkit@example.invalid"])?;
        self.git(&["config", "commit.gpgsign", "false"])?;
        self.git(&["add", "--all"])?;
        self.git(&["commit", "--quiet", "--message", "Initial commit"])?;
        Ok(())
    }

    fn git(&self, args: &[&str]) -> Result<(), TestkitError> {
        let command = format!("git {}", args.join(" "));
        let mut git = Command::new("git");
        git.args(args).current_dir(&self.project);
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("GIT_") {
                git.env_remove(&key);
            }
        }
        let output = git
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .map_err(TestkitError::io(format!("run `{command}`")))?;
        if output.status.success() {
            return Ok(());
        }
        Err(TestkitError::Command {
            command,
            status: output.status.to_string(),
            output: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    /// Variables to set for the server on top of the inherited environment, which must first
    /// lose every `OPENCODE_*` and `GIT_*` variable (see `process::spawn`).
    pub fn env(&self) -> Vec<(OsString, OsString)> {
        let home = &self.home;
        let paths = [
            ("HOME", home.clone()),
            ("USERPROFILE", home.clone()),
            ("XDG_CONFIG_HOME", home.join(".config")),
            ("XDG_DATA_HOME", home.join(".local/share")),
            ("XDG_CACHE_HOME", home.join(".cache")),
            ("XDG_STATE_HOME", home.join(".local/state")),
            ("XDG_CONFIG_DIRS", self.xdg_config_dirs.clone()),
            ("TMPDIR", self.tmp.clone()),
            // Read by OpenCode instead of /etc/opencode, so a machine-wide config cannot leak in.
            (
                "OPENCODE_TEST_MANAGED_CONFIG_DIR",
                self.managed_config.clone(),
            ),
        ];
        let flags = [
            ("OPENCODE_DISABLE_AUTOUPDATE", "1"),
            ("OPENCODE_DISABLE_MODELS_FETCH", "1"),
            ("OPENCODE_DISABLE_LSP_DOWNLOAD", "1"),
            ("OPENCODE_DISABLE_DEFAULT_PLUGINS", "1"),
            ("OPENCODE_DISABLE_CLAUDE_CODE", "1"),
            ("GIT_CONFIG_NOSYSTEM", "1"),
            ("NO_PROXY", "127.0.0.1,localhost"),
            ("no_proxy", "127.0.0.1,localhost"),
            ("NO_COLOR", "1"),
        ];
        let paths = paths
            .into_iter()
            .map(|(k, v)| (k.into(), v.into_os_string()));
        paths
            .chain(flags.into_iter().map(|(k, v)| (k.into(), v.into())))
            .collect()
    }
}

/// The project's `opencode.json`: the fake model's entries, quiet defaults, then `extra`
/// merged over them (objects merge key by key; anything else replaces).
pub(crate) fn project_config(model_config: &Value, extra: Option<&Value>) -> Value {
    let mut config = json!({ "$schema": SCHEMA, "autoupdate": false, "share": "disabled" });
    merge(&mut config, model_config);
    if let Some(extra) = extra {
        merge(&mut config, extra);
    }
    config
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                match target.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

fn mkdir(path: &Path) -> Result<(), TestkitError> {
    fs::create_dir_all(path).map_err(TestkitError::io(format!("create {}", path.display())))
}

fn write(path: &Path, text: &str) -> Result<(), TestkitError> {
    fs::write(path, text).map_err(TestkitError::io(format!("write {}", path.display())))
}

fn write_json(path: &Path, value: &Value) -> Result<(), TestkitError> {
    // Serializing a `Value` cannot fail: its map keys are always strings.
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    write(path, &format!("{text}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_config_merges_objects_and_replaces_the_rest() {
        let model = json!({ "provider": { "fake": { "name": "Fake" } }, "model": "fake/a" });
        let extra = json!({
            "provider": { "fake": { "x": 1 } },
            "model": "fake/b",
            "permission": { "bash": "allow" },
        });
        let config = project_config(&model, Some(&extra));
        assert_eq!(
            config["provider"]["fake"],
            json!({ "name": "Fake", "x": 1 })
        );
        assert_eq!(config["model"], "fake/b");
        assert_eq!(config["permission"]["bash"], "allow");
        assert_eq!(config["$schema"], SCHEMA);
        assert_eq!(config["share"], "disabled");
    }

    #[test]
    fn world_is_a_clean_committed_git_project_with_the_config() {
        let world = World::create(&json!({ "model": "fake/fake-model" })).unwrap();
        let config: Value =
            serde_json::from_str(&fs::read_to_string(world.project.join("opencode.json")).unwrap())
                .unwrap();
        assert_eq!(config["model"], "fake/fake-model");
        let status = Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(&world.project)
            .output()
            .unwrap();
        assert!(status.status.success());
        assert_eq!(String::from_utf8_lossy(&status.stdout), "");
        assert!(world
            .home
            .join(".config/opencode/package-lock.json")
            .is_file());
        let env = world.env();
        assert!(env
            .iter()
            .any(|(k, v)| k == "HOME" && *v == world.home.clone().into_os_string()));
    }
}
