//! Generates one module per fixture spec of `tests/fixtures/` into `generated/`, and one per
//! Swagger 2.0 provider spec of `tests/equivalence/`, which run the provider wire tests. The
//! formats fixture is also generated with each other date-time library into `$OUT_DIR`
//! (`formats_jiff.rs`, `formats_time.rs`, `formats_text.rs`), which `tests/formats.rs` includes,
//! and the selection fixture with some of its operations only (`selection_pets.rs`, for
//! `tests/selection.rs`).

use oapigen::{Config, DateTimeLibrary};

fn main() {
    let generated = Config::new()
        .specs_dir("../fixtures")
        .spec("../equivalence/akeneo_swagger2.yaml")
        .spec("../equivalence/knetik_swagger2.yaml")
        .out_dir("generated")
        .crate_root("lib.rs")
        .cargo_instructions(true)
        .generate();
    if let Err(diagnostics) = generated {
        eprintln!("{diagnostics}");
        std::process::exit(1);
    }
    let spec = "../fixtures/formats.yaml";
    let text = std::fs::read_to_string(spec).expect("the formats fixture");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR, set by Cargo");
    let variants = [
        ("formats_jiff", DateTimeLibrary::Jiff, true),
        ("formats_time", DateTimeLibrary::Time, true),
        ("formats_text", DateTimeLibrary::String, false),
    ];
    for (name, library, uuid) in variants {
        let mut config = Config::new();
        config.date_time_library(library).uuid_type(uuid);
        let generated = oapigen::generate_source(spec, &text, &config)
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        let path = format!("{out_dir}/{name}.rs");
        oapigen::write_if_changed(path.as_ref(), &generated.code).expect("written");
    }
    // Only the `pets` tag and the `placeOrder` operation (tests/selection.rs).
    let spec = "../fixtures/selection.yaml";
    let text = std::fs::read_to_string(spec).expect("the selection fixture");
    let mut config = Config::new();
    config
        .select_tags(["pets"])
        .select_operations(["placeOrder"]);
    let generated = oapigen::generate_source(spec, &text, &config)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let path = format!("{out_dir}/selection_pets.rs");
    oapigen::write_if_changed(path.as_ref(), &generated.code).expect("written");
}
