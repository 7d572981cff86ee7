//! `types::finish` and `types::layout`: the decisions that need every type converted: boxing,
//! newtypes for recursive aliases, `Default` impls, and what tagged unions know of their members.

use super::{alias_of, components, def, field, strict_errors, types, types_and_warnings, union};
use crate::diagnostics::Code;
use crate::types::TypeKind;

#[test]
fn mutually_recursive_structs_box_the_fields_of_the_cycle_and_no_others() {
    // A struct that holds itself, directly or through `Option`, has no size; a `Vec` already
    // holds its items behind a pointer.
    let table = types(&components(
        "
    Person:
      type: object
      properties:
        employer: {$ref: '#/components/schemas/Company'}
        home: {$ref: '#/components/schemas/Address'}
    Company:
      type: object
      required: [owner]
      properties:
        owner: {$ref: '#/components/schemas/Person'}
        staff: {type: array, items: {$ref: '#/components/schemas/Person'}}
    Address: {type: object, properties: {city: {type: string}}}
",
    ));
    assert!(field(&table, "Person", "employer").boxed);
    assert!(field(&table, "Company", "owner").boxed);
    assert!(!field(&table, "Person", "home").boxed);
    assert!(!field(&table, "Company", "staff").boxed);
}

#[test]
fn a_union_member_that_contains_the_union_is_boxed() {
    let table = types(&components(
        "
    Expr:
      oneOf:
        - {type: integer}
        - $ref: '#/components/schemas/Not'
    Not:
      type: object
      required: [operand]
      properties:
        operand: {$ref: '#/components/schemas/Expr'}
",
    ));
    let (variants, _) = union(&table, "Expr");
    let boxed: Vec<(&str, bool)> = (variants.iter())
        .map(|v| (v.name.as_str(), v.boxed))
        .collect();
    assert_eq!(boxed, [("Integer", false), ("Not", true)]);
    assert!(field(&table, "Not", "operand").boxed);
}

#[test]
fn a_union_member_much_larger_than_the_others_is_boxed() {
    // clippy's `large_enum_variant`: 12 strings (288 bytes) beside a string (24).
    let table = types(&components(
        "
    Reply:
      oneOf:
        - $ref: '#/components/schemas/Full'
        - {type: string}
    Full:
      type: object
      properties:
        a: {type: string}
        b: {type: string}
        c: {type: string}
        d: {type: string}
        e: {type: string}
        f: {type: string}
        g: {type: string}
        h: {type: string}
        i: {type: string}
        j: {type: string}
        k: {type: string}
        l: {type: string}
",
    ));
    let (variants, _) = union(&table, "Reply");
    let boxed: Vec<bool> = variants.iter().map(|v| v.boxed).collect();
    assert_eq!(boxed, [true, false]);
}

#[test]
fn an_array_or_map_of_itself_is_a_newtype_and_a_ref_loop_is_a_defect_typed_as_any_json() {
    // A Rust `type` alias cannot name itself; a struct around the `Vec` or map can.
    let table = types(&components(
        "
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    Dict: {type: object, additionalProperties: {$ref: '#/components/schemas/Dict'}}
    Names: {type: array, items: {type: string}}
",
    ));
    assert!(matches!(def(&table, "Tree").kind, TypeKind::Newtype(_)));
    assert_eq!(alias_of(&table, "Tree"), "Vec<Tree>");
    assert!(matches!(def(&table, "Dict").kind, TypeKind::Newtype(_)));
    assert_eq!(alias_of(&table, "Dict"), "Map<Dict>");
    assert!(matches!(def(&table, "Names").kind, TypeKind::Alias(_)));
    // Only `$ref`s, with no value anywhere: no type can be made of it.
    let spec = components(
        "
    Ping: {$ref: '#/components/schemas/Pong'}
    Pong: {$ref: '#/components/schemas/Ping'}
",
    );
    // The first of the loop is any JSON value, which breaks the loop.
    let (table, warnings) = types_and_warnings(&spec);
    assert_eq!(warnings, ["#/components/schemas/Ping"]);
    assert_eq!(alias_of(&table, "Ping"), "Json");
    assert_eq!(alias_of(&table, "Pong"), "Ping");
    let errors = strict_errors(&spec);
    assert_eq!(
        errors,
        [("#/components/schemas/Ping".to_owned(), Code::RefCycle)]
    );
}

#[test]
fn default_is_implemented_where_every_field_has_a_default_or_may_be_absent() {
    let table = types(&components(
        "
    Open:
      type: object
      properties:
        name: {type: string}
    Counted:
      type: object
      required: [count, tags]
      properties:
        count: {type: integer}
        tags: {type: array, items: {type: string}}
    Colored:
      type: object
      required: [color]
      properties:
        color: {$ref: '#/components/schemas/Color'}
    Shaded:
      type: object
      required: [shade]
      properties:
        shade: {$ref: '#/components/schemas/Shade'}
    Color: {type: string, enum: [red, blue]}
    Shade: {type: string, enum: [light, dark], default: dark}
    Either: {oneOf: [{type: string}, {type: integer}]}
    Holder:
      type: object
      required: [either]
      properties:
        either: {$ref: '#/components/schemas/Either'}
    OpenAlias: {$ref: '#/components/schemas/Open'}
",
    ));
    let implements: Vec<(&str, bool)> = (table.iter())
        .map(|(_, d)| (d.name.as_str(), d.implements_default))
        .collect();
    assert_eq!(
        implements,
        [
            ("Open", true),     // every field is optional
            ("Counted", true),  // `0` and an empty list
            ("Colored", false), // an enum without a default
            ("Shaded", true),   // the enum's default
            ("Color", false),
            ("Shade", true),
            ("Either", false), // a union picks no member by default
            ("Holder", false),
            ("OpenAlias", true),
        ]
    );
}

#[test]
fn a_tagged_members_known_keys_are_kept_and_one_without_the_tag_property_is_sent_with_its_tag() {
    // §4.7.25: the discriminator property names the member; a member struct that does not
    // declare it must still carry it when it is sent, or the receiver cannot tell the member.
    let table = types(&components(
        "
    Shape:
      oneOf:
        - $ref: '#/components/schemas/Circle'
        - $ref: '#/components/schemas/Square'
      discriminator: {propertyName: kind}
    Circle: {type: object, properties: {radius: {type: number}}}
    Square:
      type: object
      required: [kind]
      properties: {kind: {type: string}, side: {type: number}}
",
    ));
    let (variants, _) = union(&table, "Shape");
    let circle = &variants[0];
    assert_eq!(circle.written_tag.as_deref(), Some("Circle"));
    assert!(circle.tag_optional);
    assert_eq!(circle.keys, Some(vec!["radius".to_owned()]));
    let square = &variants[1];
    assert_eq!(square.written_tag, None);
    assert!(!square.tag_optional);
    assert_eq!(
        square.keys,
        Some(vec!["kind".to_owned(), "side".to_owned()])
    );
}

#[test]
fn every_type_has_a_doc_and_deprecated_types_and_fields_say_so() {
    // §4.7.24 `deprecated`: "SHOULD be transitioned out of usage", which the docs tell the user.
    let table = types(&components(
        "
    Legacy:
      type: object
      deprecated: true
      description: The old shape.
      properties:
        old: {type: string, deprecated: true, description: Use `new`.}
        new: {type: string}
        inline: {type: object, properties: {x: {type: string}}}
",
    ));
    let deprecated = [" **Deprecated** in the spec."];
    assert_eq!(
        def(&table, "Legacy").doc,
        [" The old shape.", ""]
            .iter()
            .chain(&deprecated)
            .copied()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        field(&table, "Legacy", "old").doc,
        [" Use `new`.", ""]
            .iter()
            .chain(&deprecated)
            .copied()
            .collect::<Vec<_>>()
    );
    assert!(field(&table, "Legacy", "new").doc.is_empty());
    // An undocumented schema is documented by its place.
    assert_eq!(
        def(&table, "LegacyInline").doc,
        [" The schema at `#/components/schemas/Legacy/properties/inline`."]
    );
}
