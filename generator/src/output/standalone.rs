//! A standalone crate for one spec: what `oapigen crate` writes.
//!
//! The crate holds the generated module as `src/lib.rs` and a copy of the runtime as a package of
//! its own under `runtime/`, which the crate depends on by path under the name `oapigen-runtime`:
//! the generated code names the runtime `::oapigen_runtime` there as everywhere else, and the crate
//! builds from any folder with nothing but the runtime's dependencies (reqwest, serde, serde_json,
//! serde_plain, base64, bytes, fastrand, futures-core, httpdate, tokio, uuid, and what its features add) from the registry. The
//! copy's package is named after the crate (`{name}-runtime`), so that several such crates can be
//! dependencies of one project (two path packages of one name and version cannot).

use crate::config::{display_path, file_error, write_if_changed, ModuleReport, Report};
use crate::diagnostics::{Code, Diagnostics};
use crate::scope::runtime_features::RuntimeFeature;
use crate::{generate_file, Config, RUNTIME_FILES};
use std::fs;
use std::path::{Path, PathBuf};

/// The dependencies that generated code names itself (the crate's manifest); the runtime's
/// manifest lists what the runtime needs.
const CRATE_DEPENDENCIES: &str = r#"reqwest = { version = "0.12", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["float_roundtrip"] }
"#;

/// The runtime's dependencies, as its manifest lists them (the optional ones are its features';
/// `generator/tests/runtime_package.rs` compares them); serde with `derive`, as the crate asks,
/// so that the runtime alone (`cargo build -p`) builds against the same serde as the crate and is
/// not built again with it.
const RUNTIME_DEPENDENCIES: &str = r#"base64 = "0.22"
bytes = "1"
fastrand = "2"
futures-core = "0.3"
httpdate = "1"
reqwest = { version = "0.12", default-features = false, features = ["rustls-tls", "json", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["float_roundtrip"] }
serde_plain = "1"
tokio = { version = "1", default-features = false, features = ["sync", "time"] }
uuid = { version = "1", default-features = false, features = ["serde", "std"] }
chrono = { version = "0.4", default-features = false, features = ["serde", "std", "now"], optional = true }
eventsource-stream = { version = "0.2", optional = true }
jiff = { version = "0.2", default-features = false, features = ["serde", "std"], optional = true }
reqwest-middleware = { version = "0.4", optional = true }
time = { version = "0.3", default-features = false, features = ["std", "serde-human-readable", "formatting", "parsing"], optional = true }
"#;

/// The crate's doc, after the module's first line (oapigen's mark, which stays first).
const CRATE_DOC: &str =
    "//! An API client written by oapigen: [`Client`], one method per operation (each returns a
//! [`runtime::Call`], a future that sends the request when awaited), the spec's schemas as
//! [`types`], and the [`runtime`] they call.
";

/// What a standalone crate adds to its module: the runtime, for its users to name what methods
/// return and take (`runtime::Response`, `runtime::Hook`, `runtime::ByteStream`, ...).
const RUNTIME_REEXPORT: &str = "
/// The runtime this client calls: what its methods return and take (`Response`, `ByteStream`,
/// `EventStream`, `Hook`, `Transport`, the re-exported date-time libraries, ...).
pub use ::oapigen_runtime as runtime;
";

impl Config {
    /// Writes a standalone crate for `spec` into `dir`: `Cargo.toml` (package `package_name`,
    /// by default one made from the spec's file name; its own `[workspace]`), `src/lib.rs` (the
    /// client) and the runtime package `runtime/`. Files already holding the same bytes are left
    /// alone. The specs, output folder and crate root set on `self` are not used.
    pub fn write_crate(
        &self,
        spec: &Path,
        dir: &Path,
        package_name: Option<&str>,
    ) -> Result<Report, Diagnostics> {
        let spec_name = display_path(spec);
        if let Some(name) = package_name.filter(|name| !is_package_name(name)) {
            return Err(file_error(
                Code::InvalidConfig,
                &spec_name,
                format!("`{name}` is not a Cargo package name: use letters, digits, `-` and `_`, starting with a letter"),
            ));
        }
        if let Some(name) = package_name.filter(|name| unnameable(name)) {
            return Err(file_error(
                Code::InvalidConfig,
                &spec_name,
                format!("`{name}` is a Rust keyword or a standard crate's name: Rust code could not name a crate called so; choose another"),
            ));
        }
        if dir.is_file() {
            let message = "is a file: the crate goes into a folder (new, or one oapigen wrote)";
            return Err(file_error(
                Code::OutputConflict,
                &display_path(dir),
                message.to_owned(),
            ));
        }
        let mut generated = generate_file(spec, self)?;
        let schema_types = std::mem::take(&mut generated.schema_types);
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
        let name = package_name.map_or_else(|| package_name_of(stem), str::to_owned);
        // The user's own tables (their tests' dev-dependencies) survive a new generation.
        let kept = fs::read_to_string(dir.join("Cargo.toml"))
            .map_or_else(|_| String::new(), |old| users_tables(&old));
        let mut files: Vec<(PathBuf, String)> = vec![
            (
                dir.join("Cargo.toml"),
                crate_manifest(&name, &generated) + &kept,
            ),
            (dir.join("src/lib.rs"), crate_source(&generated.code)),
            (
                dir.join("runtime/Cargo.toml"),
                runtime_manifest(&name, &always_called(&generated)),
            ),
        ];
        for (path, contents) in RUNTIME_FILES {
            files.push((dir.join("runtime").join(path), (*contents).to_owned()));
        }
        // The manifests and the module: a file of the same name that oapigen did not write is
        // someone's work, which regenerating would overwrite.
        if let Some((path, _)) = files[..3].iter().find(|(path, _)| written_by_someone(path)) {
            return Err(file_error(
                Code::OutputConflict,
                &display_path(path),
                "exists and was not written by oapigen: write the crate into a new folder, or \
                 one oapigen wrote before"
                    .to_owned(),
            ));
        }
        let mut written = Vec::with_capacity(files.len());
        for (path, contents) in &files {
            let write = || -> std::io::Result<bool> {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                write_if_changed(path, contents)
            };
            written.push(write().map_err(|error| {
                file_error(
                    Code::IoError,
                    &display_path(path),
                    format!("cannot write: {error}"),
                )
            })?);
        }
        Ok(Report {
            modules: vec![ModuleReport {
                name,
                spec: spec.to_owned(),
                output: dir.join("src/lib.rs"),
                written: written[1], // src/lib.rs
                schema_types,
                features: generated.features,
                runtime_features: generated.runtime_features,
                runtime_features_by_feature: generated.runtime_features_by_feature,
            }],
            warnings: generated.warnings,
        })
    }
}

/// The crate's `src/lib.rs`: the module with the crate's doc and the runtime's re-export.
fn crate_source(module: &str) -> String {
    let (mark, rest) = module.split_once('\n').unwrap_or((module, ""));
    format!("{mark}\n{CRATE_DOC}{rest}{RUNTIME_REEXPORT}")
}

/// The tables of a crate manifest that are its user's, not oapigen's: `[dev-dependencies]` (also
/// per target), and the `[[test]]`, `[[example]]` and `[[bench]]` targets, each with its lines,
/// as written.
fn users_tables(manifest: &str) -> String {
    let is_users = |header: &str| {
        let name = header.trim_matches(|c| c == '[' || c == ']' || c == ' ');
        name.starts_with("dev-dependencies")
            || (name.starts_with("target.") && name.contains(".dev-dependencies"))
            || (header.starts_with("[[") && ["test", "example", "bench"].contains(&name))
    };
    let mut kept = String::new();
    let mut keeping = false;
    for line in manifest.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            keeping = is_users(trimmed.split('#').next().unwrap_or("").trim_end());
            if keeping {
                kept.push('\n');
            }
        }
        if keeping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// `path` is a file whose first line is not oapigen's `@generated` mark.
fn written_by_someone(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| {
        let first = text.lines().next().unwrap_or_default();
        !first.contains("@generated by oapigen")
    })
}

/// What Cargo accepts as a package name (ASCII letters, digits, `-`, `_`; a letter first).
fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A package whose library name (`-` as `_`) Rust code cannot write: a keyword (`self`, `type`)
/// or a crate every program has (`std`, `core`, `alloc`).
fn unnameable(name: &str) -> bool {
    let library = name.replace('-', "_");
    crate::naming::is_keyword(&library)
        || ["std", "core", "alloc", "proc_macro", "test"].contains(&library.as_str())
}

/// A package name from a file stem: lower case, one `-` between words (two would make a library
/// name with `__`, which rustc's `non_snake_case` lint rejects).
fn package_name_of(stem: &str) -> String {
    let mut name = String::with_capacity(stem.len());
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-').to_owned();
    if name.is_empty() {
        "api".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else if unnameable(&name) {
        format!("{name}-api")
    } else {
        name
    }
}

/// The runtime features that the crate calls with none of its features on: its runtime's
/// defaults (each tag feature turns on its own, [`crate::Generated::runtime_features_by_feature`]).
fn always_called(generated: &crate::Generated) -> Vec<String> {
    let behind: Vec<&String> = generated
        .runtime_features_by_feature
        .values()
        .flatten()
        .collect();
    (generated.runtime_features.iter())
        .filter(|name| !behind.contains(name))
        .cloned()
        .collect()
}

/// The manifest's comments before its tags' features, `untagged` and `unused-schemas`.
const TAGS_COMMENT: &str = "# One feature per tag of the spec's operations, off by default: each \
                            turns on its\n# operations, the types they use and the runtime parts \
                            they call.\n";
const UNTAGGED_COMMENT: &str =
    "# The operations without a tag, off by default, as the tags' are.\n";
const UNUSED_COMMENT: &str = "# The types of component schemas that no operation uses (webhook \
                              payloads, say), off\n# by default.\n";

impl crate::Generated {
    /// The `[features]` entries that a crate holding the module defines, as TOML lines with a
    /// comment before each group: one per tag, then `untagged` and `unused-schemas`, each turning
    /// on the runtime parts only its items call (`store = ["oapigen-runtime/chrono"]`); empty
    /// unless [`crate::Config::features_per_tag`]. `oapigen crate` writes them into its
    /// Cargo.toml, and `oapigen generate` prints them.
    pub fn features_toml(&self) -> String {
        // A TOML key is bare with ASCII letters, digits, `-` and `_` only; quoted otherwise.
        let bare = |f: &str| (f.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let line = |f: &String| {
            let key = if bare(f) {
                f.clone()
            } else {
                format!("\"{f}\"")
            };
            let own = self.runtime_features_by_feature.get(f);
            let parts: Vec<String> = (own.into_iter().flatten())
                .map(|r| format!("\"oapigen-runtime/{r}\""))
                .collect();
            format!("{key} = [{}]\n", parts.join(", "))
        };
        let (untagged, unused) = (
            crate::scope::features::UNTAGGED,
            crate::scope::features::UNUSED_SCHEMAS,
        );
        let tags = (self.features.iter()).filter(|f| *f != untagged && *f != unused);
        let groups = [
            (TAGS_COMMENT, tags.collect::<Vec<_>>()),
            (
                UNTAGGED_COMMENT,
                self.features.iter().filter(|f| *f == untagged).collect(),
            ),
            (
                UNUSED_COMMENT,
                self.features.iter().filter(|f| *f == unused).collect(),
            ),
        ];
        let mut features = String::new();
        for (comment, members) in groups.into_iter().filter(|(_, m)| !m.is_empty()) {
            features += comment;
            features.extend(members.into_iter().map(line));
        }
        features
    }
}

fn crate_manifest(name: &str, generated: &crate::Generated) -> String {
    let tags = generated.features_toml();
    let middleware = RuntimeFeature::Middleware.as_str();
    format!(
        r#"# @generated by oapigen: a standalone client crate.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
oapigen-runtime = {{ path = "runtime", package = "{name}-runtime" }}
{CRATE_DEPENDENCIES}
[features]
# `Client::with_middleware(reqwest_middleware::ClientWithMiddleware)`, for reqwest-retry,
# reqwest-tracing and other middleware.
{middleware} = ["oapigen-runtime/{middleware}"]
{tags}
# Not part of any enclosing workspace.
[workspace]
# Tables of your own added below ([dev-dependencies], [[test]], [[example]], [[bench]]) are kept
# when the crate is written again.
"#
    )
}

/// The runtime package's manifest. Its default features are those the client calls with none of
/// the crate's features on (`runtime_features`: the date-time library and `uuid` when a type
/// holds one, and the optional parts), so that the crate compiles no other runtime code, nor its
/// dependencies.
fn runtime_manifest(name: &str, runtime_features: &[String]) -> String {
    let defaults: Vec<String> = runtime_features
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect();
    let defaults = defaults.join(", ");
    let features: String = (RuntimeFeature::ALL.iter())
        .map(|feature| format!("{} = {}\n", feature.as_str(), turns_on(*feature)))
        .collect();
    format!(
        r#"# @generated by oapigen: the runtime its clients call (oapigen-runtime), as a package of this crate.
[package]
name = "{name}-runtime"
version = "{}"
edition = "2021"
publish = false

[dependencies]
{RUNTIME_DEPENDENCIES}
# By default, what the client calls; the others are off, and compile nothing.
[features]
default = [{defaults}]
{features}"#,
        env!("CARGO_PKG_VERSION")
    )
}

/// What a runtime feature turns on, as the runtime's manifest says
/// (`generator/tests/runtime_package.rs` compares them).
fn turns_on(feature: RuntimeFeature) -> &'static str {
    match feature {
        RuntimeFeature::Middleware => r#"["dep:reqwest-middleware"]"#,
        RuntimeFeature::Chrono => r#"["dep:chrono"]"#,
        RuntimeFeature::Jiff => r#"["dep:jiff"]"#,
        RuntimeFeature::Time => r#"["dep:time"]"#,
        RuntimeFeature::Uuid => "[]",
        RuntimeFeature::EventStream => r#"["dep:eventsource-stream"]"#,
        RuntimeFeature::Form => "[]",
        RuntimeFeature::Multipart => r#"["reqwest/multipart"]"#,
        RuntimeFeature::OAuth2 => "[]",
    }
}

#[cfg(test)]
mod tests {
    use super::{package_name_of, users_tables};

    #[test]
    fn a_users_dev_dependencies_and_targets_are_kept_and_nothing_else() {
        let manifest =
            "# @generated by oapigen\n[package]\nname = \"x\"\n[dependencies]\nserde = \"1\"\n\
                        [workspace]\n\n[dev-dependencies]\ntokio = \"1\"\n\
                        [target.'cfg(unix)'.dev-dependencies]\nlibc = \"0.2\"\n\
                        [[test]] # mine\nname = \"wire\"\n[features]\nextra = []\n";
        assert_eq!(
            users_tables(manifest),
            "\n[dev-dependencies]\ntokio = \"1\"\n\n[target.'cfg(unix)'.dev-dependencies]\nlibc = \"0.2\"\n\n[[test]] # mine\nname = \"wire\"\n"
        );
        assert_eq!(users_tables("[package]\nname = \"x\"\n"), "");
    }

    #[test]
    fn package_names_have_one_dash_between_words() {
        assert_eq!(
            package_name_of("github.com__api.github.com_1.1.4"),
            "github-com-api-github-com-1-1-4"
        );
        assert_eq!(package_name_of("__Occam API__"), "occam-api");
        assert_eq!(package_name_of("1.0"), "api-1-0");
        assert_eq!(package_name_of("..."), "api");
        assert_eq!(package_name_of("self"), "self-api");
        assert_eq!(package_name_of("std"), "std-api");
    }
}
