//! Model providers: which ones a server can sign in to, and signing in with an API key.
//!
//! The catalogue (`GET /provider`, about 6 MB, seconds on a first call) is fetched once per
//! server, in Rust, and kept trimmed to what the screens show (id, name, model count, whether
//! connected); the UI never receives it whole. The server stores the credentials.
//!
//! A new or removed key reaches the model list only after the server's instance is disposed
//! (measured on 1.18.33, and what OpenCode's own app does after signing in). Disposing ends the
//! instance's work, so it is never done while a reply streams: the change is then applied when
//! no session of the server is busy any more (looked at every 2 s, for up to 10 minutes), and the
//! caller is told it waits.

use crate::error::{CommandError, ErrorKind};
use crate::when_idle::{self, When};
use opencode_client::types::ProviderAuthMethod;
use opencode_client::Client;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

/// One provider the user can sign in to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProviderChoice {
    pub id: String,
    pub name: String,
    pub models: u32,
    /// The server holds credentials for it (or its config gives it a key).
    pub connected: bool,
    /// Its own ways in (OAuth, a labelled key); empty: an API key.
    pub methods: Vec<ProviderAuthMethod>,
}

/// What a sign-in change did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProviderChange {
    /// The model list already shows the change.
    pub applied: bool,
    /// A sentence for the user.
    pub message: String,
}

/// What is kept of one catalogue entry: (id, name, model count).
type Entry = (String, String, u32);

/// The trimmed catalogue of each server, by server id.
#[derive(Default)]
pub struct Catalogs(Mutex<HashMap<String, Vec<Entry>>>);

impl Catalogs {
    /// (id, name, model count) of every provider of `server_id`'s catalogue, fetched once.
    async fn get(&self, server_id: &str, client: &Client) -> Result<Vec<Entry>, CommandError> {
        if let Some(kept) = self.lock().get(server_id) {
            return Ok(kept.clone());
        }
        let all = client.providers().await?;
        let trimmed: Vec<Entry> = all
            .all
            .into_iter()
            .map(|p| {
                let models = u32::try_from(p.models.len()).unwrap_or(u32::MAX);
                (p.id, p.name, models)
            })
            .collect();
        self.lock().insert(server_id.to_owned(), trimmed.clone());
        Ok(trimmed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<Entry>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Every provider of the catalogue, connected ones first, then by name.
pub async fn choices(
    catalogs: &Catalogs,
    server_id: &str,
    client: &Client,
) -> Result<Vec<ProviderChoice>, CommandError> {
    let (catalog, methods, configured) = tokio::try_join!(
        catalogs.get(server_id, client),
        async { Ok(client.provider_auth_methods().await?) },
        async { Ok::<_, CommandError>(client.config_providers().await?) },
    )?;
    let mut methods = methods;
    let mut all: Vec<ProviderChoice> = catalog
        .into_iter()
        .map(|(id, name, models)| ProviderChoice {
            connected: configured.providers.iter().any(|p| p.id == id),
            methods: methods.remove(&id).unwrap_or_default(),
            id,
            name,
            models,
        })
        .collect();
    all.sort_by(|a, b| {
        b.connected
            .cmp(&a.connected)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(all)
}

/// Refuses what the server would store without a word: an empty key, one with spaces inside
/// (a paste gone wrong), a provider its catalogue does not have.
pub async fn check_key(
    catalogs: &Catalogs,
    server_id: &str,
    client: &Client,
    provider_id: &str,
    key: &str,
) -> Result<String, CommandError> {
    let invalid = |message: String| Err(CommandError::new(ErrorKind::InvalidInput, message));
    let key = key.trim();
    if key.is_empty() {
        return invalid("Paste the provider's API key first.".into());
    }
    if key.chars().any(char::is_whitespace) {
        return invalid("An API key has no spaces or line breaks: check what was pasted.".into());
    }
    let catalog = catalogs.get(server_id, client).await?;
    if !catalog.iter().any(|(id, _, _)| id == provider_id) {
        return invalid(format!(
            "This OpenCode does not know a provider “{provider_id}”."
        ));
    }
    Ok(key.to_owned())
}

/// Makes a sign-in change show in the model list: disposes the instance now when nothing is
/// busy, else once nothing is (in the background).
pub async fn apply(client: Client, what: &str) -> ProviderChange {
    let dispose = |client: Client| async move { client.dispose_instance().await };
    match when_idle::run(client, "refresh the providers", dispose).await {
        When::Now(Ok(_)) => ProviderChange {
            applied: true,
            message: format!("{what} Its models are in the model list."),
        },
        When::Now(Err(error)) => ProviderChange {
            applied: false,
            message: format!("{what} The model list shows it after a restart ({error})."),
        },
        When::Later => ProviderChange {
            applied: false,
            message: format!(
                "{what} Its models come into the model list when the reply in progress finishes."
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::types::{ModelRef, PromptInput, SessionCreate};
    use testkit::{FakeModel, Reply, TestServer, TestServerOptions, MAIN_MODEL};

    /// An OpenAI-compatible provider of the user's config with no key of its own: the key set
    /// through the app is the one the model is called with, and the provider answers a prompt.
    #[tokio::test(flavor = "multi_thread")]
    async fn a_provider_given_its_key_here_answers_a_prompt_with_it() {
        let model = FakeModel::start().await;
        let keyed = serde_json::json!({ "provider": { "keyed": {
            "npm": "@ai-sdk/openai-compatible",
            "name": "Keyed",
            "options": { "baseURL": model.base_url() },
            "models": { MAIN_MODEL: { "name": "Keyed Model" } },
        } } });
        let server = TestServer::start_with(&model, TestServerOptions::default().config(keyed))
            .await
            .expect("server");
        let client = Client::builder(server.url())
            .password(server.password().map(str::to_string))
            .build()
            .unwrap();
        let catalogs = Catalogs::default();
        let key = check_key(&catalogs, "s", &client, "keyed", " sk-keyed-1\n")
            .await
            .expect("the config's provider is in the catalogue");
        client.set_api_key("keyed", &key).await.unwrap();
        assert!(apply(client.clone(), "Connected.").await.applied);

        let session = client
            .create_session(&SessionCreate::default())
            .await
            .unwrap();
        model.push(Reply::text("Answered with the key."));
        let mut prompt = PromptInput::text("hello");
        prompt.model = Some(ModelRef {
            provider_id: "keyed".into(),
            model_id: MAIN_MODEL.into(),
        });
        let reply = client.prompt(&session.id, &prompt).await.unwrap();
        assert!(reply.info.error.is_none(), "{:?}", reply.info.error);
        assert_eq!(reply.info.provider_id, "keyed");
        assert_eq!(
            model.authorizations().last(),
            Some(&Some("Bearer sk-keyed-1".to_string())),
            "the model was called with the key set here"
        );
    }

    /// Against the real server (its bundled catalogue, offline): what it would store without a
    /// word is refused, a key brings its provider in at once when nothing is busy.
    #[tokio::test(flavor = "multi_thread")]
    async fn a_key_is_checked_stored_and_applied() {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("server");
        let client = Client::builder(server.url())
            .password(server.password().map(str::to_string))
            .build()
            .unwrap();
        let catalogs = Catalogs::default();
        let before = choices(&catalogs, "s", &client).await.expect("choices");
        let anthropic = before.iter().find(|p| p.id == "anthropic").expect("listed");
        assert!(
            !anthropic.connected && anthropic.models > 0,
            "{anthropic:?}"
        );
        assert!(
            before[0].connected,
            "connected ones come first: {:?}",
            before[0]
        );

        for (provider, key, says) in [
            ("anthropic", "  ", "Paste"),
            ("anthropic", "sk-ant one", "no spaces"),
            ("no-such-provider", "sk-1", "does not know"),
        ] {
            let refused = check_key(&catalogs, "s", &client, provider, key)
                .await
                .unwrap_err();
            assert_eq!(refused.kind, ErrorKind::InvalidInput);
            assert!(refused.message.contains(says), "{refused:?}");
        }
        let key = check_key(&catalogs, "s", &client, "anthropic", " sk-ant-1 \n")
            .await
            .expect("a good key, trimmed");
        assert_eq!(key, "sk-ant-1");

        client.set_api_key("anthropic", &key).await.unwrap();
        let change = apply(client.clone(), "Connected.").await;
        assert!(change.applied, "{change:?}");
        let after = choices(&catalogs, "s", &client).await.expect("choices");
        assert!(after.iter().any(|p| p.id == "anthropic" && p.connected));
    }
}
