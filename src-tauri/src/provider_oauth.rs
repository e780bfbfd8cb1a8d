//! Signing in to a model provider through its browser page (OAuth), as the server's plugins
//! offer it: the server makes the address (`authorize`), the system browser shows it, and the
//! server finishes (`callback`) either on its own, when the provider's page redirects to a
//! listener the server opened on its machine ("auto"), or with a code the user pastes ("code").
//!
//! Measured on 1.18.33, offline: OpenAI (browser), Poe, GitLab and DigitalOcean answer
//! `authorize` with an https address and "auto"; methods that need the network first (OpenAI
//! headless, xAI, Snowflake) answer a 500 `UnknownError`; a `callback` whose code the provider
//! does not take answers the same 500 about a second after the redirect.
//!
//! An "auto" listener runs where the server runs, so the browser must run there too: it is only
//! offered for a server on this computer. The address is opened only if it is http(s).

use crate::error::{CommandError, ErrorKind};
use crate::providers::{self, ProviderChange};
use crate::remote_servers::on_this_machine;
use opencode_client::Client;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use tokio::task::AbortHandle;

/// Opens an address in the user's browser. A seam: the app uses the opener plugin, tests record.
pub trait UrlOpener: Send + Sync {
    fn open(&self, url: &str) -> Result<(), String>;
}

/// The opener the commands use, managed by the app (tests manage a recording one).
pub struct Browser(pub std::sync::Arc<dyn UrlOpener>);

/// The system browser, through the official opener plugin.
pub struct SystemBrowser<R: tauri::Runtime>(pub tauri::AppHandle<R>);

impl<R: tauri::Runtime> UrlOpener for SystemBrowser<R> {
    fn open(&self, url: &str) -> Result<(), String> {
        use tauri_plugin_opener::OpenerExt;
        self.0
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    }
}

/// A sign-in under way: where the user signs in, and how it finishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct OAuthStarted {
    /// The provider's page; shown too, so it can be copied if no browser opened.
    pub url: String,
    /// The server finishes on its own when the page redirects; else the user pastes a code.
    pub automatic: bool,
    /// The provider plugin's own words.
    pub instructions: String,
    /// The browser could not be opened: why (the user opens `url` by hand).
    pub open_failed: Option<String>,
}

/// Waits for "auto" callbacks, by (server, provider): a new start or a cancel ends the old one.
/// Each wait has a number, so one that ends removes its own entry, never its successor's.
#[derive(Default)]
pub struct OAuthWaits(Mutex<Waiting>);

/// The last number given, and each (server, provider)'s wait with its number.
type Waiting = (u64, HashMap<(String, String), (u64, AbortHandle)>);

impl OAuthWaits {
    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops waiting for `provider_id`'s sign-in on `server_id`; true if one was waiting.
    pub fn cancel(&self, server_id: &str, provider_id: &str) -> bool {
        let key = (server_id.to_owned(), provider_id.to_owned());
        self.lock().1.remove(&key).map(|(_, h)| h.abort()).is_some()
    }

    /// Runs `finish` as the one wait for this provider; a later start or a cancel aborts it.
    pub async fn wait(
        &self,
        server_id: &str,
        provider_id: &str,
        finish: impl std::future::Future<Output = Result<ProviderChange, CommandError>> + Send + 'static,
    ) -> Result<ProviderChange, CommandError> {
        let key = (server_id.to_owned(), provider_id.to_owned());
        let task = tokio::spawn(finish);
        let number = {
            let mut waits = self.lock();
            waits.0 += 1;
            let number = waits.0;
            if let Some((_, old)) = waits.1.insert(key.clone(), (number, task.abort_handle())) {
                old.abort();
            }
            number
        };
        let outcome = task.await;
        {
            let mut waits = self.lock();
            if waits.1.get(&key).is_some_and(|(n, _)| *n == number) {
                waits.1.remove(&key);
            }
        }
        match outcome {
            Ok(result) => result,
            Err(e) if e.is_cancelled() => Err(CommandError::new(
                ErrorKind::InvalidInput,
                "Signing in was cancelled.",
            )),
            Err(e) => Err(CommandError::new(ErrorKind::Internal, e.to_string())),
        }
    }
}

/// Starts OAuth method `method` of `provider_id` and opens its page in the browser.
pub async fn start(
    client: &Client,
    opener: &dyn UrlOpener,
    provider_id: &str,
    method: u32,
    inputs: &BTreeMap<String, String>,
) -> Result<OAuthStarted, CommandError> {
    let invalid = |message: String| CommandError::new(ErrorKind::InvalidInput, message);
    let methods = client.provider_auth_methods().await?;
    let chosen = methods
        .get(provider_id)
        .and_then(|all| all.get(method as usize))
        .filter(|m| m.kind == "oauth")
        .ok_or_else(|| {
            invalid(format!(
                "This OpenCode has no browser sign-in number {method} for “{provider_id}”."
            ))
        })?;
    let authorization = client
        .oauth_authorize(provider_id, method, inputs)
        .await
        .map_err(|error| {
            CommandError::new(
                ErrorKind::ServerFailed,
                format!(
                    "{} could not start: the provider's sign-in needs a network this OpenCode \
                     could not reach, another sign-in to it is still waiting, or an answer \
                     above is wrong ({error}).",
                    chosen.label
                ),
            )
        })?;
    let url = url::Url::parse(&authorization.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or_else(|| {
            CommandError::new(
                ErrorKind::ServerFailed,
                format!(
                    "The server gave a sign-in address the app will not open: “{}”.",
                    authorization.url
                ),
            )
        })?;
    let automatic = authorization.method != "code";
    if automatic && !on_this_machine(client.base_url()) {
        return Err(invalid(
            "This server runs on another computer: its browser sign-in finishes there. Sign in \
             on that computer (opencode auth login), or use an API key here."
                .into(),
        ));
    }
    let open_failed = opener.open(url.as_str()).err();
    Ok(OAuthStarted {
        url: url.into(),
        automatic,
        instructions: authorization.instructions,
        open_failed,
    })
}

/// Finishes the sign-in: with the pasted `code`, or (automatic) by waiting for the server's
/// listener. Then the provider's models are brought to the model list, as after an API key.
pub async fn finish(
    client: Client,
    provider_id: &str,
    method: u32,
    code: Option<String>,
) -> Result<ProviderChange, CommandError> {
    let code = match code.as_deref().map(str::trim) {
        Some("") => {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                "Paste the code the provider's page shows first.",
            ))
        }
        other => other.map(str::to_owned),
    };
    match client
        .oauth_callback(provider_id, method, code.as_deref())
        .await
    {
        Ok(true) => Ok(providers::apply(client, "Signed in.").await),
        Ok(false) => Err(refused(code.is_some(), "the server said no")),
        Err(opencode_client::Error::Api { status, .. }) => {
            Err(refused(code.is_some(), &format!("status {status}")))
        }
        Err(other) => Err(other.into()),
    }
}

fn refused(pasted: bool, detail: &str) -> CommandError {
    let what = if pasted {
        "The provider did not take that code: copy it again from its page, or start over."
    } else {
        "The provider did not finish the sign-in: start over, and allow access on its page."
    };
    CommandError::new(ErrorKind::InvalidInput, format!("{what} ({detail})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use testkit::{FakeModel, TestServer, TestServerOptions};

    #[derive(Default)]
    struct Recorded(Mutex<Vec<String>>);
    impl UrlOpener for Arc<Recorded> {
        fn open(&self, url: &str) -> Result<(), String> {
            self.0.lock().unwrap().push(url.to_owned());
            Ok(())
        }
    }

    #[test]
    fn only_loopback_counts_as_this_machine() {
        for (url, here) in [
            ("http://127.0.0.1:4096", true),
            ("http://localhost:1", true),
            ("http://[::1]:2", true),
            ("http://192.168.1.5:4096", false),
            ("https://box.example.com", false),
        ] {
            assert_eq!(
                on_this_machine(&url::Url::parse(url).unwrap()),
                here,
                "{url}"
            );
        }
    }

    /// Against the real server, offline: OpenAI's browser sign-in hands an https address to
    /// the opener; the page's redirect with a code the provider does not take ends in a clear
    /// refusal; a method that is not OAuth, or needs the network, is a clear message too.
    #[tokio::test(flavor = "multi_thread")]
    async fn a_browser_sign_in_opens_the_page_and_a_refused_code_says_so() {
        let model = FakeModel::start().await;
        // The sign-in methods come from OpenCode's bundled plugins, which the test world turns
        // off unless asked.
        let options = TestServerOptions::default().env("OPENCODE_DISABLE_DEFAULT_PLUGINS", "0");
        let server = TestServer::start_with(&model, options)
            .await
            .expect("server");
        let client = Client::builder(server.url())
            .password(server.password().map(str::to_string))
            .build()
            .unwrap();
        let opened = Arc::new(Recorded::default());
        let none = BTreeMap::new();

        let refused = start(&client, &opened, "openai", 2, &none)
            .await
            .unwrap_err();
        assert_eq!(refused.kind, ErrorKind::InvalidInput, "{refused:?}");
        assert!(
            refused.message.contains("no browser sign-in"),
            "{refused:?}"
        );
        let offline = start(&client, &opened, "openai", 1, &none)
            .await
            .unwrap_err();
        assert!(offline.message.contains("could not start"), "{offline:?}");
        assert!(opened.0.lock().unwrap().is_empty());

        let started = start(&client, &opened, "openai", 0, &none)
            .await
            .expect("started");
        assert!(
            started.automatic && started.open_failed.is_none(),
            "{started:?}"
        );
        assert_eq!(*opened.0.lock().unwrap(), vec![started.url.clone()]);
        let page = url::Url::parse(&started.url).unwrap();
        assert_eq!(page.scheme(), "https");
        let query: HashMap<_, _> = page.query_pairs().into_owned().collect();

        // The browser, after the user allowed access: the provider redirects to the server's
        // listener with a code (one it will not take: the exchange fails offline).
        let waits = OAuthWaits::default();
        let finishing = waits.wait("s", "openai", finish(client.clone(), "openai", 0, None));
        let browser = async {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let back = format!(
                "{}?code=wrong&state={}",
                query["redirect_uri"], query["state"]
            );
            let back = url::Url::parse(&back).unwrap();
            // What a browser sends: one GET; the page that comes back is not read.
            let mut stream =
                tokio::net::TcpStream::connect((back.host_str().unwrap(), back.port().unwrap()))
                    .await
                    .expect("the server's listener answers");
            let request = format!(
                "GET {}?{} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                back.path(),
                back.query().unwrap()
            );
            tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
                .await
                .unwrap();
        };
        let (outcome, ()) = tokio::join!(finishing, browser);
        let refused = outcome.unwrap_err();
        assert_eq!(refused.kind, ErrorKind::InvalidInput, "{refused:?}");
        assert!(refused.message.contains("did not finish"), "{refused:?}");

        let empty = finish(client.clone(), "openai", 0, Some("  ".into()))
            .await
            .unwrap_err();
        assert!(empty.message.contains("Paste the code"), "{empty:?}");
    }

    #[tokio::test]
    async fn a_cancelled_wait_says_so() {
        let waits = Arc::new(OAuthWaits::default());
        let waiting = {
            let waits = waits.clone();
            tokio::spawn(async move {
                waits
                    .wait("s", "p", async {
                        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                        Ok(ProviderChange {
                            applied: true,
                            message: String::new(),
                        })
                    })
                    .await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(waits.cancel("s", "p"));
        let outcome = waiting.await.unwrap().unwrap_err();
        assert!(outcome.message.contains("cancelled"), "{outcome:?}");
        assert!(!waits.cancel("s", "p"), "nothing waits any more");
    }
}
