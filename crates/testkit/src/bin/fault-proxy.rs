//! `fault-proxy`: testkit's [`FaultProxy`] as a process, for tests that are not Rust (the e2e
//! world in JavaScript). It proxies one upstream server and is controlled over HTTP on its own
//! port, under `/__fault/` (see `CONTROL_HELP`, printed by `--help`).
//!
//! ```text
//! fault-proxy --upstream http://127.0.0.1:4096 [--port 0]
//! ```
//!
//! Prints one line, `fault-proxy listening on http://127.0.0.1:PORT`, once it accepts
//! connections; give that URL to the app instead of the server's. It runs until its standard
//! input closes or it gets SIGTERM/SIGINT, so a parent that dies takes it along.

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;

use testkit::{FaultProxy, CONTROL_HELP};

const USAGE: &str = "usage: fault-proxy --upstream http://127.0.0.1:PORT [--port N]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let (upstream, port) = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}\n\ncontrol:\n{CONTROL_HELP}");
            return std::process::ExitCode::SUCCESS;
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "fault-proxy: {message}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let proxy = match FaultProxy::start_on(address, &upstream).await {
        Ok(proxy) => proxy,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "fault-proxy: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "fault-proxy listening on {}", proxy.url());
    let _ = stdout.flush();
    wait_for_the_end().await;
    drop(proxy);
    std::process::ExitCode::SUCCESS
}

/// `Ok(None)` asks for help.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<(String, u16)>, String> {
    let (mut upstream, mut port) = (None, 0);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--upstream" => upstream = args.next(),
            "--port" => {
                let value = args.next().unwrap_or_default();
                port = value
                    .parse()
                    .map_err(|_| format!("not a port: {value:?}"))?;
            }
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let upstream = upstream.ok_or("--upstream is required")?;
    Ok(Some((upstream, port)))
}

async fn wait_for_the_end() {
    // A plain thread: tokio's stdin needs a feature the workspace does not turn on, and a
    // thread blocked in a read does not keep the process alive once `main` returns.
    let (closed, stdin_closed) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 256];
        while matches!(std::io::stdin().read(&mut buffer), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    let stdin_closed = async {
        let _ = stdin_closed.await;
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            return stdin_closed.await;
        };
        tokio::select! {
            () = stdin_closed => {}
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    }
    #[cfg(not(unix))]
    stdin_closed.await;
}

#[cfg(test)]
mod tests {
    use super::parse_args;

    fn parse(args: &[&str]) -> Result<Option<(String, u16)>, String> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn arguments_name_the_upstream_and_maybe_a_port() {
        let upstream = "http://127.0.0.1:4096";
        assert_eq!(
            parse(&["--upstream", upstream]),
            Ok(Some((upstream.to_owned(), 0)))
        );
        assert_eq!(
            parse(&["--port", "9000", "--upstream", upstream]),
            Ok(Some((upstream.to_owned(), 9000)))
        );
        assert_eq!(parse(&["--help"]), Ok(None));
        assert!(parse(&[]).unwrap_err().contains("--upstream"));
        assert!(parse(&["--upstream", upstream, "--port", "x"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}
