/// The app's own commands. Listing them makes Tauri generate an `allow-<command>` permission for
/// each and deny any command a window's capability file does not grant (least privilege per
/// window). `ipc::tests::every_command_is_granted_somewhere` keeps this list, the command list in
/// ipc.rs and the capability files in step.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_servers",
    "probe_server",
    "connect_server",
    "retry_server",
    "servers_not_used",
    "saved_servers",
    "edit_saved_server",
    "remove_saved_server",
    "announced_servers",
    "list_sessions",
    "create_session",
    "load_messages",
    "send_prompt",
    "abort_session",
    "watch_events",
    "unwatch_events",
    "reply_permission",
    "reply_question",
    "reject_question",
    "rename_session",
    "delete_session",
    "fork_session",
    "share_session",
    "session_todos",
    "session_diff",
    "revert_session",
    "unrevert_session",
    "summarize_session",
    "run_command",
    "session_statuses",
    "list_models",
    "list_agents",
    "list_commands",
    "list_files",
    "read_file",
    "file_status",
    "find_text",
    "find_files",
    "find_symbols",
    "list_pending",
    "list_projects",
    "pick_folder",
    "open_project",
    "recent_projects",
    "forget_recent_project",
    "get_settings",
    "update_settings",
    "settings_problem",
    "list_providers",
    "start_provider_oauth",
    "finish_provider_oauth",
    "cancel_provider_oauth",
    "set_provider_key",
    "remove_provider_key",
    "list_terminals",
    "terminal_commands",
    "drive_terminal",
    "get_model_prefs",
    "toggle_favorite_model",
    "note_model_used",
    "set_terminal_password",
    "open_in_terminal",
    "send_quick_prompt",
    "hide_quick_prompt",
    "take_quick_prompt_target",
];

fn main() {
    // The one app config lives at the repository root, beside the workspace manifest.
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
