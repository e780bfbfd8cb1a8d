//! The one list of typed commands and events the UI can use. `ui/src/bindings.ts` is generated
//! from it by the `bindings_are_current` test, and CI fails when the checked-in file is stale.

use crate::commands;

/// Every command and event, in one builder generic over the runtime (tests use the mock one).
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .events(tauri_specta::collect_events![
            crate::app_events::ServerStatusChanged,
            crate::app_events::SettingsChanged,
            crate::app_events::OpenSessionRequested,
            crate::app_events::ServersNotUsed,
            crate::app_events::TuiControlRequested,
            crate::app_events::QuickPromptTargetRequested,
            crate::app_events::AutoAnswered,
            crate::app_events::NeedsYouChanged,
        ])
        .commands(tauri_specta::collect_commands![
            commands::app::app_info,
            commands::servers::list_servers,
            commands::servers::probe_server,
            commands::servers::connect_server,
            commands::servers::retry_server,
            commands::servers::servers_not_used,
            commands::servers::saved_servers,
            commands::servers::edit_saved_server,
            commands::servers::remove_saved_server,
            commands::servers::announced_servers,
            commands::sessions::list_sessions,
            commands::sessions::search_sessions,
            commands::sessions::create_session,
            commands::sessions::load_messages,
            commands::sessions::send_prompt,
            commands::sessions::abort_session,
            commands::events::watch_events,
            commands::events::unwatch_events,
            commands::permissions::reply_permission,
            commands::permissions::reply_question,
            commands::permissions::reject_question,
            commands::sessions::rename_session,
            commands::sessions::delete_session,
            commands::sessions::fork_session,
            commands::sessions::share_session,
            commands::sessions::session_todos,
            commands::sessions::session_diff,
            commands::sessions::revert_session,
            commands::sessions::unrevert_session,
            commands::sessions::summarize_session,
            commands::sessions::run_command,
            commands::sessions::run_shell,
            commands::sessions::session_statuses,
            commands::catalog::list_models,
            commands::catalog::list_agents,
            commands::catalog::list_commands,
            commands::opencode_config::read_opencode_config,
            commands::opencode_config::set_opencode_config_value,
            commands::providers::list_providers,
            commands::providers::set_provider_key,
            commands::providers::remove_provider_key,
            commands::mcp::list_mcp_servers,
            commands::mcp::add_mcp_server,
            commands::mcp::set_mcp_connected,
            commands::mcp::start_mcp_auth,
            commands::mcp::mcp_auth_callback,
            commands::providers::start_provider_oauth,
            commands::providers::finish_provider_oauth,
            commands::providers::cancel_provider_oauth,
            commands::model_prefs::get_model_prefs,
            commands::model_prefs::toggle_favorite_model,
            commands::model_prefs::note_model_used,
            commands::rules::list_rules,
            commands::rules::allow_always_here,
            commands::rules::remove_rule,
            commands::inbox::needs_you,
            commands::inbox::set_looking_at,
            commands::files::list_files,
            commands::files::read_file,
            commands::files::file_status,
            commands::files::find_text,
            commands::files::find_files,
            commands::files::find_symbols,
            commands::files::working_tree,
            commands::pty::pty_shells,
            commands::pty::pty_list,
            commands::pty::pty_create,
            commands::pty::pty_attach,
            commands::pty::pty_detach,
            commands::pty::pty_write,
            commands::pty::pty_ack,
            commands::pty::pty_resize,
            commands::pty::pty_close,
            commands::pty::open_link,
            commands::usage::session_usage,
            commands::usage::usage_report,
            commands::offline::list_offline_copies,
            commands::offline::offline_copy,
            commands::offline::search_offline_copies,
            commands::offline::refresh_offline_copy,
            commands::offline::clear_offline_copies,
            commands::offline::offline_copies_size,
            commands::permissions::list_pending,
            commands::projects::list_projects,
            commands::projects::pick_folder,
            commands::projects::open_project,
            commands::projects::recent_projects,
            commands::projects::forget_recent_project,
            commands::settings::get_settings,
            commands::settings::update_settings,
            commands::settings::settings_problem,
            commands::terminals::list_terminals,
            commands::terminals::terminal_commands,
            commands::terminals::drive_terminal,
            commands::terminals::set_terminal_password,
            commands::terminals::open_in_terminal,
            crate::quick_prompt::send_quick_prompt,
            crate::quick_prompt::hide_quick_prompt,
            crate::quick_prompt::take_quick_prompt_target,
        ])
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/bindings.ts";

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let header = "// Generated from Rust by tauri-specta (src-tauri/src/ipc.rs). Do not edit.\n\
                  // Regenerate: cargo test -p opencode-desk bindings\n";
    specta_builder::<tauri::Wry>()
        .export(
            specta_typescript::Typescript::default().header(header),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regenerates the bindings; CI then checks `git diff --exit-code ui/src/bindings.ts`.
    #[test]
    fn bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        export_bindings(&path).expect("bindings export");
        let after = std::fs::read_to_string(&path).expect("bindings written");
        assert!(
            after.contains("appInfo"),
            "the app_info command is in the bindings"
        );
        if std::env::var_os("CI").is_some() {
            assert_eq!(
                before, after,
                "ui/src/bindings.ts was stale: commit the regenerated file"
            );
        }
    }
}
