//! Quitting on a signal: SIGTERM (logout, `kill`), SIGHUP (the terminal closed) and SIGINT
//! (Ctrl-C) make the app exit the normal way, so the `RunEvent::Exit` handler stops the servers
//! it started instead of the process just ending. Unix only; elsewhere a no-op.
//!
//! It only turns a signal into `app.exit(0)`; stopping servers stays with the exit handler.
//! SIGKILL cannot be caught: that case belongs to the supervisor's guard and ledger.

/// Starts listening; call once, from setup.
pub fn install<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
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
            app.exit(0);
        });
    }
    #[cfg(not(unix))]
    let _ = app;
}
