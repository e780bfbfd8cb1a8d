//! [`IsolatedWorld`]: the throwaway HOME and git project a [`TestServer`](crate::TestServer)
//! uses, for tests that start `opencode` themselves (the supervisor's). It adds no behaviour to
//! `project::World`; it only makes it public with a small API.

use std::ffi::OsString;
use std::path::Path;

use serde_json::{json, Value};

use crate::project::{project_config, World};
use crate::TestkitError;

/// A temp HOME (with every XDG dir inside it) and a committed temp git project, deleted on drop.
pub struct IsolatedWorld {
    world: World,
}

impl IsolatedWorld {
    /// A world whose project `opencode.json` holds quiet defaults plus `config` (no model).
    pub fn create(config: Option<Value>) -> Result<IsolatedWorld, TestkitError> {
        let config = project_config(&json!({}), config.as_ref());
        Ok(IsolatedWorld {
            world: World::create(&config)?,
        })
    }

    /// The git project (canonical path).
    pub fn project_dir(&self) -> &Path {
        &self.world.project
    }

    pub fn home_dir(&self) -> &Path {
        &self.world.home
    }

    /// Variables a server needs to live entirely inside this world (`HOME`, `XDG_*`, `TMPDIR`,
    /// OpenCode's quiet flags, no proxy for loopback). Apply them over the inherited environment.
    pub fn env(&self) -> Vec<(OsString, OsString)> {
        self.world.env()
    }
}

impl std::fmt::Debug for IsolatedWorld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IsolatedWorld")
            .field("home", &self.world.home)
            .field("project", &self.world.project)
            .finish()
    }
}
