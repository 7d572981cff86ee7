//! An object's properties → its struct's fields (OpenAPI 3.0 §4.7.24): names, types, whether
//! each is required, nullable, defaulted, read-only or write-only, a credential; the keys
//! `required` names but no property declares; `additionalProperties` beside properties.

use super::convert::TypeSpace;
use super::{Direction, Field, Ty};
use crate::diagnostics::{Code, Diagnostic};
use crate::docs::doc_lines;
use crate::naming::{snake_name, type_name, Name, Scope};
use crate::pointer::join;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use std::collections::BTreeSet;

impl<'a> TypeSpace<'a> {
    /// The fields of an object made of `parts` (one schema, or the members of an `allOf`).
    pub(super) fn fields(&mut self, owner: &str, parts: &[(&'a Schema, String)]) -> Vec<Field> {
        let mut scope = Scope::default();
        let mut fields: Vec<Field> = Vec::new();
        let mut required: BTreeSet<&str> = BTreeSet::new();
        for (schema, _) in parts {
            let list = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.required,
                SchemaKind::Any(any) => &any.required,
                _ => continue,
            };
            required.extend(list.iter().map(String::as_str));
        }
        for (schema, pointer) in parts {
            let properties = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.properties,
                SchemaKind::Any(any) => &any.properties,
                _ => continue,
            };
            for (wire, property) in properties {
                let property_pointer = join(&join(pointer, "properties"), wire);
                let hint = format!("{owner}{}", type_name(wire));
                if let Some(earlier) = fields.iter().position(|field| field.wire == *wire) {
                    // allOf members may repeat a property: it keeps its first place, and a later
                    // enum or object narrows its type (a subtype's `kind: {enum: [car]}` refines
                    // the base's `kind: string`); a later plain scalar never widens it.
                    let ty = self.ty_of_boxed(property, &hint, &property_pointer);
                    if matches!(ty, Ty::Named(_)) {
                        fields[earlier].ty = ty;
                        fields[earlier].spec_default = None;
                    }
                    self.narrow_direction(&mut fields[earlier], property);
                    continue;
                }
                let ty = self.ty_of_boxed(property, &hint, &property_pointer);
                let resolved = self.resolver.schema_boxed(property, &property_pointer).ok();
                // A default is reported where it is written: a referenced schema's in that schema.
                let at = resolved.as_ref().map_or(&property_pointer, |(_, at)| at);
                let at = join(at, "default");
                let resolved = resolved.map(|(schema, _)| schema);
                let data = resolved.map(|schema| &schema.schema_data);
                let name = scope.unique_name(snake_name(wire));
                let format_password = resolved.is_some_and(is_password_format);
                let write_only = self
                    .resolver
                    .annotated_boxed(property, |data| data.write_only);
                let read_only = self
                    .resolver
                    .annotated_boxed(property, |data| data.read_only);
                let nullable = self.resolver.allows_null_boxed(property);
                let required = required.contains(wire.as_str()) && !write_only && !read_only;
                let default = self.property_default(wire, resolved, &ty, (nullable, required), &at);
                fields.push(Field {
                    secret: is_secret(&name, &ty, format_password, write_only),
                    name,
                    wire: wire.clone(),
                    // A readOnly property is never sent and a writeOnly one never comes back, so
                    // neither can be required of one side: both are optional in Rust.
                    required,
                    nullable,
                    // An optional property's default is the server's: absent and `null` differ,
                    // unless `default: null` says they are one.
                    tri_state: !required && nullable && !default.null,
                    must_be_present: false,
                    spec_default: default.spec,
                    default: None, // typed once every type is known (finish::type_defaults)
                    zero_default: default.zero,
                    doc: field_doc(resolved, &ty),
                    deprecated: data.is_some_and(|data| data.deprecated),
                    boxed: false,
                    additional: false,
                    direction: match (read_only, write_only) {
                        (true, false) => Direction::ReadOnly,
                        (false, true) => Direction::WriteOnly,
                        _ => Direction::Both,
                    },
                    ty,
                });
            }
        }
        self.undeclared_required(parts, &mut fields, &mut scope);
        if let Some(field) = self.additional_field(parts, &mut scope) {
            fields.push(field);
        }
        fields
    }

    /// A later `allOf` member's `readOnly` or `writeOnly` on a property an earlier one declared:
    /// every member is validated against the one value (OpenAPI 3.0 §4.7.24), so the property
    /// is read-only (never sent) or write-only (never read back) all the same, and optional.
    fn narrow_direction(&self, field: &mut Field, property: &'a ReferenceOr<Box<Schema>>) {
        let read_only = self
            .resolver
            .annotated_boxed(property, |data| data.read_only);
        let write_only = self
            .resolver
            .annotated_boxed(property, |data| data.write_only);
        let direction = match (read_only, write_only, field.direction) {
            (true, false, Direction::Both) => Direction::ReadOnly,
            (false, true, Direction::Both) => Direction::WriteOnly,
            _ => return,
        };
        field.direction = direction;
        if field.required {
            // As for a property declared optional: its default is the server's, and absent and
            // `null` differ.
            field.required = false;
            field.zero_default = false;
            field.tri_state = field.nullable;
        }
        if direction == Direction::WriteOnly {
            field.secret |= is_secret(&field.name, &field.ty, false, true);
        }
    }

    /// A property that `required` names but no part declares (a publisher's slip: Linode's
    /// `LinodeConfig` requires `purpose`) may hold any value: a field of any JSON, with a
    /// warning, rather than a key silently dropped.
    fn undeclared_required(
        &mut self,
        parts: &[(&'a Schema, String)],
        fields: &mut Vec<Field>,
        scope: &mut Scope,
    ) {
        for (schema, pointer) in parts {
            let required = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.required,
                SchemaKind::Any(any) => &any.required,
                _ => continue,
            };
            for (index, wire) in required.iter().enumerate() {
                if fields.iter().any(|field| field.wire == *wire) {
                    continue;
                }
                self.diagnostics.push(Diagnostic::warning(
                    Code::RequiredNotDeclared,
                    join(&join(pointer, "required"), &index.to_string()),
                    format!("`{wire}` is required but not among the properties: it is typed as any JSON"),
                ));
                fields.push(Field {
                    name: scope.unique_name(snake_name(wire)),
                    wire: wire.clone(),
                    ty: Ty::Json,
                    required: true,
                    nullable: false,
                    spec_default: None,
                    default: None,
                    zero_default: false,
                    doc: vec![" Required, but not declared by the spec: any JSON.".to_owned()],
                    secret: false,
                    boxed: false,
                    deprecated: false,
                    additional: false,
                    tri_state: false,
                    must_be_present: false,
                    direction: Direction::Both,
                });
            }
        }
    }

    /// The field that keeps the keys beyond the declared properties, when a part of the object
    /// says what they hold (`additionalProperties` as a schema, or `true`): a map of them.
    fn additional_field(
        &mut self,
        parts: &[(&'a Schema, String)],
        scope: &mut Scope,
    ) -> Option<Field> {
        let (owner_pointer, additional) = parts.iter().find_map(|(schema, pointer)| {
            let additional = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
                SchemaKind::Any(any) => any.additional_properties.as_ref(),
                _ => None,
            }?;
            let keeps = !matches!(additional, AdditionalProperties::Any(false));
            keeps.then(|| (pointer.clone(), additional))
        })?;
        let ty = match additional {
            AdditionalProperties::Schema(schema) => {
                let value_pointer = join(&owner_pointer, "additionalProperties");
                self.ty_of_element(schema, "AdditionalProperty", &value_pointer)
            }
            AdditionalProperties::Any(_) => Ty::Json,
        };
        Some(Field {
            ty: Ty::Map(Box::new(ty)),
            ..self.catch_all_field(scope)
        })
    }

    /// An `additional_properties` field of any JSON values, named uniquely in `scope`.
    pub(super) fn catch_all_field(&self, scope: &mut Scope) -> Field {
        Field {
            name: scope.unique_name(snake_name("additional_properties")),
            wire: String::new(),
            ty: Ty::Map(Box::new(Ty::Json)),
            required: false,
            nullable: false,
            spec_default: None,
            default: None,
            zero_default: true,
            doc: vec![
                " The keys beyond the declared properties (`additionalProperties`).".to_owned(),
            ],
            secret: false,
            boxed: false,
            deprecated: false,
            additional: true,
            tri_state: false,
            must_be_present: false,
            direction: Direction::Both,
        }
    }
}

/// A property's doc: its description, and for text with a format (kept as a `String`) the format.
fn field_doc(schema: Option<&Schema>, ty: &Ty) -> Vec<String> {
    let Some(schema) = schema else {
        return Vec::new();
    };
    let data = &schema.schema_data;
    let mut doc = doc_lines(
        data.description
            .as_deref()
            .or(data.title.as_deref())
            .unwrap_or(""),
    );
    let format = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => match &string.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte (base64)"),
            VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
            _ => None,
        },
        _ => None,
    };
    // A format with a type of its own (`date-time`, `uuid`, ...) says itself.
    let typed = matches!(ty, Ty::DateTime | Ty::Date | Ty::Uuid | Ty::Base64);
    if let Some(format) = format.filter(|_| !typed) {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(" Format: `{format}`, kept as text."));
    }
    doc
}

fn is_password_format(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string))
        if matches!(&string.format, VariantOrUnknownOrEmpty::Item(StringFormat::Password)))
}

/// Names of properties whose values are credentials, whatever their schema says: the runtime's
/// list of credential keys (which it blanks in error excerpts), one file included by both.
/// `authorization` names a header, never a property, and is left out where it is read.
const SECRET_NAMES: &[&str] = include!("../../runtime/src/secret_keys.in");

/// True when a property (by its Rust snake-case name) or its schema marks a credential. A
/// boolean or a number never holds one by its name alone (`is_private_session`,
/// `allow_credentials`, a parliament's `session` number).
pub fn is_secret(name: &Name, ty: &Ty, format_password: bool, write_only: bool) -> bool {
    let name = name.bare();
    let scalar = matches!(ty, Ty::Bool | Ty::I32 | Ty::I64 | Ty::U64 | Ty::F64);
    format_password
        || write_only
        || !scalar
            && SECRET_NAMES
                .iter()
                .filter(|secret| **secret != "authorization")
                .any(|secret| name == *secret || name.ends_with(&format!("_{secret}")))
}
