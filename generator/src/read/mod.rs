//! Reading a spec: YAML or JSON text → `openapiv3::OpenAPI`, OpenAPI 3.1 and Swagger 2.0
//! documents rewritten into the 3.0 model on the way, defects a publisher left in the document
//! worked around with a warning ([`tolerate`]), refusals explained ([`explain`]); and following
//! its `$ref`s ([`Resolver`]).

mod cut;
pub mod deep_refs;
mod explain;
pub mod files;
mod json;
mod places;
use places::explicit_explode;
pub(crate) use places::{operation_places, string_keys};
pub mod keys;
pub mod locate;
pub mod openapi31;
mod resolve;
pub mod shape;
pub mod swagger2;
mod tolerate;

pub use resolve::{is_annotation_only, Component, Resolver};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::pointer::join;
use crate::read::deep_refs::Moves;
use explain::{explain, explain_panic, strip_location, unsupported_version};
use openapiv3::OpenAPI;
use std::borrow::Cow;

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
    /// The moves, in the order they were made: a Swagger 2.0 conversion ([`crate::read::swagger2`]),
    /// an OpenAPI 3.1 rewrite ([`crate::read::openapi31`]), deep `$ref` targets moved into the
    /// components ([`crate::read::deep_refs`]).
    moves: Vec<Moves>,
    /// Warnings from reading the document, at their pointers in the file.
    pub warnings: Vec<Diagnostic>,
    /// The file is a Swagger 2.0 document: messages name its sections, not the 3.0 ones.
    pub swagger: bool,
    /// Operations (or path items) left out for a node of the wrong shape ([`cut`]).
    pub operations_left_out: usize,
    /// The other files the document refers to, bundled into it ([`files`]).
    pub files: files::Files,
}

impl Rewritten {
    /// `text` (a message about the rewritten document) in the words of the file: a Swagger 2.0
    /// document's sections (`#/definitions/Pet`, `securityDefinitions`) for the 3.0 ones.
    pub fn file_words(&self, text: &str) -> String {
        if !self.swagger {
            return text.to_owned();
        }
        [
            ("#/components/schemas/", "#/definitions/"),
            ("#/components/parameters/", "#/parameters/"),
            ("#/components/requestBodies/", "#/parameters/"),
            ("#/components/responses/", "#/responses/"),
            ("components/securitySchemes", "securityDefinitions"),
            ("components/schemas", "definitions"),
            ("components/parameters", "parameters"),
            ("components/responses", "responses"),
            ("OpenAPI 3.0 types", "Swagger 2.0 types"),
        ]
        .iter()
        .fold(text.to_owned(), |text, (from, to)| text.replace(from, to))
    }

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
/// Swagger 2.0 documents converted into it (module `swagger2`). Defects of the text that can be
/// worked around safely are, with a warning each (module `tolerate`).
pub fn parse(text: &str) -> Result<Document, Diagnostics> {
    parse_in(text, None)
}

/// The same for the text of the file at `path`, whose references to other files are followed
/// (module [`files`]).
pub fn parse_file(text: &str, path: &std::path::Path) -> Result<Document, Diagnostics> {
    parse_in(text, Some(path))
}

fn parse_in(text: &str, path: Option<&std::path::Path>) -> Result<Document, Diagnostics> {
    // A UTF-8 byte order mark (Windows editors write one) marks the encoding, not the content:
    // libyaml takes a YAML document that starts with one for two documents.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            Code::NotOpenApi,
            "",
            "the file is empty: expected an OpenAPI document",
        )
        .into());
    }
    let (mut text, mut repairs) = tolerate::characters(text);
    if let Some(paired) = tolerate::surrogate_pairs(&text) {
        text = Cow::Owned(paired);
    }
    // Each round repairs one place; a document with more of them than this is not a spec.
    for _ in 0..tolerate::MAX_TEXT_REPAIRS {
        match read(&text, path) {
            Ok(mut document) => {
                repairs.append(&mut document.rewritten.warnings);
                document.rewritten.warnings = repairs;
                return Ok(document);
            }
            Err(Failure::Text(error, _)) if json::refused_for_repeated_names(&text, &error) => {
                let Some((value, mut warnings)) = json::read_keeping_the_last(&text) else {
                    return Err(explain(&text, error, None).into());
                };
                let mut document = read_document(value, path).map_err(|failure| match failure {
                    Failure::Text(error, narrowed) => explain(&text, error, narrowed).into(),
                    Failure::Rewritten(diagnostic) | Failure::Refused(diagnostic) => {
                        diagnostic.into()
                    }
                    Failure::Unfollowed(diagnostics) => diagnostics,
                })?;
                repairs.append(&mut warnings);
                repairs.append(&mut document.rewritten.warnings);
                document.rewritten.warnings = repairs;
                return Ok(document);
            }
            Err(Failure::Text(error, narrowed)) => match tolerate::repair(&text, &error) {
                Some((repaired, warning)) => {
                    text = Cow::Owned(repaired);
                    repairs.push(warning);
                }
                None => return Err(explain(&text, error, narrowed).into()),
            },
            Err(Failure::Rewritten(diagnostic)) => return Err(diagnostic.into()),
            Err(Failure::Refused(diagnostic)) => return Err(diagnostic.into()),
            Err(Failure::Unfollowed(diagnostics)) => return Err(diagnostics),
        }
    }
    Err(Diagnostic::error(
        Code::IntegerBeyond64Bits,
        "",
        "too many numbers beyond 64-bit integers or tabs beginning block scalars",
    )
    .into())
}

/// One reading of the text: straight into the typed model when nothing needs rewriting, else
/// through a YAML value rewritten first; a 3.0 document the typed model refuses is read once
/// more the tolerant way (module [`tolerate`]), and refused as first read if that fails too.
fn read(text: &str, path: Option<&std::path::Path>) -> Result<Document, Failure> {
    if let Some(path) = path.filter(|_| files::has_file_refs(text)) {
        return read_bundled(text, path);
    }
    let needs_rewrite = crate::read::deep_refs::has_deep_refs(text)
        || declares(text, "openapi", &["3.1", "3.2"])
        || declares(text, "swagger", &["2"])
        || declares(text, "default", &["null", "~"])
        || text.contains("<<:")
        // An Encoding Object's key (not `contentEncoding`, nor `Accept-Encoding` in a text).
        || text.contains("encoding:")
        || text.contains("\"encoding\"");
    let result = if needs_rewrite {
        let document = yaml_value(text)?;
        read_value(document, false).or_else(|failure| {
            // Read once more the tolerant way (the text again: a clone costs every document).
            read_value(yaml_value(text)?, true).map_err(|_| failure)
        })
    } else {
        match typed_parse_guarded(text) {
            Some(result) => result
                .map(|api| (api, Rewritten::default()))
                .map_err(|error| Failure::Text(error, None)),
            // The openapiv3 crate panicked (it does on some duplicate keys): a plain YAML parse
            // names the actual problem, with its line (and is read again as JSON, for one).
            None => match yaml_value(text) {
                Err(failure) => return Err(failure),
                Ok(_) => return Err(Failure::Refused(explain_panic(text))),
            },
        }
    };
    let (api, rewritten) = match result {
        Err(Failure::Text(error, _)) if !needs_rewrite => {
            match yaml_value(text).and_then(|document| read_value(document, true)) {
                Ok(read) => read,
                // The tolerant read found the node that fails, which the text's error does not
                // name (it stops at the first untagged enum: `paths:`).
                Err(Failure::Rewritten(narrowed)) => {
                    return Err(Failure::Text(error, Some(narrowed)))
                }
                Err(_) => return Err(Failure::Text(error, None)),
            }
        }
        other => other?,
    };
    match is_supported(&api.openapi) {
        true => Ok(Document { api, rewritten }),
        false => Err(Failure::Refused(unsupported_version(&api.openapi))),
    }
}

/// A file's text as a YAML value, the defects of its text worked around as a document's are
/// ([`tolerate`], [`json`]), with their warnings: for the files a split document refers to.
pub(crate) fn text_value(text: &str) -> Result<(serde_yaml::Value, Vec<Diagnostic>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (clean, mut warnings) = tolerate::characters(text);
    let mut text = tolerate::surrogate_pairs(&clean).unwrap_or_else(|| clean.into_owned());
    for _ in 0..tolerate::MAX_TEXT_REPAIRS {
        let error = match yaml_value(&text) {
            Ok(value) => return Ok((value, warnings)),
            Err(Failure::Text(error, _)) => error,
            Err(_) => return Err("not read".to_owned()),
        };
        if json::refused_for_repeated_names(&text, &error) {
            if let Some((value, repeats)) = json::read_keeping_the_last(&text) {
                warnings.extend(repeats);
                return Ok((value, warnings));
            }
        }
        let Some((repaired, warning)) = tolerate::repair(&text, &error) else {
            return Err(strip_location(&error));
        };
        text = repaired;
        warnings.push(warning);
    }
    Err("too many repairs of its text".to_owned())
}

/// A document that refers to other files, bundled with them (module [`files`]) and read
/// through a YAML value, once more the tolerant way if the typed model refuses it.
fn read_bundled(text: &str, path: &std::path::Path) -> Result<Document, Failure> {
    read_document(yaml_value(text)?, Some(path))
}

/// A document read as a YAML value: bundled with the files it refers to when it is the file at
/// `path`, then read once more the tolerant way if the typed model refuses it.
fn read_document(
    mut document: serde_yaml::Value,
    path: Option<&std::path::Path>,
) -> Result<Document, Failure> {
    let files = match path {
        Some(path) => files::bundle(&mut document, path).map_err(Failure::Unfollowed)?,
        None => files::Files::default(),
    };
    // A refusal about what was copied from another file is found in that file.
    let relocated = |failure| match failure {
        Failure::Rewritten(refusal) => Failure::Rewritten(files.relocate(refusal)),
        other => other,
    };
    let (api, mut rewritten) = read_value(document.clone(), false)
        .or_else(|failure| read_value(document, true).map_err(|_| failure))
        .map_err(relocated)?;
    // The other files' findings first: they were found first.
    let mut warnings = files.warnings.clone();
    warnings.append(&mut rewritten.warnings);
    rewritten.warnings = warnings;
    rewritten.files = files;
    match is_supported(&api.openapi) {
        true => Ok(Document { api, rewritten }),
        false => Err(Failure::Refused(unsupported_version(&api.openapi))),
    }
}

/// The text as a YAML value, YAML's merge keys (`<<: *anchor`) merged: serde_yaml leaves them
/// as keys named `<<`.
fn yaml_value(text: &str) -> Result<serde_yaml::Value, Failure> {
    let text_failure = |error| Failure::Text(error, None);
    let mut document: serde_yaml::Value = serde_yaml::from_str(text).map_err(text_failure)?;
    if text.contains("<<:") {
        document.apply_merge().map_err(text_failure)?;
    }
    Ok(document)
}

/// How many nodes of the wrong shape a tolerant read cuts ([`cut`]), one typed parse each,
/// before it refuses the document.
const MAX_CUTS: usize = 256;

/// The typed parse of a document read as a YAML value, after [`rewrite`]. `tolerant`: a node of
/// the wrong shape costs the item holding it, with a warning ([`cut`]), not the document.
fn read_value(
    mut document: serde_yaml::Value,
    tolerant: bool,
) -> Result<(OpenAPI, Rewritten), Failure> {
    let kind = match crate::read::swagger2::is_swagger_2(&document) {
        true => "Swagger 2.0",
        false => "OpenAPI",
    };
    let mut rewritten = rewrite(&mut document, tolerant);
    for _ in 0..=MAX_CUTS {
        let (pointer, refusal) = match typed_from_value(&document, &rewritten, kind) {
            Ok(api) => return Ok((api, rewritten)),
            Err(refused) => *refused,
        };
        let Some(cut_kind) = tolerant
            .then(|| cut_refused(&mut document, &mut rewritten, &pointer, refusal.clone()))
            .flatten()
        else {
            return Err(Failure::Rewritten(refusal));
        };
        // The other items of its kind the typed model refuses, found by one walk (for schemas,
        // the outermost: a component's, a parameter's) and cut last first (a list's later items
        // before its earlier ones): one reading again for them all.
        let found = rewritten.warnings.len();
        let others = shape::refused_of_kind(&document, cut_kind);
        for (pointer, message) in others.into_iter().rev() {
            let message = format!("not a valid {kind} document: {message}");
            let at = rewritten.file_pointer(&pointer);
            let refusal = Diagnostic::error(Code::InvalidDocument, at, message);
            cut_refused(&mut document, &mut rewritten, &pointer, refusal);
        }
        // Reported in the order of the file.
        rewritten.warnings[found..].reverse();
    }
    let message = format!("more than {MAX_CUTS} nodes of the wrong shape");
    let refusal = Diagnostic::error(Code::InvalidDocument, "", message);
    Err(Failure::Rewritten(refusal))
}

/// Cuts the item holding the node at `pointer` (in `document`) that the typed model refused
/// (`refusal`), with a warning saying what it cost; the kind of the item, or `None` when no item
/// smaller than the document holds it.
fn cut_refused(
    document: &mut serde_yaml::Value,
    rewritten: &mut Rewritten,
    pointer: &str,
    refusal: Diagnostic,
) -> Option<crate::read::deep_refs::Kind> {
    let cut = cut::cut(document, pointer)?;
    let at = (cut.pointer != pointer).then(|| rewritten.file_pointer(&cut.pointer));
    let cost = rewritten.file_words(&cut.cost(at.as_deref()));
    rewritten.warnings.push(refusal.tolerated(&cost));
    rewritten.moves.push(cut.moves);
    if ["operation", "path"].contains(&cut.noun) {
        rewritten.operations_left_out += 1;
    }
    Some(cut.kind)
}

/// Why the typed parse failed.
enum Failure {
    /// Of the text itself: serde_yaml's error has the line; the same failure narrowed to its node
    /// when a read through a YAML value found it.
    Text(serde_yaml::Error, Option<Diagnostic>),
    /// Of a rewritten document: located by its pointer in the file.
    Rewritten(Diagnostic),
    /// The document is not one that is read (an unsupported version, ...).
    Refused(Diagnostic),
    /// References to other files that cannot be followed, each at its place.
    Unfollowed(Diagnostics),
}

/// The typed parse of a rewritten document; a shape error is the pointer of the node refused in
/// `document` and the error, at its place in the file.
fn typed_from_value(
    document: &serde_yaml::Value,
    rewritten: &Rewritten,
    kind: &str,
) -> Result<OpenAPI, Box<(String, Diagnostic)>> {
    serde_path_to_error::deserialize::<_, OpenAPI>(document).map_err(|error| {
        let pointer = crate::read::shape::path_tokens(error.path())
            .iter()
            .fold(String::from("#"), |pointer, token| join(&pointer, token));
        let message = strip_location(error.inner());
        let (pointer, message) = crate::read::shape::narrow(document, pointer, message);
        let refusal = Diagnostic::error(
            Code::InvalidDocument,
            rewritten.file_pointer(&pointer),
            format!("not a valid {kind} document: {message}"),
        );
        Box::new((pointer, refusal))
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

/// Rewrites a document for the typed parse: a Swagger 2.0 document into 3.0, 3.1 constructs
/// into 3.0 ones, then references anywhere in it into the components. `tolerant` (a 3.0
/// document the typed model refused): callbacks, which openapiv3 cannot read by `$ref` and which
/// never make client methods, are dropped.
fn rewrite(document: &mut serde_yaml::Value, tolerant: bool) -> Rewritten {
    let mut rewritten = Rewritten::default();
    string_keys(document);
    // `openapi: 3.1` unquoted is a YAML number.
    if let Some(version) = document.get_mut("openapi") {
        if let serde_yaml::Value::Number(number) = version {
            *version = serde_yaml::Value::from(number.to_string());
        }
    }
    let swagger = crate::read::swagger2::is_swagger_2(document);
    if swagger {
        let (moves, warnings) = crate::read::swagger2::convert(document);
        rewritten.moves.push(moves);
        rewritten.warnings = warnings;
        rewritten.swagger = true;
    }
    let is_31 = crate::read::openapi31::is_openapi_31(document);
    // Read through a value, a 3.0 or 2.0 document is normalized too, as far as the typed model
    // would refuse or lose something: `default: null` is marked, and a 3.1 construct the typed
    // model cannot read (a type list) is read as 3.1 reads it, with a warning.
    if swagger || is_31 || tolerant || is_openapi_3(document) {
        let (renames, found) = crate::read::openapi31::normalize(document, is_31);
        rewritten.moves.push(renames);
        let version = if swagger {
            "Swagger 2.0"
        } else {
            "OpenAPI 3.0"
        };
        for (pointer, construct) in found {
            let pointer = rewritten.original_pointer(&pointer).unwrap_or(pointer);
            let warning = match tolerate::unsupported_31(&pointer, construct) {
                Some(warning) => warning,
                None if is_31 => continue,
                None => tolerate::borrowed_from_31(&pointer, construct, version),
            };
            rewritten.warnings.push(warning);
        }
    }
    if tolerant {
        tolerate::drop_callbacks(document);
    }
    if let Some(note) = webhooks_note(document) {
        rewritten.warnings.push(note);
    }
    rewritten
        .warnings
        .extend(tolerate::missing_version(document));
    let styles = tolerate::misplaced_styles(document);
    for mut warning in tolerate::missing_scopes(document).into_iter().chain(styles) {
        if let Some(original) = rewritten.original_pointer(&warning.pointer) {
            warning.pointer = original;
        }
        rewritten.warnings.push(warning);
    }
    if is_openapi_3(document) {
        explicit_explode(document);
        rewritten
            .moves
            .push(crate::read::openapi31::inline_path_items(document));
        rewritten
            .moves
            .push(crate::read::deep_refs::normalize(document));
    }
    rewritten
}

/// 3.1's `webhooks` are requests the API makes to its users, not operations a client calls.
fn webhooks_note(document: &serde_yaml::Value) -> Option<Diagnostic> {
    let count = document.get("webhooks")?.as_mapping()?.len();
    (count > 0).then(|| {
        Diagnostic::note(
            Code::WebhooksSkipped,
            "#/webhooks",
            format!("the {count} webhook(s) are requests the API sends, not operations: they get no client methods"),
        )
    })
}

/// The versions read: OpenAPI 3.0.x, 3.1.x and 3.2.x.
pub(super) fn is_supported(version: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let code = |text: &str| {
            let diagnostics = parse(text).expect_err("error");
            diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
        };
        assert_eq!(code(""), [Code::NotOpenApi]);
        assert_eq!(
            code("swagger: '1.2'\ninfo: {}\n"),
            [Code::UnsupportedVersion]
        );
        assert_eq!(code("swagger: '2.0'\ninfo: {}\n"), [Code::InvalidDocument]);
        let openapi_25 = "openapi: 2.5.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert_eq!(code(openapi_25), [Code::UnsupportedVersion]);
        assert!(parse("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n").is_ok());
        assert_eq!(code("- a\n- b\n"), [Code::NotOpenApi]);
        assert_eq!(code("name: x\n"), [Code::NotOpenApi]);
        assert_eq!(code("openapi: 3.0.3\npaths: [\n"), [Code::InvalidYaml]);
        let control = "openapi: 3.0.3\ninfo:\n  title: ab\u{9c}\n  version: '1'\npaths: {}\n";
        let warnings = parse(control).expect("read without it").rewritten.warnings;
        assert_eq!(warnings[0].location, Some((3, 12)));
        assert_eq!(warnings[0].code, Code::ForbiddenCharacter);
        assert!(warnings[0].message.contains("U+009C"));
    }
}
