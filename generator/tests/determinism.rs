//! Determinism: every spec of `specs/` and `tests/fixtures/` generates the same bytes in two
//! separate processes (each with its own hash seeds) and in this process through
//! `generate_source`; warnings come out the same too.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `*.yaml` files of `dir` (relative to the workspace root), sorted.
fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

/// stdout and stderr of `oapigen generate SPEC`, which must succeed.
fn generate_in_a_process(spec: &str) -> (Vec<u8>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_oapigen"))
        .args(["generate", spec])
        .output()
        .expect("oapigen runs");
    assert!(
        output.status.success(),
        "oapigen generate {spec} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.stdout,
        String::from_utf8(output.stderr).expect("UTF-8 diagnostics"),
    )
}

/// The line of the first difference, to keep failures readable.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    match a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
    {
        Some((index, (x, y))) => format!("line {}:\n  - {x}\n  + {y}", index + 1),
        None => format!(
            "one is a prefix of the other ({} vs {} lines)",
            a.lines().count(),
            b.lines().count()
        ),
    }
}

#[test]
fn every_spec_generates_the_same_bytes_every_time() {
    let specs: Vec<PathBuf> = [yaml_files("specs"), yaml_files("tests/fixtures")].concat();
    assert!(
        specs.len() >= 10,
        "expected the specs and fixtures, found {specs:?}"
    );
    let mut mismatches = Vec::new();
    for path in &specs {
        // The same argument in every run: the module header names the spec as given.
        let spec = path.display().to_string();
        let (first, first_warnings) = generate_in_a_process(&spec);
        let (second, second_warnings) = generate_in_a_process(&spec);
        if first != second {
            mismatches.push(format!(
                "{spec}: two processes differ at {}",
                first_difference(&first, &second)
            ));
            continue;
        }
        if first_warnings != second_warnings {
            mismatches.push(format!(
                "{spec}: the warnings of two processes differ:\n{first_warnings}\n---\n{second_warnings}"
            ));
        }

        let text = std::fs::read_to_string(path).expect("the spec is readable");
        for attempt in 1..=2 {
            let generated = oapigen::generate_source(&spec, &text, &oapigen::Config::new())
                .unwrap_or_else(|diagnostics| panic!("{spec}: {diagnostics}"));
            if generated.code.as_bytes() != first.as_slice() {
                mismatches.push(format!(
                    "{spec}: generate_source (call {attempt}) differs from the CLI at {}",
                    first_difference(generated.code.as_bytes(), &first)
                ));
                break;
            }
            // The CLI prints notes with the warnings.
            let warnings: String = generated
                .warnings
                .iter()
                .map(|warning| format!("{warning}\n"))
                .collect();
            if warnings != first_warnings {
                mismatches.push(format!(
                    "{spec}: generate_source's warnings differ from the CLI's:\n{warnings}\n---\n{first_warnings}"
                ));
                break;
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
