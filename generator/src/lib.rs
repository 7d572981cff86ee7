//! oapigen: typed Rust clients from OpenAPI 3.0, 3.1, 3.2 and Swagger 2.0 specs, generated at
//! build time.
//!
//! Three layers, as in prost-build:
//! - [`generate_dir`]: one call for `build.rs`: every spec of a folder → one module each.
//! - [`Config`]: the builder behind it (spec files, output folder, crate root, runtime path,
//!   serde derives, Cargo instructions), and the settings of every other entry point; writes only
//!   files whose bytes changed. [`Config::write_crate`] writes a standalone crate.
//! - [`generate_source`]: one spec's text → the module's source, for tests and the CLI.
//!
//! Generated modules call the `oapigen-runtime` crate ([`DEFAULT_RUNTIME_PATH`]), which the crate
//! holding them depends on; [`RUNTIME_FILES`] is its source, for crates that vendor it.
//!
//! Inside, one straight line, each stage with its own types (`ARCHITECTURE.md` has the code map
//! and the invariants):
//!
//! 1. Reading (`read`): YAML or JSON text → `read::Document` (an `openapiv3::OpenAPI`: a 3.1 or
//!    2.0 document lowered into the 3.0 model, references anywhere in it moved into its
//!    components, and where each moved node came from; `read::keys` names every extension key
//!    that carries a fact of the file past the model).
//! 2. Analysis, where every decision is made, by domain: `types` (schemas → a `types::TypeTable`,
//!    each type by a `TypeId`), `operations` (paths → `operations::Operation`s referring to types
//!    by id) and `client` (credential setters, token sessions); `scope` decides what the module
//!    holds and behind which cargo feature, and `module` assembles the `module::Module` IR.
//!    Names come from `naming`, docs from `docs`, pointers go through `pointer`.
//! 3. Emission, deciding nothing: `emit` turns each `module::Part` of the IR into a
//!    `proc_macro2::TokenStream` through each domain's `emit` folder (`types::emit`,
//!    `operations::emit`, `client::emit`), which read only the IR.
//! 4. Output (`output`): tokens → formatted text, item by item, on two threads → `Generated`
//!    (`output::print`); the standalone crate around a module (`output::standalone`).
//! 5. Writing (`config`): files written only when their bytes change.
//!
//! Errors at any stage are `diagnostics::Diagnostics`, located in the file by `read::locate`.

// Library code reports failures as errors; a panic would abort the build script or the program
// that calls it. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod client;
mod config;
mod diagnostics;
mod docs;
mod emit;
mod module;
mod naming;
mod operations;
mod output;
mod pointer;
mod read;
mod scope;
mod types;

pub use config::{
    generate_dir, write_if_changed, Config, DateTimeLibrary, ModuleReport, Report,
    DEFAULT_RUNTIME_PATH,
};
pub use diagnostics::{Code, Diagnostic, Diagnostics, Severity};
pub use operations::pagination::Paging;

/// The stages that the benchmarks, examples and the IR goldens use on their own; not a stable
/// API.
#[doc(hidden)]
pub mod stages {
    pub use crate::output::print::format_items;
    pub use crate::read::parse;

    /// The module IR of a spec as compact text (a line per type, a block per operation), for
    /// the analysis goldens of `tests/ir.rs`. Errors are not located.
    pub fn ir_text(text: &str, config: &crate::Config) -> Result<String, crate::Diagnostics> {
        let document = crate::read::parse(text)?;
        let (module, _) = crate::module::module(&document, config, crate::formats(config))?;
        Ok(crate::module::text::render(&module))
    }
}

/// The types that a config gives string formats.
fn formats(config: &Config) -> types::Formats {
    types::Formats {
        date_time: config.date_time_library,
        uuid: !config.uuid_as_string,
        runtime: config.resolved_runtime_path().to_owned(),
    }
}

use module::Module;
use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The runtime crate's source files (path in the package, contents), for a crate that cannot
/// depend on `oapigen-runtime` by path or registry: `oapigen crate` writes them, with a manifest,
/// as a package inside the crate it generates.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("src/lib.rs", include_str!("../runtime/src/lib.rs")),
    ("src/binary.rs", include_str!("../runtime/src/binary.rs")),
    ("src/call.rs", include_str!("../runtime/src/call.rs")),
    ("src/client.rs", include_str!("../runtime/src/client.rs")),
    ("src/decode.rs", include_str!("../runtime/src/decode.rs")),
    ("src/encode.rs", include_str!("../runtime/src/encode.rs")),
    ("src/enums.rs", include_str!("../runtime/src/enums.rs")),
    ("src/error.rs", include_str!("../runtime/src/error.rs")),
    ("src/events.rs", include_str!("../runtime/src/events.rs")),
    ("src/form.rs", include_str!("../runtime/src/form.rs")),
    ("src/headers.rs", include_str!("../runtime/src/headers.rs")),
    ("src/hook.rs", include_str!("../runtime/src/hook.rs")),
    ("src/items.rs", include_str!("../runtime/src/items.rs")),
    (
        "src/json_path.rs",
        include_str!("../runtime/src/json_path.rs"),
    ),
    (
        "src/multipart.rs",
        include_str!("../runtime/src/multipart.rs"),
    ),
    ("src/oauth2.rs", include_str!("../runtime/src/oauth2.rs")),
    ("src/pages.rs", include_str!("../runtime/src/pages.rs")),
    ("src/paging.rs", include_str!("../runtime/src/paging.rs")),
    ("src/params.rs", include_str!("../runtime/src/params.rs")),
    ("src/redact.rs", include_str!("../runtime/src/redact.rs")),
    ("src/request.rs", include_str!("../runtime/src/request.rs")),
    ("src/retry.rs", include_str!("../runtime/src/retry.rs")),
    (
        "src/secret_keys.in",
        include_str!("../runtime/src/secret_keys.in"),
    ),
    (
        "src/response.rs",
        include_str!("../runtime/src/response.rs"),
    ),
    ("src/sender.rs", include_str!("../runtime/src/sender.rs")),
    ("src/session.rs", include_str!("../runtime/src/session.rs")),
    ("src/stream.rs", include_str!("../runtime/src/stream.rs")),
    (
        "src/transport.rs",
        include_str!("../runtime/src/transport.rs"),
    ),
    ("src/union.rs", include_str!("../runtime/src/union.rs")),
];

/// A generated module. Non-exhaustive: later versions may tell more of it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Generated {
    /// The module's source.
    pub code: String,
    /// Warnings about the spec (unsupported features that fell back to something simpler).
    pub warnings: Diagnostics,
    /// The other files the spec was read from ([`generate_file`] follows `$ref`s to them), in
    /// the order they were first referred to: what a build script reruns on besides the spec.
    pub files: Vec<std::path::PathBuf>,
    /// Each component schema (`#/components/schemas/<name>`, or 2.0's `definitions`) with the
    /// Rust type its values decode to, a path in the module's `types`: the type's name, or
    /// `Option<name>` when the schema admits `null`, `Base64Text<...>` around it for base64 bytes
    /// (`format: byte`), and `Text<...>` around it for raw bytes
    /// (their JSON form is the text a property carries: the runtime's `BinaryField`); in the
    /// order the types are defined.
    pub schema_types: Vec<(String, String)>,
    /// The cargo features the module's `#[cfg]`s name, sorted (none unless
    /// [`Config::features_per_tag`]): the crate that holds the module must define them.
    pub features: Vec<String>,
    /// The runtime's cargo features the module calls, sorted: the date-time library's (`chrono`,
    /// `jiff`, `time`) and `uuid` when a type holds one, and `event-stream`, `form`,
    /// `multipart`, `oauth2` (the runtime's defaults are `chrono`, `uuid` and these four): a
    /// crate that depends on the runtime without its default features needs these.
    pub runtime_features: Vec<String>,
    /// The runtime features of [`Self::runtime_features`] that only items behind one of
    /// [`Self::features`] call, by that feature: a crate turns them on with it, and the others
    /// always (empty unless [`Config::features_per_tag`]).
    pub runtime_features_by_feature: std::collections::BTreeMap<String, Vec<String>>,
}

/// Generates the module for one spec. `spec_name` is how the spec is named in the header and in
/// diagnostics (a path, usually). Errors come back all at once, each located in the spec. A
/// `$ref` to another file is not followed (nothing is read but `text`): [`generate_file`] does.
pub fn generate_source(
    spec_name: &str,
    text: &str,
    config: &Config,
) -> Result<Generated, Diagnostics> {
    generate(spec_name, text, None, config)
}

/// Generates the module for the spec at `path`, and the other files it refers to by relative
/// `$ref`s (a document split across files, read as its bundled form would be: see
/// [`Generated::files`]). Diagnostics name the file each finding is in.
pub fn generate_file(
    path: impl AsRef<std::path::Path>,
    config: &Config,
) -> Result<Generated, Diagnostics> {
    let path = path.as_ref();
    let spec_name = config::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|error| {
        let message = format!("cannot read the spec: {error}");
        Diagnostics::from(Diagnostic::error(Code::IoError, "", message).in_file(&spec_name))
    })?;
    generate(&spec_name, &text, Some(path), config)
}

/// [`generate_source`], following references to other files when `path` (the spec's) is given.
fn generate(
    spec_name: &str,
    text: &str,
    path: Option<&std::path::Path>,
    config: &Config,
) -> Result<Generated, Diagnostics> {
    let locate = |mut diagnostics: Diagnostics| {
        diagnostics.locate(spec_name, text, &[]);
        diagnostics
    };
    let document = match path {
        Some(path) => read::parse_file(text, path),
        None => read::parse(text),
    }
    .map_err(locate)?;
    let files = &document.rewritten.files;
    let located = |mut diagnostics: Diagnostics| {
        // Pointers into what the reading moved name the place in the file instead.
        for diagnostic in diagnostics.iter_mut() {
            if let Some(original) = document.original_pointer(&diagnostic.pointer) {
                diagnostic.pointer = original;
            }
            diagnostic.message = document.rewritten.file_words(&diagnostic.message);
            diagnostic.hint = diagnostic
                .hint
                .as_deref()
                .map(|hint| document.rewritten.file_words(hint));
        }
        // Warnings from reading the document come first, as they were found first; they are at
        // their place in the file already.
        let mut all: Diagnostics = document.rewritten.warnings.iter().cloned().collect();
        all.extend(diagnostics);
        if config.strict {
            all.make_strict();
        }
        // What was copied from another file is found in that file.
        for diagnostic in all.iter_mut() {
            *diagnostic = files.relocate(diagnostic.clone());
        }
        all.locate(spec_name, text, &files.read);
        all
    };
    let runtime = runtime_tokens(config.resolved_runtime_path()).map_err(|d| located(d.into()))?;
    let (module, warnings) = module::module(&document, config, formats(config)).map_err(located)?;
    let parts = format_parts(&module, config, &runtime).map_err(|d| located(d.into()))?;
    let code = output::print::file(spec_name, &parts);
    let warnings = located(warnings);
    if warnings.has_errors() {
        return Err(warnings);
    }
    let resolver = read::Resolver::new(&document.api);
    let schema_types = module.types.component_names(|name| {
        let components = document.api.components.as_ref();
        components
            .and_then(|components| components.schemas.get(name))
            .is_some_and(|schema| resolver.allows_null_of(schema))
    });
    Ok(Generated {
        code,
        warnings,
        files: files.read.iter().map(|(path, _)| path.clone()).collect(),
        schema_types,
        features: module.cargo_features().into_iter().cloned().collect(),
        runtime_features: module
            .runtime_features()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        runtime_features_by_feature: (module.runtime_features_by_feature().into_iter())
            .map(|(feature, own)| (feature, own.into_iter().map(str::to_owned).collect()))
            .collect(),
    })
}

/// The module's parts formatted, in the order of the file. Two threads take the parts in turn,
/// the biggest first ([`Module::parts`]); tokens cannot cross threads, so each thread builds its
/// own from `module`. The text does not depend on which thread formatted which part.
fn format_parts(
    module: &Module,
    config: &Config,
    runtime: &TokenStream,
) -> Result<Vec<String>, Diagnostic> {
    let parts = module.parts();
    let next = AtomicUsize::new(0);
    let take_parts = |runtime: &TokenStream| {
        let mut formatted = Vec::new();
        while let Some(part) = parts.get(next.fetch_add(1, Ordering::Relaxed)) {
            let tokens = emit::part_tokens(module, part, runtime);
            let text = output::print::format_items(tokens)
                .map(|text| output::print::block_part(text, part.opens(), part.closes()));
            formatted.push((part, text));
        }
        formatted
    };
    let mut formatted = std::thread::scope(|scope| {
        // Two threads of their own, whatever the stack of the caller's (a test's is 2 MiB, and
        // printing recurses as deep as types nest). Parts a thread that cannot start (or parse
        // the runtime path) leaves are formatted on this one.
        let helpers: Vec<_> = (0..2)
            .filter_map(|_| {
                let helper = std::thread::Builder::new().stack_size(STACK_SIZE);
                let work = || {
                    runtime_tokens(config.resolved_runtime_path())
                        .map(|runtime| take_parts(&runtime))
                        .unwrap_or_default()
                };
                helper.spawn_scoped(scope, work).ok()
            })
            .collect();
        let mut formatted = Vec::new();
        for helper in helpers {
            let theirs = helper.join();
            formatted.extend(theirs.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        formatted.extend(take_parts(runtime));
        formatted
    });
    formatted.sort_by_key(|(part, _)| *part);
    formatted.into_iter().map(|(_, text)| text).collect()
}

/// Stack size of the threads that print: a main thread's, since printing recurses as deep as the
/// spec's schemas nest.
const STACK_SIZE: usize = 8 << 20;

/// The runtime path's tokens. Checked as a path: tokens alone take any text (`not a path`), and
/// the module would then fail to parse, which would look like a bug of oapigen's.
fn runtime_tokens(path: &str) -> Result<TokenStream, Diagnostic> {
    let path_tokens = syn::parse_str::<syn::Path>(path);
    path_tokens
        .map(quote::ToTokens::into_token_stream)
        .map_err(|_| {
            let message = format!("the runtime path `{path}` is not a Rust path");
            Diagnostic::error(Code::InvalidConfig, "", message).with_hint(
                "it names the oapigen-runtime crate, as `::oapigen_runtime` or `crate::runtime`",
            )
        })
}
