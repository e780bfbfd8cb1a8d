//! `/find`: text, file-name and symbol search.

use crate::types::{FindMatch, Symbol};
use crate::{Client, Result};
use reqwest::Method;

impl Client {
    /// Lines matching `pattern` (a ripgrep regex) across the project.
    pub async fn find_text(&self, pattern: &str) -> Result<Vec<FindMatch>> {
        self.call(Method::GET, "/find")
            .query("pattern", pattern)
            .decode()
            .await
    }

    /// Paths matching `query` fuzzily; `dirs` includes directories.
    pub async fn find_files(
        &self,
        query: &str,
        dirs: bool,
        limit: Option<u32>,
    ) -> Result<Vec<String>> {
        self.call(Method::GET, "/find/file")
            .query("query", query)
            .query("dirs", dirs)
            .query_opt("limit", limit)
            .decode()
            .await
    }

    /// Workspace symbols from the language servers (empty when none runs).
    pub async fn find_symbols(&self, query: &str) -> Result<Vec<Symbol>> {
        self.call(Method::GET, "/find/symbol")
            .query("query", query)
            .decode()
            .await
    }
}
