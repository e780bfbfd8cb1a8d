//! `/config`, `/provider`, `/agent`, `/command`: what the user can configure and pick from.

use crate::types::{Agent, Command, ConfigProviders, ProviderList};
use crate::{Client, Result};
use reqwest::Method;

impl Client {
    /// The merged configuration, as raw JSON (large, and its schema changes often).
    pub async fn config(&self) -> Result<serde_json::Value> {
        self.call(Method::GET, "/config").decode().await
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
