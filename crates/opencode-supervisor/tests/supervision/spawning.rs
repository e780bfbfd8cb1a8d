//! Spawning a real server to ready, one per project, and stopping it cleanly.

use std::time::{Duration, Instant};

use opencode_supervisor::{reap_leftovers, ServerKind, ServerStatus, Supervisor};

use crate::support::{alive, group_members, opencode, options_in, spawn_real, world, READY_LIMIT};

#[tokio::test(flavor = "multi_thread")]
async fn a_spawned_server_becomes_ready_in_its_own_home_with_a_fresh_password() {
    let world = world();
    let started = Instant::now();
    let (_supervisor, server) = spawn_real(&world);
    let state = server.wait_ready(READY_LIMIT).await.expect("ready");
    let measured = started.elapsed();
    eprintln!(
        "spawn -> ready: {} ms (server's own count: {:?})",
        measured.as_millis(),
        state.ready_in
    );

    assert_eq!(server.kind(), ServerKind::Spawned);
    assert_eq!(state.version.as_deref(), Some("1.18.33"));
    let url = state.url.clone().expect("a URL");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(alive(state.pid.expect("a pid")));

    // Its own password works, no password does not.
    let client = server.client().expect("a client");
    let paths = client.path().await.expect("GET /path with our password");
    assert_eq!(paths.home, world.home_dir().to_string_lossy());
    let anonymous = opencode_client::Client::builder(&url).build().unwrap();
    assert!(matches!(
        anonymous.health().await,
        Err(opencode_client::Error::Unauthorized { .. })
    ));
    let password = server.credentials().password.as_ref().expect("a password");
    assert_eq!(password.expose().len(), 32);
    assert!(!format!("{server:?} {state:?}").contains(password.expose()));
    assert!(server
        .log()
        .tail()
        .contains("[out] opencode server listening on http://127.0.0.1:"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn one_project_gets_one_server() {
    let world = world();
    let supervisor = Supervisor::new();
    let first = supervisor.spawn(options_in(&world, &opencode())).unwrap();
    let second = supervisor.spawn(options_in(&world, &opencode())).unwrap();
    assert_eq!(first.id(), second.id());
    assert_eq!(supervisor.servers().len(), 1);
    first.wait_ready(READY_LIMIT).await.expect("ready");
    supervisor.stop_all().await;
    assert!(matches!(first.state().status, ServerStatus::Stopped));
}

#[tokio::test(flavor = "multi_thread")]
async fn stop_ends_the_server_and_its_whole_group() {
    let world = world();
    let (_supervisor, server) = spawn_real(&world);
    let state = server.wait_ready(READY_LIMIT).await.expect("ready");
    let pid = state.pid.unwrap();
    assert!(alive(pid));

    let started = Instant::now();
    let stopped = server.stop().await;
    eprintln!("stop took {} ms", started.elapsed().as_millis());
    assert!(
        matches!(stopped.status, ServerStatus::Stopped),
        "{stopped:?}"
    );
    assert_eq!(stopped.pid, None);
    assert!(!alive(pid), "opencode {pid} still runs after stop");
    assert_eq!(
        group_members(pid),
        Vec::<u32>::new(),
        "orphans left in its group"
    );
    // The port is released too.
    let url = state.url.unwrap();
    let port: u16 = url.rsplit_once(':').unwrap().1.parse().unwrap();
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());
    // A stopped server stays stopped.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(matches!(server.state().status, ServerStatus::Stopped));
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_the_supervisor_stops_its_servers() {
    let world = world();
    let (supervisor, server) = spawn_real(&world);
    let pid = server
        .wait_ready(READY_LIMIT)
        .await
        .expect("ready")
        .pid
        .unwrap();
    drop(supervisor);
    drop(server);
    let gone = crate::support::eventually(Duration::from_secs(15), || !alive(pid)).await;
    assert!(gone, "opencode {pid} outlived every handle");
}

/// The ledger lists a running server (so a later launch could stop it) and forgets it once it
/// was stopped cleanly; a leftover listed there is stopped by `reap_leftovers`.
#[tokio::test(flavor = "multi_thread")]
async fn the_ledger_lists_a_running_server_until_it_is_stopped() {
    let world = world();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("servers");
    let supervisor = Supervisor::with_ledger(&ledger);
    let server = supervisor
        .spawn(options_in(&world, &opencode()))
        .expect("spawn");
    let pid = server.wait_ready(READY_LIMIT).await.expect("ready").pid;
    let pid = pid.expect("a pid");
    let listed = std::fs::read_to_string(&ledger).unwrap_or_default();
    assert!(
        listed.lines().any(|l| l.starts_with(&format!("{pid} "))),
        "{pid} not in the ledger: {listed:?}"
    );
    server.stop().await;
    let listed = std::fs::read_to_string(&ledger).unwrap_or_default();
    assert!(
        !listed.lines().any(|l| l.starts_with(&format!("{pid} "))),
        "{pid} still in the ledger after a clean stop: {listed:?}"
    );

    // A server whose app "died" (its owner forgotten without a stop) is found and stopped.
    let again = supervisor
        .spawn(options_in(&world, &opencode()))
        .expect("spawn again");
    let pid = again.wait_ready(READY_LIMIT).await.expect("ready").pid;
    let pid = pid.expect("a pid");
    let stopped = reap_leftovers(&ledger);
    assert_eq!(stopped.iter().map(|e| e.pid).collect::<Vec<_>>(), [pid]);
    assert!(!alive(pid), "the leftover {pid} still runs");
    assert!(group_members(pid).is_empty());
    supervisor.stop_all().await;
}
