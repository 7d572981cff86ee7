//! What diagnostics hold besides their text, which `tests/ui/` checks, one spec per kind: a
//! build script and `oapigen check` report the same, a warning does not stop generation, and
//! names made unique are numbered in the spec's order.

use oapigen::{Code, Config, Diagnostics};
use std::path::PathBuf;

fn ui_spec(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ui")
        .join(name)
}

/// Characters YAML forbids are removed and the document generates, with the text around them.
#[test]
fn characters_yaml_forbids_are_removed_and_generation_goes_on() {
    let text = "openapi: 3.0.3\ninfo:\n  title: Caf\u{e9} \u{90}menu\n  version: '1'\npaths: {}\n";
    let generated = oapigen::generate_source("c1.yaml", text, &Config::new()).expect("read");
    let codes: Vec<Code> = generated.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [Code::ForbiddenCharacter]);
    assert!(generated
        .code
        .contains("/// Client for Café menu (version 1)"));
}

#[test]
fn names_that_collide_after_case_conversion_are_numbered_in_spec_order() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    pet_item: {type: object, properties: {a: {type: string}}}\n    PetItem: {type: object, properties: {b: {type: string}}}\n";
    let code = oapigen::generate_source("collide.yaml", text, &Config::new())
        .expect("generates")
        .code;
    let first = code
        .find("pub struct PetItem {")
        .expect("first keeps the name");
    let second = code
        .find("pub struct PetItem2 {")
        .expect("second is numbered");
    assert!(first < second);
}

/// `cargo build` (through `Config`, as build.rs uses it) and `oapigen check` (through
/// `generate_source`) report the same diagnostics for the same spec; strict, a defect refuses it.
#[test]
fn build_and_check_report_the_same() {
    let spec = ui_spec("path-parameter-not-in-template.yaml");
    let name = spec.display().to_string();
    let text = std::fs::read_to_string(&spec).expect("readable");
    let strict = Config::new().strict(true).clone();
    let direct: Diagnostics = oapigen::generate_source(&name, &text, &strict).expect_err("refused");
    assert!(direct.iter().all(|d| d.file == name), "{direct}");
    let out = std::env::temp_dir().join(format!("oapigen-diag-{}", std::process::id()));
    let through_config = oapigen::Config::new()
        .strict(true)
        .spec(&spec)
        .out_dir(&out)
        .generate()
        .expect_err("refused");
    assert_eq!(through_config.to_string(), direct.to_string());
    assert!(
        !out.join("path-parameter-not-in-template.rs").exists(),
        "nothing is written for a spec with errors"
    );
}

/// Every diagnostic of a refused spec comes back at once, errors and warnings, each once.
#[test]
fn a_refused_spec_reports_everything_at_once() {
    let spec = ui_spec("swagger-2-parameters.yaml");
    let text = std::fs::read_to_string(&spec).expect("readable");
    let strict = Config::new().strict(true).clone();
    let diagnostics = oapigen::generate_source("s.yaml", &text, &strict).expect_err("refused");
    assert_eq!(diagnostics.len(), 3, "{diagnostics}");
    assert_eq!(diagnostics.errors().count(), 1, "{diagnostics}");
    assert_eq!(diagnostics.warnings().count(), 2, "{diagnostics}");
    assert!(diagnostics.has_errors());
}
