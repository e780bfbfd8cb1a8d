//! OpenCode's own settings (not the app's): default and small model, default agent, permission
//! rules per tool, share mode, autoupdate. Each with where its value comes from, and written to
//! the scope the user picks. Tauri-free, so it is tested against the real server.
//!
//! Where each value comes from: the global layer is `GET /global/config`, the project layer the
//! project's own files (read here when the server runs on this machine), the value in force is
//! `GET /config` (merged). On a remote server the project files cannot be read, so a value is
//! "project" when the merged one differs from the global one.
//!
//! Writing (measured on 1.18.33, `crates/opencode-client/tests/real_server/config.rs`):
//! - global: `PATCH /global/config`. The server validates (a rejected value is a 400 naming the
//!   field, nothing written), keeps the rest of the file byte for byte, and applies it at once.
//! - project: `PATCH /config` writes a `config.json` the server never reads, so the app edits
//!   the project's `opencode.json(c)` itself (`project_file.rs`, comments and layout kept), after
//!   validating here: a project file the server rejects breaks that project's instance until the
//!   server restarts. The server reads it after `POST /instance/dispose`, which ends the
//!   instance's work, so that waits until no session is busy. Remote servers: global only.
//!
//! The invariant a reader could break: nothing reaches a file or the server before `validate`
//! has passed, and each change is one write (one PATCH, or one atomic file replace).

mod change;
mod project_file;

pub use change::{validate, Choices};

use crate::error::{CommandError, ErrorKind};
use crate::when_idle::{self, When};
use change::{invalid, widen};
use opencode_client::Client;
use project_file::{Edit, FileError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Where a change is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    Project,
    Global,
}

/// Where a value in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    Project,
    Global,
    /// Set nowhere: OpenCode's built-in behaviour.
    Default,
}

/// One setting: its value in force (as text: `"true"`, `"notify"`, `"provider/model"`) and
/// where it comes from. `None` when it is OpenCode's default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ConfigValue {
    pub value: Option<String>,
    pub origin: Origin,
}

/// One permission rule: `tool` with no pattern is the whole tool's action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PermissionRuleView {
    pub tool: String,
    pub pattern: Option<String>,
    pub action: String,
    pub origin: Origin,
}

/// What the settings screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct OpencodeConfigView {
    pub model: ConfigValue,
    pub small_model: ConfigValue,
    pub default_agent: ConfigValue,
    pub share: ConfigValue,
    pub autoupdate: ConfigValue,
    pub permissions: Vec<PermissionRuleView>,
    /// The project's config files that exist, lowest precedence first (local servers).
    pub project_files: Vec<String>,
    /// Why project-scope changes cannot be made here (a remote server), if so.
    pub project_unavailable: Option<String>,
}

/// One change the user makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "key", rename_all = "camelCase")]
pub enum ConfigChange {
    /// `"provider/model"`.
    Model {
        value: String,
    },
    SmallModel {
        value: String,
    },
    DefaultAgent {
        value: String,
    },
    /// manual, auto or disabled.
    Share {
        value: String,
    },
    /// `"true"`, `"false"` or `"notify"`.
    Autoupdate {
        value: String,
    },
    /// ask, allow or deny, for the whole tool (`pattern: None`) or for one pattern.
    Permission {
        tool: String,
        pattern: Option<String>,
        action: String,
    },
    RemovePermission {
        tool: String,
        pattern: String,
    },
}

/// What a saved change did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ConfigSaved {
    /// OpenCode already uses it.
    pub applied: bool,
    /// A sentence for the user.
    pub message: String,
}

/// The project directory of `client` when the server runs on this machine (loopback, and the
/// directory exists here), else why project changes cannot be made.
async fn local_project(client: &Client) -> Result<Result<PathBuf, String>, CommandError> {
    let path = client.path().await?;
    let loopback = matches!(
        client.base_url().host_str(),
        Some("127.0.0.1" | "localhost" | "[::1]" | "::1")
    );
    let dir = PathBuf::from(&path.directory);
    Ok(if loopback && dir.is_dir() {
        Ok(dir)
    } else {
        Err(
            "This server runs on another computer: its project files cannot be changed from \
             here, only the global config."
                .into(),
        )
    })
}

/// Reads every setting with its origin.
pub async fn read(client: &Client) -> Result<OpencodeConfigView, CommandError> {
    let (merged, global) = tokio::try_join!(client.config(), client.global_config())?;
    let (project, files, unavailable) = match local_project(client).await? {
        Ok(dir) => {
            let layers = project_file::read_layers(&dir).map_err(file_error)?;
            let files = layers
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            (Some(project_file::merged(&layers)), files, None)
        }
        Err(why) => (None, Vec::new(), Some(why)),
    };
    Ok(summarize(
        &merged,
        &global,
        project.as_ref(),
        files,
        unavailable,
    ))
}

/// The view from the three layers. Pure.
pub fn summarize(
    merged: &Value,
    global: &Value,
    project: Option<&Value>,
    project_files: Vec<String>,
    project_unavailable: Option<String>,
) -> OpencodeConfigView {
    let value = |key: &str| setting(&[key], merged, global, project);
    let mut permissions = Vec::new();
    if let Some(Value::Object(tools)) = in_force(&["permission"], merged, project) {
        for (tool, rule) in tools {
            match rule {
                Value::Object(patterns) => {
                    for (pattern, action) in patterns {
                        let path = ["permission", tool.as_str(), pattern.as_str()];
                        permissions.push(PermissionRuleView {
                            tool: tool.clone(),
                            pattern: Some(pattern.clone()),
                            action: text(&action).unwrap_or_default(),
                            origin: origin(&path, merged, global, project),
                        });
                    }
                }
                action => permissions.push(PermissionRuleView {
                    tool: tool.clone(),
                    pattern: None,
                    action: text(&action).unwrap_or_default(),
                    origin: origin(&["permission", &tool], merged, global, project),
                }),
            }
        }
    }
    OpencodeConfigView {
        model: value("model"),
        small_model: value("small_model"),
        default_agent: value("default_agent"),
        share: value("share"),
        autoupdate: value("autoupdate"),
        permissions,
        project_files,
        project_unavailable,
    }
}

fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

/// The value in force: the project file's when there is one (saved there, perhaps not yet
/// loaded by a busy instance), else the server's merged one.
fn in_force<'a>(path: &[&str], merged: &'a Value, project: Option<&'a Value>) -> Option<Value> {
    let from_project = project.and_then(|p| at(p, path));
    match (from_project, at(merged, path)) {
        (Some(p @ Value::Object(_)), Some(m @ Value::Object(_))) => {
            let mut both = m.clone();
            project_file::merge(&mut both, p);
            Some(both)
        }
        (Some(p), _) => Some(p.clone()),
        (None, m) => m.cloned(),
    }
}

fn origin(path: &[&str], merged: &Value, global: &Value, project: Option<&Value>) -> Origin {
    if let Some(project) = project {
        if at(project, path).is_some() {
            return Origin::Project;
        }
    }
    match (at(merged, path), at(global, path)) {
        (None, None) => Origin::Default,
        (_, Some(_)) if project.is_some() => Origin::Global,
        (Some(m), Some(g)) if m == g => Origin::Global,
        (None, Some(_)) => Origin::Global,
        _ => Origin::Project,
    }
}

fn setting(path: &[&str], merged: &Value, global: &Value, project: Option<&Value>) -> ConfigValue {
    let value = in_force(path, merged, project).as_ref().and_then(text);
    let origin = match value {
        None => Origin::Default,
        Some(_) => origin(path, merged, global, project),
    };
    ConfigValue { value, origin }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Validates `change` and writes it to `scope`.
pub async fn set(
    client: &Client,
    scope: Scope,
    change: &ConfigChange,
) -> Result<ConfigSaved, CommandError> {
    let choices = Choices::fetch(client).await?;
    let edit = validate(change, &choices)?;
    match scope {
        Scope::Global => set_global(client, edit).await,
        Scope::Project => {
            let dir = local_project(client).await?.map_err(invalid)?;
            set_project(client, &dir, edit).await
        }
    }
}

async fn set_global(client: &Client, edit: Edit) -> Result<ConfigSaved, CommandError> {
    if edit.value.is_none() {
        return Err(invalid(
            "OpenCode cannot remove a global rule through its server (1.18.33): remove it from \
             the global opencode.jsonc by hand.",
        ));
    }
    let global = client.global_config().await?;
    if edit.path.len() == 3 {
        let tool = &edit.path[1];
        if let Some(Value::String(action)) = at(&global, &["permission", tool]) {
            // Measured on 1.18.33: the server answers a 500 ("Can not add index to parent of
            // type string") and writes nothing when a plain action is to become patterns.
            return Err(invalid(format!(
                "The global config says “{tool}: {action}” for every {tool} call, and OpenCode \
                 cannot turn that into patterns through its server: add the pattern to this \
                 project, or change the global opencode.jsonc by hand."
            )));
        }
    }
    let mut patch = Value::Object(Map::new());
    for edit in widen(edit, &global) {
        let mut at = &mut patch;
        let (last, parents) = edit.path.split_last().expect("paths are never empty");
        for key in parents {
            at = at
                .as_object_mut()
                .expect("built from objects")
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        at.as_object_mut()
            .expect("built from objects")
            .insert(last.clone(), edit.value.unwrap_or_default());
    }
    client
        .update_global_config(&patch)
        .await
        .map_err(|error| match error {
            opencode_client::Error::BadRequest { message, .. } => {
                invalid(format!("OpenCode refused it: {message}"))
            }
            other => other.into(),
        })?;
    Ok(ConfigSaved {
        applied: true,
        message: "Saved in the global config.".into(),
    })
}

async fn set_project(client: &Client, dir: &Path, edit: Edit) -> Result<ConfigSaved, CommandError> {
    let layers = project_file::read_layers(dir).map_err(file_error)?;
    let file = project_file::file_for(dir, &layers, &edit.path[0]);
    let layer = layers
        .iter()
        .find(|(p, _)| *p == file)
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Null);
    project_file::apply(&file, &widen(edit, &layer)).map_err(file_error)?;
    let name = file
        .strip_prefix(dir)
        .unwrap_or(&file)
        .display()
        .to_string();
    Ok(reload(client.clone(), &format!("Saved in {name}.")).await)
}

fn file_error(error: FileError) -> CommandError {
    tracing::warn!(%error, "project config file");
    let kind = match error {
        FileError::Parse { .. } | FileError::Shape { .. } => ErrorKind::InvalidInput,
        FileError::Read { .. } | FileError::Write { .. } => ErrorKind::Internal,
    };
    CommandError::new(kind, error.to_string())
}

/// Makes the instance read its project files again: now when no session is busy, else once
/// none is (`when_idle`), as the disposal ends the instance's work.
pub async fn reload(client: Client, saved: &str) -> ConfigSaved {
    let dispose = |client: Client| async move { client.dispose_instance().await };
    match when_idle::run(client, "reload the project config", dispose).await {
        When::Now(Ok(_)) => ConfigSaved {
            applied: true,
            message: saved.to_owned(),
        },
        When::Now(Err(error)) => ConfigSaved {
            applied: false,
            message: format!("{saved} OpenCode uses it after a restart ({error})."),
        },
        When::Later => ConfigSaved {
            applied: false,
            message: format!("{saved} OpenCode uses it when the reply in progress finishes."),
        },
    }
}

#[cfg(test)]
mod tests;
