//! `oapigen`: generate a client module or a standalone crate from an OpenAPI 3 spec, or check specs.
//!
//! Exit status: 0 on success, 1 when a spec has errors, 2 on usage errors (clap's own).

// Failures end with a message and exit status 1, never a panic's backtrace. Tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use clap::{Parser, Subcommand};
use oapigen::{generate_file, write_if_changed, Code, Config, Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "oapigen",
    version,
    about = "Typed Rust clients from OpenAPI 3.0, 3.1, 3.2 and Swagger 2.0 specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client module for SPEC (to stdout without -o). It calls the `oapigen-runtime`
    /// crate unless --runtime-path says otherwise.
    Generate {
        /// The spec (YAML or JSON).
        spec: PathBuf,
        /// Output file.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Path of the runtime as seen from the generated code.
        #[arg(long, default_value = oapigen::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
        #[command(flatten)]
        options: Options,
    },
    /// Write a standalone crate for SPEC into DIR: Cargo.toml, src/lib.rs and the runtime as the
    /// package runtime/.
    Crate {
        /// The spec (YAML or JSON).
        spec: PathBuf,
        /// Output folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Package name (default: from the spec's file name).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        options: Options,
        /// Also write FILE: a JSON object from each component schema's name to its Rust type's
        /// name in the crate's `types` module.
        #[arg(long, value_name = "FILE")]
        schema_index: Option<PathBuf>,
    },
    /// Validate specs and print every diagnostic.
    Check {
        /// The specs.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// Report each defect as an error, as `--strict` generation would refuse it.
        #[arg(long)]
        strict: bool,
    },
}

/// How the code is generated, for both `generate` and `crate`.
#[derive(clap::Args)]
struct Options {
    /// Derive both Serialize and Deserialize on every type (default: what each type's use needs).
    #[arg(long)]
    all_serde_derives: bool,
    /// Refuse a value an enum does not list or no member of a union holds, instead of keeping
    /// it in the type's `Unknown` variant.
    #[arg(long)]
    strict_decoding: bool,
    /// Refuse a spec with defects (a `$ref` to nothing, a node of the wrong shape, ...) instead
    /// of leaving out what each touches, with a warning.
    #[arg(long)]
    strict: bool,
    /// The types of `date-time` and `date` strings.
    #[arg(long, value_enum, default_value_t = DateTimeTypes::Chrono)]
    date_time: DateTimeTypes,
    /// `uuid` strings as `String` instead of `uuid::Uuid`.
    #[arg(long)]
    no_uuid: bool,
    /// Derive Clone and PartialEq only where the client needs them (default: on every type),
    /// for a crate that compiles quicker.
    #[arg(long)]
    no_clone_partial_eq: bool,
    /// Generate only the operations with this tag, and what they reach (repeatable; adds up
    /// with --operation and --path).
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Put each tag's operations, and the types only they use, behind a cargo feature named
    /// after the tag; operations without a tag behind `untagged`, types no operation uses
    /// behind `unused-schemas` (`oapigen crate` defines them in the crate's Cargo.toml).
    #[arg(long)]
    features_per_tag: bool,
    /// Generate only the operation with this operationId (repeatable).
    #[arg(long, value_name = "OPERATION_ID")]
    operation: Vec<String>,
    /// Generate only the operations at this path or below it, e.g. `/repos` (or `repos`;
    /// repeatable).
    #[arg(long, value_name = "PREFIX")]
    path: Vec<String>,
    /// Give this operation no `_pages` method, whatever its vendor extensions say or its shape
    /// suggests: its operationId, or `GET /path` as the spec writes the path (repeatable).
    #[arg(long, value_name = "OPERATION")]
    no_pagination: Vec<String>,
}

impl Options {
    /// `config` with these options set.
    fn apply(self, config: &mut Config) -> &mut Config {
        for operation in self.no_pagination {
            config.no_pagination(operation);
        }
        config
            .all_serde_derives(self.all_serde_derives)
            .strict_decoding(self.strict_decoding)
            .strict(self.strict)
            .date_time_library(self.date_time.library())
            .uuid_type(!self.no_uuid)
            .derive_clone_and_partial_eq(!self.no_clone_partial_eq)
            .select_tags(self.tag)
            .select_operations(self.operation)
            .select_paths(self.path)
            .features_per_tag(self.features_per_tag)
    }
}

/// `--date-time`: the library of `date-time` and `date` types (`oapigen::DateTimeLibrary`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DateTimeTypes {
    /// chrono's `DateTime<FixedOffset>` and `NaiveDate`.
    Chrono,
    /// jiff's `Timestamp` and `civil::Date`.
    Jiff,
    /// time's `OffsetDateTime` and `Date`.
    Time,
    /// `String`, as written.
    String,
}

impl DateTimeTypes {
    fn library(self) -> oapigen::DateTimeLibrary {
        match self {
            DateTimeTypes::Chrono => oapigen::DateTimeLibrary::Chrono,
            DateTimeTypes::Jiff => oapigen::DateTimeLibrary::Jiff,
            DateTimeTypes::Time => oapigen::DateTimeLibrary::Time,
            DateTimeTypes::String => oapigen::DateTimeLibrary::String,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
    }
}

fn io_error(path: &Path, error: std::io::Error) -> Diagnostics {
    let diagnostic = Diagnostic::error(Code::IoError, "", format!("cannot write: {error}"));
    diagnostic.in_file(path.display().to_string()).into()
}

/// Warnings and notes (errors are printed by `main`; build scripts get only the warnings).
fn print_warnings(diagnostics: &Diagnostics) {
    for diagnostic in diagnostics {
        if diagnostic.severity != oapigen::Severity::Error {
            eprintln!("{diagnostic}");
        }
    }
}

fn run(command: Command) -> Result<(), Diagnostics> {
    match command {
        Command::Generate {
            spec,
            output,
            runtime_path,
            options,
        } => {
            let mut config = Config::new();
            options.apply(&mut config).runtime_path(runtime_path);
            let generated = generate_file(&spec, &config)?;
            print_warnings(&generated.warnings);
            if !generated.features.is_empty() {
                eprintln!(
                    "note: the module's #[cfg]s name these cargo features; the crate that holds it \
                     defines them in its Cargo.toml:\n[features]\n{}",
                    generated.features_toml()
                );
            }
            match output {
                Some(path) => write_if_changed(&path, &generated.code)
                    .map(drop)
                    .map_err(|e| io_error(&path, e)),
                None => {
                    print!("{}", generated.code);
                    Ok(())
                }
            }
        }
        Command::Crate {
            spec,
            output,
            name,
            options,
            schema_index,
        } => {
            let report =
                options
                    .apply(&mut Config::new())
                    .write_crate(&spec, &output, name.as_deref())?;
            print_warnings(&report.warnings);
            match schema_index {
                Some(path) => {
                    let index: serde_json::Map<String, serde_json::Value> = report
                        .modules
                        .iter()
                        .flat_map(|module| &module.schema_types)
                        .map(|(schema, rust)| (schema.clone(), rust.clone().into()))
                        .collect();
                    let text = serde_json::to_string_pretty(&index).unwrap_or_default();
                    std::fs::write(&path, text + "\n").map_err(|e| io_error(&path, e))
                }
                None => Ok(()),
            }
        }
        Command::Check { specs, strict } => {
            let mut all: Vec<Diagnostic> = Vec::new();
            for spec in specs {
                let config = Config::new().strict(strict).clone();
                match generate_file(&spec, &config) {
                    Ok(generated) => all.extend(generated.warnings),
                    Err(diagnostics) => all.extend(diagnostics),
                }
            }
            let all: Diagnostics = all.into_iter().collect();
            print_warnings(&all);
            match all.has_errors() {
                true => Err(all.errors().cloned().collect()),
                false => Ok(()),
            }
        }
    }
}
