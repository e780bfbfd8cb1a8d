//! Linux: running `opencode` processes from `/proc/<pid>/cmdline`, and the TCP ports they listen
//! on, by matching the socket inodes of `/proc/<pid>/fd/*` with the LISTEN rows of
//! `/proc/net/tcp` and `/proc/net/tcp6`; and who owns the listener on a port, from the same
//! rows' `uid` column (readable for every user's sockets, where another user's `fd` links are
//! not), compared with our effective uid from `/proc/self/status`.
//!
//! Best effort by design: a process that ends while we read it, or whose fds we may not read
//! (another user's), is listed with what we could see, never an error.

use std::collections::HashMap;
use std::path::Path;

use super::{Owner, RunningProcess};

/// The state code of a listening socket in `/proc/net/tcp`.
const TCP_LISTEN: &str = "0A";

/// Running processes whose command line `keep` accepts, with the ports they listen on.
pub(super) fn opencode_processes(keep: fn(&[String]) -> bool) -> Vec<RunningProcess> {
    let listening = listening_sockets();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found: Vec<RunningProcess> = entries
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let command_line = read_cmdline(&entry.path())?;
            if !keep(&command_line) {
                return None;
            }
            Some(RunningProcess {
                pid,
                command_line,
                cwd: std::fs::read_link(entry.path().join("cwd")).ok(),
                ports: ports_of(&entry.path(), &listening),
            })
        })
        .collect();
    found.sort_by_key(|p| p.pid);
    found
}

fn read_cmdline(proc_dir: &Path) -> Option<Vec<String>> {
    let raw = std::fs::read(proc_dir.join("cmdline")).ok()?;
    let args: Vec<String> = raw
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    (!args.is_empty()).then_some(args)
}

/// One LISTEN row of `/proc/net/tcp` or `/proc/net/tcp6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Listener {
    pub inode: u64,
    pub port: u16,
    /// Who opened the socket.
    pub uid: u32,
}

fn listeners() -> Vec<Listener> {
    ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .flat_map(|table| parse_listening(&table))
        .collect()
}

/// Socket inode → port, for every listening TCP socket (v4 and v6).
fn listening_sockets() -> HashMap<u64, u16> {
    listeners().iter().map(|l| (l.inode, l.port)).collect()
}

/// Each LISTEN row of a `/proc/net/tcp`-style table.
pub(super) fn parse_listening(table: &str) -> Vec<Listener> {
    table
        .lines()
        .skip(1)
        .filter_map(|row| {
            let fields: Vec<&str> = row.split_whitespace().collect();
            if fields.get(3) != Some(&TCP_LISTEN) {
                return None;
            }
            let port_hex = fields.get(1)?.rsplit_once(':')?.1;
            Some(Listener {
                port: u16::from_str_radix(port_hex, 16).ok()?,
                uid: fields.get(7)?.parse().ok()?,
                inode: fields.get(9)?.parse().ok()?,
            })
        })
        .collect()
}

pub(super) fn owner_of_port(port: u16) -> Owner {
    owner_among(&listeners(), port, our_uid())
}

/// Every listener on `port` counts, whatever address it is bound to: one of another user's is
/// enough to say so (asking the user is the safe side); all of them ours is `SameUser`.
pub(super) fn owner_among(listeners: &[Listener], port: u16, ours: Option<u32>) -> Owner {
    let Some(ours) = ours else {
        return Owner::Unknown;
    };
    let mut on_port = listeners.iter().filter(|l| l.port == port).peekable();
    if on_port.peek().is_none() {
        return Owner::Unknown;
    }
    match on_port.find(|l| l.uid != ours) {
        Some(other) => Owner::OtherUser(other.uid),
        None => Owner::SameUser,
    }
}

/// Our effective uid: the second number of the `Uid:` line of `/proc/self/status`.
fn our_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("Uid:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ports_of(proc_dir: &Path, listening: &HashMap<u64, u16>) -> Vec<u16> {
    let Ok(fds) = std::fs::read_dir(proc_dir.join("fd")) else {
        return Vec::new();
    };
    let mut ports: Vec<u16> = fds
        .flatten()
        .filter_map(|fd| {
            let target = std::fs::read_link(fd.path()).ok()?;
            let inode = target
                .to_str()?
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse::<u64>()
                .ok()?;
            listening.get(&inode).copied()
        })
        .collect();
    ports.sort_unstable();
    ports.dedup();
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_rows_give_inode_and_port() {
        let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
           0: 0100007F:1000 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0 100 0 0 10 0\n\
           1: 0100007F:A1B2 0100007F:1000 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0 20 4 30 10 -1\n";
        let listener = Listener {
            inode: 4242,
            port: 4096,
            uid: 1000,
        };
        assert_eq!(parse_listening(table), [listener]);
    }

    #[test]
    fn a_port_is_ours_only_when_every_listener_on_it_is_ours() {
        let at = |port, uid| Listener {
            inode: 1,
            port,
            uid,
        };
        let table = [at(4096, 1000), at(4096, 1000), at(5000, 0)];
        assert_eq!(owner_among(&table, 4096, Some(1000)), Owner::SameUser);
        assert_eq!(owner_among(&table, 5000, Some(1000)), Owner::OtherUser(0));
        assert_eq!(owner_among(&table, 6000, Some(1000)), Owner::Unknown);
        assert_eq!(owner_among(&table, 4096, None), Owner::Unknown);
        let mixed = [at(4096, 1000), at(4096, 1001)];
        assert_eq!(
            owner_among(&mixed, 4096, Some(1000)),
            Owner::OtherUser(1001)
        );
    }

    #[test]
    fn our_own_listener_is_ours() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        assert_eq!(owner_of_port(port), Owner::SameUser);
    }

    #[test]
    fn our_own_listening_socket_is_found_through_our_fds() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let ports = ports_of(Path::new("/proc/self"), &listening_sockets());
        assert!(ports.contains(&port), "{ports:?} lacks {port}");
    }
}
