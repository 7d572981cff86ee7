//! `types::inheritance`: a base schema with a `discriminator` that others extend through `allOf`
//! (§4.7.24, "Composition and Inheritance (Polymorphism)" and its example "Models with
//! Polymorphism Support") stands for any of its subtypes.

use super::{
    components, def, field, field_ty, fields, id, names, types, union, union_members, wires,
};
use crate::types::{DefaultValue, Ty, TypeKind, UnionVariant};

/// §4.7.24's own example: `Pet` with the discriminator `petType`, extended by `Cat` and `Dog`.
const PETS: &str = "
    Pet:
      type: object
      discriminator: {propertyName: petType}
      properties:
        name: {type: string}
        petType: {type: string}
      required: [name, petType]
    Cat:
      description: A representation of a cat
      allOf:
      - $ref: '#/components/schemas/Pet'
      - type: object
        properties:
          huntingSkill: {type: string, enum: [clueless, lazy, adventurous, aggressive]}
        required: [huntingSkill]
    Dog:
      description: A representation of a dog
      allOf:
      - $ref: '#/components/schemas/Pet'
      - type: object
        properties:
          packSize: {type: integer, format: int32, default: 0, minimum: 0}
        required: [packSize]
    Owner:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/Pet'}
";

/// Each variant's name, tags and whether it is the fallback.
fn tags(variants: &[UnionVariant]) -> Vec<(&str, Vec<&str>, bool)> {
    (variants.iter())
        .map(|v| {
            let tags = v.tags.iter().map(String::as_str).collect();
            (v.name.as_str(), tags, v.fallback)
        })
        .collect()
}

#[test]
fn a_base_with_a_discriminator_is_a_union_of_its_subtypes_and_of_itself_as_a_fallback() {
    // "There are two ways to define the value of a discriminator for an inheriting instance: use
    // the schema name, ...": `Cat` and `Dog` are told by their names; the base's own name (or
    // one this spec does not know) decodes as the base's fields.
    let table = types(&components(PETS));
    let (variants, discriminator) = union(&table, "Pet");
    assert_eq!(discriminator, Some("petType"));
    assert_eq!(
        tags(variants),
        [
            ("Cat", vec!["Cat"], false),
            ("Dog", vec!["Dog"], false),
            ("Base", vec!["Pet"], true),
        ]
    );
    let members = union_members(&table, "Pet");
    let member_types: Vec<&str> = members.iter().map(|(_, ty)| ty.as_str()).collect();
    assert_eq!(member_types, ["Cat", "Dog", "PetBase"]);
    assert_eq!(wires(&table, "PetBase"), ["name", "petType"]);
    assert_eq!(def(&table, "PetBase").pointer, "#/components/schemas/Pet");
    // A reference to the base names the union.
    assert_eq!(field_ty(&table, "Owner", "pet"), "Pet");
}

#[test]
fn a_subtype_has_the_bases_fields_then_its_own_and_its_tag_as_the_discriminators_default() {
    let table = types(&components(PETS));
    assert_eq!(wires(&table, "Cat"), ["name", "petType", "huntingSkill"]);
    assert_eq!(wires(&table, "Dog"), ["name", "petType", "packSize"]);
    let required: Vec<bool> = fields(&table, "Dog").iter().map(|f| f.required).collect();
    assert_eq!(required, [true, true, true]);
    // `Dog { ..Default::default() }` is sent as a dog.
    let tag = field(&table, "Dog", "petType");
    assert_eq!(tag.default, Some(DefaultValue::String("Dog".into())));
    assert!(def(&table, "Dog").implements_default);
    // The base's fields get no tag default: its fallback stands for any other value.
    assert_eq!(field(&table, "PetBase", "petType").default, None);
    // The subtypes stay structs; a base is not a union of unions.
    assert!(matches!(def(&table, "Cat").kind, TypeKind::Struct(_)));
}

/// A base that leaves its discriminator property optional (and gives it a default of its own):
/// the subtype still always has its tag and sends it, since the tag says which subtype a value
/// is; an optional property's default would be the server's and not filled in.
#[test]
fn a_subtypes_tag_is_required_and_its_own_even_where_the_base_leaves_it_optional() {
    let table = types(&components(
        "
    Shape:
      type: object
      discriminator: {propertyName: kind}
      properties:
        kind: {type: string, default: shape}
    Circle:
      allOf:
      - $ref: '#/components/schemas/Shape'
      - type: object
        properties:
          radius: {type: number}
",
    ));
    let tag = field(&table, "Circle", "kind");
    assert!(tag.required && !tag.is_option());
    assert_eq!(tag.default, Some(DefaultValue::String("Circle".into())));
    // The base's own field stays optional: its default is the server's.
    let base = field(&table, "ShapeBase", "kind");
    assert!(!base.required && base.is_option() && base.default.is_none());
}

#[test]
fn a_mapping_gives_a_subtype_its_tag_instead_of_its_schema_name() {
    // §4.7.25 `mapping`: "mappings between payload values and schema names or references"; the
    // discriminator "MAY act as a hint", so an unmapped subtype keeps its schema name.
    let table = types(&components(
        "
    Pet:
      type: object
      discriminator:
        propertyName: petType
        mapping:
          cachorro: Dog
          gato: '#/components/schemas/Cat'
      properties:
        petType: {type: string}
      required: [petType]
    Cat:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {lives: {type: integer}}}]
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {bark: {type: boolean}}}]
    Lizard:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {scales: {type: integer}}}]
",
    ));
    let (variants, _) = union(&table, "Pet");
    assert_eq!(
        tags(variants),
        [
            ("Cat", vec!["gato"], false),
            ("Dog", vec!["cachorro"], false),
            ("Lizard", vec!["Lizard"], false),
            ("Base", vec!["Pet"], true),
        ]
    );
    let dog = field(&table, "Dog", "petType");
    assert_eq!(dog.default, Some(DefaultValue::String("cachorro".into())));
}

#[test]
fn a_subtype_of_a_subtype_belongs_to_the_base_and_the_value_its_property_allows_comes_first() {
    // "Override the schema name by overriding the property with a new value. If a new value
    // exists, this takes precedence over the schema name."
    let table = types(&components(
        "
    Pet:
      type: object
      discriminator: {propertyName: petType}
      properties:
        petType: {type: string}
      required: [petType]
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, properties: {bark: {type: boolean}}}]
    Puppy:
      allOf:
        - $ref: '#/components/schemas/Dog'
        - type: object
          properties:
            petType: {type: string, enum: [puppy]}
",
    ));
    let (variants, _) = union(&table, "Pet");
    assert_eq!(
        tags(variants),
        [
            ("Dog", vec!["Dog"], false),
            ("Puppy", vec!["puppy", "Puppy"], false),
            ("Base", vec!["Pet"], true),
        ]
    );
    // The puppy's tag property is the one-value enum, which defaults to its value.
    let tag = field_ty(&table, "Puppy", "petType");
    assert_eq!(super::enum_of(&table, &tag).1, Some("Puppy"));
    assert_eq!(wires(&table, "Puppy"), ["petType", "bark"]);
    // `Dog` has no discriminator of its own: it is not a base, and stays a struct.
    assert!(matches!(def(&table, "Dog").kind, TypeKind::Struct(_)));
}

#[test]
fn a_discriminator_that_no_schema_extends_leaves_a_plain_struct() {
    let table = types(&components(
        "
    Event:
      type: object
      discriminator: {propertyName: type}
      properties:
        type: {type: string}
      required: [type]
    Log:
      type: object
      properties:
        events: {type: array, items: {$ref: '#/components/schemas/Event'}}
",
    ));
    assert_eq!(names(&table), ["Event", "Log"]);
    assert_eq!(wires(&table, "Event"), ["type"]);
    let events = &field(&table, "Log", "events").ty;
    assert_eq!(events, &Ty::Vec(Box::new(Ty::Named(id(&table, "Event")))));
}
