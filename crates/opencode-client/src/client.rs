//! The `Client`: base URL, Basic auth, the project-directory header, timeouts and one pooled
//! HTTP connection set, plus the one place requests are sent and answers mapped to `Error`.
//!
//! Route methods live in `api/`, one file per route family; they only say method, path, query and
//! body. Cloning a `Client` is cheap and shares the connection pool. The password is kept only in
//! the prepared `Authorization` header, never in URLs, errors or logs.

use crate::error::{excerpt, Error, Result};
use reqwest::header::{HeaderMap, HeaderValue, InvalidHeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// The header the server reads to pick the project a request is about.
const DIRECTORY_HEADER: &str = "x-opencode-directory";

/// Everything a client needs to reach one server.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    username: String,
    password: Option<String>,
    directory: Option<String>,
    connect_timeout: Duration,
    request_timeout: Duration,
}

impl ClientBuilder {
    /// The user name for Basic auth; the server's default is `opencode`.
    pub fn username(mut self, username: impl Into<String>) -> Self {
        self.username = username.into();
        self
    }

    /// The server password (`OPENCODE_SERVER_PASSWORD`); none for an unsecured server.
    pub fn password(mut self, password: Option<String>) -> Self {
        self.password = password;
        self
    }

    /// The project directory every request is about (sent as a header).
    pub fn directory(mut self, directory: impl Into<String>) -> Self {
        self.directory = Some(directory.into());
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The limit for ordinary calls. Calls that wait for the model (a synchronous prompt) and the
    /// event stream have none; the stream watches heartbeats instead.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    pub fn build(self) -> Result<Client> {
        let base = parse_base_url(&self.base_url)?;
        let auth =
            match &self.password {
                Some(password) => Some(basic_header(&self.username, password).map_err(|_| {
                    Error::InvalidUrl {
                        url: base.to_string(),
                        reason:
                            "the user name or password contains characters a header cannot hold"
                                .into(),
                    }
                })?),
                None => None,
            };
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(90))
            .user_agent(concat!("opencode-desk/", env!("CARGO_PKG_VERSION")));
        if is_loopback(&base) {
            // A system proxy must never see traffic (or the password) meant for a local server.
            http = http.no_proxy();
        }
        let http = http.build().map_err(|e| Error::InvalidUrl {
            url: base.to_string(),
            reason: e.to_string(),
        })?;
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                base,
                auth,
                request_timeout: self.request_timeout,
            }),
            directory: self.directory.map(|d| Arc::from(d.as_str())),
        })
    }
}

#[derive(Debug)]
struct Shared {
    http: reqwest::Client,
    base: Url,
    auth: Option<HeaderValue>,
    request_timeout: Duration,
}

/// A typed client for one OpenCode server, optionally bound to one project directory.
#[derive(Debug, Clone)]
pub struct Client {
    shared: Arc<Shared>,
    directory: Option<Arc<str>>,
}

impl Client {
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            username: "opencode".into(),
            password: None,
            directory: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
        }
    }

    /// The server's address, without credentials.
    pub fn base_url(&self) -> &Url {
        &self.shared.base
    }

    pub fn directory(&self) -> Option<&str> {
        self.directory.as_deref()
    }

    /// Whether `other` talks to the same server with the same credentials (whatever project
    /// each is about): a connection made with one serves the other.
    pub fn same_server(&self, other: &Client) -> bool {
        self.shared.base == other.shared.base && self.shared.auth == other.shared.auth
    }

    /// The same server and connection pool, about another project directory.
    pub fn for_directory(&self, directory: impl Into<String>) -> Client {
        Client {
            shared: Arc::clone(&self.shared),
            directory: Some(Arc::from(directory.into().as_str())),
        }
    }

    /// Starts a request to `path` (which must start with `/`).
    pub(crate) fn call(&self, method: Method, path: impl Into<String>) -> Call<'_> {
        Call {
            client: self,
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            timeout: Some(self.shared.request_timeout),
        }
    }

    pub(crate) fn url_for(&self, path: &str) -> Url {
        let mut url = self.shared.base.clone();
        // Keep any path prefix of the base (a server behind a reverse proxy at /opencode/).
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(auth) = &self.shared.auth {
            headers.insert(AUTHORIZATION, auth.clone());
        }
        if let Some(dir) = &self.directory {
            // The server decodes this header once, like encodeURIComponent's output.
            let encoded = percent_encoding::utf8_percent_encode(dir, URI_COMPONENT).to_string();
            if let Ok(value) = HeaderValue::from_str(&encoded) {
                headers.insert(DIRECTORY_HEADER, value);
            }
        }
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.shared.http
    }

    /// The base URL as text for error messages (never holds credentials).
    pub(crate) fn display_url(&self) -> String {
        self.shared.base.as_str().trim_end_matches('/').to_string()
    }
}

/// What encodeURIComponent leaves alone: letters, digits and `-_.!~*'()`.
const URI_COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// One request being prepared.
pub(crate) struct Call<'a> {
    client: &'a Client,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    timeout: Option<Duration>,
}

impl Call<'_> {
    pub(crate) fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }

    pub(crate) fn query_opt(self, key: &'static str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    pub(crate) fn json(mut self, body: &impl Serialize) -> Self {
        // Serializing our own types cannot fail (no maps with non-string keys, no I/O).
        self.body = Some(serde_json::to_vec(body).unwrap_or_default());
        self
    }

    /// For calls that wait on the model: no overall limit.
    pub(crate) fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Sends the request and returns the response if its status is a success.
    pub(crate) async fn send(self) -> Result<Response> {
        let url = self.client.url_for(&self.path);
        let mut request = self
            .client
            .http()
            .request(self.method, url)
            .headers(self.client.headers());
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        if let Some(body) = self.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let timeout = self.timeout.unwrap_or_default();
        let response = request
            .send()
            .await
            .map_err(|e| transport_error(self.client, e, timeout))?;
        check_status(self.client, &self.path, response).await
    }

    /// Sends the request and decodes a JSON answer as `T`.
    pub(crate) async fn decode<T: DeserializeOwned>(self) -> Result<T> {
        let what = format!("{} {}", self.method, self.path);
        let timeout = self.timeout.unwrap_or_default();
        let client = self.client;
        let response = self.send().await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| transport_error(client, e, timeout))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::decode(what, &e, &bytes))
    }

    /// Sends the request and ignores the body of a successful answer.
    pub(crate) async fn done(self) -> Result<()> {
        self.send().await.map(drop)
    }
}

/// Maps a failure to send or receive (no HTTP status) to an error.
pub(crate) fn transport_error(client: &Client, err: reqwest::Error, timeout: Duration) -> Error {
    let url = client.display_url();
    if err.is_timeout() {
        return Error::Timeout {
            url,
            after: timeout,
        };
    }
    if err.is_decode() {
        return Error::Decode {
            what: url,
            reason: err.to_string(),
            raw_excerpt: String::new(),
        };
    }
    // reqwest's Display hides the cause ("error sending request"); the chain says why.
    let mut reason = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        reason = format!("{reason}: {cause}");
        source = cause.source();
    }
    Error::Unreachable {
        url,
        reason: reason.replace(client.shared.base.as_str(), ""),
    }
}

/// Turns a non-success status into the matching error, with the server's own message.
pub(crate) async fn check_status(
    client: &Client,
    path: &str,
    response: Response,
) -> Result<Response> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let body = response.bytes().await.unwrap_or_default();
    let message = server_message(&body);
    let path = path.to_string();
    Err(match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Error::Unauthorized {
            url: client.display_url(),
        },
        StatusCode::NOT_FOUND => Error::NotFound { path, message },
        StatusCode::BAD_REQUEST => Error::BadRequest { path, message },
        other => Error::Api {
            status: other.as_u16(),
            path,
            message,
        },
    })
}

/// The human part of an error body: `data.message`, `message` or `error`, else the raw start.
fn server_message(body: &[u8]) -> String {
    let json: serde_json::Value = match serde_json::from_slice(body) {
        Ok(json) => json,
        Err(_) => return excerpt(body),
    };
    let candidates = [
        json.pointer("/data/message"),
        json.get("message"),
        json.pointer("/error/message"),
        json.get("error"),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .find_map(|v| v.as_str().map(str::to_string));
    found.unwrap_or_else(|| excerpt(body))
}

fn parse_base_url(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|e| Error::InvalidUrl {
        url: raw.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidUrl {
            url: raw.to_string(),
            reason: "only http and https servers are supported".into(),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::InvalidUrl {
            url: url.host_str().unwrap_or_default().to_string(),
            reason: "put the user name and password in their own fields, not in the address".into(),
        });
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The `Authorization: Basic` header, marked sensitive so it is never logged.
fn basic_header(user: &str, password: &str) -> Result<HeaderValue, InvalidHeaderValue> {
    use base64::Engine as _;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let mut value = HeaderValue::from_str(&format!("Basic {token}"))?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_header_carries_user_and_password() {
        let header = basic_header("opencode", "pw").unwrap();
        assert_eq!(header, "Basic b3BlbmNvZGU6cHc=");
        assert!(header.is_sensitive());
    }

    #[test]
    fn the_same_server_means_the_same_address_and_credentials() {
        let at = |url: &str, password: Option<&str>| {
            Client::builder(url)
                .password(password.map(str::to_string))
                .build()
                .unwrap()
        };
        let one = at("http://127.0.0.1:4096", Some("a"));
        assert!(one.same_server(&one.for_directory("/elsewhere")));
        assert!(one.same_server(&at("http://127.0.0.1:4096/", Some("a"))));
        assert!(!one.same_server(&at("http://127.0.0.1:4096", Some("b"))));
        assert!(!one.same_server(&at("http://127.0.0.1:4096", None)));
        assert!(!one.same_server(&at("http://127.0.0.1:4097", Some("a"))));
    }

    #[test]
    fn paths_keep_the_base_prefix() {
        let client = Client::builder("https://example.test/opencode/")
            .build()
            .unwrap();
        assert_eq!(
            client.url_for("/session/ses_1").as_str(),
            "https://example.test/opencode/session/ses_1"
        );
        let local = Client::builder("http://127.0.0.1:4096").build().unwrap();
        assert_eq!(
            local.url_for("/global/health").as_str(),
            "http://127.0.0.1:4096/global/health"
        );
    }

    #[test]
    fn directory_header_is_encoded_like_encode_uri_component() {
        let client = Client::builder("http://127.0.0.1:1")
            .directory("/home/me/my project/é")
            .build()
            .unwrap();
        let headers = client.headers();
        assert_eq!(
            headers.get(DIRECTORY_HEADER).unwrap(),
            "%2Fhome%2Fme%2Fmy%20project%2F%C3%A9"
        );
        assert!(headers.get(AUTHORIZATION).is_none());
    }

    #[test]
    fn credentials_in_the_url_and_odd_schemes_are_refused() {
        let err = Client::builder("http://user:secret@127.0.0.1:1")
            .build()
            .unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
        assert!(Client::builder("ftp://127.0.0.1").build().is_err());
        assert!(Client::builder("not a url").build().is_err());
    }

    #[test]
    fn server_messages_are_taken_from_the_error_body() {
        assert_eq!(
            server_message(br#"{"name":"NotFoundError","data":{"message":"Session not found"}}"#),
            "Session not found"
        );
        assert_eq!(server_message(br#"{"message":"bad body"}"#), "bad body");
        assert_eq!(server_message(b"plain text"), "plain text");
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable_not_a_hang() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let client = Client::builder(format!("http://127.0.0.1:{port}"))
            .build()
            .unwrap();
        let err = client.health().await.unwrap_err();
        assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
        assert!(err.to_string().contains("Cannot reach"));
    }
}
