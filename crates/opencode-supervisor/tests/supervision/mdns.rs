//! mDNS discovery against the real `opencode serve --mdns`: what it announces on the network is
//! what `browse_mdns` finds. OpenCode announces only when it listens beyond loopback, so this
//! server listens on 0.0.0.0 (with a password, for the few seconds the test runs).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use opencode_supervisor::discovery::probe;
use opencode_supervisor::{browse_mdns, Credentials, Probe, Secret};

use crate::support::{opencode, world, READY_LIMIT};

/// Kills the server's whole process group on every way out of the test.
struct Announcing(Child);

impl Drop for Announcing {
    fn drop(&mut self) {
        use nix::sys::signal::{killpg, Signal};
        use nix::unistd::Pid;
        let _ = killpg(Pid::from_raw(self.0.id() as i32), Signal::SIGKILL);
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_started_with_mdns_is_found_on_the_local_network() {
    use std::os::unix::process::CommandExt as _;
    let world = world();
    let password = Secret::generate();
    let mut server = Announcing(
        Command::new(opencode())
            .args(["serve", "--mdns", "--port", "0"])
            .current_dir(world.project_dir())
            .envs(world.env())
            .env("OPENCODE_SERVER_PASSWORD", password.expose())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start opencode serve --mdns"),
    );
    let stdout = server.0.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = opencode_supervisor::listening_url(&line) {
                let _ = tx.send(url.trim_end_matches('/').to_owned());
            }
        }
    });
    let listening = rx.recv_timeout(READY_LIMIT).expect("the listening line");
    let port: u16 = listening
        .rsplit_once(':')
        .and_then(|(_, port)| port.parse().ok())
        .expect("a port in the listening URL");
    let name = format!("opencode-{port}");

    // The announcement goes out as the server starts; a browse may just miss the first one, so
    // a few short rounds (each sends its own query, which the server answers).
    let mut found = None;
    let mut seen = Vec::new();
    for _ in 0..5 {
        let servers = browse_mdns(Duration::from_secs(2)).await.expect("browse");
        found = servers.iter().find(|s| s.name == name).cloned();
        seen = servers;
        if found.is_some() {
            break;
        }
    }
    let found = found.unwrap_or_else(|| panic!("{name} not announced; found {seen:?}"));
    eprintln!("announced: {found:?}");
    assert_eq!(found.host, "opencode.local");
    assert_eq!(found.port, port);
    assert!(found.url.ends_with(&format!(":{port}")), "{}", found.url);
    assert!(!found.addresses.is_empty());
    // The URL it gives reaches that very server, which wants its password.
    let without = probe(&found.url, &Credentials::default(), Duration::from_secs(5)).await;
    assert_eq!(without.expect("a probe"), Probe::NeedsPassword);
    let with = probe(
        &found.url,
        &Credentials::new(Some(password)),
        Duration::from_secs(5),
    )
    .await;
    assert!(matches!(with, Ok(Probe::Open { .. })), "{with:?}");
}
