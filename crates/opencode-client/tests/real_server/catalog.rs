//! Health, paths, projects, and what the pickers offer: providers, agents, commands.

use crate::support::start;
use testkit::{MAIN_MODEL, PROVIDER_ID};

#[tokio::test(flavor = "multi_thread")]
async fn the_server_describes_itself_and_what_can_be_picked() {
    let env = start().await;
    let c = &env.client;
    let health = c.health().await.unwrap();
    assert!(health.healthy);
    assert_eq!(health.version, "1.18.33");

    let project_dir = env.server.project_dir().canonicalize().unwrap();
    let path = c.path().await.unwrap();
    assert_eq!(
        std::path::Path::new(&path.directory)
            .canonicalize()
            .unwrap(),
        project_dir
    );
    let current = c.current_project().await.unwrap();
    assert_eq!(
        std::path::Path::new(&current.worktree)
            .canonicalize()
            .unwrap(),
        project_dir
    );
    assert!(c
        .projects()
        .await
        .unwrap()
        .iter()
        .any(|p| p.id == current.id));

    let providers = c.config_providers().await.unwrap();
    let fake = providers
        .providers
        .iter()
        .find(|p| p.id == PROVIDER_ID)
        .expect("fake provider");
    assert!(
        fake.models.contains_key(MAIN_MODEL),
        "{:?}",
        fake.models.keys()
    );

    let agents = c.agents().await.unwrap();
    assert!(agents.iter().any(|a| a.name == "build"), "{agents:?}");
    c.commands().await.unwrap();
    assert!(c.config().await.unwrap().is_object());
    assert!(c
        .session_statuses()
        .await
        .unwrap()
        .values()
        .all(|s| !s.is_busy()));
}

/// Signing in to a provider with an API key, through the server: its models reach the model
/// list once the instance is disposed (it loaded its providers before), and leave when the key
/// is removed.
#[tokio::test(flavor = "multi_thread")]
async fn an_api_key_set_through_the_server_brings_its_provider_and_removing_it_takes_it_away() {
    let env = start().await;
    let c = &env.client;
    let listed = |providers: &opencode_client::types::ConfigProviders| {
        providers
            .providers
            .iter()
            .any(|p| p.id == "anthropic" && !p.models.is_empty())
    };
    assert!(!listed(&c.config_providers().await.unwrap()));

    // Methods of their own come from plugins, which the test world turns off
    // (OPENCODE_DISABLE_DEFAULT_PLUGINS); what is there decodes, and every kind is known.
    let methods = c.provider_auth_methods().await.unwrap();
    assert!(methods
        .values()
        .flatten()
        .all(|m| m.kind == "oauth" || m.kind == "api"));

    assert!(c.set_api_key("anthropic", "sk-ant-test-key").await.unwrap());
    assert!(c.dispose_instance().await.unwrap());
    assert!(
        listed(&c.config_providers().await.unwrap()),
        "the provider and its models after the dispose"
    );

    assert!(c.remove_auth("anthropic").await.unwrap());
    assert!(c.dispose_instance().await.unwrap());
    assert!(
        !listed(&c.config_providers().await.unwrap()),
        "gone after the key is removed"
    );
}
