//! The user's settings: read them, change them (checked, saved, announced), and the problem found
//! in the settings file at start, if any. The rules and the file live in `crate::settings`.
//!
//! Invariant: a `SettingsChanged` event is sent only for settings that were saved, and carries
//! exactly what `update_settings` returns.

use crate::error::CommandError;
use crate::settings::{Settings, SettingsStore};
use crate::state::AppState;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub fn get_settings(store: State<'_, SettingsStore>) -> Settings {
    store.get()
}

/// Checks and saves `settings`, tells every window (and the tray, shortcut...) with
/// `SettingsChanged`, and returns them as saved: trimmed, deduplicated, ids filled in. An invalid
/// value refuses the whole update (`InvalidInput`, naming the field) and nothing changes.
// Async so the file write runs off the main thread, which a sync command would block.
#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    app: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    let saved = store.update(settings)?;
    // Through the UI bridge: a command generic over the runtime cannot be listed (see ui_bridge).
    app.ui.settings_changed(saved.clone());
    Ok(saved)
}

/// Why the settings file could not be used as it was at start (it was kept aside and defaults or
/// repairs are in use), for the UI to tell the user; the same answer for the app's whole life.
#[tauri::command]
#[specta::specta]
pub fn settings_problem(store: State<'_, SettingsStore>) -> Option<String> {
    store.problem()
}

#[cfg(test)]
mod tests {
    //! Through the mock runtime's IPC, as the webview calls them: argument names, state, the
    //! event and the error shape.

    use crate::app_events::SettingsChanged;
    use crate::ipc::specta_builder;
    use crate::settings::test_dir::TestDir;
    use crate::settings::SettingsStore;
    use serde_json::{json, Value};
    use std::sync::mpsc;
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};
    use tauri_specta::Event;

    struct Ui {
        _app: tauri::App<MockRuntime>,
        window: WebviewWindow<MockRuntime>,
        changes: mpsc::Receiver<Value>,
    }

    fn ui(store: SettingsStore) -> Ui {
        let builder = specta_builder::<MockRuntime>();
        let app = mock_builder()
            .invoke_handler(builder.invoke_handler())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        builder.mount_events(&app);
        app.manage(store);
        let bridge = std::sync::Arc::new(crate::tauri_ui::TauriUi(app.handle().clone()));
        app.manage(crate::state::AppState::new(
            crate::project::ProjectChoice::None,
            bridge,
        ));
        let (tx, changes) = mpsc::channel();
        SettingsChanged::listen(&app, move |event| {
            let _ = tx.send(serde_json::to_value(event.payload.settings).expect("json"));
        });
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("mock window");
        Ui {
            _app: app,
            window,
            changes,
        }
    }

    fn invoke(ui: &Ui, cmd: &str, args: Value) -> Result<Value, Value> {
        crate::commands::ipc_test_support::invoke(&ui.window, cmd, args)
    }

    #[test]
    fn an_update_is_saved_returned_and_announced() {
        let dir = TestDir::new();
        let ui = ui(SettingsStore::open(dir.file()));
        let mut settings = invoke(&ui, "get_settings", json!({})).expect("get_settings");
        assert_eq!(settings["theme"], "system");
        settings["theme"] = json!("dark");
        settings["servers"] =
            json!([{"id": "", "name": "", "url": "http://h:1", "username": null}]);
        let saved = invoke(&ui, "update_settings", json!({ "settings": settings }))
            .expect("update_settings");
        assert_eq!(saved["theme"], "dark");
        assert_eq!(saved["servers"][0]["id"], "server-1", "returned as saved");
        let announced = ui.changes.recv_timeout(std::time::Duration::from_secs(5));
        assert_eq!(announced.expect("SettingsChanged"), saved);
        assert_eq!(invoke(&ui, "get_settings", json!({})), Ok(saved.clone()));
        let on_disk = serde_json::to_value(SettingsStore::open(dir.file()).get()).expect("json");
        assert_eq!(on_disk, saved);
    }

    #[test]
    fn an_invalid_update_is_an_input_error_naming_the_field_and_announces_nothing() {
        let dir = TestDir::new();
        let ui = ui(SettingsStore::open(dir.file()));
        let settings = json!({"quick_prompt_shortcut": "Alt+Space", "extra_ports": [0]});
        let error =
            invoke(&ui, "update_settings", json!({ "settings": settings })).expect_err("port 0");
        assert_eq!(error["kind"], "InvalidInput");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("extra_ports[0]"), "{message}");
        assert!(
            ui.changes.try_recv().is_err(),
            "nothing was saved, nothing announced"
        );
        assert!(!dir.file().exists());
    }

    #[test]
    fn the_load_problem_is_there_for_the_ui_to_show() {
        let dir = TestDir::new();
        std::fs::write(dir.file(), "not json").unwrap();
        let broken = ui(SettingsStore::open(dir.file()));
        let problem = invoke(&broken, "settings_problem", json!({})).expect("settings_problem");
        assert!(
            problem
                .as_str()
                .unwrap_or_default()
                .contains("not valid JSON"),
            "{problem}"
        );
        let settings = invoke(&broken, "get_settings", json!({})).expect("defaults");
        assert_eq!(settings["notifications"], true);

        let clean_dir = TestDir::new();
        let clean = ui(SettingsStore::open(clean_dir.file()));
        assert_eq!(
            invoke(&clean, "settings_problem", json!({})),
            Ok(Value::Null)
        );
    }
}
