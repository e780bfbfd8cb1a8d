//! Test helper, not part of the app: plays an app that spawns one server and then waits to be
//! killed. `tests/supervision/orphans.rs` runs it, kills it with SIGKILL and checks that the
//! server (and what its agent started) dies with it.
//!
//! Usage: `opencode-supervisor-orphan-probe PROJECT_DIR OPENCODE_BINARY [--guard] [--prompt]`;
//! the environment (an isolated HOME and XDG dirs) is passed on to the server. With `--guard`
//! the server runs under this same executable as its guard, as the app runs it; with `--prompt`
//! it sends one prompt to a new session once the server is ready (the test's fake model decides
//! what the agent then runs). Prints `SERVER_PID=<pid>` on stderr once the server is ready;
//! exits non-zero if it cannot get there.

use std::time::Duration;

use opencode_client::types::{PromptInput, SessionCreate};
use opencode_supervisor::{ServerHandle, SpawnOptions, Supervisor};

fn main() -> std::process::ExitCode {
    // As in the app: before any thread starts.
    opencode_supervisor::guard::run_if_requested();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(play_the_app()),
        Err(error) => {
            eprintln!("no runtime: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn play_the_app() -> std::process::ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(project), Some(binary)) = (args.next(), args.next()) else {
        eprintln!("usage: opencode-supervisor-orphan-probe PROJECT_DIR OPENCODE_BINARY [--guard] [--prompt]");
        return std::process::ExitCode::from(2);
    };
    let flags: Vec<_> = args.collect();
    let mut options = SpawnOptions::new(project).binary(binary);
    if flags.iter().any(|a| a == "--guard") {
        match std::env::current_exe() {
            Ok(exe) => options.guard = Some(exe),
            Err(error) => {
                eprintln!("no path to myself: {error}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    let prompt = flags.iter().any(|a| a == "--prompt");
    let supervisor = Supervisor::new();
    let server = match supervisor.spawn(options) {
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
    if prompt {
        if let Err(error) = send_prompt(&server).await {
            eprintln!("prompt failed: {error}");
            return std::process::ExitCode::FAILURE;
        }
    }
    // Wait to be killed: no Drop and no exit hook will run, which is the point.
    std::future::pending::<()>().await;
    std::process::ExitCode::SUCCESS
}

async fn send_prompt(server: &ServerHandle) -> opencode_client::Result<()> {
    let Some(client) = server.client() else {
        return Ok(());
    };
    let session = client.create_session(&SessionCreate::default()).await?;
    client
        .prompt_async(&session.id, &PromptInput::text("run it"))
        .await
}
