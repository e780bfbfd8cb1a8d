//! Integration tests of the client against the real `opencode serve` (pinned 1.18.33), each with
//! its own server, home and project from `testkit`, and a scripted fake model. One test binary,
//! one module per area, sharing `support`.

mod support;

mod auth;
mod catalog;
mod commands;
mod config;
mod conformance;
mod faults;
mod files;
mod hub;
mod mcp;
mod permissions;
mod prompts;
mod reconnect;
mod sessions;
mod stream_faults;
mod terminals;
