//! Generates one module per fixture spec of `tests/fixtures/` into `generated/`, and one per
//! Swagger 2.0 provider spec of `tests/equivalence/`, which run the provider wire tests.

fn main() {
    let generated = oapigen::Config::new()
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
}
