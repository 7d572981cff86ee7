//! `types::convert`: which schemas become which Rust types, and how new types are named.

use super::{
    alias_of, components, def, field, field_ty, names, strict_errors, types, types_and_warnings,
    types_as_generated, union_members,
};
use crate::diagnostics::Code;
use crate::types::{Ty, TypeKind};

#[test]
fn each_type_and_format_of_the_data_types_table_maps_to_its_rust_type() {
    // §4.4 Data Types: the formats OpenAPI defines (int32, int64, float, double, byte, binary,
    // date, date-time), and `uuid`, one the section names as usable though undefined. Others
    // (`email`) are left to the type alone, as the section allows.
    let table = types_as_generated(&components(
        "
    Scalars:
      type: object
      properties:
        i32: {type: integer, format: int32}
        i64: {type: integer, format: int64}
        int: {type: integer}
        f32: {type: number, format: float}
        f64: {type: number, format: double}
        num: {type: number}
        bool: {type: boolean}
        text: {type: string}
        byte: {type: string, format: byte}
        binary: {type: string, format: binary}
        date: {type: string, format: date}
        date_time: {type: string, format: date-time}
        uuid: {type: string, format: uuid}
        email: {type: string, format: email}
        password: {type: string, format: password}
",
    ));
    let got: Vec<(&str, &Ty)> = (super::fields(&table, "Scalars").iter())
        .map(|field| (field.wire.as_str(), &field.ty))
        .collect();
    assert_eq!(
        got,
        [
            ("i32", &Ty::I32),
            ("i64", &Ty::I64),
            ("int", &Ty::I64),
            // JSON numbers are doubles: an `f32` would drop the digits a server sends.
            ("f32", &Ty::F64),
            ("f64", &Ty::F64),
            ("num", &Ty::F64),
            ("bool", &Ty::Bool),
            ("text", &Ty::String),
            ("byte", &Ty::Base64),
            ("binary", &Ty::Bytes),
            ("date", &Ty::Date),
            ("date_time", &Ty::DateTime),
            ("uuid", &Ty::Uuid),
            ("email", &Ty::String),
            ("password", &Ty::String),
        ]
    );
}

#[test]
fn an_integer_past_i64_max_is_u64_by_its_format_or_by_bounds_from_zero() {
    // `uint64` is not among §4.4's formats, but the values it names do not fit a signed 64-bit
    // integer; neither do those of bounds from 0 to 2^64 - 1.
    let table = types(&components(
        "
    Times:
      type: object
      properties:
        by_format: {type: integer, format: uint64}
        by_bounds: {type: integer, minimum: 0, maximum: 18446744073709551615}
        signed: {type: integer, minimum: -1, maximum: 9223372036854775807}
",
    ));
    assert_eq!(field(&table, "Times", "by_format").ty, Ty::U64);
    assert_eq!(field(&table, "Times", "by_bounds").ty, Ty::U64);
    assert_eq!(field(&table, "Times", "signed").ty, Ty::I64);
}

#[test]
fn components_are_named_before_inline_schemas_so_an_inline_type_never_takes_a_components_name() {
    // `Pet.owner` would be `PetOwner`, but a component, though listed later, has that name.
    // Generated code writes the prelude's names bare (`Box`, `Result`): no type takes one.
    let table = types(&components(
        "
    Pet:
      type: object
      properties:
        owner: {type: object, properties: {name: {type: string}}}
    PetOwner: {type: string}
    Result: {type: object, properties: {ok: {type: boolean}}}
",
    ));
    assert_eq!(names(&table), ["PetOwner2", "Pet", "PetOwner", "Result2"]);
    assert_eq!(field_ty(&table, "Pet", "owner"), "PetOwner2");
    assert_eq!(alias_of(&table, "PetOwner"), "String");
    assert_eq!(
        def(&table, "PetOwner2").pointer,
        "#/components/schemas/Pet/properties/owner"
    );
}

#[test]
fn a_ref_is_the_referenced_components_type_and_a_component_that_is_a_ref_is_an_alias() {
    // §4.7.23 Reference Object: a `$ref` stands for the schema it names; no copy of it is made.
    let table = types(&components(
        "
    Owner:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/Pet'}
        pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    Pet: {type: object, properties: {name: {type: string}}}
    Animal: {$ref: '#/components/schemas/Pet'}
    Pets: {type: array, items: {$ref: '#/components/schemas/Animal'}}
",
    ));
    assert_eq!(names(&table), ["Owner", "Pet", "Animal", "Pets"]);
    assert_eq!(field_ty(&table, "Owner", "pet"), "Pet");
    assert_eq!(field_ty(&table, "Owner", "pets"), "Vec<Pet>");
    assert_eq!(alias_of(&table, "Animal"), "Pet");
    assert_eq!(alias_of(&table, "Pets"), "Vec<Animal>");
}

#[test]
fn inline_objects_enums_and_unions_are_named_from_where_they_stand() {
    let table = types(&components(
        "
    Order:
      type: object
      properties:
        status: {type: string, enum: [open, closed]}
        lines: {type: array, items: {type: object, properties: {sku: {type: string}}}}
        notes: {type: object, additionalProperties: {type: object, properties: {at: {type: string}}}}
        payer:
          oneOf:
            - {type: object, properties: {card: {type: string}}}
            - {type: object, properties: {iban: {type: string}}}
",
    ));
    assert_eq!(field_ty(&table, "Order", "status"), "OrderStatus");
    assert_eq!(field_ty(&table, "Order", "lines"), "Vec<OrderLinesItem>");
    assert_eq!(field_ty(&table, "Order", "notes"), "Map<OrderNotesValue>");
    assert_eq!(field_ty(&table, "Order", "payer"), "OrderPayer");
    // A member's name drops the union's own name it starts with.
    assert_eq!(
        union_members(&table, "OrderPayer"),
        [
            ("Variant0", "OrderPayerVariant0".to_owned()),
            ("Variant1", "OrderPayerVariant1".to_owned())
        ]
    );
}

#[test]
fn objects_without_properties_are_maps_or_any_json_and_nullable_items_are_options() {
    // §4.7.24: `additionalProperties` (a schema, or `true`) makes a map; an object that says
    // nothing of its keys is any JSON. `nullable` on an item lets the array hold `null`.
    let table = types(&components(
        "
    Bag:
      type: object
      properties:
        counts: {type: object, additionalProperties: {type: integer}}
        open: {type: object, additionalProperties: true}
        anything: {type: object}
        untyped: {}
        holes: {type: array, items: {type: string, nullable: true}}
        sparse: {type: object, additionalProperties: {type: string, nullable: true}}
",
    ));
    let got: Vec<(&str, String)> = (super::fields(&table, "Bag").iter())
        .map(|field| (field.wire.as_str(), super::ty_name(&table, &field.ty)))
        .collect();
    let expected = [
        ("counts", "Map<I64>"),
        ("open", "Map<Json>"),
        ("anything", "Json"),
        ("untyped", "Json"),
        ("holes", "Vec<Option<String>>"),
        ("sparse", "Map<Option<String>>"),
    ];
    let expected: Vec<(&str, String)> = (expected.iter())
        .map(|(wire, ty)| (*wire, (*ty).to_owned()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn an_allof_or_oneof_of_a_single_ref_is_that_type() {
    // The 3.0 way to put `nullable` or a description beside a `$ref` (§4.7.23: siblings of a
    // `$ref` are ignored), and a union of one member.
    let table = types(&components(
        "
    Holder:
      type: object
      properties:
        all: {allOf: [{$ref: '#/components/schemas/Item'}], nullable: true}
        one: {oneOf: [{$ref: '#/components/schemas/Item'}]}
        any: {anyOf: [{$ref: '#/components/schemas/Item'}]}
    Item: {type: object, properties: {id: {type: string}}}
",
    ));
    assert_eq!(names(&table), ["Holder", "Item"]);
    for wire in ["all", "one", "any"] {
        assert_eq!(field_ty(&table, "Holder", wire), "Item", "{wire}");
    }
    assert!(field(&table, "Holder", "all").nullable);
    assert!(!field(&table, "Holder", "one").nullable);
}

#[test]
fn a_not_schema_is_any_json_with_a_warning_at_its_pointer() {
    let (table, warnings) = types_and_warnings(&components(
        "
    Filter:
      type: object
      properties:
        except: {not: {type: string}}
",
    ));
    assert_eq!(field(&table, "Filter", "except").ty, Ty::Json);
    assert_eq!(warnings, ["#/components/schemas/Filter/properties/except"]);
}

#[test]
fn a_type_that_is_not_one_of_json_schemas_is_a_defect_at_its_type_keyword_typed_as_any_json() {
    // §4.4: the types are those of JSON Schema (and `integer`); a typo must not pass silently.
    let spec = components(
        "
    Pet:
      type: object
      properties:
        age: {type: int}
        name: {type: string}
",
    );
    let (table, warnings) = types_and_warnings(&spec);
    assert_eq!(warnings, ["#/components/schemas/Pet/properties/age/type"]);
    assert_eq!(field_ty(&table, "Pet", "age"), "Json");
    assert_eq!(field_ty(&table, "Pet", "name"), "String");
    let errors = strict_errors(&spec);
    let pointer = "#/components/schemas/Pet/properties/age/type".to_owned();
    assert_eq!(errors, [(pointer, Code::UnknownType)]);
}

#[test]
fn openapi_31_null_in_a_type_list_is_nullable_and_const_is_a_one_value_enum() {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12: `type: [string, "null"]` admits null, and
    // `const` (§6.1.3 of its validation vocabulary) allows one value.
    let table = types(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    Item:
      type: object
      properties:
        name: {type: [string, 'null']}
        kind: {const: widget}
        either: {type: [string, integer]}
        maybe: {anyOf: [{$ref: '#/components/schemas/Item'}, {type: 'null'}]}
",
    );
    let name = field(&table, "Item", "name");
    assert_eq!((&name.ty, name.nullable), (&Ty::String, true));
    let (variants, default, _) = super::enum_of(&table, &field_ty(&table, "Item", "kind"));
    assert_eq!(
        (variants, default),
        (vec![("Widget", "widget")], Some("Widget"))
    );
    let either = field_ty(&table, "Item", "either");
    assert_eq!(
        union_members(&table, &either),
        [
            ("String", "String".to_owned()),
            ("Integer", "I64".to_owned())
        ]
    );
    let maybe = field(&table, "Item", "maybe");
    assert_eq!(maybe.ty, Ty::Named(super::id(&table, "Item")));
    assert!(maybe.nullable && maybe.boxed);
    assert!(matches!(def(&table, "Item").kind, TypeKind::Struct(_)));
}

mod deep_containers {
    use crate::module::analyse;
    use crate::types::{Ty, TypeKind};

    #[test]
    fn containers_nested_three_deep_get_a_named_inner_type() {
        let module = analyse(
            "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Stats:
      type: object
      properties:
        deep:
          type: object
          additionalProperties:
            type: object
            additionalProperties: {type: array, items: {type: integer}}
        shallow:
          type: object
          additionalProperties: {type: array, items: {type: integer}}
",
        );
        let table = &module.types;
        let (_, stats) = table
            .iter()
            .find(|(_, d)| d.name == "Stats")
            .expect("Stats");
        let TypeKind::Struct(fields) = &stats.kind else {
            panic!("a struct")
        };
        let Ty::Map(held) = &fields[0].ty else {
            panic!("a map: {:?}", fields[0].ty)
        };
        let alias = held.named().expect("a named value type");
        assert_eq!(table.name(alias), "StatsDeepValue");
        assert_eq!(
            table.get(alias).kind,
            TypeKind::Alias(Ty::Map(Box::new(Ty::Vec(Box::new(Ty::I64))))),
            "the alias holds the inner containers"
        );
        assert_eq!(fields[1].ty, Ty::Map(Box::new(Ty::Vec(Box::new(Ty::I64)))));
    }
}
