//! `/global/health`, `/path` and `/project`.

use crate::types::{Health, PathInfo, Project};
use crate::{Client, Result};
use reqwest::Method;

impl Client {
    /// Whether the server is up, and its version. Cheap: use it to probe and to check a password.
    pub async fn health(&self) -> Result<Health> {
        self.call(Method::GET, "/global/health").decode().await
    }

    pub async fn path(&self) -> Result<PathInfo> {
        self.call(Method::GET, "/path").decode().await
    }

    pub async fn projects(&self) -> Result<Vec<Project>> {
        self.call(Method::GET, "/project").decode().await
    }

    /// The project of this client's directory.
    pub async fn current_project(&self) -> Result<Project> {
        self.call(Method::GET, "/project/current").decode().await
    }
}
