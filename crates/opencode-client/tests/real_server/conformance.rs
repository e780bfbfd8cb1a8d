//! Every route the client calls exists on the live server with the method and query parameters
//! the client uses, per the server's own OpenAPI document at `/doc`.

use crate::support::start;
use opencode_client::{QUERY_PARAMS, ROUTES};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn every_route_the_client_calls_is_in_the_live_servers_openapi_document() {
    let env = start().await;
    let mut request = reqwest::Client::new().get(format!("{}/doc", env.server.url()));
    if let Some(auth) = env.server.authorization() {
        request = request.header("authorization", auth);
    }
    let doc: Value = request.send().await.unwrap().json().await.unwrap();
    let paths = doc["paths"].as_object().expect("paths in /doc");

    let mut missing = Vec::new();
    for (method, path) in ROUTES {
        let op = &paths.get(*path).map(|p| &p[method.to_lowercase()]);
        if !matches!(op, Some(v) if v.is_object()) {
            missing.push(format!("{method} {path}"));
        }
    }
    assert!(
        missing.is_empty(),
        "routes the server does not have: {missing:?}"
    );

    for (path, params) in QUERY_PARAMS {
        let op = &paths[*path]["get"];
        let known: Vec<&str> = op["parameters"]
            .as_array()
            .map(|ps| ps.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        for param in *params {
            assert!(
                known.contains(param),
                "GET {path} has no query parameter {param}: {known:?}"
            );
        }
    }
}
