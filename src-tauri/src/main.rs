// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Re-run as a server's guard, it never returns (see opencode_supervisor::guard); it has to
    // come before anything starts a thread.
    opencode_supervisor::guard::run_if_requested();
    opencode_desk_lib::run();
}
