//! Edits and walks of a document read as a YAML value that every reading makes: keys as the
//! text JSON has, an Encoding Object's `explode` written out, and the places under the
//! operations and the components where a kind of node stands; and the lookups and the walk by
//! pointer tokens the other reading modules share.

use crate::pointer::join;
use serde_yaml::Value;

/// Keys YAML reads as numbers or booleans (`200:`, a status code unquoted) as the text they are
/// in JSON, where every key is a string: the typed model reads a flattened map's key (a
/// Responses Object's) only as text when it reads a YAML value, not the file.
pub(crate) fn string_keys(node: &mut Value) {
    match node {
        Value::Mapping(map) => {
            let textual = |key: &Value| key.is_string() || key.is_mapping() || key.is_sequence();
            if !map.keys().all(textual) {
                let entries = std::mem::take(map).into_iter().map(|(key, value)| {
                    let key = key_text(&key).map_or(key, Value::String);
                    (key, value)
                });
                *map = entries.collect();
            }
            map.values_mut().for_each(string_keys);
        }
        Value::Sequence(items) => items.iter_mut().for_each(string_keys),
        Value::Tagged(tagged) => string_keys(&mut tagged.value),
        _ => {}
    }
}

/// The typed model reads an Encoding Object's absent `explode` as `false`, where OpenAPI's
/// default is `true` for the `form` style (and `style`'s default is `form`): it is written out.
pub(super) fn explicit_explode(document: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    let places = operation_places(document, "requestBody", "requestBodies");
    let bodies = places.in_paths.into_iter().chain(places.shared);
    for (_, body) in bodies {
        let media_types = body.get_mut("content").and_then(Value::as_mapping_mut);
        for (_, media) in media_types.into_iter().flatten() {
            let encodings = media.get_mut("encoding").and_then(Value::as_mapping_mut);
            for (_, encoding) in encodings.into_iter().flatten() {
                let Some(encoding) = encoding.as_mapping_mut() else {
                    continue;
                };
                let form = encoding
                    .get("style")
                    .is_none_or(|style| style.as_str() == Some("form"));
                if form && !encoding.contains_key("explode") {
                    encoding.insert(Value::from("explode"), Value::Bool(true));
                }
            }
        }
    }
}

/// What stands under one key of the operations (and path items) and in one section of the
/// components, each with its pointer in the rewritten document.
pub(crate) struct Places<'d> {
    /// `paths/<path>/<key>` and `paths/<path>/<method>/<key>`.
    pub(crate) in_paths: Vec<(String, &'d mut serde_yaml::Value)>,
    /// Each entry of `components/<section>`.
    pub(crate) shared: Vec<(String, &'d mut serde_yaml::Value)>,
}

/// The [`Places`] of `key` (`requestBody`, `parameters`) and of the components' `section`.
pub(crate) fn operation_places<'d>(
    document: &'d mut serde_yaml::Value,
    key: &str,
    section: &str,
) -> Places<'d> {
    use serde_yaml::Value;
    let mut places = Places {
        in_paths: Vec::new(),
        shared: Vec::new(),
    };
    let Some(map) = document.as_mapping_mut() else {
        return places;
    };
    let name = |key: &Value| key.as_str().unwrap_or_default().to_owned();
    for (top, value) in map.iter_mut() {
        match top.as_str() {
            Some("paths") => {
                for (path, item) in value.as_mapping_mut().into_iter().flatten() {
                    let item_pointer = join("#/paths", &name(path));
                    for (child, value) in item.as_mapping_mut().into_iter().flatten() {
                        let pointer = join(&item_pointer, &name(child));
                        if child.as_str() == Some(key) {
                            places.in_paths.push((pointer, value));
                        } else if let Some(found) = value.get_mut(key) {
                            places.in_paths.push((join(&pointer, key), found));
                        }
                    }
                }
            }
            Some("components") => {
                let entries = value.get_mut(section).and_then(Value::as_mapping_mut);
                for (entry, value) in entries.into_iter().flatten() {
                    let pointer = join(&format!("#/components/{section}"), &name(entry));
                    places.shared.push((pointer, value));
                }
            }
            _ => {}
        }
    }
    places
}

/// A mapping key's text, as a pointer names it: YAML reads `200:` as a number.
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// The node at `tokens` (unescaped pointer tokens) of `document`.
pub(crate) fn node_at<'v>(document: &'v Value, tokens: &[String]) -> Option<&'v Value> {
    tokens.iter().try_fold(document, |node, token| match node {
        Value::Mapping(map) => map
            .iter()
            .find(|(key, _)| key_text(key).as_deref() == Some(token))
            .map(|(_, value)| value),
        Value::Sequence(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// The same, to change it.
pub(crate) fn node_at_mut<'v>(document: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    tokens.iter().try_fold(document, |node, token| match node {
        Value::Mapping(map) => map
            .iter_mut()
            .find(|(key, _)| key_text(key).as_deref() == Some(token))
            .map(|(_, value)| value),
        Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Visits `node` (at `path`) and, where `visit` says so, every node below it, each with its path.
pub(crate) fn walk(
    node: &Value,
    path: &mut Vec<String>,
    visit: &mut impl FnMut(&Value, &[String]) -> bool,
) {
    if !visit(node, path) {
        return;
    }
    match node {
        Value::Mapping(map) => {
            for (key, child) in map {
                let Some(key) = key_text(key) else { continue };
                path.push(key);
                walk(child, path, visit);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(index.to_string());
                walk(child, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The same, to change the nodes visited (`&mut` cannot share a body with [`walk`]).
pub(crate) fn walk_mut(
    node: &mut Value,
    path: &mut Vec<String>,
    visit: &mut impl FnMut(&mut Value, &[String]) -> bool,
) {
    if !visit(node, path) {
        return;
    }
    match node {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let Some(key) = key_text(key) else { continue };
                path.push(key);
                walk_mut(child, path, visit);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                path.push(index.to_string());
                walk_mut(child, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}
