//! Schemas → [`TypeDef`]s.
//!
//! Component schemas are named first, in spec order, so that their names never depend on the inline
//! schemas met later; inline objects, enums and unions are named from where they stand
//! (`{Parent}{Property}`, `{Operation}Body`, ...). A `$ref` becomes the referenced type's id.

use super::enums::{
    enum_of_any, integer_enum, integer_enum_values, string_enum, string_enum_values,
};
use super::{Field, SerdeUse, Ty, TypeDef, TypeId, TypeKind, TypeTable};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, ANY_JSON};
use crate::docs::doc_lines;
use crate::naming::{type_name, Scope};
use crate::pointer::join;
use crate::read::{is_annotation_only, Resolver};
use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How deep inline schemas may nest before the converter stops (hostile or broken specs).
pub(super) const MAX_DEPTH: usize = 64;

/// Every type of one spec, in the order they were defined.
pub struct TypeSpace<'a> {
    pub(super) resolver: Resolver<'a>,
    /// Component schema name → its type.
    components: BTreeMap<String, TypeId>,
    /// Component schemas already converted or being converted.
    started: BTreeSet<String>,
    /// Base components (a discriminator, extended through `allOf`) → their subtypes.
    subtypes: BTreeMap<String, Vec<String>>,
    /// Subtypes whose discriminator property defaults to their tag: (type, property, tag).
    pub(super) tag_defaults: Vec<(TypeId, String, String)>,
    /// Inline schemas already converted, by pointer: a schema merged into several `allOf`s (or
    /// met again through any other path) keeps one type instead of getting a copy per use.
    inline: BTreeMap<String, Ty>,
    /// Inline types by their content (see [`Shape`]): a schema written out identically in
    /// several places is one type, not one per place.
    shapes: HashMap<Shape, TypeId>,
    /// For each inline type met in more than one place, the names each place suggested.
    pub(super) shared: BTreeMap<TypeId, Vec<String>>,
    pub(super) scope: Scope,
    pub(super) table: TypeTable,
    /// Diagnostics met while converting.
    pub diagnostics: Diagnostics,
    depth: usize,
    /// Where the reading moved nodes: docs name a schema's place in the file.
    pub(super) origin: &'a crate::read::Rewritten,
}

impl<'a> TypeSpace<'a> {
    /// A space holding every component schema of `api`.
    pub fn new(
        api: &'a openapiv3::OpenAPI,
        origin: &'a crate::read::Rewritten,
        formats: super::Formats,
    ) -> Self {
        let mut space = TypeSpace {
            resolver: Resolver::new(api),
            components: BTreeMap::new(),
            started: BTreeSet::new(),
            subtypes: BTreeMap::new(),
            tag_defaults: Vec::new(),
            inline: BTreeMap::new(),
            shapes: HashMap::new(),
            shared: BTreeMap::new(),
            scope: Scope::with_reserved(crate::naming::PRELUDE_NAMES),
            table: TypeTable {
                formats,
                ..TypeTable::default()
            },
            diagnostics: Diagnostics::default(),
            depth: 0,
            origin,
        };
        let schemas = api.components.as_ref().map(|c| &c.schemas);
        let pointer = |name: &str| join("#/components/schemas", name);
        for name in schemas.into_iter().flat_map(|schemas| schemas.keys()) {
            let rust = space.scope.unique(type_name(name));
            let id = space.table.reserve(placeholder(rust, &pointer(name)));
            space.components.insert(name.clone(), id);
        }
        space.subtypes =
            super::inheritance::subtypes(schemas.into_iter().flat_map(|schemas| schemas.iter()));
        for (name, schema) in schemas.into_iter().flat_map(|schemas| schemas.iter()) {
            space.define_component(name, schema, &pointer(name));
        }
        space
    }

    /// The converted types, with shared inline types named and the whole-table decisions made
    /// ([`super::finish`]).
    pub fn finish(mut self) -> (TypeTable, Diagnostics) {
        self.default_tags();
        self.name_shared_types();
        self.name_deep_containers();
        super::finish::finish(&mut self.table, &mut self.diagnostics, self.origin);
        (self.table, self.diagnostics)
    }

    /// The type `id` names (a placeholder while its definition is being converted).
    pub fn get(&self, id: TypeId) -> &TypeDef {
        self.table.get(id)
    }

    /// The types defined so far.
    pub fn table(&self) -> &TypeTable {
        &self.table
    }

    /// Reserves a Rust name in the `types` module for a type defined elsewhere, or to be defined
    /// by [`Self::ty_of`] with a name hint.
    pub fn unique_name(&mut self, hint: &str) -> String {
        self.scope.unique(type_name(hint))
    }

    fn define_component(&mut self, name: &str, schema: &'a ReferenceOr<Schema>, pointer: &str) {
        if !self.started.insert(name.to_owned()) {
            return;
        }
        let Some(&id) = self.components.get(name) else {
            return;
        };
        let rust = self.table.name(id).to_owned();
        let def = match schema {
            ReferenceOr::Reference { reference } => {
                let ty = self.ty_of_ref(reference, pointer);
                TypeDef {
                    name: rust,
                    pointer: pointer.to_owned(),
                    doc: Vec::new(),
                    deprecated: false,
                    kind: TypeKind::Alias(ty),
                    serde: SerdeUse::BOTH,
                    implements_default: false,
                    clone_and_eq: true,
                }
            }
            ReferenceOr::Item(schema) => match self.subtypes.get(name).cloned() {
                Some(subtypes) => self.inheritance(rust, schema, pointer, &subtypes),
                None => self.define(rust, schema, pointer),
            },
        };
        self.table.define(id, def);
    }

    /// The type of the component schema `name`.
    pub(super) fn component_id(&self, name: &str) -> Option<TypeId> {
        self.components.get(name).copied()
    }

    /// An id for the type `name` (already unique) that is defined later by
    /// [`Self::define_reserved`].
    pub(super) fn reserve_named(&mut self, name: &str, pointer: &str) -> TypeId {
        self.table.reserve(placeholder(name.to_owned(), pointer))
    }

    /// Defines the type reserved as `id`.
    pub(super) fn define_reserved(&mut self, id: TypeId, def: TypeDef) {
        self.table.define(id, def);
    }

    /// The type of a schema that stands at `pointer`; `hint` names it if it needs a definition.
    pub fn ty_of(&mut self, schema: &'a ReferenceOr<Schema>, hint: &str, pointer: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.ty_of_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.ty_of_schema(schema, hint, pointer),
        }
    }

    pub(super) fn ty_of_boxed(
        &mut self,
        schema: &'a ReferenceOr<Box<Schema>>,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.ty_of_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.ty_of_schema(schema, hint, pointer),
        }
    }

    /// The type of a value `schema` describes where it stands in a container (an array item, a
    /// map value): `Option` of its type when the schema allows `null`.
    pub(super) fn ty_of_element(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        let ty = self.ty_of(schema, hint, pointer);
        optional_if(self.resolver.allows_null_of(schema), ty)
    }

    fn ty_of_ref(&mut self, reference: &str, pointer: &str) -> Ty {
        match self.resolver.lookup::<Schema>(reference, pointer) {
            Ok((_, target)) => {
                let name = Resolver::ref_name::<Schema>(reference).unwrap_or_default();
                match self.components.get(&name) {
                    Some(&id) => Ty::Named(id),
                    None => {
                        // Not reached: every component schema was given an id first.
                        let message = format!("internal error: `$ref: {reference}` has no type");
                        let error = Diagnostic::error(Code::InternalError, target, message);
                        self.diagnostics
                            .push(error.with_hint(crate::diagnostics::REPORT_BUG));
                        Ty::Json
                    }
                }
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic.tolerated(ANY_JSON));
                Ty::Json
            }
        }
    }

    /// The type of an inline schema: primitives and containers map directly, anything with a shape
    /// of its own (object, enum, union) becomes a new named type.
    fn ty_of_schema(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> Ty {
        if self.depth >= MAX_DEPTH {
            let message = format!("schemas nest more than {MAX_DEPTH} levels deep here");
            self.diagnostics.push(
                Diagnostic::error(Code::NestingTooDeep, pointer, message)
                    .tolerated(ANY_JSON)
                    .with_hint(
                        "move inner schemas into components/schemas and refer to them by `$ref`",
                    ),
            );
            return Ty::Json;
        }
        self.depth += 1;
        let ty = self.ty_of_schema_inner(schema, hint, pointer);
        self.depth -= 1;
        ty
    }

    /// The type of a string of `format`, as [`super::Formats`] says: raw bytes for `binary`, the
    /// chosen library's for `date-time`, `date` and `uuid`; text for any other.
    fn string_of_format(&self, format: &str) -> Ty {
        let formats = &self.table.formats;
        let dates = formats.date_time != crate::config::DateTimeLibrary::String;
        match format {
            "binary" => Ty::Bytes,
            "byte" => Ty::Base64,
            "date-time" if dates => Ty::DateTime,
            "date" if dates => Ty::Date,
            "uuid" if formats.uuid => Ty::Uuid,
            _ => Ty::String,
        }
    }

    fn ty_of_schema_inner(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> Ty {
        if !self.known_type(schema, pointer) {
            return Ty::Json;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string))
                if !string_enum_values(&string.enumeration).is_empty() =>
            {
                self.define_inline(hint, schema, pointer)
            }
            SchemaKind::Type(Type::Integer(integer))
                if !integer_enum_values(&integer.enumeration).is_empty() =>
            {
                self.define_inline(hint, schema, pointer)
            }
            SchemaKind::Type(Type::String(string)) => {
                let format = match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                    VariantOrUnknownOrEmpty::Unknown(format) => format,
                    _ => "",
                };
                self.string_of_format(format)
            }
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uint64" => Ty::U64,
                _ => Ty::I64,
            },
            // `format: float` too: a JSON number is a double, and an `f32` would drop digits a
            // server sends (`0.003983858739957213` came back `0.0039838585`).
            SchemaKind::Type(Type::Number(_)) => Ty::F64,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => {
                        let items_pointer = join(pointer, "items");
                        let item = self.ty_of_boxed(items, &format!("{hint}Item"), &items_pointer);
                        optional_if(self.resolver.allows_null_boxed(items), item)
                    }
                    None => Ty::Json,
                };
                Ty::Vec(Box::new(item))
            }
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                self.map_of(object.additional_properties.as_ref(), hint, pointer)
            }
            // An `enum` beside other keywords (Discord's `type: integer, enum: [1], allOf:
            // [$ref: ActionType]`): the values it lists are all the schema allows.
            SchemaKind::Any(any) if enum_of_any(any, &schema.schema_data).is_some() => {
                self.define_inline(hint, schema, pointer)
            }
            SchemaKind::Any(any)
                if any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty() =>
            {
                if any.additional_properties.is_some() {
                    self.map_of(any.additional_properties.as_ref(), hint, pointer)
                } else {
                    let bounds = (any.minimum, any.maximum);
                    scalar_of_any(any.typ.as_deref(), any.format.as_deref(), bounds)
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                // `allOf: [$ref]` is how 3.0 specs attach `nullable` or a description to a ref.
                self.ty_of(&all_of[0], hint, &join(&join(pointer, "allOf"), "0"))
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list }
                if list.len() == 1 =>
            {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                self.ty_of(&list[0], hint, &join(&join(pointer, key), "0"))
            }
            SchemaKind::Not { not } => {
                // 3.1's `false` schema arrives as `not: {}`.
                let nothing =
                    matches!(&**not, ReferenceOr::Item(schema) if is_annotation_only(schema));
                let message = match nothing {
                    true => "a schema no value satisfies (`false`, `not: {}`) is typed as any JSON",
                    false => "`not` schemas are not supported: the value is typed as any JSON",
                };
                self.diagnostics.push(Diagnostic::warning(
                    Code::UnsupportedKeyword,
                    pointer,
                    message,
                ));
                Ty::Json
            }
            _ => self.define_inline(hint, schema, pointer),
        }
    }

    fn map_of(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_pointer = join(pointer, "additionalProperties");
                Ty::Map(Box::new(self.ty_of_element(
                    schema,
                    &format!("{hint}Value"),
                    &value_pointer,
                )))
            }
            Some(AdditionalProperties::Any(true)) => Ty::Map(Box::new(Ty::Json)),
            _ => Ty::Json,
        }
    }

    fn define_inline(&mut self, hint: &str, schema: &'a Schema, pointer: &str) -> Ty {
        if let Some(ty) = self.inline.get(pointer) {
            return ty.clone();
        }
        let name = self.unique_name(hint);
        // Reserved before its fields are converted, so a schema that contains itself ends.
        let id = self.table.reserve(placeholder(name.clone(), pointer));
        self.inline.insert(pointer.to_owned(), Ty::Named(id));
        let def = self.define(name.clone(), schema, pointer);
        // Specs repeat inline schemas (Google Compute writes the same two parameter enums out in
        // every operation): an identical one reuses the type. Its nested types were deduplicated
        // first, so equal schemas give equal keys; one that contains itself never matches another.
        let key = Shape::of(&def);
        if let Some(&existing) = self.shapes.get(&key) {
            self.scope.release(&name);
            self.table.release(id);
            self.inline.insert(pointer.to_owned(), Ty::Named(existing));
            let first_name = self.table.name(existing).to_owned();
            self.shared
                .entry(existing)
                .or_insert_with(|| vec![first_name])
                .push(type_name(hint));
            return Ty::Named(existing);
        }
        self.shapes.insert(key, id);
        self.table.define(id, def);
        Ty::Named(id)
    }

    /// False (with an error) for a `type` that is not one of JSON Schema's: openapiv3 would read
    /// such a schema as "anything" and hide the typo.
    fn known_type(&mut self, schema: &Schema, pointer: &str) -> bool {
        const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];
        match &schema.schema_kind {
            SchemaKind::Any(any) => match &any.typ {
                Some(typ) if !TYPES.contains(&typ.as_str()) => {
                    self.diagnostics.push(
                        Diagnostic::error(Code::UnknownType, join(pointer, "type"), format!("unknown type `{typ}`"))
                            .tolerated(ANY_JSON)
                            .with_hint("OpenAPI 3.0 types are string, number, integer, boolean, array and object"),
                    );
                    false
                }
                _ => true,
            },
            _ => true,
        }
    }

    /// A definition named `name` for `schema`.
    pub(super) fn define(&mut self, name: String, schema: &'a Schema, pointer: &str) -> TypeDef {
        self.known_type(schema, pointer);
        let doc = doc_lines(
            schema
                .schema_data
                .description
                .as_deref()
                .or(schema.schema_data.title.as_deref())
                .unwrap_or(""),
        );
        let deprecated = schema.schema_data.deprecated;
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string))
                if !string_enum_values(&string.enumeration).is_empty() =>
            {
                string_enum(&string.enumeration, &schema.schema_data)
            }
            SchemaKind::Type(Type::Integer(integer))
                if !integer_enum_values(&integer.enumeration).is_empty() =>
            {
                integer_enum(&integer.enumeration, &schema.schema_data)
            }
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                TypeKind::Struct(self.fields(&name, &[(schema, pointer.to_owned())]))
            }
            SchemaKind::Any(any) if enum_of_any(any, &schema.schema_data).is_some() => {
                enum_of_any(any, &schema.schema_data).unwrap_or(TypeKind::Alias(Ty::Json))
            }
            SchemaKind::Any(any) if !any.properties.is_empty() && any.all_of.is_empty() => {
                let own = [(schema, pointer.to_owned())];
                // `properties` beside a `oneOf`/`anyOf`: each member has them too.
                match self.spread_union(&name, pointer, &own, (schema, pointer), true) {
                    Some(kind) => kind,
                    None => {
                        if let Some((_, key)) = super::spread::union_list(schema) {
                            self.diagnostics.push(Diagnostic::warning(
                                Code::UntypedUnion,
                                join(pointer, key),
                                format!("a `{key}` member that is not an object cannot have the `properties` beside it: the `{key}` is not typed, only the properties"),
                            ));
                        }
                        TypeKind::Struct(self.fields(&name, &own))
                    }
                }
            }
            SchemaKind::AllOf { all_of } => self.all_of(&name, None, all_of, pointer),
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                let outer = (schema, pointer.to_owned());
                self.all_of(&name, Some(outer), &any.all_of, pointer)
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                self.union(
                    &name,
                    list,
                    schema.schema_data.discriminator.as_ref(),
                    &join(pointer, key),
                )
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() || !any.any_of.is_empty() => {
                let (list, key) = if any.one_of.is_empty() {
                    (&any.any_of, "anyOf")
                } else {
                    (&any.one_of, "oneOf")
                };
                self.union(
                    &name,
                    list,
                    schema.schema_data.discriminator.as_ref(),
                    &join(pointer, key),
                )
            }
            _ => TypeKind::Alias(self.ty_of_schema(schema, &format!("{name}Value"), pointer)),
        };
        TypeDef {
            name,
            pointer: pointer.to_owned(),
            doc,
            deprecated,
            kind,
            serde: SerdeUse::BOTH,
            implements_default: false,
            clone_and_eq: true,
        }
    }
}

/// What makes two inline types the same: everything but their name and place.
#[derive(PartialEq, Eq, Hash)]
struct Shape {
    doc: Vec<String>,
    deprecated: bool,
    kind: TypeKind,
}

impl Shape {
    fn of(def: &TypeDef) -> Shape {
        Shape {
            doc: def.doc.clone(),
            deprecated: def.deprecated,
            kind: def.kind.clone(),
        }
    }
}

/// A slot's definition until the real one is converted: named, with nothing in it.
pub(super) fn placeholder(name: String, pointer: &str) -> TypeDef {
    TypeDef {
        name,
        pointer: pointer.to_owned(),
        doc: Vec::new(),
        deprecated: false,
        kind: TypeKind::Alias(Ty::Json),
        serde: SerdeUse::BOTH,
        implements_default: false,
        clone_and_eq: true,
    }
}

/// The merged members of an `allOf`: a struct, or the map itself when all they say is what the
/// values of a map are (Lambda's `allOf: [$ref: a map, {description}]`).
pub(super) fn struct_or_map(fields: Vec<Field>) -> TypeKind {
    match fields.as_slice() {
        [only] if only.additional => TypeKind::Alias(only.ty.clone()),
        _ => TypeKind::Struct(fields),
    }
}

/// `Option<ty>` when `nullable` (and `ty` is not already one or any JSON, which holds `null`).
pub(crate) fn optional_if(nullable: bool, ty: Ty) -> Ty {
    match ty {
        Ty::Json | Ty::Option(_) => ty,
        ty if nullable => Ty::Option(Box::new(ty)),
        ty => ty,
    }
}

/// The scalar a schema of a plain `type` stands for when openapiv3 read it as "any" because a
/// keyword does not fit its model (an integer's `minimum: -9223372036854775808.0`, a bound beyond
/// 64 bits); any JSON otherwise.
/// An integer is a `u64` when its format says so or its bounds (`minimum`, `maximum`) take it
/// from 0 past `i64::MAX` (OTLP's nanosecond times: `minimum: 0, exclusiveMaximum: 2^64`).
fn scalar_of_any(
    typ: Option<&str>,
    format: Option<&str>,
    bounds: (Option<f64>, Option<f64>),
) -> Ty {
    let unsigned_64 =
        matches!(bounds, (Some(low), Some(high)) if low >= 0.0 && high > i64::MAX as f64);
    match (typ, format) {
        (Some("integer"), Some("int32")) => Ty::I32,
        (Some("integer"), Some("uint64")) => Ty::U64,
        (Some("integer"), _) if unsigned_64 => Ty::U64,
        (Some("integer"), _) => Ty::I64,
        (Some("number"), _) => Ty::F64,
        (Some("boolean"), _) => Ty::Bool,
        (Some("string"), Some("binary")) => Ty::Bytes,
        (Some("string"), _) => Ty::String,
        _ => Ty::Json,
    }
}
