//! Settings file JSON → `Settings`, one field at a time, so that one bad value costs only itself.
//!
//! Plain serde would reject the whole file for one wrong type (`"notifications": "yes"`) or one
//! unknown theme. Here each field is first decoded alone (over the defaults); a field that fails is
//! dropped and reported, and in a list only the items that fail are. Only a file that is not a
//! JSON object at all is beyond repair; the store then moves it aside.

use super::check::FieldProblem;
use super::Settings;
use serde_json::{Map, Value};

/// Decodes what it can of `value`, with a problem for each field or list item it had to drop.
/// `Err` when `value` is not an object (nothing in it can be trusted to be settings).
pub fn decode(value: Value) -> Result<(Settings, Vec<FieldProblem>), String> {
    let Value::Object(fields) = value else {
        return Err(format!("holds {} instead of an object", kind(&value)));
    };
    let mut problems = Vec::new();
    let mut kept = Map::new();
    for (key, value) in fields {
        if let Some(value) = keep_what_decodes(&key, value, &mut problems) {
            kept.insert(key, value);
        }
    }
    // Every kept field decoded on its own over the defaults, so together they decode too; the
    // fallback only guards that reasoning.
    let settings = serde_json::from_value(Value::Object(kept)).unwrap_or_else(|error| {
        problems.push(FieldProblem::new("settings", error.to_string()));
        Settings::default()
    });
    Ok((settings, problems))
}

fn keep_what_decodes(key: &str, value: Value, problems: &mut Vec<FieldProblem>) -> Option<Value> {
    let error = match decode_alone(key, &value) {
        Ok(()) => return Some(value),
        Err(error) => error,
    };
    let Value::Array(items) = value else {
        problems.push(FieldProblem::new(key, error));
        return None;
    };
    let mut good = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let alone = Value::Array(vec![item]);
        match decode_alone(key, &alone) {
            Ok(()) => good.extend(into_items(alone)),
            Err(error) => problems.push(FieldProblem::new(format!("{key}[{index}]"), error)),
        }
    }
    Some(Value::Array(good))
}

/// Decodes `{ key: value }` as settings; unknown keys decode (and are ignored).
fn decode_alone(key: &str, value: &Value) -> Result<(), String> {
    let mut one = Map::new();
    one.insert(key.to_string(), value.clone());
    serde_json::from_value::<Settings>(Value::Object(one))
        .map(drop)
        .map_err(|e| e.to_string())
}

fn into_items(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        other => vec![other],
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{RemoteServer, Theme};
    use serde_json::json;

    /// Field order follows the JSON map's, which a serde_json feature can change.
    fn sorted_fields(problems: &[FieldProblem]) -> Vec<&str> {
        let mut fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        fields.sort_unstable();
        fields
    }

    #[test]
    fn a_partial_file_keeps_defaults_for_missing_fields_and_ignores_unknown_ones() {
        let (settings, problems) =
            decode(json!({"theme": "dark", "from_a_newer_version": 1})).unwrap();
        assert_eq!(problems, vec![]);
        assert_eq!(
            settings,
            Settings {
                theme: Theme::Dark,
                ..Settings::default()
            }
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_falls_back_alone() {
        let (settings, problems) = decode(json!({
            "notifications": "yes",
            "theme": "sepia",
            "close_to_tray": false,
        }))
        .unwrap();
        assert!(settings.notifications, "the default, true");
        assert_eq!(settings.theme, Theme::System);
        assert!(!settings.close_to_tray, "the good field survives");
        assert_eq!(sorted_fields(&problems), ["notifications", "theme"]);
    }

    #[test]
    fn only_the_list_items_that_fail_are_dropped() {
        let (settings, problems) = decode(json!({
            "servers": [{"id": "a", "url": "http://a:1"}, {"id": 7}, {"id": "b", "url": "http://b:2"}],
            "extra_ports": [4096, 70000, "x", 5000],
        }))
        .unwrap();
        let ids: Vec<_> = settings.servers.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(settings.extra_ports, [4096, 5000]);
        assert_eq!(
            sorted_fields(&problems),
            ["extra_ports[1]", "extra_ports[2]", "servers[1]"]
        );
    }

    #[test]
    fn a_password_in_the_file_is_never_read() {
        let (settings, _) = decode(json!({
            "servers": [{"id": "a", "url": "http://a:1", "username": "me", "password": "hunter2"}],
        }))
        .unwrap();
        assert_eq!(
            settings.servers,
            [RemoteServer {
                id: "a".into(),
                url: "http://a:1".into(),
                username: Some("me".into()),
                ..RemoteServer::default()
            }]
        );
        let saved = serde_json::to_string(&settings).unwrap();
        assert!(!saved.contains("hunter2"), "{saved}");
    }

    #[test]
    fn a_file_that_is_not_an_object_cannot_be_decoded() {
        let error = decode(json!([1, 2])).unwrap_err();
        assert_eq!(error, "holds a list instead of an object");
        assert!(decode(Value::Null).is_err());
    }
}
