//! The supervisor against the real `opencode` binary (from the workspace's npm install), each
//! test with its own temp HOME and git project. One binary, one module per area.

#![cfg(target_os = "linux")]

mod attach;
mod discovery;
mod failures;
mod keychain;
mod mdns;
mod orphans;
mod restarts;
mod spawning;
mod support;
