use super::*;
use crate::settings::test_dir::TestDir;

fn model(provider: &str, id: &str) -> ModelRef {
    ModelRef {
        provider_id: provider.into(),
        model_id: id.into(),
    }
}

/// A store in `dir`, seeded from `dir/opencode/model.json`.
fn store(dir: &TestDir) -> ModelPrefsStore {
    ModelPrefsStore::new(dir.0.join(FILE_NAME), Some(seed_file(dir)))
}

fn seed_file(dir: &TestDir) -> PathBuf {
    dir.0.join("opencode").join("model.json")
}

fn write_seed(dir: &TestDir, json: &str) {
    std::fs::create_dir_all(dir.0.join("opencode")).unwrap();
    std::fs::write(seed_file(dir), json).unwrap();
}

const TUI_FILE: &str = r#"{
  "recent": [{"providerID": "anthropic", "modelID": "claude-sonnet-4"}, {"providerID": 3}, {"providerID": "", "modelID": "x"}],
  "favorite": [{"providerID": "openrouter", "modelID": "vendor/model:free"}],
  "variant": {"anthropic/claude-sonnet-4": "high"}
}"#;

#[test]
fn starts_empty_without_any_file() {
    let dir = TestDir::new();
    assert_eq!(store(&dir).get(), ModelPrefs::default());
}

#[test]
fn shows_the_tuis_favourites_and_recents_while_the_app_has_no_file_of_its_own() {
    let dir = TestDir::new();
    write_seed(&dir, TUI_FILE);
    let prefs = store(&dir).get();
    assert_eq!(
        prefs.favorite,
        vec![model("openrouter", "vendor/model:free")]
    );
    // The entry that is not a pair of strings is skipped, as the TUI skips it.
    assert_eq!(prefs.recent, vec![model("anthropic", "claude-sonnet-4")]);
    assert_eq!(prefs.problem, None);
}

#[test]
fn the_first_change_saves_the_seeded_lists_to_the_apps_file_and_never_touches_the_tuis() {
    let dir = TestDir::new();
    write_seed(&dir, TUI_FILE);
    let prefs = store(&dir)
        .toggle_favorite(model("anthropic", "claude-opus-4"))
        .unwrap();
    assert_eq!(
        prefs.favorite,
        vec![
            model("anthropic", "claude-opus-4"),
            model("openrouter", "vendor/model:free")
        ]
    );
    assert_eq!(std::fs::read_to_string(seed_file(&dir)).unwrap(), TUI_FILE);
    // A new launch reads the app's file, even after the TUI's changed.
    write_seed(&dir, r#"{"favorite": [], "recent": []}"#);
    assert_eq!(store(&dir).get().favorite, prefs.favorite);
    assert_eq!(
        store(&dir).get().recent,
        vec![model("anthropic", "claude-sonnet-4")]
    );
}

#[test]
fn toggling_a_favourite_twice_takes_it_out_again() {
    let dir = TestDir::new();
    let store = store(&dir);
    store.toggle_favorite(model("a", "1")).unwrap();
    store.toggle_favorite(model("a", "2")).unwrap();
    let prefs = store.toggle_favorite(model("a", "1")).unwrap();
    assert_eq!(prefs.favorite, vec![model("a", "2")]);
    assert_eq!(store.get().favorite, vec![model("a", "2")]);
}

#[test]
fn recent_is_most_recent_first_without_duplicates_and_capped() {
    let dir = TestDir::new();
    let store = store(&dir);
    for id in ["1", "2", "3", "4", "5", "6", "3"] {
        store.note_used(model("p", id)).unwrap();
    }
    let ids: Vec<String> = store.get().recent.into_iter().map(|m| m.model_id).collect();
    assert_eq!(ids, ["3", "6", "5", "4", "2"]);
    let reread: Vec<String> = ModelPrefsStore::new(dir.0.join(FILE_NAME), None)
        .get()
        .recent
        .into_iter()
        .map(|m| m.model_id)
        .collect();
    assert_eq!(reread, ["3", "6", "5", "4", "2"]);
}

#[test]
fn using_the_model_already_first_writes_nothing() {
    let dir = TestDir::new();
    let store = store(&dir);
    store.note_used(model("p", "1")).unwrap();
    std::fs::remove_file(dir.0.join(FILE_NAME)).unwrap();
    store.note_used(model("p", "1")).unwrap();
    assert!(!dir.0.join(FILE_NAME).exists());
}

#[test]
fn a_corrupt_file_is_moved_aside_reported_and_the_lists_start_again() {
    let dir = TestDir::new();
    write_seed(&dir, TUI_FILE);
    std::fs::write(dir.0.join(FILE_NAME), "{ not json").unwrap();
    let store = store(&dir);
    let prefs = store.get();
    let problem = prefs.problem.clone().expect("a problem is reported");
    assert!(problem.contains("moved to"), "{problem}");
    // It starts again from what OpenCode has, like a first launch.
    assert_eq!(
        prefs.favorite,
        vec![model("openrouter", "vendor/model:free")]
    );
    let aside: Vec<String> = dir
        .names()
        .into_iter()
        .filter(|n| n.starts_with("model-prefs.json.bad-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", dir.names());
    let kept = std::fs::read_to_string(dir.0.join(&aside[0])).unwrap();
    assert_eq!(kept, "{ not json");
    // A change saves a good file again, and the one kept aside stays.
    store.note_used(model("p", "1")).unwrap();
    assert!(decode(&std::fs::read(dir.0.join(FILE_NAME)).unwrap()).is_some());
    assert!(dir.0.join(&aside[0]).exists());
}

#[test]
fn a_model_without_provider_or_id_is_refused() {
    let dir = TestDir::new();
    let store = store(&dir);
    assert!(matches!(
        store.toggle_favorite(model("", "x")),
        Err(ModelPrefsError::Invalid)
    ));
    assert!(matches!(
        store.note_used(model("p", " ")),
        Err(ModelPrefsError::Invalid)
    ));
    assert_eq!(store.get(), ModelPrefs::default());
}

#[test]
fn without_a_data_directory_a_change_says_so_and_keeps_nothing() {
    let store = ModelPrefsStore::unsaved("no home".into(), None);
    let error = store.toggle_favorite(model("p", "1")).unwrap_err();
    assert!(matches!(error, ModelPrefsError::NoDataDir { .. }));
    assert_eq!(store.get().favorite, vec![]);
}

#[test]
fn the_saved_file_has_opencodes_shape() {
    let dir = TestDir::new();
    store(&dir).toggle_favorite(model("p", "1")).unwrap();
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.0.join(FILE_NAME)).unwrap()).unwrap();
    assert_eq!(
        saved,
        serde_json::json!({"favorite": [{"providerID": "p", "modelID": "1"}], "recent": []})
    );
}

#[test]
fn opencodes_file_is_under_xdg_state_home_else_under_the_homes_local_state() {
    let home = Some(PathBuf::from("/home/u"));
    assert_eq!(
        opencode_model_file(None, home.clone()),
        Some(PathBuf::from("/home/u/.local/state/opencode/model.json"))
    );
    assert_eq!(
        opencode_model_file(Some("/x/state".into()), home.clone()),
        Some(PathBuf::from("/x/state/opencode/model.json"))
    );
    // An empty one counts as unset, as in OpenCode (`XDG_STATE_HOME || ...`).
    assert_eq!(
        opencode_model_file(Some("".into()), home),
        Some(PathBuf::from("/home/u/.local/state/opencode/model.json"))
    );
    assert_eq!(opencode_model_file(None, None), None);
}

#[test]
fn each_error_maps_to_its_kind() {
    use crate::error::{CommandError, ErrorKind};
    let cases = [
        (ModelPrefsError::Invalid, ErrorKind::InvalidInput),
        (
            ModelPrefsError::Save {
                path: "/x".into(),
                source: std::io::Error::other("disk full"),
            },
            ErrorKind::Internal,
        ),
        (
            ModelPrefsError::NoDataDir { reason: "r".into() },
            ErrorKind::Internal,
        ),
    ];
    for (error, kind) in cases {
        let message = error.to_string();
        let mapped = CommandError::from(error);
        assert_eq!((mapped.kind, mapped.message), (kind, message));
    }
}
