//! The runtime package that `oapigen crate` vendors is the runtime: `RUNTIME_FILES` holds every
//! file of `generator/runtime/src/` and nothing else, and the manifest it writes for the copy has
//! the runtime's dependencies and features. A file or dependency forgotten there breaks every
//! standalone crate, and no other test builds one with each runtime feature.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime")
}

/// The files under `dir`, as paths relative to `base` with `/` between names, sorted.
fn files_under(base: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            files_under(base, &path, found);
        } else {
            let relative = path.strip_prefix(base).expect("under the base");
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    found.sort();
}

#[test]
fn runtime_files_are_every_file_of_the_runtimes_src() {
    let runtime = runtime_dir();
    let mut on_disk = Vec::new();
    files_under(&runtime, &runtime.join("src"), &mut on_disk);
    let listed: Vec<&str> = oapigen::RUNTIME_FILES
        .iter()
        .map(|(path, _)| *path)
        .collect();
    for file in &on_disk {
        assert!(
            listed.contains(&file.as_str()),
            "generator/runtime/{file} is missing from RUNTIME_FILES (generator/src/lib.rs)"
        );
    }
    for file in &listed {
        assert!(
            on_disk.iter().any(|f| f == file),
            "RUNTIME_FILES lists {file}, which generator/runtime/ does not have"
        );
    }
    for (path, contents) in oapigen::RUNTIME_FILES {
        let actual = std::fs::read_to_string(runtime.join(path)).expect("listed file");
        assert!(*contents == actual, "RUNTIME_FILES holds another {path}");
    }
}

/// A manifest's tables, each entry by key; only the one-line `key = value` entries of this
/// repository's manifests are read, and anything else fails, so that the comparison is whole.
fn tables(manifest: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in manifest.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_owned();
            tables.entry(current.clone()).or_default();
            continue;
        }
        let (key, value) = line
            .split_once(" = ")
            .unwrap_or_else(|| panic!("not a one-line `key = value` entry: {line}"));
        let table = tables.entry(current.clone()).or_default();
        table.insert(key.to_owned(), value.to_owned());
    }
    tables
}

/// The runtime's manifest has nothing the vendored copy leaves out: no build script, no other
/// targets, no platform-specific dependencies.
#[test]
fn the_runtime_manifest_has_only_what_the_copy_carries() {
    let manifest = std::fs::read_to_string(runtime_dir().join("Cargo.toml")).expect("manifest");
    let tables = tables(&manifest);
    for name in tables.keys() {
        assert!(
            ["package", "dependencies", "dev-dependencies", "features"].contains(&name.as_str()),
            "generator/runtime/Cargo.toml has [{name}], which the manifest of `oapigen crate`'s \
             runtime copy (generator/src/output/standalone.rs) does not carry"
        );
    }
    assert!(
        !tables["package"].contains_key("build") && !runtime_dir().join("build.rs").exists(),
        "the runtime has a build script, which `oapigen crate` does not copy"
    );
}

/// The manifest `oapigen crate` writes for its runtime copy lists the runtime's dependencies and
/// features as the runtime's manifest does, but for its defaults (what the client calls) and
/// serde's `derive`.
#[test]
fn the_vendored_runtime_manifest_is_the_runtimes() {
    let dir = std::env::temp_dir().join(format!("oapigen-vendored-{}", std::process::id()));
    let spec = dir.join("pets.yaml");
    std::fs::create_dir_all(&dir).expect("folder");
    let text = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
    std::fs::write(&spec, text).expect("spec");
    oapigen::Config::new()
        .write_crate(&spec, &dir.join("crate"), None)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let vendored = std::fs::read_to_string(dir.join("crate/runtime/Cargo.toml")).expect("copy");
    let _ = std::fs::remove_dir_all(&dir);
    let manifest = std::fs::read_to_string(runtime_dir().join("Cargo.toml")).expect("manifest");
    let (vendored, runtime) = (tables(&vendored), tables(&manifest));

    let mut expected = runtime["dependencies"].clone();
    // The crate's own serde asks for `derive`; the copy asks the same, not to build serde twice.
    expected.insert(
        "serde".to_owned(),
        r#"{ version = "1", features = ["derive"] }"#.to_owned(),
    );
    compare("[dependencies]", &vendored["dependencies"], &expected);
    let without_default = |features: &BTreeMap<String, String>| {
        let mut features = features.clone();
        features.remove("default");
        features
    };
    compare(
        "[features]",
        &without_default(&vendored["features"]),
        &without_default(&runtime["features"]),
    );
}

/// Names the first entry that differs.
fn compare(table: &str, vendored: &BTreeMap<String, String>, runtime: &BTreeMap<String, String>) {
    for (key, value) in runtime {
        assert_eq!(
            vendored.get(key),
            Some(value),
            "{table} `{key}`: generator/src/output/standalone.rs writes another value for the \
             runtime copy than generator/runtime/Cargo.toml's"
        );
    }
    for key in vendored.keys() {
        assert!(
            runtime.contains_key(key),
            "{table} `{key}`: the runtime copy's manifest has it, generator/runtime/Cargo.toml not"
        );
    }
}
