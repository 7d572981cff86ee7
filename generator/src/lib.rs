//! oapigen: typed Rust clients from OpenAPI 3.0 specs, generated at build time.
//!
//! Three layers, as in prost-build:
//! - [`generate_dir`]: one call for `build.rs`: every spec of a folder → one module each.
//! - [`Config`]: the builder behind it (spec files, output folder, crate root, runtime path,
//!   Cargo instructions); writes only files whose bytes changed.
//! - [`generate_source`]: one spec's text → the module's source, for tests and the CLI.
//!
//! Generated modules use a small shared runtime ([`RUNTIME_SOURCE`]), written once beside them.
//!
//! Inside, one module per concern: [`spec`] reads and resolves, [`naming`] names, [`docs`] turns
//! descriptions into doc comments, [`types`] turns schemas into types, [`operations`] turns
//! operations into methods, [`module`] assembles, [`print`](mod@print) formats and
//! [`diagnostics`] reports.

pub mod config;
mod deep_refs;
pub mod diagnostics;
pub mod docs;
mod locate;
pub mod module;
pub mod naming;
pub mod operations;
pub mod print;
pub mod spec;
pub mod types;

pub use config::{generate_dir, Config, Report};
pub use diagnostics::{Diagnostic, Diagnostics, Severity};

use module::{Module, Part};
use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The runtime module that generated code calls (`crate::runtime` by default).
pub const RUNTIME_SOURCE: &str = include_str!("../runtime/runtime.rs");

/// Options of one module's generation.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime module as seen from the generated code.
    pub runtime_path: String,
    /// Put `pub mod runtime;` in the module: for a crate whose root is the generated module.
    pub declare_runtime_module: bool,
    /// Derive both `Serialize` and `Deserialize` on every type. By default a type derives only
    /// what the client does with it (sends, receives), which keeps the generated code quicker to
    /// compile; turn this on to store responses or reuse the types on a server.
    pub all_serde_derives: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "crate::runtime".to_owned(),
            declare_runtime_module: false,
            all_serde_derives: false,
        }
    }
}

/// A generated module.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The module's source.
    pub code: String,
    /// Warnings about the spec (unsupported features that fell back to something simpler).
    pub warnings: Diagnostics,
}

/// Generates the module for one spec. `spec_name` is how the spec is named in the header and in
/// diagnostics (a path, usually). Errors come back all at once, each located in the spec.
pub fn generate_source(
    spec_name: &str,
    text: &str,
    options: &Options,
) -> Result<Generated, Diagnostics> {
    let located = |mut diagnostics: Diagnostics| {
        diagnostics.locate(spec_name, text);
        diagnostics
    };
    let api = spec::parse(text).map_err(located)?;
    let runtime = runtime_tokens(&options.runtime_path).map_err(|d| located(d.into()))?;
    let (module, warnings) = module::module(&api, options.all_serde_derives).map_err(located)?;
    let parts = format_parts(&module, &api, options, &runtime).map_err(|d| located(d.into()))?;
    let code = print::file(spec_name, &parts);
    Ok(Generated {
        code,
        warnings: located(warnings),
    })
}

/// The module's parts formatted, in the order of the file. Two threads take the parts in turn,
/// the biggest first ([`Module::parts`]); tokens cannot cross threads, so each thread builds its
/// own from `module`. The text does not depend on which thread formatted which part.
fn format_parts(
    module: &Module,
    api: &openapiv3::OpenAPI,
    options: &Options,
    runtime: &TokenStream,
) -> Result<Vec<String>, Diagnostic> {
    let parts = module.parts();
    let next = AtomicUsize::new(0);
    let take_parts = |runtime: &TokenStream| {
        let mut formatted = Vec::new();
        while let Some(part) = parts.get(next.fetch_add(1, Ordering::Relaxed)) {
            let mut tokens = module.tokens(part, api, runtime);
            if *part == Part::Client && options.declare_runtime_module {
                tokens = insert_after_inner_attributes(
                    tokens,
                    quote::quote!(
                        pub mod runtime;
                    ),
                );
            }
            formatted.push((part, print::format_items(tokens)));
        }
        formatted
    };
    let mut formatted = std::thread::scope(|scope| {
        // A helper that cannot start (or parse the runtime path) leaves every part to this thread.
        let helper = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                runtime_tokens(&options.runtime_path)
                    .map(|runtime| take_parts(&runtime))
                    .unwrap_or_default()
            })
            .ok();
        let mut formatted = take_parts(runtime);
        if let Some(helper) = helper {
            let theirs = helper.join();
            formatted.extend(theirs.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        formatted
    });
    formatted.sort_by_key(|(part, _)| *part);
    formatted.into_iter().map(|(_, text)| text).collect()
}

/// Stack size of the second thread: a main thread's, since generation recurses as deep as the
/// spec's schemas nest.
const STACK_SIZE: usize = 8 << 20;

fn runtime_tokens(path: &str) -> Result<TokenStream, Diagnostic> {
    path.parse()
        .map_err(|_| Diagnostic::error("", format!("`{path}` is not a Rust path")))
}

/// Inner attributes (`#![doc]`) must stay first in a file.
fn insert_after_inner_attributes(tokens: TokenStream, item: TokenStream) -> TokenStream {
    let mut tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
    let mut index = 0;
    while matches!(tokens.get(index), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(tokens.get(index + 1), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '!')
    {
        index += 3;
    }
    let index = index.min(tokens.len());
    tokens.splice(index..index, item);
    tokens.into_iter().collect()
}
