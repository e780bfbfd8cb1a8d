//! `/experimental/tool/ids`: the tools the server has.
//!
//! Measured on 1.18.33: the built-in tools only (`bash`, `read`, `edit`, ...); a connected MCP
//! server's tools are not in it (nor in `/experimental/tool`), though the model is offered them
//! (as `<server>_<tool>`). So it cannot tell whether an MCP server's tools reached the agent.

use crate::{Client, Result};
use reqwest::Method;

impl Client {
    pub async fn tool_ids(&self) -> Result<Vec<String>> {
        self.call(Method::GET, "/experimental/tool/ids")
            .decode()
            .await
    }
}
