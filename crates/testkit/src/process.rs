//! One running `opencode serve` child: spawning it in its own process group (and, on Linux,
//! with a parent-death signal), capturing its output into a bounded shared log, announcing its
//! `listening on` line, and killing the whole group (then, through `leftovers`, whatever the
//! agent started outside it). Deciding when to start, what to wait for and what counts as
//! ready is `server`'s job.
//!
//! The invariant: a `ServerProcess` always reaps its child *after* signalling the group, never
//! before, so the group id cannot have been reused when we signal it.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::leftovers::{kill_marked, MARKER_VAR};
use crate::TestkitError;

/// Lines of output kept for error messages and `TestServer::output_tail`.
const KEPT_LINES: usize = 200;

/// The last lines the server wrote to stdout and stderr, shared with the reader threads.
#[derive(Clone, Default)]
pub(crate) struct OutputLog(Arc<Mutex<VecDeque<String>>>);

impl OutputLog {
    pub fn push(&self, line: String) {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lines.len() == KEPT_LINES {
            lines.pop_front();
        }
        lines.push_back(line);
    }

    pub fn tail(&self) -> String {
        let lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        lines
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A running child. Dropping it kills the group.
pub(crate) struct ServerProcess {
    child: Child,
    marker: String,
    readers: Vec<JoinHandle<()>>,
    exit: Option<ExitStatus>,
}

/// What to run.
pub(crate) struct Launch<'a> {
    pub binary: &'a Path,
    pub args: Vec<String>,
    pub cwd: &'a Path,
    pub env: Vec<(OsString, OsString)>,
    /// Unique to the server; lets `kill` find what its agent left running (see `leftovers`).
    pub marker: &'a str,
}

impl ServerProcess {
    /// Starts the child. The receiver yields the URL from the `listening on` line, or is
    /// closed when stdout ends without one (the child died).
    pub fn spawn(
        launch: Launch<'_>,
        log: &OutputLog,
    ) -> Result<(ServerProcess, oneshot::Receiver<String>), TestkitError> {
        let mut command = Command::new(launch.binary);
        command.args(&launch.args).current_dir(launch.cwd);
        for (key, _) in std::env::vars_os() {
            let name = key.to_string_lossy();
            if name.starts_with("OPENCODE_") || name.starts_with("GIT_") {
                command.env_remove(&key);
            }
        }
        command.envs(launch.env).env(MARKER_VAR, launch.marker);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        isolate(&mut command);
        let mut child = command.spawn().map_err(|source| TestkitError::Spawn {
            binary: launch.binary.to_owned(),
            source,
        })?;
        let (tx, rx) = oneshot::channel();
        let mut readers = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            readers.push(read_lines(stdout, "out", log.clone(), Some(tx)));
        }
        if let Some(stderr) = child.stderr.take() {
            readers.push(read_lines(stderr, "err", log.clone(), None));
        }
        let marker = launch.marker.to_owned();
        Ok((
            ServerProcess {
                child,
                marker,
                readers,
                exit: None,
            },
            rx,
        ))
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILLs the whole group and reaps the child, then kills whatever the agent started
    /// outside the group; returns how the server ended. Idempotent.
    pub fn kill(&mut self) -> Option<ExitStatus> {
        if self.exit.is_none() {
            kill_group(&mut self.child);
            self.exit = self.child.wait().ok();
            let leftovers = kill_marked(&self.marker);
            if leftovers > 0 {
                tracing::debug!(
                    pid = self.child.id(),
                    leftovers,
                    "killed processes the agent left"
                );
            }
        }
        self.exit
    }

    /// Waits (up to `limit`) for the reader threads to drain what the dead child wrote, so an
    /// error message shows its last words. Call after `kill`.
    pub async fn drain_output(&mut self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while self.readers.iter().any(|r| !r.is_finished()) {
            if tokio::time::Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.readers.clear();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Own process group, so one signal reaches everything the server started; on Linux, also
/// die with the thread that spawned us, so even a crashed test runner leaves nothing behind.
#[cfg(unix)]
fn isolate(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    // SAFETY: the closure runs in the forked child before exec. It only calls prctl(2), which
    // is async-signal-safe, and allocates nothing and takes no lock, as pre_exec requires.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn isolate(_command: &mut Command) {}

#[cfg(unix)]
fn kill_group(child: &mut Child) {
    use nix::sys::signal::{killpg, Signal};
    use nix::unistd::Pid;
    // The child leads its own group (process_group(0)), so its pid is the group id. It is not
    // reaped yet, so that id still names our group.
    let pgid = Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
    if killpg(pgid, Signal::SIGKILL).is_err() {
        let _ = child.kill();
    }
}

#[cfg(not(unix))]
fn kill_group(child: &mut Child) {
    let _ = child.kill();
}

fn read_lines(
    pipe: impl Read + Send + 'static,
    stream: &'static str,
    log: OutputLog,
    mut listening: Option<oneshot::Sender<String>>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut raw = Vec::new();
        loop {
            raw.clear();
            match reader.read_until(b'\n', &mut raw) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = strip_ansi(String::from_utf8_lossy(&raw).trim_end());
            if let Some(url) = listening_url(&line) {
                if let Some(tx) = listening.take() {
                    let _ = tx.send(url.to_owned());
                }
            }
            tracing::trace!(stream, %line, "opencode output");
            log.push(format!("[{stream}] {line}"));
        }
    })
}

/// The URL in `opencode server listening on http://127.0.0.1:4096`.
pub(crate) fn listening_url(line: &str) -> Option<&str> {
    let (_, rest) = line.split_once("listening on ")?;
    let url = rest.split_whitespace().next()?;
    url.starts_with("http").then_some(url)
}

/// The port of `http://host:port[/...]`.
pub(crate) fn url_port(url: &str) -> Option<u16> {
    let authority = url.split_once("://")?.1.split('/').next()?;
    authority.rsplit_once(':')?.1.parse().ok()
}

/// Removes terminal colour codes (`ESC [ ... letter`), which OpenCode prints in its errors.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_line_yields_its_url_and_port() {
        let line = "opencode server listening on http://127.0.0.1:4096";
        assert_eq!(listening_url(line), Some("http://127.0.0.1:4096"));
        assert_eq!(url_port("http://127.0.0.1:4096"), Some(4096));
        assert_eq!(url_port("http://[::1]:38171/"), Some(38171));
        assert_eq!(
            listening_url("Warning: OPENCODE_SERVER_PASSWORD is not set"),
            None
        );
    }

    #[test]
    fn ansi_colour_codes_are_removed() {
        assert_eq!(
            strip_ansi("\u{1b}[91m\u{1b}[1mError: \u{1b}[0mUnexpected"),
            "Error: Unexpected"
        );
    }

    #[test]
    fn output_log_keeps_only_the_last_lines() {
        let log = OutputLog::default();
        for i in 0..KEPT_LINES + 5 {
            log.push(i.to_string());
        }
        let tail = log.tail();
        assert!(tail.starts_with("5\n"));
        assert!(tail.ends_with(&(KEPT_LINES + 4).to_string()));
    }
}
