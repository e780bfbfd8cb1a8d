use super::*;
use crate::settings::test_dir::TestDir;
use crate::settings::{RemoteServer, Theme, FILE_NAME};

fn custom() -> Settings {
    Settings {
        binary_path: Some("/opt/opencode/bin/opencode".into()),
        recent_projects: vec!["/b".into(), "/a".into()],
        servers: vec![RemoteServer {
            id: "work".into(),
            name: "Work".into(),
            url: "https://opencode.example.com".into(),
            username: Some("me".into()),
        }],
        extra_ports: vec![4097],
        mdns_discovery: true,
        quick_prompt_shortcut: "Alt+Space".into(),
        notifications: false,
        close_to_tray: false,
        theme: Theme::Dark,
        ..Settings::default()
    }
}

/// The `.bad-` file next to the settings, and its content.
fn the_aside_file(dir: &TestDir) -> (String, String) {
    let names = dir.names();
    let bad: Vec<_> = names.iter().filter(|n| n.contains(".bad-")).collect();
    assert_eq!(bad.len(), 1, "one file set aside: {names:?}");
    let content = std::fs::read_to_string(dir.0.join(bad[0])).expect("aside file");
    (bad[0].clone(), content)
}

#[test]
fn a_missing_file_gives_the_defaults_and_no_problem() {
    let dir = TestDir::new();
    let outcome = load(&dir.file());
    assert_eq!(outcome.settings, Settings::default());
    assert_eq!(outcome.problem, None);
    assert!(dir.names().is_empty(), "loading creates nothing");
    let defaults = Settings::default();
    assert_eq!(
        defaults.quick_prompt_shortcut,
        "CommandOrControl+Shift+Space"
    );
    assert!(defaults.notifications && defaults.close_to_tray && !defaults.mdns_discovery);
    assert_eq!(defaults.theme, Theme::System);
}

#[test]
fn saved_settings_load_back_the_same() {
    let dir = TestDir::new();
    save(&dir.file(), &custom()).expect("save");
    assert_eq!(
        load(&dir.file()),
        LoadOutcome {
            settings: custom(),
            problem: None
        }
    );
}

#[test]
fn saving_leaves_no_temporary_file_and_creates_the_directory() {
    let dir = TestDir::new();
    let path = dir.0.join("nested").join(FILE_NAME);
    save(&path, &Settings::default()).expect("first save");
    save(&path, &custom()).expect("second save replaces the first");
    assert_eq!(dir.names(), ["nested"]);
    let names: Vec<_> = std::fs::read_dir(dir.0.join("nested"))
        .expect("nested")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, [FILE_NAME]);
    assert_eq!(load(&path).settings, custom());
}

#[test]
fn a_partial_file_keeps_the_defaults_for_missing_fields() {
    let dir = TestDir::new();
    std::fs::write(dir.file(), r#"{"theme": "light", "extra_ports": [5000]}"#).unwrap();
    let outcome = load(&dir.file());
    let expected = Settings {
        theme: Theme::Light,
        extra_ports: vec![5000],
        ..Settings::default()
    };
    assert_eq!(
        outcome,
        LoadOutcome {
            settings: expected,
            problem: None
        }
    );
    assert_eq!(dir.names(), [FILE_NAME], "a good file is left alone");
}

#[test]
fn a_corrupt_file_is_moved_aside_and_reported_and_the_defaults_used() {
    let dir = TestDir::new();
    let corrupt = "{\"theme\": \"dark\", oops";
    std::fs::write(dir.file(), corrupt).unwrap();
    let outcome = load(&dir.file());
    assert_eq!(outcome.settings, Settings::default());
    let (aside, content) = the_aside_file(&dir);
    assert_eq!(content, corrupt, "the user's data is kept byte for byte");
    assert!(aside.starts_with("settings.json.bad-"), "{aside}");
    assert!(!dir.file().exists(), "moved, not copied");
    let problem = outcome.problem.expect("reported");
    assert!(problem.contains("is not valid JSON"), "{problem}");
    assert!(
        problem.contains(&aside),
        "says where the file went: {problem}"
    );
}

#[test]
fn a_file_that_is_not_an_object_or_cannot_be_read_is_moved_aside() {
    let dir = TestDir::new();
    std::fs::write(dir.file(), "[1, 2, 3]").unwrap();
    let problem = load(&dir.file()).problem.expect("reported");
    assert!(
        problem.contains("holds a list instead of an object"),
        "{problem}"
    );
    assert_eq!(the_aside_file(&dir).1, "[1, 2, 3]");

    let dir = TestDir::new();
    // A directory where the file should be cannot be read as one, on every platform.
    std::fs::create_dir(dir.file()).unwrap();
    let outcome = load(&dir.file());
    assert_eq!(outcome.settings, Settings::default());
    assert!(outcome
        .problem
        .expect("reported")
        .contains("could not be read"));
    assert!(!dir.file().exists());
}

#[test]
fn invalid_values_are_reset_alone_the_original_kept_and_the_repair_saved() {
    let dir = TestDir::new();
    let original = r#"{"theme": "sepia", "close_to_tray": false, "extra_ports": [0, 4097],
        "servers": [{"id": "a", "url": "nope"}, {"id": "b", "url": "http://b:1"}]}"#;
    std::fs::write(dir.file(), original).unwrap();
    let outcome = load(&dir.file());
    assert_eq!(outcome.settings.theme, Theme::System);
    assert!(!outcome.settings.close_to_tray, "a valid value is kept");
    assert_eq!(outcome.settings.extra_ports, [4097]);
    assert_eq!(outcome.settings.servers.len(), 1);
    assert_eq!(outcome.settings.servers[0].id, "b");
    let problem = outcome.problem.expect("reported");
    for field in ["theme", "extra_ports[0]", "servers[0].url"] {
        assert!(problem.contains(field), "{field} in {problem}");
    }
    assert_eq!(the_aside_file(&dir).1, original);
    assert_eq!(
        load(&dir.file()),
        LoadOutcome {
            settings: outcome.settings,
            problem: None
        },
        "the repaired file was saved, so the next start is clean"
    );
}

#[test]
fn an_update_is_checked_saved_and_kept() {
    let dir = TestDir::new();
    let store = SettingsStore::open(dir.file());
    let mut wanted = custom();
    wanted.servers[0].name = " ".into();
    let saved = store.update(wanted).expect("valid");
    assert_eq!(
        saved.servers[0].name, "https://opencode.example.com",
        "returned normalized"
    );
    assert_eq!(store.get(), saved);
    assert_eq!(SettingsStore::open(dir.file()).get(), saved, "and on disk");
    assert_eq!(store.problem(), None);
}

#[test]
fn an_invalid_update_is_refused_and_changes_nothing() {
    let dir = TestDir::new();
    let store = SettingsStore::open(dir.file());
    store.update(custom()).expect("valid");
    let mut wanted = custom();
    wanted.servers[0].url = "http://me:secret@host".into();
    let error = store.update(wanted).expect_err("a password in the address");
    assert!(
        matches!(&error, SettingsError::Invalid { field, .. } if field == "servers[0].url"),
        "{error:?}"
    );
    assert!(!error.to_string().contains("secret"), "{error}");
    assert_eq!(store.get(), custom());
    assert_eq!(load(&dir.file()).settings, custom());
}

#[test]
fn remembering_a_project_through_the_store_persists_it() {
    let dir = TestDir::new();
    let store = SettingsStore::open(dir.file());
    store
        .update_with(|s| s.remember_project("/one"))
        .expect("saved");
    store
        .update_with(|s| s.remember_project("/two"))
        .expect("saved");
    store
        .update_with(|s| s.remember_project("/one"))
        .expect("saved");
    assert_eq!(load(&dir.file()).settings.recent_projects, ["/one", "/two"]);
}

#[test]
fn without_a_config_directory_the_defaults_work_but_nothing_is_saved() {
    let store = SettingsStore::unsaved("no home".into());
    assert_eq!(store.get(), Settings::default());
    assert!(store.problem().expect("reported").contains("no home"));
    let error = store.update(custom()).expect_err("nowhere to save");
    assert!(
        matches!(error, SettingsError::NoConfigDir { .. }),
        "{error:?}"
    );
    assert_eq!(
        store.get(),
        Settings::default(),
        "memory agrees with the (absent) file"
    );
}

#[test]
fn a_failed_save_reports_the_path_and_leaves_no_temporary_file() {
    let dir = TestDir::new();
    // A non-empty directory where the file should be: the final rename cannot replace it.
    std::fs::create_dir_all(dir.file().join("in-the-way")).unwrap();
    let error = save(&dir.file(), &custom()).expect_err("cannot replace a directory");
    assert!(
        matches!(&error, SettingsError::Save { path, .. } if *path == dir.file()),
        "{error:?}"
    );
    assert_eq!(dir.names(), [FILE_NAME], "the temporary file was removed");
}
