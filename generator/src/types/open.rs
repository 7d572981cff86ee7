//! Forward-compatible values: a variant for what the spec does not list.
//!
//! Servers add values to their enums and members to their unions (a new status, a new event
//! type) long before a client is generated again; a type that refuses such a value fails the
//! whole response around it, a list of a hundred items for one new one. So every enum and union
//! gets an `Unknown` variant that keeps such a value as received and sends it back unchanged
//! (aws-sdk-rust's `Unknown` variants, smithy-rs RFC 0039), unless `Config::strict_decoding`
//! asks for today's refusal. Each type's doc says which it does.

use super::{EnumRepr, Ty, TypeKind, TypeTable, UnionVariant};
use crate::naming::Scope;

/// Opens every enum and union (`strict`: none, and says so in their docs), then boxes the union
/// members that are now much larger than the others (a union of one large member had no smaller
/// one).
pub fn forward_compatible(table: &mut TypeTable, strict: bool) {
    for id in table.ids() {
        let def = table.get_mut(id);
        let lines = match &mut def.kind {
            TypeKind::Union { variants, .. } => open_union(variants, strict),
            TypeKind::Enum {
                variants,
                repr,
                unknown,
                ..
            } => {
                let taken = variants.iter().map(|v| v.name.as_str());
                *unknown = (!strict).then(|| unknown_name(taken));
                Some(enum_lines(unknown.as_deref(), *repr))
            }
            _ => None,
        };
        if let Some(lines) = lines {
            if !def.doc.is_empty() {
                def.doc.push(String::new());
            }
            def.doc.extend(lines);
        }
    }
    if !strict {
        super::layout::box_large_variants(table);
    }
}

/// `Unknown`, or `UnknownValue` where the spec lists a value named `Unknown`, and so on.
fn unknown_name<'a>(taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<&str> = taken.collect();
    let mut scope = Scope::with_reserved(&taken);
    match taken.contains(&"Unknown") {
        false => scope.unique("Unknown".to_owned()),
        true => scope.unique("UnknownValue".to_owned()),
    }
}

/// Adds the unknown member to a union that lacks a catch-all; the doc lines saying what becomes of
/// a value no member holds.
fn open_union(variants: &mut Vec<UnionVariant>, strict: bool) -> Option<Vec<String>> {
    if let Some(base) = variants.iter().find(|v| v.fallback) {
        return Some(vec![
            format!(
                " A value whose tag no subtype has is `{}`, with the base's own fields (its",
                base.name
            ),
            " other keys are not kept).".to_owned(),
        ]);
    }
    if let Some(any) = variants.iter().find(|v| v.ty == Ty::Json) {
        return Some(vec![format!(
            " A value no other member holds is `{}`, as received.",
            any.name
        )]);
    }
    if variants.is_empty() {
        return None;
    }
    if strict {
        return Some(lines(&[
            " A value none of the members holds is an error when decoding (the client was",
            " generated with strict decoding).",
        ]));
    }
    let name = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let doc = vec![
        " A value none of the members holds (one the API added since this client was".to_owned(),
        format!(" generated) is `{name}`, kept as received and sent back unchanged."),
    ];
    variants.push(UnionVariant {
        name,
        ty: Ty::Json,
        boxed: false,
        tags: Vec::new(),
        fallback: false,
        keys: None,
        closed: false,
        unknown: true,
        written_tag: None,
        tag_optional: false,
    });
    Some(doc)
}

fn lines(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| (*line).to_owned()).collect()
}

/// The doc lines saying what becomes of a value an enum does not list.
fn enum_lines(unknown: Option<&str>, repr: EnumRepr) -> Vec<String> {
    let from = match repr {
        EnumRepr::String => "From<&str>",
        EnumRepr::Integer => "From<i64>",
    };
    match unknown {
        Some(name) => vec![
            " A value not listed here (one the API added since this client was generated) is"
                .to_owned(),
            format!(" `{name}`, kept as received and sent back unchanged; `{from}` gives the"),
            " variant a value names.".to_owned(),
        ],
        None => lines(&[
            " A value not listed here is an error when decoding (the client was generated with",
            " strict decoding).",
        ]),
    }
}
