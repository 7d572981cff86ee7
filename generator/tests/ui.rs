//! Diagnostics as data, in the manner of trybuild's `tests/ui`: each `tests/ui/NAME.yaml` is a
//! small spec with one kind of defect, and `NAME.stderr` beside it holds everything generating it
//! reports (errors, warnings and notes, in order), each as `Display` renders it: `error[code]:
//! tests/ui/NAME.yaml:line:column: at pointer: message`, its hint on the next line. The test
//! generates every spec with `oapigen::generate_file` and compares, then fails listing every
//! case that differs. Generated from its path, as `oapigen check` does: a spec's `$ref`s to other
//! files are followed.
//!
//! `OAPIGEN_BLESS=1 cargo test -p oapigen --test ui` writes the `.stderr` files instead. Read each
//! one before committing it: it is what a user will read, so a wrong or unclear message, or one at
//! the wrong line, is fixed in the generator, not blessed.
//!
//! A spec's configuration, when it needs one, is in comments at its top, one setting a line:
//! `# config: tag=NAME`, `operation=ID`, `path=PREFIX`, `features-per-tag`, `runtime-path=PATH`,
//! `strict`.

use oapigen::Config;
use std::path::{Path, PathBuf};

#[test]
fn ui() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let bless = std::env::var_os("OAPIGEN_BLESS").is_some_and(|value| value == "1");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/ui is readable")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    specs.sort();
    let mut failures = Vec::new();
    let mut cases = 0;
    for path in &specs {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml") => {}
            Some("stderr") if !path.with_extension("yaml").exists() => {
                failures.push(format!("{}: no spec beside it", path.display()));
                continue;
            }
            _ => continue,
        }
        cases += 1;
        let actual = render(path);
        let expected_path = path.with_extension("stderr");
        if bless {
            std::fs::write(&expected_path, &actual).expect("the .stderr is writable");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                expected_path.display()
            )),
            Err(_) => failures.push(format!(
                "{}: missing; actual:\n{actual}",
                expected_path.display()
            )),
        }
    }
    assert!(cases > 0, "no spec in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} of {cases} ui cases differ (OAPIGEN_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What generating the spec at `path` reports, one diagnostic after the other, with a final
/// line break.
fn render(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    let file_name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    // Relative to the package, which tests run in: as a user names a spec of theirs.
    let name = format!("tests/ui/{file_name}");
    let diagnostics = match oapigen::generate_file(&name, &config(&text)) {
        Ok(generated) => generated.warnings,
        Err(diagnostics) => diagnostics,
    };
    diagnostics
        .iter()
        .map(|diagnostic| format!("{diagnostic}\n"))
        .collect()
}

/// The configuration the spec's `# config:` lines set.
fn config(text: &str) -> Config {
    let mut config = Config::new();
    let settings = text
        .lines()
        .map_while(|line| line.strip_prefix("# config:"));
    for setting in settings.map(str::trim) {
        let (key, value) = setting.split_once('=').unwrap_or((setting, ""));
        match key {
            "tag" => config.select_tags([value]),
            "operation" => config.select_operations([value]),
            "path" => config.select_paths([value]),
            "features-per-tag" => config.features_per_tag(true),
            "runtime-path" => config.runtime_path(value),
            "strict" => config.strict(true),
            _ => panic!("unknown setting `{setting}`"),
        };
    }
    config
}
