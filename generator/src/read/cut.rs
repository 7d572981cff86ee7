//! A node of the wrong shape costs the smallest item that holds it, not the document: the typed
//! model refused the document at a node, and the item around that node is cut (a schema becomes
//! `{}`, any JSON value; a parameter, response, header or example is left out; an operation
//! whose request body cannot be read is left out, since without its body a call would send
//! something else), then the document is read again. What nothing smaller answers for (`info`)
//! still refuses it.

use crate::pointer::{join, tokens_of};
use crate::read::deep_refs::{kind_at, Kind, Moves};
use crate::read::places::{key_text, node_at_mut as node_mut};
use serde_yaml::{Mapping, Value};

/// What a cut did: the item's pointer (in the document read), what it was and what became of it,
/// and where the items after it in its list stood before.
pub struct Cut {
    /// The item cut.
    pub pointer: String,
    /// What it was: `parameter`, `schema`.
    pub noun: &'static str,
    /// Its kind.
    pub kind: Kind,
    /// What became of it: `left out`, `typed as any JSON value`.
    pub predicate: &'static str,
    /// The list items after a removed one, one place back now.
    pub moves: Moves,
}

impl Cut {
    /// The cost in words that follow the refusal's message, `at` naming the item in the file
    /// (`None` when it is the node refused).
    pub fn cost(&self, at: Option<&str>) -> String {
        let (noun, predicate) = (self.noun, self.predicate);
        match at {
            None => format!("the {noun} is {predicate}"),
            Some(at) => format!("the {noun} at {at} is {predicate}"),
        }
    }
}

/// Keywords whose value is a schema (JSON Schema 2020-12 §10, OpenAPI 3.0.3 §4.7.24).
const SCHEMA_KEYWORDS: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "additionalItems",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Keywords whose value holds schemas by name or position.
const SCHEMA_LISTS: &[&str] = &[
    "properties",
    "patternProperties",
    "allOf",
    "oneOf",
    "anyOf",
    "prefixItems",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Cuts the item of `document` that holds the node at `failing`; `None` when no item smaller than
/// the document holds it.
pub fn cut(document: &mut Value, failing: &str) -> Option<Cut> {
    let tokens = tokens_of(failing);
    for len in (1..=tokens.len()).rev() {
        let prefix = &tokens[..len];
        let Some((noun, predicate)) = unit(prefix) else {
            continue;
        };
        let pointer = prefix.iter().fold(String::from("#"), |p, t| join(&p, t));
        let moves = match noun {
            "schema" => {
                let node = node_mut(document, prefix)?;
                // Already any value: the refusal is about what holds it.
                if node.as_mapping().is_some_and(Mapping::is_empty) {
                    continue;
                }
                *node = Value::Mapping(Mapping::new());
                Moves::default()
            }
            // Held by a node of the wrong shape itself (`responses: [200]`): that one is cut.
            _ => match remove(document, prefix) {
                Some(moves) => moves,
                None => continue,
            },
        };
        return Some(Cut {
            pointer,
            noun,
            kind: kind_at(prefix),
            predicate,
            moves,
        });
    }
    None
}

/// What the item at `prefix` is and what cutting it costs, when it is one that can be cut.
fn unit(prefix: &[String]) -> Option<(&'static str, &'static str)> {
    let left_out = "left out";
    let in_paths = prefix.first().is_some_and(|first| first == "paths");
    let top_list =
        matches!(prefix, [list, _] if ["servers", "tags", "security"].contains(&list.as_str()));
    if top_list {
        return Some(("item", left_out));
    }
    match kind_at(prefix) {
        Kind::Schema if is_schema_position(prefix) => Some(("schema", "typed as any JSON value")),
        Kind::Parameter => Some(("parameter", left_out)),
        Kind::Response => Some(("response", left_out)),
        Kind::Header => Some(("header", left_out)),
        Kind::Example => Some(("example", left_out)),
        Kind::Link => Some(("link", left_out)),
        Kind::Callback => Some(("callback", left_out)),
        Kind::SecurityScheme => Some(("security scheme", left_out)),
        // A call without its body would send something else: its operation answers for it.
        Kind::RequestBody if !in_paths => Some(("request body", left_out)),
        Kind::Operation => Some(("operation", left_out)),
        Kind::PathItem => Some(("path", left_out)),
        _ => None,
    }
}

/// Whether a schema starts at `prefix`, rather than a keyword of one (`required`, `type`).
fn is_schema_position(prefix: &[String]) -> bool {
    let Some((last, parent)) = prefix.split_last() else {
        return false;
    };
    if kind_at(parent) != Kind::Schema {
        return true;
    }
    SCHEMA_KEYWORDS.contains(&last.as_str())
        || (parent.last()).is_some_and(|list| SCHEMA_LISTS.contains(&list.as_str()))
}

/// Removes the node at `tokens` from its mapping or list (a list only where OpenAPI writes one);
/// the items after it in a list are recorded as moved one place back. `None`: it does not stand
/// where OpenAPI puts it (`responses: [200]`), and what holds it is cut instead.
fn remove(document: &mut Value, tokens: &[String]) -> Option<Moves> {
    let (last, parent_tokens) = tokens.split_last()?;
    let parent = node_mut(document, parent_tokens)?;
    let parent_pointer = parent_tokens
        .iter()
        .fold(String::from("#"), |p, t| join(&p, t));
    let mut moves = Moves::default();
    // OpenAPI writes these as lists: an operation's or a path item's `parameters`, and the
    // top-level `servers`, `tags` and `security`; the components' sections are mappings.
    let in_list = match parent_tokens {
        [list] => ["servers", "tags", "security"].contains(&list.as_str()),
        [first, .., list] => first == "paths" && list == "parameters",
        [] => false,
    };
    match parent {
        Value::Mapping(map) if !in_list => {
            let key = map
                .keys()
                .find(|key| key_text(key).as_deref() == Some(last))?;
            let key = key.clone();
            map.remove(&key);
        }
        Value::Sequence(list) if in_list => {
            let index = last.parse::<usize>().ok().filter(|i| *i < list.len())?;
            list.remove(index);
            for now in index..list.len() {
                let before = join(&parent_pointer, &(now + 1).to_string());
                moves.record(join(&parent_pointer, &now.to_string()), before);
            }
        }
        _ => return None,
    }
    Some(moves)
}

#[cfg(test)]
mod tests;
