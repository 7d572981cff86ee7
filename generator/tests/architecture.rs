//! The invariants of `ARCHITECTURE.md` that a test can hold.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Emitters see only the IR: no file of an `emit` folder (or `emit.rs`) names the spec's model
/// or the reading stage. A decision that needs the spec belongs in analysis, stored in the IR.
#[test]
fn emitters_see_only_the_ir() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let emitters: Vec<&PathBuf> = (files.iter())
        .filter(|path| {
            let relative = path.strip_prefix(&src).expect("under src");
            relative == Path::new("emit.rs")
                || relative.components().any(|c| c.as_os_str() == "emit")
        })
        .collect();
    assert!(
        emitters.len() >= 10,
        "the emitters are where ARCHITECTURE.md says: {emitters:?}"
    );
    for path in emitters {
        let text = std::fs::read_to_string(path).expect("readable");
        for forbidden in ["openapiv3", "crate::read"] {
            assert!(
                !text.contains(forbidden),
                "{} names `{forbidden}`: emitters read only the IR",
                path.display()
            );
        }
    }
}

/// The top of `src/` holds the crate's entry points and the few modules every stage shares; a
/// stage or a domain is a folder.
#[test]
fn the_top_of_src_stays_small() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let top: Vec<String> = std::fs::read_dir(&src)
        .expect("src")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        top.len() <= 12,
        "{} files at the top of src: {top:?}",
        top.len()
    );
}
