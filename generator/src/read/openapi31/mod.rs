//! OpenAPI 3.1 (and 3.2) documents, rewritten in place into the OpenAPI 3.0 model the rest of the
//! generator reads, before the typed parse. One conversion: 3.1 constructs become the 3.0 ones
//! that mean the same (JSON Schema 2020-12 → the OpenAPI 3.0 schema object):
//!
//! - `type: [T, "null"]` → `type: T` + `nullable: true`; several non-null types → `anyOf` of each;
//! - `enum` listing `null` with no `type` that refuses it → `nullable: true`;
//! - `anyOf`/`oneOf` with `{type: "null"}` members → the others, `nullable: true` (one left:
//!   `allOf: [it]`, the 3.0 idiom for a nullable `$ref`);
//! - `$ref` beside other keywords → `allOf: [{$ref}]` beside them;
//! - `const: v` → `enum: [v]` (with the value's type when none is given); numeric
//!   `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` with the 3.0 boolean;
//!   `contentEncoding: base64` → `format: byte`; a binary `contentMediaType` → `format: binary`;
//!   boolean schemas → `{}` or `{not: {}}`; `unevaluatedProperties: false` →
//!   `additionalProperties: false`; `prefixItems` of one schema → `items`;
//! - OpenAPI 3.2's `itemSchema` of a `text/event-stream` → `schema` (the events' data);
//! - document level: `paths` may be absent; path items given by `$ref` are written out in place
//!   ([`inline_path_items`], for every version); `mutualTLS` security schemes become HTTP schemes
//!   the client cannot apply (their operations are generated without them).
//!
//! What has no counterpart is reported ([`UNSUPPORTED_TUPLE`], [`UNSUPPORTED_CONDITIONAL`]) and
//! falls back to what remains of the schema (any JSON at worst). Where a rewrite renames a node
//! (`anyOf/1` → `allOf/0`), the move is recorded so that diagnostics name the place in the file.
//! A 3.0 or 2.0 document read through a YAML value gets only the rewrites its own model needs
//! (see [`normalize`]).

use crate::pointer::join;
use crate::read::deep_refs::{Kind, Moves};
use serde_yaml::{Mapping, Value};

/// True for an OpenAPI 3.1 or 3.2 document.
pub fn is_openapi_31(document: &Value) -> bool {
    document
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|version| version.starts_with("3.1") || version.starts_with("3.2"))
}

/// Rewrites a 3.1 `document` as the module docs say; returns the renames it made and where it
/// met the constructs older documents are seen to borrow from 3.1 (a type list, a `null` type,
/// numeric exclusive bounds), each with its name, to warn about them in those documents.
///
/// Without `full` (an OpenAPI 3.0 or Swagger 2.0 document), only what the typed model would
/// refuse or lose is rewritten (those borrowed constructs, boolean schemas, `default: null`):
/// keywords 3.0 ignores (`$ref` siblings, `const`, `prefixItems`, ...) keep being ignored, so a
/// 3.0 document means the same whichever way it is read.
pub fn normalize(document: &mut Value, full: bool) -> (Moves, Vec<(String, &'static str)>) {
    let mut moves = Moves::default();
    if let Some(map) = document.as_mapping_mut() {
        map.entry(Value::from("paths"))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        // The typed model reads 3.0 documents; the version the file declares is kept for messages.
        if let Some(components) = map.get_mut("components").and_then(Value::as_mapping_mut) {
            mutual_tls(components);
        }
    }
    let mut borrowed = Vec::new();
    walk(
        document,
        Kind::Other,
        None,
        "#",
        &mut (&mut moves, &mut borrowed, full),
    );
    (moves, borrowed)
}

/// What a walk records: renames, and the 3.1 constructs met (see [`normalize`]).
type Records<'r> = (&'r mut Moves, &'r mut Vec<(String, &'static str)>, bool);

/// Path items given by `$ref` (to `components/pathItems`, 3.1's, or to another path) are written
/// out in their place, with the reference's `summary` and `description` over the target's: the
/// typed model reads path items only in place. Returns the moves (each path → its target).
pub fn inline_path_items(document: &mut Value) -> Moves {
    let mut moves = Moves::default();
    let referring: Vec<(Value, String)> = document
        .get("paths")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| {
            let reference = item.get("$ref")?.as_str()?;
            Some((path.clone(), reference.to_owned()))
        })
        .collect();
    for (path, reference) in referring {
        let Some((target, target_pointer)) = path_item_target(document, &reference) else {
            continue; // Reported where path items are read: it names nothing.
        };
        let Some(item) = document
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(&path))
            .and_then(Value::as_mapping_mut)
        else {
            continue;
        };
        item.remove("$ref");
        let mut inlined = target;
        for (key, value) in std::mem::take(item) {
            inlined.insert(key, value);
        }
        *item = inlined;
        moves.record(
            join("#/paths", path.as_str().unwrap_or_default()),
            target_pointer,
        );
    }
    moves
}

/// The path item a local `$ref` names, references followed, with its pointer.
fn path_item_target(document: &Value, reference: &str) -> Option<(Mapping, String)> {
    let mut reference = reference.to_owned();
    for _ in 0..8 {
        let pointer = crate::pointer::JsonPointer::parse_ref(&reference).ok()?;
        let mut node = document;
        for token in pointer.tokens() {
            node = node.as_mapping()?.get(token.as_ref())?;
        }
        let map = node.as_mapping()?;
        match map.get("$ref").and_then(Value::as_str) {
            Some(next) => reference = next.to_owned(),
            None => return Some((map.clone(), reference)),
        }
    }
    None
}

/// `mutualTLS` schemes, which 3.0 has no type for: HTTP schemes that no client setter serves.
fn mutual_tls(components: &mut Mapping) {
    let Some(schemes) = components
        .get_mut("securitySchemes")
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    for (_, scheme) in schemes.iter_mut() {
        let Some(scheme) = scheme.as_mapping_mut() else {
            continue;
        };
        if scheme.get("type").and_then(Value::as_str) == Some("mutualTLS") {
            scheme.insert(Value::from("type"), Value::from("http"));
            scheme.insert(Value::from("scheme"), Value::from("mutual-tls"));
        }
    }
}

/// Walks the document, knowing what each node is, and rewrites every schema found.
fn walk(node: &mut Value, kind: Kind, key: Option<&str>, pointer: &str, moves: &mut Records) {
    if kind == Kind::Schema {
        schema(node, pointer, moves);
        return;
    }
    match node {
        Value::Mapping(map) => {
            if kind == Kind::MediaType && key.is_some_and(is_event_stream) {
                item_schema(map, pointer, moves.0);
            }
            for (child_key, child) in map.iter_mut() {
                let Some(child_key) = child_key.as_str().map(str::to_owned) else {
                    continue;
                };
                let child_kind = match (kind, key) {
                    // The top level and the components, which `Kind` does not model.
                    (Kind::Other, None | Some("components")) => Kind::Other,
                    (Kind::Other, Some("paths" | "webhooks")) => Kind::PathItem,
                    (Kind::Other, Some(section)) if SECTIONS.contains(&section) => {
                        section_entry_kind(section)
                    }
                    _ => kind.child(&child_key, key),
                };
                let child_pointer = join(pointer, &child_key);
                walk(child, child_kind, Some(&child_key), &child_pointer, moves);
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                let token = index.to_string();
                let item_kind = kind.child(&token, key);
                walk(item, item_kind, Some(&token), &join(pointer, &token), moves);
            }
        }
        _ => {}
    }
}

/// `text/event-stream`, with or without parameters.
fn is_event_stream(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/event-stream")
}

/// OpenAPI 3.2's `itemSchema` of an event stream (the schema of each event's data) → `schema`,
/// which the client reads the same way for `text/event-stream`.
fn item_schema(map: &mut Mapping, pointer: &str, moves: &mut Moves) {
    if map.contains_key("schema") {
        return;
    }
    if let Some(item) = map.remove("itemSchema") {
        map.insert(Value::from("schema"), item);
        moves.record(join(pointer, "schema"), join(pointer, "itemSchema"));
    }
}

/// Maps whose entries are all of one kind (in `components`, or an operation's `responses`, ...).
const SECTIONS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "callbacks",
    "pathItems",
];

fn section_entry_kind(section: &str) -> Kind {
    match section {
        "schemas" => Kind::Schema,
        "responses" => Kind::Response,
        "parameters" => Kind::Parameter,
        "requestBodies" => Kind::RequestBody,
        "headers" => Kind::Header,
        "callbacks" => Kind::Callback,
        "pathItems" => Kind::PathItem,
        _ => Kind::Other,
    }
}

/// Keys whose value is a map of schemas.
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs", "definitions"];
/// Keys whose value is one schema.
const SCHEMA_VALUES: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
];
/// Keys whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Rewrites one schema, then the schemas inside it.
fn schema(node: &mut Value, pointer: &str, moves: &mut Records) {
    if let Value::Bool(accepts) = node {
        // A boolean schema: anything (`true`) or nothing (`false`).
        *node = match accepts {
            true => Value::Mapping(Mapping::new()),
            false => {
                let mut map = Mapping::new();
                map.insert(Value::from("not"), Value::Mapping(Mapping::new()));
                Value::Mapping(map)
            }
        };
        return;
    }
    let Some(map) = node.as_mapping_mut() else {
        return;
    };
    // The typed model reads `default: null` as no default; the difference matters to optional
    // nullable fields (see `types::Field::tri_state`).
    if map.get("default") == Some(&Value::Null) {
        map.insert(Value::from(super::keys::DEFAULT_NULL), Value::Bool(true));
    }
    let borrowed = [
        (
            "type",
            "a list of types",
            map.get("type").is_some_and(Value::is_sequence),
        ),
        (
            "type",
            "the type `null`",
            map.get("type").and_then(Value::as_str) == Some("null"),
        ),
        (
            "exclusiveMinimum",
            "a numeric `exclusiveMinimum`",
            is_number(map, "exclusiveMinimum"),
        ),
        (
            "exclusiveMaximum",
            "a numeric `exclusiveMaximum`",
            is_number(map, "exclusiveMaximum"),
        ),
    ];
    for (key, construct, present) in borrowed {
        if present {
            moves.1.push((join(pointer, key), construct));
        }
    }
    null_in_enum(map);
    type_list(map, pointer, moves.0);
    null_members(map, pointer, moves.0);
    exclusive_bound(map, "exclusiveMinimum", "minimum");
    exclusive_bound(map, "exclusiveMaximum", "maximum");
    draft_4_tuple(map, pointer, moves.1);
    if moves.2 {
        full_31_keywords(map, pointer, moves);
    }
    for (key, child) in map.iter_mut() {
        let Some(key) = key.as_str() else {
            continue;
        };
        let child_pointer = join(pointer, key);
        if SCHEMA_MAPS.contains(&key) {
            for (name, member) in child.as_mapping_mut().into_iter().flatten() {
                if let Some(name) = name.as_str() {
                    schema(member, &join(&child_pointer, name), moves);
                }
            }
        } else if SCHEMA_VALUES.contains(&key) {
            // `additionalProperties: false` is also 3.0's: only a schema there is rewritten.
            if !(key == "additionalProperties" && child.is_bool()) {
                schema(child, &child_pointer, moves);
            }
        } else if SCHEMA_LISTS.contains(&key) {
            for (index, member) in child.as_sequence_mut().into_iter().flatten().enumerate() {
                schema(member, &join(&child_pointer, &index.to_string()), moves);
            }
        }
    }
}

/// What [`normalize`] reports for `if`/`then`/`else`, which it drops.
pub const UNSUPPORTED_CONDITIONAL: &str = "a conditional schema (`if`/`then`/`else`)";
/// What [`normalize`] reports for a tuple whose items differ, read as an array of any JSON.
pub const UNSUPPORTED_TUPLE: &str = "a tuple of different item types (`prefixItems`)";

/// The 3.1 keywords a 3.0 reader ignores but a 3.1 document means: `$ref` siblings, tuples,
/// conditionals (dropped, reported), `unevaluatedProperties`, `const`, content encodings.
fn full_31_keywords(map: &mut Mapping, pointer: &str, moves: &mut Records) {
    ref_siblings(map, pointer, moves.0);
    tuple(map, pointer, moves.1);
    if map.contains_key("if") {
        for key in ["if", "then", "else"] {
            map.remove(key);
        }
        moves.1.push((join(pointer, "if"), UNSUPPORTED_CONDITIONAL));
    }
    if !map.contains_key("additionalProperties") {
        if let Some(Value::Bool(false)) = map.get("unevaluatedProperties") {
            map.insert(Value::from("additionalProperties"), Value::Bool(false));
        }
    }
    if let Some(value) = map.remove("const") {
        // A `const` alone says its type by its value.
        let implied = match &value {
            Value::String(_) => Some("string"),
            Value::Bool(_) => Some("boolean"),
            Value::Number(number) if number.is_f64() => Some("number"),
            Value::Number(_) => Some("integer"),
            _ => None,
        };
        if let (Some(implied), false) = (implied, map.contains_key("type")) {
            map.insert(Value::from("type"), Value::from(implied));
        }
        map.insert(Value::from("enum"), Value::Sequence(vec![value]));
    }
    content_format(map);
}

/// 3.1 lets keywords stand beside `$ref` (a description, a default): the reference becomes
/// `allOf: [{$ref}]` beside them, the 3.0 idiom, so that they are not lost.
fn ref_siblings(map: &mut Mapping, pointer: &str, moves: &mut Moves) {
    let has_siblings = map
        .keys()
        .any(|key| !matches!(key.as_str(), Some("$ref" | "$comment")));
    if !has_siblings {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let mut member = Mapping::new();
    member.insert(Value::from("$ref"), reference);
    let all_of = map
        .entry(Value::from("allOf"))
        .or_insert_with(|| Value::Sequence(Vec::new()));
    if let Value::Sequence(members) = all_of {
        let index = members.len();
        members.push(Value::Mapping(member));
        let member_pointer = join(&join(pointer, "allOf"), &index.to_string());
        moves.record(join(&member_pointer, "$ref"), join(pointer, "$ref"));
    }
}

/// What [`normalize`] reports for `items: [...]`, read as `prefixItems`.
pub const DRAFT_4_TUPLE: &str = "a tuple written `items: [...]`";

/// `items: [...]`, a tuple as JSON Schema draft 4 writes it, where OpenAPI (3.0.3 §4.7.24: "items
/// MUST be present if the type is array", a schema) and 2020-12 take one schema: read as
/// 2020-12's `prefixItems` ([`tuple`]), reported once.
fn draft_4_tuple(map: &mut Mapping, pointer: &str, reported: &mut Vec<(String, &'static str)>) {
    if map.contains_key("prefixItems") || !map.get("items").is_some_and(Value::is_sequence) {
        return;
    }
    if let Some(items) = map.remove("items") {
        map.insert(Value::from("prefixItems"), items);
    }
    let before = reported.len();
    tuple(map, pointer, reported);
    reported.truncate(before);
    reported.push((join(pointer, "items"), DRAFT_4_TUPLE));
}

/// `prefixItems` (a tuple): items all of one schema are an array of it; otherwise an array of
/// any JSON, reported. `items: false` after them (no more items) is dropped either way.
fn tuple(map: &mut Mapping, pointer: &str, reported: &mut Vec<(String, &'static str)>) {
    let Some(Value::Sequence(members)) = map.remove("prefixItems") else {
        return;
    };
    if matches!(map.get("items"), Some(Value::Bool(false))) {
        map.remove("items");
    }
    let first = members.first().cloned();
    let same = first
        .as_ref()
        .is_some_and(|first| members.iter().all(|member| member == first));
    match (first, map.contains_key("items")) {
        (Some(first), false) if same => {
            map.insert(Value::from("items"), first);
        }
        _ => {
            map.insert(Value::from("items"), Value::Mapping(Mapping::new()));
            reported.push((join(pointer, "prefixItems"), UNSUPPORTED_TUPLE));
        }
    }
}

fn is_number(map: &Mapping, key: &str) -> bool {
    map.get(key).is_some_and(Value::is_number)
}

/// An `enum` listing `null` admits it (JSON Schema 2020-12 Validation §6.1.2: the value equals
/// one of the list) unless a `type` without `"null"` refuses it: `enum: [a, null]` alone is a
/// nullable enum (`nullable: true`), as `type: [string, "null"]` beside it says. Read as the
/// enum of `a` alone, a `null` sent by the server came back absent.
fn null_in_enum(map: &mut Mapping) {
    let lists_null = matches!(map.get("enum"), Some(Value::Sequence(values)) if values.iter().any(Value::is_null));
    let refused = match map.get("type") {
        Some(Value::String(name)) => name != "null",
        Some(Value::Sequence(types)) => !types.iter().any(|t| t.as_str() == Some("null")),
        _ => false,
    };
    if lists_null && !refused {
        map.insert(Value::from("nullable"), Value::Bool(true));
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several non-null types → `anyOf` (each
/// member recorded as the list entry it came from, so a diagnostic about it names that entry).
fn type_list(map: &mut Mapping, pointer: &str, moves: &mut Moves) {
    let Some(Value::Sequence(types)) = map.get("type").cloned() else {
        if map.get("type").and_then(Value::as_str) == Some("null") {
            map.remove("type");
            map.insert(Value::from("nullable"), Value::Bool(true));
        }
        return;
    };
    let nullable = types.iter().any(|t| t.as_str() == Some("null"));
    let (indexes, others): (Vec<usize>, Vec<Value>) = (types.into_iter().enumerate())
        .filter(|(_, t)| t.as_str() != Some("null"))
        .unzip();
    map.remove("type");
    match others.as_slice() {
        [] => {}
        [only] => {
            map.insert(Value::from("type"), only.clone());
        }
        several => {
            let members = several
                .iter()
                .map(|t| {
                    let mut member = Mapping::new();
                    member.insert(Value::from("type"), t.clone());
                    Value::Mapping(member)
                })
                .collect();
            map.insert(Value::from("anyOf"), Value::Sequence(members));
            let list_pointer = join(pointer, "type");
            for (position, index) in indexes.iter().enumerate() {
                let member = join(&join(pointer, "anyOf"), &position.to_string());
                let entry = join(&list_pointer, &index.to_string());
                moves.record(join(&member, "type"), entry.clone());
                moves.record(member, entry);
            }
        }
    }
    if nullable {
        map.insert(Value::from("nullable"), Value::Bool(true));
    }
}

/// `anyOf`/`oneOf` members that are `{type: "null"}` make the schema nullable; when one member is
/// left it becomes `allOf: [member]`.
fn null_members(map: &mut Mapping, pointer: &str, moves: &mut Moves) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(members)) = map.get(key) else {
            continue;
        };
        let is_null = |member: &Value| {
            member.get("type").and_then(Value::as_str) == Some("null")
                && member.as_mapping().is_some_and(|m| m.len() == 1)
        };
        if !members.iter().any(is_null) {
            continue;
        }
        let kept: Vec<(usize, Value)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_null(member))
            .map(|(index, member)| (index, member.clone()))
            .collect();
        map.remove(key);
        map.insert(Value::from("nullable"), Value::Bool(true));
        let new_key = if kept.len() == 1 { "allOf" } else { key };
        let list_pointer = join(pointer, key);
        for (position, (index, _)) in kept.iter().enumerate() {
            moves.record(
                join(&join(pointer, new_key), &position.to_string()),
                join(&list_pointer, &index.to_string()),
            );
        }
        if !kept.is_empty() {
            let members = kept.into_iter().map(|(_, member)| member).collect();
            map.insert(Value::from(new_key), Value::Sequence(members));
        }
    }
}

/// 3.1's numeric `exclusiveMinimum: n` → 3.0's `minimum: n, exclusiveMinimum: true`.
fn exclusive_bound(map: &mut Mapping, exclusive: &str, bound: &str) {
    if let Some(value) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
        map.insert(Value::from(bound), value);
        map.insert(Value::from(exclusive), Value::Bool(true));
    }
}

/// `contentEncoding: base64` → `format: byte`; a binary `contentMediaType` → `format: binary`.
fn content_format(map: &mut Mapping) {
    if map.contains_key("format") {
        return;
    }
    let encoding = map.get("contentEncoding").and_then(Value::as_str);
    let media = map.get("contentMediaType").and_then(Value::as_str);
    let format = match (encoding, media) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(media)) if !media.starts_with("text/") && !media.ends_with("json") => "binary",
        _ => return,
    };
    map.insert(Value::from("format"), Value::from(format));
}

#[cfg(test)]
mod tests;
