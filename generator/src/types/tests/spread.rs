//! `types::spread`: object keywords beside a `oneOf`/`anyOf` are spread into each member.
//!
//! The keywords of one schema all apply to a value (JSON Schema 2020-12 §10.2.1; in OpenAPI 3.0,
//! §4.7.24 takes `properties`, `oneOf` and `allOf` from JSON Schema with the same meaning): a
//! value is one of the members *and* has the properties beside them.

use super::{
    components, def, field, fields, names, types, types_and_warnings, union, union_members, wires,
};
use crate::types::{DefaultValue, Ty, TypeKind};

#[test]
fn properties_beside_a_oneof_are_spread_into_one_struct_per_member() {
    let table = types(&components(
        "
    Payment:
      type: object
      required: [amount]
      properties:
        amount: {type: integer}
      oneOf:
        - $ref: '#/components/schemas/Card'
        - $ref: '#/components/schemas/Bank'
        - type: object
          properties: {cash: {type: boolean}}
    Card: {type: object, required: [number], properties: {number: {type: string}}}
    Bank: {type: object, required: [iban], properties: {iban: {type: string}}}
",
    ));
    // Each merged member is named after the union and the member, or its position for an
    // inline one.
    let expected = [
        ("Card", "PaymentCard"),
        ("Bank", "PaymentBank"),
        ("Variant2", "PaymentVariant2"),
    ];
    let expected: Vec<(&str, String)> = (expected.iter())
        .map(|(name, ty)| (*name, (*ty).to_owned()))
        .collect();
    assert_eq!(union_members(&table, "Payment"), expected);
    // The shared properties come first, with their `required`, then the member's own.
    assert_eq!(wires(&table, "PaymentCard"), ["amount", "number"]);
    assert_eq!(wires(&table, "PaymentBank"), ["amount", "iban"]);
    assert_eq!(wires(&table, "PaymentVariant2"), ["amount", "cash"]);
    for member in ["PaymentCard", "PaymentBank", "PaymentVariant2"] {
        assert!(field(&table, member, "amount").required, "{member}");
    }
    // The members' own components are untouched.
    assert_eq!(wires(&table, "Card"), ["number"]);
}

#[test]
fn a_member_that_cannot_be_an_object_leaves_only_the_properties_typed_with_a_warning() {
    // A string has no properties: such a union cannot be spread, and the struct of the
    // properties is what remains (keys only an object member adds are not typed).
    let (table, warnings) = types_and_warnings(&components(
        "
    Amount:
      type: object
      properties:
        value: {type: integer}
      oneOf:
        - $ref: '#/components/schemas/Card'
        - {type: string}
    Card: {type: object, properties: {number: {type: string}}}
",
    ));
    assert_eq!(wires(&table, "Amount"), ["value"]);
    assert_eq!(warnings, ["#/components/schemas/Amount/oneOf"]);
}

#[test]
fn an_allof_of_a_union_and_an_object_spreads_the_object_into_each_member_of_the_union() {
    // `allOf: [PaymentMethod, {properties: {reference}}]`: the value is one of the union's
    // members and has `reference`. The union's discriminator still tells them apart.
    let table = types(&components(
        "
    Method:
      oneOf:
        - $ref: '#/components/schemas/Card'
        - $ref: '#/components/schemas/Bank'
      discriminator: {propertyName: kind}
    Card: {type: object, properties: {kind: {type: string}, number: {type: string}}}
    Bank: {type: object, properties: {kind: {type: string}, iban: {type: string}}}
    Order:
      allOf:
        - $ref: '#/components/schemas/Method'
        - type: object
          required: [reference]
          properties: {reference: {type: string}}
",
    ));
    let (variants, discriminator) = union(&table, "Order");
    assert_eq!(discriminator, Some("kind"));
    let tags: Vec<&[String]> = variants.iter().map(|v| v.tags.as_slice()).collect();
    assert_eq!(tags, [["Card"], ["Bank"]]);
    assert_eq!(wires(&table, "OrderCard"), ["reference", "kind", "number"]);
    assert_eq!(wires(&table, "OrderBank"), ["reference", "kind", "iban"]);
    assert!(field(&table, "OrderCard", "reference").required);
    // A merged member is sent with its tag: its tag property defaults to it.
    let kind = field(&table, "OrderBank", "kind");
    assert_eq!(kind.default, Some(DefaultValue::String("Bank".into())));
    // The union itself is unchanged.
    assert_eq!(
        union_members(&table, "Method"),
        [("Card", "Card".to_owned()), ("Bank", "Bank".to_owned())]
    );
}

#[test]
fn an_allof_union_that_cannot_be_spread_keeps_its_keys_in_additional_properties_with_a_warning() {
    let (table, warnings) = types_and_warnings(&components(
        "
    Reference:
      allOf:
        - oneOf: [{type: string}, {type: integer}]
        - type: object
          properties: {reference: {type: string}}
",
    ));
    assert_eq!(wires(&table, "Reference"), ["reference", ""]);
    let extra = &fields(&table, "Reference")[1];
    assert!(extra.additional);
    assert_eq!(extra.ty, Ty::Map(Box::new(Ty::Json)));
    assert_eq!(warnings, ["#/components/schemas/Reference/allOf"]);
}

#[test]
fn a_member_that_extends_the_schema_with_the_properties_is_kept_as_it_is() {
    // `Node` lists its own subtype among its members: the subtype has `Node`'s properties already
    // (through its `allOf`), so it is a member as it stands, not merged again.
    let table = types(&components(
        "
    Node:
      type: object
      properties:
        id: {type: string}
      oneOf:
        - $ref: '#/components/schemas/Leaf'
        - $ref: '#/components/schemas/Branch'
    Leaf: {type: object, properties: {value: {type: string}}}
    Branch:
      allOf:
        - $ref: '#/components/schemas/Node'
        - type: object
          properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}
",
    ));
    let members = union_members(&table, "Node");
    assert_eq!(
        members,
        [
            ("Leaf", "NodeLeaf".to_owned()),
            ("Branch", "Branch".to_owned())
        ]
    );
    assert_eq!(wires(&table, "NodeLeaf"), ["id", "value"]);
    assert!(matches!(def(&table, "Branch").kind, TypeKind::Struct(_)));
    assert!(!names(&table).contains(&"NodeBranch"));
}

#[test]
fn a_members_required_nullable_key_must_be_there_for_it_to_decode() {
    // "At least one of these": an `anyOf` of `required` lists beside nullable properties.
    let table = types(&components(
        "
    Filter:
      type: object
      properties:
        app_id: {type: string, nullable: true}
        user_id: {type: string, nullable: true}
      anyOf:
        - required: [user_id]
        - required: [app_id]
    Loose: {type: object, required: [note], properties: {note: {type: string, nullable: true}}}
",
    ));
    let present = |member: &str, wire: &str| field(&table, member, wire).must_be_present;
    assert!(present("FilterVariant0", "user_id") && !present("FilterVariant0", "app_id"));
    assert!(present("FilterVariant1", "app_id") && !present("FilterVariant1", "user_id"));
    // Outside a union, a missing nullable key still reads as `null`.
    assert!(!present("Loose", "note"));
}
