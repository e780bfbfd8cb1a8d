//! The guard: a small process between the app and `opencode serve` that outlives neither, and
//! takes with it everything the server started. It runs as
//! `<guard> --opencode-desk-guard <app pid> -- <opencode> serve ...` (see
//! [`SpawnOptions::guard`](crate::SpawnOptions::guard)), where `<guard>` is the small
//! `opencode-desk-guard` program installed beside the app ([`program_for`]) or, where that is
//! missing, the app's own executable re-run. Either one's `main` calls [`run_if_requested`]
//! first, which becomes the guard when it sees the flag and returns otherwise.
//!
//! Why: OpenCode starts tool commands (a `bash` call, a dev server) in sessions of their own, so
//! the server's process group and parent-death signal miss them. The guard (Linux only) is a
//! *child subreaper*, so every orphaned descendant is re-parented to it rather than to init, and
//! it ends the whole tree, found by walking `/proc` `PPid` links down from itself:
//! - when the app dies (its parent-death signal, or a parent that was gone before it could ask
//!   for one): SIGTERM to every descendant, SIGKILL after [`TREE_GRACE`];
//! - when `opencode` exits: the same for what is left;
//! - on SIGUSR1 from the app (`KILL_NOW`, its "kill" of a hung server): SIGKILL to all at once.
//!
//! SIGTERM, SIGINT and SIGHUP while its parent lives are not forwarded: the app's stop (SIGTERM
//! to the group, SIGKILL after a grace) reaches `opencode` in the guard's group directly, and the
//! parent-death signal also fires when only the app's thread that started the guard ends. It exits with
//! `opencode`'s status (re-raising its signal) once it has no child left.
//!
//! The invariant: the guard never kills a process it did not find below itself, and it takes
//! its signals with `sigwait` (blocked before anything else), so it must run before the program
//! starts any thread: [`run_if_requested`] is the first line of `main`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The hidden flag that makes a program the guard.
pub const GUARD_FLAG: &str = "--opencode-desk-guard";

/// Sent by the app to the guard alone: kill the whole tree now (SIGKILL), then exit.
#[cfg(unix)]
pub(crate) const KILL_NOW: nix::sys::signal::Signal = nix::sys::signal::Signal::SIGUSR1;

/// Between SIGTERM and SIGKILL when the guard ends the tree.
pub const TREE_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// The guard's own program, installed beside the app's executable.
pub const GUARD_PROGRAM: &str = "opencode-desk-guard";

/// The program to run as a server's guard for the app at `app_exe`: the small guard program
/// beside it when it is there, else the app itself re-run. The app's executable maps GTK and
/// WebKit only to wait on signals (measured: ~19 MB PSS per server, most of it relocations and
/// pages no other process of the app touches); the guard program links only what the guard uses.
pub fn program_for(app_exe: &Path) -> PathBuf {
    let small = app_exe.with_file_name(format!("{GUARD_PROGRAM}{}", std::env::consts::EXE_SUFFIX));
    if small.is_file() {
        small
    } else {
        app_exe.to_owned()
    }
}

/// Becomes the guard and never returns when the process was started with [`GUARD_FLAG`];
/// returns at once otherwise. Call it first thing in `main`, before any thread starts.
pub fn run_if_requested() {
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_none_or(|a| a != GUARD_FLAG) {
        return;
    }
    let code = match parse(&args[2..]) {
        Some((parent, command)) => run(parent, command),
        None => {
            eprintln!("usage: {GUARD_FLAG} PARENT_PID -- PROGRAM [ARGS...]");
            2
        }
    };
    std::process::exit(code);
}

/// The arguments the app passes before `opencode`'s own command line.
pub(crate) fn guard_args(parent: u32) -> Vec<OsString> {
    vec![GUARD_FLAG.into(), parent.to_string().into(), "--".into()]
}

/// `PARENT_PID -- PROGRAM [ARGS...]` → the parent's pid and the command.
fn parse(args: &[OsString]) -> Option<(u32, &[OsString])> {
    let parent = args.first()?.to_str()?.parse::<u32>().ok()?;
    if args.get(1)? != "--" || args.len() < 3 {
        return None;
    }
    Some((parent, &args[2..]))
}

#[cfg(target_os = "linux")]
fn run(parent: u32, command: &[OsString]) -> i32 {
    linux::run(parent, command)
}

/// Elsewhere the app never asks for a guard; if one is run anyway it only runs the command.
#[cfg(not(target_os = "linux"))]
fn run(_parent: u32, command: &[OsString]) -> i32 {
    match std::process::Command::new(&command[0])
        .args(&command[1..])
        .status()
    {
        Ok(status) => status.code().unwrap_or(1),
        Err(error) => {
            eprintln!("guard: could not start {:?}: {error}", command[0]);
            127
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::OsString;
    use std::time::Instant;

    use nix::errno::Errno;
    use nix::sys::signal::Signal::{self, SIGCHLD, SIGHUP, SIGINT, SIGTERM};
    use nix::sys::signal::{kill, SigSet};
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    use nix::unistd::{getppid, Pid};

    use super::{KILL_NOW, TREE_GRACE};
    use crate::proc_tree::descendants_of;

    /// Why the guard is ending the tree.
    enum Ending {
        /// `opencode` exited: end what it left, politely.
        ServerExited,
        /// The app is gone: end everything, politely.
        ParentDied,
        /// The app asked: end everything at once.
        KillNow,
    }

    pub(super) fn run(parent: u32, command: &[OsString]) -> i32 {
        let signals = watched_signals();
        // Blocked first, so none of them can end the guard before it handles them; the child
        // gets an empty mask from std's spawn.
        if let Err(error) = signals.thread_block() {
            eprintln!("guard: could not block signals: {error}");
            return 1;
        }
        // The app's binary may have threads before `main` (its libraries start some), and they
        // do not block these signals: the kernel may hand a process-wide signal to one of them,
        // whose default action would end the guard on the spot (seen: the guard gone in 20 ms,
        // the agent's command left to init). Caught there, each goes on to this thread, where
        // it waits, blocked, for `sigwaitinfo`.
        if let Err(error) = redirect_to_main_thread(&signals) {
            eprintln!("guard: {error}");
            return 1;
        }
        if let Err(error) = become_subreaper_of_app(parent) {
            eprintln!("guard: {error}");
            return 1;
        }
        let child = match std::process::Command::new(&command[0])
            .args(&command[1..])
            .spawn()
        {
            Ok(child) => Pid::from_raw(child.id() as i32),
            Err(error) => {
                eprintln!("guard: could not start {:?}: {error}", command[0]);
                return 127;
            }
        };
        let mut status = None;
        let ending = watch(&signals, parent, child, &mut status);
        end_tree(&ending, child, &mut status);
        exit_like(status)
    }

    fn watched_signals() -> SigSet {
        let mut set = SigSet::empty();
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGCHLD] {
            set.add(signal);
        }
        set.add(KILL_NOW);
        set
    }

    /// Orphans below us come to us; the app's death reaches us as SIGTERM. The check after
    /// `PR_SET_PDEATHSIG` covers an app that died before it: then nobody would ever signal us.
    #[allow(unsafe_code)]
    fn become_subreaper_of_app(parent: u32) -> Result<(), String> {
        // SAFETY: prctl(2) with integer arguments only; it touches no memory of ours.
        let subreaper = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
        if subreaper == -1 {
            return Err(format!(
                "could not become a subreaper: {}",
                std::io::Error::last_os_error()
            ));
        }
        // SAFETY: as above.
        let deathsig = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM, 0, 0, 0) };
        if deathsig == -1 {
            return Err(format!(
                "could not ask for a parent-death signal: {}",
                std::io::Error::last_os_error()
            ));
        }
        if !parent_alive(parent) {
            return Err("the app is already gone".to_owned());
        }
        Ok(())
    }

    fn parent_alive(parent: u32) -> bool {
        getppid().as_raw() as u32 == parent
    }

    /// Re-sends a signal caught on any other thread to the main thread (whose id is the pid).
    extern "C" fn to_main_thread(signal: libc::c_int) {
        // SAFETY: getpid and tgkill are async-signal-safe system calls on plain integers.
        #[allow(unsafe_code)]
        unsafe {
            let pid = libc::getpid();
            libc::syscall(libc::SYS_tgkill, pid, pid, signal);
        }
    }

    #[allow(unsafe_code)]
    fn redirect_to_main_thread(signals: &SigSet) -> Result<(), String> {
        use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler};
        let action = SigAction::new(
            SigHandler::Handler(to_main_thread),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        for signal in signals.iter() {
            // SAFETY: the handler only makes async-signal-safe system calls.
            unsafe { sigaction(signal, &action) }
                .map_err(|e| format!("could not route {signal}: {e}"))?;
        }
        Ok(())
    }

    /// Waits for signals until the tree has to go; reaps orphans on the way.
    fn watch(signals: &SigSet, parent: u32, child: Pid, status: &mut Option<WaitStatus>) -> Ending {
        loop {
            let Ok(signal) = signals.wait() else {
                continue;
            };
            match signal {
                SIGCHLD => {
                    reap(child, status);
                    if status.is_some() {
                        return Ending::ServerExited;
                    }
                }
                KILL_NOW => return Ending::KillNow,
                _ if !parent_alive(parent) => return Ending::ParentDied,
                // The app alive: not forwarded. What the app sends goes to the whole process
                // group, `opencode` included, which acts on it itself; and the parent-death
                // signal also fires when merely the app's *thread* that started us ends, which
                // must not stop the server.
                _ => {}
            }
        }
    }

    /// Reaps every child that has ended; keeps `opencode`'s status.
    fn reap(child: Pid, status: &mut Option<WaitStatus>) -> bool {
        let mut any_left = true;
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) => break,
                Ok(ended) => {
                    if ended.pid() == Some(child) {
                        *status = Some(ended);
                    }
                }
                Err(Errno::EINTR) => {}
                Err(_) => {
                    any_left = false;
                    break;
                }
            }
        }
        any_left
    }

    /// Signals every descendant until none is left and every child is reaped: SIGTERM first
    /// (unless told to kill now), SIGKILL once [`TREE_GRACE`] has passed.
    fn end_tree(ending: &Ending, child: Pid, status: &mut Option<WaitStatus>) {
        let me = std::process::id();
        let started = Instant::now();
        let mut forceful = matches!(ending, Ending::KillNow);
        let mut termed = false;
        // A process stuck in the kernel can ignore even SIGKILL for a while; do not wait forever.
        let give_up = TREE_GRACE * 10;
        loop {
            let children_left = reap(child, status);
            let tree = descendants_of(me);
            if tree.is_empty() && !children_left {
                return;
            }
            if !forceful && started.elapsed() >= TREE_GRACE {
                forceful = true;
            }
            if forceful || !termed {
                let signal = if forceful {
                    Signal::SIGKILL
                } else {
                    Signal::SIGTERM
                };
                for pid in &tree {
                    let _ = kill(Pid::from_raw(*pid as i32), signal);
                }
                termed = true;
            }
            if started.elapsed() >= give_up {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// `opencode`'s own way out: its exit code, or its signal raised on ourselves.
    fn exit_like(status: Option<WaitStatus>) -> i32 {
        match status {
            Some(WaitStatus::Exited(_, code)) => code,
            Some(WaitStatus::Signaled(_, signal, _)) => {
                // Default action, unblocked: the guard dies as opencode did.
                // SAFETY: resetting a disposition to SIG_DFL installs no handler of ours.
                #[allow(unsafe_code)]
                unsafe {
                    let _ = nix::sys::signal::signal(signal, nix::sys::signal::SigHandler::SigDfl);
                }
                let mut only = SigSet::empty();
                only.add(signal);
                let _ = only.thread_unblock();
                let _ = nix::sys::signal::raise(signal);
                128 + signal as i32
            }
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_guard_arguments_read_back_as_parent_and_command() {
        let mut args = guard_args(42);
        args.extend(os(&["/bin/opencode", "serve", "--port", "0"]));
        assert_eq!(args[0], GUARD_FLAG);
        let (parent, command) = parse(&args[1..]).expect("well formed");
        assert_eq!(parent, 42);
        assert_eq!(command, os(&["/bin/opencode", "serve", "--port", "0"]));
    }

    #[test]
    fn the_guard_program_beside_the_app_is_preferred_to_the_app_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = dir.path().join("opencode-desk");
        assert_eq!(
            program_for(&app),
            app,
            "no guard program: the app re-runs itself"
        );
        let small = dir
            .path()
            .join(format!("{GUARD_PROGRAM}{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&small, b"").expect("write");
        assert_eq!(program_for(&app), small);
    }

    #[test]
    fn a_malformed_guard_command_line_is_refused() {
        assert!(parse(&os(&["x", "--", "opencode"])).is_none());
        assert!(parse(&os(&["42", "opencode"])).is_none());
        assert!(parse(&os(&["42", "--"])).is_none());
    }
}
