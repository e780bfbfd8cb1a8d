//! The store logic against a real secured OpenCode server (testkit), with passwords in a map
//! that can be made unavailable like a machine without a Secret Service.

use super::*;
use crate::settings::test_dir::TestDir;
use testkit::{FakeModel, TestServer};

struct World {
    _dir: TestDir,
    file: std::path::PathBuf,
    settings: SettingsStore,
    registry: ServerRegistry,
    keychain: Arc<MemoryPasswords>,
    remote: RemoteServers,
}

fn world() -> World {
    let dir = TestDir::new();
    let keychain = Arc::new(MemoryPasswords::default());
    World {
        file: dir.file(),
        settings: SettingsStore::open(dir.file()),
        _dir: dir,
        registry: ServerRegistry::default(),
        remote: RemoteServers::new(keychain.clone()),
        keychain,
    }
}

impl World {
    async fn connect(&self, url: &str, password: Option<&str>) -> Result<ServerInfo, CommandError> {
        let password = password.map(str::to_string);
        let (settings, registry) = (&self.settings, &self.registry);
        self.remote
            .connect(settings, registry, url.into(), None, password, None)
            .await
    }

    fn status(&self, server_id: &str) -> ServerStatusView {
        let list = self.registry.list();
        let found = list.into_iter().find(|s| s.id == server_id);
        found.expect("registered").status
    }

    /// The app started again: the settings read from the file, an empty registry, nothing
    /// kept in memory; the same keychain.
    fn relaunch(&self) -> World {
        World {
            _dir: TestDir::new(),
            file: self.file.clone(),
            settings: SettingsStore::open(self.file.clone()),
            registry: ServerRegistry::default(),
            remote: RemoteServers::new(self.keychain.clone()),
            keychain: self.keychain.clone(),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connect_saves_the_server_and_its_password_goes_to_the_keychain_only() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let password = server.password().expect("secured").to_string();
    let w = world();

    let refused = w.connect(server.url(), Some("wrong")).await;
    assert_eq!(
        refused.expect_err("wrong password").kind,
        ErrorKind::Unauthorized
    );
    assert!(
        w.settings.get().servers.is_empty(),
        "a failed connect saves nothing"
    );
    assert!(w.keychain.ids().is_empty());

    let info = w
        .connect(server.url(), Some(&password))
        .await
        .expect("connect");
    assert!(info.id.starts_with(ID_PREFIX), "{}", info.id);
    assert_eq!(info.status, ServerStatusView::Ready);
    let saved = w.settings.get().servers;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].url, server.url());
    assert_eq!(registry_id(&saved[0].id), info.id);
    assert_eq!(w.keychain.ids(), [saved[0].id.clone()]);
    let file = std::fs::read_to_string(&w.file).expect("settings file");
    assert!(file.contains(server.url()), "{file}");
    assert!(
        !file.contains(&password),
        "never a password in the settings"
    );
    assert!(w.registry.client(&info.id).is_ok());

    // The same address again updates that entry, not a second one.
    let again = w
        .connect(server.url(), Some(&password))
        .await
        .expect("again");
    assert_eq!(again.id, info.id);
    assert_eq!(w.settings.get().servers.len(), 1);
    let listed = w.remote.list(&w.settings);
    assert_eq!(listed[0].server_id, info.id);
    assert_eq!(listed[0].clear_text_warning, None, "loopback: no warning");
    assert_eq!(listed[0].password_note, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn launch_reconnects_each_saved_server_and_says_why_one_cannot() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let password = server.password().expect("secured").to_string();
    let first = world();
    let info = first
        .connect(server.url(), Some(&password))
        .await
        .expect("connect");
    // Two more saved by hand: one whose password is not kept, one that does not answer.
    first
        .settings
        .update_with(|s| {
            s.servers.push(RemoteServer {
                id: "no-password".into(),
                url: format!("{}/", server.url()),
                username: Some("opencode".into()),
                ..RemoteServer::default()
            });
            s.servers.push(RemoteServer {
                id: "gone".into(),
                url: "http://127.0.0.1:9".into(),
                ..RemoteServer::default()
            });
        })
        .expect("saved");

    let second = first.relaunch();
    second
        .remote
        .reconnect_all(&second.settings, &second.registry)
        .await;
    assert_eq!(second.status(&info.id), ServerStatusView::Ready);
    assert!(second.registry.client(&info.id).is_ok());
    let ServerStatusView::Unauthorized { message } = second.status("remote-no-password") else {
        panic!("{:?}", second.status("remote-no-password"));
    };
    assert!(message.contains("No password is kept"), "{message}");
    assert!(matches!(
        second.status("remote-gone"),
        ServerStatusView::Unreachable { .. }
    ));

    // No keychain at the next launch: a clear status, never a failed start.
    second.keychain.make_unavailable(true);
    let third = second.relaunch();
    third
        .remote
        .reconnect_all(&third.settings, &third.registry)
        .await;
    let ServerStatusView::Unauthorized { message } = third.status(&info.id) else {
        panic!("{:?}", third.status(&info.id));
    };
    assert!(message.contains("No keychain is available"), "{message}");
    let note = third.remote.list(&third.settings)[0].password_note.clone();
    assert!(note.unwrap_or_default().contains("No keychain"));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_keychain_the_password_works_for_this_session_and_the_note_says_so() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let password = server.password().expect("secured").to_string();
    let w = world();
    w.keychain.make_unavailable(true);
    let info = w
        .connect(server.url(), Some(&password))
        .await
        .expect("connect");
    let listed = w.remote.list(&w.settings);
    let note = listed[0].password_note.clone().unwrap_or_default();
    assert!(note.contains("for this session only"), "{note}");
    // An edit that keeps the password reconnects with the one kept in memory.
    let edit = ServerEdit {
        url: server.url().into(),
        name: "Build box".into(),
        username: None,
        password: None,
    };
    let edited = w
        .remote
        .edit(&w.settings, &w.registry, &listed[0].id, edit)
        .await;
    let edited = edited.expect("edit");
    assert_eq!(edited.id, info.id);
    assert_eq!(edited.name, "Build box");
    assert_eq!(edited.status, ServerStatusView::Ready);
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_changes_address_name_and_password_and_remove_forgets_everything() {
    let model = FakeModel::start().await;
    let server = TestServer::start(&model).await.expect("server");
    let password = server.password().expect("secured").to_string();
    let w = world();
    let info = w
        .connect(server.url(), Some(&password))
        .await
        .expect("connect");
    let id = w.settings.get().servers[0].id.clone();
    let edit = |url: &str, password: Option<&str>| ServerEdit {
        url: url.into(),
        name: "Build box".into(),
        username: None,
        password: password.map(str::to_string),
    };

    // A wrong new password is saved and shows as the server's status.
    let (settings, registry) = (&w.settings, &w.registry);
    let wrong = w
        .remote
        .edit(settings, registry, &id, edit(server.url(), Some("nope")));
    let wrong = wrong.await.expect("edit");
    assert!(
        matches!(wrong.status, ServerStatusView::Unauthorized { .. }),
        "{wrong:?}"
    );
    assert!(w.registry.client(&info.id).is_err());
    let right = w
        .remote
        .edit(settings, registry, &id, edit(server.url(), Some(&password)));
    assert_eq!(right.await.expect("edit").status, ServerStatusView::Ready);
    assert_eq!(w.settings.get().servers[0].name, "Build box");

    // An address the app cannot use refuses the edit; nothing changes.
    let bad = w
        .remote
        .edit(settings, registry, &id, edit("ftp://box", None))
        .await;
    assert_eq!(bad.expect_err("bad address").kind, ErrorKind::InvalidInput);
    assert_eq!(w.settings.get().servers[0].url, server.url());
    let missing = w
        .remote
        .edit(settings, registry, "nope", edit(server.url(), None))
        .await;
    assert_eq!(missing.expect_err("no such").kind, ErrorKind::NotFound);

    w.remote
        .remove(settings, registry, &id)
        .await
        .expect("remove");
    assert!(w.settings.get().servers.is_empty());
    assert!(w.keychain.ids().is_empty(), "keychain entry gone");
    assert!(
        w.registry.list().iter().all(|s| s.id != info.id),
        "registry entry gone"
    );
    let again = w.remote.remove(settings, registry, &id).await;
    assert_eq!(again.expect_err("gone").kind, ErrorKind::NotFound);
}

#[test]
fn http_to_another_host_warns_that_the_password_travels_in_clear() {
    for url in [
        "http://192.168.1.20:4096",
        "http://box.example.com",
        "HTTP://Box.Example.com:80/",
        "http://[fd00::2]:4096",
    ] {
        let warning = clear_text_warning(url).unwrap_or_default();
        assert!(warning.contains("travels in clear"), "{url}: {warning}");
    }
    for url in [
        "https://box.example.com",
        "http://127.0.0.1:4096",
        "http://127.1.2.3:1",
        "http://localhost:4096",
        "http://[::1]:4096",
        "not an address",
    ] {
        assert_eq!(clear_text_warning(url), None, "{url}");
    }
}

#[test]
fn the_projects_own_server_comes_before_remote_ones() {
    let registry = ServerRegistry::default();
    let ready = |id: &str| ServerInfo {
        status: ServerStatusView::Ready,
        ..ServerInfo::failed(id, String::new())
    };
    let client = Client::builder("http://127.0.0.1:9").build().unwrap();
    registry.upsert(ready("remote-1"), Some(client.clone()));
    assert_eq!(
        registry.first_ready().map(|(id, _)| id).as_deref(),
        Some("remote-1")
    );
    registry.upsert(ready("server-1"), Some(client));
    assert_eq!(
        registry.first_ready().map(|(id, _)| id).as_deref(),
        Some("server-1")
    );
    assert_eq!(registry_id("server-1"), "remote-server-1");
    assert_eq!(registry_id("remote-abc"), "remote-abc");
    assert!(registry.remove("remote-1"));
    assert!(!registry.remove("remote-1"));
}

#[tokio::test]
async fn launch_waits_for_the_projects_server_but_not_forever() {
    let registry = ServerRegistry::default();
    let started = std::time::Instant::now();
    wait_for_project_server(&registry, Duration::from_millis(100)).await;
    assert!(started.elapsed() >= Duration::from_millis(100));
    registry.upsert(ServerInfo::failed("server-1", String::new()), None);
    let started = std::time::Instant::now();
    wait_for_project_server(&registry, Duration::from_secs(10)).await;
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// Kills the announcing server on every way out of the test.
struct Announcing(std::process::Child);

impl Drop for Announcing {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A real `opencode serve --mdns` (listening beyond loopback, so it announces itself): nothing is
/// looked for while the setting is off; on, it is listed, and connecting with its password saves
/// it like a server added by hand.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_announced_over_mdns_is_listed_while_on_and_saved_once_connected() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let model = FakeModel::start().await;
    let home = TestServer::start(&model)
        .await
        .expect("a world for opencode");
    let password = "mdns-secret";
    let mut child = Command::new(home.binary())
        .args(["serve", "--mdns", "--port", "0"])
        .current_dir(home.project_dir())
        .envs(home.world_env())
        .env("OPENCODE_SERVER_PASSWORD", password)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("opencode serve --mdns");
    let stdout = child.stdout.take().expect("stdout");
    let _server = Announcing(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = opencode_supervisor::listening_url(&line) {
                let _ = tx.send(url.trim_end_matches('/').to_owned());
            }
        }
    });
    let listening = rx.recv_timeout(Duration::from_secs(30)).expect("listening");
    let port = listening.rsplit_once(':').map(|(_, p)| p.to_string());
    let name = format!("opencode-{}", port.expect("a port"));

    let w = world();
    assert_eq!(mdns::announced(&w.settings).await, Ok(None), "off: no look");
    w.settings
        .update_with(|s| s.mdns_discovery = true)
        .expect("on");
    let found = look_for(&w.settings, &name).await;
    let found = found.unwrap_or_else(|| panic!("{name} not announced"));
    assert!(!found.saved);
    let info = w
        .connect(&found.url, Some(password))
        .await
        .expect("connect");
    assert_eq!(info.status, ServerStatusView::Ready);
    assert_eq!(w.settings.get().servers[0].url, found.url);
    let again = look_for(&w.settings, &name).await;
    assert!(
        again.is_some_and(|s| s.saved),
        "now one of the saved servers"
    );
}

/// The server announced as `name`, in up to five looks: a look may miss an announcement, and
/// each sends its own query.
async fn look_for(settings: &SettingsStore, name: &str) -> Option<mdns::AnnouncedServer> {
    for _ in 0..5 {
        let listed = mdns::announced(settings).await.expect("browse");
        let found = listed.expect("on").into_iter().find(|s| s.name == name);
        if found.is_some() {
            return found;
        }
    }
    None
}
