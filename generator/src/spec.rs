//! Reading a spec (YAML or JSON text → `openapiv3::OpenAPI`) and resolving its `$ref`s.

use crate::deep_refs::Moves;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pointer::{join, JsonPointer, RefError};
use openapiv3::{
    Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};

/// How many `$ref`s in a row are followed before giving up on a cycle.
const MAX_REF_HOPS: usize = 32;

/// A parsed spec.
#[derive(Debug)]
pub struct Document {
    /// The typed document.
    pub api: OpenAPI,
    /// How the reading moved nodes, so that diagnostics are reported at their place in the file.
    pub rewritten: Rewritten,
}

impl Document {
    /// The pointer in the file of what `pointer` (in the rewritten document) names.
    pub fn original_pointer(&self, pointer: &str) -> Option<String> {
        self.rewritten.original_pointer(pointer)
    }
}

/// What the reading did to a document before the typed parse.
#[derive(Debug, Default, Clone)]
pub struct Rewritten {
    /// The moves, in the order they were made: a Swagger 2.0 conversion ([`crate::swagger2`]),
    /// an OpenAPI 3.1 rewrite ([`crate::openapi31`]), deep `$ref` targets moved into the
    /// components ([`crate::deep_refs`]).
    moves: Vec<Moves>,
    /// Warnings from reading the document, at their pointers in the file.
    pub warnings: Vec<Diagnostic>,
}

impl Rewritten {
    /// The pointer in the file of what `pointer` (in the rewritten document) names: itself when
    /// nothing moved it. For docs that name a schema's place.
    pub fn file_pointer(&self, pointer: &str) -> String {
        self.original_pointer(pointer)
            .unwrap_or_else(|| pointer.to_owned())
    }

    /// The pointer in the file of what `pointer` names, the last move undone first.
    fn original_pointer(&self, pointer: &str) -> Option<String> {
        let mut original = None;
        for moves in self.moves.iter().rev() {
            if let Some(before) = moves.original(original.as_deref().unwrap_or(pointer)) {
                original = Some(before);
            }
        }
        original
    }
}

/// Parses a spec, telling apart YAML errors, documents that are not OpenAPI and shape errors.
/// OpenAPI 3.1 and 3.2 documents are rewritten into the 3.0 model first (module `openapi31`),
/// Swagger 2.0 documents converted into it (module `swagger2`).
pub fn parse(text: &str) -> Result<Document, Diagnostics> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error("", "the file is empty: expected an OpenAPI document").into(),
        );
    }
    if let Some(diagnostic) = forbidden_character(text) {
        return Err(diagnostic.into());
    }
    let mut rewritten = Rewritten::default();
    let needs_rewrite = crate::deep_refs::has_deep_refs(text)
        || declares(text, "openapi", &["3.1", "3.2"])
        || declares(text, "swagger", &["2"]);
    let typed = if needs_rewrite {
        match serde_yaml::from_str::<serde_yaml::Value>(text) {
            Err(error) => Err(Failure::Text(error)),
            Ok(mut document) => {
                let kind = match crate::swagger2::is_swagger_2(&document) {
                    true => "Swagger 2.0",
                    false => "OpenAPI",
                };
                rewritten = rewrite(&mut document);
                typed_from_value(document, &rewritten, kind)
            }
        }
    } else {
        match typed_parse_guarded(text) {
            Some(result) => result.map_err(Failure::Text),
            // The openapiv3 crate panicked (it does on some duplicate keys): a plain YAML parse
            // names the actual problem, with its line.
            None => return Err(explain_panic(text).into()),
        }
    };
    let parsed = typed.or_else(|error| {
        let (api, without) = without_callbacks(text).ok_or(error)?;
        rewritten = without;
        Ok(api)
    });
    match parsed {
        Ok(api) if is_supported(&api.openapi) => Ok(Document { api, rewritten }),
        Ok(api) => Err(unsupported_version(&api.openapi).into()),
        Err(Failure::Text(error)) => Err(explain(text, error).into()),
        Err(Failure::Rewritten(diagnostic)) => Err(diagnostic.into()),
    }
}

/// Why the typed parse failed.
enum Failure {
    /// Of the text itself: serde_yaml's error has the line.
    Text(serde_yaml::Error),
    /// Of a rewritten document: located by its pointer in the file.
    Rewritten(Diagnostic),
}

/// The typed parse of a rewritten document; a shape error names the place in the file.
fn typed_from_value(
    document: serde_yaml::Value,
    rewritten: &Rewritten,
    kind: &str,
) -> Result<OpenAPI, Failure> {
    serde_path_to_error::deserialize::<_, OpenAPI>(&document).map_err(|error| {
        let mut pointer = String::from("#");
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    pointer = join(&pointer, &index.to_string())
                }
                serde_path_to_error::Segment::Map { key } => pointer = join(&pointer, key),
                _ => {}
            }
        }
        let message = strip_location(error.inner());
        let (pointer, message) = crate::shape::narrow(&document, pointer, message);
        let original = rewritten.original_pointer(&pointer);
        Failure::Rewritten(Diagnostic::error(
            original.unwrap_or(pointer),
            format!("not a valid {kind} document: {message}"),
        ))
    })
}

/// The typed parse, with a panic inside a dependency caught (and its message kept off stderr):
/// `None` when it panicked. A build script must never die with a backtrace.
fn typed_parse_guarded(text: &str) -> Option<Result<OpenAPI, serde_yaml::Error>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| serde_yaml::from_str::<OpenAPI>(text));
    std::panic::set_hook(previous);
    result.ok()
}

fn explain_panic(text: &str) -> Diagnostic {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Err(error) => located(
            Diagnostic::error("", format!("invalid YAML: {}", strip_location(&error))),
            &error,
        ),
        Ok(_) => Diagnostic::error("", "the openapiv3 parser failed on this document")
            .with_hint("look for keys repeated within one mapping"),
    }
}

/// The openapiv3 crate does not accept a `$ref` as a callback, which OpenAPI 3.0 allows. Callbacks
/// are requests the server makes, never client methods, so a document that fails to parse is
/// tried once more without them. (Only on failure: valid specs are parsed once.)
fn without_callbacks(text: &str) -> Option<(OpenAPI, Rewritten)> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let paths = value.get_mut("paths")?.as_mapping_mut()?;
    let mut removed = false;
    for (_, item) in paths.iter_mut() {
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        for (_, operation) in item.iter_mut() {
            if let Some(operation) = operation.as_mapping_mut() {
                removed |= operation.remove("callbacks").is_some();
            }
        }
    }
    if let Some(components) = value.get_mut("components").and_then(|c| c.as_mapping_mut()) {
        removed |= components.remove("callbacks").is_some();
    }
    if !removed {
        return None;
    }
    let rewritten = rewrite(&mut value);
    Some((serde_yaml::from_value(value).ok()?, rewritten))
}

/// Rewrites a document for the typed parse: a Swagger 2.0 document into 3.0, 3.1 constructs
/// into 3.0 ones, then references anywhere in it into the components.
fn rewrite(document: &mut serde_yaml::Value) -> Rewritten {
    let mut rewritten = Rewritten::default();
    let swagger = crate::swagger2::is_swagger_2(document);
    if swagger {
        let (moves, warnings) = crate::swagger2::convert(document);
        rewritten.moves.push(moves);
        rewritten.warnings = warnings;
    }
    if swagger || crate::openapi31::is_openapi_31(document) {
        // In a 2.0 document, a 3.1 construct is a defect read the 3.1 way, with a warning.
        let (renames, type_lists) = crate::openapi31::normalize(document);
        if swagger {
            for pointer in type_lists {
                let pointer = rewritten.original_pointer(&pointer).unwrap_or(pointer);
                rewritten.warnings.push(
                    Diagnostic::warning(
                        join(&pointer, "type"),
                        "a list of types is OpenAPI 3.1's, not Swagger 2.0's: read as 3.1 reads it",
                    )
                    .with_hint("`x-nullable: true` is the Swagger 2.0 way to allow null"),
                );
            }
        }
        rewritten.moves.push(renames);
    }
    if is_openapi_3(document) {
        rewritten.moves.push(crate::deep_refs::normalize(document));
    }
    rewritten
}

/// The versions read: OpenAPI 3.0.x, 3.1.x and 3.2.x.
fn is_supported(version: &str) -> bool {
    ["3.0", "3.1", "3.2"]
        .iter()
        .any(|prefix| version.starts_with(prefix))
}

/// A cheap scan of the text: does `key` appear with a value starting with one of `versions`
/// (`openapi: 3.1.0`, `"swagger": "2.0"`)?
fn declares(text: &str, key: &str, versions: &[&str]) -> bool {
    text.match_indices(key).any(|(index, _)| {
        let value = text[index + key.len()..].trim_start_matches(['"', '\'', ' ', ':', '\t']);
        versions.iter().any(|version| value.starts_with(version))
    })
}

/// Deep references are rewritten only in OpenAPI 3 documents: other kinds are refused anyway, and
/// their references (Swagger 2.0's `#/definitions/...`) follow other rules.
fn is_openapi_3(document: &serde_yaml::Value) -> bool {
    document
        .get("openapi")
        .and_then(serde_yaml::Value::as_str)
        .is_some_and(|version| version.starts_with('3'))
}

/// YAML forbids C0 and C1 control characters other than tab and line breaks; some real specs carry
/// them, and serde_yaml's own message does not say which byte it is.
fn forbidden_character(text: &str) -> Option<Diagnostic> {
    for (line_index, line) in text.lines().enumerate() {
        for (column, ch) in line.chars().enumerate() {
            let forbidden = (ch.is_control() && ch != '\t' && ch != '\r' && ch != '\u{85}')
                || ch == '\u{feff}' && (line_index, column) != (0, 0);
            if forbidden {
                return Some(
                    Diagnostic::error(
                        "",
                        format!("the character U+{:04X} is not allowed in YAML", ch as u32),
                    )
                    .at(line_index + 1, column + 1)
                    .with_hint("remove it or write it as an escape inside a double-quoted string"),
                );
            }
        }
    }
    None
}

fn unsupported_version(version: &str) -> Diagnostic {
    Diagnostic::error(
        "#/openapi",
        format!(
            "OpenAPI {version} is not supported: oapigen reads OpenAPI 3.0, 3.1 and 3.2 documents"
        ),
    )
    .with_hint("write the version the document follows, as `openapi: 3.1.0`")
}

/// Turns a failed typed parse into the most useful message: bad YAML, not OpenAPI, wrong version,
/// or a field of the wrong shape.
fn explain(text: &str, typed_error: serde_yaml::Error) -> Diagnostic {
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(syntax) => {
            return located(
                Diagnostic::error("", format!("invalid YAML: {}", strip_location(&syntax))),
                &syntax,
            )
        }
    };
    let Some(map) = value.as_mapping() else {
        return Diagnostic::error(
            "",
            "not an OpenAPI document: the top level is not a mapping",
        );
    };
    if let Some(version) = map.get("swagger") {
        let version = yaml_scalar(version);
        if !version.starts_with('2') {
            return Diagnostic::error(
                "#/swagger",
                format!("Swagger {version} is not supported: oapigen reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 documents"),
            )
            .with_hint("convert it to OpenAPI 3 first (the converter of editor.swagger.io)");
        }
        // The typed parse read the converted document, whose positions are not the file's.
        return Diagnostic::error(
            "",
            format!(
                "not a valid Swagger 2.0 document: {}",
                strip_location(&typed_error)
            ),
        );
    }
    match map.get("openapi") {
        None => Diagnostic::error("", "not an OpenAPI document: it has no `openapi` field")
            .with_hint("an OpenAPI document starts with its version, as `openapi: 3.1.0`"),
        Some(version) if !is_supported(&yaml_scalar(version)) => {
            unsupported_version(&yaml_scalar(version))
        }
        Some(_) => located(
            Diagnostic::error(
                "",
                format!(
                    "not a valid OpenAPI document: {}",
                    strip_location(&typed_error)
                ),
            ),
            &typed_error,
        ),
    }
}

fn located(diagnostic: Diagnostic, error: &serde_yaml::Error) -> Diagnostic {
    match error.location() {
        Some(location) => diagnostic.at(location.line(), location.column()),
        None => diagnostic,
    }
}

/// serde_yaml appends " at line L column C"; the diagnostic carries the location itself.
fn strip_location(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message,
    }
}

fn yaml_scalar(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Number(number) => number.to_string(),
        other => format!("{other:?}"),
    }
}

/// A kind of reusable component that a `$ref` can point at.
pub trait Component: Sized {
    /// The section under `#/components/`.
    const SECTION: &'static str;
    /// The entry `name` of that section.
    fn get<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>>;
}

macro_rules! component {
    ($ty:ty, $section:literal, $field:ident) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            fn get<'c>(components: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>> {
                components.$field.get(name)
            }
        }
    };
}

component!(Schema, "schemas", schemas);
component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);
component!(Response, "responses", responses);
component!(SecurityScheme, "securitySchemes", security_schemes);

/// Follows `$ref`s within one document.
#[derive(Clone, Copy)]
pub struct Resolver<'a> {
    components: Option<&'a Components>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `api`'s components.
    pub fn new(api: &'a OpenAPI) -> Self {
        Resolver {
            components: api.components.as_ref(),
        }
    }

    /// The component name of a local reference to section `T::SECTION` (unescaped).
    pub fn ref_name<T: Component>(reference: &str) -> Option<String> {
        JsonPointer::parse_ref(reference)
            .ok()?
            .component(T::SECTION)
    }

    /// The item behind `item`, with the pointer where it is defined.
    pub fn resolve<T: Component>(
        &self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
    ) -> Result<(&'a T, String), Diagnostic> {
        let mut current = item;
        let mut current_pointer = pointer.to_owned();
        for _ in 0..MAX_REF_HOPS {
            match current {
                ReferenceOr::Item(item) => return Ok((item, current_pointer)),
                ReferenceOr::Reference { reference } => {
                    let (next, next_pointer) = self.lookup::<T>(reference, &current_pointer)?;
                    current = next;
                    current_pointer = next_pointer;
                }
            }
        }
        Err(
            Diagnostic::error(pointer, "this `$ref` chain loops on itself")
                .with_hint("a reference must end at a definition"),
        )
    }

    /// The entry a reference names, not yet followed further.
    pub fn lookup<T: Component>(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(&'a ReferenceOr<T>, String), Diagnostic> {
        let ref_pointer = join(pointer, "$ref");
        let Some(name) = Self::ref_name::<T>(reference) else {
            return Err(Self::unusable::<T>(reference, ref_pointer));
        };
        self.components
            .and_then(|components| T::get(components, &name))
            .map(|item| {
                (
                    item,
                    format!(
                        "#/components/{}/{}",
                        T::SECTION,
                        crate::pointer::escape_token(&name)
                    ),
                )
            })
            .ok_or_else(|| {
                Diagnostic::error(
                    ref_pointer,
                    format!("`$ref: {reference}` points at nothing"),
                )
                .with_hint(format!("define `{name}` under components/{}", T::SECTION))
            })
    }

    /// Why a `$ref` that names no `T::SECTION` component cannot be followed. References to other
    /// places of this document were moved into the components before (`crate::deep_refs`), so
    /// one still pointing elsewhere names nothing, or something of another kind.
    fn unusable<T: Component>(reference: &str, ref_pointer: String) -> Diagnostic {
        let section = T::SECTION;
        match JsonPointer::parse_ref(reference) {
            Err(RefError::External) => Diagnostic::error(
                ref_pointer,
                format!("`$ref: {reference}` points outside this file, which is not supported"),
            )
            .with_hint("bundle the spec into one file first (redocly bundle, swagger-cli bundle)"),
            Err(RefError::Malformed) => Diagnostic::error(
                ref_pointer,
                format!("`$ref: {reference}` is not a JSON pointer into this file"),
            )
            .with_hint("a local `$ref` is `#/` and the keys of the path, `/` escaped as `~1`, `%` only as `%XX`"),
            Ok(pointer) => {
                let mut tokens = pointer.tokens();
                let other_section = match (tokens.next(), tokens.next()) {
                    (Some(first), Some(other)) if first == "components" && other != section => {
                        Some(other.into_owned())
                    }
                    _ => None,
                };
                match other_section {
                    Some(other) => Diagnostic::error(
                        ref_pointer,
                        format!("`$ref: {reference}` points into components/{other}, where one of components/{section} is expected"),
                    ),
                    None => Diagnostic::error(
                        ref_pointer,
                        format!("`$ref: {reference}` points at nothing"),
                    )
                    .with_hint("no node of this file is at that pointer: check each key of it"),
                }
            }
        }
    }

    /// The schema behind a boxed schema reference (as `items` and `properties` hold them).
    pub fn schema_boxed(
        &self,
        item: &'a ReferenceOr<Box<Schema>>,
        pointer: &str,
    ) -> Result<(&'a Schema, String), Diagnostic> {
        match item {
            ReferenceOr::Item(schema) => Ok((schema, pointer.to_owned())),
            ReferenceOr::Reference { reference } => {
                let (target, target_pointer) = self.lookup::<Schema>(reference, pointer)?;
                self.resolve(target, &target_pointer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet: {type: object}
    Alias: {$ref: '#/components/schemas/Pet'}
    Loop1: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop1'}
";

    #[test]
    fn follows_chains_and_reports_dangling_refs_and_loops() {
        let api = parse(SPEC).expect("valid").api;
        let resolver = Resolver::new(&api);
        let alias = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Alias".into(),
        };
        let (_, pointer) = resolver.resolve(&alias, "#/x").expect("resolves");
        assert_eq!(pointer, "#/components/schemas/Pet");

        let dangling = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Nope".into(),
        };
        let error = resolver.resolve(&dangling, "#/x").expect_err("dangling");
        assert_eq!(error.pointer, "#/x/$ref");
        assert!(
            error.message.contains("points at nothing"),
            "{}",
            error.message
        );

        let looping = ReferenceOr::<Schema>::Reference {
            reference: "#/components/schemas/Loop1".into(),
        };
        let error = resolver.resolve(&looping, "#/x").expect_err("loop");
        assert!(error.message.contains("loops"), "{}", error.message);

        let external = ReferenceOr::<Schema>::Reference {
            reference: "other.yaml#/Pet".into(),
        };
        let error = resolver.resolve(&external, "#/x").expect_err("external");
        assert!(
            error.message.contains("outside this file"),
            "{}",
            error.message
        );
    }

    #[test]
    fn callbacks_given_by_reference_are_accepted() {
        let text = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /search:
    get:
      callbacks:
        onDone: {$ref: '#/components/callbacks/done'}
      responses: {'200': {description: ok}}
components:
  callbacks:
    done:
      https://example.com/hook:
        post:
          responses: {'200': {description: ok}}
";
        let api = parse(text).expect("callbacks by reference parse").api;
        assert!(api.paths.paths.contains_key("/search"));
    }

    #[test]
    fn tells_what_kind_of_document_it_is_not() {
        let message = |text: &str| parse(text).expect_err("error").to_string();
        assert!(message("").contains("empty"));
        assert!(message("swagger: '1.2'\ninfo: {}\n").contains("Swagger 1.2 is not supported"));
        assert!(message("swagger: '2.0'\ninfo: {}\n").contains("not a valid Swagger 2.0 document"));
        assert!(
            message("openapi: 2.5.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
                .contains("2.5.0 is not supported")
        );
        assert!(parse("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n").is_ok());
        assert!(message("- a\n- b\n").contains("not a mapping"));
        assert!(message("name: x\n").contains("no `openapi` field"));
        assert!(message("openapi: 3.0.3\npaths: [\n").contains("invalid YAML"));
        let control = parse("openapi: 3.0.3\ninfo:\n  title: a\u{85}b\u{9c}\n").expect_err("error");
        assert_eq!(control.0[0].location, Some((3, 13)));
        assert!(control.0[0].message.contains("U+009C"));
    }
}
