//! Shared by the supervision tests: an isolated world per test, spawn options that keep the
//! server inside it, fake `opencode` scripts, and `/proc` checks for "is this process gone".

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use opencode_supervisor::{SpawnOptions, Supervisor};
use testkit::IsolatedWorld;

/// Generous: two cores, and other tests start servers at the same time.
pub const READY_LIMIT: Duration = Duration::from_secs(60);

pub fn opencode() -> PathBuf {
    testkit::find_opencode_binary().expect("the real opencode binary (npm install at the root)")
}

pub fn world() -> IsolatedWorld {
    IsolatedWorld::create(None).expect("a temp home and project")
}

/// Options for a server in `world`, running `binary`, with the world's environment.
pub fn options_in(world: &IsolatedWorld, binary: &Path) -> SpawnOptions {
    let mut options = SpawnOptions::new(world.project_dir()).binary(binary);
    options.env = world.env();
    options.startup_timeout = READY_LIMIT;
    options.stop_grace = Duration::from_secs(10);
    options
}

/// A supervisor and a started server in a fresh world, with the real binary.
pub fn spawn_real(world: &IsolatedWorld) -> (Supervisor, opencode_supervisor::ServerHandle) {
    let supervisor = Supervisor::new();
    let handle = supervisor
        .spawn(options_in(world, &opencode()))
        .expect("spawn");
    (supervisor, handle)
}

/// Writes an executable `sh` script. The write happens in a separate `sh` process so no other
/// test thread can inherit an open write handle to it across fork (which makes exec fail with
/// "Text file busy").
pub fn write_script(path: &Path, body: &str) {
    let script = format!("#!/bin/sh\n{body}\n");
    let status = std::process::Command::new("sh")
        .args([
            "-c",
            "printf '%s' \"$2\" > \"$1\" && chmod 755 \"$1\"",
            "sh",
        ])
        .arg(path)
        .arg(script)
        .status()
        .expect("run sh");
    assert!(status.success());
}

/// Whether `pid` names a live (not zombie) process.
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => state_of(&stat) != Some('Z'),
        Err(_) => false,
    }
}

/// Live processes whose process group is `pgid`.
pub fn group_members(pgid: u32) -> Vec<u32> {
    pids()
        .into_iter()
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
            let fields: Vec<&str> = after.split_whitespace().collect();
            // After the command name: state, ppid, pgrp.
            fields.get(2) == Some(&pgid.to_string().as_str()) && fields.first() != Some(&"Z")
        })
        .collect()
}

fn state_of(stat: &str) -> Option<char> {
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Polls `condition` every 50 ms until it holds or `limit` passes; returns whether it held.
pub async fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if condition() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn kill_9(pid: u32) {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    kill(Pid::from_raw(pid as i32), Signal::SIGKILL).expect("kill -9");
}

pub fn signal(pid: u32, signal: nix::sys::signal::Signal) {
    use nix::sys::signal::kill;
    use nix::unistd::Pid;
    kill(Pid::from_raw(pid as i32), signal).expect("send a signal");
}

/// A process stopped with SIGSTOP (alive, answering nothing: a hang). Dropping it continues the
/// process, and with `kill_on_drop` kills it, if it is still there, so a failing test leaves no
/// frozen server behind.
pub struct Frozen {
    pub pid: u32,
    kill_on_drop: bool,
}

impl Frozen {
    pub fn freeze(pid: u32, kill_on_drop: bool) -> Frozen {
        signal(pid, nix::sys::signal::Signal::SIGSTOP);
        Frozen { pid, kill_on_drop }
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        use nix::sys::signal::{kill, Signal};
        use nix::unistd::Pid;
        if alive(self.pid) {
            let _ = kill(Pid::from_raw(self.pid as i32), Signal::SIGCONT);
            if self.kill_on_drop {
                let _ = kill(Pid::from_raw(self.pid as i32), Signal::SIGKILL);
            }
        }
    }
}

/// Waits for the next state whose status is `name`.
pub async fn next_status(
    states: &mut tokio::sync::watch::Receiver<opencode_supervisor::ServerState>,
    name: &str,
    limit: Duration,
) -> opencode_supervisor::ServerState {
    let found = tokio::time::timeout(limit, states.wait_for(|s| s.status.name() == name))
        .await
        .map(|state| state.map(|s| s.clone()));
    match found {
        Ok(Ok(state)) => state,
        _ => panic!("no `{name}` within {limit:?}; last: {:?}", states.borrow()),
    }
}

/// Live processes whose environment holds `var=value` (a marker every descendant inherits).
pub fn processes_carrying(var: &str, value: &str) -> Vec<u32> {
    let needle = format!("{var}={value}");
    pids()
        .into_iter()
        .filter(|pid| {
            // Unreadable (gone) and zombies (empty environ) do not count.
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|environ| environ.split(|b| *b == 0).any(|v| v == needle.as_bytes()))
                && alive(*pid)
        })
        .collect()
}

/// The command line of `pid`, one string per argument (empty when gone).
pub fn command_line(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap_or_default()
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

/// serde_json's `Value`, named through the client's types: serde_json is no dependency of this
/// crate, and the fake model's scripts and config are JSON.
pub type Json = <opencode_client::types::Extra as std::ops::Index<&'static str>>::Output;

/// A JSON object of string fields.
pub fn json_object(fields: &[(&str, &str)]) -> Json {
    let mut map = opencode_client::types::Extra::new();
    for (key, value) in fields {
        map.insert((*key).to_owned(), Json::from(*value));
    }
    Json::Object(map)
}

/// Every process id in /proc now.
fn pids() -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .collect()
}
