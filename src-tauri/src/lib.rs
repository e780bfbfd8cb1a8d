//! OpenCode Desk's Tauri shell: assembles plugins, state and the typed IPC, then runs the app.
//!
//! Everything that talks to OpenCode lives in the core crates (`opencode-client`); this crate only
//! adapts them to commands and events. Keep it thin: logic that grows here belongs in a core crate.

mod answer;
mod app_events;
mod atomic_file;
mod attention;
mod attention_feed;
mod by_window;
mod commands;
mod error;
pub mod event_pump;
mod inbox;
mod inbox_feed;
pub mod ipc;
mod mcp;
mod model_prefs;
mod notifications;
mod offline_copies;
mod opencode_config;
mod project;
mod provider_oauth;
mod providers;
mod pty;
mod quick_prompt;
mod remote_servers;
mod rendering;
mod rules;
mod servers;
mod session_search;
mod settings;
mod shared_web_process;
mod shutdown;
mod state;
mod tauri_ui;
mod terminals;
#[cfg(test)]
mod test_support;
mod tray;
mod tray_terminals;
mod tui_control;
mod ui_bridge;
mod usage;
mod watches;
mod when_idle;
mod windows;

use state::AppState;
use tauri::Manager;

/// The longest a quit waits for the servers it started to stop (a grace period, then a kill).
const QUIT_LIMIT: std::time::Duration = std::time::Duration::from_secs(12);
/// The longest a quit may take at all before the process is ended (`shutdown::watchdog`).
const QUIT_WATCHDOG: std::time::Duration = std::time::Duration::from_secs(16);
/// Where a quit is: the servers run, are being stopped, or are stopped (the exit may go on).
const RUNNING: u8 = 0;
const STOPPING: u8 = 1;
const STOPPED: u8 = 2;

/// Runs the app until the user quits.
pub fn run() {
    rendering::configure();
    init_logging();
    let project = project::from_args(std::env::args_os().skip(1));
    let builder = ipc::specta_builder::<tauri::Wry>();
    let app = tauri::Builder::default()
        // First: a second launch hands its arguments to this instance and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            windows::bring_to_front(app, windows::MAIN);
        }))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        // Rust-only: sign-in pages open in the browser; the UI is given no opener permission.
        .plugin(tauri_plugin_opener::init())
        // Remembers the main window's size and position; the quick prompt always opens centred.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_denylist(&[windows::QUICK_PROMPT])
                .build(),
        )
        .plugin(tauri_plugin_global_shortcut::Builder::new().build())
        .invoke_handler(builder.invoke_handler())
        .on_window_event(|window, event| {
            // A closed window's event subscriptions end with it.
            if let tauri::WindowEvent::Destroyed = event {
                let state = window.app_handle().state::<AppState>();
                state.watches.remove_window(window.label());
                state.ptys.remove_window(window.label());
            }
            // Closing the main window keeps the app (and its servers) in the tray, if wanted.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let app = window.app_handle();
                let to_tray = app.state::<settings::SettingsStore>().get().close_to_tray;
                if window.label() == windows::MAIN && to_tray && app.tray_by_id("main").is_some() {
                    api.prevent_close();
                    windows::hide(app, windows::MAIN);
                }
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            app.manage(settings::setup(app));
            let prefs = app.state::<settings::SettingsStore>().get();
            tray::setup(app);
            if let Some(main) = app.get_webview_window(windows::MAIN) {
                shared_web_process::remember_main(&main);
            }
            let refused =
                quick_prompt::register_shortcut(app.handle(), &prefs.quick_prompt_shortcut);
            let launch = project::resolve(app, project);
            let dir = launch.choice.dir();
            let ui = std::sync::Arc::new(tauri_ui::TauriUi(app.handle().clone()));
            // SIGTERM, SIGHUP (logout), SIGINT: quit as from the menu, stopping the servers.
            shutdown::install(app.handle(), QUIT_WATCHDOG);
            let supervisor = own_servers(app.path().app_local_data_dir().ok());
            app.manage(providers::Catalogs::default());
            app.manage(provider_oauth::OAuthWaits::default());
            app.manage(provider_oauth::Browser(std::sync::Arc::new(
                provider_oauth::SystemBrowser(app.handle().clone()),
            )));
            app.manage(model_prefs::setup(app));
            // Before the feed: it answers with these from the first event.
            app.manage(rules::setup(app));
            let copies = offline_copies::OfflineCopies::at(
                app.path()
                    .app_data_dir()
                    .ok()
                    .map(|d| d.join(offline_copies::FILE_NAME)),
                prefs.offline_copies,
            );
            app.manage(
                AppState::new(launch.choice, ui)
                    .with_offline_copies(copies)
                    .with_launch_notices(launch.notice.into_iter().chain(refused).collect())
                    .with_supervisor(supervisor),
            );
            // What needs the user, from every server's events: the tray and notifications
            // read it; neither knows where it comes from.
            let (attention, notices) = attention_feed::start(app.handle().clone());
            // For answers from the tray and notifications, which look requests up in it.
            app.manage(attention_feed::Latest(attention.clone()));
            // One "Needs you" inbox across servers, for the window.
            app.manage(inbox_feed::Inbox::new(attention.clone()));
            tauri::async_runtime::spawn(inbox_feed::follow(app.handle().clone()));
            tauri::async_runtime::spawn(tray::follow(app.handle().clone(), attention));
            tauri::async_runtime::spawn(tray_terminals::follow(app.handle().clone()));
            tauri::async_runtime::spawn(notifications::follow(app.handle().clone(), notices));
            // Programs driving "the TUI" of the app's servers: the app obeys, as its interface.
            tui_control::start(app.handle().clone());
            tauri::async_runtime::spawn(servers::connect_project(app.handle().clone(), dir));
            tauri::async_runtime::spawn(reconnect_saved_servers(app.handle().clone()));
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            tracing::error!(%error, "the app could not start");
            std::process::exit(1);
        }
    };
    // The servers the app started are stopped before it exits (attached ones are left running),
    // while the main thread keeps turning: an exit asked for (tray, signal, last window) is held,
    // the servers are stopped in a task, then the exit is asked again and let through. Stopping
    // from the main thread itself (block_on in RunEvent::Exit) hung the quit: tasks changing the
    // tray wait for the main thread. A crash skips this; the servers' guards end them then.
    // Quitting never waits longer than QUIT_LIMIT for the servers, nor QUIT_WATCHDOG in all.
    let stopping = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(0));
    app.run(move |app, event| match event {
        tauri::RunEvent::ExitRequested { code, api, .. } => {
            use std::sync::atomic::Ordering;
            shutdown::watchdog(QUIT_WATCHDOG);
            match stopping.load(Ordering::SeqCst) {
                STOPPED => tracing::info!(?code, "exiting"),
                RUNNING => {
                    api.prevent_exit();
                    stopping.store(STOPPING, Ordering::SeqCst);
                    tracing::info!(?code, "quitting: stopping the servers the app started");
                    let (app, stopping) = (app.clone(), stopping.clone());
                    tauri::async_runtime::spawn(async move {
                        let supervisor = app.state::<AppState>().supervisor.clone();
                        if tokio::time::timeout(QUIT_LIMIT, supervisor.stop_all())
                            .await
                            .is_err()
                        {
                            tracing::warn!(
                                "the servers did not stop in time; their guards end them"
                            );
                        }
                        stopping.store(STOPPED, Ordering::SeqCst);
                        app.exit(code.unwrap_or(0));
                    });
                }
                _ => api.prevent_exit(),
            }
        }
        tauri::RunEvent::Exit => tracing::info!("exited"),
        _ => {}
    });
}

/// The supervisor, with a ledger of the servers it starts in `data_dir`; servers that a run which
/// crashed (or was killed past its guard) left behind are stopped first.
fn own_servers(data_dir: Option<std::path::PathBuf>) -> opencode_supervisor::Supervisor {
    let Some(ledger) = data_dir.map(|dir| dir.join("spawned-servers")) else {
        return opencode_supervisor::Supervisor::new();
    };
    for left in opencode_supervisor::reap_leftovers(&ledger) {
        tracing::warn!(
            pid = left.pid,
            "stopped an OpenCode server an earlier run left running"
        );
    }
    opencode_supervisor::Supervisor::with_ledger(ledger)
}

/// Connects the remote servers the user saved, once the project's own server is listed (so a
/// window opening meanwhile shows that one). Each outcome is that server's status.
async fn reconnect_saved_servers(app: tauri::AppHandle) {
    let state = app.state::<AppState>();
    let settings = app.state::<settings::SettingsStore>();
    remote_servers::wait_for_project_server(&state.servers, remote_servers::LOCAL_FIRST_LIMIT)
        .await;
    state.remote.reconnect_all(&settings, &state.servers).await;
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
