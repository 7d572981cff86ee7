//! Where a rewritten (3.1 or 2.0) document fails the typed parse. serde_yaml gives no position
//! for an in-memory document, and the path that `serde_path_to_error` gives stops at the first
//! untagged enum (openapiv3's `ReferenceOr`, a schema's kind): from there each node is parsed
//! again as what it is, down to the deepest one that fails, whose own message is the useful one.

use crate::pointer::{join, tokens_of};
use crate::read::deep_refs::{kind_at, Kind};
use crate::read::places::{key_text, node_at, walk};
use openapiv3::{
    Header, MediaType, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

/// The deepest pointer at or below `pointer` (in `document`) whose node fails its typed parse,
/// and the message of that failure (`message` when no deeper one is found).
pub fn narrow(document: &Value, mut pointer: String, mut message: String) -> (String, String) {
    // Each round goes one level deeper; a document is not deeper than this.
    for _ in 0..256 {
        let Some(node) = node_at(document, &tokens_of(&pointer)) else {
            break;
        };
        let kind = kind_at(&tokens_of(&pointer));
        let deeper = match kind {
            Kind::Schema => failing_member(node).map(|member| (member, message.clone())),
            _ => failing_child(node, &pointer),
        };
        let deeper = deeper.or_else(|| attempt_as(kind, node).filter(|(path, _)| !path.is_empty()));
        match deeper {
            Some((path, deeper_message)) => {
                pointer = path
                    .iter()
                    .fold(pointer, |pointer, token| join(&pointer, token));
                message = deeper_message;
            }
            None => {
                // The node itself: its own parse says best what is wrong, and the key whose
                // removal lets it parse is where.
                if let Some((_, own)) = attempt_as(kind, node) {
                    message = own;
                    if let Some(key) = failing_key(kind, node) {
                        pointer = join(&pointer, &key);
                    }
                }
                break;
            }
        }
    }
    (pointer, message)
}

/// The one key of a mapping without which it parses as a node of `kind` (`required: yes` in a
/// schema), when there is one. A parse per key, on a node already known to fail.
fn failing_key(kind: Kind, node: &Value) -> Option<String> {
    let map = node.as_mapping()?;
    map.keys().filter_map(Value::as_str).find_map(|key| {
        let mut without = map.clone();
        without.remove(key);
        attempt_as(kind, &Value::Mapping(without))
            .is_none()
            .then(|| key.to_owned())
    })
}

/// The typed parse of `node` as a node of `kind` (`None`: it parses, or its kind has no type).
pub(crate) fn attempt_as(kind: Kind, node: &Value) -> Option<(Vec<String>, String)> {
    if node.get("$ref").is_some() {
        return None;
    }
    match kind {
        Kind::PathItem => attempt::<PathItem>(node),
        Kind::Operation => attempt::<Operation>(node),
        Kind::Parameter => attempt::<Parameter>(node),
        Kind::Response => attempt::<Response>(node),
        Kind::RequestBody => attempt::<RequestBody>(node),
        Kind::Header => attempt::<Header>(node),
        Kind::MediaType => attempt::<MediaType>(node),
        Kind::SecurityScheme => attempt::<SecurityScheme>(node),
        Kind::Schema => attempt::<Schema>(node),
        _ => None,
    }
}

/// The first child of a node (not a schema) that fails its own typed parse.
fn failing_child(node: &Value, pointer: &str) -> Option<(Vec<String>, String)> {
    let children: Vec<(String, &Value)> = match node {
        Value::Mapping(map) => map
            .iter()
            .filter_map(|(key, child)| Some((key_text(key)?, child)))
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (index.to_string(), child))
            .collect(),
        _ => return None,
    };
    children.into_iter().find_map(|(token, child)| {
        let kind = kind_at(&tokens_of(&join(pointer, &token)));
        let failure = match kind {
            Kind::Other => failing_child(child, &join(pointer, &token)).map(|(_, m)| m),
            kind => attempt_as(kind, child).map(|(_, m)| m),
        };
        failure.map(|message| (vec![token], message))
    })
}

/// The typed parse of `node` as `T`: on failure, the path below `node` and the message.
fn attempt<T: DeserializeOwned>(node: &Value) -> Option<(Vec<String>, String)> {
    let error = serde_path_to_error::deserialize::<_, T>(node.clone()).err()?;
    Some((path_tokens(error.path()), error.into_inner().to_string()))
}

/// The JSON pointer tokens of a path where deserializing failed.
pub fn path_tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

/// The first schema inside a schema that fails its own parse, as tokens (`properties`, `name`).
fn failing_member(schema: &Value) -> Option<Vec<String>> {
    let map = schema.as_mapping()?;
    let fails = |member: &Value| attempt::<ReferenceOr<Schema>>(member).is_some();
    for (key, child) in map {
        let Some(key) = key.as_str() else { continue };
        let found = match key {
            "properties" => child
                .as_mapping()
                .into_iter()
                .flatten()
                .find_map(|(name, member)| {
                    let name = name.as_str()?;
                    fails(member).then(|| vec![key.to_owned(), name.to_owned()])
                }),
            "items" | "not" => fails(child).then(|| vec![key.to_owned()]),
            "additionalProperties" if child.is_mapping() => {
                fails(child).then(|| vec![key.to_owned()])
            }
            "allOf" | "anyOf" | "oneOf" => child
                .as_sequence()
                .into_iter()
                .flatten()
                .enumerate()
                .find_map(|(index, member)| {
                    fails(member).then(|| vec![key.to_owned(), index.to_string()])
                }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Every node of `kind` in `document` (not below another) whose typed parse fails: the pointer of
/// the deepest part that fails, and its message, in the order a walk meets them. One walk finds
/// every defect of a kind that a typed parse of the whole would find one at a time.
pub fn refused_of_kind(document: &Value, kind: Kind) -> Vec<(String, String)> {
    let mut refused = Vec::new();
    walk(document, &mut Vec::new(), &mut |node, path| {
        if path.is_empty() || kind_at(path) != kind {
            return true;
        }
        if let Some((inner, message)) = attempt_as(kind, node) {
            let pointer = (path.iter().chain(&inner)).fold(String::from("#"), |p, t| join(&p, t));
            refused.push((pointer, message));
        }
        false
    });
    refused
        .into_iter()
        .map(|(pointer, message)| narrow(document, pointer, message))
        .collect()
}
