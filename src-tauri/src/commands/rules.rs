//! The app's permission rules (`rules.rs`): list, make one from a waiting request, remove.

use crate::answer::{self, Reply};
use crate::attention::Request;
use crate::attention_feed::Latest;
use crate::error::{CommandError, ErrorKind};
use crate::rules::{Rule, Rules, RulesStore};
use crate::state::AppState;
use opencode_client::types::PermissionReply;
use tauri::State;

/// The rules kept, and a problem reading their file.
#[tauri::command]
#[specta::specta]
pub async fn list_rules(store: State<'_, RulesStore>) -> Result<Rules, CommandError> {
    Ok(store.get())
}

/// "Always allow here": keeps a rule for each pattern of waiting permission request
/// `request_id` in its server's project, then answers it "once" (the rule answers the next
/// ones). Returns the rules as saved.
#[tauri::command]
#[specta::specta]
pub async fn allow_always_here(
    state: State<'_, AppState>,
    store: State<'_, RulesStore>,
    latest: State<'_, Latest>,
    request_id: String,
) -> Result<Rules, CommandError> {
    // The feed knows every server's waiting requests: the request says which server it is.
    let found = latest.now().into_iter().find_map(|(server_id, attention)| {
        attention.waiting.into_iter().find_map(|w| match w.request {
            Request::Permission(p) if p.id == request_id => Some((server_id.clone(), p)),
            _ => None,
        })
    });
    let Some((server_id, request)) = found else {
        return Err(CommandError::new(
            ErrorKind::NotFound,
            answer::ALREADY_ANSWERED,
        ));
    };
    let Some(project) = state.servers.directory(&server_id) else {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "This server has no project, so a rule has nowhere to apply.",
        ));
    };
    let rules = request
        .patterns
        .iter()
        .map(|pattern| Rule {
            project: project.clone(),
            permission: request.permission.clone(),
            pattern: pattern.clone(),
        })
        .collect::<Vec<_>>();
    if rules.is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "This request names nothing to allow; answer it on its card.",
        ));
    }
    let saved = store.add(rules)?;
    let client = state.servers.client(&server_id)?;
    answer::send(
        &client,
        &request_id,
        &Reply::Permission(PermissionReply::Once),
    )
    .await?;
    Ok(saved)
}

/// Removes `rule`; returns the rules left.
#[tauri::command]
#[specta::specta]
pub async fn remove_rule(store: State<'_, RulesStore>, rule: Rule) -> Result<Rules, CommandError> {
    Ok(store.remove(&rule)?)
}
