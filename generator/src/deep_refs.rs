//! `$ref`s that point anywhere in the document (`#/paths/~1pets/get/responses/200`,
//! `#/components/schemas/Pet/properties/id`) rather than at a component by name.
//!
//! The openapiv3 model resolves only `#/components/<section>/<name>`, so such documents are
//! rewritten before the typed parse: a schema that is the target of a deep reference moves to
//! `components/schemas` under a name made from its location, and both its old place and every
//! reference point there (one type, shared); any other target (a response, a parameter, ...) is
//! copied into each place that references it. Specs without deep references never take this path.

use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How many rounds of copying are allowed: copies may hold deep references of their own.
const MAX_ROUNDS: usize = 8;

/// A cheap scan of the text: does any `$ref` point deeper than `#/components/<section>/<name>`?
pub fn has_deep_refs(text: &str) -> bool {
    let mut rest = text;
    while let Some(found) = rest.find("$ref") {
        rest = &rest[found + 4..];
        let value = rest.trim_start_matches(['"', '\'', ' ', ':', '\t']);
        let end = value
            .find(['"', '\'', '\n', '\r', '}', ','])
            .unwrap_or(value.len());
        if is_deep(value[..end].trim()) {
            return true;
        }
    }
    false
}

fn is_deep(reference: &str) -> bool {
    let Some(path) = reference.strip_prefix("#/") else {
        return false;
    };
    let segments: Vec<&str> = path.split('/').collect();
    !(segments.len() == 3 && segments[0] == "components")
}

/// Rewrites every deep reference of `document` as described in the module docs.
pub fn normalize(document: &mut Value) {
    let mut names: BTreeSet<String> = component_schema_names(document);
    for _ in 0..MAX_ROUNDS {
        let mut refs = Vec::new();
        collect_refs(document, &mut Vec::new(), &mut refs);
        let mut targets: Vec<String> = refs
            .iter()
            .filter(|(_, reference)| is_deep(reference))
            .map(|(_, reference)| reference.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if targets.is_empty() {
            return;
        }
        // Deepest first: a target inside another one moves before its container does.
        targets.sort_by_key(|target| std::cmp::Reverse(target.matches('/').count()));
        let mut renamed: BTreeMap<String, String> = BTreeMap::new();
        for target in &targets {
            let tokens = tokens_of(target);
            if is_schema_location(&tokens) {
                let Some(node) = pointer_mut(document, &tokens) else {
                    continue;
                };
                if let Some(existing) = node.get("$ref").and_then(Value::as_str) {
                    renamed.insert(target.clone(), existing.to_owned());
                    continue;
                }
                let name = unique_name(&tokens, &mut names);
                let reference = format!("#/components/schemas/{name}");
                let schema = std::mem::replace(node, ref_node(&reference));
                if let Some(schemas) = schemas_mut(document) {
                    schemas.insert(Value::String(name), schema);
                    renamed.insert(target.clone(), reference);
                }
            }
        }
        // A deep reference may point at another deep reference: follow such chains to their end.
        let chained: BTreeMap<String, String> = renamed
            .iter()
            .map(|(from, to)| {
                let mut end = to;
                for _ in 0..MAX_ROUNDS {
                    match renamed.get(end) {
                        Some(next) if next != end => end = next,
                        _ => break,
                    }
                }
                (from.clone(), end.clone())
            })
            .collect();
        rewrite_refs(document, &chained);
        // What is left deep (responses, parameters, ...) is copied into place.
        let mut copies = Vec::new();
        for (location, reference) in &refs {
            if is_deep(reference) && !renamed.contains_key(reference) {
                if let Some(target) =
                    pointer_mut(document, &tokens_of(reference)).map(|node| node.clone())
                {
                    copies.push((location.clone(), target));
                }
            }
        }
        for (location, target) in copies {
            if let Some(node) = pointer_mut(document, &location) {
                *node = target;
            }
        }
    }
}

fn ref_node(reference: &str) -> Value {
    let mut map = Mapping::new();
    map.insert(
        Value::String("$ref".to_owned()),
        Value::String(reference.to_owned()),
    );
    Value::Mapping(map)
}

fn component_schema_names(document: &Value) -> BTreeSet<String> {
    document
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|schemas| {
            schemas
                .keys()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn schemas_mut(document: &mut Value) -> Option<&mut Mapping> {
    let components = child_mapping(document.as_mapping_mut()?, "components")?;
    child_mapping(components, "schemas")
}

/// The mapping under `key`, created when absent or null.
fn child_mapping<'m>(map: &'m mut Mapping, key: &str) -> Option<&'m mut Mapping> {
    let entry = map
        .entry(Value::String(key.to_owned()))
        .or_insert(Value::Null);
    if entry.is_null() {
        *entry = Value::Mapping(Mapping::new());
    }
    entry.as_mapping_mut()
}

/// Whether the node at `tokens` is a schema: under `components/schemas`, or under a `schema` key.
fn is_schema_location(tokens: &[String]) -> bool {
    (tokens.len() > 2 && tokens[0] == "components" && tokens[1] == "schemas")
        || tokens.iter().any(|token| token == "schema")
}

/// A name from the location's last meaningful tokens: `Video/properties/uuid` → `VideoUuid`.
fn unique_name(tokens: &[String], names: &mut BTreeSet<String>) -> String {
    const STRUCTURAL: &[&str] = &[
        "components",
        "schemas",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "content",
        "schema",
        "paths",
        "responses",
        "requestBody",
        "parameters",
        "additionalProperties",
        "get",
        "put",
        "post",
        "delete",
        "patch",
        "options",
        "head",
        "trace",
    ];
    let meaningful: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|token| {
            !STRUCTURAL.contains(token) && !token.contains('/') && token.parse::<usize>().is_err()
        })
        .collect();
    let start = meaningful.len().saturating_sub(2);
    let mut base: String = meaningful[start..]
        .iter()
        .map(|token| capitalize(token))
        .collect();
    if base.is_empty() {
        base = "Shared".to_owned();
    }
    let mut name = base.clone();
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    names.insert(name.clone());
    name
}

fn capitalize(token: &str) -> String {
    let clean: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut chars = clean.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn tokens_of(reference: &str) -> Vec<String> {
    reference
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|token| {
            token
                .replace("~1", "/")
                .replace("~0", "~")
                .replace("%7B", "{")
                .replace("%7D", "}")
                .replace("%20", " ")
        })
        .collect()
}

fn pointer_mut<'v>(document: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    let mut node = document;
    for token in tokens {
        node = match node {
            Value::Mapping(map) => map.get_mut(token.as_str())?,
            Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn collect_refs(node: &Value, path: &mut Vec<String>, refs: &mut Vec<(Vec<String>, String)>) {
    match node {
        Value::Mapping(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                refs.push((path.clone(), reference.to_owned()));
            }
            for (key, value) in map {
                let key = match key {
                    Value::String(text) => text.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                };
                path.push(key);
                collect_refs(value, path, refs);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                collect_refs(item, path, refs);
                path.pop();
            }
        }
        _ => {}
    }
}

fn rewrite_refs(node: &mut Value, renamed: &BTreeMap<String, String>) {
    match node {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(new) = renamed.get(reference.as_str()) {
                    *reference = new.clone();
                }
            }
            for (_, value) in map.iter_mut() {
                rewrite_refs(value, renamed);
            }
        }
        Value::Sequence(items) => items
            .iter_mut()
            .for_each(|item| rewrite_refs(item, renamed)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '401':
          description: unauthorized
          content:
            application/json:
              schema:
                type: object
                properties:
                  code: {type: string}
  /b:
    get:
      responses:
        '401': {$ref: '#/paths/~1a/get/responses/401'}
components:
  schemas:
    Video:
      type: object
      properties:
        uuid: {type: string, format: uuid}
    VideoInfo:
      type: object
      properties:
        uuid: {$ref: '#/components/schemas/Video/properties/uuid'}
        code: {$ref: '#/paths/~1a/get/responses/401/content/application~1json/schema/properties/code'}
";

    #[test]
    fn detects_deep_refs_only() {
        assert!(has_deep_refs(SPEC));
        assert!(!has_deep_refs("x: {$ref: '#/components/schemas/Pet'}\ny:\n  $ref: \"#/components/responses/NotFound\"\n"));
    }

    #[test]
    fn hoists_schemas_and_copies_responses() {
        let mut document: Value = serde_yaml::from_str(SPEC).expect("yaml");
        normalize(&mut document);
        let text = serde_yaml::to_string(&document).expect("yaml");
        assert!(!has_deep_refs(&text), "{text}");
        let schemas = document["components"]["schemas"]
            .as_mapping()
            .expect("schemas");
        assert_eq!(
            document["components"]["schemas"]["VideoUuid"]["format"],
            Value::from("uuid")
        );
        assert_eq!(
            document["components"]["schemas"]["Video"]["properties"]["uuid"]["$ref"],
            Value::from("#/components/schemas/VideoUuid")
        );
        assert_eq!(
            document["components"]["schemas"]["VideoInfo"]["properties"]["uuid"]["$ref"],
            Value::from("#/components/schemas/VideoUuid")
        );
        assert!(schemas.len() >= 4, "{text}");
        assert_eq!(
            document["paths"]["/b"]["get"]["responses"]["401"]["description"],
            Value::from("unauthorized")
        );
        let api: openapiv3::OpenAPI = serde_yaml::from_value(document).expect("typed");
        assert!(api.components.is_some());
    }
}
