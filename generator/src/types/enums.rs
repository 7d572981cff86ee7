//! Enums from `enum` keywords: their variants, names and default.
//!
//! A string enum's variants are named from its values (`naming::variant_names`). An integer
//! enum's values say nothing, so its variants take the names the spec gives beside them
//! (`x-enum-varnames`, as openapi-generator and swaggo write it, or NSwag's `x-enumNames`), or
//! else `Value{n}` (`Value1`, `ValueMinus1`).
//!
//! Either kind's variants take as doc comment the description `x-enum-descriptions`
//! (openapi-generator) gives their value, position by position.

use super::{EnumRepr, EnumVariant, TypeKind};
use crate::docs::doc_lines;
use crate::naming::{type_name, variant_names, Scope};
use openapiv3::{AnySchema, SchemaData};

/// A string enum of `values`, with the variant `data.default` names as its default.
pub(super) fn string_enum(values: &[Option<String>], data: &SchemaData) -> TypeKind {
    let wires = string_enum_values(values);
    let names = variant_names(&wires);
    let default = data.default.as_ref().and_then(|value| value.as_str());
    let docs = given_descriptions(data, values.iter().map(Option::is_some));
    enum_kind(&wires, names, docs, default, EnumRepr::String)
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
    let docs = given_descriptions(data, values.iter().map(Option::is_some));
    enum_kind(&wires, names, docs, default.as_deref(), EnumRepr::Integer)
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
        // Positions of `x-enum-descriptions` count the nulls dropped above.
        return Some(with_descriptions(string_enum(&strings, data), data, any));
    }
    let integers: Option<Vec<Option<i64>>> = values
        .iter()
        .map(|value| value.as_i64().map(Some))
        .collect();
    integers
        .filter(|_| matches!(any.typ.as_deref(), None | Some("integer")))
        .map(|integers| with_descriptions(integer_enum(&integers, data), data, any))
}

/// `kind` (an enum of `any`'s non-null values) with the descriptions `data` gives its values
/// among all of `any.enumeration`, nulls included.
fn with_descriptions(mut kind: TypeKind, data: &SchemaData, any: &AnySchema) -> TypeKind {
    let docs = given_descriptions(data, any.enumeration.iter().map(|value| !value.is_null()));
    if let TypeKind::Enum { variants, .. } = &mut kind {
        for (variant, doc) in variants.iter_mut().zip(docs) {
            variant.doc = doc;
        }
    }
    kind
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

/// The doc lines `x-enum-descriptions` gives each kept value, in order: `kept` says, for each
/// value of `enum` as written, whether it is a variant (a null is not). Empty lines for every
/// value when the extension is absent or its length is not the `enum`'s (which description is
/// whose cannot be told); an entry that is not a string describes nothing.
fn given_descriptions(data: &SchemaData, kept: impl Iterator<Item = bool>) -> Vec<Vec<String>> {
    let kept: Vec<bool> = kept.collect();
    let count = kept.iter().filter(|kept| **kept).count();
    let descriptions = crate::read::keys::ENUM_DESCRIPTIONS.iter().find_map(|key| {
        let descriptions = data.extensions.get(*key)?.as_array()?;
        (descriptions.len() == kept.len()).then_some(descriptions)
    });
    match descriptions {
        Some(descriptions) => descriptions
            .iter()
            .zip(&kept)
            .filter(|(_, kept)| **kept)
            .map(|(text, _)| text.as_str().map(doc_lines).unwrap_or_default())
            .collect(),
        None => vec![Vec::new(); count],
    }
}

fn enum_kind(
    wires: &[&str],
    names: Vec<String>,
    docs: Vec<Vec<String>>,
    default: Option<&str>,
    repr: EnumRepr,
) -> TypeKind {
    let mut scope = Scope::default();
    let variants: Vec<EnumVariant> = wires
        .iter()
        .zip(names)
        .zip(docs)
        .map(|((wire, name), doc)| EnumVariant {
            name: scope.unique(name),
            wire: (*wire).to_owned(),
            doc,
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
        unknown: None,
    }
}
