//! What the composer offers: the configured models, the agents and the `/` commands.

use crate::error::CommandError;
use crate::state::AppState;
use opencode_client::types::{Agent, Command, ConfigProviders};
use tauri::State;

/// The providers the user configured, their models, and each provider's default model. (Not the
/// whole catalogue of every provider, which is several MB.) The model the user's config names
/// (`"model": "provider/model"`) comes first: its provider leads the list, with that model as its
/// default, so a picker that offers "the first provider's default" offers what OpenCode would use.
#[tauri::command]
#[specta::specta]
pub async fn list_models(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<ConfigProviders, CommandError> {
    let client = state.servers.client(&server_id)?;
    let (mut providers, config) = tokio::try_join!(client.config_providers(), client.config())?;
    if let Some(configured) = config.get("model").and_then(|m| m.as_str()) {
        prefer_model(&mut providers, configured);
    }
    Ok(providers)
}

/// Moves the provider of `configured` ("provider/model") first and makes that model its default.
fn prefer_model(providers: &mut ConfigProviders, configured: &str) {
    let Some((provider_id, model_id)) = configured.split_once('/') else {
        return;
    };
    let Some(at) = providers.providers.iter().position(|p| p.id == provider_id) else {
        return;
    };
    if !providers.providers[at].models.contains_key(model_id) {
        return;
    }
    let provider = providers.providers.remove(at);
    providers.providers.insert(0, provider);
    providers
        .default
        .insert(provider_id.to_string(), model_id.to_string());
}

#[tauri::command]
#[specta::specta]
pub async fn list_agents(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Agent>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.agents().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_commands(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Command>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.commands().await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalogue() -> ConfigProviders {
        serde_json::from_value(json!({
            "providers": [
                {"id": "opencode", "name": "OpenCode", "models": {
                    "big-pickle": {"id": "big-pickle", "name": "Big Pickle"}}},
                {"id": "fake", "name": "Fake", "models": {
                    "a": {"id": "a", "name": "A"}, "b": {"id": "b", "name": "B"}}},
            ],
            "default": {"opencode": "big-pickle", "fake": "a"}
        }))
        .expect("catalogue")
    }

    #[test]
    fn the_configured_model_leads() {
        let mut providers = catalogue();
        prefer_model(&mut providers, "fake/b");
        assert_eq!(providers.providers[0].id, "fake");
        assert_eq!(providers.default["fake"], "b");
        assert_eq!(providers.providers.len(), 2);
    }

    #[test]
    fn an_unknown_or_malformed_configured_model_changes_nothing() {
        for configured in ["fake/zzz", "nope/a", "no-slash"] {
            let mut providers = catalogue();
            prefer_model(&mut providers, configured);
            assert_eq!(providers, catalogue(), "{configured}");
        }
    }
}
