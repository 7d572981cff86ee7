//! Any text → `oapigen::generate_source`: it must not panic, hang or overflow its stack, and
//! whatever it generates must parse as a Rust file.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Specs are read as UTF-8 text (the CLI and build.rs fail earlier on anything else).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(generated) = oapigen::generate_source("fuzz.yaml", text, &oapigen::Config::new())
    {
        if let Err(error) = syn::parse_file(&generated.code) {
            panic!("generated code does not parse: {error}\n{}", generated.code);
        }
    }
});
