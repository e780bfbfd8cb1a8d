//! Killing what a test server's agent started outside the server's process group.
//!
//! OpenCode runs each bash tool call detached, in a new session (measured on 1.18.33: the
//! command's sid and pgid differ from the server's), so killing the server's group misses a
//! command still running, or one it put in the background. Every server gets a unique marker
//! in its environment ([`MARKER_VAR`]); its descendants inherit it, even once reparented, so
//! after killing the group we SIGKILL every process whose environment carries our marker.
//! Linux only (it reads `/proc`); elsewhere only the group kill applies. The invariant: the
//! marker is unique per server, so we can never hit a process that is not ours.

/// The environment variable carrying a server's marker.
pub(crate) const MARKER_VAR: &str = "TESTKIT_SERVER_ID";

/// SIGKILLs every process whose environment holds `MARKER_VAR=marker`; returns how many.
#[cfg(target_os = "linux")]
pub(crate) fn kill_marked(marker: &str) -> usize {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    use std::time::Duration;

    let needle = format!("{MARKER_VAR}={marker}");
    let own = std::process::id();
    let mut killed = 0;
    // A few rounds: a leftover may fork while we scan.
    for _ in 0..3 {
        let mut found = 0;
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return killed;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == own {
                continue;
            }
            // Unreadable (another user's, or gone) and zombies (empty environ) are skipped.
            let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
                continue;
            };
            if environ
                .split(|b| *b == 0)
                .any(|var| var == needle.as_bytes())
            {
                if let Ok(pid) = i32::try_from(pid) {
                    let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                    found += 1;
                }
            }
        }
        killed += found;
        if found == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    killed
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn kill_marked(_marker: &str) -> usize {
    0
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::Command;
    use std::time::Duration;

    #[test]
    fn kills_a_marked_process_and_spares_an_unmarked_one() {
        let marker = "unit-test-marker-7f3a";
        let mut marked = Command::new("sleep")
            .arg("30")
            .env(MARKER_VAR, marker)
            .spawn()
            .unwrap();
        let mut other = Command::new("sleep")
            .arg("30")
            .env(MARKER_VAR, "someone-else")
            .spawn()
            .unwrap();
        // Give exec a moment so /proc shows the new environment.
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(kill_marked(marker), 1);
        assert!(!marked.wait().unwrap().success());
        assert_eq!(other.try_wait().unwrap(), None);
        other.kill().unwrap();
        other.wait().unwrap();
    }
}
