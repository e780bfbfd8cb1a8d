//! The user's settings: read them, change them (checked, saved, announced), and the problem found
//! in the settings file at start, if any. The rules and the file live in `crate::settings`.
//!
//! Invariant: a `SettingsChanged` event is sent only for settings that were saved, and carries
//! exactly what `update_settings` returns.

use crate::error::{CommandError, ErrorKind};
use crate::settings::{Settings, SettingsStore};
use crate::state::AppState;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub fn get_settings(store: State<'_, SettingsStore>) -> Settings {
    store.get()
}

/// Checks and saves `settings`, tells every window (and the tray...) with `SettingsChanged`, and
/// returns them as saved: trimmed, deduplicated, ids filled in. An invalid value refuses the
/// whole update (`InvalidInput`, naming the field) and nothing changes. So does a new quick
/// prompt shortcut the desktop refuses (the old one keeps working), or a new default project that
/// is not a folder: both are applied or checked before anything is saved.
// Async so the file write runs off the main thread, which a sync command would block (and the
// shortcut swap waits for the main thread).
#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    app: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    let before = store.get();
    let next = SettingsStore::check(settings)?;
    check_default_project(&before, &next)?;
    let (old, new) = (
        &before.quick_prompt_shortcut,
        next.quick_prompt_shortcut.clone(),
    );
    let swapped = *old != new;
    if swapped {
        app.ui
            .swap_quick_prompt_shortcut(old, &new)
            .map_err(|reason| {
                let message = format!(
                    "The quick prompt shortcut was not changed: {reason}. {old} is still the \
                 shortcut, and nothing was saved."
                );
                CommandError::new(ErrorKind::InvalidInput, message)
            })?;
    }
    let saved = store.update(next).inspect_err(|_| {
        // Not saved, so the shortcut goes back to the one the settings still name.
        if swapped {
            let _ = app.ui.swap_quick_prompt_shortcut(&new, old);
        }
    })?;
    // Through the UI bridge: a command generic over the runtime cannot be listed (see ui_bridge).
    app.ui.settings_changed(saved.clone());
    if let Err(error) = app.offline.set_enabled(saved.offline_copies).await {
        tracing::warn!(%error, "offline copies not cleared");
    }
    Ok(saved)
}

/// A default project newly set must be a folder now; one set earlier that has gone since is left
/// alone (a drive not mounted today), and the launch says so (see `project`).
fn check_default_project(before: &Settings, next: &Settings) -> Result<(), CommandError> {
    let Some(dir) = &next.default_project else {
        return Ok(());
    };
    if before.default_project.as_ref() == Some(dir) {
        return Ok(());
    }
    match crate::project::check_dir(std::path::Path::new(dir)) {
        crate::project::ProjectChoice::Invalid { reason, .. } => Err(CommandError::new(
            ErrorKind::InvalidInput,
            format!("The default project {dir} cannot be opened: {reason}."),
        )),
        _ => Ok(()),
    }
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
    use crate::ui_bridge::RecordingUi;
    use serde_json::{json, Value};
    use std::sync::mpsc;
    use std::sync::Arc;
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};
    use tauri_specta::Event;

    struct Ui {
        _app: tauri::App<MockRuntime>,
        window: WebviewWindow<MockRuntime>,
        changes: mpsc::Receiver<Value>,
    }

    fn ui(store: SettingsStore) -> Ui {
        let ui = ui_with(store, None);
        let bridge = std::sync::Arc::new(crate::tauri_ui::TauriUi(ui._app.handle().clone()));
        ui._app.manage(crate::state::AppState::new(
            crate::project::ProjectChoice::None,
            bridge,
        ));
        ui
    }

    /// With `bridge` (a recording fake) as the UI bridge, when given; else none is managed yet.
    fn ui_with(store: SettingsStore, bridge: Option<Arc<RecordingUi>>) -> Ui {
        let builder = specta_builder::<MockRuntime>();
        let app = mock_builder()
            .invoke_handler(builder.invoke_handler())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        builder.mount_events(&app);
        app.manage(store);
        if let Some(bridge) = bridge {
            app.manage(crate::state::AppState::new(
                crate::project::ProjectChoice::None,
                bridge,
            ));
        }
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

    fn calls(bridge: &RecordingUi) -> Vec<String> {
        bridge.calls.lock().unwrap().clone()
    }

    #[test]
    fn a_new_shortcut_is_swapped_in_before_it_is_saved() {
        let dir = TestDir::new();
        let bridge = Arc::new(RecordingUi::default());
        let ui = ui_with(SettingsStore::open(dir.file()), Some(bridge.clone()));
        let mut settings = invoke(&ui, "get_settings", json!({})).expect("get_settings");
        settings["quick_prompt_shortcut"] = json!("Alt+K");
        let saved = invoke(&ui, "update_settings", json!({ "settings": settings }))
            .expect("update_settings");
        assert_eq!(saved["quick_prompt_shortcut"], "Alt+K");
        assert_eq!(
            calls(&bridge),
            [
                "shortcut CommandOrControl+Shift+Space -> Alt+K",
                "settings changed"
            ]
        );
        settings["theme"] = json!("dark");
        invoke(&ui, "update_settings", json!({ "settings": settings })).expect("theme");
        assert_eq!(
            calls(&bridge).len(),
            3,
            "the same shortcut is not registered again"
        );
    }

    #[test]
    fn a_shortcut_the_desktop_refuses_is_said_and_nothing_is_saved() {
        let dir = TestDir::new();
        let bridge = Arc::new(RecordingUi {
            refused_shortcut: Some("Alt+K".into()),
            ..RecordingUi::default()
        });
        let ui = ui_with(SettingsStore::open(dir.file()), Some(bridge.clone()));
        let mut settings = invoke(&ui, "get_settings", json!({})).expect("get_settings");
        settings["quick_prompt_shortcut"] = json!("Alt+K");
        settings["theme"] = json!("dark");
        let error =
            invoke(&ui, "update_settings", json!({ "settings": settings })).expect_err("refused");
        assert_eq!(error["kind"], "InvalidInput");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("already taken"), "{message}");
        assert!(
            message.contains("CommandOrControl+Shift+Space is still the shortcut"),
            "{message}"
        );
        assert_eq!(calls(&bridge), Vec::<String>::new(), "nothing announced");
        let kept = invoke(&ui, "get_settings", json!({})).expect("get_settings");
        assert_eq!(kept["theme"], "system", "nothing saved half");
        assert!(!dir.file().exists());
    }

    #[test]
    fn a_new_default_project_must_be_a_folder() {
        let dir = TestDir::new();
        let bridge = Arc::new(RecordingUi::default());
        let ui = ui_with(SettingsStore::open(dir.file()), Some(bridge));
        let mut settings = invoke(&ui, "get_settings", json!({})).expect("get_settings");
        settings["default_project"] = json!("/definitely/not/here");
        let error = invoke(&ui, "update_settings", json!({ "settings": settings }))
            .expect_err("not a folder");
        assert_eq!(error["kind"], "InvalidInput");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains("/definitely/not/here"), "{message}");
        settings["default_project"] = json!(dir.0.display().to_string());
        let saved = invoke(&ui, "update_settings", json!({ "settings": settings }))
            .expect("a folder is fine");
        assert_eq!(saved["default_project"], json!(dir.0.display().to_string()));
    }
}
