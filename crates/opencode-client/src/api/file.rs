//! `/file` and `/vcs/status`: the project's files, their contents and git status.

use crate::types::{FileContent, FileNode, VcsFileStatus};
use crate::{Client, Result};
use reqwest::Method;

impl Client {
    /// One directory level, relative to the project (`"."` for its root).
    pub async fn list_files(&self, path: &str) -> Result<Vec<FileNode>> {
        self.call(Method::GET, "/file")
            .query("path", path)
            .decode()
            .await
    }

    pub async fn file_content(&self, path: &str) -> Result<FileContent> {
        self.call(Method::GET, "/file/content")
            .query("path", path)
            .decode()
            .await
    }

    /// Files git sees as changed (untracked ones as "added"). This is `/vcs/status`: the older
    /// `/file/status` still exists in 1.18.33 but answers an empty list.
    pub async fn file_status(&self) -> Result<Vec<VcsFileStatus>> {
        self.call(Method::GET, "/vcs/status").decode().await
    }
}
