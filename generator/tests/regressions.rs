//! Inputs that once broke the generator (found by the fuzzer, `generator/fuzz`, or the property
//! test, `tests/property.rs`), one small file each in `tests/regressions/`: `generate_source`
//! must not panic, hang or overflow its stack on any of them, must either generate code that
//! parses as a Rust file or return diagnostics that each have a message.
//!
//! Each input runs in a child process (this test, re-executed with `OAPIGEN_REGRESSION_INPUT`),
//! so that an input that aborts the process (stack overflow) or never returns fails alone, with
//! its name, and the other inputs are still checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TEST_NAME: &str = "every_regression_input_is_handled";
const INPUT_ENV: &str = "OAPIGEN_REGRESSION_INPUT";
/// Every input takes milliseconds; a blow-up takes forever.
const TIMEOUT: Duration = Duration::from_secs(30);

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    files.sort();
    files
}

/// The check itself, run in the child: panics (failing the child) when the property is broken.
fn check(path: &Path) {
    let bytes = std::fs::read(path).expect("the input is readable");
    // As the fuzz target does: specs are UTF-8 text, anything else is refused before parsing.
    let Ok(text) = String::from_utf8(bytes) else {
        return;
    };
    let name = path.display().to_string();
    match oapigen::generate_source(&name, &text, &oapigen::Config::new()) {
        Ok(generated) => {
            if let Err(error) = syn::parse_file(&generated.code) {
                panic!("the generated code does not parse: {error}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "Err without any diagnostic");
            for diagnostic in &diagnostics {
                assert!(
                    !diagnostic.message.trim().is_empty(),
                    "a diagnostic without a message: {diagnostic:?}"
                );
            }
        }
    }
}

/// Runs `check` on `path` in a child process; `Err` says how it failed.
fn run_isolated(path: &Path) -> Result<(), String> {
    let mut child = Command::new(std::env::current_exe().expect("the test binary"))
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(INPUT_ENV, path)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary starts");
    // Drain stderr on a thread so that a chatty child never blocks on a full pipe.
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap_or_default();
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) => {
            // The panic message and its location, or the runtime's stack overflow notice.
            let lines: Vec<&str> = stderr
                .lines()
                .filter(|line| {
                    !line.trim().is_empty()
                        && !line.starts_with("note:")
                        && !line.starts_with("test ")
                        && !line.starts_with("running ")
                        && !line.starts_with("failures")
                        && !line.starts_with("---- ")
                })
                .take(6)
                .collect();
            Err(format!("{status}:\n    {}", lines.join("\n    ")))
        }
        None => Err(format!(
            "no answer within {TIMEOUT:?} (hang or exponential blow-up)"
        )),
    }
}

#[test]
fn every_regression_input_is_handled() {
    if let Some(input) = std::env::var_os(INPUT_ENV) {
        check(Path::new(&input));
        return;
    }
    let inputs = inputs();
    assert!(!inputs.is_empty(), "no inputs in tests/regressions/");
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|path| {
            run_isolated(path).err().map(|why| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                format!("{name}: {why}")
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} regression inputs fail (rerun one: {INPUT_ENV}=generator/tests/regressions/NAME cargo test -p oapigen --test regressions):\n\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n\n")
    );
}
