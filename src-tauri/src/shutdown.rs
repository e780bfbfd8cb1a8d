//! Quitting on a signal: SIGTERM (logout, `kill`), SIGHUP (the terminal closed) and SIGINT
//! (Ctrl-C) make the app exit the normal way, so the `RunEvent::Exit` handler stops the servers
//! it started instead of the process just ending. Unix only; elsewhere a no-op.
//!
//! It only turns a signal into `app.exit(0)`; stopping servers stays with the exit handler.
//! SIGKILL cannot be caught: that case belongs to the supervisor's guard and ledger.
//!
//! [`watchdog`] bounds every quit: a quit that has not ended the process in time ends it, as a
//! crash would, and the servers' guards stop them. A safety net: the one quit hang seen (the main
//! thread waiting for the servers to stop while the tasks it waited on waited for the main
//! thread) is fixed where it was, in `lib.rs` and `tray.rs`.

use std::sync::Once;
use std::time::Duration;

/// Starts, once, a thread that ends the process `after` from now if it still runs then.
pub fn watchdog(after: Duration) {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("quit-watchdog".into())
            .spawn(move || {
                std::thread::sleep(after);
                tracing::error!(
                    waited_s = after.as_secs(),
                    "the quit did not finish; ending the process (the servers' guards stop them)"
                );
                std::process::exit(0);
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "no quit watchdog: a stuck quit would not be ended");
        }
    });
}

/// Starts listening; call once, from setup.
pub fn install<R: tauri::Runtime>(app: &tauri::AppHandle<R>, limit: Duration) {
    #[cfg(unix)]
    {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let (term, hup, int) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::hangup()),
                signal(SignalKind::interrupt()),
            );
            let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (term, hup, int) else {
                tracing::warn!("cannot listen for quit signals; servers stop only on a clean quit");
                return;
            };
            let name = tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = hup.recv() => "SIGHUP",
                _ = int.recv() => "SIGINT",
            };
            tracing::info!(signal = name, "quitting on a signal");
            watchdog(limit);
            app.exit(0);
        });
    }
    #[cfg(not(unix))]
    let _ = (app, limit);
}
