//! oapigen inside a real `cargo build`: a spec with a defect fails a strict build with the located
//! diagnostic and no panic backtrace, builds otherwise with the defect as a `cargo:warning`, and a
//! fixed spec builds again without `cargo clean`. The package under test generates into `$OUT_DIR` and has no other
//! dependency, so the only thing built besides oapigen is the build script.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = "openapi: 3.0.3
info: {title: pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: Accept, in: header, schema: {type: string}}
      responses: {'204': {description: none}}
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: pageToken, in: query, schema: {type: string}}
      responses:
        '200':
          description: a page
          content:
            application/json:
              schema:
                type: object
                properties:
                  things: {type: array, items: {type: string}}
                  nextPageToken: {type: string}
";

/// The build script: generates `specs/` with `settings` added to the `Config`.
fn build_script(dir: &Path, settings: &str) {
    let script = format!(
        "fn main() {{\n    if let Err(diagnostics) = oapigen::Config::new().specs_dir(\"specs\"){settings}.cargo_instructions(true).generate() {{\n        eprintln!(\"{{diagnostics}}\");\n        std::process::exit(1);\n    }}\n}}\n"
    );
    std::fs::write(dir.join("build.rs"), script).expect("build.rs");
}

fn package(dir: &Path) {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("specs")).expect("package dir");
    std::fs::create_dir_all(dir.join("src")).expect("src dir");
    let manifest = format!(
        "[package]\nname = \"build-script-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [build-dependencies]\noapigen = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
        generator.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    // The same dependency versions as the workspace, so the shared target dir's builds are reused.
    std::fs::copy(generator.join("../Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Only the build script matters here.\n",
    )
    .expect("lib");
    build_script(dir, "");
}

fn cargo_build(dir: &Path, target: &Path) -> Output {
    Command::new(env!("CARGO"))
        .arg("build")
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // As `user_crates.rs` builds, so that the two share the build of oapigen.
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

#[test]
fn bad_spec_fails_the_build_and_a_fixed_one_builds_again() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("build-script-check");
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("package");
    package(&dir);
    build_script(&dir, ".strict(true)");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crates-target");

    std::fs::write(dir.join("specs/pets.yaml"), GOOD.replace("{description: none}", "{description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}")).expect("spec");
    let failed = cargo_build(&dir, &target);
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "{stderr}");
    assert!(
        stderr.contains("error[ref-not-found]: specs/pets.yaml:9:"),
        "located diagnostic: {stderr}"
    );
    assert!(
        stderr.contains("`$ref: #/components/schemas/Nope` points at nothing"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("stack backtrace"),
        "{stderr}"
    );
    // Not strict: the defect costs the response's type, not the build.
    build_script(&dir, "");
    let tolerated = cargo_build(&dir, &target);
    let stderr = String::from_utf8_lossy(&tolerated.stderr);
    assert!(tolerated.status.success(), "{stderr}");
    let warning = "warning: build-script-check@0.0.0: warning[ref-not-found]: specs/pets.yaml:9:";
    assert!(stderr.contains(warning), "{stderr}");
    assert!(
        stderr.contains("points at nothing: typed as any JSON value"),
        "{stderr}"
    );

    std::fs::write(dir.join("specs/pets.yaml"), GOOD).expect("fixed spec");
    let fixed = cargo_build(&dir, &target);
    let stderr = String::from_utf8_lossy(&fixed.stderr);
    assert!(fixed.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: build-script-check@0.0.0: warning[ignored-header-parameter]: specs/pets.yaml:8:"
        ),
        "cargo:warning: {stderr}"
    );
    assert!(
        stderr.contains("header parameter `Accept` is ignored"),
        "{stderr}"
    );
    // The note of a paginated operation, to confirm; and none once confirmed.
    let note = "warning: build-script-check@0.0.0: note[paginated]: specs/pets.yaml:11:5: at #/paths/~1things/get: `listThings` is paginated";
    assert!(stderr.contains(note), "{stderr}");
    build_script(&dir, ".pagination_notes(false)");
    let quiet = cargo_build(&dir, &target);
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert!(quiet.status.success(), "{stderr}");
    assert!(!stderr.contains("note[paginated]"), "{stderr}");
    assert!(
        stderr.contains("warning[ignored-header-parameter]"),
        "{stderr}"
    );

    // A spec split across files: the build reruns when a file it reads changes, wherever it is.
    std::fs::create_dir_all(dir.join("common")).expect("common dir");
    let thing = "type: object\nproperties:\n  name: {type: string}\n";
    std::fs::write(dir.join("common/thing.yaml"), thing).expect("fragment");
    let split = GOOD.replace(
        "{description: none}",
        "{description: none, content: {application/json: {schema: {$ref: '../common/thing.yaml'}}}}",
    );
    std::fs::write(dir.join("specs/pets.yaml"), split).expect("split spec");
    let built = cargo_build(&dir, &target);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    std::fs::write(dir.join("common/thing.yaml"), "type: [unclosed").expect("broken fragment");
    let broken = cargo_build(&dir, &target);
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success(), "the build reran: {stderr}");
    assert!(
        stderr.contains("thing.yaml is not YAML or JSON"),
        "{stderr}"
    );
}
