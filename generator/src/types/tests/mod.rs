//! Unit tests of the types analysis, one file per analysis module: each analyses a small inline
//! spec and asserts a decision in the IR (the [`TypeTable`]: which types exist, their names and
//! kinds, fields, variants, boxing, defaults, serde use), not the code emitted from it.
//!
//! Section numbers are OpenAPI 3.0.3's: §4.4 Data Types, §4.7.24 Schema Object (with its
//! "Composition and Inheritance (Polymorphism)"), §4.7.25 Discriminator Object.

mod convert;
mod defaults;
mod enums;
mod finish;
mod inheritance;
mod members;
mod open;
mod shared;
mod spread;
mod usage;

use crate::diagnostics::{Code, Diagnostics};
use crate::types::{EnumRepr, Field, Ty, TypeDef, TypeId, TypeKind, TypeTable, UnionVariant};

/// An OpenAPI 3.0.3 document with no paths whose component schemas are `schemas`, written as
/// the lines under `components/schemas` (each schema name indented four spaces).
pub(super) fn components(schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    )
}

/// The type table of `text`, analysed as the default configuration does.
pub(super) fn types(text: &str) -> TypeTable {
    crate::module::analyse(text).types
}

/// The same, with the pointers of the warnings met, in order.
pub(super) fn types_and_warnings(text: &str) -> (TypeTable, Vec<String>) {
    let (module, diagnostics) = crate::module::analyse_with_warnings(text);
    (module.types, warning_pointers(&diagnostics))
}

/// The pointers of the warnings among `diagnostics`, in order.
pub(super) fn warning_pointers(diagnostics: &Diagnostics) -> Vec<String> {
    (diagnostics.warnings())
        .map(|warning| warning.pointer.clone())
        .collect()
}

/// The type table of `text` as [`crate::generate_source`] analyses it with the default
/// configuration: `format: uuid` as `uuid::Uuid`, which [`crate::module::analyse`] leaves off.
pub(super) fn types_as_generated(text: &str) -> TypeTable {
    let document = crate::read::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let config = crate::Config::new();
    let formats = crate::types::Formats {
        date_time: config.date_time_library,
        uuid: !config.uuid_as_string,
        runtime: crate::config::DEFAULT_RUNTIME_PATH.to_owned(),
    };
    match crate::module::module(&document, &config, formats) {
        Ok((module, _)) => module.types,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

/// The defects of `text` (their pointer and code): the errors that refuse it under
/// `Config::strict`, each read the tolerant way (a warning) otherwise.
pub(super) fn strict_errors(text: &str) -> Vec<(String, Code)> {
    let config = crate::Config::new().strict(true).clone();
    let Err(diagnostics) = crate::generate_source("t.yaml", text, &config) else {
        panic!("the strict generation should fail");
    };
    (diagnostics.errors())
        .map(|diagnostic| (diagnostic.pointer.clone(), diagnostic.code))
        .collect()
}

/// The names of the defined types, in definition order.
pub(super) fn names(table: &TypeTable) -> Vec<&str> {
    table.iter().map(|(_, def)| def.name.as_str()).collect()
}

/// The id of the defined type named `name`.
pub(super) fn id(table: &TypeTable, name: &str) -> TypeId {
    let found = table.iter().find(|(_, def)| def.name == name);
    found.map_or_else(
        || panic!("no type {name} in {:?}", names(table)),
        |(id, _)| id,
    )
}

/// The defined type named `name`.
pub(super) fn def<'t>(table: &'t TypeTable, name: &str) -> &'t TypeDef {
    table.get(id(table, name))
}

/// The fields of the struct `name`.
pub(super) fn fields<'t>(table: &'t TypeTable, name: &str) -> &'t [Field] {
    match &def(table, name).kind {
        TypeKind::Struct(fields) => fields,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// The field of the struct `name` whose JSON key is `wire`.
pub(super) fn field<'t>(table: &'t TypeTable, name: &str, wire: &str) -> &'t Field {
    let found = fields(table, name).iter().find(|field| field.wire == wire);
    found.unwrap_or_else(|| panic!("{name} has no field for `{wire}`"))
}

/// The JSON keys of the struct `name`'s fields, in order (`""` for the additional properties).
pub(super) fn wires<'t>(table: &'t TypeTable, name: &str) -> Vec<&'t str> {
    let fields = fields(table, name).iter();
    fields.map(|field| field.wire.as_str()).collect()
}

/// The variants and discriminator of the union `name`.
/// The spec's members only: the `Unknown` member that `types::open` adds last is left out (its
/// own tests are in `open.rs`).
pub(super) fn union<'t>(table: &'t TypeTable, name: &str) -> (&'t [UnionVariant], Option<&'t str>) {
    match &def(table, name).kind {
        TypeKind::Union {
            variants,
            discriminator,
        } => {
            let spec_members = match variants.last() {
                Some(last) if last.unknown => &variants[..variants.len() - 1],
                _ => &variants[..],
            };
            (spec_members, discriminator.as_deref())
        }
        other => panic!("{name} is not a union: {other:?}"),
    }
}

/// The variants of the union `name`: each one's name and the name of its type (see
/// [`ty_name`]).
pub(super) fn union_members<'t>(table: &'t TypeTable, name: &str) -> Vec<(&'t str, String)> {
    let (variants, _) = union(table, name);
    let members = variants.iter();
    members
        .map(|variant| (variant.name.as_str(), ty_name(table, &variant.ty)))
        .collect()
}

/// The variants of the enum `name` (Rust name, wire value), its default variant's name and how
/// its values travel.
pub(super) fn enum_of<'t>(
    table: &'t TypeTable,
    name: &str,
) -> (Vec<(&'t str, &'t str)>, Option<&'t str>, EnumRepr) {
    let TypeKind::Enum {
        variants,
        default,
        repr,
        ..
    } = &def(table, name).kind
    else {
        panic!("{name} is not an enum: {:?}", def(table, name).kind)
    };
    let pairs = variants.iter();
    let pairs = pairs.map(|v| (v.name.as_str(), v.wire.as_str())).collect();
    let default = default.map(|index| variants[index].name.as_str());
    (pairs, default, *repr)
}

/// `ty` written with the names of the types it names (`Vec<Pet>`, `Option<String>`, `I64`), to
/// compare types by what they say rather than by ids.
pub(super) fn ty_name(table: &TypeTable, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => table.name(*id).to_owned(),
        Ty::Vec(inner) => format!("Vec<{}>", ty_name(table, inner)),
        Ty::Map(inner) => format!("Map<{}>", ty_name(table, inner)),
        Ty::Option(inner) => format!("Option<{}>", ty_name(table, inner)),
        other => format!("{other:?}"),
    }
}

/// The type of the field `wire` of the struct `name`, as [`ty_name`] writes it.
pub(super) fn field_ty(table: &TypeTable, name: &str, wire: &str) -> String {
    ty_name(table, &field(table, name, wire).ty)
}

/// The type the alias (or newtype) `name` stands for, as [`ty_name`] writes it.
pub(super) fn alias_of(table: &TypeTable, name: &str) -> String {
    match &def(table, name).kind {
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty_name(table, ty),
        other => panic!("{name} is not an alias: {other:?}"),
    }
}

impl crate::types::TypeDef {
    /// A type as unit tests build one: no pointer or doc, both serde traits.
    pub fn for_test(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            pointer: String::new(),
            doc: Vec::new(),
            deprecated: false,
            kind,
            serde: crate::types::SerdeUse::BOTH,
            implements_default: false,
            clone_and_eq: true,
        }
    }
}

impl crate::types::Field {
    /// A required field as unit tests build one, its key its name.
    pub fn for_test(name: &str, ty: Ty) -> Field {
        Field {
            name: crate::naming::snake_name(name),
            wire: name.to_owned(),
            ty,
            required: true,
            nullable: false,
            spec_default: None,
            default: None,
            zero_default: false,
            doc: Vec::new(),
            secret: false,
            boxed: false,
            deprecated: false,
            additional: false,
            tri_state: false,
            must_be_present: false,
            direction: crate::types::Direction::Both,
        }
    }
}
