//! `types::enums`: the variants of `enum`s, their names and default.

use super::{components, def, enum_of, field, field_ty, types};
use crate::types::{EnumRepr, TypeKind};

#[test]
fn string_enum_variants_are_named_from_their_values_in_spec_order() {
    // Symbols without words are spelled out; the empty string is `Empty`.
    let table = types(&components(
        "
    Op: {type: string, enum: [available, not in, '>=', '', snake_case, kebab-case]}
",
    ));
    let (variants, default, repr) = enum_of(&table, "Op");
    assert_eq!(
        variants,
        [
            ("Available", "available"),
            ("NotIn", "not in"),
            ("GreaterEquals", ">="),
            ("Empty", ""),
            ("SnakeCase", "snake_case"),
            ("KebabCase", "kebab-case"),
        ]
    );
    assert_eq!((default, repr), (None, EnumRepr::String));
}

#[test]
fn values_whose_words_are_the_same_are_told_apart_by_their_symbols() {
    let table = types(&components(
        "
    Sort: {type: string, enum: [asc, -asc, desc, -desc]}
    Separated: {type: string, enum: [a_b, a-b, A B]}
",
    ));
    assert_eq!(
        enum_of(&table, "Sort").0,
        [
            ("Asc", "asc"),
            ("MinusAsc", "-asc"),
            ("Desc", "desc"),
            ("MinusDesc", "-desc")
        ]
    );
    assert_eq!(
        enum_of(&table, "Separated").0,
        [
            ("AUnderscoreB", "a_b"),
            ("AMinusB", "a-b"),
            ("ASpaceB", "A B")
        ]
    );
}

#[test]
fn integer_enum_variants_take_the_names_x_enum_varnames_or_x_enum_names_give() {
    // openapi-generator's and swaggo's `x-enum-varnames`, NSwag's `x-enumNames`: one name per
    // value, in order (§4.8 Specification Extensions).
    let table = types(&components(
        "
    Level: {type: integer, enum: [1, 2, 3], x-enum-varnames: [Low, medium, high_value]}
    Speed: {type: integer, enum: [10, 20], x-enumNames: [Slow, Fast]}
",
    ));
    let (variants, _, repr) = enum_of(&table, "Level");
    assert_eq!(
        variants,
        [("Low", "1"), ("Medium", "2"), ("HighValue", "3")]
    );
    assert_eq!(repr, EnumRepr::Integer);
    assert_eq!(enum_of(&table, "Speed").0, [("Slow", "10"), ("Fast", "20")]);
}

#[test]
fn integer_enum_variants_without_a_name_for_each_value_are_named_value_n() {
    // A list of names shorter than the values cannot say which name is whose: it is not used.
    let table = types(&components(
        "
    Code: {type: integer, enum: [1, -1, 20]}
    Short: {type: integer, enum: [1, 2], x-enum-varnames: [One]}
",
    ));
    assert_eq!(
        enum_of(&table, "Code").0,
        [("Value1", "1"), ("ValueMinus1", "-1"), ("Value20", "20")]
    );
    assert_eq!(
        enum_of(&table, "Short").0,
        [("Value1", "1"), ("Value2", "2")]
    );
}

#[test]
fn a_given_name_that_is_a_keyword_or_taken_is_made_a_distinct_identifier() {
    let table = types(&components(
        "
    Mode: {type: integer, enum: [0, 1, 2, 3], x-enum-varnames: [self, Type, on, On]}
",
    ));
    assert_eq!(
        enum_of(&table, "Mode").0,
        [("Self_", "0"), ("Type", "1"), ("On", "2"), ("On2", "3")]
    );
}

#[test]
fn an_enums_default_selects_its_variant_and_a_one_value_enum_defaults_to_its_value() {
    // §4.7.24 `default`: the value assumed when none is given. A one-value enum (3.1's `const`)
    // can only be that value.
    let table = types(&components(
        "
    Color: {type: string, enum: [red, dark-blue], default: dark-blue}
    Level: {type: integer, enum: [1, 2], x-enum-varnames: [Low, High], default: 2}
    Only: {type: string, enum: [only]}
    Unlisted: {type: string, enum: [a, b], default: c}
",
    ));
    assert_eq!(enum_of(&table, "Color").1, Some("DarkBlue"));
    assert_eq!(enum_of(&table, "Level").1, Some("High"));
    assert_eq!(enum_of(&table, "Only").1, Some("Only"));
    // A default that is not a value selects nothing.
    assert_eq!(enum_of(&table, "Unlisted").1, None);
    let defaults: Vec<bool> = (["Color", "Level", "Only", "Unlisted"].iter())
        .map(|name| def(&table, name).implements_default)
        .collect();
    assert_eq!(defaults, [true, true, true, false]);
}

#[test]
fn null_among_the_values_is_dropped_and_left_to_the_field() {
    // A 3.0 nullable enum lists `null` among its values; the variants are the others, and the
    // field that holds the enum is the one that may be null.
    let table = types(&components(
        "
    Color: {type: string, enum: [red, null], nullable: true}
    Paint:
      type: object
      properties:
        color: {$ref: '#/components/schemas/Color'}
        finish: {type: string, enum: [matte, gloss, null], nullable: true}
",
    ));
    assert_eq!(enum_of(&table, "Color").0, [("Red", "red")]);
    assert!(field(&table, "Paint", "color").nullable);
    let finish = field_ty(&table, "Paint", "finish");
    assert_eq!(
        enum_of(&table, &finish).0,
        [("Matte", "matte"), ("Gloss", "gloss")]
    );
    assert!(field(&table, "Paint", "finish").nullable);
}

#[test]
fn an_enum_without_a_type_is_typed_by_its_values_and_a_mix_of_kinds_is_any_json() {
    let table = types(&components(
        "
    Words: {enum: [x, y]}
    Numbers: {enum: [1, 2]}
    Mixed: {enum: [1, x]}
",
    ));
    assert_eq!(enum_of(&table, "Words").2, EnumRepr::String);
    assert_eq!(
        enum_of(&table, "Numbers"),
        (
            vec![("Value1", "1"), ("Value2", "2")],
            None,
            EnumRepr::Integer
        )
    );
    assert!(matches!(
        def(&table, "Mixed").kind,
        TypeKind::Alias(crate::types::Ty::Json)
    ));
}

/// The doc lines of each variant of the enum `name`, in order.
fn variant_docs(table: &crate::types::TypeTable, name: &str) -> Vec<Vec<String>> {
    let TypeKind::Enum { variants, .. } = &def(table, name).kind else {
        panic!("{name} is not an enum")
    };
    variants.iter().map(|variant| variant.doc.clone()).collect()
}

#[test]
fn variants_take_the_descriptions_x_enum_descriptions_gives_position_by_position() {
    // openapi-generator's `x-enum-descriptions`: one description per value of `enum` as written,
    // so a null (dropped: nullability is the field's) still takes its place in the list.
    let table = types(&components(
        "
    Status: {type: string, enum: [open, closed], x-enum-descriptions: [Still being worked on., 'Done: *no* more work.']}
    Level: {type: integer, enum: [1, 2], x-enum-varnames: [Low, High], x-enum-descriptions: [Lowest., Highest.]}
    Maybe: {type: string, nullable: true, enum: [a, null, b], x-enum-descriptions: [The a., The null., The b.]}
    Short: {type: string, enum: [x, y], x-enum-descriptions: [Only one.]}
    Blank: {type: string, enum: [x, y], x-enum-descriptions: ['', Why.]}
",
    ));
    let lines = |texts: &[&str]| -> Vec<Vec<String>> {
        texts
            .iter()
            .map(|text| match text.is_empty() {
                true => Vec::new(),
                false => vec![format!(" {text}")],
            })
            .collect()
    };
    assert_eq!(
        variant_docs(&table, "Status"),
        lines(&["Still being worked on.", "Done: *no* more work."])
    );
    assert_eq!(
        variant_docs(&table, "Level"),
        lines(&["Lowest.", "Highest."])
    );
    assert_eq!(enum_of(&table, "Level").0, [("Low", "1"), ("High", "2")]);
    assert_eq!(variant_docs(&table, "Maybe"), lines(&["The a.", "The b."]));
    // A list of another length cannot say which description is whose: it is not used.
    assert_eq!(variant_docs(&table, "Short"), lines(&["", ""]));
    assert_eq!(variant_docs(&table, "Blank"), lines(&["", "Why."]));
}
