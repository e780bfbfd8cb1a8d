//! [`TestTui`]: the real OpenCode terminal UI (`opencode --port N <project>`) running in tmux in
//! a [`TestServer`]'s world (same config, fake model and session store), its screen read back
//! with `tmux capture-pane`. Each one gets a private tmux server (`tmux -S`, its socket in the
//! temp dir), killed on drop with the TUI (which can outlive tmux's SIGHUP: it is waited for,
//! then killed), so nothing outlives the test and other tmux users are never touched.

use crate::{TestServer, TestkitError};
use std::ffi::OsString;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct TestTui {
    /// The private tmux server's socket (`tmux -S`), removed with it.
    socket: std::path::PathBuf,
    pid: u32,
    port: u16,
}

impl TestTui {
    /// Starts a TUI serving on a free port in `server`'s world and project; with `password`,
    /// its server wants it (`OPENCODE_SERVER_PASSWORD`). Waits until it listens.
    pub async fn start(
        server: &TestServer,
        password: Option<&str>,
    ) -> Result<TestTui, TestkitError> {
        let port = free_port()?;
        let socket = std::env::temp_dir().join(format!(
            "testkit-tui-{}-{}.sock",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut command: Vec<OsString> = vec!["env".into()];
        for (key, value) in server.world_env() {
            let mut pair = key;
            pair.push("=");
            pair.push(value);
            command.push(pair);
        }
        if let Some(password) = password {
            command.push(format!("OPENCODE_SERVER_PASSWORD={password}").into());
        }
        command.push(server.binary().into());
        command.extend(["--port".into(), port.to_string().into()]);
        command.push(server.project_dir().into());
        let mut tui = TestTui {
            socket,
            pid: 0,
            port,
        };
        let mut start = vec![
            "new-session".into(),
            "-d".into(),
            "-s".into(),
            "tui".into(),
            "-x".into(),
            "160".into(),
            "-y".into(),
            "45".into(),
            "--".into(),
        ];
        start.extend(command);
        tui.tmux(&start)?;
        let pid = tui.tmux(&[
            "display-message".into(),
            "-p".into(),
            "-t".into(),
            "tui".into(),
            "#{pane_pid}".into(),
        ])?;
        tui.pid = pid.trim().parse().map_err(|_| TestkitError::Command {
            command: "tmux display-message #{pane_pid}".into(),
            status: "ok".into(),
            output: pid.clone(),
        })?;
        // It listens well before it is ready, and its server answers slowly (seconds; the first
        // call after the prompt is drawn took 8 s here) until then: wait for the prompt, whose
        // footer names the command palette's key, then for a prompt answer to its health route
        // (any status: 401 with a password).
        let deadline = Instant::now() + Duration::from_secs(60);
        let fail = |status: &str, output: String| TestkitError::Command {
            command: format!("opencode --port {port} (in tmux)"),
            status: status.into(),
            output,
        };
        let left = deadline.saturating_duration_since(Instant::now());
        tui.wait_for("ctrl+p", left)
            .await
            .map_err(|screen| fail("its prompt was not drawn within 60 s", screen))?;
        while !answers(port).await {
            if Instant::now() > deadline {
                return Err(fail("its server did not answer within 60 s", tui.screen()));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(tui)
    }

    /// The TUI process (tmux's pane process: `env` execs `opencode`).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the terminal shows now (empty once it is gone).
    pub fn screen(&self) -> String {
        self.tmux(&[
            "capture-pane".into(),
            "-p".into(),
            "-t".into(),
            "tui".into(),
        ])
        .unwrap_or_default()
    }

    /// Presses `key` in the terminal (tmux's key names: `Escape`, `Enter`, `C-p`).
    pub fn press(&self, key: &str) {
        let _ = self.tmux(&["send-keys".into(), "-t".into(), "tui".into(), key.into()]);
    }

    /// Waits until the screen shows `text`; the last screen on timeout.
    pub async fn wait_for(&self, text: &str, limit: Duration) -> Result<String, String> {
        let deadline = Instant::now() + limit;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return Ok(screen);
            }
            if Instant::now() > deadline {
                return Err(screen);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Ends the TUI (and its private tmux server) and waits until its process is gone (10 s,
    /// then SIGKILL): a TUI that "quit" must not still answer.
    pub fn kill(&mut self) {
        let _ = self.tmux(&["kill-server".into()]);
        let process = std::path::PathBuf::from(format!("/proc/{}", self.pid));
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.pid != 0 && process.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if self.pid != 0 && process.exists() {
            let _ = Command::new("kill")
                .args(["-9", &self.pid.to_string()])
                .status();
        }
        let _ = std::fs::remove_file(&self.socket);
    }

    fn tmux(&self, args: &[OsString]) -> Result<String, TestkitError> {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .map_err(|source| TestkitError::Io {
                what: "run tmux (install it: apt-get install tmux)".into(),
                source,
            })?;
        if !output.status.success() {
            return Err(TestkitError::Command {
                command: format!("tmux {:?}", args.first()),
                status: output.status.to_string(),
                output: String::from_utf8_lossy(&output.stderr).into_owned(),
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

impl Drop for TestTui {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether something on `port` answers `GET /global/health` with an HTTP status line.
async fn answers(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let attempt = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()?;
        let request = "GET /global/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).await.ok()?;
        Some(head.starts_with(b"HTTP/1."))
    };
    tokio::time::timeout(Duration::from_secs(2), attempt)
        .await
        .ok()
        .flatten()
        .unwrap_or(false)
}

fn free_port() -> Result<u16, TestkitError> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|source| TestkitError::Io {
            what: "find a free port".into(),
            source,
        })?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|source| TestkitError::Io {
            what: "find a free port".into(),
            source,
        })
}
