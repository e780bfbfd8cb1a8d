//! No orphan even when the app is killed with SIGKILL (no `Drop`, no exit hook runs): this test
//! binary re-runs itself as the "app", which spawns a server and prints its pid; we kill -9 that
//! process and watch the server disappear.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use opencode_supervisor::{SpawnOptions, Supervisor};

use crate::support::{alive, eventually, group_members, kill_9, opencode, world, READY_LIMIT};

/// Set (to the project dir) when this binary runs as the parent process.
const PARENT_VAR: &str = "OPENCODE_SUPERVISOR_TEST_PARENT_PROJECT";
const PID_PREFIX: &str = "SERVER_PID=";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a helper: `the_server_dies_when_its_parent_is_killed` runs it in a child process"]
async fn act_as_a_parent_that_spawns_a_server() {
    let Some(project) = std::env::var_os(PARENT_VAR) else {
        return;
    };
    // The isolated HOME and XDG dirs come from this process's own environment.
    let supervisor = Supervisor::new();
    let server = supervisor
        .spawn(SpawnOptions::new(project).binary(opencode()))
        .expect("spawn");
    let state = server.wait_ready(READY_LIMIT).await.expect("ready");
    eprintln!("{PID_PREFIX}{}", state.pid.expect("a pid"));
    std::future::pending::<()>().await;
}

/// Kills the parent on every way out of the test.
struct Parent(Child);

impl Drop for Parent {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_dies_when_its_parent_is_killed() {
    let world = world();
    let mut parent = Parent(
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "orphans::act_as_a_parent_that_spawns_a_server",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .envs(world.env())
            .env(PARENT_VAR, world.project_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("re-run this test binary as the parent"),
    );
    let stderr = parent.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(pid) = line.strip_prefix(PID_PREFIX) {
                let _ = tx.send(pid.trim().parse::<u32>().ok());
            }
        }
    });
    let server_pid = rx
        .recv_timeout(READY_LIMIT)
        .expect("the parent reports its server's pid")
        .expect("a numeric pid");
    assert!(alive(server_pid));

    kill_9(parent.0.id());
    parent.0.wait().unwrap();
    let gone = eventually(Duration::from_secs(5), || !alive(server_pid)).await;
    let leftovers = group_members(server_pid);
    if !gone {
        kill_9(server_pid); // leave nothing running even when failing
    }
    assert!(gone, "opencode {server_pid} outlived its killed parent");
    assert_eq!(
        leftovers,
        Vec::<u32>::new(),
        "its group outlived the parent"
    );
}
