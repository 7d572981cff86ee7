//! `types::members`: an object's fields (with `allOf` merged) and a union's variants.

use super::{
    alias_of, components, field, field_ty, fields, names, types, types_and_warnings, union,
    union_members, wires,
};
use crate::types::{Direction, Ty};

#[test]
fn required_and_nullable_come_from_the_required_list_and_the_nullable_keyword() {
    // §4.7.24: `required` lists the properties a value must have; `nullable: true` allows `null`.
    let table = types(&components(
        "
    Pet:
      type: object
      required: [id, tag]
      properties:
        id: {type: integer}
        tag: {type: string, nullable: true}
        name: {type: string}
        nick: {type: string, nullable: true}
",
    ));
    let got: Vec<(&str, bool, bool, bool)> = (fields(&table, "Pet").iter())
        .map(|f| (f.wire.as_str(), f.required, f.nullable, f.is_option()))
        .collect();
    assert_eq!(
        got,
        [
            ("id", true, false, false),
            ("tag", true, true, true),
            ("name", false, false, true),
            ("nick", false, true, true),
        ]
    );
}

#[test]
fn a_property_named_like_a_keyword_gets_a_raw_or_suffixed_name_and_clashing_names_are_numbered() {
    let table = types(&components(
        "
    Thing:
      type: object
      properties:
        type: {type: string}
        self: {type: string}
        foo-bar: {type: string}
        foo_bar: {type: string}
        1st: {type: string}
        fooBar2: {type: string}
",
    ));
    let got: Vec<(String, &str)> = (fields(&table, "Thing").iter())
        .map(|f| (f.name.to_string(), f.wire.as_str()))
        .collect();
    let expected = [
        ("r#type", "type"),
        ("self_", "self"),
        ("foo_bar", "foo-bar"),
        ("foo_bar2", "foo_bar"),
        ("_1st", "1st"),
        // `foo_bar2` is taken: the next free one ends in a digit, so `_` sets the number apart.
        ("foo_bar2_2", "fooBar2"),
    ];
    let expected: Vec<(String, &str)> = (expected.iter())
        .map(|(name, wire)| ((*name).to_owned(), *wire))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn read_only_and_write_only_properties_are_never_required_and_keep_their_direction() {
    // §4.7.24 readOnly / writeOnly: `required` on such a property takes effect on responses
    // (requests) only, and one struct serves both ways: the field is optional.
    let table = types(&components(
        "
    User:
      type: object
      required: [id, password, name]
      properties:
        id: {type: string, readOnly: true}
        password: {type: string, writeOnly: true}
        name: {type: string}
",
    ));
    let got: Vec<(&str, bool, Direction)> = (fields(&table, "User").iter())
        .map(|f| (f.wire.as_str(), f.required, f.direction))
        .collect();
    assert_eq!(
        got,
        [
            ("id", false, Direction::ReadOnly),
            ("password", false, Direction::WriteOnly),
            ("name", true, Direction::Both),
        ]
    );
}

#[test]
fn credentials_are_secret_by_name_by_format_password_or_by_write_only_but_never_a_boolean() {
    let table = types(&components(
        "
    Login:
      type: object
      properties:
        password: {type: string}
        api_key: {type: string}
        pin: {type: string, format: password}
        answer: {type: string, writeOnly: true}
        is_password: {type: boolean}
        username: {type: string}
",
    ));
    let secret: Vec<(&str, bool)> = (fields(&table, "Login").iter())
        .map(|f| (f.wire.as_str(), f.secret))
        .collect();
    assert_eq!(
        secret,
        [
            ("password", true),
            ("api_key", true),
            ("pin", true),
            ("answer", true),
            ("is_password", false),
            ("username", false),
        ]
    );
}

#[test]
fn allof_merges_every_members_properties_in_order_and_the_union_of_their_required_lists() {
    // §4.7.24 "Models with Composition": `allOf` members are validated independently but
    // together compose a single object, so the value has every member's properties, and each
    // member's `required` holds.
    let table = types(&components(
        "
    ErrorModel:
      type: object
      required: [message, code]
      properties:
        message: {type: string}
        code: {type: integer, minimum: 100, maximum: 600}
    ExtendedErrorModel:
      allOf:
        - $ref: '#/components/schemas/ErrorModel'
        - type: object
          required: [rootCause]
          properties:
            rootCause: {type: string}
            hint: {type: string}
",
    ));
    let merged = "ExtendedErrorModel";
    assert_eq!(
        wires(&table, merged),
        ["message", "code", "rootCause", "hint"]
    );
    let required: Vec<bool> = fields(&table, merged).iter().map(|f| f.required).collect();
    assert_eq!(required, [true, true, true, false]);
    assert_eq!(names(&table), ["ErrorModel", "ExtendedErrorModel"]);
}

#[test]
fn a_property_a_later_allof_member_repeats_keeps_its_place_and_is_narrowed_to_that_enum() {
    // The value must satisfy both members: a `kind` that is a string and one of the enum's values
    // is one of the enum's values. `required` beside the enum applies too.
    let table = types(&components(
        "
    Vehicle:
      type: object
      properties:
        kind: {type: string}
        wheels: {type: integer}
    Car:
      allOf:
        - $ref: '#/components/schemas/Vehicle'
        - type: object
          required: [kind]
          properties:
            kind: {type: string, enum: [car]}
            seats: {type: integer}
",
    ));
    assert_eq!(wires(&table, "Car"), ["kind", "wheels", "seats"]);
    assert_eq!(field_ty(&table, "Car", "kind"), "CarKind");
    assert!(field(&table, "Car", "kind").required);
    // The base keeps its own plain string.
    assert_eq!(field(&table, "Vehicle", "kind").ty, Ty::String);
}

#[test]
fn additional_properties_beside_properties_become_one_flattened_map_field() {
    // §4.7.24: `additionalProperties` says what the keys beyond `properties` hold.
    let table = types(&components(
        "
    Labels:
      type: object
      required: [name]
      properties:
        name: {type: string}
        additional_properties: {type: string}
      additionalProperties: {type: integer}
",
    ));
    assert_eq!(
        wires(&table, "Labels"),
        ["name", "additional_properties", ""]
    );
    let extra = &fields(&table, "Labels")[2];
    assert!(extra.additional && !extra.required);
    // The name a property already holds is not taken again.
    assert_eq!(extra.name.to_string(), "additional_properties2");
    assert_eq!(extra.ty, Ty::Map(Box::new(Ty::I64)));
}

#[test]
fn a_required_property_no_member_declares_is_any_json_with_a_warning_at_its_required_entry() {
    let (table, warnings) = types_and_warnings(&components(
        "
    Config:
      type: object
      required: [name, purpose]
      properties:
        name: {type: string}
",
    ));
    let purpose = field(&table, "Config", "purpose");
    assert_eq!((&purpose.ty, purpose.required), (&Ty::Json, true));
    assert_eq!(warnings, ["#/components/schemas/Config/required/1"]);
}

#[test]
fn union_members_keep_spec_order_and_are_named_from_their_types_less_the_unions_name() {
    let table = types(&components(
        "
    Contact:
      oneOf:
        - $ref: '#/components/schemas/ContactEmail'
        - $ref: '#/components/schemas/Phone'
        - {type: integer, format: int32}
        - {type: integer, format: int64}
        - {type: array, items: {type: string}}
    ContactEmail: {type: object, properties: {email: {type: string}}}
    Phone: {type: object, properties: {number: {type: string}}}
",
    ));
    let expected = [
        ("Email", "ContactEmail"),
        ("Phone", "Phone"),
        ("Integer", "I32"),
        ("Integer2", "I64"),
        ("StringList", "Vec<String>"),
    ];
    let expected: Vec<(&str, String)> = (expected.iter())
        .map(|(name, ty)| (*name, (*ty).to_owned()))
        .collect();
    assert_eq!(union_members(&table, "Contact"), expected);
    assert_eq!(union(&table, "Contact").1, None);
}

#[test]
fn discriminator_tags_come_from_the_mapping_or_else_the_schema_name() {
    // §4.7.25: `mapping` values are schema names or references; a member it does not map is
    // selected by its schema name (the implicit mapping), and a mapped one only by its keys.
    let table = types(&components(
        "
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - $ref: '#/components/schemas/Lizard'
      discriminator:
        propertyName: petType
        mapping:
          dog: '#/components/schemas/Dog'
          lizard: Lizard
          gecko: Lizard
    Cat: {type: object, required: [petType], properties: {petType: {type: string}}}
    Dog: {type: object, required: [petType], properties: {petType: {type: string}}}
    Lizard: {type: object, required: [petType], properties: {petType: {type: string}}}
",
    ));
    let (variants, discriminator) = union(&table, "Pet");
    assert_eq!(discriminator, Some("petType"));
    let tags: Vec<(&str, Vec<&str>)> = (variants.iter())
        .map(|v| (v.name.as_str(), v.tags.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Cat", vec!["Cat"]),
            ("Dog", vec!["dog"]),
            ("Lizard", vec!["lizard", "gecko"])
        ]
    );
}

#[test]
fn a_discriminator_is_not_used_when_an_inline_member_has_no_tag() {
    // §4.7.25: "When using the discriminator, inline schemas will not be considered": an inline
    // member has no tag, so the members are told apart by their shapes instead.
    let table = types(&components(
        "
    Shape:
      oneOf:
        - $ref: '#/components/schemas/Circle'
        - {type: object, properties: {kind: {type: string}, side: {type: number}}}
      discriminator: {propertyName: kind}
    Circle: {type: object, properties: {kind: {type: string}, radius: {type: number}}}
",
    ));
    let (variants, discriminator) = union(&table, "Shape");
    assert_eq!(discriminator, None);
    assert_eq!(variants[0].tags, ["Circle"]);
    assert!(variants[1].tags.is_empty());
}

#[test]
fn an_allof_that_only_annotates_one_member_that_is_not_an_object_is_that_member() {
    // `allOf: [$ref]` with a description, or with a scalar schema of the same type, describes
    // the member's values: no struct is made of it.
    let table = types(&components(
        "
    Mode: {type: integer, enum: [0, 1]}
    Described: {allOf: [{$ref: '#/components/schemas/Mode'}], description: The mode.}
    Tag: {type: string}
    Restated: {allOf: [{$ref: '#/components/schemas/Tag'}, {type: string, maxLength: 8}]}
    Tags: {type: object, additionalProperties: {type: string}}
    TagsDescribed: {allOf: [{$ref: '#/components/schemas/Tags'}, {description: All tags.}]}
",
    ));
    assert_eq!(alias_of(&table, "Described"), "Mode");
    assert_eq!(alias_of(&table, "Restated"), "Tag");
    assert_eq!(alias_of(&table, "TagsDescribed"), "Map<String>");
}

/// A property an `allOf` member repeats with `readOnly` is read-only in the merged object (its
/// annotations apply as much as the first member's), so it is neither required of requests nor
/// sent; a repeated `writeOnly` one is write-only, never read back, and hidden from `Debug`.
#[test]
fn read_only_or_write_only_on_a_property_a_later_allof_member_repeats_applies() {
    // §4.7.24 readOnly: "SHOULD NOT be sent as part of the request"; `allOf` members are all
    // validated against the one value (§4.7.24, Composition and Inheritance).
    let table = types(&components(
        "
    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
        answer: {type: string}
    Resource:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            id: {type: string, readOnly: true}
            answer: {type: string, writeOnly: true}
",
    ));
    let id = field(&table, "Resource", "id");
    assert_eq!((id.direction, id.required), (Direction::ReadOnly, false));
    let answer = field(&table, "Resource", "answer");
    assert_eq!(answer.direction, Direction::WriteOnly);
    assert!(answer.secret);
}
