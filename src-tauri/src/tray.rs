//! The system tray: an icon whose tooltip and first menu line say at a glance whether OpenCode is
//! idle, working or needs the user; under "Needs you" the inbox (`inbox.rs`, as the window shows
//! it), by project: each request that waits, as a submenu that answers it (Allow once, Always
//! allow, Reject; a question's options) or opens its session, and each reply that failed or
//! finished unseen, an item that opens its session; and
//! a menu to open the app, open the quick prompt, the terminal OpenCodes (`tray_terminals`), or
//! quit. Answers go through `answer.rs`, as the window's and the notifications' do.
//!
//! Without a tray host (some desktops, Xvfb without one) building the icon fails or shows
//! nothing; the app then runs without a tray and says so in the log, never fails to start.
//! (Past 500 lines only with its tests of the menu model.)

use crate::attention::TrayState;
use crate::attention_feed::{AttentionView, Waiting};
use crate::inbox::{NeedsYou, Waits};
use crate::inbox_feed::Inbox;
use crate::state::{AppState, ServerInfo};
use crate::{answer, notifications, quick_prompt, tray_terminals, windows};
use opencode_client::types::{Session, SessionCreate};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{App, AppHandle, Manager, Runtime};
use tokio::sync::watch;

const OPEN: &str = "open";
const QUICK_PROMPT: &str = "quick-prompt";
const NEW_SESSION: &str = "new-session";
const STOP_SERVERS: &str = "stop-servers";
const START_SERVER: &str = "start-server";
const QUIT: &str = "quit";
/// Menu ids of recent sessions: this prefix, the server id, a space, the session id.
const SESSION_PREFIX: &str = "session:";
const TRAY_ID: &str = "main";
const RECENT: usize = 5;
/// What a request asks, cut to this many characters in its menu label (a long command line
/// would make the menu as wide as the screen).
const WHAT_CHARS: usize = 60;

/// The menu parts that change; kept to update them.
struct LiveMenu<R: Runtime> {
    status: MenuItem<R>,
    /// "Needs you": the inbox's lines; disabled when none.
    waiting: Submenu<R>,
    /// What "Needs you" shows now, so an unchanged list is not rebuilt under the user's pointer.
    shown: Mutex<Vec<Line>>,
    recent: Submenu<R>,
}

pub fn setup<R: Runtime>(app: &App<R>) {
    if let Err(error) = build(app) {
        tracing::warn!(%error, "no system tray: the app runs without one");
    }
}

fn build<R: Runtime>(app: &App<R>) -> tauri::Result<()> {
    let status = MenuItem::with_id(
        app,
        "status",
        label(TrayState::Idle, 0),
        false,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, OPEN, "Open OpenCode Desk", true, None::<&str>)?;
    let quick = MenuItem::with_id(app, QUICK_PROMPT, "Quick prompt…", true, None::<&str>)?;
    let new_session = MenuItem::with_id(app, NEW_SESSION, "New session", true, None::<&str>)?;
    let waiting = Submenu::with_id(app, "waiting", "Needs you", false)?;
    let recent = Submenu::with_id(app, "recent", "Recent sessions", true)?;
    let terminals = tray_terminals::submenu(app)?;
    let start = MenuItem::with_id(
        app,
        START_SERVER,
        "Start the local server",
        true,
        None::<&str>,
    )?;
    let stop = MenuItem::with_id(
        app,
        STOP_SERVERS,
        "Stop the servers it started",
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(
        app,
        QUIT,
        "Quit (stops the servers it started)",
        true,
        None::<&str>,
    )?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(
        app,
        &[
            &status,
            &waiting,
            &separator,
            &open,
            &quick,
            &new_session,
            &recent,
            &terminals,
            &separator,
            &start,
            &stop,
            &separator,
            &quit,
        ],
    )?;
    let icon = tauri::image::Image::from_bytes(include_bytes!("../../icons/tray.png"))?;
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon)
        .tooltip("OpenCode Desk")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            OPEN => windows::bring_to_front(app, windows::MAIN),
            QUICK_PROMPT => quick_prompt::show(app),
            NEW_SESSION => {
                tauri::async_runtime::spawn(start_new_session(app.clone()));
            }
            START_SERVER => {
                let state = app.state::<AppState>();
                state.ui.reconnect(state.project.dir());
            }
            STOP_SERVERS => {
                let supervisor = app.state::<AppState>().supervisor.clone();
                tauri::async_runtime::spawn(async move { supervisor.stop_all().await });
            }
            QUIT => app.exit(0),
            id if id.starts_with(tray_terminals::PREFIX) => tray_terminals::on_menu(app, id),
            id if id.starts_with(answer::ACTION_PREFIX) => {
                if let Some((server, request, choice)) = answer::parse_action_id(id) {
                    notifications::answer_from_outside(app, server, request, choice);
                }
            }
            id => {
                if let Some((server, session)) = id
                    .strip_prefix(SESSION_PREFIX)
                    .and_then(|rest| rest.split_once(' '))
                {
                    open_session(app, server.to_string(), session.to_string());
                }
            }
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                windows::bring_to_front(tray.app_handle(), windows::MAIN);
            }
        })
        .build(app)?;
    app.manage(LiveMenu {
        status,
        waiting,
        shown: Mutex::default(),
        recent,
    });
    // Filled by `tray_terminals::follow`, which `lib.rs` starts once `AppState` is managed.
    app.manage(tray_terminals::TerminalsMenu(terminals));
    Ok(())
}

/// Shows the main window with `session_id` of `server_id` open.
fn open_session<R: Runtime>(app: &AppHandle<R>, server_id: String, session_id: String) {
    let state = app.state::<AppState>();
    state.ui.bring_to_front(windows::MAIN);
    state.ui.open_session(server_id, session_id);
}

async fn start_new_session<R: Runtime>(app: AppHandle<R>) {
    let Some((server_id, client)) = app.state::<AppState>().servers.first_ready() else {
        tracing::warn!("no server is ready for a new session");
        return;
    };
    match client.create_session(&SessionCreate::default()).await {
        Ok(session) => open_session(&app, server_id, session.id),
        Err(error) => tracing::warn!(%error, "could not create a session from the tray"),
    }
}

/// Shows what the attention feed and the inbox publish, for as long as they publish: the state
/// of every server at once, what waits by project, and the recent sessions when they may have
/// changed.
pub async fn follow<R: Runtime>(app: AppHandle<R>, mut view: watch::Receiver<AttentionView>) {
    let mut inbox = app.state::<Inbox>().subscribe();
    let mut sessions_seen: BTreeMap<String, u64> = BTreeMap::new();
    loop {
        let now = view.borrow_and_update().clone();
        let lines = needs_you_lines(&inbox.borrow_and_update(), &now);
        let reachable: BTreeSet<String> = app
            .state::<AppState>()
            .servers
            .list()
            .into_iter()
            .filter(ServerInfo::reachable)
            .map(|server| server.id)
            .collect();
        let (state, sessions) = summary(&now, &reachable);
        on_main_thread(&app, move |app| {
            show_state(app, state, sessions);
            show_waiting(app, lines);
        });
        for (server, s) in &now {
            if sessions_seen.get(server) != Some(&s.sessions_changed) {
                sessions_seen.insert(server.clone(), s.sessions_changed);
                let client = app.state::<AppState>().servers.client(server);
                if let Ok(client) = client {
                    refresh_recent(&app, server, &client).await;
                }
            }
        }
        // The inbox follows the view: a change of either may change the lines.
        let changed = tokio::select! {
            changed = view.changed() => changed,
            changed = inbox.changed() => changed,
        };
        if changed.is_err() {
            return;
        }
    }
}

/// The tray's state and how many sessions wait, over the servers the app reaches: one out of
/// reach can be neither answered nor trusted to be still working (the inbox lists its items as
/// last seen, uncounted, as the window's badge does).
fn summary(view: &AttentionView, reachable: &BTreeSet<String>) -> (TrayState, usize) {
    let live = || {
        view.iter()
            .filter(|(server, _)| reachable.contains(*server))
    };
    let state = live()
        .map(|(_, s)| s.state)
        .max()
        .unwrap_or(TrayState::Idle);
    let sessions = live()
        .flat_map(|(server, s)| s.waiting.iter().map(move |w| (server, &w.place.session_id)))
        .collect::<BTreeSet<_>>()
        .len();
    (state, sessions)
}

/// Replaces the "Recent sessions" submenu with the newest sessions of `server_id`.
async fn refresh_recent<R: Runtime>(
    app: &AppHandle<R>,
    server_id: &str,
    client: &opencode_client::Client,
) {
    let query = opencode_client::SessionListQuery {
        roots: Some(true),
        limit: Some(u32::try_from(RECENT * 4).unwrap_or(20)),
        ..Default::default()
    };
    let Ok(mut sessions) = client.sessions(&query).await else {
        return;
    };
    sessions.sort_by(|a, b| b.time.updated.total_cmp(&a.time.updated));
    let server_id = server_id.to_owned();
    on_main_thread(app, move |app| {
        let Some(menu) = app.try_state::<LiveMenu<R>>() else {
            return;
        };
        if let Err(error) = fill_recent(app, &menu.recent, &server_id, &sessions) {
            tracing::warn!(%error, "could not update the recent sessions menu");
        }
    });
}

/// Runs a change of the tray's menu or tooltip on the main thread, without waiting for it.
/// Menus live on the main thread: changed from a task, each call would block a runtime worker
/// until the main thread ran it, and a main thread waiting on those workers (a quit stopping
/// the servers) then never got it (seen: the quit hung with both workers blocked so).
pub fn on_main_thread<R: Runtime>(
    app: &AppHandle<R>,
    change: impl FnOnce(&AppHandle<R>) + Send + 'static,
) {
    let handle = app.clone();
    if let Err(error) = app.run_on_main_thread(move || change(&handle)) {
        tracing::debug!(%error, "the tray was not updated (the app is ending)");
    }
}

fn fill_recent<R: Runtime>(
    app: &AppHandle<R>,
    submenu: &Submenu<R>,
    server_id: &str,
    sessions: &[Session],
) -> tauri::Result<()> {
    for item in submenu.items()? {
        submenu.remove(&item)?;
    }
    if sessions.is_empty() {
        let none = MenuItem::new(app, "No sessions yet", false, None::<&str>)?;
        return submenu.append(&none);
    }
    for session in sessions.iter().take(RECENT) {
        append_session(app, submenu, server_id, &session.id, &session.title)?;
    }
    Ok(())
}

/// A menu item that opens `session_id` of `server_id` (see the menu handler).
fn append_session<R: Runtime>(
    app: &AppHandle<R>,
    submenu: &Submenu<R>,
    server_id: &str,
    session_id: &str,
    title: &str,
) -> tauri::Result<()> {
    let title = if title.is_empty() {
        "Untitled session"
    } else {
        title
    };
    let id = format!("{SESSION_PREFIX}{server_id} {session_id}");
    submenu.append(&MenuItem::with_id(
        app,
        id,
        menu_text(title),
        true,
        None::<&str>,
    )?)
}

/// Shows the inbox's lines under "Needs you"; an unchanged list is left as it is.
fn show_waiting<R: Runtime>(app: &AppHandle<R>, lines: Vec<Line>) {
    let Some(menu) = app.try_state::<LiveMenu<R>>() else {
        return;
    };
    let mut shown = menu.shown.lock().unwrap_or_else(|e| e.into_inner());
    if *shown == lines {
        return;
    }
    let filled = (|| -> tauri::Result<()> {
        for item in menu.waiting.items()? {
            menu.waiting.remove(&item)?;
        }
        for line in &lines {
            match line {
                Line::Text(text) => {
                    menu.waiting
                        .append(&MenuItem::new(app, text, false, None::<&str>)?)?;
                }
                Line::Request { label, entries } => {
                    let submenu = Submenu::new(app, label, true)?;
                    for entry in entries {
                        match entry {
                            Entry::Item { id, text } => submenu.append(&MenuItem::with_id(
                                app,
                                id,
                                text,
                                true,
                                None::<&str>,
                            )?)?,
                            Entry::Separator => {
                                submenu.append(&PredefinedMenuItem::separator(app)?)?;
                            }
                        }
                    }
                    menu.waiting.append(&submenu)?;
                }
                Line::Open { id, text } => {
                    menu.waiting
                        .append(&MenuItem::with_id(app, id, text, true, None::<&str>)?)?;
                }
            }
        }
        menu.waiting.set_enabled(!lines.is_empty())
    })();
    match filled {
        Ok(()) => {
            let requests = lines
                .iter()
                .filter(|line| matches!(line, Line::Request { .. }))
                .count();
            // The end-to-end test waits for this line before opening the menu.
            tracing::debug!("tray: Needs you lists {requests} request(s)");
            *shown = lines;
        }
        Err(error) => tracing::warn!(%error, "could not update the requests that need you"),
    }
}

/// One line of the "Needs you" submenu.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    /// A line that is not a choice: a project's heading ("web — Laptop"), or an item of a
    /// server out of reach.
    Text(String),
    /// A waiting request: a submenu that answers it or opens its session.
    Request { label: String, entries: Vec<Entry> },
    /// A reply that failed or finished unseen: opens its session.
    Open { id: String, text: String },
}

/// The inbox as the submenu's lines (pure), in its order: a heading per project, then its items.
/// A request is answered from the feed's `view`, where it is whole; one the view no longer
/// lists (answered meanwhile) is left out.
fn needs_you_lines(inbox: &NeedsYou, view: &AttentionView) -> Vec<Line> {
    let mut lines = Vec::new();
    for group in &inbox.groups {
        let project = crate::inbox::project_name(&group.directory);
        let mut heading = format!("{} — {}", untitled_project(project), group.server_label);
        if !group.reachable {
            heading.push_str(" (not reachable)");
        }
        lines.push(Line::Text(menu_text(&heading)));
        for item in &group.items {
            let title = if item.title.is_empty() {
                "Untitled session"
            } else {
                &item.title
            };
            // Out of reach, nothing there can be answered or opened live: said, not offered.
            if !group.reachable {
                let kind = match item.waits {
                    Waits::Permission => "Permission",
                    Waits::Question => "Question",
                    Waits::Error => "Reply failed",
                    Waits::Finished => "Reply finished",
                };
                let what = match item.waits {
                    Waits::Permission | Waits::Question if !item.what.is_empty() => {
                        format!("{kind}: {}", shorten(&item.what, WHAT_CHARS))
                    }
                    _ => kind.to_owned(),
                };
                lines.push(Line::Text(menu_text(&format!("{what} — {title}"))));
                continue;
            }
            let done = match item.waits {
                Waits::Permission | Waits::Question => {
                    let waiting = view.get(&group.server_id).and_then(|s| {
                        s.waiting
                            .iter()
                            .find(|w| item.request_id.as_deref() == Some(w.request.id()))
                    });
                    if let Some(waiting) = waiting {
                        let (label, entries) = request_menu(&group.server_id, waiting);
                        lines.push(Line::Request { label, entries });
                    }
                    continue;
                }
                Waits::Error => format!("Reply failed: {}", shorten(&item.what, WHAT_CHARS)),
                Waits::Finished => "Reply finished".to_owned(),
            };
            lines.push(Line::Open {
                id: format!("{SESSION_PREFIX}{} {}", group.server_id, item.session_id),
                text: menu_text(&format!("{done} — {title}")),
            });
        }
    }
    lines
}

fn untitled_project(name: &str) -> &str {
    if name.is_empty() {
        "No project"
    } else {
        name
    }
}

/// One entry of a request's submenu.
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Item { id: String, text: String },
    Separator,
}

/// A request's submenu (pure): its label (what it asks, where) and its entries: the answers it
/// offers (`answer::choices`), then "Open session", which opens the top-level session.
fn request_menu(server_id: &str, waiting: &Waiting) -> (String, Vec<Entry>) {
    let request = &waiting.request;
    let label = format!(
        "{} — {}",
        shorten(&request.what(), WHAT_CHARS),
        waiting.place.label()
    );
    let mut entries: Vec<Entry> = answer::choices(request)
        .into_iter()
        .map(|(choice, text)| Entry::Item {
            id: answer::action_id(server_id, request.id(), choice),
            text: menu_text(&shorten(&text, WHAT_CHARS)),
        })
        .collect();
    if !entries.is_empty() {
        entries.push(Entry::Separator);
    }
    entries.push(Entry::Item {
        id: format!("{SESSION_PREFIX}{server_id} {}", waiting.place.session_id),
        text: "Open session".into(),
    });
    (menu_text(&label), entries)
}

/// `text` on one line, at most `max` characters (an ellipsis ends what was cut).
fn shorten(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let kept: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Text shown as is in a menu: muda reads `&` as a keyboard mnemonic and `&&` as one `&`.
fn menu_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// Shows the state in the tooltip and the status line. `waiting` counts sessions needing you.
fn show_state<R: Runtime>(app: &AppHandle<R>, state: TrayState, waiting: usize) {
    let text = label(state, waiting);
    if let Some(menu) = app.try_state::<LiveMenu<R>>() {
        let _ = menu.status.set_text(&text);
    }
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(format!("OpenCode Desk: {text}")));
    }
}

fn label(state: TrayState, waiting: usize) -> String {
    match state {
        TrayState::Idle => "Idle".into(),
        TrayState::Working => "Working…".into(),
        TrayState::NeedsYou if waiting == 1 => "Needs you in 1 session".into(),
        TrayState::NeedsYou => format!("Needs you in {waiting} sessions"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::Request;
    use crate::attention_feed::Place;
    use opencode_client::types::{
        PermissionRequest, QuestionInfo, QuestionOption, QuestionRequest,
    };

    fn item(id: &str, text: &str) -> Entry {
        Entry::Item {
            id: id.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_permission_gives_a_submenu_that_answers_it_or_opens_its_session() {
        let waiting = Waiting {
            request: Request::Permission(PermissionRequest {
                id: "per_1".into(),
                session_id: "ses_child".into(),
                permission: "bash".into(),
                patterns: vec!["make test && make install".into()],
                metadata: serde_json::Value::Null,
                always: vec!["make *".into()],
                tool: None,
            }),
            place: Place {
                session_id: "ses_top".into(),
                title: "Fix the build".into(),
                subagent: Some("Run the tests".into()),
            },
        };
        let (label, entries) = request_menu("server-1", &waiting);
        assert_eq!(
            label,
            "bash: make test &&&& make install — Fix the build › Run the tests"
        );
        assert_eq!(
            entries,
            [
                item("answer:server-1 per_1 once", "Allow once"),
                item("answer:server-1 per_1 always", "Always allow"),
                item("answer:server-1 per_1 reject", "Reject"),
                Entry::Separator,
                // A sub-agent's request opens the session the user started.
                item("session:server-1 ses_top", "Open session"),
            ]
        );
    }

    #[test]
    fn a_question_gives_an_item_per_option_and_one_it_cannot_answer_only_opens() {
        let info = |multiple| QuestionInfo {
            question: "Which colour?".into(),
            header: "Colour".into(),
            options: ["Red", "Blue & green"]
                .map(|label| QuestionOption {
                    label: label.into(),
                    description: String::new(),
                })
                .to_vec(),
            multiple: Some(multiple),
            custom: Some(true),
        };
        let waiting = |multiple| Waiting {
            request: Request::Question(QuestionRequest {
                id: "que_1".into(),
                session_id: "ses_1".into(),
                questions: vec![info(multiple)],
                tool: None,
            }),
            place: Place::own("ses_1"),
        };
        let (label, entries) = request_menu("server-1", &waiting(false));
        assert_eq!(label, "Which colour? — Untitled session");
        assert_eq!(
            entries,
            [
                item("answer:server-1 que_1 option-0", "Red"),
                item("answer:server-1 que_1 option-1", "Blue && green"),
                Entry::Separator,
                item("session:server-1 ses_1", "Open session"),
            ]
        );
        let (_, entries) = request_menu("server-1", &waiting(true));
        assert_eq!(entries, [item("session:server-1 ses_1", "Open session")]);
    }

    #[test]
    fn needs_you_shows_the_inbox_by_project_with_requests_answerable_and_replies_to_open() {
        use crate::attention_feed::ServerAttention;
        use crate::inbox::{InboxGroup, InboxItem};
        let waiting = Waiting {
            request: Request::Permission(PermissionRequest {
                id: "per_1".into(),
                session_id: "ses_a".into(),
                permission: "bash".into(),
                patterns: vec!["make".into()],
                metadata: serde_json::Value::Null,
                always: vec![],
                tool: None,
            }),
            place: Place {
                title: "Fix the build".into(),
                ..Place::own("ses_a")
            },
        };
        let view: AttentionView = [(
            "laptop".to_string(),
            ServerAttention {
                waiting: vec![waiting.clone()],
                ..Default::default()
            },
        )]
        .into();
        let item =
            |session: &str, title: &str, waits, request: Option<&str>, what: &str| InboxItem {
                session_id: session.into(),
                title: title.into(),
                subagent: None,
                waits,
                request_id: request.map(str::to_owned),
                what: what.into(),
                since: 0.0,
            };
        let inbox = NeedsYou {
            groups: vec![
                InboxGroup {
                    server_id: "box".into(),
                    server_label: "Build box".into(),
                    directory: "/srv/api".into(),
                    reachable: true,
                    items: vec![item("ses_e", "", Waits::Finished, None, "")],
                },
                InboxGroup {
                    server_id: "laptop".into(),
                    server_label: "Laptop".into(),
                    directory: "/home/me/web".into(),
                    reachable: true,
                    items: vec![
                        item(
                            "ses_a",
                            "Fix the build",
                            Waits::Permission,
                            Some("per_1"),
                            "",
                        ),
                        // Answered meanwhile: the view no longer has it.
                        item("ses_b", "Docs", Waits::Question, Some("que_gone"), "Which?"),
                        item("ses_c", "Refactor", Waits::Error, None, "Bad & wrong"),
                    ],
                },
            ],
        };
        let (label, entries) = request_menu("laptop", &waiting);
        assert_eq!(
            needs_you_lines(&inbox, &view),
            [
                Line::Text("api — Build box".into()),
                Line::Open {
                    id: "session:box ses_e".into(),
                    text: "Reply finished — Untitled session".into(),
                },
                Line::Text("web — Laptop".into()),
                Line::Request { label, entries },
                Line::Open {
                    id: "session:laptop ses_c".into(),
                    text: "Reply failed: Bad && wrong — Refactor".into(),
                },
            ]
        );
        assert!(needs_you_lines(&NeedsYou::default(), &view).is_empty());

        // The laptop out of reach: its items are said, with nothing to answer or open.
        let mut away = inbox.clone();
        away.groups[1].reachable = false;
        assert_eq!(
            needs_you_lines(&away, &view)[2..],
            [
                Line::Text("web — Laptop (not reachable)".into()),
                Line::Text("Permission — Fix the build".into()),
                Line::Text("Question: Which? — Docs".into()),
                Line::Text("Reply failed — Refactor".into()),
            ]
        );
    }

    #[test]
    fn a_long_command_is_cut_to_one_short_line() {
        assert_eq!(shorten("echo a\n  echo b", 60), "echo a echo b");
        let long = "x".repeat(100);
        let cut = shorten(&long, 60);
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn only_servers_in_reach_make_the_state_and_the_count() {
        use crate::attention_feed::ServerAttention;
        let waiting = |session: &str| Waiting {
            request: Request::Permission(PermissionRequest {
                id: format!("per_{session}"),
                session_id: session.into(),
                permission: "bash".into(),
                patterns: vec![],
                metadata: serde_json::Value::Null,
                always: vec![],
                tool: None,
            }),
            place: Place::own(session),
        };
        let view: AttentionView = [
            (
                "laptop".to_string(),
                ServerAttention {
                    state: TrayState::Working,
                    waiting: vec![],
                    ..Default::default()
                },
            ),
            (
                "gone".to_string(),
                ServerAttention {
                    state: TrayState::NeedsYou,
                    waiting: vec![waiting("ses_a"), waiting("ses_b")],
                    ..Default::default()
                },
            ),
        ]
        .into();
        let both: BTreeSet<String> = ["laptop".into(), "gone".into()].into();
        assert_eq!(summary(&view, &both), (TrayState::NeedsYou, 2));
        let laptop: BTreeSet<String> = ["laptop".into()].into();
        assert_eq!(summary(&view, &laptop), (TrayState::Working, 0));
        assert_eq!(summary(&view, &BTreeSet::new()), (TrayState::Idle, 0));
    }

    #[test]
    fn the_status_line_says_how_many_sessions_wait() {
        assert_eq!(label(TrayState::Idle, 0), "Idle");
        assert_eq!(label(TrayState::NeedsYou, 1), "Needs you in 1 session");
        assert_eq!(label(TrayState::NeedsYou, 3), "Needs you in 3 sessions");
    }
}
