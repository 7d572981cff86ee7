//! The members of composite schemas: the parts an `allOf` merges (whose properties become
//! fields: [`super::fields`]), and the variants of a `oneOf`/`anyOf`.

use super::convert::{TypeSpace, MAX_DEPTH};
use super::{Ty, TypeKind, TypeTable, UnionVariant};
use crate::diagnostics::{Code, Diagnostic};
use crate::naming::Scope;
use crate::pointer::join;
use crate::read::{is_annotation_only, Resolver};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use std::collections::BTreeSet;

impl<'a> TypeSpace<'a> {
    pub(super) fn union(
        &mut self,
        name: &str,
        list: &'a [ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        pointer: &str,
    ) -> TypeKind {
        let types = (list.iter().enumerate())
            .map(|(index, item)| {
                let item_pointer = join(pointer, &index.to_string());
                self.ty_of(item, &format!("{name}Variant{index}"), &item_pointer)
            })
            .collect();
        self.union_of_types(name, list, discriminator, pointer, types)
    }

    /// The union of `list` (at `pointer`) whose members have the types `types`.
    pub(super) fn union_of_types(
        &mut self,
        name: &str,
        list: &'a [ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        pointer: &str,
        types: Vec<Ty>,
    ) -> TypeKind {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        // The values a member's own tag property allows select it too (`kind: {enum: [dog]}` in
        // `Dog`), besides its schema name or mapped values: OpenAI's `web_search_2025_08_26`.
        let own: Vec<Vec<String>> = list
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let item_pointer = join(pointer, &index.to_string());
                let resolved = self.resolver.resolve(item, &item_pointer).ok();
                let Some((d, (member, at))) = discriminator.zip(resolved) else {
                    return Vec::new();
                };
                // A value the mapping names is the mapping's to give.
                let mut values = self.own_tags(member, &at, &d.property_name);
                values.retain(|value| !d.mapping.contains_key(value));
                values
            })
            .collect();
        for ((index, item), ty) in list.iter().enumerate().zip(types) {
            let ty = bytes_as_text(ty, &self.table);
            let name = member_name(name, &ty, &self.table, &mut scope);
            let mut tags = discriminator.map(|d| tags_of(d, item)).unwrap_or_default();
            // A mapped tag (or schema name) another member already answers to stays that member's.
            tags.retain(|tag| !variants.iter().any(|v: &UnionVariant| v.tags.contains(tag)));
            // A value the member's own tag property allows selects it too, even one other members
            // allow (OpenAI's system, user and assistant items are all `message`): such a tag
            // selects each of them, to be told apart by their other keys.
            for value in &own[index] {
                if !tags.contains(value) {
                    tags.push(value.clone());
                }
            }
            variants.push(UnionVariant {
                name,
                ty,
                boxed: false,
                tags,
                fallback: false,
                keys: None,
                closed: self.forbids_other_keys(item, pointer, index),
                unknown: false,
                written_tag: None,
                tag_optional: false,
            });
        }
        if variants.is_empty() {
            return TypeKind::Alias(Ty::Json);
        }
        // A discriminator only helps when every member can be told apart by it.
        let discriminator = discriminator
            .filter(|_| variants.iter().all(|variant| !variant.tags.is_empty()))
            .map(|d| d.property_name.clone());
        TypeKind::Union {
            variants,
            discriminator,
        }
    }

    /// Whether the member `item` (the `index`th of the union at `pointer`) forbids keys it does not
    /// declare (`additionalProperties: false`, JSON Schema 2020-12 §10.3.2.3).
    fn forbids_other_keys(
        &self,
        item: &'a ReferenceOr<Schema>,
        pointer: &str,
        index: usize,
    ) -> bool {
        let Ok((member, _)) = self
            .resolver
            .resolve(item, &join(pointer, &index.to_string()))
        else {
            return false;
        };
        let additional = match &member.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
            SchemaKind::Any(any) => any.additional_properties.as_ref(),
            _ => None,
        };
        matches!(
            additional,
            Some(openapiv3::AdditionalProperties::Any(false))
        )
    }

    /// The values a member's discriminator property allows (`enum: [dog]`, 3.1's `const`, or
    /// several: OpenAI's `enum: [web_search, web_search_2025_08_26]`), none when it allows any;
    /// for a member made with `allOf`, as the last of its parts that declares the property says.
    pub(super) fn own_tags(
        &mut self,
        member: &'a Schema,
        pointer: &str,
        property: &str,
    ) -> Vec<String> {
        let mut parts = vec![(member, pointer.to_owned())];
        let all_of = match &member.schema_kind {
            SchemaKind::AllOf { all_of } => Some(all_of),
            SchemaKind::Any(any) if !any.all_of.is_empty() => Some(&any.all_of),
            _ => None,
        };
        if let Some(all_of) = all_of {
            let mut visited = BTreeSet::from([pointer.to_owned()]);
            self.flatten_all_of(all_of, &join(pointer, "allOf"), &mut parts, &mut visited);
        }
        let found = parts.iter().rev().find_map(|(part, part_pointer)| {
            let properties = match &part.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.properties,
                SchemaKind::Any(any) => &any.properties,
                _ => return None,
            };
            let property_pointer = join(&join(part_pointer, "properties"), property);
            self.resolver
                .schema_boxed(properties.get(property)?, &property_pointer)
                .ok()
        });
        match found.map(|(tag_schema, _)| &tag_schema.schema_kind) {
            Some(SchemaKind::Type(Type::String(string))) => {
                string.enumeration.iter().flatten().cloned().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The definition of an `allOf` at `pointer` (with `outer`, the schema holding it, when that
    /// has keywords of its own beside it): the one member it refines, when it has only one that is
    /// not an object (`allOf: [$ref: AOneOf]` plus a description stays that union); otherwise the
    /// object its members' properties make.
    pub(super) fn all_of(
        &mut self,
        name: &str,
        outer: Option<(&'a Schema, String)>,
        list: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> TypeKind {
        let list_pointer = join(pointer, "allOf");
        let outer_adds = outer
            .as_ref()
            .is_some_and(|(schema, _)| match &schema.schema_kind {
                SchemaKind::Any(any) => {
                    !any.properties.is_empty()
                        || any.additional_properties.is_some()
                        || !any.one_of.is_empty()
                        || !any.any_of.is_empty()
                }
                _ => true,
            });
        if let (false, Some((index, member))) =
            (outer_adds, self.sole_non_object(list, &list_pointer))
        {
            let member_pointer = join(&list_pointer, &index.to_string());
            return TypeKind::Alias(self.ty_of(member, &format!("{name}Value"), &member_pointer));
        }
        let mut parts: Vec<(&'a Schema, String)> = outer.into_iter().collect();
        let mut visited = BTreeSet::from([pointer.to_owned()]);
        self.flatten_all_of(list, &list_pointer, &mut parts, &mut visited);
        // A union among the members: the others' properties are spread into each of its members.
        let unions: Vec<usize> = (0..parts.len())
            .filter(|&index| is_memberless_union(parts[index].0))
            .collect();
        if let [only] = unions[..] {
            let (union, union_pointer) = parts.remove(only);
            let spread = (union, union_pointer.as_str());
            if let Some(kind) = self.spread_union(name, pointer, &parts, spread, false) {
                return kind;
            }
            parts.insert(only, (union, union_pointer));
        }
        let mut fields = self.fields(name, &parts);
        // A union that cannot be spread (a member that is not an object, or one that extends
        // this schema) cannot become fields either; what it adds is kept, untyped.
        let union = parts.iter().find(|(schema, _)| is_memberless_union(schema));
        if let Some((_, union_pointer)) = union {
            if !fields.iter().any(|field| field.additional) {
                let mut scope = Scope::default();
                fields.iter().for_each(|field| {
                    scope.unique_name(field.name.clone());
                });
                let mut catch_all = self.catch_all_field(&mut scope);
                catch_all.doc = vec![
                    " The keys of the `allOf`'s `oneOf`/`anyOf` member, and any others.".to_owned(),
                ];
                fields.push(catch_all);
            }
            self.diagnostics.push(Diagnostic::warning(
                Code::UntypedUnion,
                list_pointer.as_str(),
                format!("the `oneOf`/`anyOf` at {union_pointer} is merged with other `allOf` members, which is not typed: the keys it adds are kept in `additional_properties`"),
            ));
        }
        super::convert::struct_or_map(fields)
    }

    /// The only member of `list` that is not a mere annotation, with its index, when it is not
    /// an object (a union, an enum, an array, a scalar); or, when every such member is a scalar
    /// of one type (DigitalOcean's `allOf: [$ref: <a string>, {type: string, nullable: true}]`),
    /// the one that says most: an enum, else the first.
    fn sole_non_object(
        &self,
        list: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> Option<(usize, &'a ReferenceOr<Schema>)> {
        let members: Vec<(usize, &'a ReferenceOr<Schema>)> = (list.iter().enumerate())
            .filter(|(_, member)| {
                !matches!(member, ReferenceOr::Item(schema) if is_annotation_only(schema))
            })
            .collect();
        let resolved: Vec<&'a Schema> = (members.iter())
            .map(|(index, member)| {
                let at = join(pointer, &index.to_string());
                self.resolver
                    .resolve(member, &at)
                    .ok()
                    .map(|(schema, _)| schema)
            })
            .collect::<Option<_>>()?;
        match resolved.as_slice() {
            [] => None,
            [only] => (!is_object_schema(only)).then_some(members[0]),
            several => {
                let first = scalar_type(several[0])?;
                if !several
                    .iter()
                    .all(|schema| scalar_type(schema) == Some(first))
                {
                    return None;
                }
                let pick = several
                    .iter()
                    .position(|schema| has_enum(schema))
                    .unwrap_or(0);
                Some(members[pick])
            }
        }
    }

    /// Collects the object schemas of an `allOf`, following refs and nested `allOf`s.
    pub(super) fn flatten_all_of(
        &mut self,
        list: &'a [ReferenceOr<Schema>],
        pointer: &str,
        parts: &mut Vec<(&'a Schema, String)>,
        visited: &mut BTreeSet<String>,
    ) {
        if visited.len() > MAX_DEPTH * 16 {
            let message = format!(
                "this `allOf` merges more than {} schemas, nested `allOf`s included",
                MAX_DEPTH * 16
            );
            let warning = Diagnostic::error(Code::NestingTooDeep, pointer, message);
            (self.diagnostics).push(warning.tolerated("the others are left out of the merge"));
            return;
        }
        for (index, item) in list.iter().enumerate() {
            let item_pointer = join(pointer, &index.to_string());
            let (schema, schema_pointer) = match self.resolver.resolve(item, &item_pointer) {
                Ok(found) => found,
                Err(diagnostic) => {
                    let cost = "the member is left out of the merge";
                    self.diagnostics.push(diagnostic.tolerated(cost));
                    continue;
                }
            };
            // Each schema is merged once: a member met again (a loop, or the same ref twice)
            // adds nothing, and following it again would be exponential.
            if !visited.insert(schema_pointer.clone()) {
                continue;
            }
            let nested = match &schema.schema_kind {
                SchemaKind::AllOf { all_of } => Some(all_of),
                SchemaKind::Any(any) if !any.all_of.is_empty() => Some(&any.all_of),
                _ => None,
            };
            if let Some(nested) = nested {
                if matches!(schema.schema_kind, SchemaKind::Any(_)) {
                    parts.push((schema, schema_pointer.clone()));
                }
                self.flatten_all_of(nested, &join(&schema_pointer, "allOf"), parts, visited);
            } else {
                parts.push((schema, schema_pointer));
            }
        }
    }
}

/// A schema that makes an object (or may: one whose `type` is left open), not a union, enum,
/// array or scalar.
fn is_object_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || any.additional_properties.is_some()
                || !any.all_of.is_empty()
                || (any.one_of.is_empty() && any.any_of.is_empty())
        }
        _ => false,
    }
}

/// The scalar `type` of a schema (string, number, integer, boolean), if it is one.
fn scalar_type(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => Some("string"),
        SchemaKind::Type(Type::Number(_)) => Some("number"),
        SchemaKind::Type(Type::Integer(_)) => Some("integer"),
        SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
        _ => None,
    }
}

/// A scalar schema with an `enum`.
fn has_enum(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(integer)) => !integer.enumeration.is_empty(),
        SchemaKind::Type(Type::Number(number)) => !number.enumeration.is_empty(),
        _ => false,
    }
}

/// A `oneOf`/`anyOf` with no properties of its own beside it.
fn is_memberless_union(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => {
            (!any.one_of.is_empty() || !any.any_of.is_empty()) && any.properties.is_empty()
        }
        _ => false,
    }
}

/// The discriminator values that select `member`: the mapping's keys that point at it, or else
/// its component name (the spec's implicit mapping). Inline members have none.
pub(super) fn tags_of(
    discriminator: &openapiv3::Discriminator,
    member: &ReferenceOr<Schema>,
) -> Vec<String> {
    let ReferenceOr::Reference { reference } = member else {
        return Vec::new();
    };
    let component = Resolver::ref_name::<Schema>(reference).unwrap_or_default();
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || **target == component)
        .map(|(tag, _)| tag.clone())
        .collect();
    if mapped.is_empty() && !component.is_empty() {
        vec![component.to_owned()]
    } else {
        mapped
    }
}

/// A type with the values JSON carries as text their serde does not write (bytes, base64,
/// `time` date-times: [`TypeTable::text_codec_in`]) as that text, for a value decoded and
/// written on its own (a union member, a JSON body, a header), where only a struct field goes
/// through the runtime's codecs (see `runtime::binary`).
pub(crate) fn bytes_as_text(ty: Ty, table: &TypeTable) -> Ty {
    codec_values_as_text(ty, table, true)
}

/// The same for a parameter: bytes as their text; date-times keep their type, written by the
/// runtime's `ParamValue`.
pub(crate) fn param_bytes_as_text(ty: Ty, table: &TypeTable) -> Ty {
    codec_values_as_text(ty, table, false)
}

fn codec_values_as_text(ty: Ty, table: &TypeTable, dates: bool) -> Ty {
    let text = |ty: &Ty| match table.text_codec_in(ty) {
        Some(Ty::DateTime) => dates,
        Some(_) => true,
        None => false,
    };
    match ty {
        Ty::Bytes | Ty::Base64 | Ty::DateTime if text(&ty) => Ty::String,
        Ty::Named(_) if text(table.resolve(&ty)) && !table.resolve(&ty).is_container() => {
            Ty::String
        }
        Ty::Vec(item) => Ty::Vec(Box::new(codec_values_as_text(*item, table, dates))),
        Ty::Option(inner) => Ty::Option(Box::new(codec_values_as_text(*inner, table, dates))),
        Ty::Map(value) => Ty::Map(Box::new(codec_values_as_text(*value, table, dates))),
        ty => ty,
    }
}

/// The variant name of a member of the union `union`, unique in `scope`: its type's name, less
/// the union's name it starts with (`Contact::Variant0`, not `Contact::ContactVariant0`).
pub(super) fn member_name(union: &str, ty: &Ty, table: &TypeTable, scope: &mut Scope) -> String {
    let full = variant_name(ty, table);
    let short = full
        .strip_prefix(union)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    scope.unique(short.unwrap_or(&full).to_owned())
}

/// The variant name of a union member, from its type.
fn variant_name(ty: &Ty, table: &TypeTable) -> String {
    match ty {
        Ty::Named(id) => table.name(*id).to_owned(),
        Ty::String => "String".into(),
        Ty::Bool => "Boolean".into(),
        Ty::I32 | Ty::I64 | Ty::U64 => "Integer".into(),
        Ty::F64 => "Number".into(),
        Ty::Bytes | Ty::Base64 => "Bytes".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::Uuid => "Uuid".into(),
        Ty::Json | Ty::Map(_) => "Object".into(),
        Ty::Vec(item) => format!("{}List", variant_name(item, table)),
        Ty::Option(inner) => variant_name(inner, table),
    }
}
