//! Finding a server someone else started, attaching to it, and never killing it.

use std::time::Duration;

use opencode_supervisor::discovery::discover;
use opencode_supervisor::{
    AttachOptions, Credentials, Error, Probe, Secret, ServerKind, ServerStatus, Supervisor,
};
use testkit::{FakeModel, TestServer};

use crate::support::{alive, next_status, signal, Frozen};

const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[tokio::test(flavor = "multi_thread")]
async fn a_running_server_is_discovered_and_attached_with_its_password() {
    let model = FakeModel::start().await;
    let other = TestServer::start(&model).await.expect("a test server");
    let port = other.port();

    let found = discover(&[port], PROBE_TIMEOUT).await;
    let server = found
        .servers
        .iter()
        .find(|s| s.port == port)
        .unwrap_or_else(|| panic!("port {port} not discovered: {found:?}"));
    // Secured: listed as needing a password, not dropped.
    assert_eq!(server.probe, Probe::NeedsPassword);
    assert_eq!(server.url, other.url());
    let process = server.process.as_ref().expect("its process, from /proc");
    assert_eq!(Some(process.pid), other.pid());
    assert!(process.ports.contains(&port));
    assert!(process.command_line.iter().any(|a| a == "serve"));
    assert_eq!(process.cwd.as_deref(), Some(other.project_dir()));
    assert!(found.processes.iter().any(|p| Some(p.pid) == other.pid()));

    let supervisor = Supervisor::new();
    let password = Secret::new(other.password().unwrap());
    let mut options = AttachOptions::new(&server.url, Credentials::new(Some(password)));
    options.project_dir = Some(other.project_dir().to_owned());
    let attached = supervisor.attach(options).unwrap();
    let state = attached
        .wait_ready(Duration::from_secs(10))
        .await
        .expect("ready");
    assert_eq!(attached.kind(), ServerKind::Attached);
    assert_eq!(state.version.as_deref(), Some("1.18.33"));
    assert_eq!(state.pid, None);
    let paths = attached.client().unwrap().path().await.expect("GET /path");
    assert_eq!(paths.home, other.home_dir().to_string_lossy());

    // Stopping an attached server only stops watching it.
    let stopped = attached.stop().await;
    assert!(matches!(stopped.status, ServerStatus::Stopped));
    supervisor.stop_all().await;
    drop(supervisor);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = opencode_client::Client::builder(other.url())
        .password(other.password().map(String::from))
        .build()
        .unwrap();
    let health = client
        .health()
        .await
        .expect("the attached server still answers");
    assert!(health.healthy);
    assert!(other.pid().is_some_and(crate::support::alive));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_unauthorized_not_a_hang() {
    let model = FakeModel::start().await;
    let other = TestServer::start(&model).await.expect("a test server");
    let supervisor = Supervisor::new();
    let wrong = Credentials::new(Some(Secret::new("not-the-password")));
    let attached = supervisor
        .attach(AttachOptions::new(other.url(), wrong))
        .unwrap();
    let error = attached
        .wait_ready(Duration::from_secs(10))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error}");
    assert!(matches!(
        attached.state().status,
        ServerStatus::Unauthorized
    ));
    assert!(!error.to_string().contains("not-the-password"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_is_not_there_is_unreachable() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", free.local_addr().unwrap());
    drop(free);
    let attached = Supervisor::new()
        .attach(AttachOptions::new(&url, Credentials::default()))
        .unwrap();
    let error = attached
        .wait_ready(Duration::from_secs(2))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Unreachable { url: u, .. } if *u == url),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_attached_server_that_hangs_is_unreachable_until_it_answers_again() {
    let model = FakeModel::start().await;
    let other = TestServer::start(&model).await.expect("a test server");
    let pid = other.pid().expect("its pid");
    let password = Secret::new(other.password().unwrap());
    let mut options = AttachOptions::new(other.url(), Credentials::new(Some(password)));
    options.probe_interval = Duration::from_millis(200);
    options.probe_timeout = Duration::from_millis(500);
    let supervisor = Supervisor::new();
    let attached = supervisor.attach(options).unwrap();
    attached
        .wait_ready(Duration::from_secs(10))
        .await
        .expect("ready");
    let mut states = attached.subscribe();
    states.borrow_and_update();

    // Someone else's server: we only watch it, so it is frozen, not killed, and comes back.
    let frozen = Frozen::freeze(pid, false);
    let unreachable = next_status(&mut states, "unreachable", Duration::from_secs(10)).await;
    let ServerStatus::Unreachable { reason } = &unreachable.status else {
        unreachable!()
    };
    assert!(reason.contains(other.url()), "{reason}");
    signal(pid, nix::sys::signal::Signal::SIGCONT);
    next_status(&mut states, "ready", Duration::from_secs(10)).await;
    drop(frozen);
    assert!(alive(pid), "an attached server is never killed");
}
