//! `$ref`s that point anywhere in the document (`#/paths/~1pets/get/responses/200`,
//! `#/components/schemas/Pet/properties/id`, `#/x-shared/Pet`) rather than at a component by name.
//!
//! The openapiv3 model resolves only `#/components/<section>/<name>`, so such documents are
//! rewritten before the typed parse: every target of a deep reference moves, once, to the
//! components section of what it is (a schema, a response, a parameter, ...), under a name made
//! from its location, and its old place and every reference point there. What the target is comes
//! from where the references to it stand (a `$ref` under `responses/200` names a response). Nothing
//! is ever copied, so a document that refers across itself in loops stays its own size; the moves
//! are recorded ([`Moves`]) so that diagnostics still name the place in the file.

use crate::pointer::{escape_token, join, tokens_of};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

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

/// A reference to a place in this document.
fn is_local(reference: &str) -> bool {
    crate::pointer::JsonPointer::parse_ref(reference).is_ok()
}

fn is_deep(reference: &str) -> bool {
    is_local(reference) && {
        let tokens = tokens_of(reference);
        // `#`, the whole document, is no component of any kind: it is left to be reported.
        let component = tokens.len() == 3 && tokens[0] == "components";
        !tokens.is_empty() && !component
    }
}

/// Where moved targets came from: pointer now → pointer in the file.
#[derive(Debug, Clone, Default)]
pub struct Moves(BTreeMap<String, String>);

impl Moves {
    /// Records that what is at `now` stood at `before` in the file.
    pub(crate) fn record(&mut self, now: String, before: String) {
        self.0.insert(now, before);
    }

    /// The moves the other way: where what stood at a pointer of the file is now (the first of
    /// its places, when it was copied to several, as a body schema to each media type).
    pub(crate) fn inverted(&self) -> Moves {
        let mut inverted = BTreeMap::new();
        for (now, before) in &self.0 {
            inverted
                .entry(before.clone())
                .or_insert_with(|| now.clone());
        }
        Moves(inverted)
    }

    /// The pointer in the file of what `pointer` (in the rewritten document) names: the longest
    /// moved prefix of it is replaced (a few lookups per diagnostic, however many moves).
    pub fn original(&self, pointer: &str) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let ends = pointer.match_indices('/').map(|(index, _)| index);
        let mut prefixes: Vec<usize> = ends.chain([pointer.len()]).collect();
        prefixes.reverse();
        prefixes.into_iter().find_map(|end| {
            let before = self.0.get(&pointer[..end])?;
            Some(format!("{before}{}", &pointer[end..]))
        })
    }
}

/// What a node of the document is, as far as references care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Schema,
    Response,
    Parameter,
    RequestBody,
    Header,
    Example,
    Link,
    Callback,
    SecurityScheme,
    PathItem,
    Operation,
    MediaType,
    /// Literal data: an `example`, `examples`, `default`, `enum` or `const` value, an Example
    /// Object's `value` (OpenAPI 3.0.3 §4.7.14, §4.7.19, §4.7.24). A `$ref` key there is data,
    /// never a reference to follow.
    Value,
    /// Anything else: the document root, `info`, extensions.
    Other,
}

/// Keys under which a schema's children are named schemas, not keywords (a property may be
/// named `example`).
const SCHEMA_NAMES: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

impl Kind {
    /// The components section for targets of this kind, when there is one.
    pub(crate) fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Response => "responses",
            Kind::Parameter => "parameters",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    /// The kind of the child `key` of a node of this kind (OpenAPI 3.0 §4.7), following one token.
    pub(crate) fn child(self, key: &str, parent_key: Option<&str>) -> Kind {
        const METHODS: &[&str] = &[
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        let named = parent_key.is_some_and(|parent| SCHEMA_NAMES.contains(&parent));
        match (self, key) {
            (Kind::Value, _) => Kind::Value,
            (Kind::Schema, "example" | "examples" | "default" | "enum" | "const") if !named => {
                Kind::Value
            }
            (Kind::MediaType | Kind::Parameter | Kind::Header, "example") => Kind::Value,
            (Kind::Example, "value") => Kind::Value,
            // Everything else below a schema is a schema; `$ref`s stand only where schemas do.
            (Kind::Schema, _) => Kind::Schema,
            (Kind::PathItem, method) if METHODS.contains(&method) => Kind::Operation,
            (Kind::PathItem | Kind::Operation, "parameters") => Kind::Other,
            (Kind::Other, _) if parent_key == Some("parameters") => Kind::Parameter,
            (Kind::Operation, "requestBody") => Kind::RequestBody,
            (Kind::Operation, "responses") => Kind::Other,
            (Kind::Other, _) if parent_key == Some("responses") => Kind::Response,
            (Kind::Operation, "callbacks") => Kind::Other,
            (Kind::Other, _) if parent_key == Some("callbacks") => Kind::Callback,
            (Kind::Callback, _) => Kind::PathItem,
            (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => Kind::Schema,
            (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
                Kind::Other
            }
            (Kind::Other, _) if parent_key == Some("content") => Kind::MediaType,
            (Kind::Response, "headers") | (Kind::Response, "links") => Kind::Other,
            (Kind::Other, _) if parent_key == Some("headers") => Kind::Header,
            (Kind::Other, _) if parent_key == Some("links") => Kind::Link,
            (Kind::MediaType | Kind::Parameter | Kind::Header, "examples") => Kind::Other,
            (Kind::Other, _) if parent_key == Some("examples") => Kind::Example,
            _ => Kind::Other,
        }
    }
}

/// The kind of the node at `tokens` (the place where a `$ref` stands).
pub(crate) fn kind_at(tokens: &[String]) -> Kind {
    let (kind, rest) = match tokens {
        [first, section, _name, rest @ ..] if first == "components" => {
            let kind = match section.as_str() {
                "schemas" => Kind::Schema,
                "responses" => Kind::Response,
                "parameters" => Kind::Parameter,
                "requestBodies" => Kind::RequestBody,
                "headers" => Kind::Header,
                "examples" => Kind::Example,
                "links" => Kind::Link,
                "callbacks" => Kind::Callback,
                "securitySchemes" => Kind::SecurityScheme,
                "pathItems" => Kind::PathItem,
                _ => Kind::Other,
            };
            (kind, rest)
        }
        [first, _path, rest @ ..] if first == "paths" || first == "webhooks" => {
            (Kind::PathItem, rest)
        }
        _ => return Kind::Other,
    };
    descend(kind, None, rest)
}

/// The kind reached from a node of kind `kind`, whose key is `key`, through `rest`.
fn descend(mut kind: Kind, key: Option<&str>, rest: &[String]) -> Kind {
    let mut parent_key = key;
    for token in rest {
        kind = kind.child(token, parent_key);
        parent_key = Some(token);
    }
    kind
}

/// What each deep target is (by its tokens): the kind of the place of a reference to it, or, for
/// a reference standing inside another target (`#/x-shared/A` referring to `#/x-shared/B`), the
/// kind its place has inside that target, once that target's kind is known.
fn target_kinds(refs: &[(Vec<String>, String)]) -> BTreeMap<Vec<String>, Kind> {
    let targets: Vec<Option<Vec<String>>> = refs
        .iter()
        .map(|(_, reference)| is_deep(reference).then(|| tokens_of(reference)))
        .collect();
    let all: BTreeSet<Vec<String>> = targets.iter().flatten().cloned().collect();
    // For each target, the references that stand inside it (or are it).
    let mut inside: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    let mut kinds: BTreeMap<Vec<String>, Kind> = BTreeMap::new();
    let mut queue = Vec::new();
    for (index, ((location, _), target)) in refs.iter().zip(&targets).enumerate() {
        let Some(target) = target else {
            continue;
        };
        for len in 0..=location.len() {
            if all.contains(&location[..len]) {
                inside
                    .entry(location[..len].to_vec())
                    .or_default()
                    .push(index);
            }
        }
        let kind = kind_at(location);
        if kind != Kind::Other && !kinds.contains_key(target) {
            kinds.insert(target.clone(), kind);
            queue.push(target.clone());
        }
    }
    while let Some(container) = queue.pop() {
        let kind = kinds[&container];
        for &index in inside.get(&container).into_iter().flatten() {
            let Some(target) = &targets[index] else {
                continue;
            };
            if kinds.contains_key(target) {
                continue;
            }
            let rest = &refs[index].0[container.len()..];
            let inner = descend(kind, container.last().map(String::as_str), rest);
            if inner != Kind::Other {
                kinds.insert(target.clone(), inner);
                queue.push(target.clone());
            }
        }
    }
    kinds
}

/// Moves every target of a deep reference of `document` into its components section, as the
/// module docs say; returns the moves.
pub fn normalize(document: &mut Value) -> Moves {
    let mut refs = Vec::new();
    collect_refs(document, &mut Vec::new(), &mut refs);
    refs.retain(|(location, _)| kind_at(location) != Kind::Value);
    let kinds = target_kinds(&refs);
    // Deepest first: a target inside another one moves before its container does, so every
    // pointer still names what it named in the file when its target moves.
    // Within one depth, in the order of the pointers' text: new components are defined in it.
    let mut order: Vec<(String, &Vec<String>, Kind)> = kinds
        .iter()
        .map(|(tokens, kind)| (canonical(tokens), tokens, *kind))
        .collect();
    order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let mut names = component_names(document);
    // Canonical pointer of a target → the reference that replaces it.
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut moves = Moves::default();
    for (target, tokens, kind) in order {
        let Some(section) = kind.section() else {
            continue;
        };
        let Some(node) = crate::read::places::node_at_mut(document, tokens) else {
            continue;
        };
        if let Some(existing) = node.get("$ref").and_then(Value::as_str) {
            // A target that is itself a reference: references to it go where it goes (a
            // reference into another file stays as written, to be reported as such).
            let end = match is_local(existing) {
                true => canonical(&tokens_of(existing)),
                false => existing.to_owned(),
            };
            renamed.insert(target, end);
            continue;
        }
        let name = unique_name(section, tokens, &mut names);
        let reference = join(&format!("#/components/{section}"), &name);
        let moved = std::mem::replace(node, ref_node(&reference));
        if let Some(components) = section_mut(document, section) {
            components.insert(Value::String(name), moved);
            moves.0.insert(reference.clone(), target.clone());
            renamed.insert(target, reference);
        }
    }
    // A deep reference may point at another deep reference: follow such chains to their end.
    let chained: BTreeMap<String, String> = renamed
        .iter()
        .map(|(from, to)| {
            let mut end = to;
            let mut seen = BTreeSet::new();
            while let Some(next) = renamed.get(end) {
                if !seen.insert(end) {
                    break;
                }
                end = next;
            }
            (from.clone(), end.clone())
        })
        .collect();
    rewrite_refs(document, &mut Vec::new(), &chained);
    moves
}

/// `#/a/b` from tokens.
fn canonical(tokens: &[String]) -> String {
    tokens
        .iter()
        .fold("#".to_owned(), |pointer, token| join(&pointer, token))
}

fn ref_node(reference: &str) -> Value {
    let mut map = Mapping::new();
    map.insert(
        Value::String("$ref".to_owned()),
        Value::String(reference.to_owned()),
    );
    Value::Mapping(map)
}

/// `section/name` of every component, so that moved targets take free names.
fn component_names(document: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let sections = document.get("components").and_then(Value::as_mapping);
    for (section, entries) in sections.into_iter().flatten() {
        let (Some(section), Some(entries)) = (section.as_str(), entries.as_mapping()) else {
            continue;
        };
        for name in entries.keys().filter_map(Value::as_str) {
            names.insert(format!("{section}/{name}"));
        }
    }
    names
}

fn section_mut<'d>(document: &'d mut Value, section: &str) -> Option<&'d mut Mapping> {
    let components = child_mapping(document.as_mapping_mut()?, "components")?;
    child_mapping(components, section)
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

/// A name from the location's last meaningful tokens: `Video/properties/uuid` → `VideoUuid`.
fn unique_name(section: &str, tokens: &[String], names: &mut BTreeSet<String>) -> String {
    const STRUCTURAL: &[&str] = &[
        "components",
        "schemas",
        "$defs",
        "definitions",
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
        "requestBodies",
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
    // Numbers are array indices, except the status code of a response that is the target.
    let meaningful: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(index, token)| {
            let status =
                *index + 1 == tokens.len() && *index > 0 && tokens[index - 1] == "responses";
            !STRUCTURAL.contains(&token.as_str())
                && !token.contains('/')
                && (status || token.parse::<usize>().is_err())
        })
        .map(|(_, token)| token.as_str())
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
    while names.contains(&format!("{section}/{}", escape_token(&name))) {
        name = format!("{base}{n}");
        n += 1;
    }
    names.insert(format!("{section}/{}", escape_token(&name)));
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

fn collect_refs(node: &Value, path: &mut Vec<String>, refs: &mut Vec<(Vec<String>, String)>) {
    crate::read::places::walk(node, path, &mut |node, path| {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            refs.push((path.to_vec(), reference.to_owned()));
        }
        true
    });
}

/// Points every reference to a moved target (by any spelling of its pointer) at its new place;
/// literal data (`path` a [`Kind::Value`]) is left as written.
fn rewrite_refs(node: &mut Value, path: &mut Vec<String>, renamed: &BTreeMap<String, String>) {
    crate::read::places::walk_mut(node, path, &mut |node, path| {
        if let Some(Value::String(reference)) = node.get_mut("$ref") {
            if is_deep(reference) && kind_at(path) != Kind::Value {
                if let Some(new) = renamed.get(&canonical(&tokens_of(reference))) {
                    *reference = new.clone();
                }
            }
        }
        true
    });
}

#[cfg(test)]
mod tests;
