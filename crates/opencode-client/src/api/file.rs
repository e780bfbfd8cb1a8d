//! `/file` and `/vcs`: the project's files, their contents, and git's view of the working tree.

use crate::types::{FileContent, FileNode, SnapshotFileDiff, VcsFileStatus, VcsInfo};
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

    /// The branch checked out (none outside git, or on a detached head).
    pub async fn vcs_info(&self) -> Result<VcsInfo> {
        self.call(Method::GET, "/vcs").decode().await
    }

    /// The working tree's uncommitted changes, file by file with their patches (`mode=git`:
    /// against the last commit, as `git diff HEAD` plus untracked files).
    pub async fn vcs_diff(&self) -> Result<Vec<SnapshotFileDiff>> {
        self.call(Method::GET, "/vcs/diff")
            .query("mode", "git")
            .decode()
            .await
    }
}
