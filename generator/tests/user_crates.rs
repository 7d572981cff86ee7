//! Generated clients in a user's own crate, built by cargo exactly as the README says: the README's
//! `Cargo.toml`, `build.rs` and `src/lib.rs` blocks of each placement ("In `$OUT_DIR`, included",
//! "As a module of your crate", "As the whole crate") are written into a fresh package, which must
//! build with rustc's warnings as errors and be usable from the package's own code. A crate written
//! by `oapigen crate` must build on its own too.
//!
//! Every package shares one target folder under Cargo's test scratch space, so the dependencies
//! (reqwest, serde, oapigen) compile once per checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

const README: &str = include_str!("../../README.md");

/// The repository root, as the README's `../oapigen/` paths stand for it.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ has a parent")
        .to_owned()
}

/// A fenced code block of the README.
struct Block {
    /// The fence's language (`rust`, `toml`, `sh`).
    language: String,
    /// Its first line.
    first: String,
    /// Its text.
    body: String,
}

/// The README's code blocks under the heading that starts with `heading`, up to the next heading
/// of level 2 or 3.
fn blocks_under(heading: &str) -> Vec<Block> {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("the README has a heading {heading:?}"));
    let section = &README[start + heading.len()..];
    // The next heading of level 2 or 3 (a `#` line inside a code block is a TOML comment).
    let end = ["\n## ", "\n### "]
        .iter()
        .filter_map(|next| section.find(next))
        .min()
        .unwrap_or(section.len());
    let mut blocks = Vec::new();
    let mut rest = &section[..end];
    while let Some(open) = rest.find("```") {
        let after_fence = &rest[open..];
        let body_start = after_fence.find('\n').expect("fence line") + 1;
        let language = after_fence[3..body_start - 1].trim().to_owned();
        let body_len = after_fence[body_start..]
            .find("```")
            .expect("closing fence");
        let body = &after_fence[body_start..body_start + body_len];
        let first = body.lines().next().unwrap_or("").to_owned();
        blocks.push(Block {
            language,
            first,
            body: body.to_owned(),
        });
        rest = &after_fence[body_start + body_len + 3..];
    }
    blocks
}

/// The block whose first line names `file` (`// build.rs`, `# Cargo.toml`).
fn file_block<'b>(blocks: &'b [Block], file: &str) -> Option<&'b str> {
    blocks
        .iter()
        .find(|block| {
            block.language != "sh" && block.first.trim_start_matches(['/', '#', ' ']) == file
        })
        .map(|block| block.body.as_str())
}

/// Writes a package from the README's common manifest block plus `placement`'s blocks, with the
/// provider specs it names, and `example` as `examples/uses.rs`.
fn package(dir: &Path, placement: &str, example: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("specs")).expect("package folder");
    std::fs::create_dir_all(dir.join("src")).expect("src folder");
    std::fs::create_dir_all(dir.join("examples")).expect("examples folder");
    let root = repository().display().to_string();
    let common = blocks_under("## Using oapigen in your own crate");
    let common_manifest = file_block(&common, "Cargo.toml").expect("the README's Cargo.toml");
    let blocks = blocks_under(placement);
    let mut manifest = format!(
        "[package]\nname = \"user-crate\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         {}\n",
        common_manifest.replace("../oapigen/", &format!("{root}/"))
    );
    if let Some(extra) = file_block(&blocks, "Cargo.toml") {
        manifest.push_str(extra);
    }
    manifest.push_str("\n[workspace]\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    let build = file_block(&blocks, "build.rs").expect("a build.rs block");
    std::fs::write(dir.join("build.rs"), build).expect("build.rs");
    if let Some(lib) = file_block(&blocks, "src/lib.rs") {
        std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    }
    for spec in ["occam.yaml", "akeneo.yaml"] {
        std::fs::copy(
            repository().join("specs").join(spec),
            dir.join("specs").join(spec),
        )
        .expect("spec");
    }
    std::fs::write(dir.join("examples/uses.rs"), example).expect("example");
    run_shell_blocks(&blocks, dir);
    // The same dependency versions as this repository, so the build needs no network.
    std::fs::copy(repository().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
}

/// `cargo build` in `dir` (as the README says), then `cargo build --examples`, rustc's warnings as
/// errors; panics with cargo's output.
fn cargo_build(dir: &Path) {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crates-target");
    for args in [
        &["build", "--offline"][..],
        &["build", "--offline", "--examples"],
    ] {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "`cargo {}` fails in {}:\n{stderr}",
            args.join(" "),
            dir.display()
        );
    }
}

/// Runs the README's shell blocks of a placement (`mkdir -p generated && ...`) in `dir`.
fn run_shell_blocks(blocks: &[Block], dir: &Path) {
    for body in blocks
        .iter()
        .filter(|b| b.language == "sh")
        .map(|b| &b.body)
    {
        let status = Command::new("sh")
            .arg("-c")
            .arg(body)
            .current_dir(dir)
            .status()
            .expect("sh runs");
        assert!(status.success(), "`{body}` fails in {}", dir.display());
    }
}

fn scratch(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("user-crates")
        .join(name)
}

/// One test, so that the packages build one after the other on the shared target folder.
#[test]
fn generated_clients_build_in_every_placement_the_readme_shows() {
    let placements = [
        (
            "### In `$OUT_DIR`, included",
            "out-dir",
            "user_crate::occam::Client",
        ),
        (
            "### As a module of your crate",
            "module",
            "user_crate::clients::occam::Client",
        ),
        (
            "### As the whole crate",
            "crate-root",
            "user_crate::occam::Client",
        ),
    ];
    for (heading, name, client) in placements {
        let dir = scratch(name);
        let example = format!(
            "//! The generated client and its types, used from the user's own code.\n\
             fn main() {{\n    let client = {client}::new();\n    \
             let error: Option<oapigen_runtime::Error> = None;\n    \
             println!(\"{{}} {{error:?}}\", client.base_url());\n}}\n"
        );
        package(&dir, heading, &example);
        cargo_build(&dir);
    }
    assert!(
        scratch("module").join("src/clients/occam.rs").is_file(),
        "the module placement writes into src/clients"
    );
}

/// `oapigen crate SPEC -o DIR` (SPEC in specs/), with the repository's lock file.
fn cli_crate(spec: &str, dir: &Path) {
    cli_crate_of(&repository().join("specs").join(spec), dir, &[]);
}

/// `oapigen crate SPEC -o DIR ARGS...`, with the repository's lock file.
fn cli_crate_of(spec: &Path, dir: &Path, args: &[&str]) {
    let _ = std::fs::remove_dir_all(dir);
    let output = Command::new(env!("CARGO_BIN_EXE_oapigen"))
        .arg("crate")
        .arg(spec)
        .arg("-o")
        .arg(dir)
        .args(args)
        .output()
        .expect("oapigen runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::copy(repository().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
}

/// Two crates written by the CLI build on their own, and side by side in one application (each
/// carries its copy of the runtime under a package name of its own).
#[test]
fn crates_written_by_the_cli_build_alone_and_together() {
    let root = scratch("standalone");
    cli_crate("occam.yaml", &root.join("occam"));
    cli_crate("akeneo.yaml", &root.join("akeneo"));
    for name in ["occam", "akeneo"] {
        let dir = root.join(name);
        std::fs::create_dir_all(dir.join("examples")).expect("examples folder");
        let example = format!(
            "fn main() {{\n    println!(\"{{}}\", {name}::Client::new().base_url());\n}}\n"
        );
        std::fs::write(dir.join("examples/uses.rs"), example).expect("example");
        cargo_build(&dir);
    }
    let app = root.join("app");
    std::fs::create_dir_all(app.join("src")).expect("app folder");
    std::fs::write(
        app.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\noccam = { path = \"../occam\" }\nakeneo = { path = \"../akeneo\" }\n\n[workspace]\n",
    )
    .expect("manifest");
    std::fs::write(
        app.join("src/main.rs"),
        "fn main() {\n    println!(\"{} {}\", occam::Client::new().base_url(), akeneo::Client::new().base_url());\n}\n",
    )
    .expect("main");
    std::fs::copy(repository().join("Cargo.lock"), app.join("Cargo.lock")).expect("lock file");
    cargo_build(&app);
}

/// `cargo check --offline --all-targets FEATURE_ARGS` in `dir` (a target folder these tests
/// share), rustc's warnings as errors; panics with cargo's output.
fn check_without_warnings(dir: &Path, feature_args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--all-targets"])
        .args(feature_args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crates-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo check {}` fails in {}:\n{}",
        feature_args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A crate with a feature per tag (`--features-per-tag`) checks without warnings with no
/// feature, each feature alone and all of them (tests/fixtures/selection.yaml: types shared by
/// tags, one reached by a single tag, one by an operation without a tag (behind `untagged`), one
/// by none (behind `unused-schemas`); a runtime part that one tag calls). `tests/corpus/features.sh` runs the same
/// matrix on any spec.
#[test]
fn a_crate_with_a_feature_per_tag_checks_with_every_feature_alone_and_all() {
    let dir = scratch("features").join("selection");
    let spec = repository().join("tests/fixtures/selection.yaml");
    cli_crate_of(&spec, &dir, &["--features-per-tag"]);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
    // Only `store` reaches a date-time: its feature turns on the runtime's, which is off by
    // default.
    let store = "store = [\"oapigen-runtime/chrono\"]";
    let features = [
        "owners = []",
        "pets = []",
        store,
        "untagged = []",
        "unused-schemas = []",
    ];
    for feature in features {
        assert!(manifest.contains(feature), "{feature} in\n{manifest}");
    }
    let runtime = std::fs::read_to_string(dir.join("runtime/Cargo.toml")).expect("manifest");
    assert!(runtime.contains("default = []\n"), "{runtime}");
    let sets: [&[&str]; 7] = [
        &[],
        &["--features", "pets"],
        &["--features", "owners"],
        &["--features", "store"],
        &["--features", "untagged"],
        &["--features", "unused-schemas"],
        &["--all-features"],
    ];
    for features in sets {
        check_without_warnings(&dir, features);
    }
    let code = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
    assert!(code.contains("    /// `GET /owners`\n    #[cfg(feature = \"owners\")]\n"));
    let pet = "    /// A pet.\n    #[cfg(any(feature = \"owners\", feature = \"pets\", feature = \"store\"))]\n";
    assert!(
        code.contains(pet),
        "Pet stands behind the three tags that reach it"
    );
    let owner = "    /// Someone with pets.\n    #[cfg(feature = \"owners\")]\n";
    assert!(code.contains(owner), "Owner behind its one tag");
    let health = "    /// How the service is.\n    #[cfg(feature = \"untagged\")]\n";
    assert!(
        code.contains(health),
        "Health behind the untagged operation's"
    );
    let unused = "    /// Used by no operation.\n    #[cfg(feature = \"unused-schemas\")]\n";
    assert!(
        code.contains(unused),
        "reached by no operation: behind its own feature"
    );
}

/// A standalone crate turns on the runtime's features that its client calls (`chrono` and `uuid`
/// for types that hold dates and uuids; `event-stream`, `form`, `multipart`, `oauth2`) and no
/// others: it checks without warnings, and a client that calls none of them builds neither
/// chrono, nor eventsource-stream, nor reqwest's multipart (mime_guess).
#[test]
fn a_standalone_crate_compiles_only_the_runtime_parts_its_client_calls() {
    let cases: [(&str, &str); 5] = [
        ("streams", r#""event-stream""#),
        ("swagger2", r#""form", "multipart", "oauth2""#),
        ("token_client_credentials", r#""form", "oauth2""#),
        ("formats", r#""chrono", "uuid""#),
        ("enums", ""),
    ];
    for (fixture, defaults) in cases {
        let dir = scratch("runtime-parts").join(fixture);
        let spec = repository().join(format!("tests/fixtures/{fixture}.yaml"));
        cli_crate_of(&spec, &dir, &[]);
        let manifest = std::fs::read_to_string(dir.join("runtime/Cargo.toml")).expect("manifest");
        let line = format!("default = [{defaults}]\n");
        assert!(manifest.contains(&line), "{fixture}: {line} in\n{manifest}");
        check_without_warnings(&dir, &[]);
        let tree = Command::new(env!("CARGO"))
            .args(["tree", "--offline", "--edges", "normal", "--prefix", "none"])
            .current_dir(&dir)
            .output()
            .expect("cargo runs");
        let tree = String::from_utf8_lossy(&tree.stdout);
        assert!(tree.contains("reqwest v0.12"), "{fixture}: {tree}");
        let streams = defaults.contains("event-stream");
        assert_eq!(tree.contains("eventsource-stream"), streams, "{fixture}");
        let multipart = defaults.contains("multipart");
        assert_eq!(tree.contains("mime_guess"), multipart, "{fixture}");
        let dates = defaults.contains("chrono");
        assert_eq!(tree.contains("chrono v"), dates, "{fixture}");
    }
}

/// `--no-clone-partial-eq`: structs, unions and operation items derive neither `Clone` nor
/// `PartialEq`, but a token session's login body (which a refresh copies) keeps both, and the
/// crates check without warnings: a session (Canopy), unions (one_of), error enums and headers
/// structs (response_headers), params structs (parameters).
#[test]
fn a_crate_without_clone_and_partial_eq_keeps_them_where_the_client_copies() {
    let specs = [
        "specs/canopy.yaml",
        "tests/fixtures/one_of.yaml",
        "tests/fixtures/response_headers.yaml",
        "tests/fixtures/parameters.yaml",
    ];
    for spec in specs {
        let name = Path::new(spec)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name");
        let dir = scratch("without-clone").join(name);
        cli_crate_of(&repository().join(spec), &dir, &["--no-clone-partial-eq"]);
        check_without_warnings(&dir, &[]);
        let code = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
        let structs = code.matches("pub struct ").count();
        assert!(structs > 1, "{name}: {structs} structs");
        // `Clone` and `PartialEq` go together: besides string and integer enums (which are
        // also `Hash` and `Ord`, to be keys) and, in Canopy, the login body, no derive names
        // `PartialEq` (the `Client` and a session are `Clone` alone: sharing a client is
        // cloning it).
        let compared: Vec<&str> = (code.lines())
            .filter(|line| line.contains("#[derive(") && line.contains("PartialEq"))
            .filter(|line| !line.contains("Hash"))
            .collect();
        let login = "    #[derive(Clone, PartialEq, Default)]\n    pub struct TokenRequest {";
        match name {
            "canopy" => {
                assert!(code.contains(login), "the login body keeps Clone:\n{code}");
                assert_eq!(compared.len(), 1, "{compared:?}");
            }
            _ => assert!(compared.is_empty(), "{name}: {compared:?}"),
        }
    }
}
