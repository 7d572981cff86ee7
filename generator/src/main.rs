//! `oapigen`: generate a client module or a standalone crate from an OpenAPI 3.0 spec, or check specs.
//!
//! Exit status: 0 on success, 1 when a spec has errors, 2 on usage errors (clap's own).

use clap::{Parser, Subcommand};
use oapigen::config::write_if_changed;
use oapigen::{generate_source, Diagnostics, Options, RUNTIME_SOURCE};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "oapigen",
    version,
    about = "Typed Rust clients from OpenAPI 3.0 specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client module for SPEC (to stdout without -o). It expects the runtime at
    /// `crate::runtime` unless --runtime-path says otherwise.
    Generate {
        /// The spec (YAML or JSON).
        spec: PathBuf,
        /// Output file.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Path of the runtime module as seen from the generated code.
        #[arg(long, default_value = "crate::runtime")]
        runtime_path: String,
        /// Derive both Serialize and Deserialize on every type (default: what each type's use needs).
        #[arg(long)]
        all_serde_derives: bool,
    },
    /// Write a standalone crate (Cargo.toml, src/lib.rs, src/runtime.rs) for SPEC into DIR.
    Crate {
        /// The spec (YAML or JSON).
        spec: PathBuf,
        /// Output folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Package name (default: from the spec's file name).
        #[arg(long)]
        name: Option<String>,
        /// Derive both Serialize and Deserialize on every type (default: what each type's use needs).
        #[arg(long)]
        all_serde_derives: bool,
    },
    /// Validate specs and print every diagnostic.
    Check {
        /// The specs.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
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

fn read(spec: &Path) -> Result<String, Diagnostics> {
    std::fs::read_to_string(spec).map_err(|error| {
        let mut diagnostic =
            oapigen::Diagnostic::error("", format!("cannot read the spec: {error}"));
        diagnostic.file = spec.display().to_string();
        diagnostic.into()
    })
}

fn io_error(path: &Path, error: std::io::Error) -> Diagnostics {
    let mut diagnostic = oapigen::Diagnostic::error("", format!("cannot write: {error}"));
    diagnostic.file = path.display().to_string();
    diagnostic.into()
}

fn print_warnings(warnings: &Diagnostics) {
    for warning in warnings.warnings() {
        eprintln!("{warning}");
    }
}

fn run(command: Command) -> Result<(), Diagnostics> {
    match command {
        Command::Generate {
            spec,
            output,
            runtime_path,
            all_serde_derives,
        } => {
            let text = read(&spec)?;
            let options = Options {
                runtime_path,
                declare_runtime_module: false,
                all_serde_derives,
            };
            let generated = generate_source(&spec.display().to_string(), &text, &options)?;
            print_warnings(&generated.warnings);
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
            all_serde_derives,
        } => {
            let text = read(&spec)?;
            let options = Options {
                declare_runtime_module: true,
                all_serde_derives,
                ..Options::default()
            };
            let generated = generate_source(&spec.display().to_string(), &text, &options)?;
            print_warnings(&generated.warnings);
            let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
            let name = name.unwrap_or_else(|| crate_name(stem));
            let files = [
                (output.join("Cargo.toml"), cargo_toml(&name)),
                (output.join("src/lib.rs"), generated.code),
                (output.join("src/runtime.rs"), RUNTIME_SOURCE.to_owned()),
            ];
            for (path, contents) in files {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
                }
                write_if_changed(&path, &contents).map_err(|e| io_error(&path, e))?;
            }
            Ok(())
        }
        Command::Check { specs } => {
            let mut all = Diagnostics::default();
            for spec in specs {
                let text = match read(&spec) {
                    Ok(text) => text,
                    Err(diagnostics) => {
                        all.extend(diagnostics);
                        continue;
                    }
                };
                match generate_source(&spec.display().to_string(), &text, &Options::default()) {
                    Ok(generated) => all.extend(generated.warnings),
                    Err(diagnostics) => all.extend(diagnostics),
                }
            }
            print_warnings(&all);
            if all.has_errors() {
                Err(Diagnostics(
                    all.0
                        .into_iter()
                        .filter(|d| d.severity == oapigen::Severity::Error)
                        .collect(),
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// A package name from a file stem: lower case, one `-` between words (two would make a library
/// name with `__`, which rustc's `non_snake_case` lint rejects).
fn crate_name(stem: &str) -> String {
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
    } else {
        name
    }
}

fn cargo_toml(name: &str) -> String {
    format!(
        r#"# @generated by oapigen: a standalone client crate.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "json", "multipart"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"

# Not part of any enclosing workspace.
[workspace]
"#
    )
}

#[cfg(test)]
mod tests {
    use super::crate_name;

    #[test]
    fn crate_names_have_one_dash_between_words() {
        assert_eq!(
            crate_name("github.com__api.github.com_1.1.4"),
            "github-com-api-github-com-1-1-4"
        );
        assert_eq!(crate_name("__Occam API__"), "occam-api");
        assert_eq!(crate_name("1.0"), "api-1-0");
        assert_eq!(crate_name("..."), "api");
    }
}
