//! The generator's resource budget on adversarial shapes: deep recursion, a wide fan-out of
//! references (across the document, not only into `components`), long `allOf` chains and ten
//! thousand operations. Each document goes through `oapigen check` (the whole generation) in a
//! process of its own, under a hard address-space limit that stops a runaway allocation, and its
//! peak resident memory must stay within a small multiple of the document's size plus a constant.
//! Time is not asserted (speed lives in `benches/`); a hang guard stops a run after minutes.

#![cfg(target_os = "linux")]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

/// Peak memory allowed: this much plus [`BYTES_PER_DOCUMENT_BYTE`] times the document's size.
/// Measured with the release CLI (2026-11-30, tokens built and printed a few types or operations
/// at a time): 26 MB for the 310 KB recursion, 34 MB for the 430 KB fan-out, 29 MB for the 27 KB
/// `allOf` chain (whose module is 4.7 MB of code), 233 MB for the 4 MB of ten thousand operations
/// (10.7 MB of code); 46 MB for GitHub's 2.9 MB spec.
const BASE_KB: u64 = 48 * 1024;
const BYTES_PER_DOCUMENT_BYTE: u64 = 64;
/// What a run may reserve at all (virtual memory, thread stacks included) before it is killed.
const ADDRESS_SPACE_LIMIT_KB: u64 = 4 * 1024 * 1024;

const HEADER: &str = "openapi: 3.0.3\ninfo: {title: budget, version: '1'}\n";

/// A cycle of `n` component schemas, each holding the next and itself, and one inline schema
/// nested 60 levels deep.
fn deep_recursion(n: usize) -> String {
    let mut text = format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..n {
        let next = (i + 1) % n;
        writeln!(
            text,
            "    S{i}:\n      type: object\n      properties:\n        next: {{$ref: '#/components/schemas/S{next}'}}\n        me: {{$ref: '#/components/schemas/S{i}'}}"
        )
        .unwrap();
    }
    text.push_str("    Nested:\n");
    let mut indent = "      ".to_owned();
    for _ in 0..60 {
        writeln!(
            text,
            "{indent}type: object\n{indent}properties:\n{indent}  inner:"
        )
        .unwrap();
        indent.push_str("    ");
    }
    writeln!(text, "{indent}type: string").unwrap();
    text
}

/// `n` schemas outside `components` (`#/x-defs/...`), each referring to `fan` others, and
/// components and operations referring to them.
fn wide_fan_out(n: usize, fan: usize) -> String {
    let mut text = format!("{HEADER}paths:\n");
    for i in 0..n / 10 {
        writeln!(
            text,
            "  /d{i}:\n    get:\n      operationId: d{i}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/x-defs/D{}'}}",
            i * 10
        )
        .unwrap();
    }
    text.push_str("components:\n  schemas:\n    Root: {$ref: '#/x-defs/D0'}\nx-defs:\n");
    for i in 0..n {
        writeln!(text, "  D{i}:\n    type: object\n    properties:").unwrap();
        for j in 0..fan {
            let target = (i * 7 + j * 13 + 1) % n;
            writeln!(text, "      p{j}: {{$ref: '#/x-defs/D{target}'}}").unwrap();
        }
    }
    text
}

/// `A{i} = allOf: [A{i-1}, {one property}]`, `n` long.
fn all_of_chain(n: usize) -> String {
    let mut text = format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    A0:\n      type: object\n      properties: {{f0: {{type: string}}}}\n");
    for i in 1..n {
        writeln!(
            text,
            "    A{i}:\n      allOf:\n        - $ref: '#/components/schemas/A{}'\n        - type: object\n          properties: {{f{i}: {{type: integer}}}}",
            i - 1
        )
        .unwrap();
    }
    text
}

/// `n` operations, each with a path parameter, a query parameter and two responses.
fn many_operations(n: usize) -> String {
    let mut text = format!("{HEADER}paths:\n");
    for i in 0..n {
        writeln!(
            text,
            "  /items{i}/{{id}}:\n    get:\n      operationId: get{i}\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n        - $ref: '#/components/parameters/Limit'\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Item'}}\n        '404': {{$ref: '#/components/responses/NotFound'}}"
        )
        .unwrap();
    }
    text.push_str("components:\n  parameters:\n    Limit: {name: limit, in: query, schema: {type: integer}}\n  responses:\n    NotFound: {description: not found}\n  schemas:\n    Item:\n      type: object\n      properties: {id: {type: string}}\n");
    text
}

/// Runs `oapigen check` on `text` under the address-space limit; returns (exit code, peak KB).
fn check_peak(name: &str, text: &str) -> (Option<i32>, u64) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("budget");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, text).expect("document");
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_LIMIT_KB}; ulimit -t 600; exec \"$0\" check \"$1\" > /dev/null 2>&1"
        ))
        .arg(env!("CARGO_BIN_EXE_oapigen"))
        .arg(&path)
        .spawn()
        .expect("oapigen starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own child, which std has
    // not waited for (the `Child` is forgotten so it never waits or reaps it again).
    let (waited, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let waited = libc::wait4(pid, &mut status, 0, &mut usage);
        (waited, usage)
    };
    std::mem::forget(child);
    assert_eq!(waited, pid, "wait4 failed");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, usage.ru_maxrss as u64)
}

fn assert_within_budget(name: &str, text: &str) {
    let (code, peak_kb) = check_peak(name, text);
    let size_kb = text.len() as u64 / 1024;
    let budget_kb = BASE_KB + BYTES_PER_DOCUMENT_BYTE * size_kb;
    println!(
        "{name}: {size_kb} KB document, peak {peak_kb} KB, budget {budget_kb} KB, exit {code:?}"
    );
    assert!(
        code == Some(0) || code == Some(1),
        "{name}: oapigen did not finish (exit {code:?}): killed by the limit or crashed"
    );
    assert!(
        peak_kb <= budget_kb,
        "{name}: peak {peak_kb} KB for a {size_kb} KB document, over the budget of {budget_kb} KB"
    );
}

#[test]
fn deep_recursion_stays_within_budget() {
    assert_within_budget("deep-recursion", &deep_recursion(2000));
}

#[test]
fn a_wide_fan_out_of_references_outside_components_stays_within_budget() {
    assert_within_budget("wide-fan-out", &wide_fan_out(400, 30));
}

/// Each struct of the chain holds every property of the ones before it, so the code grows with
/// the square of the chain's length; memory must not.
#[test]
fn a_long_all_of_chain_stays_within_budget() {
    assert_within_budget("all-of-chain", &all_of_chain(200));
}

#[test]
fn ten_thousand_operations_stay_within_budget() {
    assert_within_budget("many-operations", &many_operations(10_000));
}
