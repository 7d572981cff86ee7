//! Enums from `enum` keywords: their variants, names and default.
//!
//! A string enum's variants are named from its values (`naming::variant_names`). An integer
//! enum's values say nothing, so its variants take the names the spec gives beside them
//! (`x-enum-varnames`, as openapi-generator and swaggo write it, or NSwag's `x-enumNames`), or
//! else `Value{n}` (`Value1`, `ValueMinus1`).

use super::{EnumRepr, EnumVariant, TypeKind};
use crate::naming::{type_name, variant_names, Scope};
use openapiv3::{AnySchema, SchemaData};

/// A string enum of `values`, with the variant `default` names as its default.
pub(super) fn string_enum(
    values: &[Option<String>],
    default: Option<&serde_json::Value>,
) -> TypeKind {
    let wires = string_enum_values(values);
    let names = variant_names(&wires);
    let default = default.and_then(|value| value.as_str());
    enum_kind(&wires, names, default, EnumRepr::String)
}

/// An integer enum of `values` (nulls dropped: nullability is the field's).
pub(super) fn integer_enum(values: &[Option<i64>], data: &SchemaData) -> TypeKind {
    let numbers = integer_enum_values(values);
    let wires: Vec<String> = numbers.iter().map(i64::to_string).collect();
    let names = given_names(data, numbers.len()).unwrap_or_else(|| {
        numbers
            .iter()
            .map(|n| match n {
                n if *n < 0 => format!("ValueMinus{}", n.unsigned_abs()),
                n => format!("Value{n}"),
            })
            .collect()
    });
    let default = data
        .default
        .as_ref()
        .and_then(serde_json::Value::as_i64)
        .map(|n| n.to_string());
    let wires: Vec<&str> = wires.iter().map(String::as_str).collect();
    enum_kind(&wires, names, default.as_deref(), EnumRepr::Integer)
}

/// The enum an `enum` of a schema that openapiv3 read as "any" stands for (its type beside
/// `allOf`, or keywords its model lacks): strings, or integers, nulls dropped; `None` for
/// anything else (no `enum`, an object's, a mix).
pub(super) fn enum_of_any(any: &AnySchema, data: &SchemaData) -> Option<TypeKind> {
    let values: Vec<&serde_json::Value> = any
        .enumeration
        .iter()
        .filter(|value| !value.is_null())
        .collect();
    if values.is_empty() || !any.properties.is_empty() {
        return None;
    }
    let strings: Option<Vec<Option<String>>> = values
        .iter()
        .map(|value| value.as_str().map(|text| Some(text.to_owned())))
        .collect();
    if let Some(strings) = strings.filter(|_| any.typ.as_deref() != Some("integer")) {
        return Some(string_enum(&strings, data.default.as_ref()));
    }
    let integers: Option<Vec<Option<i64>>> = values
        .iter()
        .map(|value| value.as_i64().map(Some))
        .collect();
    integers
        .filter(|_| matches!(any.typ.as_deref(), None | Some("integer")))
        .map(|integers| integer_enum(&integers, data))
}

/// The values of a string enum, nulls dropped.
pub(super) fn string_enum_values(values: &[Option<String>]) -> Vec<&str> {
    values.iter().flatten().map(String::as_str).collect()
}

/// The values of an integer enum, nulls dropped.
pub(super) fn integer_enum_values(values: &[Option<i64>]) -> Vec<i64> {
    values.iter().flatten().copied().collect()
}

/// The names an extension gives the `count` values, when it gives one string for each.
fn given_names(data: &SchemaData, count: usize) -> Option<Vec<String>> {
    crate::read::keys::ENUM_VARIANT_NAMES
        .iter()
        .find_map(|key| {
            let names = data.extensions.get(*key)?.as_array()?;
            let names: Vec<String> = names
                .iter()
                .map(|name| name.as_str().map(type_name))
                .collect::<Option<_>>()?;
            (names.len() == count).then_some(names)
        })
}

fn enum_kind(
    wires: &[&str],
    names: Vec<String>,
    default: Option<&str>,
    repr: EnumRepr,
) -> TypeKind {
    let mut scope = Scope::default();
    let variants: Vec<EnumVariant> = wires
        .iter()
        .zip(names)
        .map(|(wire, name)| EnumVariant {
            name: scope.unique(name),
            wire: (*wire).to_owned(),
        })
        .collect();
    // A one-value enum (3.1's `const`) defaults to its only value.
    let default = default
        .and_then(|value| variants.iter().position(|variant| variant.wire == value))
        .or((variants.len() == 1).then_some(0));
    TypeKind::Enum {
        variants,
        default,
        repr,
    }
}
