//! Merging a batch of events before it crosses to the UI. Pure.
//!
//! At 500 tokens/s the server sends hundreds of `message.part.delta` events a second; the UI
//! paints at most once per frame, so a frame's worth of deltas to the same part and field can
//! travel as one. Only *adjacent* deltas merge: anything between them (a whole-part update, a
//! removal, another part's delta) keeps its place, so applying the merged batch gives exactly
//! what applying the original batch would have.

use super::event::ServerEvent;

/// Merges runs of consecutive deltas to the same part and field, in place. Order is kept.
pub fn coalesce_deltas(events: &mut Vec<ServerEvent>) {
    let mut merged: Vec<ServerEvent> = Vec::with_capacity(events.len());
    for event in events.drain(..) {
        if let (
            Some(ServerEvent::PartDelta {
                part_id: last_part,
                field: last_field,
                delta: last_delta,
                ..
            }),
            ServerEvent::PartDelta {
                part_id,
                field,
                delta,
                ..
            },
        ) = (merged.last_mut(), &event)
        {
            if last_part == part_id && last_field == field {
                last_delta.push_str(delta);
                continue;
            }
        }
        merged.push(event);
    }
    *events = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delta(part: &str, field: &str, text: &str) -> ServerEvent {
        ServerEvent::PartDelta {
            session_id: "ses_1".into(),
            message_id: "msg_1".into(),
            part_id: part.into(),
            field: field.into(),
            delta: text.into(),
        }
    }

    fn idle() -> ServerEvent {
        ServerEvent::SessionIdle {
            session_id: "ses_1".into(),
        }
    }

    #[test]
    fn adjacent_deltas_to_one_part_become_one() {
        let mut batch = vec![
            delta("a", "text", "Hel"),
            delta("a", "text", "lo"),
            delta("a", "text", "!"),
        ];
        coalesce_deltas(&mut batch);
        assert_eq!(batch, vec![delta("a", "text", "Hello!")]);
    }

    #[test]
    fn other_events_parts_and_fields_keep_their_places() {
        let mut batch = vec![
            delta("a", "text", "1"),
            delta("b", "text", "x"),
            delta("a", "text", "2"),
            idle(),
            delta("a", "text", "3"),
            delta("a", "reasoning", "r"),
            delta("a", "reasoning", "s"),
        ];
        coalesce_deltas(&mut batch);
        assert_eq!(
            batch,
            vec![
                delta("a", "text", "1"),
                delta("b", "text", "x"),
                delta("a", "text", "2"),
                idle(),
                delta("a", "text", "3"),
                delta("a", "reasoning", "rs"),
            ]
        );
    }

    #[test]
    fn an_empty_batch_stays_empty() {
        let mut batch = Vec::new();
        coalesce_deltas(&mut batch);
        assert!(batch.is_empty());
    }
}
