//! Diagnostics: what is wrong with a spec, and where (file, JSON pointer, line and column), each
//! with a stable [`Code`] naming the kind of finding.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Something the user may want to know, with nothing lost (webhooks get no client methods).
    Note,
    /// Generation goes on with a documented fallback.
    Warning,
    /// The spec cannot be turned into a client.
    Error,
}

impl Severity {
    /// `error`, `warning` or `note`, as diagnostics are rendered.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The enum, [`Code::ALL`] and [`Code::as_str`] from one list, so that they cannot disagree.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum Code { $($(#[doc = $doc:literal])* $variant:ident => $name:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, by stage, in the order of the list above.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, as rendered in `error[ref-not-found]: ...`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    /// The kind of a finding, named by a stable kebab-case string ([`Code::as_str`]) that tests and
    /// tools match on instead of the message, which may be reworded. One code per kind of problem;
    /// its severity may differ with the place (a dangling `$ref` fails the spec, but only drops a
    /// response header). The codes, by stage:
    ///
    /// Reading the text and the document:
    /// - `not-openapi`: the file is empty, or not an OpenAPI or Swagger document.
    /// - `invalid-yaml`: the text is not YAML (or JSON).
    /// - `unsupported-version`: a version not read (Swagger 1.x, OpenAPI 4).
    /// - `invalid-document`: a field of the wrong shape, or keys repeated within one mapping.
    /// - `forbidden-character`: a character YAML forbids, removed.
    /// - `integer-beyond-64-bits`: an integer no 64-bit type holds, read as the nearest float.
    /// - `borrowed-3-1-construct`: an OpenAPI 3.1 construct in an older document, read as 3.1
    ///   reads it.
    /// - `unsupported-keyword`: a schema keyword with no Rust counterpart (`not`, a `false` schema,
    ///   `if`/`then`/`else`, a tuple's `prefixItems`), read with a documented fallback.
    /// - `webhooks-skipped`: webhooks are requests the API sends: they get no client methods.
    /// - `missing-scopes`: an OAuth2 flow without the `scopes` OpenAPI requires, read as none.
    /// - `missing-version`: an `info` without the `version` OpenAPI requires, or with a number
    ///   for it, read as empty or as that number's text.
    /// - `misplaced-style`: a parameter `style` its location does not have (`simple` on a query
    ///   parameter), read as that location's default.
    /// - `malformed-base-url`: a Swagger 2.0 `host` written as a URL, or a `basePath` without its
    ///   leading `/`, read as meant.
    /// - `unsupported-collection-format`: a Swagger 2.0 `collectionFormat` OpenAPI 3 cannot say.
    /// - `form-data-beside-body`: Swagger 2.0 `formData` parameters beside an `in: body` one.
    ///
    /// References:
    /// - `ref-not-found`: a `$ref` that points at nothing (in this file, or in another: a file
    ///   that cannot be read refuses the spec).
    /// - `ref-external`: a `$ref` to a URL, or to another file when only the spec's text is
    ///   generated ([`crate::generate_source`]), typed as any JSON value.
    /// - `ref-malformed`: a `$ref` that is not a JSON pointer into this file.
    /// - `ref-wrong-kind`: a `$ref` to a component of another kind than the place expects.
    /// - `ref-cycle`: a `$ref` that leads back to itself with nothing in between.
    ///
    /// Types:
    /// - `unknown-type`: a `type` that is not one of JSON Schema's.
    /// - `nesting-too-deep`: schemas nested deeper than the generator follows.
    /// - `bad-default`: a `default` its own schema or type refuses, not filled in.
    /// - `untyped-union`: a `oneOf`/`anyOf` that cannot be typed together with the properties or
    ///   `allOf` members beside it.
    /// - `required-not-declared`: a `required` name that `properties` does not declare, typed as
    ///   any JSON.
    ///
    /// Operations:
    /// - `duplicate-operation-id`: an operationId used twice.
    /// - `ignored-header-parameter`: an `Accept`, `Content-Type` or `Authorization` header
    ///   parameter, which OpenAPI says to ignore.
    /// - `undeclared-path-parameter`: a path template name no parameter declares.
    /// - `path-parameter-not-in-template`: a path parameter the path template does not name.
    /// - `content-parameter`: a parameter given by `content`, sent as its JSON text.
    /// - `undefined-security-scheme`: a security requirement naming an undefined scheme.
    /// - `unsupported-media-type`: a body with none of the media types the client reads or sends.
    /// - `multipart-not-object`: a multipart request body that is not an object with properties.
    /// - `invalid-part-content-type`: a multipart part's `contentType` that is not a media type.
    /// - `no-success-response`: an operation that documents no successful response.
    /// - `method-renamed`: an extra method (`_stream`, `_pages`) whose name an operation of the
    ///   spec takes.
    ///
    /// Pagination:
    /// - `paginated`: an operation that gets a `_pages` method, and how it pages (a note, to
    ///   confirm or to turn off with `Config::no_pagination`).
    /// - `pagination-unusable`: a pagination that the configuration or a vendor extension gives
    ///   an operation and that its parameters or response cannot carry.
    /// - `pagination-unknown-operation`: `Config::paginate` naming no operation of the spec.
    ///
    /// Selection and features:
    /// - `selection-matches-nothing`: a selected tag, operationId or path no operation has.
    /// - `feature-renamed`: a tag whose cargo feature is not the tag's own name.
    ///
    /// Configuration and output:
    /// - `module-renamed`: a spec whose module name is taken by another.
    /// - `invalid-config`: a setting that cannot be used (runtime path, package name, no output
    ///   folder).
    /// - `output-conflict`: an output place holding something oapigen did not write.
    /// - `io-error`: a file or folder that cannot be read or written.
    /// - `internal-error`: a bug in oapigen.
    pub enum Code {
        /// The file is empty, or not an OpenAPI or Swagger document.
        NotOpenApi => "not-openapi",
        /// The text is not YAML (or JSON).
        InvalidYaml => "invalid-yaml",
        /// A version not read (Swagger 1.x, OpenAPI 4).
        UnsupportedVersion => "unsupported-version",
        /// A field of the wrong shape, or keys repeated within one mapping.
        InvalidDocument => "invalid-document",
        /// A character YAML forbids, removed.
        ForbiddenCharacter => "forbidden-character",
        /// An integer no 64-bit type holds, read as the nearest float.
        IntegerBeyond64Bits => "integer-beyond-64-bits",
        /// An OpenAPI 3.1 construct in an older document, read as 3.1 reads it.
        Borrowed31Construct => "borrowed-3-1-construct",
        /// A schema keyword with no Rust counterpart, read with a documented fallback.
        UnsupportedKeyword => "unsupported-keyword",
        /// Webhooks, which get no client methods.
        WebhooksSkipped => "webhooks-skipped",
        /// An OAuth2 flow without `scopes`, read as none.
        MissingScopes => "missing-scopes",
        /// An `info` without its required `version`, or a number for it.
        MissingVersion => "missing-version",
        /// A parameter `style` its location does not have.
        MisplacedStyle => "misplaced-style",
        /// A Swagger 2.0 `host` written as a URL, or a `basePath` without its leading `/`.
        MalformedBaseUrl => "malformed-base-url",
        /// A Swagger 2.0 `collectionFormat` OpenAPI 3 cannot say.
        UnsupportedCollectionFormat => "unsupported-collection-format",
        /// Swagger 2.0 `formData` parameters beside an `in: body` one.
        FormDataBesideBody => "form-data-beside-body",
        /// A `$ref` that points at nothing.
        RefNotFound => "ref-not-found",
        /// A `$ref` to a URL, or to another file when only the spec's text is generated.
        RefExternal => "ref-external",
        /// A `$ref` that is not a JSON pointer into this file.
        RefMalformed => "ref-malformed",
        /// A `$ref` to a component of another kind than the place expects.
        RefWrongKind => "ref-wrong-kind",
        /// A `$ref` that leads back to itself with nothing in between.
        RefCycle => "ref-cycle",
        /// A `type` that is not one of JSON Schema's.
        UnknownType => "unknown-type",
        /// Schemas nested deeper than the generator follows.
        NestingTooDeep => "nesting-too-deep",
        /// A `default` its own schema or type refuses, not filled in.
        BadDefault => "bad-default",
        /// A `oneOf`/`anyOf` that cannot be typed together with what stands beside it.
        UntypedUnion => "untyped-union",
        /// A `required` name `properties` does not declare, typed as any JSON.
        RequiredNotDeclared => "required-not-declared",
        /// An operationId used twice.
        DuplicateOperationId => "duplicate-operation-id",
        /// An `Accept`, `Content-Type` or `Authorization` header parameter, ignored.
        IgnoredHeaderParameter => "ignored-header-parameter",
        /// A path template name no parameter declares, taken as a required string.
        UndeclaredPathParameter => "undeclared-path-parameter",
        /// A path parameter the path template does not name.
        PathParameterNotInTemplate => "path-parameter-not-in-template",
        /// A parameter given by `content`, sent as its JSON text.
        ContentParameter => "content-parameter",
        /// A security requirement naming an undefined scheme, left out.
        UndefinedSecurityScheme => "undefined-security-scheme",
        /// A body with none of the media types the client reads or sends.
        UnsupportedMediaType => "unsupported-media-type",
        /// A multipart request body that is not an object with properties.
        MultipartNotObject => "multipart-not-object",
        /// A multipart part's `contentType` that is not a media type.
        InvalidPartContentType => "invalid-part-content-type",
        /// An operation that documents no successful response.
        NoSuccessResponse => "no-success-response",
        /// An extra method (`_stream`) whose name an operation of the spec takes, named otherwise.
        MethodRenamed => "method-renamed",
        /// An operation that gets a `_pages` method (a note saying how it pages).
        Paginated => "paginated",
        /// A configured or extension-given pagination the operation cannot carry.
        PaginationUnusable => "pagination-unusable",
        /// `Config::paginate` naming no operation of the spec.
        PaginationUnknownOperation => "pagination-unknown-operation",
        /// A selected tag, operationId or path no operation has.
        SelectionMatchesNothing => "selection-matches-nothing",
        /// A tag whose cargo feature is not the tag's own name.
        FeatureRenamed => "feature-renamed",
        /// A spec whose module name is taken by another.
        ModuleRenamed => "module-renamed",
        /// A setting that cannot be used.
        InvalidConfig => "invalid-config",
        /// An output place holding something oapigen did not write.
        OutputConflict => "output-conflict",
        /// A file or folder that cannot be read or written.
        IoError => "io-error",
        /// A bug in oapigen.
        InternalError => "internal-error",
    }
}

impl Code {
    /// A defect of the document (it breaks a rule of YAML, JSON, OpenAPI or JSON Schema, or
    /// names what is not there) that the generator reads the tolerant way, with a warning saying
    /// what that cost: the item left out, or what was assumed. [`crate::Config::strict`] makes
    /// each an error. The others are limits of the generator or notes on valid documents.
    pub fn is_defect(self) -> bool {
        use Code::*;
        matches!(
            self,
            InvalidDocument
                | ForbiddenCharacter
                | Borrowed31Construct
                | MissingScopes
                | MissingVersion
                | MisplacedStyle
                | MalformedBaseUrl
                | FormDataBesideBody
                | RefNotFound
                | RefExternal
                | RefMalformed
                | RefWrongKind
                | RefCycle
                | UnknownType
                | BadDefault
                | DuplicateOperationId
                | UndeclaredPathParameter
                | PathParameterNotInTemplate
                | UndefinedSecurityScheme
                | InvalidPartContentType
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a schema that cannot be read costs: its type ([`Diagnostic::tolerated`]).
pub(crate) const ANY_JSON: &str = "typed as any JSON value";

/// The hint of an [`Code::InternalError`].
pub(crate) const REPORT_BUG: &str = "this is a bug in oapigen; please report it with the spec";

/// One finding about a spec. Made by [`Diagnostic::error`], [`Diagnostic::warning`] or
/// [`Diagnostic::note`]; rendered as `error[code]: file:line:column: at pointer: message`, and
/// the hint on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// The kind of finding.
    pub code: Code,
    /// The spec file, as the user named it.
    pub file: String,
    /// JSON pointer to the offending node (`#/paths/~1pets/get`), empty for the whole document.
    pub pointer: String,
    /// 1-based line and column in the file, when known.
    pub location: Option<(u32, u32)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// The length of the message's last words that say what reading a defect the tolerant way
    /// cost ([`Diagnostic::cost`]); kept in what would be padding, so that the diagnostic stays
    /// small enough to be a function's error by value.
    cost_len: u16,
}

impl Diagnostic {
    /// An error at `pointer`; the file and line are filled in when the spec is generated.
    pub fn error(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: String::new(),
            pointer: pointer.into(),
            location: None,
            message: message.into(),
            hint: None,
            cost_len: 0,
        }
    }

    /// A note at `pointer`.
    pub fn note(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, pointer, message)
        }
    }

    /// A warning at `pointer`. A defect's message ([`Code::is_defect`]) says what is wrong, then,
    /// after its last `: `, what reading it the tolerant way cost ([`Diagnostic::cost`]).
    pub fn warning(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        let message: String = message.into();
        let cost = match code.is_defect() {
            true => message.rfind(": ").map(|at| message.len() - at - 2),
            false => None,
        };
        Diagnostic {
            severity: Severity::Warning,
            cost_len: cost.and_then(|len| u16::try_from(len).ok()).unwrap_or(0),
            ..Diagnostic::error(code, pointer, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.location = Some((clamp(line), clamp(column)));
        self
    }

    /// This finding read the tolerant way: a warning, whose message ends with what that cost
    /// (`typed as any JSON value`, `the operation ... is left out`).
    pub(crate) fn tolerated(mut self, cost: &str) -> Self {
        self.severity = Severity::Warning;
        self.message = format!("{}: {cost}", self.message);
        self.cost_len = u16::try_from(cost.len()).unwrap_or(0);
        self
    }

    /// For a defect read the tolerant way, what that cost, as the message ends with it: `typed
    /// as any JSON value`, `the operation ... is left out` (none for a strict run's error).
    pub fn cost(&self) -> Option<&str> {
        let start = self.message.len().checked_sub(usize::from(self.cost_len))?;
        (self.cost_len > 0).then(|| &self.message[start..])
    }

    /// Names the file: for a finding about a file as a whole (one that cannot be read).
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = file.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.file
        )?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, ": at {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every finding about one run, errors and warnings together, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Each finding, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// How many findings there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Adds one.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Appends others (another run's findings).
    pub(crate) fn extend(&mut self, others: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(others);
    }

    /// Keeps the findings `keep` accepts.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }

    /// Each finding, to be changed in place.
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, Diagnostic> {
        self.0.iter_mut()
    }

    /// Names the file of each diagnostic that names none (`file`, whose text is `text`) and,
    /// where its pointer can be found in its file's text (`text`, or that of one of `others`, the
    /// files a split document read), the line.
    pub(crate) fn locate(
        &mut self,
        file: &str,
        text: &str,
        others: &[(std::path::PathBuf, String)],
    ) {
        // Each file's lines, split once, and a locator over them.
        let mut texts: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
        for diagnostic in &self.0 {
            let file_name = if diagnostic.file.is_empty() {
                file
            } else {
                &diagnostic.file
            };
            if texts.contains_key(file_name) || diagnostic.location.is_some() {
                continue;
            }
            let own = (others.iter())
                .find(|(path, _)| crate::config::display_path(path) == file_name)
                .map(|(_, text)| text.as_str());
            if let Some(text) = own.or((file_name == file).then_some(text)) {
                texts.insert(file_name.to_owned(), text.lines().collect());
            }
        }
        let mut locators: std::collections::BTreeMap<&str, crate::read::locate::Locator> = (texts
            .iter())
        .map(|(name, lines)| (name.as_str(), crate::read::locate::Locator::new(lines)))
        .collect();
        for diagnostic in &mut self.0 {
            if diagnostic.file.is_empty() {
                diagnostic.file = file.to_owned();
            }
            if diagnostic.location.is_some() || diagnostic.pointer.is_empty() {
                continue;
            }
            let Some(locator) = locators.get_mut(diagnostic.file.as_str()) else {
                continue;
            };
            let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            diagnostic.location = (locator.line_of(&diagnostic.pointer))
                .map(|(line, column)| (clamp(line), clamp(column)));
        }
    }

    /// [`crate::Config::strict`]: each defect read the tolerant way ([`Code::is_defect`]) is an
    /// error.
    pub(crate) fn make_strict(&mut self) {
        for diagnostic in &mut self.0 {
            if diagnostic.code.is_defect() && diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
                // Refused, it costs nothing: the message says only what is wrong.
                let cost = usize::from(diagnostic.cost_len);
                if cost > 0 {
                    let end = diagnostic.message.len().saturating_sub(cost + 2);
                    diagnostic.message.truncate(end);
                    diagnostic.cost_len = 0;
                }
            }
        }
    }

    /// Drops repeats of a finding (a schema merged into several places is read once per place),
    /// keeping the first of each in place.
    pub(crate) fn dedup(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        self.retain(|d| seen.insert((d.code, d.pointer.clone(), d.message.clone())));
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'d> IntoIterator for &'d Diagnostics {
    type Item = &'d Diagnostic;
    type IntoIter = std::slice::Iter<'d, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests;
