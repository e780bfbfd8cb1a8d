//! No orphan even when the app is killed with SIGKILL (no `Drop`, no exit hook runs): the
//! crate's `opencode-supervisor-orphan-probe` binary plays the app, spawns a server and prints
//! its pid; we kill -9 that process and watch the server, and what its agent started, disappear.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use opencode_client::types::{PromptInput, SessionCreate};
use opencode_supervisor::{Error, HealthCheck, ServerStatus, Supervisor};
use testkit::{FakeModel, IsolatedWorld, Reply};

use crate::support::{
    alive, command_line, eventually, group_members, json_object, kill_9, next_status, opencode,
    options_in, processes_carrying, world, Frozen, READY_LIMIT,
};

const PROBE: &str = env!("CARGO_BIN_EXE_opencode-supervisor-orphan-probe");
const PID_PREFIX: &str = "SERVER_PID=";

/// Kills the parent on every way out of the test.
struct Parent(Child);

impl Drop for Parent {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the probe as the parent of a server in `world`; `extra` goes after its two arguments.
fn start_parent(world: &IsolatedWorld, extra: &[&str], env: &[(&str, &str)]) -> Parent {
    Parent(
        Command::new(PROBE)
            .arg(world.project_dir())
            .arg(opencode())
            .args(extra)
            .envs(world.env())
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run the orphan probe as the parent"),
    )
}

/// The pid the probe reports once its server is ready; panics with its output otherwise.
fn server_pid_of(parent: &mut Parent) -> u32 {
    let stderr = parent.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(pid) = line.strip_prefix(PID_PREFIX) {
                let _ = tx.send(pid.trim().parse::<u32>().map_err(|_| line.clone()));
            } else {
                seen.push_str(&line);
                seen.push('\n');
            }
        }
        // The probe ended without a pid: hand its output to the test's failure message.
        let _ = tx.send(Err(seen));
    });
    rx.recv_timeout(READY_LIMIT)
        .expect("the probe reports its server's pid in time")
        .unwrap_or_else(|output| panic!("the probe reported no pid; its output:\n{output}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_dies_when_its_parent_is_killed() {
    let world = world();
    let mut parent = start_parent(&world, &[], &[]);
    let server_pid = server_pid_of(&mut parent);
    assert!(alive(server_pid));

    kill_9(parent.0.id());
    parent.0.wait().unwrap();
    let gone = eventually(Duration::from_secs(5), || !alive(server_pid)).await;
    let leftovers = group_members(server_pid);
    if !gone {
        kill_9(server_pid); // leave nothing running even when failing
    }
    assert!(gone, "opencode {server_pid} outlived its killed parent");
    assert_eq!(
        leftovers,
        Vec::<u32>::new(),
        "its group outlived the parent"
    );
}

/// OpenCode runs a bash tool call in a session of its own, out of the server's process group, so
/// the group kill and the server's parent-death signal alone leave it running: the guard (the
/// probe re-run as a subreaper) has to find it and end it.
#[tokio::test(flavor = "multi_thread")]
async fn what_the_agent_started_dies_when_its_parent_is_killed() {
    let agent = AgentSleeps::script("orphan-tree").await;
    let marker = agent.marker.clone();
    let mut parent = start_parent(
        &agent.world,
        &["--guard", "--prompt"],
        &[(MARKER_VAR, &marker)],
    );
    let server_pid = server_pid_of(&mut parent);
    agent.wait_for_sleep().await;
    let tree = processes_carrying(MARKER_VAR, &marker);
    assert!(
        tree.contains(&server_pid),
        "{tree:?} lacks the server {server_pid}"
    );

    kill_9(parent.0.id());
    parent.0.wait().unwrap();
    let gone = eventually(Duration::from_secs(2), || {
        processes_carrying(MARKER_VAR, &marker).is_empty()
    })
    .await;
    let left = left_killed(&marker);
    assert!(gone, "outlived their killed parent: {left:?}");
}

const MARKER_VAR: &str = "SUPERVISION_ORPHAN_MARKER";

/// A fake model scripted to have the agent run `sleep` for a duration nobody else sleeps (to
/// tell our `sleep` from any other), in a world where bash needs no permission; and a marker
/// every process of the tree inherits (through `MARKER_VAR`), to find all of it.
struct AgentSleeps {
    // Kept alive for the server's requests.
    _model: FakeModel,
    world: IsolatedWorld,
    seconds: String,
    marker: String,
}

impl AgentSleeps {
    async fn script(name: &str) -> AgentSleeps {
        let model = FakeModel::start().await;
        let mut config = model.opencode_config();
        config["permission"] = json_object(&[("bash", "allow")]);
        let world = IsolatedWorld::create(Some(config)).expect("a temp home and project");
        let unique: u32 = rand::random_range(0..300_000);
        let seconds = format!("{}", 600_000 + unique);
        let marker = format!("{name}-{}-{unique}", std::process::id());
        let command = format!("sleep {seconds}");
        let arguments = json_object(&[("command", &command), ("description", "Wait a long time")]);
        model.push(Reply::tool("bash", arguments));
        model.push(Reply::text("Done."));
        AgentSleeps {
            _model: model,
            world,
            seconds,
            marker,
        }
    }

    /// Asks `server`'s agent to run it, in a new session.
    async fn prompt(&self, server: &opencode_supervisor::ServerHandle) {
        let client = server.client().expect("a client");
        let session = client
            .create_session(&SessionCreate::default())
            .await
            .expect("a session");
        client
            .prompt_async(&session.id, &PromptInput::text("run it"))
            .await
            .expect("prompt");
    }

    async fn wait_for_sleep(&self) {
        let is_our_sleep = |pid: &u32| command_line(*pid) == ["sleep", self.seconds.as_str()];
        let started = eventually(Duration::from_secs(30), || {
            processes_carrying(MARKER_VAR, &self.marker)
                .iter()
                .any(is_our_sleep)
        })
        .await;
        let tree = processes_carrying(MARKER_VAR, &self.marker);
        assert!(
            started,
            "the agent never ran `sleep {}`; tree: {tree:?}",
            self.seconds
        );
    }
}

/// The processes of `marker`'s tree still running, each killed (nothing is left running even
/// when the test fails).
fn left_killed(marker: &str) -> Vec<(u32, Vec<String>)> {
    let left: Vec<(u32, Vec<String>)> = processes_carrying(MARKER_VAR, marker)
        .into_iter()
        .map(|pid| (pid, command_line(pid)))
        .collect();
    for (pid, _) in &left {
        kill_9(*pid);
    }
    left
}

/// A clean stop (SIGTERM to the group, as on quit) also ends what the agent started outside the
/// group: the guard sees the server exit and ends the rest of its tree.
#[tokio::test(flavor = "multi_thread")]
async fn stopping_a_guarded_server_ends_what_its_agent_started() {
    let agent = AgentSleeps::script("stop-tree").await;
    let options = options_in(&agent.world, &opencode())
        .guard(PROBE)
        .env(MARKER_VAR, &agent.marker);
    let supervisor = Supervisor::new();
    let server = supervisor.spawn(options).expect("spawn");
    let state = server.wait_ready(READY_LIMIT).await.expect("ready");
    agent.prompt(&server).await;
    agent.wait_for_sleep().await;

    let stopped = server.stop().await;
    assert!(matches!(stopped.status, ServerStatus::Stopped));
    let left = left_killed(&agent.marker);
    assert!(left.is_empty(), "outlived the stop: {left:?}");
    assert!(!alive(state.pid.unwrap()));
}

/// A hung guarded server is killed through its guard (told to kill, not killed itself), so what
/// its agent started goes with it.
#[tokio::test(flavor = "multi_thread")]
async fn killing_a_hung_guarded_server_ends_what_its_agent_started() {
    let agent = AgentSleeps::script("hang-tree").await;
    let marker = agent.marker.clone();
    let mut options = options_in(&agent.world, &opencode())
        .guard(PROBE)
        .env(MARKER_VAR, &marker);
    options.restart.enabled = false;
    options.restart.health_check = Some(HealthCheck {
        interval: Duration::from_millis(500),
        timeout: Duration::from_millis(500),
        misses: 3,
    });
    let supervisor = Supervisor::new();
    let server = supervisor.spawn(options).expect("spawn");
    let guard = server.wait_ready(READY_LIMIT).await.expect("ready").pid;
    let guard = guard.expect("the guard's pid");
    agent.prompt(&server).await;
    agent.wait_for_sleep().await;
    let server_pid = processes_carrying(MARKER_VAR, &marker)
        .into_iter()
        .find(|pid| *pid != guard && command_line(*pid).iter().any(|a| a == "serve"))
        .expect("opencode below its guard");

    let frozen = Frozen::freeze(server_pid, true);
    let mut states = server.subscribe();
    let crashed = next_status(&mut states, "crashed", Duration::from_secs(20)).await;
    let ServerStatus::Crashed { error } = &crashed.status else {
        unreachable!()
    };
    assert!(matches!(error, Error::Unresponsive { .. }), "{error}");
    drop(frozen);
    let left = left_killed(&marker);
    assert!(
        left.is_empty(),
        "outlived the kill of a hung server: {left:?}"
    );
}
