//! Forward-compatible unions: a member for what no member holds.
//!
//! Servers add members to their unions (a new event type, a new kind of item) long before a
//! client is generated again; a union that refuses such a value fails the whole response around
//! it, a list of a hundred items for one new one. So every union gets an `Unknown` member that
//! keeps such a value as received and sends it back unchanged (aws-sdk-rust's `Unknown` variants,
//! smithy-rs RFC 0039), unless `Config::strict_decoding` asks for today's refusal. A union that
//! already takes any value (a member of any JSON, a base that takes tags no subtype names) needs
//! none.

use super::{Ty, TypeKind, TypeTable, UnionVariant};
use crate::naming::Scope;

/// Adds the `Unknown` member to every union that lacks a catch-all, then boxes the members that
/// are now much larger than the others (a union of one large member had no smaller one).
pub fn open_unions(table: &mut TypeTable) {
    for id in table.ids() {
        let def = table.get_mut(id);
        let TypeKind::Union { variants, .. } = &mut def.kind else {
            continue;
        };
        let holds_anything = variants.iter().any(|v| v.fallback || v.ty == Ty::Json);
        if holds_anything || variants.is_empty() {
            continue;
        }
        let taken: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
        let name = Scope::with_reserved(&taken).unique("Unknown".to_owned());
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
        if !def.doc.is_empty() {
            def.doc.push(String::new());
        }
        def.doc.push(" A value none of the members holds (one the API added since this client was generated) is `Unknown`, kept as received and sent back unchanged.".to_owned());
    }
    super::layout::box_large_variants(table);
}
