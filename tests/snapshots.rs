//! Snapshots of the module emitted for every spec in `specs/`, every one-feature fixture in
//! `tests/fixtures/` and every Swagger 2.0 spec of `tests/equivalence/`: a new file gets its
//! snapshot with no edit here. Review changes with `cargo insta review`. The snapshots are the
//! only committed form of the fixture clients (tests/fixture-clients generates them into
//! `$OUT_DIR`); the provider modules are also committed in `generated/`, checked below.

use std::path::Path;
use std::sync::Mutex;

/// `generated_folders_match_the_generator` changes the working directory, which insta's globs
/// read: the tests take turns.
static WORKING_DIRECTORY: Mutex<()> = Mutex::new(());

fn emit(path: &Path, folder: &str) -> String {
    let text = std::fs::read_to_string(path).expect("spec is readable");
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("file name");
    let generated = oapigen::generate_source(
        &format!("{folder}/{file_name}"),
        &text,
        &oapigen::Config::new(),
    )
    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    generated.code
}

#[test]
fn emitted_module_of_each_spec() {
    let _turn = WORKING_DIRECTORY
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    insta::glob!("../specs", "*.{yaml,yml,json}", |path| {
        insta::assert_snapshot!(emit(path, "specs"));
    });
}

#[test]
fn emitted_module_of_each_fixture() {
    let _turn = WORKING_DIRECTORY
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    insta::glob!("fixtures", "*.{yaml,yml,json}", |path| {
        insta::assert_snapshot!(emit(path, "../fixtures"));
    });
}

/// Knetik's spec as Swagger 2.0, which tests/fixture-clients generates (named as its build.rs
/// names it) for the provider wire tests: its module is not `specs/knetik.yaml`'s (its form
/// body's type is named otherwise). Akeneo's Swagger 2.0 spec has no golden of its own:
/// generator/tests/equivalence.rs asserts its module is `specs/akeneo.yaml`'s.
#[test]
fn emitted_module_of_knetik_as_swagger_2() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/equivalence/knetik_swagger2.yaml");
    insta::assert_snapshot!("knetik_as_swagger_2", emit(&path, "../equivalence"));
}

/// Modules with one cargo feature per tag: each operation's items and methods behind its tag's
/// feature (`untagged` without one), each type behind those of the operations that reach it.
#[test]
fn emitted_module_with_features_per_tag() {
    let mut config = oapigen::Config::new();
    config.features_per_tag(true);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in [
        "selection.yaml",
        "streams.yaml",
        "token_client_credentials.yaml",
        "shared_items.yaml",
    ] {
        let text = std::fs::read_to_string(fixtures.join(name)).expect("fixture is readable");
        let generated = oapigen::generate_source(&format!("../fixtures/{name}"), &text, &config)
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        insta::assert_snapshot!(format!("features_per_tag_{name}"), generated.code);
    }
}

/// Generates the specs of folder `specs` afresh (as the package's build.rs does) and compares
/// with the committed `generated` folder of `package`.
fn assert_generated_matches(package: &Path, specs: &str) {
    let fresh = std::env::temp_dir().join(format!(
        "oapigen-fresh-{}-{}",
        std::process::id(),
        package
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("root")
    ));
    let _ = std::fs::remove_dir_all(&fresh);
    // Spec paths in headers are relative to the package, as build.rs names them.
    let specs_dir = package.join(specs);
    let mut config = oapigen::Config::new();
    config.out_dir(&fresh).crate_root("lib.rs");
    let mut files: Vec<_> = std::fs::read_dir(&specs_dir)
        .expect("specs folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    files.sort();
    let previous = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(package).expect("cd to the package");
    for file in &files {
        config.spec(Path::new(specs).join(file.file_name().expect("name")));
    }
    let result = config.generate();
    std::env::set_current_dir(previous).expect("cd back");
    result.unwrap_or_else(|diagnostics| panic!("{diagnostics}"));

    let list = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("readable folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    };
    let committed = package.join("generated");
    assert_eq!(
        list(&committed),
        list(&fresh),
        "{} holds other files than the generator writes",
        committed.display()
    );
    for name in list(&fresh) {
        let expected = std::fs::read_to_string(fresh.join(&name)).expect("fresh file");
        let actual = std::fs::read_to_string(committed.join(&name)).expect("committed file");
        assert!(
            actual == expected,
            "{}/{name} is stale: run `cargo build` and commit it",
            committed.display()
        );
    }
    let _ = std::fs::remove_dir_all(&fresh);
}

/// `generated/` is committed so reviewers see generated code in diffs; it must be exactly what the
/// generator emits now (build.rs keeps it so; this catches hand edits and stale commits).
#[test]
fn generated_folders_match_the_generator() {
    let _turn = WORKING_DIRECTORY
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_generated_matches(root, "specs");
}
