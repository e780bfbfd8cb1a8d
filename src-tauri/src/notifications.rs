//! Native notifications for what the user would want to know while looking elsewhere: a reply
//! finished, or the agent asks permission or a question (skipped while the main window has focus),
//! and toasts programs send while the window is hidden. None at all while the settings'
//! `notifications` is off: every one passes `wanted`.
//!
//! On Linux a click on one opens its session (a sub-agent's request: the session the user
//! started), and a permission's notification has buttons that answer it (Allow once, Always,
//! Reject; a question's first options), sent through `answer.rs` like the tray's and the window's
//! answers. The notification plugin has no click callback there, so these go to the desktop's
//! notification service directly (notify-rust, which the plugin itself uses) with a default
//! action, and a thread waits for the click. Elsewhere a notification only informs.
//! (Past 500 lines only with its tests: a fake notification service on a private D-Bus.)

use crate::answer::{self, Choice};
use crate::attention::{Notice, Request};
use crate::attention_feed::{Latest, ServerNotice};
use crate::settings::SettingsStore;
use crate::windows;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::mpsc;

/// The most buttons a notification gets: desktops show about three before they crowd.
const MAX_ACTIONS: usize = 3;

/// Shows the attention feed's notices for as long as it sends them, as the settings allow.
pub async fn follow<R: Runtime>(
    app: AppHandle<R>,
    mut notices: mpsc::UnboundedReceiver<ServerNotice>,
) {
    while let Some(notice) = notices.recv().await {
        if wanted(&app) {
            notify(&app, &notice);
        }
    }
}

/// The one gate every notification passes: the settings, read each time, so turning
/// notifications off takes effect at once and means none, whoever asks.
fn wanted<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<SettingsStore>()
        .is_some_and(|store| store.get().notifications)
}

/// Answers request `request_id` of `server_id` from outside the window (the tray's menu, a
/// notification's button), in a task; what went wrong (answered already, the server down) is
/// logged and said in a notification, as the settings allow.
pub fn answer_from_outside<R: Runtime>(
    app: &AppHandle<R>,
    server_id: String,
    request_id: String,
    choice: Choice,
) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let view = app
            .try_state::<Latest>()
            .map(|latest| latest.now())
            .unwrap_or_default();
        let state = app.state::<crate::state::AppState>();
        match answer::act(&state, &view, &server_id, &request_id, choice).await {
            Ok(()) => tracing::info!(
                %server_id,
                %request_id,
                ?choice,
                "answered from outside the window"
            ),
            Err(message) => {
                tracing::warn!(%server_id, %request_id, %message, "not answered");
                show_plain(&app, "Not answered".into(), message);
            }
        }
    });
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

fn notify<R: Runtime>(app: &AppHandle<R>, notice: &ServerNotice) {
    if windows::main_is_focused(app) {
        return;
    }
    show(app, notice);
}

#[cfg(not(target_os = "linux"))]
fn show<R: Runtime>(app: &AppHandle<R>, notice: &ServerNotice) {
    use tauri_plugin_notification::NotificationExt;
    let (title, body) = text(notice);
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(%error, "could not show a notification");
    }
}

#[cfg(target_os = "linux")]
fn show<R: Runtime>(app: &AppHandle<R>, notice: &ServerNotice) {
    let (title, body) = text(notice);
    let offered = match &notice.notice {
        Notice::Asked(request) => actions(request),
        Notice::Finished { .. } => Vec::new(),
    };
    let request_id = match &notice.notice {
        Notice::Asked(request) => Some(request.id().to_owned()),
        Notice::Finished { .. } => None,
    };
    let app = app.clone();
    let server_id = notice.server_id.clone();
    let session_id = notice.place.session_id.clone();
    desktop::show_with_actions(title, body, offered, move |action| {
        match (action, request_id) {
            (desktop::CLICK, _) => {
                let state = app.state::<crate::state::AppState>();
                state.ui.bring_to_front(windows::MAIN);
                state.ui.open_session(server_id, session_id);
            }
            (key, Some(request_id)) => {
                if let Some(choice) = Choice::from_key(key) {
                    answer_from_outside(&app, server_id, request_id, choice);
                }
            }
            _ => {}
        }
    });
}

/// A request's notification buttons (action key, label): the answers it offers, at most
/// `MAX_ACTIONS`, with shorter labels than the tray's.
fn actions(request: &Request) -> Vec<(String, String)> {
    answer::choices(request)
        .into_iter()
        .take(MAX_ACTIONS)
        .map(|(choice, label)| {
            let label = match choice {
                Choice::Always => "Always".to_owned(),
                _ => label,
            };
            (choice.key(), label)
        })
        .collect()
}

/// The desktop's notification service (org.freedesktop.Notifications), with no Tauri in it.
#[cfg(target_os = "linux")]
mod desktop {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Notifications still waiting for a click: each holds a thread until it is clicked or
    /// closed, and a desktop that keeps them forever would hold those threads too. Past this
    /// many, new ones are shown without actions.
    const MAX_WAITING: usize = 8;
    static WAITING: AtomicUsize = AtomicUsize::new(0);

    /// The action of a click on the notification itself.
    pub const CLICK: &str = "default";

    /// Shows a notification; `on_click` runs (on the notification's own thread) if the user
    /// clicks it. Returns at once: showing is a D-Bus round trip, waiting may take hours.
    pub fn show_clickable(title: String, body: String, on_click: impl FnOnce() + Send + 'static) {
        show_with_actions(title, body, Vec::new(), move |action| {
            if action == CLICK {
                on_click();
            }
        });
    }

    /// Shows a notification with buttons (`actions`: key, label) besides the click (`CLICK`);
    /// `on_action` gets the key of the one the user chose, on the notification's own thread.
    /// A desktop without buttons shows none and still reports the click.
    pub fn show_with_actions(
        title: String,
        body: String,
        actions: Vec<(String, String)>,
        on_action: impl FnOnce(&str) + Send + 'static,
    ) {
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
                    notification.action(CLICK, "Open");
                    for (key, label) in &actions {
                        notification.action(key, label);
                    }
                }
                match notification.show() {
                    // "__closed" when it is dismissed: nothing to do.
                    Ok(handle) if clickable => handle.wait_for_action(|action| {
                        if action != "__closed" {
                            on_action(action);
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
        use crate::answer::real_tests::{Asking, SERVER};
        use crate::attention::Notice;
        use crate::attention_feed::{Latest, Place, ServerNotice};
        use crate::settings::SettingsStore;
        use std::collections::HashMap;
        use std::io::{BufRead, BufReader};
        use std::process::{Child, Command, Stdio};
        use std::sync::{mpsc, Mutex, MutexGuard};
        use std::time::{Duration, Instant};
        use tauri::Manager;
        use zbus::zvariant::OwnedValue;

        const PATH: &str = "/org/freedesktop/Notifications";
        const INTERFACE: &str = "org.freedesktop.Notifications";

        /// notify-rust finds the session bus through the process's environment: the tests that
        /// set it take turns.
        static ONE_BUS_AT_A_TIME: Mutex<()> = Mutex::new(());

        /// A private session bus with the fake notification service on it, gone with the test.
        struct Desktop {
            daemon: Child,
            service: zbus::blocking::Connection,
            shown: mpsc::Receiver<Shown>,
            _turn: MutexGuard<'static, ()>,
        }

        impl Desktop {
            fn start() -> Desktop {
                let turn = ONE_BUS_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
                let mut daemon = Command::new("dbus-daemon")
                    .args(["--session", "--nofork", "--print-address"])
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("dbus-daemon (Debian package dbus-daemon) runs");
                let mut address = String::new();
                BufReader::new(daemon.stdout.take().expect("piped"))
                    .read_line(&mut address)
                    .expect("the bus prints its address");
                let address = address.trim().to_owned();
                std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
                let (shown_tx, shown) = mpsc::channel();
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
                Desktop {
                    daemon,
                    service,
                    shown,
                    _turn: turn,
                }
            }

            /// The next notification shown, within 10 s.
            fn next_shown(&self) -> Shown {
                self.shown
                    .recv_timeout(Duration::from_secs(10))
                    .expect("the notification reaches the desktop")
            }

            /// The user choosing `action` on notification `id`, as the desktop says it, repeated
            /// until `heard` (the app listens only once Notify has returned).
            fn choose(&self, id: u32, action: &str, heard: impl Fn() -> bool) {
                let deadline = Instant::now() + Duration::from_secs(30);
                loop {
                    self.service
                        .emit_signal(None::<()>, PATH, INTERFACE, "ActionInvoked", &(id, action))
                        .expect("the action is sent");
                    if heard() {
                        return;
                    }
                    assert!(Instant::now() < deadline, "{action} never reached the app");
                }
            }
        }

        impl Drop for Desktop {
            fn drop(&mut self) {
                let _ = self.daemon.kill();
                let _ = self.daemon.wait();
            }
        }

        /// What the fake notification service was asked to show.
        struct Shown {
            id: u32,
            summary: String,
            body: String,
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
                body: &str,
                actions: Vec<String>,
                _hints: HashMap<String, OwnedValue>,
                _expire_timeout: i32,
            ) -> u32 {
                self.last_id += 1;
                let _ = self.shown.send(Shown {
                    id: self.last_id,
                    summary: summary.to_owned(),
                    body: body.to_owned(),
                    actions,
                });
                self.last_id
            }
        }

        fn mock_app(settings: SettingsStore) -> tauri::App<tauri::test::MockRuntime> {
            let app = tauri::test::mock_builder()
                .build(tauri::test::mock_context(tauri::test::noop_assets()))
                .expect("mock app");
            app.manage(settings);
            app
        }

        #[test]
        fn a_click_on_the_notification_runs_its_action() {
            let desktop = Desktop::start();
            let (clicked_tx, clicked_rx) = mpsc::channel();
            show_clickable("Reply finished".into(), "done".into(), move || {
                let _ = clicked_tx.send(());
            });
            let shown = desktop.next_shown();
            assert_eq!(shown.summary, "Reply finished");
            assert_eq!(shown.actions, ["default", "Open"]);
            desktop.choose(shown.id, "default", || {
                clicked_rx.recv_timeout(Duration::from_millis(100)).is_ok()
            });

            // The settings decide, at once: with notifications off a notice shows nothing;
            // turned on again, the next one shows.
            let dir = tempfile::tempdir().unwrap();
            let store = SettingsStore::open(dir.path().join("settings.json"));
            store.update_with(|s| s.notifications = false).unwrap();
            let app = mock_app(store);
            let (notices, notices_rx) = tokio::sync::mpsc::unbounded_channel();
            tauri::async_runtime::spawn(crate::notifications::follow(
                app.handle().clone(),
                notices_rx,
            ));
            let finished = |id: &str| ServerNotice {
                server_id: "s".to_string(),
                notice: Notice::Finished {
                    session_id: id.into(),
                },
                place: Place::own(id),
            };
            notices.send(finished("ses_off")).unwrap();
            // Nor a toast a program sent while the window was hidden (tui_control).
            crate::notifications::show_plain(app.handle(), "Toast while off".into(), "x".into());
            if let Ok(shown) = desktop.shown.recv_timeout(Duration::from_secs(2)) {
                panic!(
                    "{:?} was shown with notifications turned off",
                    shown.summary
                );
            }
            app.state::<SettingsStore>()
                .update_with(|s| s.notifications = true)
                .unwrap();
            notices.send(finished("ses_on")).unwrap();
            assert_eq!(desktop.next_shown().summary, "Reply finished");
            crate::notifications::show_plain(app.handle(), "Toast while on".into(), "x".into());
            assert_eq!(desktop.next_shown().summary, "Toast while on");
        }

        /// The whole road from the server's request to its answer: the notification offers the
        /// answers, the desktop says "once" was chosen, the real server runs the tool.
        #[test]
        fn allow_once_on_a_permissions_notification_runs_the_tool() {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            let asking = runtime.block_on(Asking::bash("touch allowed-from-notification", false));
            let desktop = Desktop::start();
            let dir = tempfile::tempdir().unwrap();
            let app = mock_app(SettingsStore::open(dir.path().join("settings.json")));
            app.manage(asking.state());
            let (_view, latest) = tokio::sync::watch::channel(asking.view());
            app.manage(Latest(latest));
            let (notices, notices_rx) = tokio::sync::mpsc::unbounded_channel();
            tauri::async_runtime::spawn(crate::notifications::follow(
                app.handle().clone(),
                notices_rx,
            ));
            notices
                .send(ServerNotice {
                    server_id: SERVER.into(),
                    notice: Notice::Asked(asking.request.clone()),
                    place: Place {
                        title: "Asking".into(),
                        ..Place::own(asking.request.session_id())
                    },
                })
                .unwrap();

            let shown = desktop.next_shown();
            assert_eq!(shown.summary, "OpenCode asks permission");
            assert_eq!(
                shown.body,
                "bash: touch allowed-from-notification\nIn Asking"
            );
            assert_eq!(
                shown.actions,
                [
                    "default",
                    "Open",
                    "once",
                    "Allow once",
                    "always",
                    "Always",
                    "reject",
                    "Reject"
                ]
            );
            let written = asking
                .server
                .project_dir()
                .join("allowed-from-notification");
            desktop.choose(shown.id, "once", || {
                std::thread::sleep(Duration::from_millis(200));
                written.exists()
            });
            let pending = runtime.block_on(asking.client.permissions()).unwrap();
            assert!(pending.is_empty(), "answered: {pending:?}");
        }
    }
}

/// A notice's title and body; a request's body says where it waits.
fn text(notice: &ServerNotice) -> (String, String) {
    match &notice.notice {
        Notice::Finished { .. } => ("Reply finished".into(), "OpenCode finished working.".into()),
        Notice::Asked(request) => {
            let title = match request {
                Request::Permission(_) => "OpenCode asks permission",
                Request::Question(_) => "OpenCode has a question",
            };
            let body = format!("{}\nIn {}", request.what(), notice.place.label());
            (title.into(), body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention_feed::Place;
    use opencode_client::types::{
        PermissionRequest, QuestionInfo, QuestionOption, QuestionRequest,
    };

    fn permission() -> Request {
        Request::Permission(PermissionRequest {
            id: "per_1".into(),
            session_id: "ses_child".into(),
            permission: "bash".into(),
            patterns: vec!["make".into()],
            metadata: serde_json::Value::Null,
            always: vec![],
            tool: None,
        })
    }

    #[test]
    fn each_notice_says_what_happened_and_where() {
        let asked = ServerNotice {
            server_id: "s".into(),
            notice: Notice::Asked(permission()),
            place: Place {
                session_id: "ses_top".into(),
                title: "Fix the build".into(),
                subagent: Some("Run the tests".into()),
            },
        };
        let (title, body) = text(&asked);
        assert_eq!(
            (title.as_str(), body.as_str()),
            (
                "OpenCode asks permission",
                "bash: make\nIn Fix the build › Run the tests"
            )
        );
        let finished = ServerNotice {
            server_id: "s".into(),
            notice: Notice::Finished {
                session_id: "s".into(),
            },
            place: Place::own("s"),
        };
        assert_eq!(text(&finished).0, "Reply finished");
    }

    #[test]
    fn a_permission_gets_three_buttons_and_a_question_its_first_three_options() {
        let keys = |request: &Request| {
            actions(request)
                .into_iter()
                .map(|(key, label)| format!("{key}={label}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(&permission()),
            ["once=Allow once", "always=Always", "reject=Reject"]
        );
        let question = Request::Question(QuestionRequest {
            id: "que_1".into(),
            session_id: "ses_1".into(),
            questions: vec![QuestionInfo {
                question: "Which?".into(),
                header: String::new(),
                options: ["A", "B", "C", "D"]
                    .map(|label| QuestionOption {
                        label: label.into(),
                        description: String::new(),
                    })
                    .to_vec(),
                multiple: None,
                custom: None,
            }],
            tool: None,
        });
        assert_eq!(keys(&question), ["option-0=A", "option-1=B", "option-2=C"]);
    }
}
