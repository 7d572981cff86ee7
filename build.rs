//! Regenerates one client module per spec in `specs/` into `generated/` (written only when the
//! bytes change), and tells Cargo to rerun only when a spec is added, removed or edited.

fn main() {
    if let Err(diagnostics) = oapigen::generate_dir("specs", "generated") {
        // The diagnostics name the spec, the JSON pointer and the line; a panic would only add noise.
        eprintln!("{diagnostics}");
        std::process::exit(1);
    }
}
