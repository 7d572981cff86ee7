//! Boxing the members of a union that would make it much larger than its other members.
//!
//! An enum is as large as its largest variant, and clippy's `large_enum_variant` (on by default)
//! rejects one whose largest variant is more than 200 bytes larger than the next: DigitalOcean's
//! `oneOf` of a droplet (860 bytes) and a JSON value is one. The generator cannot ask rustc for
//! sizes, so it estimates them from the fields (64-bit, `String` and `Vec` 24 bytes, ...) and
//! boxes a member as soon as the estimate says it is 100 bytes larger than the next: the margin
//! covers padding and niches the estimate does not model.

use super::{Field, Ty, TypeDef, TypeId, TypeKind, TypeTable};
use std::collections::BTreeMap;

/// How much larger than the next member a member may be, by the estimate, before it is boxed.
const LARGEST_DIFFERENCE: usize = 100;

/// Boxes the members of every union that are much larger than the next largest.
pub fn box_large_variants(table: &mut TypeTable) {
    let mut sizes = Sizes::default();
    for (id, _) in table.iter() {
        sizes.of_def(id, table);
    }
    for (id, boxed) in sizes.boxed {
        if let TypeKind::Union { variants, .. } = &mut table.get_mut(id).kind {
            for (variant, boxed) in variants.iter_mut().zip(boxed) {
                variant.boxed |= boxed;
            }
        }
    }
}

/// Estimated sizes in bytes of the named types, and the members each union boxes. A union's
/// members are sized before it is, so a union inside another is boxed inside first, and the
/// outer one sees it small.
#[derive(Default)]
struct Sizes {
    named: BTreeMap<TypeId, usize>,
    boxed: BTreeMap<TypeId, Vec<bool>>,
}

impl Sizes {
    fn of_def(&mut self, id: TypeId, table: &TypeTable) -> usize {
        if let Some(size) = self.named.get(&id) {
            return *size;
        }
        // A type met again while its own size is being worked out holds itself through a `Box`
        // or a collection, both of fixed size: count it as a pointer.
        self.named.insert(id, 8);
        let def: &TypeDef = table.get(id);
        let size = match &def.kind {
            TypeKind::Struct(fields) => {
                let sum: usize = fields.iter().map(|field| self.of_field(field, table)).sum();
                sum.next_multiple_of(8)
            }
            // An unknown string is a `Box<str>`, an unknown integer an `i64` beside the tag.
            TypeKind::Enum {
                unknown: Some(_), ..
            } => 16,
            TypeKind::Enum { .. } => 1,
            TypeKind::Union { variants, .. } => {
                let mut sizes: Vec<usize> = variants
                    .iter()
                    .map(|variant| match variant.boxed {
                        true => 8,
                        false => self.of_ty(&variant.ty, table),
                    })
                    .collect();
                let mut boxed = vec![false; sizes.len()];
                loop {
                    let mut order: Vec<usize> = (0..sizes.len()).collect();
                    order.sort_by_key(|&index| std::cmp::Reverse(sizes[index]));
                    match order.as_slice() {
                        [largest, next, ..]
                            if sizes[*largest] - sizes[*next] > LARGEST_DIFFERENCE =>
                        {
                            sizes[*largest] = 8;
                            boxed[*largest] = true;
                        }
                        _ => break,
                    }
                }
                self.boxed.insert(id, boxed);
                sizes.into_iter().max().unwrap_or(0) + 8
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => self.of_ty(ty, table),
        };
        self.named.insert(id, size);
        size
    }

    fn of_field(&mut self, field: &Field, table: &TypeTable) -> usize {
        let size = match field.boxed {
            true => 8,
            false => self.of_ty(&field.ty, table),
        };
        // `Option` of a number or `bool` needs a tag; of a pointer or a container, a niche does.
        let tag = match field.ty {
            Ty::Bool => 1,
            Ty::I32 => 4,
            Ty::I64 | Ty::U64 | Ty::F64 => 8,
            _ => 0,
        };
        if field.is_option() && !field.boxed {
            size + tag
        } else {
            size
        }
    }

    fn of_ty(&mut self, ty: &Ty, table: &TypeTable) -> usize {
        match ty {
            Ty::Bool => 1,
            Ty::I32 => 4,
            Ty::I64 | Ty::U64 | Ty::F64 => 8,
            // chrono's DateTime<FixedOffset> 16, jiff's Timestamp 16, dates 4, a UUID 16.
            Ty::DateTime | Ty::Uuid => 16,
            Ty::Date => 4,
            Ty::String | Ty::Bytes | Ty::Base64 | Ty::Vec(_) | Ty::Map(_) => 24,
            Ty::Json => 32,
            Ty::Option(inner) => self.of_ty(inner, table) + 8,
            Ty::Named(id) => self.of_def(*id, table),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::UnionVariant;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef::for_test(name, kind)
    }

    fn strings(count: usize) -> TypeKind {
        let fields = (0..count)
            .map(|index| Field::for_test(&format!("f{index}"), Ty::String))
            .collect();
        TypeKind::Struct(fields)
    }

    fn union(members: &[Ty]) -> TypeKind {
        TypeKind::Union {
            variants: members
                .iter()
                .enumerate()
                .map(|(index, ty)| UnionVariant {
                    name: format!("V{index}"),
                    ty: ty.clone(),
                    boxed: false,
                    tags: Vec::new(),
                    fallback: false,
                    keys: None,
                    closed: false,
                    unknown: false,
                    written_tag: None,
                    tag_optional: false,
                })
                .collect(),
            discriminator: None,
        }
    }

    fn boxed(table: &TypeTable, name: &str) -> Vec<bool> {
        let (_, def) = table.iter().find(|(_, def)| def.name == name).unwrap();
        let TypeKind::Union { variants, .. } = &def.kind else {
            panic!("not a union")
        };
        variants.iter().map(|variant| variant.boxed).collect()
    }

    fn id(position: usize) -> Ty {
        Ty::Named(TypeTable::test_id(position))
    }

    #[test]
    fn only_a_member_much_larger_than_the_next_is_boxed() {
        let (large, small) = (id(0), id(1));
        let mut defs = TypeTable::for_test(vec![
            def("Large", strings(10)), // 240 bytes
            def("Small", strings(2)),  // 48
            def("Big", union(&[Ty::Json, large.clone(), small.clone()])),
            def("Even", union(&[large.clone(), large.clone()])),
            def("Close", union(&[small.clone(), Ty::String])),
        ]);
        box_large_variants(&mut defs);
        assert_eq!(boxed(&defs, "Big"), [false, true, false]);
        assert_eq!(boxed(&defs, "Even"), [false, false]);
        assert_eq!(boxed(&defs, "Close"), [false, false]);
    }

    #[test]
    fn boxing_repeats_while_the_next_member_is_still_much_larger() {
        let mut defs = TypeTable::for_test(vec![
            // Holds `Mixed`, defined after it: large until `Mixed` boxes its members, then small.
            def("Outer", union(&[id(3), Ty::String])),
            def("Huge", strings(30)),
            def("Large", strings(10)),
            def("Mixed", union(&[id(1), id(2), Ty::Bool])),
        ]);
        box_large_variants(&mut defs);
        assert_eq!(boxed(&defs, "Mixed"), [true, true, false]);
        assert_eq!(boxed(&defs, "Outer"), [false, false]);
    }
}
