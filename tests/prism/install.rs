//! The pinned Prism, installed once into `<target>/prism/<version>/` and reused by every later
//! run, test thread and test process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

/// The Prism release the tests run. 5.15 and later need Node.js 24; 5.14 runs on 18.20 and up.
pub const VERSION: &str = "5.14.2";

/// The `engines.node` of `@stoplight/prism-cli@5.14.2`.
const MIN_NODE: [u32; 3] = [18, 20, 1];

/// Prism's command-line script (run it with `node`), installed first when it is not there yet.
/// Panics, saying what to install, when Node.js or npm is missing or the install fails: these
/// tests never skip.
pub fn prism_cli() -> &'static Path {
    // Every test thread waits here for the one that installs.
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match INSTALLED.get_or_init(install) {
        Ok(cli) => cli,
        Err(message) => panic!("{message}"),
    }
}

/// The target directory: Cargo's scratch directory for integration tests is `<target>/tmp`,
/// wherever the target directory is (`CARGO_TARGET_DIR`, `--target-dir`, the workspace's).
fn target_dir() -> PathBuf {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    scratch.parent().unwrap_or(scratch).to_path_buf()
}

fn cli_in(home: &Path) -> PathBuf {
    home.join("node_modules/@stoplight/prism-cli/dist/index.js")
}

/// Whether `home` holds a whole install of [`VERSION`].
fn installed(home: &Path) -> bool {
    let manifest = home.join("node_modules/@stoplight/prism-cli/package.json");
    let version = std::fs::read(manifest)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|manifest| manifest["version"].as_str().map(str::to_owned));
    version.as_deref() == Some(VERSION) && cli_in(home).is_file()
}

fn what_to_install(problem: &str) -> String {
    format!(
        "the Prism tests (tests/prism/) need Node.js >= {}.{}.{} and npm on PATH: on their first \
         run they install @stoplight/prism-cli@{VERSION} into {}.\n{problem}\nInstall Node.js \
         (https://nodejs.org/, npm comes with it) and run the tests again.",
        MIN_NODE[0],
        MIN_NODE[1],
        MIN_NODE[2],
        target_dir().join("prism").display(),
    )
}

fn check_node() -> Result<(), String> {
    let output = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|error| what_to_install(&format!("Running `node --version` failed: {error}.")))?;
    let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let version: Vec<u32> = text
        .trim_start_matches('v')
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect();
    if !output.status.success() || version.as_slice() < MIN_NODE.as_slice() {
        return Err(what_to_install(&format!(
            "`node --version` says {text:?} ({}).",
            output.status
        )));
    }
    Ok(())
}

fn npm() -> Command {
    // npm is a batch script on Windows, which Command does not find by its bare name.
    Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" })
}

fn install() -> Result<PathBuf, String> {
    check_node()?;
    let root = target_dir().join("prism");
    let home = root.join(VERSION);
    if installed(&home) {
        return Ok(cli_in(&home));
    }
    std::fs::create_dir_all(&root)
        .map_err(|error| format!("could not create {}: {error}", root.display()))?;
    // Installed beside its place, then renamed into it: the rename is atomic, so another test
    // process sees no install or a whole one, and the loser of a race keeps the winner's.
    let scratch = root.join(format!(".installing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let started = Instant::now();
    let output = npm()
        .arg("install")
        .arg("--prefix")
        .arg(&scratch)
        .arg(format!("@stoplight/prism-cli@{VERSION}"))
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .output()
        .map_err(|error| what_to_install(&format!("Running `npm` failed: {error}.")))?;
    if !output.status.success() || !installed(&scratch) {
        let _ = std::fs::remove_dir_all(&scratch);
        return Err(format!(
            "the Prism tests (tests/prism/) install @stoplight/prism-cli@{VERSION} on their first \
             run, and `npm install --prefix {} @stoplight/prism-cli@{VERSION} --no-audit \
             --no-fund` failed ({}); it needs the npm registry (npm's `registry` setting) or \
             npm's cache:\n{}{}",
            scratch.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout),
        ));
    }
    let mut moved = std::fs::rename(&scratch, &home).is_ok();
    if !moved && !installed(&home) {
        // A broken leftover (an interrupted manual copy, say) stands in the way.
        let _ = std::fs::remove_dir_all(&home);
        std::fs::rename(&scratch, &home).map_err(|error| {
            format!(
                "could not move {} to {}: {error}",
                scratch.display(),
                home.display()
            )
        })?;
        moved = true;
    }
    if !moved {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    // Straight to stderr, past the test harness's capture: shown once, on the installing run.
    let _ = writeln!(
        std::io::stderr(),
        "installed Prism {VERSION} into {} in {:.1} s{}",
        home.display(),
        started.elapsed().as_secs_f64(),
        if moved {
            ""
        } else {
            " (another test process had installed it first)"
        },
    );
    Ok(cli_in(&home))
}
