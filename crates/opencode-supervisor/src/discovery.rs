//! Finding OpenCode servers that already run: probing loopback ports with `GET /global/health`
//! (short timeouts, all at once), listing running `opencode` processes with the ports they
//! listen on (Linux, from `/proc`; see `procfs`), and, only when the user turns it on, servers
//! announced on the local network (`mdns`).
//!
//! An unsecured server on loopback carries its [`Owner`] (the uid of the listening socket), so
//! the app attaches silently only to its own user's; a server that answers like OpenCode 2 is
//! [`Probe::Unsupported`] with a sentence saying so (`opencode2`).
//!
//! It only looks; attaching is the supervisor's job. The invariant: a server that answers 401
//! is reported as [`Probe::NeedsPassword`], never dropped, because that is exactly the secured
//! server a user wants to attach to.

use std::path::PathBuf;
use std::time::Duration;

use crate::credentials::Credentials;
use crate::error::Error;

mod mdns;
mod opencode2;
#[cfg(target_os = "linux")]
mod procfs;

pub use mdns::{
    browse_mdns, AnnouncedServer, DEFAULT_MDNS_DOMAIN, MDNS_INSTANCE_PREFIX, MDNS_SERVICE_TYPE,
};

/// The port `opencode serve` and the TUI use when not told otherwise.
pub const DEFAULT_PORT: u16 = 4096;

/// What a health probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// Answered 200 without credentials: an unsecured server. Attach to it without asking only
    /// when `owner` is [`Owner::SameUser`]: anyone else's unsecured server would run our
    /// prompts, and its tools, as them.
    Open { version: String, owner: Owner },
    /// Answered 401: a secured server; attach with its password.
    NeedsPassword,
    /// An HTTP server that is not an OpenCode this app can use; `message` says what it is.
    Unsupported { message: String },
}

/// Who runs the server listening on a loopback port, as far as this machine tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The user running this app.
    SameUser,
    /// Another user, by uid.
    OtherUser(u32),
    /// Not on loopback, not Linux, or the listener could not be found.
    Unknown,
}

/// A server that answered on loopback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredServer {
    pub url: String,
    pub port: u16,
    pub probe: Probe,
    /// The local `opencode` process listening on that port, when the OS tells.
    pub process: Option<RunningProcess>,
}

/// A running `opencode` process (a server, or a TUI started with a port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningProcess {
    pub pid: u32,
    pub command_line: Vec<String>,
    /// Its working directory: usually the project it serves.
    pub cwd: Option<PathBuf>,
    /// TCP ports it listens on.
    pub ports: Vec<u16>,
}

/// Everything found: servers that answered, and the processes seen (some may not answer yet).
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub servers: Vec<DiscoveredServer>,
    pub processes: Vec<RunningProcess>,
}

/// Probes 4096, `ports`, and the ports of every running `opencode` process, in parallel.
pub async fn discover(ports: &[u16], timeout: Duration) -> Discovery {
    let processes = running_processes();
    let mut all: Vec<u16> = ports.to_vec();
    all.extend(processes.iter().flat_map(|p| p.ports.iter().copied()));
    let mut servers = probe_ports(&all, timeout).await;
    for server in &mut servers {
        server.process = processes
            .iter()
            .find(|p| p.ports.contains(&server.port))
            .cloned();
    }
    Discovery { servers, processes }
}

/// Probes `127.0.0.1` on 4096 and `ports` at once; returns the ones that answered as OpenCode
/// (200 with a health body, or 401), sorted by port.
pub async fn probe_ports(ports: &[u16], timeout: Duration) -> Vec<DiscoveredServer> {
    let mut ports: Vec<u16> = std::iter::once(DEFAULT_PORT)
        .chain(ports.iter().copied())
        .filter(|p| *p != 0)
        .collect();
    ports.sort_unstable();
    ports.dedup();
    let probes = ports.iter().map(|&port| async move {
        let url = format!("http://127.0.0.1:{port}");
        let probe = probe(&url, &Credentials::default(), timeout).await.ok()?;
        Some(DiscoveredServer {
            url,
            port,
            probe,
            process: None,
        })
    });
    futures_util::future::join_all(probes)
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// One health check of `url` with `credentials`: `Open` on 200 (with who runs it, for a
/// loopback URL), `NeedsPassword` on 401, `Unsupported` for an OpenCode 2 server.
pub async fn probe(
    url: &str,
    credentials: &Credentials,
    timeout: Duration,
) -> Result<Probe, Error> {
    use opencode_client::Error as ClientError;
    let client = credentials
        .client(url, timeout)
        .map_err(|e| Error::from_client(e, url))?;
    let base = client.base_url();
    let loopback_port = match base.host_str() {
        Some("127.0.0.1" | "localhost" | "[::1]") => base.port_or_known_default(),
        _ => None,
    };
    match client.health().await {
        Ok(health) => Ok(Probe::Open {
            version: health.version,
            owner: loopback_port.map_or(Owner::Unknown, owner_of_port),
        }),
        Err(ClientError::Unauthorized { .. }) => Ok(Probe::NeedsPassword),
        // It speaks HTTP, but not OpenCode 1's health: perhaps OpenCode 2.
        Err(
            error @ (ClientError::NotFound { .. }
            | ClientError::Decode { .. }
            | ClientError::Api { .. }
            | ClientError::BadRequest { .. }),
        ) => {
            let (host, port) = (
                base.host_str().unwrap_or_default(),
                base.port_or_known_default(),
            );
            let is_v2 = match port {
                Some(port) if base.scheme() == "http" => {
                    opencode2::answers_api_health(host, port, base.path(), timeout).await
                }
                _ => false,
            };
            if is_v2 {
                let url = url.trim_end_matches('/');
                return Ok(Probe::Unsupported {
                    message: opencode2::message(url),
                });
            }
            Err(Error::from_client(error, url))
        }
        Err(error) => Err(Error::from_client(error, url)),
    }
}

/// Who runs the listener on a loopback `port` (Linux; elsewhere unknown).
pub fn owner_of_port(port: u16) -> Owner {
    #[cfg(target_os = "linux")]
    {
        procfs::owner_of_port(port)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = port;
        Owner::Unknown
    }
}

/// Running `opencode` processes whose command line says `serve` or gives a `--port`, with the
/// ports they listen on. Linux only for now; elsewhere an empty list.
pub fn running_processes() -> Vec<RunningProcess> {
    #[cfg(target_os = "linux")]
    {
        procfs::opencode_processes(is_opencode_server)
    }
    #[cfg(not(target_os = "linux"))]
    {
        Vec::new()
    }
}

/// Running OpenCode terminal UIs: `opencode [project]` (reachable only when started with a
/// `--port`) and `opencode attach <url>` (driven through the server it is attached to).
/// Linux only for now; elsewhere an empty list.
pub fn running_terminal_uis() -> Vec<RunningProcess> {
    #[cfg(target_os = "linux")]
    {
        procfs::opencode_processes(|line| role_of(line).is_some_and(|r| r != Role::Server))
    }
    #[cfg(not(target_os = "linux"))]
    {
        Vec::new()
    }
}

/// What an `opencode` process is, from its command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// `opencode serve` or `opencode web`: a headless server.
    Server,
    /// The terminal UI with its own server inside: `opencode [project]`. It serves the API only
    /// when started with `--port` (without one it listens nowhere; `--port 0`: on a free port,
    /// found among the ports it listens on).
    Tui {
        port: Option<u16>,
        /// The project given on its command line, as written (relative to its cwd).
        project: Option<String>,
    },
    /// `opencode attach <url>`: a terminal UI on another server, which `/tui/*` calls to that
    /// server reach.
    Attached {
        url: String,
        /// Its `--dir`, when given.
        dir: Option<String>,
    },
}

/// The subcommands that are neither the TUI nor a server (`opencode run`, `opencode models`...).
const OTHER_SUBCOMMANDS: &[&str] = &[
    "completion",
    "acp",
    "mcp",
    "run",
    "debug",
    "providers",
    "auth",
    "agent",
    "upgrade",
    "uninstall",
    "models",
    "stats",
    "export",
    "import",
    "github",
    "pr",
    "session",
    "plugin",
    "plug",
    "db",
];

/// Options of the TUI and `attach` that take a value in the next word.
const OPTIONS_WITH_VALUE: &[&str] = &[
    "--port",
    "--hostname",
    "--log-level",
    "--mdns-domain",
    "--cors",
    "-m",
    "--model",
    "-s",
    "--session",
    "--prompt",
    "--agent",
    "--dir",
    "-p",
    "--password",
    "-u",
    "--username",
    "--replay-limit",
];

/// The role of an `opencode` command line; `None` for another program or a one-shot
/// subcommand.
pub fn role_of(command_line: &[String]) -> Option<Role> {
    let program = command_line.first()?;
    let name = std::path::Path::new(program).file_name()?.to_string_lossy();
    if name != "opencode" && name != "opencode.exe" {
        return None;
    }
    let mut positional = Vec::new();
    let mut options: Vec<(&str, Option<&str>)> = Vec::new();
    let mut words = command_line[1..].iter();
    while let Some(word) = words.next() {
        if let Some((option, value)) = word.split_once('=').filter(|_| word.starts_with('-')) {
            options.push((option, Some(value)));
        } else if OPTIONS_WITH_VALUE.contains(&word.as_str()) {
            options.push((word, words.next().map(String::as_str)));
        } else if word.starts_with('-') {
            options.push((word, None));
        } else {
            positional.push(word.as_str());
        }
    }
    let option = |names: &[&str]| {
        options
            .iter()
            .find(|(o, _)| names.contains(o))
            .and_then(|(_, v)| v.map(String::from))
    };
    match positional.first().copied() {
        Some("serve" | "web") => Some(Role::Server),
        Some("attach") => Some(Role::Attached {
            url: positional.get(1)?.to_string(),
            dir: option(&["--dir"]),
        }),
        Some(sub) if OTHER_SUBCOMMANDS.contains(&sub) => None,
        project => Some(Role::Tui {
            port: option(&["--port"]).and_then(|p| p.parse().ok()),
            project: project.map(String::from),
        }),
    }
}

/// Whether a command line is an OpenCode server (or a TUI serving on a port).
pub(crate) fn is_opencode_server(command_line: &[String]) -> bool {
    matches!(
        role_of(command_line),
        Some(Role::Server | Role::Tui { port: Some(_), .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn roles_are_read_from_the_command_line() {
        assert_eq!(
            role_of(&words("/x/opencode serve --port 0")),
            Some(Role::Server)
        );
        assert_eq!(
            role_of(&words("opencode --port 4555 /tmp/proj")),
            Some(Role::Tui {
                port: Some(4555),
                project: Some("/tmp/proj".into())
            })
        );
        assert_eq!(
            role_of(&words("opencode -m fake/m --port=5000")),
            Some(Role::Tui {
                port: Some(5000),
                project: None
            })
        );
        assert_eq!(
            role_of(&words("opencode")),
            Some(Role::Tui {
                port: None,
                project: None
            })
        );
        assert_eq!(
            role_of(&words("opencode attach http://127.0.0.1:4096 --dir /p")),
            Some(Role::Attached {
                url: "http://127.0.0.1:4096".into(),
                dir: Some("/p".into())
            })
        );
        assert_eq!(role_of(&words("opencode run hello")), None);
        assert_eq!(role_of(&words("opencode attach")), None);
        assert_eq!(role_of(&words("node opencode")), None);
    }

    #[test]
    fn servers_and_tuis_with_a_port_are_recognised() {
        assert!(is_opencode_server(&words("/usr/bin/opencode serve")));
        assert!(is_opencode_server(&words("opencode --port 4096")));
        assert!(is_opencode_server(&words("opencode --port=5000 .")));
        assert!(!is_opencode_server(&words("opencode")));
        assert!(!is_opencode_server(&words("/usr/bin/vim serve")));
        assert!(!is_opencode_server(&[]));
    }

    #[tokio::test]
    async fn a_port_nobody_listens_on_is_not_listed() {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = free.local_addr().unwrap().port();
        drop(free);
        let found = probe_ports(&[port], Duration::from_millis(300)).await;
        assert!(found.iter().all(|s| s.port != port), "{found:?}");
    }
}
