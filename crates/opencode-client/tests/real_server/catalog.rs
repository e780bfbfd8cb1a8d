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
