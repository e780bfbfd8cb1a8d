//! OpenCode Desk's Tauri shell: assembles plugins, state and the typed IPC, then runs the app.
//!
//! Everything that talks to OpenCode lives in the core crates (`opencode-client`); this crate only
//! adapts them to commands and events. Keep it thin: logic that grows here belongs in a core crate.

mod commands;
mod error;
pub mod event_pump;
pub mod ipc;
mod project;
mod state;

use state::AppState;

/// Runs the app until the user quits.
pub fn run() {
    init_logging();
    let project = project::from_args(std::env::args_os().skip(1));
    let builder = ipc::specta_builder::<tauri::Wry>();
    let result = tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let state = AppState::new(project::resolve(app, project));
            tauri::Manager::manage(app, state);
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "the app stopped with an error");
        std::process::exit(1);
    }
}

fn init_logging() {
    // RUST_LOG overrides; by default our crates at info and the rest at warn.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,opencode_desk_lib=info,opencode_client=info")
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
