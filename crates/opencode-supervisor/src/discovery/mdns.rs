//! Servers that announce themselves on the local network: `opencode serve --mdns`.
//!
//! What OpenCode 1.18 announces (read in its source, `packages/opencode/src/server/mdns.ts`, and
//! seen on the wire from the real binary): a DNS-SD service of the plain type `_http._tcp.local.`
//! named `opencode-<port>`, on the host `opencode.local` (or `--mdns-domain`), TXT `path=/`. So we
//! browse `_http._tcp` and keep only instances named `opencode-<digits>`; any other web server on
//! the network is ignored. OpenCode skips the announcement when it listens on loopback only, so a
//! server found here listens on the network (with `--mdns` and no `--hostname`, on 0.0.0.0).
//!
//! Off by default: browsing sends multicast queries on every interface, which a user should ask
//! for. The app calls [`browse_mdns`] only when the user turns mDNS discovery on. This module only
//! lists what was announced; whether a server answers, and whether it wants a password, is
//! [`probe`](super::probe)'s job. The invariant: the mDNS daemon (a thread of its own) is shut
//! down before `browse_mdns` returns, so browsing leaves nothing running.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Duration;

use mdns_sd::{ServiceDaemon, ServiceEvent};

use crate::error::{Error, Result};

/// The DNS-SD service type OpenCode announces (bonjour-service's `type: "http"`).
pub const MDNS_SERVICE_TYPE: &str = "_http._tcp.local.";
/// OpenCode names its instance `opencode-<port>`.
pub const MDNS_INSTANCE_PREFIX: &str = "opencode-";
/// The host name OpenCode announces unless `--mdns-domain` says otherwise.
pub const DEFAULT_MDNS_DOMAIN: &str = "opencode.local";

/// An OpenCode server announced on the local network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedServer {
    /// The instance name, `opencode-<port>`.
    pub name: String,
    /// The announced host, `opencode.local` unless the server was given `--mdns-domain`. Every
    /// OpenCode server uses the same one, so connect by address, not by this name.
    pub host: String,
    pub port: u16,
    /// The announced addresses: IPv4 first, link-local IPv6 last.
    pub addresses: Vec<IpAddr>,
    /// `http://ADDRESS:PORT` with the first address that needs no interface scope.
    pub url: String,
}

/// Browses the local network for `timeout` (mDNS has no "that is all": 1 to 3 s is usual) and
/// returns the OpenCode servers that announced themselves, sorted by name. Call it only when the
/// user turned mDNS discovery on. Fails only when no mDNS socket can be opened.
pub async fn browse_mdns(timeout: Duration) -> Result<Vec<AnnouncedServer>> {
    let daemon = ServiceDaemon::new().map_err(mdns_error)?;
    let found = match daemon.browse(MDNS_SERVICE_TYPE) {
        Ok(events) => collect(events, timeout).await,
        Err(error) => Err(mdns_error(error)),
    };
    // Shutting down joins nothing; the daemon thread ends on its own right after.
    if let Err(error) = daemon.shutdown() {
        tracing::debug!(%error, "mDNS daemon shutdown");
    }
    found
}

async fn collect(
    events: mdns_sd::Receiver<ServiceEvent>,
    timeout: Duration,
) -> Result<Vec<AnnouncedServer>> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut found = BTreeMap::new();
    while let Ok(event) = tokio::time::timeout_at(deadline, events.recv_async()).await {
        match event {
            Ok(ServiceEvent::ServiceResolved(service)) => {
                let addresses = service.get_addresses().iter().map(|ip| ip.to_ip_addr());
                if let Some(server) =
                    announced(&service.fullname, &service.host, service.port, addresses)
                {
                    tracing::debug!(name = %server.name, url = %server.url, "mDNS: OpenCode found");
                    found.insert(service.fullname.clone(), server);
                }
            }
            Ok(ServiceEvent::ServiceRemoved(_, fullname)) => {
                found.remove(&fullname);
            }
            Ok(_) => {}
            // The daemon went away (it cannot, while we hold it): what we have is the answer.
            Err(_) => break,
        }
    }
    Ok(found.into_values().collect())
}

/// A resolved `_http._tcp` record as an [`AnnouncedServer`], or `None` when it is not an
/// OpenCode server (another name) or gives no usable address.
pub(crate) fn announced(
    fullname: &str,
    host: &str,
    port: u16,
    addresses: impl IntoIterator<Item = IpAddr>,
) -> Option<AnnouncedServer> {
    let name = fullname
        .strip_suffix(MDNS_SERVICE_TYPE)?
        .strip_suffix('.')?;
    let number = name.strip_prefix(MDNS_INSTANCE_PREFIX)?;
    if port == 0 || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut addresses: Vec<IpAddr> = addresses.into_iter().collect();
    addresses.sort_by_key(|ip| (rank(ip), *ip));
    addresses.dedup();
    let usable = addresses.iter().find(|ip| rank(ip) < 2)?;
    let url = match usable {
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    };
    Some(AnnouncedServer {
        name: name.to_owned(),
        host: host.trim_end_matches('.').to_owned(),
        port,
        addresses,
        url,
    })
}

/// IPv4, then IPv6, then what a URL cannot reach without an interface scope (link-local IPv6).
fn rank(ip: &IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 0,
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => 2,
        IpAddr::V6(_) => 1,
    }
}

fn mdns_error(error: mdns_sd::Error) -> Error {
    Error::Mdns {
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_opencode_announcement_becomes_a_server_with_an_ipv4_url() {
        let server = announced(
            "opencode-4096._http._tcp.local.",
            "opencode.local.",
            4096,
            [ip("fe80::1"), ip("fd00::2"), ip("192.0.2.2")],
        )
        .expect("an OpenCode server");
        assert_eq!(server.name, "opencode-4096");
        assert_eq!(server.host, "opencode.local");
        assert_eq!(server.port, 4096);
        assert_eq!(server.url, "http://192.0.2.2:4096");
        assert_eq!(
            server.addresses,
            [ip("192.0.2.2"), ip("fd00::2"), ip("fe80::1")]
        );
    }

    #[test]
    fn ipv6_only_servers_get_a_bracketed_url_and_link_local_alone_is_unusable() {
        let v6 = announced(
            "opencode-5000._http._tcp.local.",
            "dev.local.",
            5000,
            [ip("fd00::2")],
        )
        .unwrap();
        assert_eq!(v6.url, "http://[fd00::2]:5000");
        assert_eq!(v6.host, "dev.local");
        let link_local = announced(
            "opencode-5000._http._tcp.local.",
            "opencode.local.",
            5000,
            [ip("fe80::1")],
        );
        assert_eq!(link_local, None);
    }

    #[test]
    fn other_http_services_are_not_opencode() {
        let addresses = [ip("192.0.2.9")];
        for fullname in [
            "printer._http._tcp.local.",
            "opencode-._http._tcp.local.",
            "opencode-web._http._tcp.local.",
            "opencode-4096._ipp._tcp.local.",
        ] {
            assert_eq!(
                announced(fullname, "opencode.local.", 4096, addresses),
                None,
                "{fullname}"
            );
        }
        assert_eq!(
            announced("opencode-1._http._tcp.local.", "h.local.", 0, addresses),
            None
        );
    }
}
