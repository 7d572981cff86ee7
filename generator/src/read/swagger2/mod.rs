//! Swagger 2.0 documents, converted into the OpenAPI 3.0 model the rest of the generator reads,
//! before the typed parse (one conversion, as for 3.1 in [`crate::read::openapi31`]):
//!
//! - `definitions`, `parameters`, `responses` → `components/schemas`, `components/parameters`,
//!   `components/responses`; a shared `in: body` parameter → `components/requestBodies`;
//! - `in: body` → `requestBody` with one media type per `consumes` entry (the operation's, else
//!   the document's, else `application/json`); `in: formData` → one object schema under
//!   `multipart/form-data` when a parameter is `type: file` or only multipart is consumed, else
//!   `application/x-www-form-urlencoded`;
//! - a response `schema` → `content` for each `produces` media type (a `type: file` schema:
//!   `application/octet-stream` when nothing is produced); `examples` → the media types' example;
//!   response headers → header objects with a schema;
//! - the schema keywords of other parameters and headers → their `schema`; `collectionFormat` →
//!   `style`/`explode` (`csv` as 3.0's `form`/`simple` unexploded, `ssv` → `spaceDelimited`,
//!   `pipes` → `pipeDelimited`, `multi` → `form` exploded; `tsv`, which 3.0 cannot say, is sent
//!   as `csv` with a warning);
//! - `securityDefinitions` → `securitySchemes` (`basic` → HTTP basic; the OAuth2 flows `implicit`,
//!   `password`, `application`, `accessCode` → `implicit`, `password`, `clientCredentials`,
//!   `authorizationCode`);
//! - `host`, `basePath`, `schemes` → one server per scheme, in the document's order (`https`
//!   when no scheme is given; a relative URL when there is no host);
//! - in schemas: `x-nullable` → `nullable`, `type: file` → binary string, a string
//!   `discriminator` → `{propertyName}`; every `$ref` is pointed at the new place.
//!
//! Every node that moves is recorded ([`Moves`]) so that diagnostics name the place in the file.

mod operations;

use crate::diagnostics::{Code, Diagnostic};
use crate::pointer::{escape_token, join};
use crate::read::deep_refs::Moves;
use serde_yaml::{Mapping, Value};

/// True for a Swagger 2.0 document (`swagger: "2.0"`).
pub fn is_swagger_2(document: &Value) -> bool {
    match document.get("swagger") {
        Some(Value::String(version)) => version.starts_with('2'),
        Some(Value::Number(version)) => version.as_f64() == Some(2.0),
        _ => false,
    }
}

/// Converts a Swagger 2.0 `document` in place; returns the moves made and warnings about what
/// OpenAPI 3.0 cannot say (each at its pointer in the file).
pub fn convert(document: &mut Value) -> (Moves, Vec<Diagnostic>) {
    let Value::Mapping(old) = std::mem::take(document) else {
        return (Moves::default(), Vec::new());
    };
    let mut converter = Converter {
        consumes: string_list(old.get("consumes")),
        produces: string_list(old.get("produces")),
        shared_parameters: old.get("parameters").and_then(Value::as_mapping).cloned(),
        moves: Moves::default(),
        warnings: Vec::new(),
    };
    let mut new = Mapping::new();
    new.insert("openapi".into(), "3.0.3".into());
    for (key, value) in &old {
        let Some(key) = key.as_str() else { continue };
        if matches!(key, "info" | "tags" | "externalDocs" | "security") || key.starts_with("x-") {
            new.insert(key.into(), value.clone());
        }
    }
    if let Some(servers) = converter.servers(&old) {
        new.insert("servers".into(), servers);
    }
    let paths = old.get("paths").and_then(Value::as_mapping);
    new.insert("paths".into(), converter.paths(paths).into());
    let components = converter.components(&old);
    if !components.is_empty() {
        new.insert("components".into(), components.into());
    }
    let mut document_value = Value::Mapping(new);
    let targets = Targets {
        bodies: shared_bodies(&old),
        moved: converter.moves.inverted(),
    };
    retarget_refs(&mut document_value, &targets, false);
    *document = document_value;
    (converter.moves, converter.warnings)
}

struct Converter {
    consumes: Vec<String>,
    produces: Vec<String>,
    shared_parameters: Option<Mapping>,
    moves: Moves,
    warnings: Vec<Diagnostic>,
}

/// The schema keywords a Swagger 2.0 parameter, header or items object carries inline.
const SIMPLE_SCHEMA_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

impl Converter {
    fn servers(&mut self, old: &Mapping) -> Option<Value> {
        let mut host = old.get("host").and_then(Value::as_str).map(str::to_owned);
        let mut schemes = string_list(old.get("schemes"));
        // `host` is a name and a port; some documents write a URL there.
        if let Some((scheme, rest)) = host.as_deref().and_then(|h| h.split_once("://")) {
            self.warnings.push(Diagnostic::warning(
                Code::MalformedBaseUrl,
                "#/host",
                format!(
                    "`host` is a name and a port, not a URL: read as `{}` over {scheme}",
                    rest.trim_end_matches('/')
                ),
            ));
            if schemes.is_empty() {
                schemes.push(scheme.to_owned());
            }
            host = Some(rest.trim_end_matches('/').to_owned());
        }
        let base_path = old.get("basePath").and_then(Value::as_str).unwrap_or("");
        let mut base_path = base_path.trim_end_matches('/').to_owned();
        if !base_path.is_empty() && !base_path.starts_with('/') {
            self.warnings.push(Diagnostic::warning(
                Code::MalformedBaseUrl,
                "#/basePath",
                format!("`basePath` must start with `/`: read as `/{base_path}`"),
            ));
            base_path.insert(0, '/');
        }
        let server = |url: String| {
            let mut server = Mapping::new();
            server.insert("url".into(), url.into());
            Value::Mapping(server)
        };
        let servers: Vec<Value> = match host {
            None if base_path.is_empty() => return None,
            None => vec![server(base_path)],
            Some(host) => {
                schemes.retain(|scheme| scheme == "http" || scheme == "https");
                if schemes.is_empty() {
                    schemes.push("https".to_owned());
                }
                schemes
                    .iter()
                    .map(|scheme| server(format!("{scheme}://{host}{base_path}")))
                    .collect()
            }
        };
        let from = if old.contains_key("host") {
            "#/host"
        } else {
            "#/basePath"
        };
        self.moves.record("#/servers".into(), from.into());
        Some(Value::Sequence(servers))
    }

    fn components(&mut self, old: &Mapping) -> Mapping {
        let mut components = Mapping::new();
        if let Some(definitions) = old.get("definitions").and_then(Value::as_mapping) {
            let mut schemas = definitions.clone();
            for (_, schema) in schemas.iter_mut() {
                schema_object(schema);
            }
            self.moves
                .record("#/components/schemas".into(), "#/definitions".into());
            components.insert("schemas".into(), schemas.into());
        }
        let (mut parameters, mut bodies) = (Mapping::new(), Mapping::new());
        for (name, parameter) in self.shared_parameters.clone().iter().flatten() {
            let Some(name) = name.as_str() else { continue };
            let old_pointer = join("#/parameters", name);
            match parameter.get("in").and_then(Value::as_str) {
                Some("body") => {
                    let new_pointer = join("#/components/requestBodies", name);
                    self.moves.record(new_pointer.clone(), old_pointer.clone());
                    bodies.insert(
                        name.into(),
                        self.body(
                            parameter,
                            &self.consumes.clone(),
                            &new_pointer,
                            &old_pointer,
                        ),
                    );
                }
                // Shared form parameters are copied into each form body that refers to them.
                Some("formData") => {}
                _ => {
                    let new_pointer = join("#/components/parameters", name);
                    parameters.insert(
                        name.into(),
                        self.parameter(parameter, &old_pointer, &new_pointer),
                    );
                }
            }
        }
        for (section, entries) in [("parameters", parameters), ("requestBodies", bodies)] {
            if !entries.is_empty() {
                components.insert(section.into(), entries.into());
            }
        }
        if let Some(responses) = old.get("responses") {
            let produces = self.produces.clone();
            let responses = self.responses(responses, &produces, "#/components/responses");
            self.moves
                .record("#/components/responses".into(), "#/responses".into());
            components.insert("responses".into(), responses);
        }
        if let Some(schemes) = old.get("securityDefinitions").and_then(Value::as_mapping) {
            let schemes: Mapping = schemes
                .iter()
                .map(|(name, scheme)| (name.clone(), security_scheme(scheme)))
                .collect();
            self.moves.record(
                "#/components/securitySchemes".into(),
                "#/securityDefinitions".into(),
            );
            components.insert("securitySchemes".into(), schemes.into());
        }
        components
    }
}

/// A 2.0 security definition as a 3.0 security scheme.
fn security_scheme(scheme: &Value) -> Value {
    let Some(map) = scheme.as_mapping() else {
        return scheme.clone();
    };
    let mut new = Mapping::new();
    let kind = map.get("type").and_then(Value::as_str).unwrap_or("");
    let flow = map.get("flow").and_then(Value::as_str).unwrap_or("");
    for (key, value) in map {
        match key.as_str() {
            Some("type" | "flow" | "authorizationUrl" | "tokenUrl" | "scopes") => {}
            _ => {
                new.insert(key.clone(), value.clone());
            }
        }
    }
    match kind {
        "basic" => {
            new.insert("type".into(), "http".into());
            new.insert("scheme".into(), "basic".into());
        }
        "oauth2" => {
            let mut flow_object = Mapping::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = map.get(key) {
                    flow_object.insert(key.into(), url.clone());
                }
            }
            let scopes = map
                .get("scopes")
                .cloned()
                .unwrap_or_else(|| Mapping::new().into());
            flow_object.insert("scopes".into(), scopes);
            let flow_name = match flow {
                "application" => "clientCredentials",
                "accessCode" => "authorizationCode",
                other => other,
            };
            let mut flows = Mapping::new();
            flows.insert(flow_name.into(), flow_object.into());
            new.insert("type".into(), "oauth2".into());
            new.insert("flows".into(), flows.into());
        }
        other => {
            new.insert("type".into(), other.into());
        }
    }
    new.into()
}

/// The schema of a parameter, header or items object: nested `items` too, without
/// `collectionFormat`.
fn simple_schema(schema: &mut Value) {
    if let Some(map) = schema.as_mapping_mut() {
        map.remove("collectionFormat");
        if let Some(items) = map.get_mut("items") {
            simple_schema(items);
        }
    }
    schema_object(schema);
}

/// A 2.0 schema object in place: `x-nullable`, `type: file` and a string `discriminator`
/// become 3.0's, in it and in every schema inside it.
fn schema_object(schema: &mut Value) {
    let Some(map) = schema.as_mapping_mut() else {
        return;
    };
    if let Some(nullable) = map.remove(crate::read::keys::NULLABLE_2_0) {
        map.insert("nullable".into(), nullable);
    }
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".into(), "string".into());
        map.insert("format".into(), "binary".into());
    }
    if let Some(Value::String(property)) = map.get("discriminator").cloned() {
        let mut discriminator = Mapping::new();
        discriminator.insert("propertyName".into(), property.into());
        map.insert("discriminator".into(), discriminator.into());
    }
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            Some("properties" | "patternProperties") => {
                for (_, member) in child.as_mapping_mut().into_iter().flatten() {
                    schema_object(member);
                }
            }
            Some("items" | "additionalProperties" | "not") => schema_object(child),
            Some("allOf" | "anyOf" | "oneOf") => {
                for member in child.as_sequence_mut().into_iter().flatten() {
                    schema_object(member);
                }
            }
            _ => {}
        }
    }
}

/// The names of shared parameters that are bodies (`#/parameters/X` → `requestBodies`).
fn shared_bodies(old: &Mapping) -> Vec<String> {
    old.get("parameters")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
        .filter(|(_, parameter)| parameter.get("in").and_then(Value::as_str) == Some("body"))
        .filter_map(|(name, _)| name.as_str().map(|name| escape_token(name).into_owned()))
        .collect()
}

/// Keys under which a mapping's keys are names (of properties, schemas, parameters, ...), which
/// may be `example` or `x-...` as well as anything else.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "schemas",
    "parameters",
    "responses",
    "headers",
    "requestBodies",
];

/// Where the conversion put what references name: the shared body parameters (request bodies
/// now), and every node it moved (pointer in the file → pointer now).
struct Targets {
    bodies: Vec<String>,
    moved: Moves,
}

/// Points every `$ref` at the 3.0 place of its target (examples and extensions are data; `names`:
/// `node`'s keys are names, where a property named `example` is a schema like any other).
fn retarget_refs(node: &mut Value, targets: &Targets, names: bool) {
    match node {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                match key.as_str() {
                    // A named item (a schema, a parameter): its keys are keywords.
                    Some(_) if names => retarget_refs(child, targets, false),
                    Some("example" | "examples") => {}
                    Some(key) if key.starts_with("x-") => {}
                    Some("$ref") => {
                        if let Value::String(reference) = child {
                            *reference = retargeted(reference, targets);
                        }
                    }
                    key => retarget_refs(
                        child,
                        targets,
                        key.is_some_and(|key| NAME_MAPS.contains(&key)),
                    ),
                }
            }
        }
        Value::Sequence(items) => items
            .iter_mut()
            .for_each(|item| retarget_refs(item, targets, false)),
        _ => {}
    }
}

/// A reference's 3.0 place: where the conversion moved its target (a response's `schema` into
/// its content, however the pointer is spelled: percent-encoded too), else its section's.
fn retargeted(reference: &str, targets: &Targets) -> String {
    let bodies = &targets.bodies;
    if let Ok(pointer) = crate::pointer::JsonPointer::parse_ref(reference) {
        let canonical = pointer.to_string();
        let moved = targets.moved.original(&canonical);
        let deep =
            |now: &String| !now.starts_with("#/components/") || canonical.matches('/').count() > 2;
        if let Some(now) = moved.filter(|now| *now != canonical && deep(now)) {
            return now;
        }
    }
    let sections = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/responses/", "#/components/responses/"),
        ("#/parameters/", "#/components/parameters/"),
    ];
    for (old, new) in sections {
        if let Some(rest) = reference.strip_prefix(old) {
            let is_body = old == "#/parameters/" && bodies.iter().any(|name| name == rest);
            let new = if is_body {
                "#/components/requestBodies/"
            } else {
                new
            };
            return format!("{new}{rest}");
        }
    }
    reference.to_owned()
}

/// The strings of a sequence (media types, schemes).
fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn list(value: Option<&Value>) -> Vec<Value> {
    value
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default()
}

/// `list`, or `fallback` when it is empty (an operation's `consumes` over the document's).
fn or_else(list: Vec<String>, fallback: &[String]) -> Vec<String> {
    match list.is_empty() {
        true => fallback.to_vec(),
        false => list,
    }
}

#[cfg(test)]
mod tests;
