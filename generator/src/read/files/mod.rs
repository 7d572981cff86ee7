//! Documents split across files, bundled into one before anything else reads them, as a bundler
//! would (Redocly's resolution rules): a `$ref` is a URI reference (OpenAPI 3.0.3 §4.8.26, RFC
//! 3986 §5.2) resolved against the file it stands in, so `./schemas/pet.yaml`,
//! `../common.yaml#/components/responses/Problem` and, inside `common.yaml`,
//! `#/components/schemas/Error` (that file's) each name one node of one file.
//!
//! Each node referred to is copied into the document once, where the place of the reference says
//! what it is: a component entry that is only such a reference takes the node itself
//! (`components/schemas/Pet: {$ref: pet.yaml}` is `Pet`); any other reference gets a component of
//! the node's kind named after the last name in its fragment, or the file's stem
//! (`schemas/pet.yaml` → `pet`), and points at it; a path item is written in place. References in
//! copied nodes are resolved against their own file, so cycles across files end at the copies.
//! Where every copy came from is kept ([`Files::origin`]), so that diagnostics name the file, the
//! pointer in it and the line. URLs are not fetched: such a reference is left as written.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::pointer::{escape_token, join, tokens_of};
use crate::read::deep_refs::{kind_at, Kind};
use crate::read::places::{key_text, node_at, node_at_mut as node_mut, walk};
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

mod scan;
pub(crate) use scan::is_uri;
pub use scan::{has_file_refs, is_document};

/// At most this many copies: a document is not bigger than this.
const MAX_COPIES: usize = 100_000;

/// The files a document read besides its own, and where each copied node came from.
#[derive(Debug, Default, Clone)]
pub struct Files {
    /// Each file read: its path (the document's folder joined with the references) and its text.
    pub read: Vec<(PathBuf, String)>,
    /// The place of each copy in the bundled document → the file (by index) and the pointer in it.
    origins: BTreeMap<String, (usize, String)>,
    /// What reading the other files found: defects of their text, each in its file; references
    /// into them that name nothing where a schema stands (in the bundled document).
    pub warnings: Vec<Diagnostic>,
}

impl Files {
    /// The file (its index in [`Files::read`]) and the pointer in it of what `pointer` (in the
    /// bundled document, before any other rewrite) names, when it was copied from another file.
    pub fn origin(&self, pointer: &str) -> Option<(usize, String)> {
        let ends = pointer.match_indices('/').map(|(index, _)| index);
        let mut prefixes: Vec<usize> = ends.chain([pointer.len()]).collect();
        prefixes.reverse();
        prefixes.into_iter().find_map(|end| {
            let (file, at) = self.origins.get(&pointer[..end])?;
            Some((*file, format!("{at}{}", &pointer[end..])))
        })
    }

    /// `diagnostic` named by its file, its pointer in that file and its line, when it is about
    /// what was copied from another file (its pointer, in the bundled document before any other
    /// rewrite, says so); as it was otherwise.
    pub fn relocate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if !diagnostic.file.is_empty() {
            return diagnostic;
        }
        let Some((file, pointer)) = self.origin(&diagnostic.pointer) else {
            return diagnostic;
        };
        let (path, text) = &self.read[file];
        let lines: Vec<&str> = text.lines().collect();
        let found = crate::read::locate::line_in(&lines, &pointer);
        diagnostic.file = crate::config::display_path(path);
        diagnostic.pointer = pointer;
        diagnostic.location = None;
        match found {
            Some((line, column)) => diagnostic.at(line, column),
            None => diagnostic,
        }
    }
}

/// Copies every node that `document` (the file at `root`) refers to in other files into it, as
/// the module docs say. The errors name each reference, in its file, that cannot be followed.
pub fn bundle(document: &mut Value, root: &Path) -> Result<Files, Diagnostics> {
    let swagger = crate::read::swagger2::is_swagger_2(document);
    let mut bundler = Bundler {
        root: normalize(root),
        swagger,
        files: Files::default(),
        values: Vec::new(),
        by_path: BTreeMap::new(),
        copied: BTreeMap::new(),
        names: existing_names(document, swagger),
        copies: 0,
    };
    let mut refs = Vec::new();
    collect_refs(document, &mut Vec::new(), &mut refs, swagger);
    // Component entries first: the node takes the entry's name wherever else it is referred to.
    refs.sort_by_key(|(location, _)| !is_entry(location, swagger));
    let mut queue: Vec<(Vec<String>, String, Option<usize>)> = refs
        .into_iter()
        .map(|(at, reference)| (at, reference, None))
        .collect();
    queue.reverse();
    // Every reference that cannot be followed is reported, not only the first.
    let mut errors = Diagnostics::default();
    while let Some((location, reference, source)) = queue.pop() {
        let found = match bundler.follow(document, &location, &reference, source) {
            Ok(found) => found,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        if let Some((place, file)) = found {
            let mut inner = Vec::new();
            if let Some(node) = node_at(document, &place) {
                collect_refs(node, &mut place.clone(), &mut inner, swagger);
            }
            queue.extend(inner.into_iter().rev().map(|(at, r)| (at, r, Some(file))));
        }
    }
    match errors.is_empty() {
        true => Ok(bundler.files),
        false => Err(errors),
    }
}

struct Bundler {
    root: PathBuf,
    swagger: bool,
    files: Files,
    /// Each read file's document, by its index in `files.read`.
    values: Vec<Value>,
    by_path: BTreeMap<PathBuf, usize>,
    /// (file, fragment) → the `$ref` to its copy.
    copied: BTreeMap<(usize, String), String>,
    /// `section/name` of every component, so that copies take free names.
    names: BTreeSet<String>,
    copies: usize,
}

impl Bundler {
    /// Follows the `reference` at `location` (tokens in the bundled document), written in the file
    /// `source` (`None`: the document's own): rewrites it to point into the document, copying its
    /// target first if needed. Returns the place of a new copy and its file, whose own references
    /// are to be followed next.
    fn follow(
        &mut self,
        document: &mut Value,
        location: &[String],
        reference: &str,
        source: Option<usize>,
    ) -> Result<Option<(Vec<String>, usize)>, Diagnostic> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = format!("#{fragment}");
        if is_uri(file_part) {
            return Ok(None); // A URL or a URN: not fetched, reported where it is used.
        }
        let file = match (file_part.is_empty(), source) {
            (true, None) => return Ok(None), // The document's own.
            (true, Some(file)) => file,
            (false, _) => {
                let path = self.resolve(source, file_part);
                if path == self.root {
                    set_ref(document, location, &fragment);
                    return Ok(None);
                }
                self.load(&path).map_err(|(code, why)| {
                    let mut error = self.error(location, reference, &why);
                    error.code = code;
                    error
                })?
            }
        };
        let Ok(canonical) = crate::pointer::JsonPointer::parse_ref(&fragment) else {
            let why = format!(
                "`{fragment}` is not a JSON pointer into {}",
                self.shown(file)
            );
            return self.unresolved(document, location, (reference, Code::RefMalformed), &why);
        };
        let canonical = canonical.to_string();
        if let Some(local) = self.copied.get(&(file, canonical.clone())) {
            set_ref(document, location, &local.clone());
            return Ok(None);
        }
        let Some(node) = node_at(&self.values[file], &tokens_of(&canonical)).cloned() else {
            let why = format!("no node of {} is at `{fragment}`", self.shown(file));
            return self.unresolved(document, location, (reference, Code::RefNotFound), &why);
        };
        self.copies += 1;
        if self.copies > MAX_COPIES {
            let why = format!("more than {MAX_COPIES} nodes are copied from other files");
            return Err(self.error(location, reference, &why));
        }
        let place = self.place(document, location, &canonical, file, node);
        self.files
            .origins
            .insert(pointer_of(&place), (file, canonical));
        Ok(Some((place, file)))
    }

    /// A reference into a file that names no node of it: where a schema stands, the schema is any
    /// JSON value, as for a reference in the document itself, with a warning; elsewhere an error.
    fn unresolved(
        &mut self,
        document: &mut Value,
        location: &[String],
        (reference, code): (&str, Code),
        why: &str,
    ) -> Result<Option<(Vec<String>, usize)>, Diagnostic> {
        let mut finding = self.error(location, reference, why);
        finding.code = code;
        if place_kind(location, self.swagger) != Kind::Schema {
            return Err(finding);
        }
        if let Some(node) = node_mut(document, location) {
            *node = Value::Mapping(Mapping::new());
        }
        let finding = finding.tolerated(crate::diagnostics::ANY_JSON);
        self.files.warnings.push(finding);
        Ok(None)
    }

    /// Puts `node` (at `fragment` of `file`) into the document for the reference at `location`,
    /// and points the reference at it: its place.
    fn place(
        &mut self,
        document: &mut Value,
        location: &[String],
        fragment: &str,
        file: usize,
        node: Value,
    ) -> Vec<String> {
        let section = section_of(place_kind(location, self.swagger), self.swagger);
        let in_place = is_entry(location, self.swagger) || section.is_none();
        let place = match section.filter(|_| !in_place) {
            Some(section) => {
                let name = self.free_name(&section, fragment, file);
                let mut place = tokens_of(&section);
                place.push(name);
                insert(document, &place, node);
                set_ref(document, location, &pointer_of(&place));
                place
            }
            None => {
                if let Some(slot) = node_mut(document, location) {
                    *slot = node;
                }
                location.to_vec()
            }
        };
        // Another reference to it points here: a path item written in place too, so that a loop
        // of path items across files ends (at a path item that is a `$ref` to itself).
        self.copied
            .insert((file, fragment.to_owned()), pointer_of(&place));
        place
    }

    /// A free name in `section` for the node at `fragment` of `file`: the fragment's last name,
    /// or the file's stem.
    fn free_name(&mut self, section: &str, fragment: &str, file: usize) -> String {
        let tokens = tokens_of(fragment);
        let last = tokens
            .iter()
            .rev()
            .find(|token| token.parse::<usize>().is_err());
        let stem = self.files.read[file].0.file_stem().and_then(|s| s.to_str());
        let base = last
            .map(String::as_str)
            .or(stem)
            .unwrap_or("Shared")
            .to_owned();
        let section_key = tokens_of(section).last().cloned().unwrap_or_default();
        let mut name = base.clone();
        let mut n = 2;
        while !self
            .names
            .insert(format!("{section_key}/{}", escape_token(&name)))
        {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// The path a reference's file part names, from the file it stands in.
    fn resolve(&self, source: Option<usize>, file_part: &str) -> PathBuf {
        let from = match source {
            Some(file) => &self.files.read[file].0,
            None => &self.root,
        };
        let decoded = crate::pointer::percent_decoded(file_part);
        normalize(
            &from
                .parent()
                .unwrap_or(Path::new(""))
                .join(decoded.as_ref()),
        )
    }

    /// The index of the file at `path`, read and parsed once.
    fn load(&mut self, path: &Path) -> Result<usize, (Code, String)> {
        if let Some(&index) = self.by_path.get(path) {
            return Ok(index);
        }
        let shown = crate::config::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|error| {
            (
                Code::RefNotFound,
                format!("the file {shown} cannot be read: {error}"),
            )
        })?;
        let (mut value, warnings) = crate::read::text_value(&text).map_err(|error| {
            (
                Code::InvalidYaml,
                format!("the file {shown} is not YAML or JSON: {error}"),
            )
        })?;
        crate::read::string_keys(&mut value);
        // Its text's defects, worked around as the document's own are, at their place in it.
        let lines: Vec<&str> = text.lines().collect();
        for mut warning in warnings {
            if warning.location.is_none() {
                if let Some((line, column)) = crate::read::locate::line_in(&lines, &warning.pointer)
                {
                    warning = warning.at(line, column);
                }
            }
            self.files.warnings.push(warning.in_file(&shown));
        }
        let index = self.files.read.len();
        self.files.read.push((path.to_owned(), text));
        self.values.push(value);
        self.by_path.insert(path.to_owned(), index);
        Ok(index)
    }

    fn shown(&self, file: usize) -> String {
        crate::config::display_path(&self.files.read[file].0)
    }

    /// The error for the reference at `location`, at its place in its own file.
    fn error(&self, location: &[String], reference: &str, why: &str) -> Diagnostic {
        let pointer = join(&pointer_of(location), "$ref");
        let message = format!("`$ref: {reference}` cannot be followed: {why}");
        let error = Diagnostic::error(Code::RefNotFound, pointer, message).with_hint(
            "a relative `$ref` names a file from the folder of the file it stands in, and a \
             pointer in that file",
        );
        self.files.relocate(error)
    }
}

/// The kind of the node at `tokens` of a 3.x document, or of a Swagger 2.0 one read as the
/// 3.0 document it becomes (`definitions` are schemas, a response's `schema` its content's).
fn place_kind(tokens: &[String], swagger: bool) -> Kind {
    if !swagger {
        return kind_at(tokens);
    }
    let mut translated: Vec<String> = match tokens {
        [first, rest @ ..]
            if ["definitions", "parameters", "responses"].contains(&first.as_str()) =>
        {
            let section = match first.as_str() {
                "definitions" => "schemas",
                other => other,
            };
            ["components", section]
                .iter()
                .map(|s| s.to_string())
                .chain(rest.iter().cloned())
                .collect()
        }
        _ => tokens.to_vec(),
    };
    if let Some(at) = (2..translated.len())
        .find(|&i| translated[i] == "schema" && translated[i - 2] == "responses")
    {
        translated.splice(at..at, ["content".to_owned(), "*/*".to_owned()]);
    }
    kind_at(&translated)
}

/// Where components of `kind` are kept: `#/components/schemas`, or a 2.0 document's sections.
fn section_of(kind: Kind, swagger: bool) -> Option<String> {
    let section = kind.section()?;
    match swagger {
        false => Some(format!("#/components/{section}")),
        true => match section {
            "schemas" => Some("#/definitions".to_owned()),
            "parameters" | "responses" => Some(format!("#/{section}")),
            _ => None,
        },
    }
}

/// Whether `location` is a component entry itself (`components/schemas/Pet`, 2.0's
/// `definitions/Pet`).
fn is_entry(location: &[String], swagger: bool) -> bool {
    match location {
        [components, _, _] => components == "components",
        [section, _] => {
            swagger && ["definitions", "parameters", "responses"].contains(&section.as_str())
        }
        _ => false,
    }
}

/// `section/name` of every component already in the document.
fn existing_names(document: &Value, swagger: bool) -> BTreeSet<String> {
    let mut sections: Vec<(&Value, String)> = Vec::new();
    if swagger {
        for section in ["definitions", "parameters", "responses"] {
            if let Some(entries) = document.get(section) {
                sections.push((entries, section.to_owned()));
            }
        }
    }
    for (section, entries) in document
        .get("components")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
    {
        sections.extend(key_text(section).map(|section| (entries, section)));
    }
    let mut names = BTreeSet::new();
    for (entries, section) in sections {
        for name in entries
            .as_mapping()
            .into_iter()
            .flatten()
            .filter_map(|(key, _)| key_text(key))
        {
            names.insert(format!("{section}/{}", escape_token(&name)));
        }
    }
    names
}

/// Every `$ref` below `node` (at `path`) that names another file, or (inside a copied node) a
/// place of its own file; literal data (an example, a default) is left as written.
fn collect_refs(
    node: &Value,
    path: &mut Vec<String>,
    refs: &mut Vec<(Vec<String>, String)>,
    swagger: bool,
) {
    walk(node, path, &mut |node, path| {
        // Nothing a client is made of: examples (Redocly's `examples/*.json`), links, callbacks,
        // and extensions (`x-codeSamples` naming a C# file, `x-ms-examples`), left as written.
        let ignored = matches!(
            place_kind(path, swagger),
            Kind::Value | Kind::Example | Kind::Link | Kind::Callback
        );
        if ignored || is_extension(path) {
            return false;
        }
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            refs.push((path.to_vec(), reference.to_owned()));
        }
        true
    });
}

/// Whether the node at `path` is an extension's value (`x-...`, not the name of a property, a
/// component or a path).
fn is_extension(path: &[String]) -> bool {
    const NAMES: &[&str] = &[
        "properties",
        "patternProperties",
        "definitions",
        "$defs",
        "dependentSchemas",
        "schemas",
        "parameters",
        "responses",
        "headers",
        "requestBodies",
        "securitySchemes",
        "examples",
        "links",
        "callbacks",
        "pathItems",
        "paths",
    ];
    path.iter().enumerate().any(|(index, token)| {
        let named = index > 0 && NAMES.contains(&path[index - 1].as_str());
        token.starts_with("x-") && !named
    })
}

fn pointer_of(tokens: &[String]) -> String {
    tokens
        .iter()
        .fold(String::from("#"), |pointer, token| join(&pointer, token))
}

/// Sets the `$ref` of the reference at `location`.
fn set_ref(document: &mut Value, location: &[String], reference: &str) {
    if let Some(Value::Mapping(map)) = node_mut(document, location) {
        map.insert(Value::from("$ref"), Value::from(reference));
    }
}

/// Puts `node` at `place` (a section's new entry), creating the section.
fn insert(document: &mut Value, place: &[String], node: Value) {
    let Some((name, section)) = place.split_last() else {
        return;
    };
    let mut current = document;
    for token in section {
        let Some(map) = current.as_mapping_mut() else {
            return;
        };
        let entry = map
            .entry(Value::from(token.as_str()))
            .or_insert(Value::Null);
        if !entry.is_mapping() {
            *entry = Value::Mapping(Mapping::new());
        }
        current = entry;
    }
    if let Some(map) = current.as_mapping_mut() {
        map.insert(Value::from(name.as_str()), node);
    }
}

/// `a/./b/../c` → `a/c`, without asking the file system (a link is followed as named).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
