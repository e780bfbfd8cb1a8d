//! One change the user makes, checked before anything is written: what OpenCode would refuse,
//! or accept and then fail on (a model it does not have, an agent that cannot lead), is refused
//! here with a sentence for the field. Also how a pattern joins a tool that has a plain action.

use super::project_file::Edit;
use super::ConfigChange;
use crate::error::{CommandError, ErrorKind};
use opencode_client::Client;
use serde_json::{json, Map, Value};

/// What validation may look up on the server: the models and agents it offers.
pub struct Choices {
    pub models: Vec<String>,
    /// (name, mode) of each agent.
    pub agents: Vec<(String, String)>,
}

impl Choices {
    pub async fn fetch(client: &Client) -> Result<Choices, CommandError> {
        let (providers, agents) = tokio::try_join!(client.config_providers(), client.agents())?;
        let models = providers
            .providers
            .iter()
            .flat_map(|p| p.models.keys().map(move |m| format!("{}/{m}", p.id)))
            .collect();
        let agents = agents.into_iter().map(|a| (a.name, a.mode)).collect();
        Ok(Choices { models, agents })
    }
}

pub(super) fn invalid(message: impl Into<String>) -> CommandError {
    CommandError::new(ErrorKind::InvalidInput, message)
}

const ACTIONS: [&str; 3] = ["ask", "allow", "deny"];

/// Refuses what OpenCode would refuse (or accept and then fail on: a model it does not have,
/// an agent that cannot lead). Returns the change's JSON path and value.
pub fn validate(change: &ConfigChange, choices: &Choices) -> Result<Edit, CommandError> {
    let edit = |path: &[&str], value: Option<Value>| Edit {
        path: path.iter().map(|s| s.to_string()).collect(),
        value,
    };
    Ok(match change {
        ConfigChange::Model { value } | ConfigChange::SmallModel { value } => {
            let value = value.trim();
            let Some((provider, model)) = value.split_once('/') else {
                return Err(invalid(format!(
                    "“{value}” is not a model: write it as provider/model, e.g. anthropic/claude-sonnet-4-5."
                )));
            };
            if provider.is_empty() || model.is_empty() {
                return Err(invalid("Write the model as provider/model."));
            }
            if !choices.models.iter().any(|m| m == value) {
                return Err(invalid(format!(
                    "This OpenCode has no model “{value}”: connect its provider first, or pick one from the list."
                )));
            }
            let key = match change {
                ConfigChange::Model { .. } => "model",
                _ => "small_model",
            };
            edit(&[key], Some(json!(value)))
        }
        ConfigChange::DefaultAgent { value } => {
            match choices.agents.iter().find(|(name, _)| name == value) {
                None => return Err(invalid(format!("This OpenCode has no agent “{value}”."))),
                Some((_, mode)) if mode == "subagent" => {
                    return Err(invalid(format!(
                        "“{value}” is a subagent: only a primary agent can be the default."
                    )))
                }
                Some(_) => edit(&["default_agent"], Some(json!(value))),
            }
        }
        ConfigChange::Share { value } => {
            if !["manual", "auto", "disabled"].contains(&value.as_str()) {
                return Err(invalid("Sharing is manual, auto or disabled."));
            }
            edit(&["share"], Some(json!(value)))
        }
        ConfigChange::Autoupdate { value } => {
            let value = match value.as_str() {
                "true" => json!(true),
                "false" => json!(false),
                "notify" => json!("notify"),
                _ => return Err(invalid("Updates are on, off or notify.")),
            };
            edit(&["autoupdate"], Some(value))
        }
        ConfigChange::Permission {
            tool,
            pattern,
            action,
        } => {
            check_tool(tool)?;
            if !ACTIONS.contains(&action.as_str()) {
                return Err(invalid("A permission is ask, allow or deny."));
            }
            match pattern {
                None => edit(&["permission", tool], Some(json!(action))),
                Some(pattern) => {
                    check_pattern(pattern)?;
                    edit(&["permission", tool, pattern], Some(json!(action)))
                }
            }
        }
        ConfigChange::RemovePermission { tool, pattern } => {
            check_tool(tool)?;
            check_pattern(pattern)?;
            edit(&["permission", tool, pattern], None)
        }
    })
}

fn check_tool(tool: &str) -> Result<(), CommandError> {
    if tool.is_empty() || tool.chars().any(char::is_whitespace) {
        return Err(invalid("A tool name is one word, e.g. bash or edit."));
    }
    Ok(())
}

fn check_pattern(pattern: &str) -> Result<(), CommandError> {
    if pattern.trim().is_empty() {
        return Err(invalid("Write a pattern, e.g. git status or npm *."));
    }
    Ok(())
}

/// A pattern rule for a tool whose layer holds one action for it (`"bash": "ask"`) keeps that
/// action as the `"*"` pattern, as OpenCode reads a plain action.
pub(super) fn widen(edit: Edit, layer: &Value) -> Vec<Edit> {
    if edit.path.len() == 3 && edit.value.is_some() {
        let tool_path = [edit.path[0].as_str(), edit.path[1].as_str()];
        if let Some(action @ Value::String(_)) = super::at(layer, &tool_path) {
            let mut object = Map::new();
            object.insert("*".into(), action.clone());
            object.insert(edit.path[2].clone(), edit.value.clone().unwrap_or_default());
            let path = tool_path.iter().map(|s| s.to_string()).collect();
            return vec![Edit {
                path,
                value: Some(Value::Object(object)),
            }];
        }
    }
    // A whole-tool action over patterns goes to "*", so the patterns stay.
    if edit.path.len() == 2 {
        let tool_path = [edit.path[0].as_str(), edit.path[1].as_str()];
        if let Some(Value::Object(_)) = super::at(layer, &tool_path) {
            let mut path = edit.path.clone();
            path.push("*".into());
            return vec![Edit { path, ..edit }];
        }
    }
    vec![edit]
}
