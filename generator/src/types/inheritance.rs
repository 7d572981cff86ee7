//! Inheritance through `allOf`: a base schema with a `discriminator` (and no `oneOf`/`anyOf` of
//! its own) that other schemas extend by naming it in their `allOf` (OpenAPI 3.0 §4.7.25.1,
//! "Models with Polymorphism Support").
//!
//! A value of the base type may be any of its subtypes, so the base becomes a union: one member
//! per subtype (each a struct with the base's fields and its own), chosen by the discriminator,
//! and `Base`, a struct of the base's own fields, for a tag that names no subtype (the base
//! itself, or a subtype this spec does not know yet). A subtype's own fields therefore survive
//! decoding, and a subtype can be sent wherever the base is expected.

use super::convert::TypeSpace;
use super::members::{member_name, tags_of};
use super::{SerdeUse, Ty, TypeDef, TypeKind, UnionVariant};
use crate::naming::Scope;
use crate::pointer::join;
use crate::read::Resolver;
use openapiv3::{ReferenceOr, Schema, SchemaKind};
use std::collections::{BTreeMap, BTreeSet};

/// For each base component, the components that extend it, directly or through another
/// subtype, in spec order.
pub(super) fn subtypes<'s>(
    schemas: impl Iterator<Item = (&'s String, &'s ReferenceOr<Schema>)>,
) -> BTreeMap<String, Vec<String>> {
    let schemas: Vec<(&String, &ReferenceOr<Schema>)> = schemas.collect();
    let by_name: BTreeMap<&str, &ReferenceOr<Schema>> = schemas
        .iter()
        .map(|(name, schema)| (name.as_str(), *schema))
        .collect();
    let parents: BTreeMap<&str, Vec<String>> = schemas
        .iter()
        .map(|(name, schema)| (name.as_str(), all_of_refs(schema)))
        .collect();
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, _) in &schemas {
        let mut ancestors = BTreeSet::new();
        let mut pending: Vec<&str> = parents[name.as_str()].iter().map(String::as_str).collect();
        while let Some(parent) = pending.pop() {
            if parent == name.as_str() || !ancestors.insert(parent) {
                continue;
            }
            pending.extend(
                parents
                    .get(parent)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        for ancestor in ancestors {
            if by_name.get(ancestor).is_some_and(|schema| is_base(schema)) {
                found
                    .entry(ancestor.to_owned())
                    .or_default()
                    .push((*name).clone());
            }
        }
    }
    found
}

/// The components a schema's `allOf` names.
fn all_of_refs(schema: &ReferenceOr<Schema>) -> Vec<String> {
    let ReferenceOr::Item(schema) = schema else {
        return Vec::new();
    };
    let list = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => return Vec::new(),
    };
    list.iter()
        .filter_map(|member| match member {
            ReferenceOr::Reference { reference } => Resolver::ref_name::<Schema>(reference),
            ReferenceOr::Item(_) => None,
        })
        .collect()
}

/// A schema with a discriminator whose members are not listed by its own `oneOf`/`anyOf`.
fn is_base(schema: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = schema else {
        return false;
    };
    let lists_members = match &schema.schema_kind {
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => !any.one_of.is_empty() || !any.any_of.is_empty(),
        _ => false,
    };
    schema.schema_data.discriminator.is_some() && !lists_members
}

impl<'a> TypeSpace<'a> {
    /// The union that the base component `rust` (its schema `schema` at `pointer`) stands for,
    /// over `subtypes` and its own fields.
    pub(super) fn inheritance(
        &mut self,
        rust: String,
        schema: &'a Schema,
        pointer: &str,
        subtypes: &[String],
    ) -> TypeDef {
        let own = self.define(rust.clone(), schema, pointer);
        let Some(discriminator) = schema.schema_data.discriminator.as_ref() else {
            return own;
        };
        let base_name = self.unique_name(&format!("{rust}Base"));
        let base_id = self.reserve_named(&base_name, pointer);
        let doc = vec![format!(
            " The fields every [`{rust}`] has: a `{rust}` whose `{}` names none of its subtypes.",
            discriminator.property_name
        )];
        let base = TypeDef {
            name: base_name,
            doc,
            ..own.clone()
        };
        self.define_reserved(base_id, base);

        let mut scope = Scope::default();
        let mut variants: Vec<UnionVariant> = Vec::new();
        let members = subtypes
            .iter()
            .filter_map(|name| Some((name, self.component_id(name)?)))
            .map(|(name, id)| (join("#/components/schemas", name), Ty::Named(id), false))
            .chain([(pointer.to_owned(), Ty::Named(base_id), true)])
            .collect::<Vec<_>>();
        for (member_pointer, ty, fallback) in members {
            let reference = ReferenceOr::Reference {
                reference: member_pointer.clone(),
            };
            let mut tags = tags_of(discriminator, &reference);
            let member = self
                .resolver
                .lookup::<Schema>(&member_pointer, pointer)
                .ok();
            let own_tags = match member {
                Some((ReferenceOr::Item(member), member_pointer)) => {
                    self.own_tags(member, &member_pointer, &discriminator.property_name)
                }
                _ => Vec::new(),
            };
            // First: the values the subtype allows, the first of which it is sent with.
            tags.retain(|tag| !own_tags.contains(tag));
            tags.splice(0..0, own_tags);
            tags.retain(|tag| !variants.iter().any(|v| v.tags.contains(tag)));
            if let (Some(id), Some(tag), false) = (ty.named(), tags.first(), fallback) {
                let property = discriminator.property_name.clone();
                self.tag_defaults.push((id, property, tag.clone()));
            }
            variants.push(UnionVariant {
                name: member_name(&rust, &ty, &self.table, &mut scope),
                ty,
                boxed: false,
                tags,
                fallback,
                keys: None,
                closed: false,
                unknown: false,
                written_tag: None,
                tag_optional: false,
            });
        }
        TypeDef {
            kind: TypeKind::Union {
                variants,
                discriminator: Some(discriminator.property_name.clone()),
            },
            serde: SerdeUse::BOTH,
            ..own
        }
    }
}

impl TypeSpace<'_> {
    /// A subtype's discriminator property, when it is text without a default, defaults to the
    /// subtype's tag, so `Dog { ..Default::default() }` is sent as a dog.
    pub(super) fn default_tags(&mut self) {
        for (id, property, tag) in std::mem::take(&mut self.tag_defaults) {
            let TypeKind::Struct(fields) = &mut self.table.get_mut(id).kind else {
                continue;
            };
            let field = fields.iter_mut().find(|field| field.wire == property);
            if let Some(field) = field.filter(|field| field.ty == Ty::String) {
                // The tag says which subtype a value is, so a subtype always has it and sends it
                // (OpenAPI 3.0.3 §4.7.25: the discriminator property is expected in the payload),
                // even where the spec leaves it optional.
                if !field.required {
                    field.required = true;
                    field.tri_state = false;
                    field.spec_default = None;
                }
                if field.spec_default.is_none() && !field.zero_default {
                    field.spec_default = Some(serde_json::Value::String(tag));
                }
            }
        }
    }
}
