//! Test helper, not part of the app: plays an app that spawns one server and then waits to be
//! killed. `tests/supervision/orphans.rs` runs it, kills it with SIGKILL and checks that the
//! server dies with it.
//!
//! Usage: `opencode-supervisor-orphan-probe PROJECT_DIR OPENCODE_BINARY`; the environment (an
//! isolated HOME and XDG dirs) is passed on to the server. Prints `SERVER_PID=<pid>` on stderr
//! once the server is ready; exits non-zero if it cannot get there.

use std::time::Duration;

use opencode_supervisor::{SpawnOptions, Supervisor};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(project), Some(binary)) = (args.next(), args.next()) else {
        eprintln!("usage: opencode-supervisor-orphan-probe PROJECT_DIR OPENCODE_BINARY");
        return std::process::ExitCode::from(2);
    };
    let supervisor = Supervisor::new();
    let server = match supervisor.spawn(SpawnOptions::new(project).binary(binary)) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("spawn failed: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match server.wait_ready(Duration::from_secs(60)).await {
        Ok(state) => eprintln!("SERVER_PID={}", state.pid.unwrap_or_default()),
        Err(error) => {
            eprintln!("not ready: {error}");
            return std::process::ExitCode::FAILURE;
        }
    }
    // Wait to be killed: no Drop and no exit hook will run, which is the point.
    std::future::pending::<()>().await;
    std::process::ExitCode::SUCCESS
}
