//! The round-trip conformance harness's fixed-seed slice (tests/roundtrip/README.md): every
//! component schema of every fixture spec (`tests/fixtures/*.yaml`) gets a few instances from
//! json-schema-faker (seed and count fixed below), each is decoded with its generated type,
//! encoded again and checked. Failures of kind decode, invalid-output and changed must be
//! exactly those listed in `tests/roundtrip/expected-failures.tsv`: a new one fails the test, and
//! so does a listed one that no longer happens (remove its line: the list stays true).
//!
//! The fixture modules are generated here with the oapigen library (`all_serde_derives`) into
//! one crate, `<target>/roundtrip/fixtures`, built with `<target>/roundtrip/target` (shared with
//! `tests/roundtrip/run.sh`). The Node side runs `tests/roundtrip/run.mjs manifest`. On its first
//! run the test installs the pinned npm packages (`tests/roundtrip/package-lock.json`) into
//! `<target>/roundtrip/node` with `npm ci`; it never skips: without Node.js or npm it fails and
//! says what to install.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Instances per schema, and the seed: small enough for `cargo test`, fixed so that the set of
/// failures is the same on every run.
const INSTANCES: u32 = 12;
const SEED: u32 = 1;

/// The `engines.node` of package.json.
const MIN_NODE: [u32; 3] = [18, 20, 0];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target directory: Cargo's scratch directory for integration tests is `<target>/tmp`.
fn target_dir() -> PathBuf {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    scratch.parent().unwrap_or(scratch).to_path_buf()
}

fn what_to_install(problem: &str) -> String {
    format!(
        "the round-trip test (tests/roundtrip/) needs Node.js >= {}.{}.{} and npm on PATH: on its \
         first run it installs the pinned packages of tests/roundtrip/package-lock.json \
         (json-schema-faker, ajv) into {} with `npm ci`.\n{problem}\nInstall Node.js \
         (https://nodejs.org/, npm comes with it) and run the tests again.",
        MIN_NODE[0],
        MIN_NODE[1],
        MIN_NODE[2],
        target_dir().join("roundtrip/node").display(),
    )
}

/// The folder holding the harness's node_modules, installed first when needed.
fn node_home() -> PathBuf {
    let output = Command::new("node")
        .arg("--version")
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "{}",
                what_to_install(&format!("Running `node --version` failed: {error}."))
            )
        });
    let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let version: Vec<u32> = text
        .trim_start_matches('v')
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    if !output.status.success() || version.as_slice() < MIN_NODE.as_slice() {
        panic!(
            "{}",
            what_to_install(&format!(
                "`node --version` says {text:?} ({}).",
                output.status
            ))
        );
    }
    let output = Command::new("node")
        .arg(repository().join("tests/roundtrip/install.mjs"))
        .arg(target_dir())
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "{}",
                what_to_install(&format!("Running node failed: {error}."))
            )
        });
    // Shown on the installing run, past the test harness's capture.
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    if !output.status.success() {
        panic!(
            "{}",
            what_to_install(&format!(
                "tests/roundtrip/install.mjs failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ))
        );
    }
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

/// One crate with every fixture's module, and the driver's dispatch over all their schemas.
/// Returns the manifest the Node side reads.
fn write_crate(work: &Path, binary: &Path) -> serde_json::Value {
    let src = work.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(repository().join("tests/fixtures"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    fixtures.sort();
    let mut config = oapigen::Config::new();
    config.all_serde_derives(true);
    let mut modules = String::new();
    let mut arms = String::new();
    let mut specs = Vec::new();
    for spec in &fixtures {
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!(
            "tests/fixtures/{}",
            spec.file_name().unwrap().to_string_lossy()
        );
        let text = std::fs::read_to_string(spec).unwrap();
        let generated = oapigen::generate_source(&name, &text, &config)
            .unwrap_or_else(|diagnostics| panic!("{name} does not generate:\n{diagnostics}"));
        write_if_changed(&src.join(format!("{stem}.rs")), &generated.code);
        modules.push_str(&format!(
            "#[path = {}]\nmod r#{stem};\n",
            rust_string(&format!("{stem}.rs"))
        ));
        let mut keys = serde_json::Map::new();
        for (schema, rust) in &generated.schema_types {
            let key = format!("{stem}/{schema}");
            let path = type_path(&format!("r#{stem}::types"), rust);
            arms.push_str(&format!(
                "        {} => rt::<{path}>(text),\n",
                rust_string(&key)
            ));
            keys.insert(schema.clone(), key.into());
        }
        specs.push(serde_json::json!({
            "name": stem,
            "spec": spec,
            "bin": binary,
            "keys": keys,
        }));
    }
    let driver = std::fs::read_to_string(repository().join("tests/roundtrip/driver.rs")).unwrap();
    write_if_changed(
        &src.join("main.rs"),
        &format!(
            "// @generated by tests/roundtrip/main.rs: the fixture modules and the round-trip driver.\n\
             #![allow(dead_code, unused_imports, deprecated, clippy::all)]\n\n{modules}\n{driver}\n\
             fn dispatch(key: &str, text: &str) -> Option<Outcome> {{\n    Some(match key {{\n{arms}        \
             _ => return None,\n    }})\n}}\n"
        ),
    );
    let runtime = repository().join("generator/runtime");
    write_if_changed(
        &work.join("Cargo.toml"),
        &format!(
            "# @generated by tests/roundtrip/main.rs\n[package]\nname = \"roundtrip-fixtures\"\n\
             version = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             oapigen-runtime = {{ path = {} }}\n\
             reqwest = {{ version = \"0.12\", default-features = false, features = [\"rustls-tls\", \"json\", \"multipart\"] }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
             # Not part of any enclosing workspace.\n[workspace]\n",
            rust_string(&runtime.to_string_lossy())
        ),
    );
    // The repository's dependency versions, so that the shared target dir serves this crate too.
    if !work.join("Cargo.lock").exists() {
        std::fs::copy(repository().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    }
    serde_json::json!({ "specs": specs })
}

fn build(work: &Path, target: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let run = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.arg("build").arg("--quiet");
        if offline {
            command.arg("--offline");
        }
        command
            .current_dir(work)
            // The settings tests/roundtrip/run.mjs builds with, so that both share dependencies.
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .unwrap_or_else(|error| panic!("running {cargo} failed: {error}"))
    };
    let mut output = run(true);
    if !output.status.success() {
        output = run(false);
    }
    assert!(
        output.status.success(),
        "the fixture crate {} does not build:\n{}",
        work.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `tests/roundtrip/expected-failures.tsv`: (spec, schema, kind) → reason.
fn expected_failures() -> BTreeMap<(String, String, String), String> {
    let path = repository().join("tests/roundtrip/expected-failures.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut expected = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() == 4 && !fields[3].trim().is_empty(),
            "{}:{}: want four tab-separated fields, spec, schema, kind and reason: {line:?}",
            path.display(),
            number + 1
        );
        let key = (
            fields[0].to_owned(),
            fields[1].to_owned(),
            fields[2].to_owned(),
        );
        assert!(
            ["decode", "invalid-output", "changed"].contains(&fields[2]),
            "{}:{}: kind {:?} is none of decode, invalid-output, changed",
            path.display(),
            number + 1,
            fields[2]
        );
        let repeated = expected.insert(key, fields[3].to_owned()).is_some();
        assert!(!repeated, "{}:{}: listed twice", path.display(), number + 1);
    }
    expected
}

#[test]
fn fixture_schemas_round_trip() {
    let home = node_home();
    let target = target_dir().join("roundtrip/target");
    let work = target_dir().join("roundtrip/fixtures");
    let binary = target.join("debug/roundtrip-fixtures");
    let manifest = write_crate(&work, &binary);
    build(&work, &target);
    let manifest_path = work.join("manifest.json");
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    let report_path = work.join("report.json");
    let _ = std::fs::remove_file(&report_path);
    let output = Command::new("node")
        .arg(repository().join("tests/roundtrip/run.mjs"))
        .arg("manifest")
        .arg(&manifest_path)
        .args([
            "--instances",
            &INSTANCES.to_string(),
            "--seed",
            &SEED.to_string(),
        ])
        .arg("--out")
        .arg(&report_path)
        .env("ROUNDTRIP_NODE_HOME", &home)
        .output()
        .expect("running node");
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "tests/roundtrip/run.mjs manifest failed ({}):\n{}{table}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{table}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();

    let mut found = BTreeMap::new();
    let mut instances = 0;
    for spec in report["specs"].as_array().unwrap() {
        let name = spec["name"].as_str().unwrap();
        instances += spec["summary"]["instances"].as_u64().unwrap();
        for group in spec["groups"].as_array().unwrap() {
            let key = (
                name.to_owned(),
                group["schema"].as_str().unwrap().to_owned(),
                group["kind"].as_str().unwrap().to_owned(),
            );
            let smallest = &group["smallest"];
            found.insert(
                key,
                format!(
                    "{} of {INSTANCES} instances; smallest: {} ({})",
                    group["count"],
                    smallest["text"].as_str().unwrap_or_default(),
                    smallest["detail"].as_str().unwrap_or_default()
                ),
            );
        }
    }
    assert!(instances > 0, "no instance was round-tripped:\n{table}");
    let expected = expected_failures();
    let new: Vec<String> = found
        .iter()
        .filter(|(key, _)| !expected.contains_key(*key))
        .map(|((spec, schema, kind), what)| format!("  {spec}\t{schema}\t{kind}\t{what}"))
        .collect();
    let gone: Vec<String> = expected
        .iter()
        .filter(|(key, _)| !found.contains_key(*key))
        .map(|((spec, schema, kind), reason)| format!("  {spec}\t{schema}\t{kind}\t{reason}"))
        .collect();
    let mut problems = String::new();
    if !new.is_empty() {
        problems += &format!(
            "round-trip failures that tests/roundtrip/expected-failures.tsv does not list (fix \
             the generator, or list them with the reason):\n{}\n",
            new.join("\n")
        );
    }
    if !gone.is_empty() {
        problems += &format!(
            "failures that tests/roundtrip/expected-failures.tsv lists but that no longer happen \
             (remove their lines):\n{}\n",
            gone.join("\n")
        );
    }
    let distinct: BTreeSet<_> = found.keys().collect();
    assert!(
        problems.is_empty(),
        "{problems}\n{} (schema, kind) failures in all; the table:\n{table}",
        distinct.len()
    );
}

/// A type of the schema index (`Pet`; `Option<Pet>` for a schema that admits null; `Text<...>`
/// around raw bytes) as a path from the driver: each type name prefixed; a name followed by `<`
/// is one of the wrappers (`Option`, the driver's `Text`), never a generated type (those are not
/// generic), so a schema named `Text` is still found.
fn type_path(prefix: &str, rust: &str) -> String {
    let mut path = String::new();
    let mut name = String::new();
    for c in rust.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
            continue;
        }
        match (name.as_str(), c) {
            ("", _) => {}
            (_, '<') => path.push_str(&name),
            _ => path.push_str(&format!("{prefix}::{name}")),
        }
        name.clear();
        if c != ' ' {
            path.push(c);
        }
    }
    path
}
