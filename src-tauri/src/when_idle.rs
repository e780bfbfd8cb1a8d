//! Changes that reload a server's instance (a dispose after a new key or a project config edit, a
//! global config PATCH after an MCP server is added) end the work in progress, so they are made
//! only when no session of the server is busy: at once when none is, else in the background once
//! none is (looked at every 2 s, for up to 10 minutes). The caller says which happened.

use opencode_client::types::SessionStatus;
use opencode_client::Client;
use std::future::Future;
use std::time::Duration;

const LOOK_EVERY: Duration = Duration::from_secs(2);
const LOOKS: u32 = 300;

/// What became of the change.
pub enum When<T> {
    /// Made now: its outcome.
    Now(opencode_client::Result<T>),
    /// A reply is in progress: it is made once none is.
    Later,
}

/// Makes `change` now if no session of `client`'s server is busy, else once none is. `what`
/// names it in the log if the later attempt fails.
pub async fn run<T, F, Fut>(client: Client, what: &'static str, change: F) -> When<T>
where
    T: Send + 'static,
    F: Fn(Client) -> Fut + Send + 'static,
    Fut: Future<Output = opencode_client::Result<T>> + Send,
{
    if !busy(&client).await {
        return When::Now(change(client.clone()).await);
    }
    tauri::async_runtime::spawn(async move {
        for _ in 0..LOOKS {
            tokio::time::sleep(LOOK_EVERY).await;
            if !busy(&client).await {
                if let Err(error) = change(client.clone()).await {
                    tracing::warn!(%error, "could not {what} after the reply in progress");
                }
                return;
            }
        }
        tracing::warn!("gave up waiting to {what}: a session stayed busy");
    });
    When::Later
}

/// Whether a session of the server is replying (or retrying). Not knowing counts as busy: a
/// reload mid-reply would cost the user the reply.
pub async fn busy(client: &Client) -> bool {
    match client.session_statuses().await {
        Ok(statuses) => statuses
            .values()
            .any(|s| matches!(s, SessionStatus::Busy | SessionStatus::Retry { .. })),
        Err(_) => true,
    }
}
