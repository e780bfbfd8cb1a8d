//! A spawned server that dies, or hangs, is started again; one that keeps dying is given up on.

use std::time::{Duration, Instant};

use opencode_supervisor::{Error, HealthCheck, ServerStatus, Supervisor};

use crate::support::{
    alive, kill_9, next_status, opencode, options_in, spawn_real, world, write_script, Frozen,
    READY_LIMIT,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_with_sigkill_is_restarted_and_ready_again() {
    let world = world();
    let (_supervisor, server) = spawn_real(&world);
    let first = server.wait_ready(READY_LIMIT).await.expect("ready");
    let first_pid = first.pid.unwrap();
    let mut states = server.subscribe();
    states.borrow_and_update();

    kill_9(first_pid);
    let killed_at = Instant::now();
    let restarting = next_status(&mut states, "restarting", Duration::from_secs(10)).await;
    let ServerStatus::Restarting {
        attempt, reason, ..
    } = &restarting.status
    else {
        unreachable!()
    };
    assert_eq!(*attempt, 1);
    assert!(reason.contains("exited unexpectedly"), "{reason}");

    let again = next_status(&mut states, "ready", READY_LIMIT).await;
    eprintln!(
        "kill -9 -> ready again: {} ms",
        killed_at.elapsed().as_millis()
    );
    let second_pid = again.pid.unwrap();
    assert_ne!(second_pid, first_pid);
    assert!(alive(second_pid) && !alive(first_pid));
    assert_eq!(again.restarts, 1);
    // The restarted server answers with the same credentials, on its (possibly new) URL.
    let health = server.client().unwrap().health().await.expect("health");
    assert!(health.healthy);
    assert!(server.log().tail().contains("restarting in"));
    server.stop().await;
    assert!(!alive(second_pid));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_loop_is_stopped_and_reported_with_the_log_tail() {
    let world = world();
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("opencode");
    let marker = dir.path().join("started-once");
    // The first start is the real server; every later one fails at once.
    let body = format!(
        "if [ -e '{marker}' ]; then echo 'fake opencode: refusing to start again' >&2; exit 3; fi\n\
         touch '{marker}'\nexec '{real}' \"$@\"",
        marker = marker.display(),
        real = opencode().display(),
    );
    write_script(&fake, &body);
    let supervisor = Supervisor::new();
    let server = supervisor.spawn(options_in(&world, &fake)).unwrap();
    let pid = server
        .wait_ready(READY_LIMIT)
        .await
        .expect("ready")
        .pid
        .unwrap();

    kill_9(pid);
    let killed_at = Instant::now();
    let mut states = server.subscribe();
    let crashed = next_status(&mut states, "crashed", Duration::from_secs(30)).await;
    eprintln!(
        "crash loop detected after {} ms",
        killed_at.elapsed().as_millis()
    );
    let ServerStatus::Crashed { error } = &crashed.status else {
        unreachable!()
    };
    let Error::CrashLoop {
        crashes,
        output_tail,
        ..
    } = error
    else {
        panic!("expected CrashLoop, got {error}");
    };
    assert_eq!(*crashes, 5);
    assert_eq!(crashed.restarts, 4);
    assert!(
        output_tail.contains("refusing to start again"),
        "{output_tail}"
    );
    // Given up means given up: no further starts.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(matches!(
        server.state().status,
        ServerStatus::Crashed { .. }
    ));
    assert_eq!(
        server
            .wait_ready(READY_LIMIT)
            .await
            .unwrap_err()
            .to_string(),
        error.to_string()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hung_server_is_killed_and_restarted_like_a_crash() {
    let world = world();
    let mut options = options_in(&world, &opencode());
    // Detection in about 3 s instead of the default 15-25 s.
    options.restart.health_check = Some(HealthCheck {
        interval: Duration::from_millis(500),
        timeout: Duration::from_millis(500),
        misses: 3,
    });
    let supervisor = Supervisor::new();
    let server = supervisor.spawn(options).unwrap();
    let first_pid = server
        .wait_ready(READY_LIMIT)
        .await
        .expect("ready")
        .pid
        .unwrap();
    let mut states = server.subscribe();
    states.borrow_and_update();

    // Alive but answering nothing: exactly what a crash watch alone cannot see.
    let frozen = Frozen::freeze(first_pid, true);
    let frozen_at = Instant::now();
    let restarting = next_status(&mut states, "restarting", Duration::from_secs(20)).await;
    eprintln!(
        "SIGSTOP -> restarting: {} ms",
        frozen_at.elapsed().as_millis()
    );
    let ServerStatus::Restarting {
        attempt, reason, ..
    } = &restarting.status
    else {
        unreachable!()
    };
    assert_eq!(*attempt, 1);
    assert!(reason.contains("stopped answering"), "{reason}");
    assert!(reason.contains("3 health checks in a row"), "{reason}");
    assert!(!alive(first_pid), "the hung server was not killed");

    let again = next_status(&mut states, "ready", READY_LIMIT).await;
    let second_pid = again.pid.unwrap();
    assert_ne!(second_pid, first_pid);
    assert_eq!(again.restarts, 1);
    let health = server.client().unwrap().health().await.expect("health");
    assert!(health.healthy);
    assert!(server
        .log()
        .tail()
        .contains("health checks in a row; killed"));
    drop(frozen);
    server.stop().await;
    assert!(!alive(second_pid));
}

/// A server whose health checks get no answer in time but whose event stream still delivers
/// (the app notes each event) is busy, not hung: it is left alone. Once the events stop too, the
/// missed checks count again and it is killed.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_noted_active_is_not_killed_for_missed_health_checks() {
    let world = world();
    let mut options = options_in(&world, &opencode());
    let check = HealthCheck {
        interval: Duration::from_millis(300),
        timeout: Duration::from_millis(300),
        misses: 3,
    };
    options.restart.health_check = Some(check.clone());
    let supervisor = Supervisor::new();
    let server = supervisor.spawn(options).unwrap();
    let pid = server
        .wait_ready(READY_LIMIT)
        .await
        .expect("ready")
        .pid
        .unwrap();
    let mut states = server.subscribe();
    states.borrow_and_update();

    // Stopped, no health check can be answered; the app keeps noting activity meanwhile.
    let frozen = Frozen::freeze(pid, true);
    let noting = {
        let note = server.activity_noter();
        tokio::spawn(async move {
            loop {
                note();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    // Long enough for the misses to have killed it three times over without the activity.
    let detection = (check.interval + check.timeout) * check.misses;
    tokio::time::sleep(detection * 3).await;
    let state = server.state();
    assert!(
        matches!(state.status, ServerStatus::Ready),
        "an active server was treated as hung: {:?}",
        state.status
    );
    assert_eq!((state.pid, state.restarts), (Some(pid), 0));
    assert!(alive(pid));

    noting.abort();
    let restarting = next_status(&mut states, "restarting", Duration::from_secs(20)).await;
    let ServerStatus::Restarting { reason, .. } = &restarting.status else {
        unreachable!()
    };
    assert!(reason.contains("stopped answering"), "{reason}");
    assert!(!alive(pid), "the silent server was not killed");
    drop(frozen);
    server.stop().await;
}
