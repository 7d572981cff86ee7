//! The decisions about types that need every type converted: recursive aliases become newtypes,
//! fields and members through which a type contains itself are boxed, much larger union members
//! are boxed ([`super::layout`]), spec defaults become typed values of their fields' types (or are
//! dropped with a warning), which types implement `Default`, and the docs are completed.

use super::{DefaultValue, EnumRepr, Ty, TypeId, TypeKind, TypeTable};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::pointer::join;
use crate::read::Rewritten;
use std::collections::{BTreeMap, BTreeSet};

/// Makes every decision of the module docs, in that order.
pub fn finish(table: &mut TypeTable, diagnostics: &mut Diagnostics, origin: &Rewritten) {
    break_alias_cycles(table, diagnostics);
    box_cycles(table);
    super::layout::box_large_variants(table);
    type_defaults(table, diagnostics);
    members_need_their_required_keys(table);
    mark_default_impls(table);
    member_keys(table);
    written_tags(table);
    complete_docs(table, origin);
}

/// Sets [`super::Field::must_be_present`] on the required, nullable fields of the struct members
/// of untagged unions: decoding tries the members in order, and one that read a missing key as
/// `null` would take objects that belong to a later member (an `anyOf` of `required` lists,
/// "at least one of these": JSON Schema 2020-12 §10.2.1.2).
fn members_need_their_required_keys(table: &mut TypeTable) {
    let mut members = BTreeSet::new();
    for id in table.ids() {
        if let TypeKind::Union {
            variants,
            discriminator: None,
        } = &table.get(id).kind
        {
            for variant in variants {
                if let Ty::Named(member) = table.resolve(&variant.ty) {
                    members.insert(*member);
                }
            }
        }
    }
    for id in members {
        if let TypeKind::Struct(fields) = &mut table.get_mut(id).kind {
            for field in fields.iter_mut().filter(|f| f.required && f.nullable) {
                field.must_be_present = true;
            }
        }
    }
}

/// Sets [`super::UnionVariant::keys`]: for each member, the object keys it knows, by which
/// decoding tells members apart: a struct's (without `additional_properties`), or for a member
/// that is itself a union, every key its members know (so an inner union with a lenient member
/// no longer swallows objects a later member knows: Qdrant's `Expression`).
fn member_keys(table: &mut TypeTable) {
    for id in table.ids() {
        let TypeKind::Union { variants, .. } = &table.get(id).kind else {
            continue;
        };
        let keys: Vec<Option<Vec<String>>> = variants
            .iter()
            .map(|variant| known_keys(table, &variant.ty, &mut vec![id]))
            .collect();
        if let TypeKind::Union { variants, .. } = &mut table.get_mut(id).kind {
            for (variant, keys) in variants.iter_mut().zip(keys) {
                variant.keys = keys;
            }
        }
    }
}

/// The object keys a value of `ty` may have, `None` when any key may come (a map, any JSON, a
/// struct with `additional_properties`, a union that contains itself through `visiting`).
fn known_keys(table: &TypeTable, ty: &Ty, visiting: &mut Vec<TypeId>) -> Option<Vec<String>> {
    let id = match table.resolve(ty) {
        Ty::Named(id) => *id,
        Ty::Option(inner) => return known_keys(table, inner, visiting),
        _ => return None,
    };
    match &table.get(id).kind {
        TypeKind::Struct(fields) if !fields.iter().any(|field| field.additional) => {
            Some(fields.iter().map(|field| field.wire.clone()).collect())
        }
        TypeKind::Union { variants, .. } if !visiting.contains(&id) => {
            visiting.push(id);
            let mut keys: Vec<String> = Vec::new();
            let mut all_known = true;
            // A member that is never an object (a string, a list, an enum) adds no key.
            for variant in variants.iter().filter(|v| may_be_object(table, &v.ty)) {
                match known_keys(table, &variant.ty, visiting) {
                    Some(more) => {
                        for key in more {
                            if !keys.contains(&key) {
                                keys.push(key);
                            }
                        }
                    }
                    None => all_known = false,
                }
            }
            visiting.pop();
            all_known.then_some(keys)
        }
        _ => None,
    }
}

/// Sets [`super::UnionVariant::written_tag`]: a member of a tagged union whose struct has no
/// field for the discriminator property is sent with its first tag added; and
/// [`super::UnionVariant::tag_optional`]: one whose field for it is optional.
fn written_tags(table: &mut TypeTable) {
    for id in table.ids() {
        let TypeKind::Union {
            variants,
            discriminator: Some(property),
        } = &table.get(id).kind
        else {
            continue;
        };
        let written: Vec<(Option<String>, bool)> = variants
            .iter()
            .map(|variant| {
                let Ty::Named(member) = table.resolve(&variant.ty) else {
                    return (None, false);
                };
                let TypeKind::Struct(fields) = &table.get(*member).kind else {
                    return (None, false);
                };
                let tag_field = fields.iter().find(|field| field.wire == *property);
                let optional = tag_field.is_none_or(|field| !field.required);
                // A catch-all map keeps the tag it was decoded with, and sends it back.
                let has_tag = tag_field.is_some() || fields.iter().any(|field| field.additional);
                if has_tag || variant.fallback {
                    return (None, optional);
                }
                (variant.tags.first().cloned(), optional)
            })
            .collect();
        if let TypeKind::Union { variants, .. } = &mut table.get_mut(id).kind {
            for (variant, (tag, optional)) in variants.iter_mut().zip(written) {
                variant.written_tag = tag;
                variant.tag_optional = optional && !variant.fallback;
            }
        }
    }
}

/// False for a type whose values are never JSON objects.
fn may_be_object(table: &TypeTable, ty: &Ty) -> bool {
    match table.resolve(ty) {
        Ty::Named(id) => !matches!(table.get(*id).kind, TypeKind::Enum { .. }),
        Ty::Json | Ty::Map(_) => true,
        Ty::Option(inner) => may_be_object(table, inner),
        _ => false,
    }
}

/// Every type gets a doc (from where its schema stands when the spec has none), and deprecated
/// types and fields say so.
fn complete_docs(table: &mut TypeTable, origin: &Rewritten) {
    for id in table.ids() {
        let def = table.get_mut(id);
        if def.doc.is_empty() {
            let component = crate::pointer::JsonPointer::parse_ref(&def.pointer)
                .ok()
                .and_then(|pointer| pointer.component("schemas"));
            def.doc.push(match component {
                Some(name) => format!(" The `{name}` schema."),
                None => format!(" The schema at `{}`.", origin.file_pointer(&def.pointer)),
            });
        }
        if def.deprecated {
            def.doc
                .extend([String::new(), " **Deprecated** in the spec.".to_owned()]);
        }
        if let TypeKind::Struct(fields) = &mut def.kind {
            for field in fields.iter_mut().filter(|field| field.deprecated) {
                if !field.doc.is_empty() {
                    field.doc.push(String::new());
                }
                field.doc.push(" **Deprecated** in the spec.".to_owned());
            }
        }
    }
}

/// Rust type aliases cannot be recursive: an alias that contains itself through a `Vec` or map
/// becomes a newtype struct; one that is only a chain of `$ref`s back to itself defines no value:
/// its first alias is typed as any JSON, with a warning.
fn break_alias_cycles(table: &mut TypeTable, diagnostics: &mut Diagnostics) {
    let mut aliases: BTreeMap<TypeId, Ty> = table
        .iter()
        .filter_map(|(id, def)| match &def.kind {
            TypeKind::Alias(ty) => Some((id, ty.clone())),
            _ => None,
        })
        .collect();
    // In definition order, which the diagnostics follow.
    let in_order: Vec<TypeId> = table
        .iter()
        .map(|(id, _)| id)
        .filter(|id| aliases.contains_key(id))
        .collect();
    for id in in_order {
        let ty = aliases[&id].clone();
        match self_reference(&ty, id, &aliases, false, &mut BTreeSet::new()) {
            None => {}
            Some(true) => table.get_mut(id).kind = TypeKind::Newtype(ty),
            Some(false) => {
                let through = ty.named().map_or("?", |target| table.name(target));
                let message = format!(
                    "this schema is a `$ref` to itself (through `{through}`), which defines no value"
                );
                diagnostics.push(
                    Diagnostic::error(Code::RefCycle, &table.get(id).pointer, message)
                        .tolerated(crate::diagnostics::ANY_JSON)
                        .with_hint("give one schema of the loop a real definition"),
                );
                table.get_mut(id).kind = TypeKind::Alias(Ty::Json);
                aliases.insert(id, Ty::Json);
            }
        }
    }
}

/// Whether `ty` leads back to `target` through aliases: `Some(true)` when a `Vec` or map stands on
/// the way (a newtype can break the loop), `Some(false)` when only aliases do.
fn self_reference(
    ty: &Ty,
    target: TypeId,
    aliases: &BTreeMap<TypeId, Ty>,
    through_container: bool,
    seen: &mut BTreeSet<TypeId>,
) -> Option<bool> {
    match ty {
        Ty::Named(id) if *id == target => Some(through_container),
        Ty::Named(id) => {
            let next = aliases.get(id)?;
            if !seen.insert(*id) {
                return None;
            }
            self_reference(next, target, aliases, through_container, seen)
        }
        Ty::Vec(item) | Ty::Map(item) => self_reference(item, target, aliases, true, seen),
        Ty::Option(inner) => self_reference(inner, target, aliases, through_container, seen),
        _ => None,
    }
}

/// Boxes the fields and variants through which a type contains itself, so that it has a size.
/// A `Vec` or map already adds the indirection; only direct (or `Option`al) containment counts.
fn box_cycles(table: &mut TypeTable) {
    let edges: BTreeMap<TypeId, Vec<TypeId>> = table
        .iter()
        .map(|(id, def)| (id, def.kind.direct_refs()))
        .collect();
    let reaches = |from: TypeId, to: TypeId| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current) {
                stack.extend(edges.get(&current).into_iter().flatten().copied());
            }
        }
        false
    };
    for owner in table.ids() {
        match &mut table.get_mut(owner).kind {
            TypeKind::Struct(fields) => {
                for field in fields.iter_mut() {
                    if let Some(target) = field.ty.named() {
                        field.boxed = reaches(target, owner);
                    }
                }
            }
            TypeKind::Union { variants, .. } => {
                for variant in variants.iter_mut() {
                    if let Some(target) = variant.ty.named() {
                        variant.boxed = reaches(target, owner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Turns each field's spec default into a [`DefaultValue`] of the field's type; a default that
/// cannot be one (an enum default that is not one of its values, an integer out of range, a
/// number too large for `f32`) is dropped with a warning.
fn type_defaults(table: &mut TypeTable, diagnostics: &mut Diagnostics) {
    // Worked out first, then set: an enum default reads the enum's type.
    let mut decided = Vec::new();
    for (id, def) in table.iter() {
        let TypeKind::Struct(fields) = &def.kind else {
            continue;
        };
        for (index, field) in fields.iter().enumerate() {
            let Some(value) = &field.spec_default else {
                continue;
            };
            let typed = typed_default(&field.ty, value, table);
            if typed.is_none() {
                diagnostics.push(Diagnostic::warning(
                    Code::BadDefault,
                    join(&join(&def.pointer, "properties"), &field.wire),
                    format!("the default {value} of `{}` does not fit its type: it is not filled in (an absent value stays absent)", field.wire),
                ));
            }
            decided.push((id, index, typed));
        }
    }
    for (id, index, typed) in decided {
        if let TypeKind::Struct(fields) = &mut table.get_mut(id).kind {
            let field = &mut fields[index];
            // An ignored default leaves absent and `null` apart again (Phoenix's `kind`).
            field.tri_state |= typed.is_none() && field.nullable && !field.required;
            let value = field.spec_default.take();
            if field.required {
                field.default = typed;
            } else if let Some(value) = value.filter(|_| typed.is_some()) {
                if !field.doc.is_empty() {
                    field.doc.push(String::new());
                }
                field.doc.push(super::defaults::servers_default_doc(&value));
            }
        }
    }
}

/// `value` as a value of `ty`, when it is one.
pub fn typed_default(
    ty: &Ty,
    value: &serde_json::Value,
    table: &TypeTable,
) -> Option<DefaultValue> {
    use serde_json::Value;
    // A property that refers to a scalar component has that component's alias as its type.
    Some(match (table.resolve(ty), value) {
        (Ty::String, Value::String(text)) => DefaultValue::String(text.clone()),
        (Ty::Bool, Value::Bool(flag)) => DefaultValue::Bool(*flag),
        (Ty::I32, Value::Number(n)) => DefaultValue::I32(i32::try_from(n.as_i64()?).ok()?),
        (Ty::I64, Value::Number(n)) => DefaultValue::I64(n.as_i64()?),
        (Ty::U64, Value::Number(n)) => DefaultValue::U64(n.as_u64()?),
        (Ty::F64, Value::Number(n)) => DefaultValue::F64(n.as_f64().filter(|v| v.is_finite())?),
        (Ty::Named(id), Value::String(_) | Value::Number(_)) => {
            let TypeKind::Enum { variants, repr, .. } = &table.get(*id).kind else {
                return None;
            };
            let text = match (repr, value) {
                (EnumRepr::String, Value::String(text)) => text.clone(),
                (EnumRepr::Integer, Value::Number(n)) => n.as_i64()?.to_string(),
                _ => return None,
            };
            let variant = variants.iter().find(|variant| variant.wire == text)?;
            DefaultValue::Variant {
                ty: *id,
                variant: variant.name.clone(),
            }
        }
        _ => return None,
    })
}

/// Sets [`super::TypeDef::implements_default`]: structs whose every field has a default (its
/// spec's, `None`, or its type's), enums with a default variant, and aliases of such types.
fn mark_default_impls(table: &mut TypeTable) {
    let mut set: BTreeSet<TypeId> = BTreeSet::new();
    let has_default = |ty: &Ty, set: &BTreeSet<TypeId>, table: &TypeTable| match ty {
        Ty::Named(id) => set.contains(id),
        ty => table.scalar_has_default(ty),
    };
    loop {
        let before = set.len();
        for (id, def) in table.iter() {
            if set.contains(&id) {
                continue;
            }
            let ok = match &def.kind {
                TypeKind::Struct(fields) => fields.iter().all(|field| {
                    field.is_option()
                        || field.default.is_some()
                        || has_default(&field.ty, &set, table)
                }),
                TypeKind::Enum { default, .. } => default.is_some(),
                TypeKind::Union { .. } => false,
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => has_default(ty, &set, table),
            };
            if ok {
                set.insert(id);
            }
        }
        if set.len() == before {
            break;
        }
    }
    for id in set {
        table.get_mut(id).implements_default = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module::analyse_with_warnings;
    use crate::types::TypeDef;

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Color: {type: string, enum: [red, dark-blue], default: red}
    Settings:
      type: object
      required: [name, retries, big, color, hue, ratio]
      properties:
        name: {type: string, default: anon}
        retries: {type: integer, format: int32, default: 3}
        big: {type: integer, format: int32, default: 5000000000}
        color: {allOf: [{$ref: '#/components/schemas/Color'}], default: dark-blue}
        hue: {allOf: [{$ref: '#/components/schemas/Color'}], default: green}
        ratio: {type: number, format: float, default: 1.0e300}
    Node:
      type: object
      required: [next]
      properties:
        next: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    Pair:
      type: object
      required: [left]
      properties:
        left: {$ref: '#/components/schemas/Node'}
";

    fn def<'t>(table: &'t TypeTable, name: &str) -> &'t TypeDef {
        table
            .iter()
            .find(|(_, def)| def.name == name)
            .expect(name)
            .1
    }

    #[test]
    fn defaults_become_values_of_their_fields_types_or_are_dropped_with_a_warning() {
        let (module, warnings) = analyse_with_warnings(SPEC);
        let table = &module.types;
        let TypeKind::Struct(fields) = &def(table, "Settings").kind else {
            panic!("a struct")
        };
        let defaults: Vec<(&str, Option<&DefaultValue>)> = fields
            .iter()
            .map(|field| (field.wire.as_str(), field.default.as_ref()))
            .collect();
        let color = table
            .iter()
            .find(|(_, d)| d.name == "Color")
            .expect("Color")
            .0;
        assert_eq!(
            defaults,
            [
                ("name", Some(&DefaultValue::String("anon".into()))),
                ("retries", Some(&DefaultValue::I32(3))),
                ("big", None),
                (
                    "color",
                    Some(&DefaultValue::Variant {
                        ty: color,
                        variant: "DarkBlue".into()
                    })
                ),
                ("hue", None),
                // `format: float` is held as an `f64`, which holds it.
                ("ratio", Some(&DefaultValue::F64(1.0e300))),
            ]
        );
        let dropped: Vec<&str> = warnings
            .warnings()
            .map(|warning| warning.pointer.as_str())
            .collect();
        assert_eq!(
            dropped,
            [
                "#/components/schemas/Settings/properties/big",
                "#/components/schemas/Settings/properties/hue",
            ]
        );
        assert!(fields.iter().all(|field| field.spec_default.is_none()));
    }

    #[test]
    fn cycles_are_boxed_or_newtyped_and_defaults_implemented_where_every_field_has_one() {
        let (module, _) = analyse_with_warnings(SPEC);
        let table = &module.types;
        let TypeKind::Struct(fields) = &def(table, "Node").kind else {
            panic!("a struct")
        };
        let boxed: Vec<(&str, bool)> = fields.iter().map(|f| (f.wire.as_str(), f.boxed)).collect();
        // `next` holds a Node directly; `children` through a Vec, which has a size already.
        assert_eq!(boxed, [("next", true), ("children", false)]);
        assert!(matches!(def(table, "Tree").kind, TypeKind::Newtype(_)));
        let implements: Vec<(&str, bool)> = table
            .iter()
            .map(|(_, d)| (d.name.as_str(), d.implements_default))
            .collect();
        assert_eq!(
            implements,
            [
                ("Color", true),    // has a default variant
                ("Settings", true), // every field has a default or is optional
                ("Node", false),    // `next` is required and Node has none
                ("Tree", true),     // a Vec
                ("Pair", false),    // `left` is a Node
            ]
        );
    }
}
