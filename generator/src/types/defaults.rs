//! A property's `default`: checked against its own schema, then split into the value the
//! generated code applies and a zero that Rust's `Default` already gives.
//!
//! Only a required property's default is applied (by `Default` and when a lenient decode finds
//! the key missing). An optional property's default is the server's to apply (OpenAPI 3.0.3
//! §4.7.24: "the default value represents what would be assumed by the consumer of the input as
//! the value of the schema if one is not provided"): the field is an `Option`, absent reads as
//! `None` and `None` is not sent, so what was decoded re-encodes without keys its input lacked
//! (issue 34: Formbricks' `enabled: true` came back on values sent without it, and matched a
//! second `oneOf` member). Its doc comment names the default, once `finish` has typed it.

use super::convert::TypeSpace;
use super::Ty;
use crate::diagnostics::{Code, Diagnostic};
use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

/// What a property's default means for its field.
pub(super) struct PropertyDefault {
    /// A required property's: the value the generated code fills in. An optional property's:
    /// the value its doc comment names (any value that fits its schema, zeros too). Typed later
    /// (`finish::type_defaults`).
    pub spec: Option<serde_json::Value>,
    /// A required property's default is the type's zero, which `Default` gives.
    pub zero: bool,
    /// `default: null` (FastAPI's optional fields): absent and `null` need not be told apart.
    pub null: bool,
}

/// The doc line of an optional property whose default `value` is the server's to assume.
pub(super) fn servers_default_doc(value: &serde_json::Value) -> String {
    format!(" When it is absent the server assumes `{value}` (its `default`): the field is then `None`, and `None` is not sent.")
}

impl TypeSpace<'_> {
    /// The default of the property `wire` (its schema `resolved`, Rust type `ty`), with a
    /// warning at `pointer` when the spec's default is refused by its own schema or cannot be
    /// held by the type: it is then not filled in, and absent stays absent.
    pub(super) fn property_default(
        &mut self,
        wire: &str,
        resolved: Option<&Schema>,
        ty: &Ty,
        (nullable, required): (bool, bool),
        pointer: &str,
    ) -> PropertyDefault {
        let data = resolved.map(|schema| &schema.schema_data);
        let mut default = data.and_then(|data| data.default.clone());
        let misfit = (resolved.zip(default.as_ref()))
            .and_then(|(schema, value)| Some((value, default_misfit((schema, value))?)));
        if let Some((value, problem)) = misfit {
            let message = format!("the default {value} of `{wire}` {problem}: it is not filled in (an absent value stays absent)");
            self.diagnostics
                .push(Diagnostic::warning(Code::BadDefault, pointer, message));
            default = None;
        }
        // A property that refers to a scalar component has that component's alias as its type:
        // the default is the scalar's.
        let ty = &self.table.resolve(ty).clone();
        // `Option`'s own default is `None`: a nullable field's zero default is written out.
        let (spec, zero) = match split_default(default.clone(), ty) {
            (None, true) if nullable => (default.clone(), false),
            split => split,
        };
        let kept = spec.is_some() || zero;
        let null_default = default.as_ref().is_some_and(serde_json::Value::is_null)
            || data.is_some_and(|data| {
                data.extensions
                    .contains_key(crate::read::keys::DEFAULT_NULL)
            });
        let dropped = default.as_ref().filter(|_| !kept && !null_default);
        if let (Some(value), Some(expected)) = (dropped, scalar_name(ty)) {
            // HuggingFace TGI's `default: "1024"` on an integer, `default: "null"`.
            let message = format!("the default {value} of `{wire}` is not {expected}: it is not filled in (an absent value stays absent)");
            self.diagnostics
                .push(Diagnostic::warning(Code::BadDefault, pointer, message));
        }
        if !required {
            return PropertyDefault {
                spec: default.filter(|value| kept && !value.is_null()),
                zero: false,
                null: null_default,
            };
        }
        PropertyDefault {
            spec,
            zero,
            null: null_default,
        }
    }
}

/// Why `default` breaks its own schema's bounds (a number's `minimum`/`maximum`; a string's
/// `enum`, length bounds or `format`: GitHub's `environment_url`, `format: uri, default: ""`),
/// if it does: filled in, it would send (and report) a value the schema refuses. Formats are
/// checked for their shape only, and `pattern` not at all (it is an ECMA-262 regex).
fn default_misfit((schema, default): (&Schema, &serde_json::Value)) -> Option<String> {
    let bounds = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => Some((
            integer
                .minimum
                .map(|min| (min as f64, integer.exclusive_minimum)),
            integer
                .maximum
                .map(|max| (max as f64, integer.exclusive_maximum)),
        )),
        SchemaKind::Type(Type::Number(number)) => Some((
            number.minimum.map(|min| (min, number.exclusive_minimum)),
            number.maximum.map(|max| (max, number.exclusive_maximum)),
        )),
        _ => None,
    };
    if let (Some((min, max)), Some(value)) = (bounds, default.as_f64()) {
        let below = min.is_some_and(|(min, exclusive)| value < min || (exclusive && value == min));
        let above = max.is_some_and(|(max, exclusive)| value > max || (exclusive && value == max));
        return match (below, above) {
            (true, _) => Some("is below its `minimum`".to_owned()),
            (_, true) => Some("is above its `maximum`".to_owned()),
            _ => None,
        };
    }
    let (SchemaKind::Type(Type::String(string)), serde_json::Value::String(text)) =
        (&schema.schema_kind, default)
    else {
        return None;
    };
    let length = text.chars().count();
    if string.min_length.is_some_and(|min| length < min) {
        return Some("is shorter than its `minLength`".to_owned());
    }
    if string.max_length.is_some_and(|max| length > max) {
        return Some("is longer than its `maxLength`".to_owned());
    }
    let listed = string.enumeration.iter().flatten();
    if !string.enumeration.is_empty() && !listed.clone().any(|value| value == text) {
        return Some("is not one of its `enum` values".to_owned());
    }
    let format = match &string.format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
        VariantOrUnknownOrEmpty::Unknown(format) => format.as_str(),
        _ => return None,
    };
    let date = |t: &str| {
        let b = t.as_bytes();
        b.len() >= 10
            && b[..10].iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
    };
    let fits = match format {
        "uri" | "url" => text.split_once(':').is_some_and(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }),
        "email" => text.contains('@'),
        "uuid" => text.len() == 36 && text.chars().filter(|c| *c == '-').count() == 4,
        "date" => text.len() == 10 && date(text),
        "date-time" => {
            date(text)
                && text
                    .as_bytes()
                    .get(10)
                    .is_some_and(|c| matches!(c, b'T' | b't' | b' '))
        }
        _ => true,
    };
    (!fits).then(|| format!("is not a `{format}`"))
}

/// What a scalar type holds, for messages (`an integer`), `None` for other types.
fn scalar_name(ty: &Ty) -> Option<&'static str> {
    match ty {
        Ty::String => Some("a string"),
        Ty::Bool => Some("a boolean"),
        Ty::I32 | Ty::I64 | Ty::U64 => Some("an integer"),
        Ty::F64 => Some("a number"),
        _ => None,
    }
}

/// Splits a spec default into one the generated code must apply, or a zero default that Rust's
/// `Default` already gives; defaults of a type that cannot hold them are dropped.
fn split_default(default: Option<serde_json::Value>, ty: &Ty) -> (Option<serde_json::Value>, bool) {
    let Some(value) = default else {
        return (None, false);
    };
    let zero = match (ty, &value) {
        (Ty::String, serde_json::Value::String(text)) => text.is_empty(),
        (Ty::Bool, serde_json::Value::Bool(flag)) => !flag,
        (Ty::I32 | Ty::I64, serde_json::Value::Number(number)) => number.as_i64() == Some(0),
        (Ty::U64, serde_json::Value::Number(number)) => number.as_u64() == Some(0),
        (Ty::F64, serde_json::Value::Number(number)) => number.as_f64() == Some(0.0),
        (Ty::String, _) | (Ty::Bool, _) | (Ty::I32 | Ty::I64 | Ty::U64 | Ty::F64, _) => {
            return (None, false)
        }
        (Ty::Named(_), serde_json::Value::String(_) | serde_json::Value::Number(_)) => false,
        _ => return (None, false),
    };
    if zero {
        (None, true)
    } else {
        (Some(value), false)
    }
}
