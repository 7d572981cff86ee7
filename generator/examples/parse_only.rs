//! Parses a spec and exits: the floor that whole-process generation is compared with
//! (`benches/figures.sh` times it beside `oapigen generate`).
//!
//! ```sh
//! cargo run --release -p oapigen --example parse_only -- SPEC
//! cargo run --release -p oapigen --example parse_only -- --oapigen SPEC
//! ```
//!
//! Without a flag it is serde_yaml into `openapiv3::OpenAPI`, the floor; with `--oapigen` it is
//! `oapigen::stages::parse`, which adds the control-character scan and deep-`$ref` normalization.
//!
//! Reads the file the same way the CLI does (`read_to_string`), so the two processes differ only
//! by what happens after the parse.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let oapigen_parse = args.first().is_some_and(|a| a == "--oapigen");
    if oapigen_parse {
        args.remove(0);
    }
    let [path] = args.as_slice() else {
        eprintln!("usage: parse_only [--oapigen] SPEC");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            return ExitCode::from(1);
        }
    };
    let ok = if oapigen_parse {
        oapigen::stages::parse(&text)
            .map(|document| document.api.paths.paths.len())
            .map_err(|d| d.to_string())
    } else {
        serde_yaml::from_str::<openapiv3::OpenAPI>(&text)
            .map(|api| api.paths.paths.len())
            .map_err(|e| e.to_string())
    };
    match ok {
        Ok(paths) => {
            // Printing a count keeps the parse from being optimized out.
            eprintln!("{paths} paths");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{path}: {error}");
            ExitCode::from(1)
        }
    }
}
