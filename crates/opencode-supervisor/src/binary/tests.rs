use super::*;
use std::os::unix::fs::PermissionsExt;

fn fake_executable(dir: &Path, script: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("opencode");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn empty_env(root: &Path) -> SearchEnv {
    SearchEnv {
        path_var: Some(OsString::from(root.join("empty-path"))),
        home: Some(root.join("home")),
        ..SearchEnv::default()
    }
}

#[test]
fn versions_parse_with_or_without_prefix_and_suffix() {
    assert_eq!(Version::parse("1.18.33\n"), Some(Version::new(1, 18, 33)));
    assert_eq!(Version::parse("v0.9"), Some(Version::new(0, 9, 0)));
    assert_eq!(
        Version::parse("opencode 2.0.1-beta.3"),
        Some(Version::new(2, 0, 1))
    );
    assert_eq!(Version::parse("no version here"), None);
    assert_eq!(Version::new(1, 18, 33).to_string(), "1.18.33");
}

#[test]
fn versions_compare_numerically_and_old_ones_warn() {
    assert!(Version::new(1, 9, 0) < Version::new(1, 18, 0));
    assert!(Version::new(2, 0, 0) > Version::new(1, 99, 99));
    let old = OpencodeBinary {
        path: PathBuf::from("/x"),
        version: Version::new(1, 2, 3),
    };
    let warning = old.warning().expect("an old version warns");
    assert!(warning.contains("1.2.3") && warning.contains(&MIN_SUPPORTED_VERSION.to_string()));
    let current = OpencodeBinary {
        version: MIN_SUPPORTED_VERSION,
        ..old
    };
    assert_eq!(current.warning(), None);
}

#[test]
fn settings_path_wins_over_opencode_bin_and_path() {
    let root = tempfile::tempdir().unwrap();
    let settings = fake_executable(&root.path().join("settings"), "exit 0");
    let env_bin = fake_executable(&root.path().join("env"), "exit 0");
    let on_path = fake_executable(&root.path().join("path"), "exit 0");
    let mut env = empty_env(root.path());
    env.path_var = Some(OsString::from(on_path.parent().unwrap()));
    env.opencode_bin = Some(env_bin.clone().into_os_string());
    env.explicit = Some(settings.clone());
    assert_eq!(env.find().unwrap(), settings);
    env.explicit = None;
    assert_eq!(env.find().unwrap(), env_bin);
    env.opencode_bin = None;
    assert_eq!(env.find().unwrap(), on_path);
}

#[test]
fn a_missing_explicit_path_is_an_error_not_a_fallback() {
    let root = tempfile::tempdir().unwrap();
    let on_path = fake_executable(&root.path().join("path"), "exit 0");
    let mut env = empty_env(root.path());
    env.path_var = Some(OsString::from(on_path.parent().unwrap()));
    env.opencode_bin = Some(root.path().join("nope").into_os_string());
    let Err(Error::BinaryNotFound { searched }) = env.find() else {
        panic!("expected BinaryNotFound");
    };
    assert_eq!(searched, [root.path().join("nope")]);
}

#[test]
fn install_places_come_after_path_and_the_dev_copy_last() {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    let installed = fake_executable(&home.join(".opencode").join("bin"), "exit 0");
    let workspace = root.path().join("checkout");
    let dev_dir = workspace
        .join("node_modules")
        .join(platform_package())
        .join("bin");
    let dev = fake_executable(&dev_dir, "exit 0");
    let mut env = empty_env(root.path());
    env.workspace = Some(workspace);
    assert_eq!(env.find().unwrap(), installed);
    std::fs::remove_file(&installed).unwrap();
    assert_eq!(env.find().unwrap(), dev);
    let candidates = env.candidates();
    assert_eq!(candidates.last(), Some(&dev));
    assert_eq!(
        candidates[0],
        root.path().join("empty-path").join("opencode")
    );
}

#[test]
fn nothing_found_lists_every_place_searched() {
    let root = tempfile::tempdir().unwrap();
    let mut env = empty_env(root.path());
    env.workspace = Some(root.path().join("checkout"));
    let Err(error @ Error::BinaryNotFound { .. }) = env.find() else {
        panic!("expected BinaryNotFound");
    };
    let message = error.to_string();
    assert!(message.contains(".opencode/bin/opencode"), "{message}");
    assert!(message.contains("node_modules"), "{message}");
    assert!(message.contains("empty-path"), "{message}");
}

#[test]
fn a_non_executable_file_is_skipped() {
    let root = tempfile::tempdir().unwrap();
    let path = fake_executable(&root.path().join("path"), "exit 0");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut env = empty_env(root.path());
    env.path_var = Some(OsString::from(path.parent().unwrap()));
    assert!(matches!(env.find(), Err(Error::BinaryNotFound { .. })));
}

#[tokio::test]
async fn version_is_read_from_the_binary() {
    let root = tempfile::tempdir().unwrap();
    let good = fake_executable(&root.path().join("good"), "echo 1.20.3");
    assert_eq!(read_version(&good).await.unwrap(), Version::new(1, 20, 3));
    let bad = fake_executable(&root.path().join("bad"), "echo hello");
    let Err(Error::BinaryUnusable { reason, .. }) = read_version(&bad).await else {
        panic!("expected BinaryUnusable");
    };
    assert!(reason.contains("hello"), "{reason}");
}
