//! Pure tests of origins, validation and widening, then the real server (1.18.33, offline):
//! changes made here are read back from the server and from the file on disk.

use super::*;
use serde_json::json;
use testkit::{FakeModel, TestServer, MAIN_MODEL, PROVIDER_ID, TITLE_MODEL};

fn choices() -> Choices {
    Choices {
        models: vec!["fake/fake-model".into(), "fake/fake-title".into()],
        agents: vec![
            ("build".into(), "primary".into()),
            ("explore".into(), "subagent".into()),
        ],
    }
}

#[test]
fn each_value_says_where_it_comes_from() {
    let global =
        json!({ "model": "g/m", "share": "manual", "permission": { "bash": { "rm *": "deny" } } });
    let project =
        json!({ "model": "p/m", "permission": { "bash": { "npm test": "allow" }, "edit": "ask" } });
    let merged = json!({
        "model": "p/m", "share": "manual",
        "permission": { "bash": { "rm *": "deny", "npm test": "allow" }, "edit": "ask" },
    });
    let view = summarize(&merged, &global, Some(&project), vec![], None);
    assert_eq!(view.model.value.as_deref(), Some("p/m"));
    assert_eq!(view.model.origin, Origin::Project);
    assert_eq!(view.share.origin, Origin::Global);
    assert_eq!(
        view.small_model,
        ConfigValue {
            value: None,
            origin: Origin::Default
        }
    );
    let rule = |pattern: &str| {
        view.permissions
            .iter()
            .find(|r| r.pattern.as_deref() == Some(pattern))
            .map(|r| (r.action.as_str(), r.origin))
    };
    assert_eq!(rule("rm *"), Some(("deny", Origin::Global)));
    assert_eq!(rule("npm test"), Some(("allow", Origin::Project)));
    assert!(view
        .permissions
        .iter()
        .any(|r| r.tool == "edit" && r.pattern.is_none() && r.origin == Origin::Project));

    // A remote server: no project files, so "differs from the global one" means project.
    let view = summarize(&merged, &global, None, vec![], Some("remote".into()));
    assert_eq!(view.model.origin, Origin::Project);
    assert_eq!(view.share.origin, Origin::Global);
    assert_eq!(view.autoupdate.origin, Origin::Default);
}

#[test]
fn bad_input_is_refused_with_a_sentence() {
    let c = choices();
    let refused = |change: ConfigChange, says: &str| {
        let error = validate(&change, &c).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(
            error.message.contains(says),
            "{change:?}: {}",
            error.message
        );
    };
    refused(
        ConfigChange::Model {
            value: "gpt".into(),
        },
        "provider/model",
    );
    refused(
        ConfigChange::Model {
            value: "fake/".into(),
        },
        "provider/model",
    );
    refused(
        ConfigChange::SmallModel {
            value: "fake/nope".into(),
        },
        "no model",
    );
    refused(
        ConfigChange::DefaultAgent {
            value: "explore".into(),
        },
        "subagent",
    );
    refused(
        ConfigChange::DefaultAgent {
            value: "ghost".into(),
        },
        "no agent",
    );
    refused(
        ConfigChange::Share {
            value: "bogus".into(),
        },
        "manual, auto or disabled",
    );
    refused(
        ConfigChange::Autoupdate {
            value: "sometimes".into(),
        },
        "notify",
    );
    let bash = |pattern: Option<&str>, action: &str| ConfigChange::Permission {
        tool: "bash".into(),
        pattern: pattern.map(str::to_string),
        action: action.into(),
    };
    refused(bash(None, "maybe"), "ask, allow or deny");
    refused(bash(Some("  "), "ask"), "pattern");
    refused(
        ConfigChange::Permission {
            tool: "my tool".into(),
            pattern: None,
            action: "ask".into(),
        },
        "one word",
    );

    let ok = validate(
        &ConfigChange::Autoupdate {
            value: "false".into(),
        },
        &c,
    )
    .unwrap();
    assert_eq!(ok.value, Some(json!(false)));
    let ok = validate(&bash(Some("git *"), "allow"), &c).unwrap();
    assert_eq!(ok.path, ["permission", "bash", "git *"]);
}

#[test]
fn a_pattern_beside_a_plain_action_keeps_that_action_for_everything_else() {
    let edit = |path: &[&str], v: &str| Edit {
        path: path.iter().map(|s| s.to_string()).collect(),
        value: Some(json!(v)),
    };
    let layer = json!({ "permission": { "bash": "ask", "edit": { "*.md": "allow" } } });
    let widened = widen(edit(&["permission", "bash", "npm test"], "allow"), &layer);
    assert_eq!(
        widened,
        vec![Edit {
            path: vec!["permission".into(), "bash".into()],
            value: Some(json!({ "*": "ask", "npm test": "allow" })),
        }]
    );
    let widened = widen(edit(&["permission", "edit"], "deny"), &layer);
    assert_eq!(widened[0].path, ["permission", "edit", "*"]);
    let plain = edit(&["permission", "webfetch"], "deny");
    assert_eq!(widen(plain.clone(), &layer), vec![plain]);
}

/// The project file as a person would write it: a comment, odd spacing, keys in their order.
fn hand_write(server: &TestServer) -> (PathBuf, String) {
    let path = server.project_dir().join("opencode.json");
    let generated = std::fs::read_to_string(&path).unwrap();
    let hand = generated
        .replacen("{\n", "{\n  // the fake model, set up by hand\n", 1)
        .replace("\"share\": \"disabled\"", "\"share\":   \"disabled\"");
    assert_ne!(hand, generated);
    std::fs::write(&path, &hand).unwrap();
    (path, hand)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_change_is_read_back_from_the_server_and_the_file_keeps_the_rest() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);
    let (path, hand) = hand_write(&server);
    client.dispose_instance().await.unwrap();
    let other = format!("{PROVIDER_ID}/{TITLE_MODEL}");

    let saved = set(
        &client,
        Scope::Project,
        &ConfigChange::Model {
            value: other.clone(),
        },
    )
    .await
    .unwrap();
    assert!(saved.applied, "{saved:?}");
    assert_eq!(saved.message, "Saved in opencode.json.");
    let rule = ConfigChange::Permission {
        tool: "bash".into(),
        pattern: Some("npm test".into()),
        action: "allow".into(),
    };
    assert!(set(&client, Scope::Project, &rule).await.unwrap().applied);

    let merged = client.config().await.unwrap();
    assert_eq!(merged["model"], other.as_str());
    assert_eq!(merged["permission"]["bash"]["npm test"], "allow");

    let text = std::fs::read_to_string(&path).unwrap();
    let main = format!("\"model\": \"{PROVIDER_ID}/{MAIN_MODEL}\"");
    let expected = hand
        .replace(&main, &format!("\"model\": \"{other}\""))
        .replacen(
        "\n}\n",
        ",\n  \"permission\": {\n    \"bash\": {\n      \"npm test\": \"allow\"\n    }\n  }\n}\n",
        1,
    );
    assert_eq!(text, expected);
    assert!(!server.project_dir().join("config.json").exists());

    let view = read(&client).await.unwrap();
    assert_eq!(
        view.model,
        ConfigValue {
            value: Some(other),
            origin: Origin::Project
        }
    );
    assert!(view.permissions.iter().any(|r| r.tool == "bash"
        && r.pattern.as_deref() == Some("npm test")
        && r.origin == Origin::Project));
    assert_eq!(view.project_files, [path.display().to_string()]);

    // Removing it leaves the file as it was before, but for the model.
    let remove = ConfigChange::RemovePermission {
        tool: "bash".into(),
        pattern: "npm test".into(),
    };
    set(&client, Scope::Project, &remove).await.unwrap();
    let merged = client.config().await.unwrap();
    assert!(
        merged["permission"]["bash"]["npm test"].is_null(),
        "{merged}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn global_changes_go_through_the_server_and_bad_input_saves_nothing() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let client = crate::test_support::client(&server);
    let (project_path, hand) = hand_write(&server);
    let global_path = server.home_dir().join(".config/opencode/opencode.jsonc");
    let global_before = std::fs::read_to_string(&global_path).unwrap();

    // Refused before anything is written, in either scope.
    for scope in [Scope::Project, Scope::Global] {
        let error = set(
            &client,
            scope,
            &ConfigChange::Share {
                value: "bogus".into(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
    }
    // What only the server refuses comes back as its reason, naming the field.
    let bogus = Edit {
        path: vec!["share".into()],
        value: Some(json!("bogus")),
    };
    let error = set_global(&client, bogus).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidInput);
    assert!(
        error.message.starts_with("OpenCode refused it:"),
        "{error:?}"
    );
    assert!(error.message.contains("[\"share\"]"), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(&global_path).unwrap(),
        global_before
    );
    assert_eq!(std::fs::read_to_string(&project_path).unwrap(), hand);

    // The project sets the small model, so a global one is shadowed: still "this project".
    let main = format!("{PROVIDER_ID}/{MAIN_MODEL}");
    let saved = set(
        &client,
        Scope::Global,
        &ConfigChange::SmallModel {
            value: main.clone(),
        },
    )
    .await
    .unwrap();
    assert!(saved.applied);
    let plan = ConfigChange::DefaultAgent {
        value: "plan".into(),
    };
    set(&client, Scope::Global, &plan).await.unwrap();
    let rule = ConfigChange::Permission {
        tool: "webfetch".into(),
        pattern: None,
        action: "deny".into(),
    };
    set(&client, Scope::Global, &rule).await.unwrap();

    let view = read(&client).await.unwrap();
    let small = format!("{PROVIDER_ID}/{TITLE_MODEL}");
    assert_eq!(
        view.small_model,
        ConfigValue {
            value: Some(small),
            origin: Origin::Project
        }
    );
    let plan = ConfigValue {
        value: Some("plan".into()),
        origin: Origin::Global,
    };
    assert_eq!(view.default_agent, plan);
    assert_eq!(client.config().await.unwrap()["default_agent"], "plan");
    assert_eq!(view.model.origin, Origin::Project);
    assert!(view
        .permissions
        .iter()
        .any(|r| r.tool == "webfetch" && r.action == "deny" && r.origin == Origin::Global));
    let global_text = std::fs::read_to_string(&global_path).unwrap();
    assert!(
        global_text.contains("\"webfetch\": \"deny\""),
        "{global_text}"
    );
    assert!(
        global_text.contains(&format!("\"small_model\": \"{main}\"")),
        "{global_text}"
    );
    assert_eq!(std::fs::read_to_string(&project_path).unwrap(), hand);

    // A pattern beside a plain global action keeps that action as "*".
    let plain = ConfigChange::Permission {
        tool: "edit".into(),
        pattern: None,
        action: "ask".into(),
    };
    set(&client, Scope::Global, &plain).await.unwrap();
    let pattern = ConfigChange::Permission {
        tool: "edit".into(),
        pattern: Some("*.md".into()),
        action: "allow".into(),
    };
    let before = std::fs::read_to_string(&global_path).unwrap();
    let error = set(&client, Scope::Global, &pattern).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidInput);
    assert!(
        error.message.contains("add the pattern to this project"),
        "{error:?}"
    );
    assert_eq!(std::fs::read_to_string(&global_path).unwrap(), before);
    // ...which the server itself fails on (a 500), the reason for refusing first.
    let patch = json!({ "permission": { "edit": { "*": "ask", "*.md": "allow" } } });
    let raw = client.update_global_config(&patch).await.unwrap_err();
    assert!(
        matches!(raw, opencode_client::Error::Api { status: 500, .. }),
        "{raw:?}"
    );
    // In the project the app widens it itself.
    set(&client, Scope::Project, &plain).await.unwrap();
    set(&client, Scope::Project, &pattern).await.unwrap();
    let merged = client.config().await.unwrap();
    assert_eq!(
        merged["permission"]["edit"],
        json!({ "*": "ask", "*.md": "allow" })
    );

    let remove = ConfigChange::RemovePermission {
        tool: "bash".into(),
        pattern: "x".into(),
    };
    let error = set(&client, Scope::Global, &remove).await.unwrap_err();
    assert!(error.message.contains("by hand"), "{error:?}");
}
