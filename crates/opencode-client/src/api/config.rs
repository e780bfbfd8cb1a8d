//! `/config`, `/global/config`, `/provider`, `/agent`, `/command`: what the user can configure and
//! pick from. Config patches are raw JSON: the server's schema is large and changes often, and a
//! patch must carry only what the user changed.

use crate::types::{Agent, Command, ConfigProviders, ProviderList};
use crate::{Client, Result};
use reqwest::Method;

impl Client {
    /// The merged configuration, as raw JSON (large, and its schema changes often).
    pub async fn config(&self) -> Result<serde_json::Value> {
        self.call(Method::GET, "/config").decode().await
    }

    /// Merges `patch` into the project's config. Careful: 1.18.33 writes `<project>/config.json`,
    /// which it never reads (`tests/real_server/config.rs`), so the app edits project files
    /// itself. A rejected value is `BadRequest` naming the field, and nothing is written.
    pub async fn update_config(&self, patch: &serde_json::Value) -> Result<serde_json::Value> {
        self.call(Method::PATCH, "/config")
            .json(patch)
            .decode()
            .await
    }

    /// The user's global configuration alone (`~/.config/opencode`), not merged with the project's.
    pub async fn global_config(&self) -> Result<serde_json::Value> {
        self.call(Method::GET, "/global/config").decode().await
    }

    /// Merges `patch` into the global `opencode.jsonc` (comments and untouched lines kept; `null`
    /// removes a key; the running instance sees it at once). Returns the new global config.
    pub async fn update_global_config(
        &self,
        patch: &serde_json::Value,
    ) -> Result<serde_json::Value> {
        self.call(Method::PATCH, "/global/config")
            .json(patch)
            .decode()
            .await
    }

    /// The configured providers and their models: small, for the model picker.
    pub async fn config_providers(&self) -> Result<ConfigProviders> {
        self.call(Method::GET, "/config/providers").decode().await
    }

    /// The whole provider catalogue (several MB, seconds on a first call): never on the first
    /// screen's path; cache it.
    pub async fn providers(&self) -> Result<ProviderList> {
        self.call(Method::GET, "/provider")
            .no_timeout()
            .decode()
            .await
    }

    pub async fn agents(&self) -> Result<Vec<Agent>> {
        self.call(Method::GET, "/agent").decode().await
    }

    pub async fn commands(&self) -> Result<Vec<Command>> {
        self.call(Method::GET, "/command").decode().await
    }
}
