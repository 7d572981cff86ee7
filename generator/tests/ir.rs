//! The analysis stage's goldens: the module IR of every one-feature fixture
//! (`tests/fixtures/*.yaml` at the repository root) as compact text (`oapigen::stages::ir_text`),
//! a line per type and a block per operation. A change in a decision (a field's type, a boxing, a
//! parameter's shape, a shared item, an extra method) shows here on its own, apart from the
//! emission and printing that the code snapshots (`tests/snapshots.rs` at the root) mix in.
//! Review changes with `cargo insta review`.

#[test]
fn ir_of_each_fixture() {
    insta::glob!("../../tests/fixtures", "*.{yaml,yml,json}", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let ir = oapigen::stages::ir_text(&text, &oapigen::Config::new())
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        insta::assert_snapshot!(ir);
    });
}

/// With a cargo feature per tag, each operation and type says the features it stands behind.
#[test]
fn ir_with_features_per_tag() {
    for name in [
        "selection.yaml",
        "streams.yaml",
        "token_client_credentials.yaml",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("fixture is readable");
        let mut config = oapigen::Config::new();
        config.features_per_tag(true);
        let ir = oapigen::stages::ir_text(&text, &config)
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        insta::assert_snapshot!(format!("features_per_tag_{name}"), ir);
    }
}
