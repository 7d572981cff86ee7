//! Snapshots of the module emitted for every spec in `specs/`: a new spec gets its snapshot with no
//! edit here. Review changes with `cargo insta review`.

use std::path::Path;

#[test]
fn emitted_module_of_each_spec() {
    insta::glob!("../specs", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("spec is readable");
        let name = format!(
            "specs/{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .expect("file name")
        );
        let generated = oapigen::generate_source(&name, &text, &oapigen::Options::default())
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        insta::assert_snapshot!(generated.code);
    });
}

/// `generated/` is committed so reviewers see generated code in diffs; it must be exactly what the
/// generator emits now (build.rs keeps it so; this catches hand edits and stale commits).
#[test]
fn generated_folder_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = std::env::temp_dir().join(format!("oapigen-fresh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    std::env::set_current_dir(root).expect("cd to the package root");
    oapigen::Config::new()
        .specs_dir("specs")
        .out_dir(&fresh)
        .crate_root("lib.rs")
        .generate()
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
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
    let committed = root.join("generated");
    assert_eq!(
        list(&committed),
        list(&fresh),
        "generated/ holds other files than the generator writes"
    );
    for name in list(&fresh) {
        let expected = std::fs::read_to_string(fresh.join(&name)).expect("fresh file");
        let actual = std::fs::read_to_string(committed.join(&name)).expect("committed file");
        assert!(
            actual == expected,
            "generated/{name} is stale: run `cargo build` and commit generated/"
        );
    }
    let _ = std::fs::remove_dir_all(&fresh);
}
