//! No orphan even when the app is killed with SIGKILL (no `Drop`, no exit hook runs): the
//! crate's `opencode-supervisor-orphan-probe` binary plays the app, spawns a server and prints
//! its pid; we kill -9 that process and watch the server disappear.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::{alive, eventually, group_members, kill_9, opencode, world, READY_LIMIT};

const PROBE: &str = env!("CARGO_BIN_EXE_opencode-supervisor-orphan-probe");
const PID_PREFIX: &str = "SERVER_PID=";

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
        Command::new(PROBE)
            .arg(world.project_dir())
            .arg(opencode())
            .envs(world.env())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run the orphan probe as the parent"),
    );
    let stderr = parent.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(pid) = line.strip_prefix(PID_PREFIX) {
                let _ = tx.send(pid.trim().parse::<u32>().map_err(|_| line.clone()));
            } else {
                seen.push_str(&line);
                seen.push('\n');
            }
        }
        // The probe ended without a pid: hand its output to the test's failure message.
        let _ = tx.send(Err(seen));
    });
    let server_pid = rx
        .recv_timeout(READY_LIMIT)
        .expect("the probe reports its server's pid in time")
        .unwrap_or_else(|output| panic!("the probe reported no pid; its output:\n{output}"));
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
