//! The project's OpenCode config files, read and edited by the app itself, because
//! `PATCH /config` on 1.18.33 writes a `config.json` the server never reads.
//!
//! Edits go through a concrete syntax tree (`jsonc-parser`'s CST), so comments, key order,
//! spacing and trailing commas the app did not touch stay byte for byte; only the value changed
//! is printed anew. A file is replaced atomically (a temp file beside it, then a rename), so a
//! crash never leaves half a file, and the server is never shown a file that does not parse:
//! measured on 1.18.33, an instance that once loaded a broken project config answers every
//! route with `ConfigJsonError` until the server restarts, even after the file is fixed and the
//! instance disposed.

use jsonc_parser::cst::{CstInputValue, CstObject, CstRootNode};
use jsonc_parser::ParseOptions;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The files OpenCode 1.18.33 reads in a project directory, lowest precedence first (measured:
/// `opencode.jsonc` wins over `opencode.json`, and `.opencode/` over both).
const FILES: [&str; 4] = [
    "opencode.json",
    "opencode.jsonc",
    ".opencode/opencode.json",
    ".opencode/opencode.jsonc",
];

const NEW_FILE: &str = "{\n  \"$schema\": \"https://opencode.ai/config.json\"\n}\n";

/// What could not be read or written, as a sentence for a person.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("Could not read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path} is not valid JSON with comments ({reason}); fix it by hand first, nothing was changed")]
    Parse { path: String, reason: String },
    #[error("{path}: {reason}; nothing was changed")]
    Shape { path: String, reason: String },
    #[error("Could not write {path}: {reason}")]
    Write { path: String, reason: String },
}

/// One edit at a path of keys: set a value, or remove the key (`None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub path: Vec<String>,
    pub value: Option<Value>,
}

/// The config files of `dir` that exist, lowest precedence first, parsed.
pub fn read_layers(dir: &Path) -> Result<Vec<(PathBuf, Value)>, FileError> {
    let mut layers = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        let Some(text) = read(&path)? else { continue };
        let value = parse(&path, &text)?;
        layers.push((path, value));
    }
    Ok(layers)
}

/// The project layer as OpenCode merges it: objects key by key, later files winning.
pub fn merged(layers: &[(PathBuf, Value)]) -> Value {
    let mut out = Value::Object(Map::new());
    for (_, value) in layers {
        merge(&mut out, value);
    }
    out
}

/// The file a change to top-level `key` belongs in: the one that decides it now (the last to
/// define it), else the project's usual file (the root one that exists), else a new
/// `opencode.json`.
pub fn file_for(dir: &Path, layers: &[(PathBuf, Value)], key: &str) -> PathBuf {
    if let Some((path, _)) = layers.iter().rev().find(|(_, v)| v.get(key).is_some()) {
        return path.clone();
    }
    let root = |name: &str| dir.join(name);
    for name in ["opencode.jsonc", "opencode.json"] {
        if layers.iter().any(|(p, _)| *p == root(name)) {
            return root(name);
        }
    }
    layers
        .last()
        .map(|(p, _)| p.clone())
        .unwrap_or_else(|| root("opencode.json"))
}

/// Applies `edits` to `path` (created when missing) and replaces it atomically. Checks the
/// result parses before writing: all of it is written, or nothing.
pub fn apply(path: &Path, edits: &[Edit]) -> Result<(), FileError> {
    let text = read(path)?.unwrap_or_else(|| NEW_FILE.to_owned());
    let updated = edit_text(path, &text, edits)?;
    parse(path, &updated)?;
    write_atomically(path, &updated)
}

/// `text` with `edits` applied, untouched bytes kept.
pub fn edit_text(path: &Path, text: &str, edits: &[Edit]) -> Result<String, FileError> {
    let root =
        CstRootNode::parse(text, &ParseOptions::default()).map_err(|e| FileError::Parse {
            path: shown(path),
            reason: e.to_string(),
        })?;
    let shape = |reason: String| FileError::Shape {
        path: shown(path),
        reason,
    };
    let Some(top) = root.object_value() else {
        return Err(shape("the file is not a JSON object".into()));
    };
    for edit in edits {
        let Some((last, parents)) = edit.path.split_last() else {
            continue;
        };
        let mut object = top.clone();
        for key in parents {
            object = match object.get(key) {
                Some(prop) => match prop.value().and_then(|v| v.as_object()) {
                    Some(inner) => inner,
                    None => return Err(shape(format!("\"{key}\" is not an object"))),
                },
                None if edit.value.is_none() => break,
                None => object.object_value_or_set(key),
            };
        }
        set(&object, last, edit.value.as_ref());
    }
    Ok(root.to_string())
}

fn set(object: &CstObject, key: &str, value: Option<&Value>) {
    match (object.get(key), value) {
        (Some(prop), Some(value)) => prop.set_value(to_cst(value)),
        (Some(prop), None) => prop.remove(),
        (None, Some(value)) => {
            object.append(key, to_cst(value));
        }
        (None, None) => {}
    }
}

fn to_cst(value: &Value) -> CstInputValue {
    match value {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(n.to_string()),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(items) => CstInputValue::Array(items.iter().map(to_cst).collect()),
        Value::Object(map) => {
            CstInputValue::Object(map.iter().map(|(k, v)| (k.clone(), to_cst(v))).collect())
        }
    }
}

fn read(path: &Path) -> Result<Option<String>, FileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(FileError::Read {
            path: shown(path),
            reason: e.to_string(),
        }),
    }
}

fn parse(path: &Path, text: &str) -> Result<Value, FileError> {
    let parsed = jsonc_parser::parse_to_serde_value::<Value>(text, &ParseOptions::default());
    match parsed {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(FileError::Shape {
            path: shown(path),
            reason: "the file is not a JSON object".into(),
        }),
        Err(e) => Err(FileError::Parse {
            path: shown(path),
            reason: e.to_string(),
        }),
    }
}

fn write_atomically(path: &Path, text: &str) -> Result<(), FileError> {
    crate::atomic_file::replace(path, text.as_bytes()).map_err(|e| FileError::Write {
        path: shown(path),
        reason: e.to_string(),
    })
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Merges `layer` over `target` as OpenCode does: objects key by key, anything else replaced.
pub fn merge(target: &mut Value, layer: &Value) {
    match (target, layer) {
        (Value::Object(target), Value::Object(layer)) => {
            for (key, value) in layer {
                match target.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, layer) => *target = layer.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HAND: &str = "{\n  // hand-written\n  \"$schema\": \"https://opencode.ai/config.json\",\n  \"theme\":   \"opencode\",\n  \"share\": \"disabled\", \"autoupdate\": false,\n  \"permission\": {\n    \"edit\": \"ask\",\n    \"bash\": { \"git status\": \"allow\", \"*\": \"ask\" }\n  },\n  \"model\": \"a/b\",\n}\n";

    fn edit(path: &[&str], value: Option<Value>) -> Edit {
        Edit {
            path: path.iter().map(|s| s.to_string()).collect(),
            value,
        }
    }

    #[test]
    fn what_was_not_changed_stays_byte_for_byte() {
        let out = edit_text(
            Path::new("x"),
            HAND,
            &[
                edit(&["model"], Some(json!("c/d"))),
                edit(&["permission", "edit"], Some(json!("deny"))),
                edit(&["small_model"], Some(json!("e/f"))),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            HAND.replace("\"a/b\",\n}", "\"c/d\",\n  \"small_model\": \"e/f\",\n}")
                .replace("\"edit\": \"ask\"", "\"edit\": \"deny\"")
        );
    }

    #[test]
    fn a_missing_parent_is_made_and_a_removed_key_leaves_the_rest() {
        let out = edit_text(
            Path::new("x"),
            "{\n  \"model\": \"a/b\" // mine\n}\n",
            &[edit(
                &["permission", "bash", "npm test"],
                Some(json!("allow")),
            )],
        )
        .unwrap();
        let value: Value = jsonc_parser::parse_to_serde_value(&out, &Default::default()).unwrap();
        assert_eq!(value["permission"]["bash"]["npm test"], "allow");
        // The comma a new key needs goes before the comment, which stays on its line.
        assert!(out.contains("\"model\": \"a/b\", // mine\n"), "{out}");

        let out = edit_text(
            Path::new("x"),
            HAND,
            &[edit(&["permission", "bash", "git status"], None)],
        )
        .unwrap();
        assert!(!out.contains("git status"), "{out}");
        assert!(out.starts_with("{\n  // hand-written\n"), "{out}");
        assert!(out.contains("\"theme\":   \"opencode\""), "{out}");
    }

    #[test]
    fn a_broken_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("opencode.json");
        std::fs::write(&path, "{ \"model\": ").unwrap();
        let err = apply(&path, &[edit(&["model"], Some(json!("a/b")))]).unwrap_err();
        assert!(matches!(err, FileError::Parse { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ \"model\": ");
        std::fs::write(&path, "{ \"permission\": \"ask\" }").unwrap();
        let err = apply(&path, &[edit(&["permission", "bash"], Some(json!("deny")))]).unwrap_err();
        assert!(err.to_string().contains("not an object"), "{err}");
    }

    #[test]
    fn changes_go_where_the_value_is_decided() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(file_for(d, &[], "model"), d.join("opencode.json"));
        std::fs::create_dir(d.join(".opencode")).unwrap();
        std::fs::write(d.join("opencode.json"), "{\"model\":\"a/b\"}").unwrap();
        std::fs::write(d.join("opencode.jsonc"), "{\"share\":\"auto\"}").unwrap();
        std::fs::write(d.join(".opencode/opencode.json"), "{\"model\":\"c/d\"}").unwrap();
        let layers = read_layers(d).unwrap();
        assert_eq!(layers.len(), 3);
        assert_eq!(merged(&layers)["model"], "c/d");
        assert_eq!(
            file_for(d, &layers, "model"),
            d.join(".opencode/opencode.json")
        );
        assert_eq!(file_for(d, &layers, "share"), d.join("opencode.jsonc"));
        assert_eq!(
            file_for(d, &layers, "small_model"),
            d.join("opencode.jsonc")
        );
    }

    #[test]
    fn a_new_file_gets_the_schema_and_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("opencode.json");
        apply(&path, &[edit(&["share"], Some(json!("manual")))]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"$schema\""), "{text}");
        assert!(text.contains("\"share\": \"manual\""), "{text}");
    }
}
