//! The servers' guard as a program of its own (`opencode_supervisor::guard`): the app starts
//! each OpenCode server under it, and it ends everything the server started when the app goes.
//! The app's own executable can do the same job (its `main` calls the same function), but it
//! maps all of GTK and WebKit to wait on signals; this one links only what the guard uses.
//! It sits in the app's package so every bundle installs it beside the app.

fn main() {
    opencode_supervisor::guard::run_if_requested();
    eprintln!(
        "{} is started by OpenCode Desk for each OpenCode server it runs, as `{} {} PARENT_PID -- PROGRAM [ARGS...]`",
        opencode_supervisor::guard::GUARD_PROGRAM,
        opencode_supervisor::guard::GUARD_PROGRAM,
        opencode_supervisor::guard::GUARD_FLAG,
    );
    std::process::exit(2);
}
