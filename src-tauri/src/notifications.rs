//! Native notifications for what the user would want to know while looking elsewhere: a reply
//! finished, or the agent asks permission or a question (skipped while the main window has focus),
//! and toasts programs send while the window is hidden. None at all while the settings'
//! `notifications` is off: every one passes `wanted`.
//!
//! On Linux a click on one opens its session. The notification plugin has no click callback
//! there, so these go to the desktop's notification service directly (notify-rust, which the
//! plugin itself uses) with a default action, and a thread waits for the click.

use crate::attention::Notice;
use crate::attention_feed::ServerNotice;
use crate::settings::SettingsStore;
use crate::windows;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

/// Shows the attention feed's notices for as long as it sends them, as the settings allow.
pub async fn follow<R: Runtime>(
    app: AppHandle<R>,
    mut notices: mpsc::UnboundedReceiver<ServerNotice>,
) {
    while let Some((server_id, notice)) = notices.recv().await {
        if wanted(&app) {
            notify(&app, &server_id, &notice);
        }
    }
}

/// The one gate every notification passes: the settings, read each time, so turning
/// notifications off takes effect at once and means none, whoever asks.
fn wanted<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<SettingsStore>()
        .is_some_and(|store| store.get().notifications)
}

/// A notification that only brings the main window forward when clicked (a toast a program
/// asked the app to show while the window was hidden); none while notifications are off.
pub fn show_plain<R: Runtime>(app: &AppHandle<R>, title: String, body: String) {
    if !wanted(app) {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let app = app.clone();
        desktop::show_clickable(title, body, move || {
            app.state::<crate::state::AppState>()
                .ui
                .bring_to_front(windows::MAIN);
        });
    }
    #[cfg(not(target_os = "linux"))]
    {
        use tauri_plugin_notification::NotificationExt;
        if let Err(error) = app.notification().builder().title(title).body(body).show() {
            tracing::warn!(%error, "could not show a notification");
        }
    }
}

fn notify<R: Runtime>(app: &AppHandle<R>, server_id: &str, notice: &Notice) {
    if windows::main_is_focused(app) {
        return;
    }
    let (title, body) = text(notice);
    show(app, server_id, notice.session_id(), title, body);
}

#[cfg(not(target_os = "linux"))]
fn show<R: Runtime>(
    app: &AppHandle<R>,
    _server_id: &str,
    _session_id: &str,
    title: String,
    body: String,
) {
    use tauri_plugin_notification::NotificationExt;
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(%error, "could not show a notification");
    }
}

#[cfg(target_os = "linux")]
fn show<R: Runtime>(
    app: &AppHandle<R>,
    server_id: &str,
    session_id: &str,
    title: String,
    body: String,
) {
    let app = app.clone();
    let (server_id, session_id) = (server_id.to_owned(), session_id.to_owned());
    desktop::show_clickable(title, body, move || {
        let state = app.state::<crate::state::AppState>();
        state.ui.bring_to_front(windows::MAIN);
        state.ui.open_session(server_id, session_id);
    });
}

/// The desktop's notification service (org.freedesktop.Notifications), with no Tauri in it.
#[cfg(target_os = "linux")]
mod desktop {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Notifications still waiting for a click: each holds a thread until it is clicked or
    /// closed, and a desktop that keeps them forever would hold those threads too. Past this
    /// many, new ones are shown without a click action.
    const MAX_WAITING: usize = 8;
    static WAITING: AtomicUsize = AtomicUsize::new(0);

    /// Shows a notification; `on_click` runs (on the notification's own thread) if the user
    /// clicks it. Returns at once: showing is a D-Bus round trip, waiting may take hours.
    pub fn show_clickable(title: String, body: String, on_click: impl FnOnce() + Send + 'static) {
        let spawned = std::thread::Builder::new()
            .name("notification".into())
            .spawn(move || {
                let clickable = WAITING.fetch_add(1, Ordering::SeqCst) < MAX_WAITING;
                let mut notification = notify_rust::Notification::new();
                notification
                    .appname("OpenCode Desk")
                    .icon("opencode-desk")
                    .summary(&title)
                    .body(&body);
                if clickable {
                    notification.action("default", "Open");
                }
                match notification.show() {
                    Ok(handle) if clickable => handle.wait_for_action(|action| {
                        if action == "default" {
                            on_click();
                        }
                    }),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "could not show a notification"),
                }
                WAITING.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "could not start a thread for a notification");
        }
    }

    #[cfg(test)]
    mod tests {
        use super::show_clickable;
        use crate::attention::Notice;
        use crate::settings::SettingsStore;
        use std::collections::HashMap;
        use std::io::{BufRead, BufReader};
        use std::process::{Child, Command, Stdio};
        use std::sync::mpsc;
        use std::time::{Duration, Instant};
        use tauri::Manager;
        use zbus::zvariant::OwnedValue;

        const PATH: &str = "/org/freedesktop/Notifications";
        const INTERFACE: &str = "org.freedesktop.Notifications";

        /// A private session bus, gone with the test.
        struct Bus(Child);
        impl Drop for Bus {
            fn drop(&mut self) {
                let _ = self.0.kill();
                let _ = self.0.wait();
            }
        }

        /// What the fake notification service was asked to show.
        struct Shown {
            id: u32,
            summary: String,
            actions: Vec<String>,
        }

        /// A desktop's notification service, as far as the app uses it.
        struct FakeService {
            last_id: u32,
            shown: mpsc::Sender<Shown>,
        }

        #[zbus::interface(name = "org.freedesktop.Notifications")]
        impl FakeService {
            #[allow(clippy::too_many_arguments)]
            fn notify(
                &mut self,
                _app_name: &str,
                _replaces_id: u32,
                _app_icon: &str,
                summary: &str,
                _body: &str,
                actions: Vec<String>,
                _hints: HashMap<String, OwnedValue>,
                _expire_timeout: i32,
            ) -> u32 {
                self.last_id += 1;
                let _ = self.shown.send(Shown {
                    id: self.last_id,
                    summary: summary.to_owned(),
                    actions,
                });
                self.last_id
            }
        }

        #[test]
        fn a_click_on_the_notification_runs_its_action() {
            let mut daemon = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address"])
                .stdout(Stdio::piped())
                .spawn()
                .expect("dbus-daemon (Debian package dbus-daemon) runs");
            let mut address = String::new();
            BufReader::new(daemon.stdout.take().expect("piped"))
                .read_line(&mut address)
                .expect("the bus prints its address");
            let _bus = Bus(daemon);
            let address = address.trim().to_owned();
            // notify-rust connects to the session bus it finds here; no other test uses D-Bus.
            std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);

            let (shown_tx, shown_rx) = mpsc::channel();
            let service = zbus::blocking::connection::Builder::address(address.as_str())
                .and_then(|b| b.name(INTERFACE))
                .and_then(|b| {
                    b.serve_at(
                        PATH,
                        FakeService {
                            last_id: 0,
                            shown: shown_tx,
                        },
                    )
                })
                .and_then(|b| b.build())
                .expect("the fake notification service is on the bus");

            let (clicked_tx, clicked_rx) = mpsc::channel();
            show_clickable("Reply finished".into(), "done".into(), move || {
                let _ = clicked_tx.send(());
            });
            let shown = shown_rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the notification reaches the desktop");
            assert_eq!(shown.summary, "Reply finished");
            assert_eq!(shown.actions, ["default", "Open"]);

            // The click, repeated until the app's listener (set up after Notify returns) hears it.
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                service
                    .emit_signal(
                        None::<()>,
                        PATH,
                        INTERFACE,
                        "ActionInvoked",
                        &(shown.id, "default"),
                    )
                    .expect("the click is sent");
                if clicked_rx.recv_timeout(Duration::from_millis(100)).is_ok() {
                    break;
                }
                assert!(Instant::now() < deadline, "the click never ran the action");
            }

            // The settings decide, at once: with notifications off a notice shows nothing;
            // turned on again, the next one shows.
            let dir = std::env::temp_dir().join(format!("desk-notify-{}", std::process::id()));
            let store = SettingsStore::open(dir.join("settings.json"));
            store.update_with(|s| s.notifications = false).unwrap();
            let app = tauri::test::mock_builder()
                .build(tauri::test::mock_context(tauri::test::noop_assets()))
                .expect("mock app");
            app.manage(store);
            let (notices, notices_rx) = tokio::sync::mpsc::unbounded_channel();
            tauri::async_runtime::spawn(crate::notifications::follow(
                app.handle().clone(),
                notices_rx,
            ));
            let finished = |id: &str| {
                (
                    "s".to_string(),
                    Notice::Finished {
                        session_id: id.into(),
                    },
                )
            };
            notices.send(finished("ses_off")).unwrap();
            // Nor a toast a program sent while the window was hidden (tui_control).
            crate::notifications::show_plain(app.handle(), "Toast while off".into(), "x".into());
            if let Ok(shown) = shown_rx.recv_timeout(Duration::from_secs(2)) {
                panic!(
                    "{:?} was shown with notifications turned off",
                    shown.summary
                );
            }
            app.state::<SettingsStore>()
                .update_with(|s| s.notifications = true)
                .unwrap();
            notices.send(finished("ses_on")).unwrap();
            let shown = shown_rx
                .recv_timeout(Duration::from_secs(10))
                .expect("shown once turned on");
            assert_eq!(shown.summary, "Reply finished");
            crate::notifications::show_plain(app.handle(), "Toast while on".into(), "x".into());
            let shown = shown_rx
                .recv_timeout(Duration::from_secs(10))
                .expect("a toast shown once turned on");
            assert_eq!(shown.summary, "Toast while on");
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn text(notice: &Notice) -> (String, String) {
    match notice {
        Notice::Finished { .. } => ("Reply finished".into(), "OpenCode finished working.".into()),
        Notice::NeedsPermission { what, .. } => ("OpenCode asks permission".into(), what.clone()),
        Notice::Question { question, .. } => ("OpenCode has a question".into(), question.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notice_says_what_happened() {
        let (title, body) = text(&Notice::NeedsPermission {
            session_id: "s".into(),
            what: "bash: make".into(),
        });
        assert_eq!(
            (title.as_str(), body.as_str()),
            ("OpenCode asks permission", "bash: make")
        );
        assert_eq!(
            text(&Notice::Finished {
                session_id: "s".into()
            })
            .0,
            "Reply finished"
        );
    }
}
