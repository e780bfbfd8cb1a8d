//! The real capability files, enforced: the app built from the real generated context (ACL
//! included) on the mock runtime. Each window may call only what its capability grants, and a
//! page from any other origin may call nothing.

use super::ipc_test_support::{invoke_from, APP_ORIGIN};
use crate::ipc::specta_builder;
use crate::project::ProjectChoice;
use crate::state::AppState;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::{Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

fn app() -> tauri::App<MockRuntime> {
    let builder = specta_builder::<MockRuntime>();
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .build(tauri::generate_context!("../tauri.conf.json", test = true))
        .expect("app with the real ACL");
    let ui = std::sync::Arc::new(crate::ui_bridge::RecordingUi::default());
    app.manage(AppState::new(ProjectChoice::None, ui));
    app.manage(crate::settings::SettingsStore::unsaved("a test".into()));
    app
}

fn window(app: &tauri::App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, WebviewUrl::default())
        .build()
        .expect("window")
}

/// The command's value, or the refusal as text.
fn invoke(window: &WebviewWindow<MockRuntime>, origin: &str, cmd: &str) -> Result<Value, String> {
    invoke_from(window, origin, cmd, json!({})).map_err(|e| e.to_string())
}

#[test]
fn each_window_may_call_only_what_its_capability_grants() {
    let app = app();
    let main = window(&app, "main");
    let quick = window(&app, "quick-prompt");

    assert!(
        invoke(&main, APP_ORIGIN, "list_servers").is_ok(),
        "main lists servers"
    );
    assert!(
        invoke(&quick, APP_ORIGIN, "hide_quick_prompt").is_ok(),
        "quick prompt hides"
    );
    // It follows the theme the user chose, as the main window does.
    assert!(
        invoke(&quick, APP_ORIGIN, "get_settings").is_ok(),
        "quick prompt reads the settings"
    );

    let denied = invoke(&quick, APP_ORIGIN, "list_servers").expect_err("not granted");
    assert!(denied.contains("not allowed"), "{denied}");
    let denied = invoke(&main, APP_ORIGIN, "hide_quick_prompt").expect_err("not granted");
    assert!(denied.contains("not allowed"), "{denied}");
}

#[test]
fn a_page_from_another_origin_may_call_nothing() {
    let app = app();
    let main = window(&app, "main");
    let denied = invoke(&main, "https://evil.example", "list_servers").expect_err("foreign");
    assert!(denied.contains("not allowed"), "{denied}");
}

#[test]
fn every_command_is_granted_somewhere() {
    // The bindings list every command; each must be granted to some window, or the UI could call
    // a command that is always refused.
    let bindings = include_str!("../../../ui/src/bindings.ts");
    let capabilities = [
        include_str!("../../capabilities/main.json"),
        include_str!("../../capabilities/quick-prompt.json"),
    ]
    .concat();
    let invoked: Vec<&str> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        // Calls look like `__TAURI_INVOKE<T>("name"` or `__TAURI_INVOKE("name"`; skip the import.
        .filter(|rest| rest.starts_with('(') || rest.starts_with('<'))
        .filter_map(|rest| rest.split('"').nth(1))
        .collect();
    assert!(
        invoked.len() >= 10,
        "found the commands in the bindings: {invoked:?}"
    );
    for command in invoked {
        let permission = format!("allow-{}", command.replace('_', "-"));
        assert!(
            capabilities.contains(&permission),
            "{command} is granted to no window"
        );
    }
}
