//! [`ServerChild`]: one spawned `opencode` process and everything it starts, held so that none of
//! it can outlive us.
//!
//! - unix: the child leads its own process group, so one signal reaches the whole tree; stop is
//!   SIGTERM to the group, then SIGKILL after a grace period. On Linux the child also gets
//!   `PR_SET_PDEATHSIG(SIGKILL)`, so it dies even when we are killed with SIGKILL (no `Drop`, no
//!   exit hook runs then). Other unixes (macOS) only get the group; see the crate docs.
//! - Windows: a Job Object (process-wrap's, kill-on-close), so closing our handle, even by dying,
//!   ends the tree. Only the Linux target builds on this project's CI machine, so the Windows path
//!   leans on process-wrap, which is tested upstream.
//!
//! - Linux with a [guard](crate::guard): the child is the guard, which runs `opencode` below it
//!   in the same group and ends everything below itself; so "kill" asks the guard
//!   ([`crate::guard::KILL_NOW`]) instead of killing it, which would orphan what left the group.
//!
//! Deciding when to start or stop is the supervisor's job; reading the pipes is `spawn`'s. The
//! invariant: the group is signalled only while we hold the (possibly zombie) leader or right
//! after reaping it, so the group id cannot name someone else's processes. `PR_SET_PDEATHSIG`
//! fires when the *thread* that forked exits: spawn from a long-lived runtime thread, never from
//! a short-lived blocking-pool thread.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use process_wrap::tokio::{ChildWrapper, CommandWrap};
use tokio::process::{ChildStderr, ChildStdout};

use crate::error::{Error, Result};
use crate::ledger::{Ledger, LedgerEntry};

/// What to run.
#[derive(Debug, Clone)]
pub(crate) struct Launch {
    pub binary: PathBuf,
    pub args: Vec<OsString>,
    /// `binary` is the guard, with `opencode` in its arguments.
    pub guarded: bool,
    pub cwd: PathBuf,
    /// Variables removed from the inherited environment before `env` is applied.
    pub remove_env: Vec<OsString>,
    pub env: Vec<(OsString, OsString)>,
    /// Where the process is listed while it runs.
    pub ledger: Option<Ledger>,
}

/// A running (or just ended) server process. Dropping it kills the whole tree.
#[derive(Debug)]
pub(crate) struct ServerChild {
    child: Box<dyn ChildWrapper>,
    pid: u32,
    guarded: bool,
    exit: Option<ExitStatus>,
    /// Its line in the ledger, removed once it is reaped (or killed on drop).
    listed: Option<(Ledger, LedgerEntry)>,
}

/// How long a guard may take to end its tree when told to kill it, before it is killed itself.
const GUARD_KILL_LIMIT: Duration = Duration::from_secs(5);

/// The pipes of a freshly spawned child.
pub(crate) struct Pipes {
    pub stdout: Option<ChildStdout>,
    pub stderr: Option<ChildStderr>,
}

impl ServerChild {
    pub fn spawn(launch: &Launch) -> Result<(ServerChild, Pipes)> {
        let mut command = CommandWrap::with_new(&launch.binary, |c| {
            c.args(&launch.args).current_dir(&launch.cwd);
            for key in &launch.remove_env {
                c.env_remove(key);
            }
            c.envs(launch.env.iter().map(|(k, v)| (k, v)));
            c.stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                // A guard asked to end its tree must not be killed before it could.
                .kill_on_drop(!launch.guarded);
        });
        isolate(&mut command);
        let mut child = command.spawn().map_err(|source| Error::Spawn {
            binary: launch.binary.clone(),
            source: source.into(),
        })?;
        let pipes = Pipes {
            stdout: child.stdout().take(),
            stderr: child.stderr().take(),
        };
        let pid = child.id().unwrap_or_default();
        let listed = launch
            .ledger
            .as_ref()
            .and_then(|ledger| Some((ledger.clone(), ledger.add(pid)?)));
        let child = ServerChild {
            child,
            pid,
            guarded: launch.guarded,
            exit: None,
            listed,
        };
        Ok((child, pipes))
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Waits for the leader to end; afterwards whatever it left in its group is killed. Cancel
    /// safe: dropping the future leaves the child as it was.
    pub async fn wait(&mut self) -> ExitStatus {
        if let Some(status) = self.exit {
            return status;
        }
        let status = match self.child.wait().await {
            Ok(status) => status,
            Err(error) => {
                // Only when the child was reaped elsewhere, which we never do.
                tracing::warn!(pid = self.pid, %error, "could not wait for opencode");
                exit_status_unknown()
            }
        };
        self.exit = Some(status);
        self.kill_leftovers();
        self.unlist();
        status
    }

    /// Asks the tree to end (SIGTERM to the group), then kills it after `grace`.
    pub async fn stop(&mut self, grace: Duration) -> ExitStatus {
        if let Some(status) = self.exit {
            return status;
        }
        self.terminate();
        if let Ok(status) = tokio::time::timeout(grace, self.wait()).await {
            return status;
        }
        tracing::debug!(pid = self.pid, "opencode ignored SIGTERM; killing it");
        self.kill_and_wait().await
    }

    /// Kills the tree and reaps it. A guard that does not end its tree in time is killed too.
    pub async fn kill_and_wait(&mut self) -> ExitStatus {
        self.kill();
        if !self.guarded {
            return self.wait().await;
        }
        match tokio::time::timeout(GUARD_KILL_LIMIT, self.wait()).await {
            Ok(status) => status,
            Err(_) => {
                tracing::warn!(pid = self.pid, "the guard did not end its tree; killing it");
                let _ = self.child.start_kill();
                self.wait().await
            }
        }
    }

    /// SIGKILL to the whole tree now (through the guard, when there is one); `wait` reaps it.
    pub fn kill(&mut self) {
        if self.exit.is_some() {
            return;
        }
        if self.guarded && self.tell_guard_to_kill() {
            return;
        }
        let _ = self.child.start_kill();
    }

    /// To the guard alone (the group holds `opencode`, which must not get this signal). `pid`
    /// is our unreaped child, so it names the guard.
    #[cfg(unix)]
    fn tell_guard_to_kill(&self) -> bool {
        let Ok(pid) = i32::try_from(self.pid) else {
            return false;
        };
        let pid = nix::unistd::Pid::from_raw(pid);
        nix::sys::signal::kill(pid, crate::guard::KILL_NOW).is_ok()
    }

    #[cfg(not(unix))]
    fn tell_guard_to_kill(&self) -> bool {
        false
    }

    fn unlist(&mut self) {
        if let Some((ledger, entry)) = self.listed.take() {
            ledger.remove(entry);
        }
    }

    #[cfg(unix)]
    fn terminate(&mut self) {
        let _ = self.child.signal(libc::SIGTERM);
    }

    #[cfg(not(unix))]
    fn terminate(&mut self) {
        // Windows has no polite signal a console-less child would see: end the job.
        let _ = self.child.start_kill();
    }

    /// After the leader is reaped, its group may still hold processes it started; they go too.
    /// Linux keeps a pid number reserved while a group of that id has members, so the id still
    /// names our group here, or nothing.
    #[cfg(unix)]
    fn kill_leftovers(&mut self) {
        let _ = self.child.signal(libc::SIGKILL);
    }

    #[cfg(not(unix))]
    fn kill_leftovers(&mut self) {
        let _ = self.child.start_kill();
    }
}

impl Drop for ServerChild {
    fn drop(&mut self) {
        self.kill();
        self.unlist();
    }
}

#[cfg(unix)]
fn isolate(command: &mut CommandWrap) {
    use process_wrap::tokio::ProcessGroup;
    command.wrap(ProcessGroup::leader());
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    // SAFETY: the closure runs in the forked child before exec. It only calls prctl(2), which is
    // async-signal-safe, and it neither allocates nor takes a lock, as pre_exec requires.
    unsafe {
        command.command_mut().pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(windows)]
fn isolate(command: &mut CommandWrap) {
    use process_wrap::tokio::{JobObject, KillOnDrop};
    command.wrap(JobObject).wrap(KillOnDrop);
}

#[cfg(not(any(unix, windows)))]
fn isolate(_command: &mut CommandWrap) {}

#[cfg(unix)]
fn exit_status_unknown() -> ExitStatus {
    use std::os::unix::process::ExitStatusExt;
    ExitStatus::from_raw(0xff00)
}

#[cfg(windows)]
fn exit_status_unknown() -> ExitStatus {
    use std::os::windows::process::ExitStatusExt;
    ExitStatus::from_raw(u32::MAX)
}
