//! The builder that `build.rs` drives: which specs, where the modules go, what Cargo is told.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::generate_file;
use crate::naming::{snake_name, Name, Scope};
use crate::output::print::{header, GENERATED_MARKER};
use std::fs;
use std::path::{Path, PathBuf};

/// Generates every `*.yaml`, `*.yml` and `*.json` spec of `specs_dir` into `out_dir`, with a crate
/// root `lib.rs`, telling Cargo what to watch. The common case for `build.rs`.
pub fn generate_dir(
    specs_dir: impl AsRef<Path>,
    out_dir: impl AsRef<Path>,
) -> Result<Report, Diagnostics> {
    Config::new()
        .specs_dir(specs_dir.as_ref())
        .out_dir(out_dir.as_ref())
        .crate_root("lib.rs")
        .cargo_instructions(true)
        .generate()
}

/// What a run produced. Non-exhaustive, as [`ModuleReport`] is: later versions may tell more.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Report {
    /// One entry per spec: module name, spec path, output path, and whether the file was written.
    pub modules: Vec<ModuleReport>,
    /// Warnings about the specs.
    pub warnings: Diagnostics,
}

/// One generated module.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ModuleReport {
    /// Module name.
    pub name: String,
    /// The spec it came from.
    pub spec: PathBuf,
    /// The file written.
    pub output: PathBuf,
    /// False when the file already had these bytes (and was left alone).
    pub written: bool,
    /// Each component schema with the name of its type in the module's `types`
    /// ([`crate::Generated::schema_types`]).
    pub schema_types: Vec<(String, String)>,
    /// The cargo features the module's `#[cfg]`s name, which the crate holding it must define
    /// (none unless [`Config::features_per_tag`]; [`crate::Generated::features`]).
    pub features: Vec<String>,
    /// The runtime's optional features the module calls ([`crate::Generated::runtime_features`]).
    pub runtime_features: Vec<String>,
    /// Those that only items behind a feature call, by feature
    /// ([`crate::Generated::runtime_features_by_feature`]).
    pub runtime_features_by_feature: std::collections::BTreeMap<String, Vec<String>>,
}

/// Where generated code finds the runtime unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::oapigen_runtime";

/// Settings of a generation run: which specs, where the modules go, how they are generated, what
/// Cargo is told. The one options type of the crate: [`crate::generate_source`] reads the
/// generation settings of it too.
#[derive(Debug, Clone, Default)]
pub struct Config {
    specs: Vec<PathBuf>,
    specs_dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    crate_root: Option<String>,
    runtime_path: Option<String>,
    pub(crate) all_serde_derives: bool,
    pub(crate) strict_decoding: bool,
    pub(crate) strict: bool,
    pub(crate) date_time_library: DateTimeLibrary,
    pub(crate) uuid_as_string: bool,
    pub(crate) without_clone_and_eq: bool,
    pub(crate) selection: crate::scope::select::Selection,
    pub(crate) features_per_tag: bool,
    /// `paginate` and `no_pagination`, by operation (`None`: no pagination).
    pub(crate) paging: std::collections::BTreeMap<String, Option<crate::Paging>>,
    /// `pagination_notes(false)`.
    quiet_pagination_notes: bool,
    cargo_instructions: bool,
}

/// The Rust types of `format: date-time` and `format: date` strings (OpenAPI 3.0 §4.4: RFC 3339
/// `date-time` and `full-date`). The runtime re-exports the library (`oapigen_runtime::chrono`,
/// `oapigen_runtime::jiff`, `oapigen_runtime::time`) behind a feature of the same name; `chrono`
/// is on by default. Non-exhaustive: another library may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DateTimeLibrary {
    /// chrono: `DateTime<FixedOffset>` (the offset kept as received) and `NaiveDate`.
    #[default]
    Chrono,
    /// jiff: `Timestamp` (an instant: the offset is not kept; sent as UTC) and `civil::Date`.
    Jiff,
    /// time: `OffsetDateTime` (the offset kept; read and written in RFC 3339, which is not its
    /// own serde format, through the runtime) and `Date`.
    Time,
    /// `String`, as written: no library.
    String,
}

impl Config {
    /// A run with no specs yet, writing to `$OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one spec file.
    pub fn spec(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.specs.push(path.into());
        self
    }

    /// Adds every spec (`*.yaml`, `*.yml`, `*.json`) of a folder, in file-name order; a spec added
    /// later to the folder is picked up with no other change.
    pub fn specs_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.specs_dirs.push(dir.into());
        self
    }

    /// Where modules go (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Also writes a crate root of this name in the output folder, declaring every module, so that
    /// a package can use the folder as its `lib` path.
    pub fn crate_root(&mut self, file_name: impl Into<String>) -> &mut Self {
        self.crate_root = Some(file_name.into());
        self
    }

    /// The Rust path by which generated code names the runtime (default
    /// [`DEFAULT_RUNTIME_PATH`], the `oapigen-runtime` crate, which works wherever the code is
    /// placed). Set it only to use a copy of the runtime ([`crate::RUNTIME_FILES`]) kept under
    /// another name or as a module, e.g. `crate::runtime`.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// The runtime path generation uses.
    pub(crate) fn resolved_runtime_path(&self) -> &str {
        self.runtime_path.as_deref().unwrap_or(DEFAULT_RUNTIME_PATH)
    }

    /// Derive both `Serialize` and `Deserialize` on every type, instead of only what each type's
    /// use needs: `Serialize` for what the client sends, `Deserialize` for what it receives (which
    /// keeps the generated code quicker to compile). Turn it on to store responses or reuse the
    /// types on a server.
    pub fn all_serde_derives(&mut self, on: bool) -> &mut Self {
        self.all_serde_derives = on;
        self
    }

    /// Refuse a value an enum does not list or no member of a union holds, as the spec says,
    /// instead of keeping it in the type's `Unknown` variant (the default, so that a value a
    /// server adds later does not fail the response around it: see `types::open`). Enums are
    /// then `Copy` again and have no `From<&str>`.
    pub fn strict_decoding(&mut self, on: bool) -> &mut Self {
        self.strict_decoding = on;
        self
    }

    /// Refuse a document with defects (each [`crate::Code::is_defect`]: a `$ref` that points at
    /// nothing, a node of the wrong shape, a path parameter its template does not name, ...)
    /// instead of reading it the tolerant way, where each defect costs only what it touches (the
    /// schema typed as any JSON value, the parameter or operation left out) with a warning
    /// saying so (the default). For specs of your own, which you can fix.
    pub fn strict(&mut self, on: bool) -> &mut Self {
        self.strict = on;
        self
    }

    /// The types of `date-time` and `date` strings (default [`DateTimeLibrary::Chrono`]); the
    /// runtime's feature of the library's name must be on (`chrono` is by default).
    pub fn date_time_library(&mut self, library: DateTimeLibrary) -> &mut Self {
        self.date_time_library = library;
        self
    }

    /// `format: uuid` strings as `uuid::Uuid` (the default; the runtime's `uuid` feature, on by
    /// default) or, with `false`, as `String`.
    pub fn uuid_type(&mut self, on: bool) -> &mut Self {
        self.uuid_as_string = !on;
        self
    }

    /// Derive `Clone` and `PartialEq` on the generated types and on each operation's params,
    /// headers and outcome enums (the default), or, with `false`, only where the client needs
    /// them (a token session's login body, which a refresh copies; string and integer enums,
    /// which are `Copy`). Without them a client compiles quicker (GitHub's: `cargo check` about
    /// a sixth less); `Debug` stays, and a credential never shows in it.
    pub fn derive_clone_and_partial_eq(&mut self, on: bool) -> &mut Self {
        self.without_clone_and_eq = !on;
        self
    }

    /// Generates only the operations that have one of `tags` (or that another `select_*` call
    /// selects: the selections add up), with exactly the types they reach. Each spec of the run
    /// gets the same selection, and one that names a tag no operation of the spec has is an
    /// error, so give specs with different selections a `Config` each.
    pub fn select_tags<S: Into<String>>(&mut self, tags: impl IntoIterator<Item = S>) -> &mut Self {
        (self.selection.tags).extend(tags.into_iter().map(Into::into));
        self
    }

    /// Generates only the operations of these operationIds (and any other selection's), as
    /// [`Config::select_tags`] does.
    pub fn select_operations<S: Into<String>>(
        &mut self,
        operation_ids: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        (self.selection.operation_ids).extend(operation_ids.into_iter().map(Into::into));
        self
    }

    /// Generates only the operations whose path is one of `prefixes` or below it, segment-wise
    /// (`/repos`, or `repos`, selects `/repos/{owner}/{repo}`, not `/repository`), and any other
    /// selection's, as [`Config::select_tags`] does.
    pub fn select_paths<S: Into<String>>(
        &mut self,
        prefixes: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        (self.selection.path_prefixes).extend(prefixes.into_iter().map(Into::into));
        self
    }

    /// Gives `operation` (its operationId, or `GET /path` as the spec writes the path) a
    /// `<method>_pages` method that walks its pages as `paging` says, whatever its vendor
    /// extensions say or its shape suggests. Without it, an operation pages as its vendor
    /// extension says (`x-ms-pageable`, `x-speakeasy-pagination`, `x-fern-pagination`,
    /// `x-dropshot-pagination`), or as its shape makes certain; each paginated operation gets a
    /// note (`oapigen check` prints them) to confirm it by. A name that is no operation of a spec
    /// is a warning.
    pub fn paginate(&mut self, operation: impl Into<String>, paging: crate::Paging) -> &mut Self {
        self.paging.insert(operation.into(), Some(paging));
        self
    }

    /// Prints the note of each paginated operation as a `cargo:warning` (with
    /// [`Config::cargo_instructions`]; on by default), for its user to confirm; off once they
    /// have. The notes stay in the [`Report`] and in `oapigen check`.
    pub fn pagination_notes(&mut self, on: bool) -> &mut Self {
        self.quiet_pagination_notes = !on;
        self
    }

    /// Gives `operation` (its operationId, or `GET /path`) no `_pages` method, whatever its
    /// extensions say or its shape suggests.
    pub fn no_pagination(&mut self, operation: impl Into<String>) -> &mut Self {
        self.paging.insert(operation.into(), None);
        self
    }

    /// Puts each operation behind a cargo feature per tag (`Access Token` → `access-token`), and
    /// each type behind the features of the operations that reach it, so that a crate compiles
    /// only the API areas its user turns on. Operations without a tag stand behind `untagged`;
    /// the types no operation reaches (component schemas kept for the user) behind
    /// `unused-schemas`. The crate must define the features: `write_crate` does, off by default,
    /// each turning on the runtime parts its items call ([`crate::Generated::features`] and
    /// [`crate::Generated::runtime_features_by_feature`] list them).
    pub fn features_per_tag(&mut self, on: bool) -> &mut Self {
        self.features_per_tag = on;
        self
    }

    /// Prints `cargo:rerun-if-changed` for exactly the files and folders read, and each warning
    /// (and the note of each paginated operation) as `cargo:warning`. For build scripts.
    pub fn cargo_instructions(&mut self, on: bool) -> &mut Self {
        self.cargo_instructions = on;
        self
    }

    /// Generates every spec; reports the errors of all of them at once.
    pub fn generate(&self) -> Result<Report, Diagnostics> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Diagnostics::from(Diagnostic::error(
                        Code::InvalidConfig,
                        "",
                        "no output folder: call `out_dir` or run from a build script",
                    ))
                })?,
        };
        let specs = self.spec_files()?;

        let mut errors = Diagnostics::default();
        let mut report = Report::default();
        let mut names = Scope::with_reserved(&["lib", "mod"]);
        let mut outputs = Vec::new();
        for spec in &specs {
            let spec_name = display_path(spec);
            let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
            let wanted = snake_name(stem);
            let name = names.unique_name(wanted.clone());
            if name != wanted {
                let warning = Diagnostic::warning(
                    Code::ModuleRenamed,
                    "",
                    format!(
                        "the module name `{wanted}` is taken (by an earlier spec, or by the crate \
                         root): this spec's module is `{name}`"
                    ),
                )
                .with_hint("rename the spec file so that its name is unique in snake case")
                .in_file(&spec_name);
                report.warnings.push(warning);
            }
            match generate_file(spec, self) {
                Ok(mut generated) => {
                    report
                        .warnings
                        .extend(std::mem::take(&mut generated.warnings));
                    outputs.push((name, spec.clone(), generated));
                }
                Err(diagnostics) => errors.extend(diagnostics),
            }
        }
        if self.cargo_instructions {
            self.print_cargo_instructions(&specs, &outputs, &report);
        }
        if errors.has_errors() {
            return Err(errors);
        }

        let io = |path: &Path, error: std::io::Error| {
            file_error(
                Code::IoError,
                &display_path(path),
                format!("cannot write: {error}"),
            )
        };
        fs::create_dir_all(&out_dir).map_err(|e| io(&out_dir, e))?;
        for (name, spec, generated) in &outputs {
            let output = out_dir.join(format!("{}.rs", name.bare()));
            let written = write_if_changed(&output, &generated.code).map_err(|e| io(&output, e))?;
            report.modules.push(ModuleReport {
                name: name.bare().to_owned(),
                spec: spec.clone(),
                output,
                written,
                schema_types: generated.schema_types.clone(),
                features: generated.features.clone(),
                runtime_features: generated.runtime_features.clone(),
                runtime_features_by_feature: generated.runtime_features_by_feature.clone(),
            });
        }
        if let Some(root) = &self.crate_root {
            let path = out_dir.join(root);
            write_if_changed(&path, &crate_root_source(&outputs)).map_err(|e| io(&path, e))?;
        }
        self.remove_stale(&out_dir, &outputs)
            .map_err(|e| io(&out_dir, e))?;
        Ok(report)
    }

    /// `cargo:rerun-if-changed` for every folder and file read (the files split documents read
    /// besides their own too, once each), and each warning and wanted note as `cargo:warning`.
    fn print_cargo_instructions(
        &self,
        specs: &[PathBuf],
        outputs: &[(Name, PathBuf, crate::Generated)],
        report: &Report,
    ) {
        for dir in &self.specs_dirs {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
        let read = (outputs.iter()).flat_map(|(_, _, generated)| &generated.files);
        let files: std::collections::BTreeSet<&PathBuf> = specs.iter().chain(read).collect();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        // And the note of each paginated operation, to confirm or turn off.
        let notes = !self.quiet_pagination_notes;
        let printed = report.warnings.iter().filter(|d| {
            d.severity == crate::Severity::Warning || (notes && d.code == crate::Code::Paginated)
        });
        for warning in printed {
            for line in warning.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
    }

    /// The spec files, given and found, sorted within each folder.
    fn spec_files(&self) -> Result<Vec<PathBuf>, Diagnostics> {
        let mut files = self.specs.clone();
        for dir in &self.specs_dirs {
            let entries = fs::read_dir(dir).map_err(|error| {
                file_error(
                    Code::IoError,
                    &display_path(dir),
                    format!("cannot read the specs folder: {error}"),
                )
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| {
                    path.is_file()
                        && matches!(
                            path.extension().and_then(|e| e.to_str()),
                            Some("yaml" | "yml" | "json")
                        )
                        && fs::read_to_string(path)
                            .map_or(true, |text| crate::read::files::is_document(&text))
                })
                .collect();
            found.sort();
            files.extend(found);
        }
        Ok(files)
    }

    /// True when the output folder is the run's own: it writes a crate root listing the modules,
    /// or it is the build script's `$OUT_DIR` (no `out_dir` given).
    fn owns_output_folder(&self) -> bool {
        self.crate_root.is_some() || self.out_dir.is_none()
    }

    /// Deletes modules this tool wrote earlier for specs that are gone, so they do not linger (an
    /// `include_client!` of a removed spec must fail, whatever the target folder holds). Only in a
    /// folder the run owns: one with a crate root listing the modules, or the build script's own
    /// `$OUT_DIR`; and only files that start with the generated-file marker.
    fn remove_stale(
        &self,
        out_dir: &Path,
        outputs: &[(Name, PathBuf, crate::Generated)],
    ) -> std::io::Result<()> {
        if !self.owns_output_folder() {
            return Ok(());
        }
        for entry in fs::read_dir(out_dir)? {
            let path = entry?.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let keep = path.extension().and_then(|e| e.to_str()) != Some("rs")
                || self.crate_root.as_deref() == path.file_name().and_then(|n| n.to_str())
                || outputs.iter().any(|(name, ..)| name.bare() == stem);
            if !keep
                && fs::read_to_string(&path).is_ok_and(|text| text.starts_with(GENERATED_MARKER))
            {
                fs::remove_file(&path)?;
            }
        }
        Ok(())
    }
}

/// An error about a file or folder as a whole (`file`, as the user named it).
pub(crate) fn file_error(code: Code, file: &str, message: String) -> Diagnostics {
    Diagnostic::error(code, "", message).in_file(file).into()
}

/// Paths in headers and messages use `/` on every platform, so generated files do not differ.
pub(crate) fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn crate_root_source(outputs: &[(Name, PathBuf, crate::Generated)]) -> String {
    let mut text = format!("{}\n", header("the specs it lists"));
    text.push_str("//! Typed clients for the provider APIs, one module per spec.\n\n");
    for (name, spec, _) in outputs {
        // prettyplease formats the modules; rustfmt would format them differently.
        text.push_str(&format!(
            "/// Client generated from `{}`.\n#[rustfmt::skip]\npub mod {name};\n",
            display_path(spec)
        ));
    }
    text
}

/// Writes `contents` unless the file already holds exactly these bytes, so that mtimes (and so
/// Cargo's fingerprints) only move when something changed. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if fs::read(path).is_ok_and(|current| current == contents.as_bytes()) {
        return Ok(false);
    }
    fs::write(path, contents)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two specs whose names are one in snake case get two modules, with a warning.
    #[test]
    fn a_module_name_taken_twice_is_told() {
        let dir = std::env::temp_dir().join(format!("oapigen-collide-{}", std::process::id()));
        let specs = dir.join("specs");
        fs::create_dir_all(&specs).expect("folder");
        for file in ["FooBar.yaml", "foo-bar.yaml"] {
            let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
            fs::write(specs.join(file), spec).expect("spec");
        }
        let report = Config::new()
            .specs_dir(&specs)
            .out_dir(dir.join("out"))
            .generate()
            .unwrap_or_else(|d| panic!("{d}"));
        let names: Vec<&str> = report.modules.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["foo_bar", "foo_bar2"]);
        let warning = report.warnings.iter().next().expect("a warning");
        assert_eq!(warning.code, crate::Code::ModuleRenamed);
        let warning = warning.to_string();
        assert!(warning.contains("foo-bar.yaml"), "{warning}");
        assert!(warning.contains("`foo_bar` is taken"), "{warning}");
        let _ = fs::remove_dir_all(&dir);
    }

    /// The report tells each module's cargo features (one per tag with `features_per_tag`) and
    /// the runtime's optional parts it calls, and which only a feature's items call (only the
    /// `store` tag reaches a date-time), for the crate that holds it to define and turn on.
    #[test]
    fn the_report_names_the_features_a_module_needs() {
        let dir = std::env::temp_dir().join(format!("oapigen-features-{}", std::process::id()));
        let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let report = Config::new()
            .spec(repository.join("tests/fixtures/selection.yaml"))
            .spec(repository.join("tests/fixtures/streams.yaml"))
            .out_dir(dir.join("out"))
            .features_per_tag(true)
            .generate()
            .unwrap_or_else(|d| panic!("{d}"));
        let selection = &report.modules[0];
        assert_eq!(
            selection.features,
            ["owners", "pets", "store", "untagged", "unused-schemas"]
        );
        assert_eq!(selection.runtime_features, ["chrono"]);
        let store = [("store".to_owned(), vec!["chrono".to_owned()])];
        assert_eq!(selection.runtime_features_by_feature, store.into());
        let streams = &report.modules[1];
        assert_eq!(streams.runtime_features, ["event-stream"]);
        let _ = fs::remove_dir_all(&dir);
    }

    /// A spec whose file name is a keyword gives a raw module name and a plain file name; modules
    /// of specs that are gone are removed from a folder the run owns, and only there.
    #[test]
    fn keyword_file_names_are_raw_modules_and_stale_modules_go() {
        let dir = std::env::temp_dir().join(format!("oapigen-keyword-{}", std::process::id()));
        let specs = dir.join("specs");
        fs::create_dir_all(&specs).expect("folder");
        fs::write(
            specs.join("type.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        )
        .expect("spec");
        let report = Config::new()
            .specs_dir(&specs)
            .out_dir(dir.join("out"))
            .crate_root("lib.rs")
            .generate()
            .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(report.modules[0].name, "type");
        assert!(report.warnings.is_empty(), "{}", report.warnings);
        let root = fs::read_to_string(dir.join("out/lib.rs")).expect("crate root");
        assert!(root.contains("pub mod r#type;"), "{root}");
        // A module of a spec that is gone is removed; other files are left alone.
        fs::write(
            dir.join("out/gone.rs"),
            format!("{GENERATED_MARKER} from x\n"),
        )
        .expect("old");
        fs::write(dir.join("out/mine.rs"), "// hand-written\n").expect("mine");
        let mut elsewhere = Config::new();
        elsewhere.specs_dir(&specs).out_dir(dir.join("out"));
        assert!(!elsewhere.owns_output_folder());
        elsewhere.generate().unwrap_or_else(|d| panic!("{d}"));
        assert!(
            dir.join("out/gone.rs").is_file(),
            "a folder the run does not own"
        );
        let mut owned = Config::new();
        owned
            .specs_dir(&specs)
            .out_dir(dir.join("out"))
            .crate_root("lib.rs");
        owned.generate().unwrap_or_else(|d| panic!("{d}"));
        assert!(
            !dir.join("out/gone.rs").exists(),
            "a folder with a crate root is the run's"
        );
        assert!(dir.join("out/mine.rs").is_file());
        assert!(Config::new().owns_output_folder(), "$OUT_DIR is the run's");
        let _ = fs::remove_dir_all(&dir);
    }
}
