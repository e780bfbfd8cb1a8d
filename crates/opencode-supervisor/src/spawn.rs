//! Starting one `opencode serve` and waiting until it is ready: loopback only, `--port 0` unless
//! told otherwise, a fresh random password in `OPENCODE_SERVER_PASSWORD`, an explicit
//! environment, the URL taken from the `listening on` line, ready when `/global/health` answers.
//!
//! It owns one start attempt; restarting, backoff and stopping are the supervisor's. The
//! invariant: every way out of [`start`] before success kills the child (dropping
//! `ServerChild` does), and every failure carries the server's own last output, so a start can
//! neither hang past its deadline nor fail without saying why.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::oneshot;

use crate::credentials::{Credentials, Secret, DEFAULT_USERNAME};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::log::{ServerLog, Stream};
use crate::process::{Launch, ServerChild};

/// How long a failed start waits for the pipes to deliver the child's last output.
pub(crate) const DRAIN_LIMIT: Duration = Duration::from_secs(1);

/// How to start a server for one project directory.
#[derive(Debug, Clone)]
pub struct SpawnOptions {
    /// The project the server runs in (its working directory).
    pub project_dir: PathBuf,
    /// The `opencode` to run; `None` searches for it (see [`crate::binary`]).
    pub binary: Option<PathBuf>,
    /// The port to listen on; 0 lets OpenCode choose (it tries 4096 first).
    pub port: u16,
    /// Extra environment, applied last (e.g. an isolated `HOME` in tests).
    pub env: Vec<(OsString, OsString)>,
    /// Extra arguments after `serve --hostname 127.0.0.1 --port N`, e.g. `--print-logs`.
    pub extra_args: Vec<String>,
    /// From spawn to a healthy server.
    pub startup_timeout: Duration,
    /// Between SIGTERM and SIGKILL when stopping.
    pub stop_grace: Duration,
    /// Output lines kept in memory, and the file every line is appended to.
    pub log_lines: usize,
    pub log_file: Option<PathBuf>,
    /// The name shown for the server; defaults to the project directory's name.
    pub name: Option<String>,
    pub restart: crate::RestartPolicy,
    /// Linux: the executable to run as the server's [guard](crate::guard) (the app's own, which
    /// calls [`crate::guard::run_if_requested`] first thing), so that nothing the server
    /// starts outlives it. `None` runs `opencode` directly, as on other platforms, which
    /// ignore this.
    pub guard: Option<PathBuf>,
}

impl SpawnOptions {
    pub fn new(project_dir: impl Into<PathBuf>) -> SpawnOptions {
        SpawnOptions {
            project_dir: project_dir.into(),
            binary: None,
            port: 0,
            env: Vec::new(),
            extra_args: Vec::new(),
            startup_timeout: Duration::from_secs(30),
            stop_grace: Duration::from_secs(5),
            log_lines: crate::log::DEFAULT_LOG_LINES,
            log_file: None,
            name: None,
            restart: crate::RestartPolicy::default(),
            guard: None,
        }
    }

    pub fn binary(mut self, binary: impl Into<PathBuf>) -> Self {
        self.binary = Some(binary.into());
        self
    }

    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn restart(mut self, policy: crate::RestartPolicy) -> Self {
        self.restart = policy;
        self
    }

    pub fn guard(mut self, exe: impl Into<PathBuf>) -> Self {
        self.guard = Some(exe.into());
        self
    }
}

/// A server that answered its health check.
#[derive(Debug)]
pub(crate) struct Started {
    pub child: ServerChild,
    pub url: String,
    pub version: String,
    pub ready_in: Duration,
    pub readers: Readers,
}

/// The tasks copying the child's stdout and stderr into its log.
#[derive(Debug, Default)]
pub(crate) struct Readers(Vec<tokio::task::JoinHandle<()>>);

impl Readers {
    /// Waits (up to `limit`) until the pipes are drained, so the log holds a dead child's last
    /// words. The pipes close when the child and everything that inherited them are gone.
    pub async fn drain(&mut self, limit: Duration) {
        let all = futures_util::future::join_all(self.0.iter_mut());
        let _ = tokio::time::timeout(limit, all).await;
    }
}

/// One attempt: spawn, wait for the listening line, wait for health, all under one deadline.
pub(crate) async fn start(
    binary: &std::path::Path,
    options: &SpawnOptions,
    password: &Secret,
    log: &ServerLog,
    ledger: Option<&Ledger>,
) -> Result<Started> {
    let started = Instant::now();
    let mut launch = launch(binary, options, password);
    launch.ledger = ledger.cloned();
    let (mut child, url, mut readers) = spawn_and_listen(&launch, options, log).await?;
    let deadline = tokio::time::Instant::from_std(started + options.startup_timeout);
    let credentials = Credentials::new(Some(password.clone()));
    let version = tokio::select! {
        // Dropping `child` on the error paths kills it.
        health = wait_healthy(&url, &credentials, deadline) => health.map_err(|error| match error {
            Error::Unreachable { .. } => Error::StartupTimeout {
                waited: options.startup_timeout,
                output_tail: log.tail(),
            },
            other => other,
        })?,
        status = child.wait() => {
            readers.drain(DRAIN_LIMIT).await;
            return Err(Error::ExitedEarly { status: status.to_string(), output_tail: log.tail() });
        }
    };
    let ready_in = started.elapsed();
    tracing::info!(pid = child.pid(), %url, ready_ms = ready_in.as_millis() as u64, "opencode ready");
    Ok(Started {
        child,
        url,
        version,
        ready_in,
        readers,
    })
}

async fn spawn_and_listen(
    launch: &Launch,
    options: &SpawnOptions,
    log: &ServerLog,
) -> Result<(ServerChild, String, Readers)> {
    let (mut child, pipes) = ServerChild::spawn(launch)?;
    tracing::debug!(pid = child.pid(), binary = %launch.binary.display(), "opencode spawned");
    let (tx, listening) = oneshot::channel();
    let mut readers = Readers::default();
    if let Some(stdout) = pipes.stdout {
        let task = read_lines(stdout, Stream::Stdout, log.clone(), Some(tx));
        readers.0.push(tokio::spawn(task));
    }
    if let Some(stderr) = pipes.stderr {
        let task = read_lines(stderr, Stream::Stderr, log.clone(), None);
        readers.0.push(tokio::spawn(task));
    }
    let timeout = options.startup_timeout;
    let url = tokio::select! {
        url = listening => url.ok(),
        _ = tokio::time::sleep(timeout) => {
            child.stop(Duration::from_secs(1)).await;
            readers.drain(DRAIN_LIMIT).await;
            return Err(Error::StartupTimeout { waited: timeout, output_tail: log.tail() });
        }
    };
    match url {
        Some(url) => Ok((child, url, readers)),
        // Stdout closed without the line: the child is gone or going.
        None => {
            let status = tokio::time::timeout(Duration::from_secs(2), child.wait()).await;
            readers.drain(DRAIN_LIMIT).await;
            let status = status.map_or_else(|_| "still running".to_owned(), |s| s.to_string());
            if options.port != 0 && !port_is_free(options.port) {
                return Err(Error::PortInUse { port: options.port });
            }
            Err(Error::ExitedEarly {
                status,
                output_tail: log.tail(),
            })
        }
    }
}

fn launch(binary: &std::path::Path, options: &SpawnOptions, password: &Secret) -> Launch {
    let port = options.port.to_string();
    let mut args: Vec<String> = ["serve", "--hostname", "127.0.0.1", "--port", &port]
        .map(String::from)
        .into();
    args.extend(options.extra_args.iter().cloned());
    let loopback = "127.0.0.1,localhost,::1";
    let mut env: Vec<(OsString, OsString)> = vec![
        ("OPENCODE_SERVER_PASSWORD".into(), password.expose().into()),
        ("OPENCODE_SERVER_USERNAME".into(), DEFAULT_USERNAME.into()),
        ("NO_PROXY".into(), loopback.into()),
        ("no_proxy".into(), loopback.into()),
        ("NO_COLOR".into(), "1".into()),
    ];
    env.extend(options.env.iter().cloned());
    let (program, args, guarded) = match guard_of(options) {
        Some(guard) => {
            let mut guarded: Vec<OsString> = crate::guard::guard_args(std::process::id());
            guarded.push(binary.as_os_str().to_owned());
            guarded.extend(args.into_iter().map(OsString::from));
            (guard.to_owned(), guarded, true)
        }
        None => (
            binary.to_owned(),
            args.into_iter().map(OsString::from).collect(),
            false,
        ),
    };
    Launch {
        binary: program,
        args,
        guarded,
        cwd: options.project_dir.clone(),
        // A password meant for some other server must not leak into ours (we set our own).
        remove_env: vec![
            "OPENCODE_SERVER_PASSWORD".into(),
            "OPENCODE_SERVER_USERNAME".into(),
        ],
        env,
        ledger: None,
    }
}

/// The guard to run, where there is one: only Linux has the means (see `guard`).
fn guard_of(options: &SpawnOptions) -> Option<&std::path::Path> {
    if cfg!(target_os = "linux") {
        options.guard.as_deref()
    } else {
        None
    }
}

/// Polls `/global/health` until it answers 200 (returns the version) or `deadline` passes. A 401
/// is final: our own password was refused, so waiting cannot help.
pub(crate) async fn wait_healthy(
    url: &str,
    credentials: &Credentials,
    deadline: tokio::time::Instant,
) -> Result<String> {
    let client = credentials
        .client(url, Duration::from_secs(2))
        .map_err(|e| Error::from_client(e, url))?;
    loop {
        let error = match client.health().await {
            Ok(health) => return Ok(health.version),
            Err(error) => Error::from_client(error, url),
        };
        if !matches!(error, Error::Unreachable { .. }) || tokio::time::Instant::now() >= deadline {
            return Err(error);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn read_lines(
    pipe: impl AsyncRead + Unpin,
    stream: Stream,
    log: ServerLog,
    mut listening: Option<oneshot::Sender<String>>,
) {
    let mut reader = BufReader::new(pipe);
    let mut raw = Vec::new();
    loop {
        raw.clear();
        match reader.read_until(b'\n', &mut raw).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&raw);
        if let Some(url) = listening_url(&line) {
            if let Some(tx) = listening.take() {
                let _ = tx.send(url.trim_end_matches('/').to_owned());
            }
        }
        log.push(stream, &line);
    }
}

/// The URL in `opencode server listening on http://127.0.0.1:4096`.
pub fn listening_url(line: &str) -> Option<&str> {
    let (_, rest) = line.split_once("listening on ")?;
    let url = rest.split_whitespace().next()?;
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

pub(crate) fn port_is_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listening_line_yields_its_url() {
        let line = "opencode server listening on http://127.0.0.1:4096\n";
        assert_eq!(listening_url(line), Some("http://127.0.0.1:4096"));
        assert_eq!(
            listening_url("INFO server listening on https://[::1]:5000/ now"),
            Some("https://[::1]:5000/")
        );
    }

    #[test]
    fn other_lines_yield_nothing() {
        assert_eq!(
            listening_url("Warning: OPENCODE_SERVER_PASSWORD is not set"),
            None
        );
        assert_eq!(listening_url("listening on port 4096"), None);
        assert_eq!(listening_url("listening on "), None);
    }

    #[test]
    fn the_child_gets_our_password_loopback_and_caller_env_last() {
        let options = SpawnOptions::new("/p").port(0).env("HOME", "/tmp/h");
        let secret = Secret::new("pw");
        let launch = launch(std::path::Path::new("/bin/oc"), &options, &secret);
        assert_eq!(
            launch.args,
            ["serve", "--hostname", "127.0.0.1", "--port", "0"]
        );
        assert!(!launch.guarded);
        let get = |k: &str| {
            launch
                .env
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(get("OPENCODE_SERVER_PASSWORD"), Some("pw".into()));
        assert!(get("NO_PROXY").is_some_and(|v| v.to_string_lossy().contains("127.0.0.1")));
        assert_eq!(launch.env.last(), Some(&("HOME".into(), "/tmp/h".into())));
        assert!(launch
            .remove_env
            .contains(&"OPENCODE_SERVER_PASSWORD".into()));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_guarded_server_runs_the_guard_with_opencode_after_the_separator() {
        let options = SpawnOptions::new("/p").guard("/app/desk");
        let launch = launch(
            std::path::Path::new("/bin/oc"),
            &options,
            &Secret::new("pw"),
        );
        assert_eq!(launch.binary, std::path::Path::new("/app/desk"));
        assert!(launch.guarded);
        let me = std::process::id().to_string();
        let expected = [crate::guard::GUARD_FLAG, &me, "--", "/bin/oc", "serve"];
        assert_eq!(launch.args[..5], expected.map(OsString::from));
        assert_eq!(launch.args.last(), Some(&OsString::from("0")));
    }
}
