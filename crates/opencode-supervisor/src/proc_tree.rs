//! Linux: what `/proc/<pid>/stat` says about processes we may have to end: a process's start
//! time (so a reused pid is never taken for ours) and every descendant of a process (by its
//! `PPid` links, which is how the guard and the ledger find a tree that left its group).
//!
//! Read only; signalling is the caller's. Best effort: a process that ends while we read is
//! simply not there.

use std::collections::HashMap;

/// The fields of `/proc/<pid>/stat` after the command name, which may itself hold spaces and
/// parentheses (hence the last `)`).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(String::from).collect())
}

/// When `pid` started, in clock ticks after boot (field 22 of `stat`); `None` when it is gone
/// or a zombie (dead, only waiting to be reaped).
pub(crate) fn start_time(pid: u32) -> Option<u64> {
    let fields = stat_fields(pid)?;
    if fields.first().map(String::as_str) == Some("Z") {
        return None;
    }
    // Field 22 overall; the fields after the name start at field 3.
    fields.get(22 - 3)?.parse().ok()
}

/// Every live process below `root` (children, their children, ...), zombies included.
pub(crate) fn descendants_of(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for pid in entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
    {
        // Field 4 overall: the parent's pid.
        if let Some(ppid) = stat_fields(pid).and_then(|f| f.get(1)?.parse::<u32>().ok()) {
            children.entry(ppid).or_default().push(pid);
        }
    }
    let mut found = Vec::new();
    let mut next = vec![root];
    while let Some(pid) = next.pop() {
        for child in children.remove(&pid).unwrap_or_default() {
            found.push(child);
            next.push(child);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};

    #[test]
    fn a_grandchild_is_a_descendant_and_the_start_time_is_stable() {
        // sh starts sleep and waits for it: a child and a grandchild of ours.
        let mut sh = Command::new("sh")
            .args(["-c", "sleep 30; true"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let found = (0..100).find_map(|_| {
            let below = descendants_of(std::process::id());
            let sleep = below.iter().copied().find(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c.starts_with(b"sleep"))
            });
            if sleep.is_none() {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            sleep.map(|s| (below, s))
        });
        let (below, sleep) = found.expect("sh's sleep shows up below us");
        assert!(below.contains(&sh.id()), "{below:?}");
        let started = start_time(sh.id()).expect("a start time");
        assert_eq!(start_time(sh.id()), Some(started));
        assert!(!descendants_of(sleep).contains(&sh.id()));
        sh.kill().unwrap();
        sh.wait().unwrap();
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(sleep as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        assert_eq!(start_time(u32::MAX), None);
    }
}
