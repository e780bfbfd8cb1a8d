//! [`TestServer`]: the real `opencode serve` in a throwaway world, configured for a
//! [`FakeModel`], ready (health answers 200) when `start` returns, killed with its whole
//! process group when dropped. Building the world is `project`'s job, owning the child is
//! `process`'s; this module decides ports, passwords, deadlines and readiness.
//!
//! Ports: with `--port 0` OpenCode 1.18 tries 4096 first, so in a test binary running servers
//! in parallel one of them owns 4096, and a `restart` on that port races every other test's
//! start. So unless told otherwise we pick a free ephemeral port ourselves (bind to 0, read it,
//! release it) and pass it explicitly; if someone takes it in between, OpenCode exits at once
//! and we retry with another. The invariant: `port()` never changes across `restart()`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;

use crate::binary::find_opencode_binary;
use crate::options::{Password, TestServerOptions};
use crate::process::{url_port, Launch, OutputLog, ServerProcess};
use crate::project::{project_config, World};
use crate::{FakeModel, TestkitError};

/// The Basic-auth user name OpenCode expects (its default).
pub const USERNAME: &str = "opencode";

/// A real OpenCode server for one test. Use it from `#[tokio::test(flavor = "multi_thread")]`.
///
/// On Linux the child gets `PR_SET_PDEATHSIG`, which fires when the *thread* that started it
/// ends: keep a `TestServer` inside the test that started it (never in a static shared by tests).
pub struct TestServer {
    // Declared before `world`: fields drop in order, so the child dies before its home is deleted.
    process: Option<ServerProcess>,
    world: World,
    binary: PathBuf,
    options: TestServerOptions,
    password: Option<String>,
    marker: String,
    port: u16,
    url: String,
    output: OutputLog,
    ready_in: Duration,
}

impl TestServer {
    /// A secured server on a free port, configured for `model`.
    pub async fn start(model: &FakeModel) -> Result<TestServer, TestkitError> {
        Self::start_with(model, TestServerOptions::default()).await
    }

    pub async fn start_with(
        model: &FakeModel,
        options: TestServerOptions,
    ) -> Result<TestServer, TestkitError> {
        let binary = find_opencode_binary()?;
        let world = World::create(&project_config(
            &model.opencode_config(),
            options.config.as_ref(),
        ))?;
        let password = match &options.password {
            Password::Random => Some(random_alphanumerics(32)),
            Password::Fixed(password) => Some(password.clone()),
            Password::Disabled => None,
        };
        let explicit_port = options.port;
        let mut server = TestServer {
            process: None,
            world,
            binary,
            options,
            password,
            marker: random_alphanumerics(16),
            port: 0,
            url: String::new(),
            output: OutputLog::default(),
            ready_in: Duration::ZERO,
        };
        if let Some(port) = explicit_port {
            server.launch(port).await?;
            return Ok(server);
        }
        let mut attempt = 1;
        loop {
            let port = free_port()?;
            match server.launch(port).await {
                // Someone took the port between our probe and OpenCode's bind: try another.
                Err(TestkitError::ExitedEarly { .. }) if attempt < 3 && !port_is_free(port) => {
                    attempt += 1;
                }
                result => return result.map(|()| server),
            }
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn username(&self) -> &str {
        USERNAME
    }

    /// `None` when started with `Password::Disabled`.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The `Authorization` header value, `Basic ...`, when there is a password.
    pub fn authorization(&self) -> Option<String> {
        let password = self.password.as_deref()?;
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("{USERNAME}:{password}"));
        Some(format!("Basic {token}"))
    }

    /// The git project the server runs in (canonical path).
    pub fn project_dir(&self) -> &Path {
        &self.world.project
    }

    /// The temp HOME (XDG dirs are inside it).
    /// The variables that keep a process inside this server's world (`HOME`, `XDG_*`...): for
    /// another `opencode` (a TUI) that should share its config, model and sessions.
    pub fn world_env(&self) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
        self.world.env()
    }

    pub fn home_dir(&self) -> &Path {
        &self.world.home
    }

    /// The running child's pid (also its process group id); `None` after `kill`.
    pub fn pid(&self) -> Option<u32> {
        self.process.as_ref().map(ServerProcess::pid)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The binary this server runs.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// Time from spawn to a healthy server, for the last (re)start.
    pub fn ready_in(&self) -> Duration {
        self.ready_in
    }

    /// The last lines (up to 200) the server printed, across restarts, each tagged `[out]` or
    /// `[err]`.
    pub fn output_tail(&self) -> String {
        self.output.tail()
    }

    /// SIGKILLs the server's whole process group and reaps it. The world stays for `restart`.
    pub fn kill(&mut self) {
        if let Some(mut process) = self.process.take() {
            let status = process.kill();
            tracing::debug!(pid = process.pid(), ?status, "opencode test server killed");
        }
    }

    /// Starts the server again on the same port, with the same home, project and password
    /// (killing it first if it still runs).
    pub async fn restart(&mut self) -> Result<(), TestkitError> {
        self.kill();
        self.output.push("[testkit] --- restart ---".to_owned());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.launch(self.port).await {
                // Something may hold the port for a moment (it was free while we were down).
                Err(TestkitError::ExitedEarly { .. })
                    if Instant::now() < deadline && !port_is_free(self.port) =>
                {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                result => return result,
            }
        }
    }

    async fn launch(&mut self, port: u16) -> Result<(), TestkitError> {
        let started = Instant::now();
        let mut args: Vec<String> = ["serve", "--hostname", "127.0.0.1", "--port"]
            .map(String::from)
            .into();
        args.push(port.to_string());
        if let Some(level) = &self.options.log_level {
            args.extend([
                "--print-logs".to_owned(),
                "--log-level".to_owned(),
                level.clone(),
            ]);
        }
        let mut env = self.world.env();
        if let Some(password) = &self.password {
            env.push(("OPENCODE_SERVER_PASSWORD".into(), password.into()));
            env.push(("OPENCODE_SERVER_USERNAME".into(), USERNAME.into()));
        }
        env.extend(self.options.env.iter().map(|(k, v)| (k.into(), v.into())));
        let launch = Launch {
            binary: &self.binary,
            args,
            cwd: &self.world.project,
            env,
            marker: &self.marker,
        };
        let (process, listening) = ServerProcess::spawn(launch, &self.output)?;
        self.process = Some(process);

        let waited = self.options.startup_timeout;
        let deadline = tokio::time::Instant::from_std(started + waited);
        let url = match tokio::time::timeout_at(deadline, listening).await {
            Ok(Ok(url)) => url,
            Ok(Err(_stdout_closed)) => {
                let status = self.stop_and_drain().await;
                return Err(TestkitError::ExitedEarly {
                    status,
                    output_tail: self.output.tail(),
                });
            }
            Err(_elapsed) => {
                self.stop_and_drain().await;
                let output_tail = self.output.tail();
                return Err(TestkitError::StartupTimeout {
                    waited,
                    output_tail,
                });
            }
        };
        if url_port(&url) != Some(port) {
            self.stop_and_drain().await;
            return Err(TestkitError::UnexpectedListeningLine {
                line: url,
                expected_port: port,
            });
        }
        self.url = url.trim_end_matches('/').to_owned();
        self.port = port;
        self.wait_healthy(deadline, waited).await?;
        self.ready_in = started.elapsed();
        tracing::info!(
            pid = self.pid(),
            port,
            ready_ms = self.ready_in.as_millis() as u64,
            "opencode test server ready"
        );
        Ok(())
    }

    async fn wait_healthy(
        &mut self,
        deadline: tokio::time::Instant,
        waited: Duration,
    ) -> Result<(), TestkitError> {
        let url = format!("{}/global/health", self.url);
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .build();
        let mut last_error = match &http {
            Ok(_) => "no answer yet".to_owned(),
            Err(error) => format!("could not build an HTTP client: {error}"),
        };
        while let Ok(http) = &http {
            let mut request = http.get(&url);
            if let Some(password) = &self.password {
                request = request.basic_auth(USERNAME, Some(password));
            }
            match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => last_error = format!("HTTP {}", response.status()),
                Err(error) => last_error = error.to_string(),
            }
            if tokio::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.stop_and_drain().await;
        let (url, output_tail) = (self.url.clone(), self.output.tail());
        Err(TestkitError::Unhealthy {
            url,
            waited,
            last_error,
            output_tail,
        })
    }

    /// Kills the child and lets its last output reach the log; returns how it ended.
    async fn stop_and_drain(&mut self) -> String {
        let Some(mut process) = self.process.take() else {
            return "not running".to_owned();
        };
        let status = process.kill();
        process.drain_output(Duration::from_secs(1)).await;
        status.map_or_else(|| "exit status unknown".to_owned(), |s| s.to_string())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.kill();
    }
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("url", &self.url)
            .field("pid", &self.pid())
            .field("project_dir", &self.world.project)
            .finish_non_exhaustive()
    }
}

fn random_alphanumerics(len: usize) -> String {
    use rand::Rng as _;
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

fn free_port() -> Result<u16, TestkitError> {
    let probe = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(TestkitError::io("find a free port on 127.0.0.1"))?;
    let port = probe
        .local_addr()
        .map_err(TestkitError::io("read a probe port"))?
        .port();
    Ok(port)
}

fn port_is_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_passwords_are_32_alphanumerics_and_differ() {
        let (a, b) = (random_alphanumerics(32), random_alphanumerics(32));
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
