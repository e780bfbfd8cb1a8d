//! Typed commands, one file per area. Commands are adapters: typed arguments in, a call into a
//! core crate, a typed result or `CommandError` out. They are listed once, in `ipc.rs`.

pub mod app;
pub mod catalog;
pub mod events;
pub mod files;
pub mod inbox;
pub mod mcp;
pub mod model_prefs;
pub mod offline;
pub mod opencode_config;
pub mod permissions;
pub mod projects;
pub mod providers;
pub mod pty;
pub mod rules;
pub mod servers;
pub mod sessions;
pub mod settings;
pub mod terminals;
pub mod usage;

#[cfg(test)]
mod acl_tests;
#[cfg(test)]
mod ipc_test_support;
#[cfg(test)]
mod mock_runtime_tests;
