//! Generates one module per fixture spec of `tests/fixtures/` into `generated/`.

fn main() {
    if let Err(diagnostics) = oapigen::generate_dir("../fixtures", "generated") {
        eprintln!("{diagnostics}");
        std::process::exit(1);
    }
}
