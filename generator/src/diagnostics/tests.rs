//! Codes, defects and their costs, rendering.

use super::*;

#[test]
fn code_names_are_distinct_and_kebab_case() {
    let mut names = std::collections::BTreeSet::new();
    for code in Code::ALL {
        let name = code.as_str();
        assert!(names.insert(name), "{name} twice");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}"
        );
    }
}

/// The list in `Code`'s docs is the one place a user reads them all.
#[test]
fn every_code_is_listed_in_the_docs() {
    let source = include_str!("mod.rs");
    for code in Code::ALL {
        let entry = format!("/// - `{code}`: ");
        assert!(source.contains(&entry), "{code} is not in Code's docs");
    }
}

/// A defect's warning ends with its cost, which a strict run's error does not say; a note's
/// or a limit's message is whole.
#[test]
fn a_defect_costs_what_its_message_ends_with_and_strict_refuses_it_without() {
    let message = "operationId `a` is used twice: this operation's method is `a2`";
    let warning = Diagnostic::warning(Code::DuplicateOperationId, "#/x", message);
    assert_eq!(warning.cost(), Some("this operation's method is `a2`"));
    let limit = Diagnostic::warning(Code::UnsupportedKeyword, "#/x", "a: b");
    assert_eq!(limit.cost(), None);
    let mut all: Diagnostics = [warning, limit].into_iter().collect();
    all.make_strict();
    let found: Vec<(Severity, &str)> = all
        .iter()
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Error, "operationId `a` is used twice"),
            (Severity::Warning, "a: b")
        ]
    );
}

#[test]
fn the_code_is_rendered_beside_the_severity() {
    let diagnostic = Diagnostic::warning(Code::RefNotFound, "#/a", "points at nothing")
        .in_file("x.yaml")
        .at(3, 5)
        .with_hint("define it");
    assert_eq!(
        diagnostic.to_string(),
        "warning[ref-not-found]: x.yaml:3:5: at #/a: points at nothing\n  hint: define it"
    );
}
