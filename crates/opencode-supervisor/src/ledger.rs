//! The ledger: a small file listing the servers this app started and has not yet seen end, so
//! that the next launch can stop what a crashed or killed app left running (on Linux the
//! parent-death signal and the guard usually got there first; the ledger is the net below).
//!
//! One line per running spawned process: `<pid> <start time>`, the start time being field 22
//! of `/proc/<pid>/stat`. A line is written when the process is spawned and removed when it has
//! been reaped (or killed on drop). [`reap_leftovers`], called at launch before anything is
//! spawned, stops each listed process's group and tree, then empties the file.
//!
//! The invariant: a pid is signalled only while it still has the recorded start time, so a pid
//! the system gave to someone else since is never touched. Linux only: elsewhere no start time
//! can be read, so nothing is recorded and nothing reaped.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// One process the app started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerEntry {
    pub pid: u32,
    /// Clock ticks after boot at which it started (`/proc/<pid>/stat` field 22).
    pub start_time: u64,
}

/// The app's list of running spawned servers. Cheap to clone; clones share the file.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    path: PathBuf,
    /// Each change reads, edits and rewrites the file; one at a time.
    lock: Mutex<()>,
}

/// Between SIGTERM and SIGKILL when stopping leftovers.
const LEFTOVER_GRACE: Duration = Duration::from_secs(1);

impl Ledger {
    pub(crate) fn new(path: impl Into<PathBuf>) -> Ledger {
        Ledger {
            shared: Arc::new(Shared {
                path: path.into(),
                lock: Mutex::new(()),
            }),
        }
    }

    /// Records a process just spawned; `None` when its start time cannot be read (it is
    /// already gone, or this is not Linux).
    pub(crate) fn add(&self, pid: u32) -> Option<LedgerEntry> {
        let entry = LedgerEntry {
            pid,
            start_time: start_time(pid)?,
        };
        self.edit(|entries| entries.push(entry));
        Some(entry)
    }

    /// Forgets a process that ended.
    pub(crate) fn remove(&self, entry: LedgerEntry) {
        self.edit(|entries| entries.retain(|e| *e != entry));
    }

    fn edit(&self, change: impl FnOnce(&mut Vec<LedgerEntry>)) {
        let _one_at_a_time = self
            .shared
            .lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut entries = read(&self.shared.path);
        change(&mut entries);
        if let Err(error) = write(&self.shared.path, &entries) {
            let path = self.shared.path.display();
            tracing::warn!(%error, %path, "could not update the ledger of started servers");
        }
    }
}

/// Stops every process listed in the ledger at `path` that still runs with its recorded start
/// time (SIGTERM to its group and tree, SIGKILL after a second), then empties the file. Returns
/// the ones it stopped, for the log. Blocks for up to about a second when there are some.
pub fn reap_leftovers(path: &Path) -> Vec<LedgerEntry> {
    let ours: Vec<LedgerEntry> = read(path).into_iter().filter(still_running).collect();
    for entry in &ours {
        signal_tree(entry, Signal::Term);
    }
    let deadline = std::time::Instant::now() + LEFTOVER_GRACE;
    while ours.iter().any(still_running) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    for entry in &ours {
        signal_tree(entry, Signal::Kill);
    }
    if let Err(error) = write(path, &[]) {
        tracing::warn!(%error, path = %path.display(), "could not empty the ledger");
    }
    ours
}

fn still_running(entry: &LedgerEntry) -> bool {
    start_time(entry.pid) == Some(entry.start_time)
}

enum Signal {
    Term,
    Kill,
}

/// To the group the entry leads and to every process below it, if it is still the same process.
#[cfg(target_os = "linux")]
fn signal_tree(entry: &LedgerEntry, signal: Signal) {
    use nix::sys::signal::{kill, killpg, Signal::SIGKILL, Signal::SIGTERM};
    use nix::unistd::Pid;
    if !still_running(entry) {
        return;
    }
    let signal = match signal {
        Signal::Term => SIGTERM,
        Signal::Kill => SIGKILL,
    };
    // Collected before the leader is signalled: once it dies its children are re-parented.
    let below = crate::proc_tree::descendants_of(entry.pid);
    let Ok(leader) = i32::try_from(entry.pid) else {
        return;
    };
    // Spawned servers lead their own group, whose id is their pid.
    let _ = killpg(Pid::from_raw(leader), signal);
    let _ = kill(Pid::from_raw(leader), signal);
    for pid in below {
        if let Ok(pid) = i32::try_from(pid) {
            let _ = kill(Pid::from_raw(pid), signal);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn signal_tree(_entry: &LedgerEntry, _signal: Signal) {}

#[cfg(target_os = "linux")]
fn start_time(pid: u32) -> Option<u64> {
    crate::proc_tree::start_time(pid)
}

#[cfg(not(target_os = "linux"))]
fn start_time(_pid: u32) -> Option<u64> {
    None
}

/// The entries in the file; a missing file or a line that does not parse is no entry.
fn read(path: &Path) -> Vec<LedgerEntry> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (pid, start_time) = line.trim().split_once(' ')?;
            Some(LedgerEntry {
                pid: pid.parse().ok()?,
                start_time: start_time.trim().parse().ok()?,
            })
        })
        .collect()
}

/// Replaces the file (through a temporary file and a rename, so a crash never leaves half a
/// line); no entries removes it.
fn write(path: &Path, entries: &[LedgerEntry]) -> std::io::Result<()> {
    if entries.is_empty() {
        return match std::fs::remove_file(path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        };
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text: String = entries
        .iter()
        .map(|e| format!("{} {}\n", e.pid, e.start_time))
        .collect();
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::{Child, Command};

    /// A `sleep` leading its own group, as a spawned server does.
    fn leader() -> Child {
        Command::new("sleep")
            .arg("600")
            .process_group(0)
            .spawn()
            .expect("run sleep")
    }

    #[test]
    fn a_listed_process_still_running_is_stopped_and_the_ledger_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("servers");
        let mut child = leader();
        let ledger = Ledger::new(&path);
        let entry = ledger.add(child.id()).expect("a start time");
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains(&format!("{} {}", entry.pid, entry.start_time)));

        assert_eq!(reap_leftovers(&path), [entry]);
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(libc::SIGTERM));
        assert!(!path.exists());
    }

    #[test]
    fn a_reused_pid_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("servers");
        let mut child = leader();
        let real = start_time(child.id()).expect("a start time");
        let other = LedgerEntry {
            pid: child.id(),
            start_time: real + 1,
        };
        write(&path, &[other]).unwrap();

        assert_eq!(reap_leftovers(&path), []);
        assert_eq!(child.try_wait().unwrap(), None, "a stranger was signalled");
        assert!(!path.exists());
        child.kill().unwrap();
        child.wait().unwrap();
    }

    #[test]
    fn removing_an_entry_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("servers");
        let ledger = Ledger::new(&path);
        let a = LedgerEntry {
            pid: 10,
            start_time: 1,
        };
        let b = LedgerEntry {
            pid: 11,
            start_time: 2,
        };
        ledger.edit(|e| e.extend([a, b]));
        ledger.remove(a);
        assert_eq!(read(&path), [b]);
        ledger.remove(b);
        assert!(!path.exists());
    }
}
