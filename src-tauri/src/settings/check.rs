//! The rules a `Settings` value must meet, applied to a loaded file and to what the UI sends.
//!
//! `repair` normalizes silently (trimmed text, empty optional text as `None`, recent projects
//! deduplicated and capped, ports deduplicated, missing server ids and names filled in) and resets
//! each invalid value to its default with a `FieldProblem`: an unusable server address drops that
//! server, port 0 drops that port, an empty shortcut becomes the default. The store reports the
//! problems of a loaded file and refuses an update that has any.
//!
//! A server address is checked by the client's own rules (`opencode_client::ClientBuilder`), so a
//! saved server is always one the app can try to reach, and an address with credentials in it
//! (a password!) is never saved.

use super::{RemoteServer, Settings, DEFAULT_QUICK_PROMPT_SHORTCUT, RECENT_PROJECTS_CAP};
use std::collections::HashSet;

/// One value that was invalid and was reset or dropped: `field` names it as a path
/// (`servers[1].url`), `reason` says why in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        FieldProblem {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// Normalizes `settings` and resets each invalid value, saying which in the problems.
pub fn repair(mut settings: Settings) -> (Settings, Vec<FieldProblem>) {
    let mut problems = Vec::new();
    settings.binary_path = non_empty(settings.binary_path);
    settings.default_project = non_empty(settings.default_project);
    let recent = std::mem::take(&mut settings.recent_projects);
    for dir in recent.iter().rev() {
        settings.remember_project(dir);
    }
    settings.recent_projects.truncate(RECENT_PROJECTS_CAP);
    let mut seen_ports = HashSet::new();
    let ports = std::mem::take(&mut settings.extra_ports);
    for (index, port) in ports.into_iter().enumerate() {
        if port == 0 {
            let problem = "0 is not a port a server can listen on";
            problems.push(FieldProblem::new(format!("extra_ports[{index}]"), problem));
        } else if seen_ports.insert(port) {
            settings.extra_ports.push(port);
        }
    }
    settings.quick_prompt_shortcut = settings.quick_prompt_shortcut.trim().to_string();
    if settings.quick_prompt_shortcut.is_empty() {
        let problem = format!("no shortcut given; {DEFAULT_QUICK_PROMPT_SHORTCUT} is used");
        problems.push(FieldProblem::new("quick_prompt_shortcut", problem));
        settings.quick_prompt_shortcut = DEFAULT_QUICK_PROMPT_SHORTCUT.to_string();
    }
    settings.servers = repair_servers(std::mem::take(&mut settings.servers), &mut problems);
    (settings, problems)
}

fn repair_servers(
    servers: Vec<RemoteServer>,
    problems: &mut Vec<FieldProblem>,
) -> Vec<RemoteServer> {
    let mut kept: Vec<RemoteServer> = Vec::new();
    for (index, server) in servers.into_iter().enumerate() {
        let url = server.url.trim().to_string();
        if let Err(reason) = check_url(&url) {
            problems.push(FieldProblem::new(format!("servers[{index}].url"), reason));
            continue;
        }
        let id = server.id.trim().to_string();
        if !id.is_empty() && kept.iter().any(|s| s.id == id) {
            let problem = format!("another server already has the id {id:?}");
            problems.push(FieldProblem::new(format!("servers[{index}].id"), problem));
            continue;
        }
        let name = server.name.trim().to_string();
        kept.push(RemoteServer {
            id,
            name: if name.is_empty() { url.clone() } else { name },
            url,
            username: non_empty(server.username),
        });
    }
    // Ids are filled in after the loop so that a given id always wins over a generated one.
    for index in 0..kept.len() {
        if kept[index].id.is_empty() {
            let id = (1..)
                .map(|n| format!("server-{n}"))
                .find(|id| kept.iter().all(|s| &s.id != id))
                .unwrap_or_default();
            kept[index].id = id;
        }
    }
    kept
}

/// Whether the client would accept `url`; the reason never repeats the address, which could
/// hold a password.
fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("no address given".into());
    }
    match opencode_client::Client::builder(url).build() {
        Ok(_) => Ok(()),
        Err(opencode_client::Error::InvalidUrl { reason, .. }) => Err(reason),
        Err(other) => Err(other.to_string()),
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(id: &str, url: &str) -> RemoteServer {
        RemoteServer {
            id: id.into(),
            url: url.into(),
            ..RemoteServer::default()
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn valid_settings_pass_unchanged() {
        let settings = Settings {
            servers: vec![RemoteServer {
                name: "Work".into(),
                username: Some("me".into()),
                ..server("work", "https://opencode.example.com:4096")
            }],
            extra_ports: vec![4096],
            ..Settings::default()
        };
        assert_eq!(repair(settings.clone()), (settings, vec![]));
    }

    #[test]
    fn invalid_values_are_reset_one_by_one() {
        let settings = Settings {
            servers: vec![
                server("a", "ftp://a"),
                server("b", "not an address"),
                server("c", "http://c:1"),
            ],
            extra_ports: vec![0, 4096],
            quick_prompt_shortcut: "  ".into(),
            mdns_discovery: true,
            ..Settings::default()
        };
        let (repaired, problems) = repair(settings);
        assert_eq!(
            fields(&problems),
            [
                "extra_ports[0]",
                "quick_prompt_shortcut",
                "servers[0].url",
                "servers[1].url"
            ]
        );
        assert_eq!(repaired.servers.len(), 1);
        assert_eq!(repaired.servers[0].id, "c");
        assert_eq!(repaired.extra_ports, [4096]);
        assert_eq!(
            repaired.quick_prompt_shortcut,
            DEFAULT_QUICK_PROMPT_SHORTCUT
        );
        assert!(repaired.mdns_discovery, "valid fields are untouched");
    }

    #[test]
    fn an_address_with_a_password_in_it_is_refused_without_repeating_it() {
        let (repaired, problems) = repair(Settings {
            servers: vec![server("a", "http://me:hunter2@host:4096")],
            ..Settings::default()
        });
        assert!(repaired.servers.is_empty());
        assert_eq!(fields(&problems), ["servers[0].url"]);
        assert!(
            !problems[0].to_string().contains("hunter2"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn servers_get_ids_and_names_and_duplicate_ids_are_dropped() {
        let (repaired, problems) = repair(Settings {
            servers: vec![
                server("", " http://x:1 "),
                server("server-1", "http://y:2"),
                server("server-1", "http://z:3"),
            ],
            ..Settings::default()
        });
        assert_eq!(fields(&problems), ["servers[2].id"]);
        let ids: Vec<_> = repaired.servers.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            ["server-2", "server-1"],
            "a given id wins over a generated one"
        );
        assert_eq!(repaired.servers[0].name, "http://x:1");
        assert_eq!(repaired.servers[0].url, "http://x:1");
    }

    #[test]
    fn empty_text_becomes_none_and_recent_projects_are_deduplicated_and_capped() {
        let mut recent: Vec<String> = (0..12).map(|n| format!("/p{n}")).collect();
        recent.insert(1, "/p0".into());
        recent.insert(2, " ".into());
        let (repaired, problems) = repair(Settings {
            binary_path: Some(" ".into()),
            default_project: Some(" /work ".into()),
            recent_projects: recent,
            ..Settings::default()
        });
        assert_eq!(problems, vec![]);
        assert_eq!(repaired.binary_path, None);
        assert_eq!(repaired.default_project.as_deref(), Some("/work"));
        let expected: Vec<String> = (0..10).map(|n| format!("/p{n}")).collect();
        assert_eq!(
            repaired.recent_projects, expected,
            "order kept, first mention wins"
        );
    }

    #[test]
    fn remembering_a_project_moves_it_first_and_keeps_the_cap() {
        let mut settings = Settings::default();
        for n in 0..12 {
            settings.remember_project(&format!("/p{n}"));
        }
        settings.remember_project("/p5");
        settings.remember_project("");
        assert_eq!(settings.recent_projects.len(), RECENT_PROJECTS_CAP);
        assert_eq!(settings.recent_projects[0], "/p5");
        assert_eq!(settings.recent_projects[1], "/p11");
        assert_eq!(
            settings
                .recent_projects
                .iter()
                .filter(|p| *p == "/p5")
                .count(),
            1
        );
        assert!(
            !settings.recent_projects.contains(&"/p0".to_string()),
            "oldest dropped"
        );
    }
}
