//! Changing OpenCode's config through the server, as 1.18.33 really does it (measured here):
//! - `PATCH /global/config` edits the global `opencode.jsonc` in place (comments, key order and
//!   every line it did not change kept byte for byte; a changed object is printed again), and the
//!   running instance sees the change at once;
//! - `PATCH /config` writes `<project>/config.json`, a file the server never reads (not at once,
//!   not after `POST /instance/dispose`): the project's `opencode.json` is untouched. So the app
//!   edits project files itself (`src-tauri/src/opencode_config/`); the test below fails the day
//!   the server starts writing the right file;
//! - a value the server rejects is a 400 naming the field, and nothing at all is written.

use crate::support::start;
use opencode_client::Error;
use serde_json::json;
use std::path::PathBuf;
use testkit::{MAIN_MODEL, PROVIDER_ID, TITLE_MODEL};

const HAND_WRITTEN: &str = r#"{
  // my global settings
  "$schema": "https://opencode.ai/config.json",
  "theme":"tokyonight",   "username": "me",
  "permission": { "bash": { "rm *": "deny" } },
  /* block comment */
  "share": "manual"
}
"#;

fn global_file(env: &crate::support::Env) -> PathBuf {
    env.server
        .home_dir()
        .join(".config")
        .join("opencode")
        .join("opencode.jsonc")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_global_change_keeps_the_rest_of_a_hand_written_file_and_applies_at_once() {
    let env = start().await;
    let file = global_file(&env);
    std::fs::write(&file, HAND_WRITTEN).unwrap();
    let other_model = format!("{PROVIDER_ID}/{TITLE_MODEL}");

    let patch = json!({
        "small_model": other_model,
        "permission": { "bash": { "npm test": "allow" } },
    });
    let global = env.client.update_global_config(&patch).await.unwrap();
    assert_eq!(global["small_model"], other_model.as_str());
    assert_eq!(global["permission"]["bash"]["rm *"], "deny");

    let expected = format!(
        r#"{{
  // my global settings
  "$schema": "https://opencode.ai/config.json",
  "theme":"tokyonight",   "username": "me",
  "permission": {{
    "bash": {{
      "rm *": "deny",
      "npm test": "allow"
    }}
  }},
  /* block comment */
  "share": "manual",
  "small_model": "{other_model}"
}}
"#
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);

    let read_back = env.client.global_config().await.unwrap();
    assert_eq!(read_back["small_model"], other_model.as_str());
    // The instance sees it without a dispose; the project's own rules merge over it.
    let merged = env.client.config().await.unwrap();
    assert_eq!(merged["small_model"], other_model.as_str());
    assert_eq!(merged["permission"]["bash"]["npm test"], "allow");
    assert_eq!(
        merged["model"],
        format!("{PROVIDER_ID}/{MAIN_MODEL}").as_str()
    );

    // `null` removes a key from the file.
    env.client
        .update_global_config(&json!({ "small_model": null }))
        .await
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("small_model"), "{text}");
    assert!(text.contains("// my global settings"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_change_through_the_server_lands_in_a_file_the_server_never_reads() {
    let env = start().await;
    let project = env.server.project_dir().to_path_buf();
    let before = std::fs::read(project.join("opencode.json")).unwrap();
    let other_model = format!("{PROVIDER_ID}/{TITLE_MODEL}");

    env.client
        .update_config(&json!({ "model": other_model, "permission": { "edit": "deny" } }))
        .await
        .unwrap();

    assert_eq!(
        std::fs::read(project.join("opencode.json")).unwrap(),
        before
    );
    let stray: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.join("config.json")).unwrap()).unwrap();
    assert_eq!(stray["model"], other_model.as_str());

    env.client.dispose_instance().await.unwrap();
    let merged = env.client.config().await.unwrap();
    assert_eq!(
        merged["model"],
        format!("{PROVIDER_ID}/{MAIN_MODEL}").as_str(),
        "the server now reads what PATCH /config writes: let the app use it for projects"
    );
    assert!(merged["permission"]["edit"].is_null(), "{merged}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_value_names_the_field_and_nothing_is_written() {
    let env = start().await;
    let file = global_file(&env);
    std::fs::write(&file, HAND_WRITTEN).unwrap();

    for (patch, says) in [
        (
            json!({ "model": "fake/x", "share": "bogus" }),
            "[\"share\"]",
        ),
        (json!({ "permission": { "bash": "maybe" } }), "[\"bash\"]"),
        (json!({ "autoupdate": "sometimes" }), "\"notify\""),
        (
            json!({ "permission": { "bash": { "x": null } } }),
            "[\"x\"]",
        ),
    ] {
        let error = env.client.update_global_config(&patch).await.unwrap_err();
        match &error {
            Error::BadRequest { message, .. } => {
                assert!(message.contains(says), "{patch}: {message}")
            }
            other => panic!("{patch}: expected BadRequest, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&file).unwrap(), HAND_WRITTEN);
    }
    let global = env.client.global_config().await.unwrap();
    assert!(global.get("model").is_none(), "{global}");
}
