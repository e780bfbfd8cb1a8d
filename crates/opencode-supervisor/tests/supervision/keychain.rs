//! Remote servers' passwords in the OS keychain, for real (Secret Service on Linux).
//!
//! Two environments, two tests: with no D-Bus session (a plain `cargo test`, CI's `rust-tests`)
//! every call must say "no keychain" without panicking; under `dbus-run-session` with
//! gnome-keyring unlocked (CI's `keychain` step, see scripts/test.sh) a password must round-trip.
//! Each test says on stderr when its environment is not the one it needs; the round trip fails
//! instead when `OPENCODE_DESK_KEYCHAIN_TESTS=1` says a keychain was meant to be there.

use opencode_supervisor::{delete_password, load_password, store_password, Error, Secret};

const REQUIRE_VAR: &str = "OPENCODE_DESK_KEYCHAIN_TESTS";
const HOW_TO_RUN: &str = "Run it with: dbus-run-session -- sh -c 'echo -n pw | \
     gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
     OPENCODE_DESK_KEYCHAIN_TESTS=1 cargo test -p opencode-supervisor --test supervision keychain' \
     (apt: gnome-keyring libsecret-tools dbus-x11)";

/// A key no other run uses, so parallel runs and leftovers cannot collide.
fn unique_key(what: &str) -> String {
    format!(
        "opencode-desk-test/{what}/{}-{}",
        std::process::id(),
        rand_suffix()
    )
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// Whether there is no D-Bus session to find a Secret Service on (and none can be autolaunched).
fn no_session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() && std::env::var_os("DISPLAY").is_none()
}

#[tokio::test(flavor = "multi_thread")]
async fn keychain_without_a_secret_service_says_the_password_is_for_this_session_only() {
    if !no_session_bus() {
        eprintln!(
            "SKIPPED keychain error path: a D-Bus session is set here, so a keychain may answer; \
             the round-trip test covers this environment"
        );
        return;
    }
    let key = unique_key("absent");
    let password = Secret::new("hunter2-absent");
    let results = [
        store_password(&key, &password).await.err(),
        load_password(&key).await.err(),
        delete_password(&key).await.err(),
    ];
    for error in results {
        let error = error.expect("no keychain here, yet the call succeeded");
        assert!(matches!(error, Error::NoKeychain { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message
                .starts_with("No keychain available: the password is kept for this session only"),
            "{message}"
        );
        assert!(!message.contains("hunter2"), "{message}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn keychain_stores_reads_back_replaces_and_deletes_a_password() {
    let required = std::env::var_os(REQUIRE_VAR).is_some_and(|v| v == "1");
    let key = unique_key("round-trip");
    match load_password(&key).await {
        Ok(None) => {}
        Ok(Some(_)) => panic!("a fresh key already has a password"),
        Err(error @ Error::NoKeychain { .. }) if !required => {
            eprintln!("SKIPPED keychain round trip: {error}. {HOW_TO_RUN}");
            return;
        }
        Err(error) => {
            panic!("{REQUIRE_VAR}=1 but the keychain is not usable: {error}. {HOW_TO_RUN}")
        }
    }

    store_password(&key, &Secret::new("first password"))
        .await
        .expect("store");
    let read = load_password(&key).await.expect("load");
    assert_eq!(read.as_ref().map(Secret::expose), Some("first password"));

    store_password(&key, &Secret::new("second password"))
        .await
        .expect("replace");
    let read = load_password(&key).await.expect("load again");
    assert_eq!(read.as_ref().map(Secret::expose), Some("second password"));

    delete_password(&key).await.expect("delete");
    assert_eq!(load_password(&key).await.expect("load after delete"), None);
    // Deleting what is not there is not an error.
    delete_password(&key).await.expect("delete twice");
}
