//! Session lifecycle: create, list, get, rename, fork, children, todos, revert, delete.

use crate::support::{start, text_of};
use opencode_client::types::{PromptInput, SessionCreate};
use opencode_client::{Error, SessionListQuery};
use testkit::Reply;

#[tokio::test(flavor = "multi_thread")]
async fn a_session_is_created_listed_renamed_forked_and_deleted() {
    let env = start().await;
    let c = &env.client;
    let created = c
        .create_session(&SessionCreate {
            title: Some("First".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(created.id.starts_with("ses"), "{}", created.id);
    assert_eq!(created.title, "First");

    let listed = c.sessions(&SessionListQuery::default()).await.unwrap();
    assert!(listed.iter().any(|s| s.id == created.id));

    let renamed = c.rename_session(&created.id, "Renamed").await.unwrap();
    assert_eq!(renamed.title, "Renamed");
    assert_eq!(c.session(&created.id).await.unwrap().title, "Renamed");

    let fork = c.fork_session(&created.id, None).await.unwrap();
    assert_ne!(fork.id, created.id);
    assert!(c.session_children(&created.id).await.unwrap().is_empty());
    assert!(c.session_todos(&created.id).await.unwrap().is_empty());

    assert!(c.delete_session(&created.id).await.unwrap());
    let gone = c.session(&created.id).await.unwrap_err();
    assert!(matches!(gone, Error::NotFound { .. }), "{gone:?}");
    assert!(gone.to_string().starts_with("Not found"), "{gone}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_is_reverted_to_before_a_message_and_back() {
    let env = start().await;
    let c = &env.client;
    let session = c.create_session(&SessionCreate::default()).await.unwrap();
    env.model.push(Reply::text("first answer"));
    c.prompt(&session.id, &PromptInput::text("one"))
        .await
        .unwrap();
    env.model.push(Reply::text("second answer"));
    let second = c
        .prompt(&session.id, &PromptInput::text("two"))
        .await
        .unwrap();
    assert_eq!(text_of(&second.parts), "second answer");

    // Revert to before the second user message (the parent of the second reply).
    let reverted = c
        .revert_session(&session.id, &second.info.parent_id, None)
        .await
        .unwrap();
    let revert = reverted.revert.expect("session is marked reverted");
    assert_eq!(revert.message_id, second.info.parent_id);

    let restored = c.unrevert_session(&session.id).await.unwrap();
    assert!(restored.revert.is_none(), "{:?}", restored.revert);
    let messages = c.messages(&session.id).await.unwrap();
    assert_eq!(
        messages.len(),
        4,
        "two prompts and two replies are all back"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_filters_by_title_search() {
    let env = start().await;
    let c = &env.client;
    for title in ["alpha task", "beta task", "alpha again"] {
        c.create_session(&SessionCreate {
            title: Some(title.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    // The sessions' titles the server's search finds, sorted.
    let found = |search: &str| {
        let query = SessionListQuery {
            search: Some(search.into()),
            roots: Some(true),
            ..Default::default()
        };
        async move {
            let mut titles: Vec<String> = c
                .sessions(&query)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.title)
                .collect();
            titles.sort();
            titles
        }
    };
    assert_eq!(found("alpha").await, vec!["alpha again", "alpha task"]);

    // What it matches, as measured on 1.18.33 (src-tauri's session_search relies on it): titles
    // only, as SQL LIKE does: any case, the query as one piece, `%` a wildcard; never the text.
    let beta = c.sessions(&SessionListQuery::default()).await.unwrap();
    let beta = beta.iter().find(|s| s.title == "beta task").unwrap();
    env.model.push(Reply::text("the zebra crossing"));
    c.prompt(&beta.id, &PromptInput::text("zebra?"))
        .await
        .unwrap();
    assert_eq!(found("BETA").await, vec!["beta task"]);
    assert!(
        found("zebra").await.is_empty(),
        "a message's text is not searched"
    );
    assert!(
        found("task beta").await.is_empty(),
        "the query is one piece"
    );
    assert_eq!(
        found("a%again").await,
        vec!["alpha again"],
        "% is a wildcard"
    );
}
