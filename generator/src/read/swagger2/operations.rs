//! The paths of a Swagger 2.0 document: operations, their parameters (plain, body, form) and
//! their responses, in the OpenAPI 3.0 shape (see the parent module for the mapping).

use super::{
    list, or_else, schema_object, simple_schema, string_list, Converter, METHODS,
    SIMPLE_SCHEMA_KEYS,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::pointer::join;
use serde_yaml::{Mapping, Value};

impl Converter {
    pub(super) fn paths(&mut self, paths: Option<&Mapping>) -> Mapping {
        let mut new = Mapping::new();
        for (path, item) in paths.into_iter().flatten() {
            let (Some(path), Some(item)) = (path.as_str(), item.as_mapping()) else {
                new.insert(path.clone(), item.clone());
                continue;
            };
            let pointer = join("#/paths", path);
            new.insert(path.into(), self.path_item(item, &pointer).into());
        }
        new
    }

    fn path_item(&mut self, item: &Mapping, pointer: &str) -> Mapping {
        let shared = numbered_parameters(item, pointer);
        let mut new = Mapping::new();
        for (key, value) in item {
            let Some(key) = key.as_str() else { continue };
            match (key, value.as_mapping()) {
                ("parameters", _) => {
                    let plain = self.plain_parameters(&shared, &join(pointer, "parameters"));
                    if !plain.is_empty() {
                        new.insert(key.into(), plain.into());
                    }
                }
                (method, Some(operation)) if METHODS.contains(&method) => {
                    let operation_pointer = join(pointer, method);
                    let converted = self.operation(operation, &shared, &operation_pointer);
                    new.insert(key.into(), converted.into());
                }
                _ => {
                    new.insert(key.into(), value.clone());
                }
            }
        }
        new
    }

    /// The parameters that stay parameters (not `body` or `formData`), converted and renumbered.
    fn plain_parameters(
        &mut self,
        parameters: &[(String, Value)],
        list_pointer: &str,
    ) -> Vec<Value> {
        let mut plain = Vec::new();
        for (old_pointer, parameter) in parameters {
            if matches!(
                self.location(parameter).as_deref(),
                Some("body" | "formData")
            ) {
                continue;
            }
            let new_pointer = join(list_pointer, &plain.len().to_string());
            plain.push(self.parameter(parameter, old_pointer, &new_pointer));
        }
        plain
    }

    /// Where a parameter goes (`in`), following a reference to a shared one.
    fn location(&self, parameter: &Value) -> Option<String> {
        let target = match parameter.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.shared_parameter(reference)?,
            None => parameter,
        };
        target.get("in").and_then(Value::as_str).map(str::to_owned)
    }

    fn shared_parameter(&self, reference: &str) -> Option<&Value> {
        let name = reference.strip_prefix("#/parameters/")?;
        let name = crate::pointer::JsonPointer::parse_ref(&format!("#/{name}"))
            .ok()?
            .tokens()
            .next()?
            .into_owned();
        self.shared_parameters.as_ref()?.get(name.as_str())
    }

    fn operation(
        &mut self,
        operation: &Mapping,
        shared: &[(String, Value)],
        pointer: &str,
    ) -> Mapping {
        let consumes = or_else(string_list(operation.get("consumes")), &self.consumes);
        let produces = or_else(string_list(operation.get("produces")), &self.produces);
        let own = numbered_parameters(operation, pointer);
        let mut new = Mapping::new();
        for (key, value) in operation {
            let Some(key) = key.as_str() else { continue };
            match key {
                "consumes" | "produces" | "schemes" => {}
                "parameters" => {
                    let plain = self.plain_parameters(&own, &join(pointer, "parameters"));
                    if !plain.is_empty() {
                        new.insert(key.into(), plain.into());
                    }
                }
                "responses" => {
                    let responses = self.responses(value, &produces, &join(pointer, key));
                    new.insert(key.into(), responses);
                }
                _ => {
                    new.insert(key.into(), value.clone());
                }
            }
        }
        // Path-level body and form parameters apply unless the operation has its own.
        let own_body = own
            .iter()
            .any(|(_, p)| matches!(self.location(p).as_deref(), Some("body" | "formData")));
        let body_parameters = if own_body { own } else { shared.to_vec() };
        if let Some(body) = self.request_body(&body_parameters, &consumes, pointer) {
            new.insert("requestBody".into(), body);
        }
        new
    }

    /// A non-body parameter in the 3.0 shape: its schema keywords under `schema`, its
    /// `collectionFormat` as `style`/`explode`.
    pub(super) fn parameter(
        &mut self,
        parameter: &Value,
        old_pointer: &str,
        new_pointer: &str,
    ) -> Value {
        self.moves
            .record(new_pointer.to_owned(), old_pointer.to_owned());
        let Some(map) = parameter.as_mapping() else {
            return parameter.clone();
        };
        if map.contains_key("$ref") {
            return parameter.clone();
        }
        let (mut new, schema) = with_schema_apart(map);
        let location = map.get("in").and_then(Value::as_str).unwrap_or("query");
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = map
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            self.collection_format(&mut new, location, format, old_pointer);
        }
        new.insert("schema".into(), schema);
        self.moves
            .record(join(new_pointer, "schema"), old_pointer.to_owned());
        Value::Mapping(new)
    }

    fn collection_format(
        &mut self,
        parameter: &mut Mapping,
        location: &str,
        format: &str,
        pointer: &str,
    ) {
        let (style, explode) = match (location, format) {
            ("query", "multi") => ("form", true),
            ("query", "ssv") => ("spaceDelimited", false),
            ("query", "pipes") => ("pipeDelimited", false),
            ("query", "csv") => ("form", false),
            (_, "csv") => ("simple", false),
            (_, other) => {
                self.warnings.push(
                    Diagnostic::warning(
                        Code::UnsupportedCollectionFormat,
                        join(pointer, "collectionFormat"),
                        format!("`collectionFormat: {other}` has no OpenAPI 3.0 counterpart in {location}: the items are sent comma-separated (`csv`)"),
                    )
                    .with_hint("use `csv`, or `multi` in a query"),
                );
                (
                    if location == "query" {
                        "form"
                    } else {
                        "simple"
                    },
                    false,
                )
            }
        };
        parameter.insert("style".into(), style.into());
        parameter.insert("explode".into(), explode.into());
    }

    /// The request body made of the `body` or `formData` parameters among `parameters`.
    fn request_body(
        &mut self,
        parameters: &[(String, Value)],
        consumes: &[String],
        pointer: &str,
    ) -> Option<Value> {
        let body_pointer = join(pointer, "requestBody");
        let mut form: Vec<(String, Value)> = Vec::new();
        let has_body = parameters
            .iter()
            .any(|(_, parameter)| self.location(parameter).as_deref() == Some("body"));
        if has_body {
            // Swagger 2.0 forbids both; the body is the one a client can send.
            let form_parameters: Vec<&String> = parameters
                .iter()
                .filter(|(_, parameter)| self.location(parameter).as_deref() == Some("formData"))
                .map(|(old_pointer, _)| old_pointer)
                .collect();
            for old_pointer in form_parameters {
                self.warnings.push(Diagnostic::warning(
                    Code::FormDataBesideBody,
                    old_pointer.as_str(),
                    "a `formData` parameter beside an `in: body` one, which Swagger 2.0 forbids: it is left out",
                ));
            }
        }
        for (old_pointer, parameter) in parameters {
            match self.location(parameter).as_deref() {
                Some("body") => {
                    self.moves.record(body_pointer.clone(), old_pointer.clone());
                    if let Some(reference) = parameter.get("$ref") {
                        let mut body = Mapping::new();
                        body.insert("$ref".into(), reference.clone());
                        return Some(body.into());
                    }
                    return Some(self.body(parameter, consumes, &body_pointer, old_pointer));
                }
                Some("formData") => {
                    let resolved = match parameter.get("$ref").and_then(Value::as_str) {
                        Some(reference) => self.shared_parameter(reference).cloned()?,
                        None => parameter.clone(),
                    };
                    form.push((old_pointer.clone(), resolved));
                }
                _ => {}
            }
        }
        let (first_pointer, _) = form.first()?;
        self.moves
            .record(body_pointer.clone(), first_pointer.clone());
        Some(self.form_body(&form, consumes, &body_pointer))
    }

    /// An `in: body` parameter as a request body.
    pub(super) fn body(
        &mut self,
        parameter: &Value,
        consumes: &[String],
        new_pointer: &str,
        old_pointer: &str,
    ) -> Value {
        let mut body = Mapping::new();
        for key in ["description", "required"] {
            if let Some(value) = parameter.get(key) {
                body.insert(key.into(), value.clone());
            }
        }
        let mut schema = parameter.get("schema").cloned().unwrap_or_default();
        schema_object(&mut schema);
        let mut content = Mapping::new();
        for media_type in or_else(consumes.to_vec(), &["application/json".to_owned()]) {
            let schema_pointer = join(&join(&join(new_pointer, "content"), &media_type), "schema");
            self.moves
                .record(schema_pointer, join(old_pointer, "schema"));
            let mut media = Mapping::new();
            media.insert("schema".into(), schema.clone());
            content.insert(media_type.into(), media.into());
        }
        body.insert("content".into(), content.into());
        body.into()
    }

    /// `in: formData` parameters as one object schema, multipart when a file is among them.
    fn form_body(
        &mut self,
        form: &[(String, Value)],
        consumes: &[String],
        new_pointer: &str,
    ) -> Value {
        let has_file = form
            .iter()
            .any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
        let consumes_multipart = consumes.iter().any(|m| m == "multipart/form-data");
        let consumes_urlencoded = consumes
            .iter()
            .any(|m| m == "application/x-www-form-urlencoded");
        let media_type = match has_file || consumes_multipart && !consumes_urlencoded {
            true => "multipart/form-data",
            false => "application/x-www-form-urlencoded",
        };
        let schema_pointer = join(&join(&join(new_pointer, "content"), media_type), "schema");
        // The form's schema stands for the operation's list of parameters.
        if let Some((first, _)) = form.first() {
            let list = first
                .rsplit_once('/')
                .map_or(first.as_str(), |(list, _)| list);
            self.moves.record(schema_pointer.clone(), list.to_owned());
        }
        let (mut properties, mut required, mut encoding) =
            (Mapping::new(), Vec::new(), Mapping::new());
        for (old_pointer, parameter) in form {
            let Some(name) = parameter.get("name").and_then(Value::as_str) else {
                continue;
            };
            let mut property = Mapping::new();
            for (key, value) in parameter.as_mapping().into_iter().flatten() {
                if key
                    .as_str()
                    .is_some_and(|key| SIMPLE_SCHEMA_KEYS.contains(&key) || key == "description")
                {
                    property.insert(key.clone(), value.clone());
                }
            }
            let mut property = Value::Mapping(property);
            simple_schema(&mut property);
            if property.get("type").and_then(Value::as_str) == Some("array") {
                let mut style = Mapping::new();
                let format = parameter
                    .get("collectionFormat")
                    .and_then(Value::as_str)
                    .unwrap_or("csv");
                self.collection_format(&mut style, "query", format, old_pointer);
                encoding.insert(name.into(), style.into());
            }
            let property_pointer = join(&join(&schema_pointer, "properties"), name);
            self.moves.record(property_pointer, old_pointer.clone());
            properties.insert(name.into(), property);
            if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::from(name));
            }
        }
        let mut schema = Mapping::new();
        schema.insert("type".into(), "object".into());
        if !required.is_empty() {
            schema.insert("required".into(), required.clone().into());
        }
        schema.insert("properties".into(), properties.into());
        let mut media = Mapping::new();
        media.insert("schema".into(), schema.into());
        if !encoding.is_empty() {
            media.insert("encoding".into(), encoding.into());
        }
        let mut content = Mapping::new();
        content.insert(media_type.into(), media.into());
        let mut body = Mapping::new();
        body.insert("required".into(), (!required.is_empty()).into());
        body.insert("content".into(), content.into());
        body.into()
    }

    pub(super) fn responses(
        &mut self,
        responses: &Value,
        produces: &[String],
        pointer: &str,
    ) -> Value {
        let Some(map) = responses.as_mapping() else {
            return responses.clone();
        };
        let mut new = Mapping::new();
        for (status, response) in map {
            // YAML reads an unquoted `200:` as a number.
            let status = match status {
                Value::Number(number) => number.to_string(),
                other => other.as_str().unwrap_or_default().to_owned(),
            };
            let converted = match status.starts_with("x-") {
                false => self.response(response, produces, &join(pointer, &status)),
                true => response.clone(),
            };
            new.insert(status.into(), converted);
        }
        new.into()
    }

    /// A response: its `schema` under each produced media type, its headers with schemas.
    fn response(&mut self, response: &Value, produces: &[String], pointer: &str) -> Value {
        let Some(map) = response.as_mapping() else {
            return response.clone();
        };
        if map.contains_key("$ref") {
            return response.clone();
        }
        let mut new = Mapping::new();
        new.insert(
            "description".into(),
            map.get("description").cloned().unwrap_or_else(|| "".into()),
        );
        for (key, value) in map {
            let Some(key) = key.as_str() else { continue };
            if key.starts_with("x-") {
                new.insert(key.into(), value.clone());
            }
        }
        if let Some(headers) = map.get("headers").and_then(Value::as_mapping) {
            let mut converted = Mapping::new();
            for (name, header) in headers {
                let header_pointer = join(&join(pointer, "headers"), name.as_str().unwrap_or(""));
                converted.insert(name.clone(), self.header(header, &header_pointer));
            }
            new.insert("headers".into(), converted.into());
        }
        if let Some(schema) = map.get("schema") {
            let mut schema = schema.clone();
            let is_file = schema.get("type").and_then(Value::as_str) == Some("file");
            schema_object(&mut schema);
            let fallback = if is_file {
                "application/octet-stream"
            } else {
                "application/json"
            };
            let examples = map.get("examples").and_then(Value::as_mapping);
            let mut content = Mapping::new();
            for media_type in or_else(produces.to_vec(), &[fallback.to_owned()]) {
                let schema_pointer = join(&join(&join(pointer, "content"), &media_type), "schema");
                self.moves.record(schema_pointer, join(pointer, "schema"));
                let mut media = Mapping::new();
                media.insert("schema".into(), schema.clone());
                if let Some(example) =
                    examples.and_then(|examples| examples.get(media_type.as_str()))
                {
                    media.insert("example".into(), example.clone());
                }
                content.insert(media_type.into(), media.into());
            }
            new.insert("content".into(), content.into());
        }
        new.into()
    }

    fn header(&mut self, header: &Value, pointer: &str) -> Value {
        let Some(map) = header.as_mapping() else {
            return header.clone();
        };
        let (mut new, schema) = with_schema_apart(map);
        new.insert("schema".into(), schema);
        self.moves
            .record(join(pointer, "schema"), pointer.to_owned());
        new.into()
    }
}

/// A 2.0 parameter or header split into its other keywords and the schema its inline schema
/// keywords make (`collectionFormat`, which is neither, is dropped: the caller reads it).
fn with_schema_apart(map: &Mapping) -> (Mapping, Value) {
    let (mut rest, mut schema) = (Mapping::new(), Mapping::new());
    for (key, value) in map {
        match key.as_str() {
            Some(name) if SIMPLE_SCHEMA_KEYS.contains(&name) => {
                schema.insert(key.clone(), value.clone());
            }
            Some("collectionFormat") => {}
            _ => {
                rest.insert(key.clone(), value.clone());
            }
        }
    }
    let mut schema = Value::Mapping(schema);
    simple_schema(&mut schema);
    (rest, schema)
}

/// The `parameters` of a path item or operation at `pointer`, each with its pointer in the file.
fn numbered_parameters(node: &Mapping, pointer: &str) -> Vec<(String, Value)> {
    let list_pointer = join(pointer, "parameters");
    list(node.get("parameters"))
        .into_iter()
        .enumerate()
        .map(|(index, parameter)| (join(&list_pointer, &index.to_string()), parameter))
        .collect()
}
