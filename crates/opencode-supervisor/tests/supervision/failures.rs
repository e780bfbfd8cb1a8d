//! Starts that cannot succeed: each a clear error, none a hang.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use opencode_supervisor::binary::SearchEnv;
use opencode_supervisor::{Error, ServerStatus, Supervisor};

use crate::support::{opencode, options_in, world, write_script};

/// Far below the startup deadline: a failure must be reported, not waited out.
const FAIL_FAST: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread")]
async fn a_port_in_use_is_a_clear_error_not_a_hang() {
    let world = world();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let supervisor = Supervisor::new();
    let server = supervisor
        .spawn(options_in(&world, &opencode()).port(port))
        .unwrap();
    let started = Instant::now();
    let error = server.wait_ready(FAIL_FAST).await.unwrap_err();
    eprintln!(
        "port in use reported after {} ms",
        started.elapsed().as_millis()
    );
    assert!(
        matches!(error, Error::PortInUse { port: p } if p == port),
        "{error}"
    );
    assert!(error.to_string().contains(&port.to_string()));
    assert!(matches!(
        server.state().status,
        ServerStatus::Crashed { .. }
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_binary_is_a_clear_error_listing_where_we_looked() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-opencode");
    let world = world();
    let error = Supervisor::new()
        .spawn(options_in(&world, &missing))
        .unwrap_err();
    let Error::BinaryNotFound { searched } = &error else {
        panic!("expected BinaryNotFound, got {error}");
    };
    assert_eq!(searched, std::slice::from_ref(&missing));

    // With nothing set and nothing installed, every usual place is named, with how to install.
    let env = SearchEnv {
        path_var: Some(OsString::from(dir.path())),
        home: Some(dir.path().join("home")),
        workspace: Some(dir.path().join("checkout")),
        ..SearchEnv::default()
    };
    let error = env.find().unwrap_err();
    let message = error.to_string();
    for place in [
        ".opencode/bin/opencode",
        ".npm-global/bin",
        "node_modules/opencode-",
    ] {
        assert!(message.contains(place), "{place} missing from: {message}");
    }
    assert!(message.contains("npm i -g opencode-ai"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_binary_that_exits_at_once_reports_its_last_words() {
    let world = world();
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("opencode");
    write_script(&fake, "echo 'fake opencode: config is broken' >&2\nexit 7");
    let server = Supervisor::new().spawn(options_in(&world, &fake)).unwrap();
    let error = server.wait_ready(FAIL_FAST).await.unwrap_err();
    let Error::ExitedEarly {
        status,
        output_tail,
    } = &error
    else {
        panic!("expected ExitedEarly, got {error}");
    };
    assert!(status.contains('7'), "{status}");
    assert!(
        output_tail.contains("[err] fake opencode: config is broken"),
        "{output_tail}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_real_binary_with_a_bad_flag_exits_early_with_its_usage() {
    let world = world();
    let mut options = options_in(&world, &opencode());
    options.extra_args = vec!["--no-such-flag".into()];
    let server = Supervisor::new().spawn(options).unwrap();
    let error = server.wait_ready(FAIL_FAST).await.unwrap_err();
    assert!(matches!(error, Error::ExitedEarly { .. }), "{error}");
    let tail = error.output_tail().unwrap_or_default();
    assert!(
        tail.contains("--hostname"),
        "expected the usage text: {tail}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_binary_that_never_says_it_listens_times_out_with_its_output() {
    let world = world();
    let dir = tempfile::tempdir().unwrap();
    let fake: PathBuf = dir.path().join("opencode");
    write_script(
        &fake,
        "echo 'fake opencode: thinking...' >&2\nexec sleep 60",
    );
    let mut options = options_in(&world, &fake);
    options.startup_timeout = Duration::from_secs(2);
    let server = Supervisor::new().spawn(options).unwrap();
    let started = Instant::now();
    let error = server.wait_ready(FAIL_FAST).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    let Error::StartupTimeout { output_tail, .. } = &error else {
        panic!("expected StartupTimeout, got {error}");
    };
    assert!(output_tail.contains("thinking..."), "{output_tail}");
}
