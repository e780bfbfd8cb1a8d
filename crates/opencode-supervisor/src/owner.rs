//! The owner tasks: one per server, the only code that touches that server's process and the only
//! writer of its state. Commands come in over an mpsc, state goes out over a `watch`.
//!
//! A spawned server moves Starting → Ready → (crash) Restarting → Starting … → Stopped, or to
//! Crashed when a start cannot succeed by retrying or the crashes make a loop. A ready spawned
//! server is also health-checked (see [`HealthCheck`]): one that is alive but no longer answers
//! is killed and handled as a crash. An attached server is probed on an interval (Ready /
//! Unreachable / Unauthorized) and never signalled. The
//! invariant: the task that holds a `ServerChild` stops it before it ends, and when every handle
//! is gone (the command channel closes) the task stops the server as if asked, so dropping the
//! supervisor never leaves a process behind.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot, watch};

use crate::credentials::{Credentials, Secret};
use crate::error::Error;
use crate::ledger::Ledger;
use crate::log::{ServerLog, Stream};
use crate::restart::{Activity, Backoff, CrashWindow, HealthCheck, MissedChecks};
use crate::spawn::{self, SpawnOptions, DRAIN_LIMIT};
use crate::status::{ServerState, ServerStatus};

/// What a handle can ask of a server's owner.
#[derive(Debug)]
pub(crate) enum Command {
    /// Spawned: stop the process (TERM, then KILL). Attached: stop watching.
    Stop(oneshot::Sender<()>),
    /// Spawned: stop and start again. Attached: probe now.
    Restart,
}

pub(crate) struct SpawnedOwner {
    pub binary: PathBuf,
    pub options: SpawnOptions,
    pub password: Secret,
    pub log: ServerLog,
    pub state: watch::Sender<ServerState>,
    pub commands: mpsc::Receiver<Command>,
    pub ledger: Option<Ledger>,
    /// Noted by the handle when the server delivers an event; see [`HealthCheck::alive`].
    pub activity: Activity,
}

/// How one run of the server ended.
enum Ended {
    Crashed(Error),
    RestartRequested,
    Stop(Option<oneshot::Sender<()>>),
}

impl SpawnedOwner {
    pub async fn run(mut self) {
        let policy = self.options.restart.clone();
        let mut backoff = Backoff::new(policy.initial_delay, policy.max_delay);
        let mut crashes = CrashWindow::new(policy.max_crashes, policy.window);
        let mut ever_ready = false;
        loop {
            let ended = self.run_once(&mut ever_ready, &mut backoff).await;
            let error = match ended {
                Ended::Stop(done) => return self.stopped(done),
                Ended::RestartRequested => continue,
                Ended::Crashed(error) => error,
            };
            // A first start that fails is reported at once: retrying a server that never came
            // up mostly repeats the same failure, and the user is waiting for an answer.
            if !ever_ready || !error.is_retryable() || !policy.enabled {
                return self.crashed(error);
            }
            if crashes.record(Instant::now()) {
                return self.crashed(Error::CrashLoop {
                    crashes: crashes.count(),
                    window: policy.window,
                    output_tail: self.log.tail(),
                });
            }
            let retry_in = backoff.next_delay();
            let reason = error
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            self.log.push(
                Stream::Supervisor,
                &format!("{reason}; restarting in {} ms", retry_in.as_millis()),
            );
            self.state.send_modify(|s| {
                s.restarts += 1;
                s.pid = None;
                s.status = ServerStatus::Restarting {
                    attempt: s.restarts,
                    retry_in,
                    reason,
                };
            });
            tokio::select! {
                _ = tokio::time::sleep(retry_in) => {}
                command = self.commands.recv() => match command {
                    Some(Command::Restart) => {}
                    Some(Command::Stop(done)) => return self.stopped(Some(done)),
                    None => return self.stopped(None),
                },
            }
        }
    }

    /// Starts the server and watches it until it dies or is told to stop or restart.
    async fn run_once(&mut self, ever_ready: &mut bool, backoff: &mut Backoff) -> Ended {
        if !*ever_ready {
            self.state
                .send_modify(|s| s.status = ServerStatus::Starting);
        }
        let start = spawn::start(
            &self.binary,
            &self.options,
            &self.password,
            &self.log,
            self.ledger.as_ref(),
        );
        // Dropping `start` on a command kills whatever it had spawned.
        let started = tokio::select! {
            started = start => started,
            command = self.commands.recv() => return match command {
                Some(Command::Restart) => Ended::RestartRequested,
                Some(Command::Stop(done)) => Ended::Stop(Some(done)),
                None => Ended::Stop(None),
            },
        };
        let mut started = match started {
            Ok(started) => started,
            Err(error) => return Ended::Crashed(error),
        };
        *ever_ready = true;
        let pid = started.child.pid();
        self.state.send_modify(|s| {
            s.status = ServerStatus::Ready;
            s.url = Some(started.url.clone());
            s.version = Some(started.version.clone());
            s.pid = Some(pid);
            s.ready_in = Some(started.ready_in);
        });
        let up_since = Instant::now();
        let grace = self.options.stop_grace;
        let credentials = Credentials::new(Some(self.password.clone()));
        let check = self.options.restart.health_check.clone();
        let error = tokio::select! {
            exit = started.child.wait() => {
                started.readers.drain(DRAIN_LIMIT).await;
                tracing::warn!(pid, %exit, "opencode exited unexpectedly");
                Error::Exited {
                    status: exit.to_string(),
                    output_tail: self.log.tail(),
                }
            }
            () = until_hung(&started.url, &credentials, check.as_ref(), &self.activity) => {
                let check = check.unwrap_or_default();
                // No SIGTERM first: a process that does not answer HTTP will not act on it
                // either (and a stopped one cannot), so waiting the grace period only delays.
                started.child.kill_and_wait().await;
                started.readers.drain(DRAIN_LIMIT).await;
                tracing::warn!(pid, misses = check.misses, "opencode stopped answering; killed it");
                self.log.push(
                    Stream::Supervisor,
                    &format!("no answer to {} health checks in a row; killed", check.misses),
                );
                Error::Unresponsive {
                    misses: check.misses,
                    timeout: check.timeout,
                    output_tail: self.log.tail(),
                }
            }
            command = self.commands.recv() => {
                started.child.stop(grace).await;
                started.readers.drain(DRAIN_LIMIT).await;
                return match command {
                    Some(Command::Restart) => {
                        self.log.push(Stream::Supervisor, "restart requested");
                        Ended::RestartRequested
                    }
                    Some(Command::Stop(done)) => Ended::Stop(Some(done)),
                    None => Ended::Stop(None),
                };
            }
        };
        // A server that stayed up for a good while starts its next crash series afresh.
        if up_since.elapsed() > self.options.restart.window {
            backoff.reset();
        }
        Ended::Crashed(error)
    }

    fn stopped(&self, done: Option<oneshot::Sender<()>>) {
        self.log.push(Stream::Supervisor, "stopped");
        self.state.send_modify(|s| {
            s.status = ServerStatus::Stopped;
            s.pid = None;
        });
        if let Some(done) = done {
            let _ = done.send(());
        }
    }

    fn crashed(&self, error: Error) {
        tracing::warn!(%error, "opencode server given up");
        self.state.send_modify(|s| {
            s.status = ServerStatus::Crashed { error };
            s.pid = None;
        });
    }
}

pub(crate) struct AttachedOwner {
    pub url: String,
    pub credentials: Credentials,
    pub probe_interval: Duration,
    pub probe_timeout: Duration,
    pub state: watch::Sender<ServerState>,
    pub commands: mpsc::Receiver<Command>,
}

impl AttachedOwner {
    pub async fn run(mut self) {
        // The URL was checked when attaching, so building a client cannot fail here.
        let Ok(client) = self.credentials.client(&self.url, self.probe_timeout) else {
            return;
        };
        loop {
            let status = match client.health().await {
                Ok(health) => {
                    self.state
                        .send_if_modified(|s| replace(&mut s.version, Some(health.version)));
                    ServerStatus::Ready
                }
                Err(error) => match Error::from_client(error, &self.url) {
                    Error::Unauthorized { .. } => ServerStatus::Unauthorized,
                    other => ServerStatus::Unreachable {
                        reason: other.to_string(),
                    },
                },
            };
            self.state.send_if_modified(|s| {
                let changed = s.status.name() != status.name();
                s.status = status;
                changed
            });
            tokio::select! {
                _ = tokio::time::sleep(self.probe_interval) => {}
                command = self.commands.recv() => match command {
                    Some(Command::Restart) => {}
                    Some(Command::Stop(done)) => {
                        self.state.send_modify(|s| s.status = ServerStatus::Stopped);
                        let _ = done.send(());
                        return;
                    }
                    None => return,
                },
            }
        }
    }
}

/// Returns once `check.misses` health checks in a row got no answer and no activity was noted
/// in between; never without a check (or a client, which cannot fail for a URL the server
/// printed itself).
async fn until_hung(
    url: &str,
    credentials: &Credentials,
    check: Option<&HealthCheck>,
    activity: &Activity,
) {
    let Some(check) = check else {
        return std::future::pending().await;
    };
    let Ok(client) = credentials.client(url, check.timeout) else {
        return std::future::pending().await;
    };
    let mut missed = MissedChecks::new(check.misses);
    loop {
        tokio::time::sleep(check.interval).await;
        // The client's own timeout bounds the request; this one also bounds connecting.
        let answered = matches!(
            tokio::time::timeout(check.timeout, client.health()).await,
            Ok(Ok(_))
        );
        let alive = check.alive(answered, activity.age());
        if !answered {
            tracing::debug!(%url, alive, missed = missed.count() + 1, "health check got no answer");
        }
        if missed.record(alive) {
            return;
        }
    }
}

fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
