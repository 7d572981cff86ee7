//! A `oneOf`/`anyOf` beside object keywords of the same schema: `properties` next to the union
//! (Komga's `{properties: {operator}, oneOf: [Is, IsNot]}`), or other `allOf` members next to a
//! union member (`allOf: [PaymentMethod, {properties: {reference}}]`).
//!
//! A value satisfies both (JSON Schema 2020-12 §10.2.1: the keywords of one schema all apply),
//! so it is one of the union's members *and* has the shared properties. The type is therefore
//! the union with the shared properties spread into each member: one struct per member holding
//! the shared fields and the member's own. Keeping only the properties would drop every key the
//! members add; keeping only the union would drop the shared ones.

use super::convert::{struct_or_map, TypeSpace};
use super::{Ty, TypeDef, TypeKind};
use crate::naming::{type_name, Scope};
use crate::pointer::join;
use crate::read::Resolver;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use std::collections::BTreeSet;

/// The union keywords of `schema`: its `oneOf`/`anyOf` list and which keyword it is.
pub(super) fn union_list(schema: &Schema) -> Option<(&[ReferenceOr<Schema>], &'static str)> {
    let (one_of, any_of) = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => (one_of.as_slice(), &[][..]),
        SchemaKind::AnyOf { any_of } => (&[][..], any_of.as_slice()),
        SchemaKind::Any(any) => (any.one_of.as_slice(), any.any_of.as_slice()),
        _ => return None,
    };
    match (one_of.is_empty(), any_of.is_empty()) {
        (false, _) => Some((one_of, "oneOf")),
        (true, false) => Some((any_of, "anyOf")),
        (true, true) => None,
    }
}

/// A member of the union, as the parts its object is made of.
struct Member<'a> {
    item: &'a ReferenceOr<Schema>,
    /// Where the member is listed.
    pointer: String,
    /// Its description, once resolved.
    doc: Option<&'a str>,
    parts: Vec<(&'a Schema, String)>,
    /// All its parts are objects: it can take the shared properties.
    object: bool,
    /// Every schema its `allOf`s reach: one naming the schema being defined (or the union)
    /// makes it a subtype, which has the shared properties already.
    reached: BTreeSet<String>,
}

impl<'a> TypeSpace<'a> {
    /// The union `union` (the schema at `union_pointer`) with `shared`, the object parts beside
    /// it, spread into each member, for the schema `name` at `pointer`. `None` when that cannot
    /// be typed so: a member that is not an object (a string cannot also have properties), or,
    /// for a union reached through `allOf` (`own` false), a member that extends the schema
    /// being defined (the union lists its own subtypes; spreading would never end).
    pub(super) fn spread_union(
        &mut self,
        name: &str,
        pointer: &str,
        shared: &[(&'a Schema, String)],
        (union, union_pointer): (&'a Schema, &str),
        own: bool,
    ) -> Option<TypeKind> {
        let (list, key) = union_list(union)?;
        let list_pointer = join(union_pointer, key);
        let members: Vec<Member<'a>> = list
            .iter()
            .enumerate()
            .map(|(index, item)| self.member(item, &join(&list_pointer, &index.to_string())))
            .collect::<Option<_>>()?;
        let members: Vec<(Member<'a>, bool)> = members
            .into_iter()
            .map(|member| {
                let extends = [pointer, union_pointer]
                    .iter()
                    .any(|owner| member.reached.contains(*owner));
                (member, extends)
            })
            .collect();
        if !own && members.iter().any(|(_, extends)| *extends) {
            return None;
        }
        if members
            .iter()
            .any(|(member, extends)| !extends && !member.object)
        {
            return None;
        }
        let mut scope = Scope::default();
        let types: Vec<Ty> = members
            .into_iter()
            .enumerate()
            .map(|(index, (member, extends))| match extends {
                true => self.ty_of(
                    member.item,
                    &format!("{name}Variant{index}"),
                    &member.pointer,
                ),
                false => self.merged_member(name, shared, member, index, &mut scope),
            })
            .collect();
        let discriminator = union.schema_data.discriminator.as_ref();
        let kind = self.union_of_types(name, list, discriminator, &list_pointer, types.clone());
        // A merged member is sent with its tag unless told otherwise, as a subtype is.
        if let (TypeKind::Union { variants, .. }, Some(d)) = (&kind, discriminator) {
            for (variant, ty) in variants.iter().zip(&types) {
                if let (Some(id), Some(tag)) = (ty.named(), variant.tags.first()) {
                    let entry = (id, d.property_name.clone(), tag.clone());
                    self.tag_defaults.push(entry);
                }
            }
        }
        Some(kind)
    }

    /// The parts of the member `item` at `pointer`, `None` when it does not resolve.
    fn member(&mut self, item: &'a ReferenceOr<Schema>, pointer: &str) -> Option<Member<'a>> {
        let (schema, at) = self.resolver.resolve(item, pointer).ok()?;
        let mut parts = Vec::new();
        let all_of = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => Some(all_of),
            SchemaKind::Any(any) if !any.all_of.is_empty() => Some(&any.all_of),
            _ => None,
        };
        let mut visited = BTreeSet::from([at.clone()]);
        match all_of {
            Some(list) => {
                if matches!(schema.schema_kind, SchemaKind::Any(_)) {
                    parts.push((schema, at.clone()));
                }
                self.flatten_all_of(list, &join(&at, "allOf"), &mut parts, &mut visited);
            }
            None => parts.push((schema, at.clone())),
        }
        Some(Member {
            item,
            pointer: pointer.to_owned(),
            doc: schema.schema_data.description.as_deref(),
            object: parts.iter().all(|(part, _)| is_object_part(part)),
            parts,
            reached: visited,
        })
    }

    /// A struct of `shared` and `member`'s parts, named after the union and the member.
    fn merged_member(
        &mut self,
        union: &str,
        shared: &[(&'a Schema, String)],
        member: Member<'a>,
        index: usize,
        scope: &mut Scope,
    ) -> Ty {
        let component = match member.item {
            ReferenceOr::Reference { reference } => Resolver::ref_name::<Schema>(reference),
            ReferenceOr::Item(_) => None,
        };
        let suffix = (component.as_deref().map(type_name))
            .map(|name| name.strip_prefix(union).map(str::to_owned).unwrap_or(name))
            .filter(|name| !name.is_empty());
        let suffix = scope.unique(suffix.unwrap_or_else(|| format!("Variant{index}")));
        let name = self.unique_name(&format!("{union}{suffix}"));
        let id = self.reserve_named(&name, &member.pointer);
        let mut parts = shared.to_vec();
        parts.extend(member.parts);
        let fields = self.fields(&name, &parts);
        let mut doc = crate::docs::doc_lines(member.doc.unwrap_or(""));
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(match component.and_then(|c| self.component_id(&c)) {
            Some(id) => format!(
                " The [`{}`] member of [`{union}`], with the properties every member shares.",
                self.table.name(id)
            ),
            None => format!(
                " Member {index} of [`{union}`] (`{}`), with the properties every member shares.",
                self.origin.file_pointer(&member.pointer)
            ),
        });
        let def = TypeDef {
            name,
            pointer: member.pointer,
            doc,
            deprecated: false,
            kind: struct_or_map(fields),
            serde: super::SerdeUse::BOTH,
            implements_default: false,
            clone_and_eq: true,
        };
        self.define_reserved(id, def);
        Ty::Named(id)
    }
}

/// A part an object can be made of: an object schema, or one whose `type` is left open (not a
/// union: its members cannot become fields).
fn is_object_part(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => true,
        SchemaKind::Any(any) => {
            any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.typ.as_deref().is_none_or(|typ| typ == "object")
        }
        _ => false,
    }
}
