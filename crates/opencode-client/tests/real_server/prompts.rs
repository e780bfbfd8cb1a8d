//! Prompts: the streamed reply as events, the waiting form, paging, and abort.

use crate::support::{events_until, idle_of, live_events, start, text_of};
use opencode_client::types::{Message, MessageError, PromptInput, SessionCreate};
use opencode_client::ServerEvent;
use std::time::Duration;
use testkit::Reply;

#[tokio::test(flavor = "multi_thread")]
async fn a_prompt_streams_its_reply_as_deltas_then_the_final_message() {
    let env = start().await;
    let mut events = live_events(&env.client).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model
        .push(Reply::chunks(["Hel", "lo, ", "wor", "ld!"], 40));

    env.client
        .prompt_async(&session.id, &PromptInput::text("greet me"))
        .await
        .unwrap();
    let seen = events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;

    let streamed: String = seen
        .iter()
        .filter_map(|e| match e {
            ServerEvent::PartDelta { field, delta, .. } if field == "text" => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(streamed, "Hello, world!", "deltas add up to the reply");
    let deltas = seen
        .iter()
        .filter(|e| matches!(e, ServerEvent::PartDelta { .. }))
        .count();
    assert!(
        deltas >= 2,
        "the reply arrived in pieces, not at once ({deltas} deltas)"
    );
    let completed = seen.iter().any(|e| {
        matches!(e, ServerEvent::MessageUpdated { info: Message::Assistant(a) } if a.time.completed.is_some())
    });
    assert!(completed, "a message.updated marks the reply complete");
    assert!(
        !seen
            .iter()
            .any(|e| matches!(e, ServerEvent::Malformed { .. })),
        "every event the server sent decoded: {:?}",
        seen.iter()
            .filter(|e| matches!(e, ServerEvent::Malformed { .. }))
            .collect::<Vec<_>>()
    );

    let messages = env.client.messages(&session.id).await.unwrap();
    let last = messages.last().expect("messages");
    assert!(matches!(last.info, Message::Assistant(_)));
    assert_eq!(text_of(&last.parts), "Hello, world!");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_waiting_prompt_returns_the_assistant_reply() {
    let env = start().await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::text("Waited for this."));
    let reply = env
        .client
        .prompt(&session.id, &PromptInput::text("hi"))
        .await
        .unwrap();
    assert_eq!(text_of(&reply.parts), "Waited for this.");
    assert_eq!(reply.info.provider_id, testkit::PROVIDER_ID);
    assert!(reply.info.error.is_none());
    let one = env
        .client
        .message(&session.id, &reply.info.id)
        .await
        .unwrap();
    assert_eq!(one.info.id(), reply.info.id);
}

#[tokio::test(flavor = "multi_thread")]
async fn message_pages_walk_back_from_the_newest() {
    let env = start().await;
    let c = &env.client;
    let session = c.create_session(&SessionCreate::default()).await.unwrap();
    for n in 0..5 {
        let mut prompt = PromptInput::text(format!("note {n}"));
        prompt.no_reply = Some(true); // stored without asking the model
        c.prompt(&session.id, &prompt).await.unwrap();
    }
    let newest = c.message_page(&session.id, 2, None).await.unwrap();
    assert_eq!(
        texts(&newest.messages),
        vec!["note 3", "note 4"],
        "newest two, oldest first"
    );
    let cursor = newest.before.expect("a cursor to older messages");
    let older = c.message_page(&session.id, 2, Some(&cursor)).await.unwrap();
    assert_eq!(texts(&older.messages), vec!["note 1", "note 2"]);
    let oldest = c
        .message_page(&session.id, 2, older.before.as_deref())
        .await
        .unwrap();
    assert_eq!(texts(&oldest.messages), vec!["note 0"]);
}

fn texts(messages: &[opencode_client::types::MessageWithParts]) -> Vec<String> {
    messages.iter().map(|m| text_of(&m.parts)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn abort_stops_a_slow_reply_and_marks_it_aborted() {
    let env = start().await;
    let mut events = live_events(&env.client).await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model
        .push(Reply::slow(["This ", "will ", "take ", "ages"], 100));
    env.client
        .prompt_async(&session.id, &PromptInput::text("slowly"))
        .await
        .unwrap();

    events_until(&mut events, Duration::from_secs(30), |e| {
        matches!(e, ServerEvent::PartDelta { .. })
    })
    .await;
    assert!(env.client.abort_session(&session.id).await.unwrap());
    events_until(&mut events, Duration::from_secs(30), idle_of(&session.id)).await;

    let messages = env.client.messages(&session.id).await.unwrap();
    let Some(Message::Assistant(reply)) = messages.last().map(|m| &m.info) else {
        panic!("expected an assistant message last")
    };
    let error = reply.error.as_ref().expect("the reply carries the abort");
    assert_eq!(
        error.name,
        "MessageAbortedError",
        "{}",
        MessageError::message(error)
    );
    assert!(
        env.model
            .wait_for_streams_closed(Duration::from_secs(10))
            .await
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_model_error_reaches_the_message_with_its_reason() {
    let env = start().await;
    let session = env
        .client
        .create_session(&SessionCreate::default())
        .await
        .unwrap();
    env.model.push(Reply::http_error(
        400,
        r#"{"error":{"message":"context too long for fake"}}"#,
    ));
    let reply = env
        .client
        .prompt(&session.id, &PromptInput::text("fail please"))
        .await
        .unwrap();
    let error = reply.info.error.expect("the reply failed");
    assert!(
        error.message().contains("context too long for fake"),
        "the model's own reason is kept: {error:?}"
    );
}
