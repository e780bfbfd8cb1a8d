//! `/provider/auth`, `/auth/{id}`, `/provider/{id}/oauth/*`, `/instance/dispose`: signing in to a
//! model provider through the server, which stores the credentials (never this app).
//!
//! Measured on 1.18.33: `PUT /auth/{id}` answers `true` for any id and any key (an empty one, a
//! provider that does not exist), so callers check both; `/provider/auth` lists only providers
//! with methods of their own (10 here: OpenAI, GitHub Copilot...), every other provider of the
//! catalogue signs in with an API key; an instance that already loaded its providers sees a new
//! credential only after `POST /instance/dispose`.

use crate::types::{OAuthAuthorization, ProviderAuthMethod};
use crate::{Client, Result};
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeMap;

/// `/auth/{id}` with the id percent-encoded as one path segment.
fn auth_path(provider_id: &str) -> String {
    format!("/auth/{}", urlencoding(provider_id))
}

fn urlencoding(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

impl Client {
    /// Each provider with sign-in methods of its own (OAuth, or a labelled API key prompt).
    pub async fn provider_auth_methods(&self) -> Result<BTreeMap<String, Vec<ProviderAuthMethod>>> {
        self.call(Method::GET, "/provider/auth").decode().await
    }

    /// Stores `key` for `provider_id` on the server (`{"type":"api","key"}`).
    pub async fn set_api_key(&self, provider_id: &str, key: &str) -> Result<bool> {
        self.call(Method::PUT, auth_path(provider_id))
            .json(&json!({ "type": "api", "key": key }))
            .decode()
            .await
    }

    /// Forgets `provider_id`'s credentials on the server.
    pub async fn remove_auth(&self, provider_id: &str) -> Result<bool> {
        self.call(Method::DELETE, auth_path(provider_id))
            .decode()
            .await
    }

    /// Starts OAuth method number `method` of `provider_id`, with the answers to its prompts.
    pub async fn oauth_authorize(
        &self,
        provider_id: &str,
        method: u32,
        inputs: &BTreeMap<String, String>,
    ) -> Result<OAuthAuthorization> {
        let path = format!("/provider/{}/oauth/authorize", urlencoding(provider_id));
        self.call(Method::POST, path)
            .json(&json!({ "method": method, "inputs": inputs }))
            .decode()
            .await
    }

    /// Finishes OAuth method `method` of `provider_id`: with the code the user pasted, or
    /// without one for an automatic callback (the server waits for its own listener).
    pub async fn oauth_callback(
        &self,
        provider_id: &str,
        method: u32,
        code: Option<&str>,
    ) -> Result<bool> {
        let path = format!("/provider/{}/oauth/callback", urlencoding(provider_id));
        let body = match code {
            Some(code) => json!({ "method": method, "code": code }),
            None => json!({ "method": method }),
        };
        self.call(Method::POST, path)
            .json(&body)
            .no_timeout()
            .decode()
            .await
    }

    /// Disposes the instance of this client's project: its next request loads config and
    /// providers afresh (how a new credential reaches `/config/providers`).
    pub async fn dispose_instance(&self) -> Result<bool> {
        self.call(Method::POST, "/instance/dispose").decode().await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provider_id_is_one_path_segment() {
        assert_eq!(super::auth_path("anthropic"), "/auth/anthropic");
        assert_eq!(super::auth_path("a/b c"), "/auth/a%2Fb%20c");
    }
}
