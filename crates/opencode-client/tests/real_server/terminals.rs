//! The server's terminals: start one, type in it over its websocket, resize it, lose the socket
//! (a relay of our own in front of the real server, cut or sending garbage) and get back what was
//! missed and what was typed meanwhile, end it; and the working tree's diff.

use crate::support::start;
use opencode_client::pty::{self, PtyInput, PtyItem, PtyOptions};
use opencode_client::types::{PtyCreate, PtySize, PtyUpdate};
use opencode_client::Client;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// Reads items until the output seen so far satisfies `done`; panics (with what came) after 20 s.
async fn output_until(
    items: &mut mpsc::Receiver<PtyItem>,
    seen: &mut Vec<PtyItem>,
    done: impl Fn(&str) -> bool,
) -> String {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !done(&text) {
        match tokio::time::timeout_at(deadline, items.recv()).await {
            Ok(Some(PtyItem::Output(out))) => text.push_str(&out),
            Ok(Some(other)) => seen.push(other),
            Ok(None) => panic!("the connection ended; output so far: {text:?}, items: {seen:?}"),
            Err(_) => panic!("timed out; output so far: {text:?}, items: {seen:?}"),
        }
    }
    text
}

async fn next_state(items: &mut mpsc::Receiver<PtyItem>) -> PtyItem {
    loop {
        match tokio::time::timeout(Duration::from_secs(20), items.recv()).await {
            Ok(Some(PtyItem::Output(_))) => continue,
            Ok(Some(item)) => return item,
            other => panic!("expected a state change, got {other:?}"),
        }
    }
}

/// A terminal in the project's directory, in the server's default shell.
async fn new_pty(c: &Client) -> opencode_client::types::Pty {
    c.create_pty(&PtyCreate {
        cwd: c.directory().map(str::to_owned),
        ..PtyCreate::default()
    })
    .await
    .unwrap()
}

fn open(client: &Client, id: &str) -> (PtyInput, mpsc::Receiver<PtyItem>) {
    open_with(client, id, PtyOptions::default())
}

fn open_with(
    client: &Client,
    id: &str,
    options: PtyOptions,
) -> (PtyInput, mpsc::Receiver<PtyItem>) {
    let (_keep, source) = watch::channel(Some(client.clone()));
    // The sender is kept alive by leaking it into the test's runtime for the test's length.
    std::mem::forget(_keep);
    pty::connect(source, client.directory().map(str::to_owned), id, options)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_terminal_runs_commands_at_its_size_and_ends_when_closed() {
    let env = start().await;
    let c = &env.client;
    let shells = c.pty_shells().await.unwrap();
    assert!(shells.iter().any(|s| s.acceptable), "{shells:?}");

    let pty = new_pty(c).await;
    c.update_pty(
        &pty.id,
        &PtyUpdate {
            size: Some(PtySize {
                rows: 30,
                cols: 100,
            }),
            ..PtyUpdate::default()
        },
    )
    .await
    .unwrap();

    // Pinged when quiet (every second here, dead after two: room for a loaded machine): the
    // server answers, so a quiet terminal stays up.
    let keepalive = PtyOptions {
        keepalive: Duration::from_secs(1),
        ..PtyOptions::default()
    };
    let (input, mut items) = open_with(c, &pty.id, keepalive);
    assert!(matches!(
        next_state(&mut items).await,
        PtyItem::Connected { replayed: false }
    ));
    tokio::time::sleep(Duration::from_millis(3500)).await;
    input.write("stty size; echo desk-$((6*7))\r");
    let mut seen = Vec::new();
    let out = output_until(&mut items, &mut seen, |t| t.contains("desk-42")).await;
    assert!(seen.is_empty(), "no reconnect while quiet: {seen:?}");
    assert!(
        out.contains("30 100"),
        "the terminal has the size set: {out:?}"
    );

    assert!(c.remove_pty(&pty.id).await.unwrap());
    let PtyItem::Closed { reason } = next_state(&mut items).await else {
        panic!("closing the terminal ends its connection")
    };
    assert!(reason.contains("ended"), "{reason}");
    assert!(c.ptys().await.unwrap().iter().all(|p| p.id != pty.id));

    // A shell that does not exist is refused, and nothing is left behind.
    let refused = c
        .create_pty(&PtyCreate {
            command: Some("/no/such/shell".into()),
            ..PtyCreate::default()
        })
        .await;
    assert!(refused.is_err(), "{refused:?}");
    assert!(c.ptys().await.unwrap().is_empty());
}

/// A loopback relay to the server that can cut every connection, or send garbage down them.
struct Relay {
    url: String,
    cut: watch::Sender<u32>,
    garbage: watch::Sender<u32>,
    /// While true, new connections wait before reaching the server (an outage).
    hold: watch::Sender<bool>,
}

impl Relay {
    async fn start(upstream: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let (cut, cuts) = watch::channel(0);
        let (garbage, garbages) = watch::channel(0);
        let (hold, holds) = watch::channel(false);
        tokio::spawn(async move {
            let mut connections = JoinSet::new();
            let mut cuts_seen = cuts.clone();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((client, _)) = accepted else { return };
                        let upstream = upstream.clone();
                        let mut garbages = garbages.clone();
                        let mut holds = holds.clone();
                        connections.spawn(async move {
                            while *holds.borrow_and_update() {
                                if holds.changed().await.is_err() { return }
                            }
                            let Ok(server) = TcpStream::connect(&upstream).await else { return };
                            let (mut cr, mut cw) = client.into_split();
                            let (mut sr, mut sw) = server.into_split();
                            garbages.mark_unchanged();
                            let up = tokio::io::copy(&mut cr, &mut sw);
                            let down = async {
                                let mut buf = vec![0u8; 16 * 1024];
                                loop {
                                    tokio::select! {
                                        read = tokio::io::AsyncReadExt::read(&mut sr, &mut buf) => {
                                            match read {
                                                Ok(0) | Err(_) => return,
                                                Ok(n) => if cw.write_all(&buf[..n]).await.is_err() { return },
                                            }
                                        }
                                        changed = garbages.changed() => {
                                            if changed.is_err() { return }
                                            // A whole frame header no websocket allows: reserved
                                            // bits and a reserved opcode.
                                            let _ = cw.write_all(b"\xff\x05junk!").await;
                                        }
                                    }
                                }
                            };
                            tokio::select! { _ = up => {}, _ = down => {} }
                        });
                    }
                    changed = cuts_seen.changed() => {
                        if changed.is_err() { return }
                        connections.abort_all();
                    }
                }
            }
        });
        Relay {
            url,
            cut,
            garbage,
            hold,
        }
    }

    fn cut(&self) {
        self.cut.send_modify(|n| *n += 1);
    }

    fn hold(&self, held: bool) {
        self.hold.send_replace(held);
    }

    fn send_garbage(&self) {
        self.garbage.send_modify(|n| *n += 1);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cut_or_garbled_socket_reconnects_replaying_what_was_missed_and_keeping_what_was_typed() {
    let env = start().await;
    let relay = Relay::start(env.server.url()).await;
    let c = Client::builder(&relay.url)
        .password(env.server.password().map(str::to_string))
        .directory(env.server.project_dir().to_string_lossy())
        .build()
        .unwrap();
    let pty = c.create_pty(&PtyCreate::default()).await.unwrap();
    let (input, mut items) = open(&c, &pty.id);
    assert!(matches!(
        next_state(&mut items).await,
        PtyItem::Connected { replayed: false }
    ));
    let mut seen = Vec::new();
    input.write("echo one-$((1+1))\r");
    output_until(&mut items, &mut seen, |t| t.contains("one-2")).await;

    // Cut, and held down a while: output made meanwhile (a delayed echo) comes back on reconnect
    // from the cursor, and keys typed meanwhile are sent then, once.
    input.write("sleep 0.5; echo two-$((2+2))\r");
    tokio::time::sleep(Duration::from_millis(200)).await;
    relay.hold(true);
    relay.cut();
    // Typed after the connection noticed the cut (a key written into a socket in the instant it
    // dies is the kernel's to lose).
    tokio::time::sleep(Duration::from_millis(200)).await;
    input.write("echo three-$((3+3))\r");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    relay.hold(false);
    let PtyItem::Reconnecting { error, .. } = next_state(&mut items).await else {
        panic!("a cut socket reconnects")
    };
    assert!(error.to_string().contains("terminal"), "{error}");
    assert!(matches!(
        next_state(&mut items).await,
        PtyItem::Connected { replayed: true }
    ));
    let out = output_until(&mut items, &mut seen, |t| {
        t.contains("two-4") && t.contains("three-6")
    })
    .await;
    assert!(
        !out.contains("one-2"),
        "only what was missed is replayed: {out:?}"
    );
    assert_eq!(out.matches("three-6").count(), 1, "typed once: {out:?}");

    // Garbage on the socket: a clear error, then the same reconnect.
    relay.send_garbage();
    let PtyItem::Reconnecting { error, .. } = next_state(&mut items).await else {
        panic!("a garbled socket reconnects")
    };
    assert!(error.to_string().contains("connection broke"), "{error}");
    assert!(matches!(
        next_state(&mut items).await,
        PtyItem::Connected { replayed: true }
    ));
    input.write("echo four-$((4+4))\r");
    output_until(&mut items, &mut seen, |t| t.contains("four-8")).await;

    // The shell exits: the connection ends, saying so.
    input.write("exit\r");
    let PtyItem::Closed { reason } = next_state(&mut items).await else {
        panic!("an exited shell ends its connection")
    };
    assert!(reason.contains("exited"), "{reason}");
}

/// The server restarted under an open terminal (on the same address, as the app's supervisor
/// brings it back): the terminal ended with it, and says so instead of blaming its shell.
#[tokio::test(flavor = "multi_thread")]
async fn a_terminal_whose_server_restarted_says_so() {
    let mut env = start().await;
    let c = env.client.clone();
    let pty = new_pty(&c).await;
    let (_input, mut items) = open(&c, &pty.id);
    assert!(matches!(
        next_state(&mut items).await,
        PtyItem::Connected { replayed: false }
    ));
    env.server.restart().await.unwrap();
    let ended = loop {
        match next_state(&mut items).await {
            PtyItem::Reconnecting { .. } => continue,
            other => break other,
        }
    };
    let PtyItem::Closed { reason } = ended else {
        panic!("the terminal is gone with the old server: {ended:?}")
    };
    assert!(reason.contains("server restarted"), "{reason}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_working_tree_diff_is_gits() {
    let env = start().await;
    let c = &env.client;
    let project = env.server.project_dir();
    let readme = project.join("README.md");
    let before = std::fs::read_to_string(&readme).unwrap();
    std::fs::write(&readme, format!("{before}one more line\n")).unwrap();
    std::fs::write(project.join("new.txt"), "new\n").unwrap();

    let files = c.vcs_diff().await.unwrap();
    let changed = files
        .iter()
        .find(|f| f.file.as_deref() == Some("README.md"))
        .unwrap_or_else(|| panic!("README.md in {files:?}"));
    assert_eq!(changed.additions, 1.0);
    let patch = changed.patch.as_deref().unwrap_or_default();
    assert!(patch.contains("+one more line"), "{patch}");
    let git = std::process::Command::new("git")
        .args(["diff", "--numstat", "HEAD", "--", "README.md"])
        .current_dir(project)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&git.stdout).starts_with("1\t0\t"),
        "git agrees: {}",
        String::from_utf8_lossy(&git.stdout)
    );
    assert!(
        files.iter().any(|f| f.file.as_deref() == Some("new.txt")),
        "untracked files are listed: {files:?}"
    );
    let info = c.vcs_info().await.unwrap();
    assert!(info.branch.is_some(), "{info:?}");
}
