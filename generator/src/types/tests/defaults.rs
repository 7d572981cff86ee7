//! `types::defaults`: a property's `default`, checked against its own schema, then split into a
//! value the generated code fills in and a zero Rust's `Default` gives.
//!
//! §4.7.24 `default`: "the value MUST conform to the defined type for the Schema Object defined
//! at the same level". A default its schema refuses would be sent (and reported) as if the
//! server had said it, so it is dropped with a warning at the `default` keyword.

use super::{components, def, field, types, types_and_warnings};
use crate::types::{DefaultValue, Field};

/// `(default, zero_default, is_option)` of a field.
fn kept(field: &Field) -> (Option<&DefaultValue>, bool, bool) {
    (
        field.default.as_ref(),
        field.zero_default,
        field.is_option(),
    )
}

/// An optional property's default is the server's (§4.7.24: "what would be assumed by the
/// consumer of the input ... if one is not provided"): not filled in, so the field is an `Option`
/// that reads `None` when the key is absent and is not sent unset; its doc comment names it.
/// Filled in, Formbricks' `enabled: true` went back out on values received without it.
#[test]
fn an_optional_propertys_default_is_left_to_the_server_and_named_in_its_doc() {
    let (table, warnings) = types_and_warnings(&components(
        "
    Webhook:
      type: object
      required: [url]
      properties:
        url: {type: string}
        enabled: {type: boolean, default: true, description: On or off.}
        retries: {type: integer, default: 0}
        label: {type: string, default: ''}
        bad: {type: integer, default: 'x'}
",
    ));
    assert_eq!(
        warnings,
        ["#/components/schemas/Webhook/properties/bad/default"]
    );
    for wire in ["enabled", "retries", "label", "bad"] {
        let field = field(&table, "Webhook", wire);
        assert_eq!(kept(field), (None, false, true), "{wire}");
        assert!(field.spec_default.is_none(), "{wire}");
    }
    let doc = |wire| field(&table, "Webhook", wire).doc.join("\n");
    assert_eq!(
        doc("enabled"),
        " On or off.\n\n When it is absent the server assumes `true` (its `default`): the field is \
         then `None`, and `None` is not sent."
    );
    assert!(doc("label").contains("assumes `\"\"`"), "{}", doc("label"));
    assert!(doc("bad").is_empty(), "a refused default is not documented");
}

#[test]
fn a_default_outside_minimum_or_maximum_is_dropped_with_a_warning_at_the_default() {
    // JSON Schema Validation (draft Wright 00, which §4.7.24 takes `minimum`, `maximum` and their
    // `exclusive` flags from): `exclusiveMinimum: true` leaves the bound itself out.
    let (table, warnings) = types_and_warnings(&components(
        "
    Limits:
      type: object
      required: [low, high, open, inside]
      properties:
        low: {type: integer, minimum: 1, default: 0}
        high: {type: integer, maximum: 10, default: 11}
        open: {type: number, minimum: 0, exclusiveMinimum: true, default: 0}
        inside: {type: integer, minimum: 1, maximum: 10, default: 10}
",
    ));
    let at = "#/components/schemas/Limits/properties";
    assert_eq!(
        warnings,
        [
            format!("{at}/low/default"),
            format!("{at}/high/default"),
            format!("{at}/open/default"),
        ]
    );
    for wire in ["low", "high", "open"] {
        // Not filled in, and not a zero either: a lenient decode does not invent it.
        assert_eq!(kept(field(&table, "Limits", wire)), (None, false, false));
    }
    let inside = field(&table, "Limits", "inside");
    assert_eq!(kept(inside), (Some(&DefaultValue::I64(10)), false, false));
}

#[test]
fn a_string_default_its_length_enum_or_format_refuses_is_dropped_with_a_warning() {
    // GitHub's `environment_url: {format: uri, default: ''}`: an empty string is no URI (RFC 3986
    // §3: a URI starts with a scheme).
    let (table, warnings) = types_and_warnings(&components(
        "
    Page:
      type: object
      required: [short, long, pick, url, when, home]
      properties:
        short: {type: string, minLength: 3, default: ab}
        long: {type: string, maxLength: 2, default: abc}
        pick: {type: string, enum: [a, b], default: c}
        url: {type: string, format: uri, default: ''}
        when: {type: string, format: date-time, default: yesterday}
        home: {type: string, format: uri, default: 'https://example.com'}
",
    ));
    let at = "#/components/schemas/Page/properties";
    let expected: Vec<String> = (["short", "long", "pick", "url", "when"].iter())
        .map(|wire| format!("{at}/{wire}/default"))
        .collect();
    assert_eq!(warnings, expected);
    for wire in ["short", "long", "pick", "url", "when"] {
        assert_eq!(field(&table, "Page", wire).default, None, "{wire}");
    }
    let home = DefaultValue::String("https://example.com".into());
    assert_eq!(field(&table, "Page", "home").default, Some(home));
}

#[test]
fn a_default_of_another_type_than_its_schemas_is_dropped_with_a_warning() {
    // §4.7.24's own example: "if `type` is `string`, then `default` can be "foo" but cannot be 1".
    let (table, warnings) = types_and_warnings(&components(
        "
    Options:
      type: object
      properties:
        max_tokens: {type: integer, default: '1024'}
        name: {type: string, default: 1}
        stream: {type: boolean, default: 'no'}
",
    ));
    let at = "#/components/schemas/Options/properties";
    assert_eq!(
        warnings,
        [
            format!("{at}/max_tokens/default"),
            format!("{at}/name/default"),
            format!("{at}/stream/default"),
        ]
    );
    for wire in ["max_tokens", "name", "stream"] {
        assert_eq!(kept(field(&table, "Options", wire)), (None, false, true));
    }
}

#[test]
fn a_zero_default_is_left_to_rusts_default_and_the_field_holds_a_plain_value() {
    // §4.7.24's example `Dog.packSize`: `default: 0, minimum: 0`.
    let (table, warnings) = types_and_warnings(&components(
        "
    Dog:
      type: object
      required: [packSize, good, nick]
      properties:
        packSize: {type: integer, format: int32, default: 0, minimum: 0}
        good: {type: boolean, default: false}
        nick: {type: string, default: ''}
",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    for wire in ["packSize", "good", "nick"] {
        assert_eq!(
            kept(field(&table, "Dog", wire)),
            (None, true, false),
            "{wire}"
        );
    }
    assert!(def(&table, "Dog").implements_default);
}

#[test]
fn a_nullable_fields_zero_default_is_written_out_since_the_option_defaults_to_none() {
    let table = types(&components(
        "
    Query:
      type: object
      required: [offset, limit]
      properties:
        offset: {type: integer, nullable: true, default: 0}
        limit: {type: integer, nullable: true, default: 20}
",
    ));
    let offset = field(&table, "Query", "offset");
    assert_eq!(kept(offset), (Some(&DefaultValue::I64(0)), false, true));
    let limit = field(&table, "Query", "limit");
    assert_eq!(kept(limit), (Some(&DefaultValue::I64(20)), false, true));
}

#[test]
fn openapi_31_numeric_exclusive_minimum_refuses_a_default_on_the_bound() {
    // JSON Schema 2020-12 Validation §6.2.5: `exclusiveMinimum` is a number the value must exceed.
    let (table, warnings) = types_and_warnings(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    Scale:
      type: object
      required: [factor, ratio]
      properties:
        factor: {type: number, exclusiveMinimum: 0, default: 0}
        ratio: {type: number, exclusiveMinimum: 0, default: 0.5}
",
    );
    assert_eq!(
        warnings,
        ["#/components/schemas/Scale/properties/factor/default"]
    );
    assert_eq!(field(&table, "Scale", "factor").default, None);
    let ratio = field(&table, "Scale", "ratio");
    assert_eq!(ratio.default, Some(DefaultValue::F64(0.5)));
}

#[test]
fn default_null_makes_absent_mean_null_so_an_optional_nullable_field_has_two_states_not_three() {
    // In a request body, an optional nullable property may be absent, `null` or a value
    // (`tri_state`), unless `default: null` says absent means `null`. A default value is the
    // server's to assume (it is not filled in), so the three states stay three.
    let table = types(
        "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    patch:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Patch'}
      responses:
        '204': {description: done}
components:
  schemas:
    Patch:
      type: object
      properties:
        plain: {type: string, nullable: true}
        null_default: {type: string, nullable: true, default: null}
        value_default: {type: string, nullable: true, default: x}
",
    );
    let tri: Vec<(&str, bool)> = (super::fields(&table, "Patch").iter())
        .map(|f| (f.wire.as_str(), f.tri_state))
        .collect();
    assert_eq!(
        tri,
        [
            ("plain", true),
            ("null_default", false),
            ("value_default", true)
        ]
    );
}

/// A property that is a `$ref` takes the referenced schema's `default` (and its check); a
/// default its schema refuses is reported where it is written, at the schema's own place (the
/// property has no `default` node in the file).
#[test]
fn a_referenced_schemas_bad_default_is_reported_where_it_is_written() {
    let (table, warnings) = types_and_warnings(&components(
        "
    Small: {type: integer, maximum: 5, default: 10}
    Owner:
      type: object
      properties:
        size: {$ref: '#/components/schemas/Small'}
",
    ));
    assert_eq!(field(&table, "Owner", "size").default, None);
    assert_eq!(warnings, ["#/components/schemas/Small/default"]);
}

/// A property that refers to a scalar component (`name: {$ref: Name}`, `Name: {type: string,
/// default: anon}`) has that component's type, an alias of `String`; the default fits it and is
/// kept, as the alias's scalar's (string, integer and boolean alike).
#[test]
fn a_valid_default_of_a_property_that_refers_to_a_scalar_component_is_kept() {
    // §4.7.24 `default`: the value conforms to the type, so it is the value to assume.
    let (table, warnings) = types_and_warnings(&components(
        "
    Name: {type: string, default: anon}
    Count: {type: integer, default: 5}
    Flag: {type: boolean, default: true}
    User:
      type: object
      required: [name, count, flag, limit]
      properties:
        name: {$ref: '#/components/schemas/Name'}
        count: {$ref: '#/components/schemas/Count'}
        flag: {$ref: '#/components/schemas/Flag'}
        limit: {allOf: [{$ref: '#/components/schemas/Count'}], default: 7}
",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    let defaults: Vec<Option<&DefaultValue>> = (super::fields(&table, "User").iter())
        .map(|field| field.default.as_ref())
        .collect();
    assert_eq!(
        defaults,
        [
            Some(&DefaultValue::String("anon".into())),
            Some(&DefaultValue::I64(5)),
            Some(&DefaultValue::Bool(true)),
            Some(&DefaultValue::I64(7)),
        ]
    );
}
