//! `types::open`: every union gets an `Unknown` member of any JSON for a value no member holds,
//! unless the union holds any value already, and every enum an `Unknown` variant for a value it
//! does not list, unless `Config::strict_decoding` asks for refusal. Each type's doc says which
//! it does.

use super::{components, def};
use crate::types::{Ty, TypeKind, TypeTable};

const SPEC: &str = "
    Shape:
      oneOf:
        - {$ref: '#/components/schemas/Circle'}
        - {$ref: '#/components/schemas/Unknown'}
      discriminator: {propertyName: kind}
    Circle: {type: object, required: [kind], properties: {kind: {type: string}}}
    Unknown: {type: object, required: [kind], properties: {kind: {type: string}}}
    Loose:
      anyOf:
        - {type: string}
        - {nullable: true}
    Health: {type: string, enum: [ok, unknown, Unknown_Value]}
    Level: {type: integer, enum: [1, 2]}
    Kind: {type: string, enum: [circle]}
";

/// The enum's unknown variant.
fn unknown(table: &TypeTable, name: &str) -> Option<String> {
    let TypeKind::Enum { unknown, .. } = &def(table, name).kind else {
        panic!("{name} is not an enum")
    };
    unknown.clone()
}

/// Each variant's name, whether it is the unknown member, and whether its type is any JSON.
fn variants(table: &TypeTable, name: &str) -> Vec<(String, bool, bool)> {
    let TypeKind::Union { variants, .. } = &def(table, name).kind else {
        panic!("{name} is not a union")
    };
    (variants.iter())
        .map(|v| (v.name.clone(), v.unknown, v.ty == Ty::Json))
        .collect()
}

#[test]
fn a_union_that_holds_any_value_already_says_what_holds_it() {
    let (module, _) = crate::module::analyse_with_warnings(&components(SPEC));
    let doc = def(&module.types, "Loose").doc.concat();
    assert!(doc.contains("A value no other member holds is `"), "{doc}");
}

#[test]
fn a_union_gets_an_unknown_member_named_apart_from_the_specs_members() {
    let (module, _) = crate::module::analyse_with_warnings(&components(SPEC));
    assert_eq!(
        variants(&module.types, "Shape"),
        [
            ("Circle".to_owned(), false, false),
            ("Unknown".to_owned(), false, false),
            ("UnknownValue".to_owned(), true, true),
        ]
    );
    let doc = def(&module.types, "Shape").doc.concat();
    assert!(doc.contains("is `UnknownValue`, kept as received"), "{doc}");
    // A union with a member of any JSON holds any value already.
    let loose = variants(&module.types, "Loose");
    assert!(loose.iter().all(|(_, unknown, _)| !unknown), "{loose:?}");
}

#[test]
fn strict_decoding_adds_no_unknown_member() {
    let mut config = crate::Config::new();
    config.strict_decoding(true);
    let (module, _) = crate::module::analyse_with_config(&components(SPEC), &config);
    let shape = variants(&module.types, "Shape");
    assert!(shape.iter().all(|(_, unknown, _)| !unknown), "{shape:?}");
    let doc = def(&module.types, "Shape").doc.concat();
    assert!(
        doc.contains("is an error when decoding (the client was generated with strict decoding)"),
        "{doc}"
    );
    for name in ["Health", "Level", "Kind"] {
        assert_eq!(unknown(&module.types, name), None, "{name}");
        let doc = def(&module.types, name).doc.concat();
        assert!(
            doc.contains("A value not listed here is an error when decoding"),
            "{doc}"
        );
    }
}

#[test]
fn every_enum_gets_an_unknown_variant_named_apart_from_its_values() {
    let (module, _) = crate::module::analyse_with_warnings(&components(SPEC));
    // `unknown` is `Unknown`, and `Unknown_Value` took the next name.
    assert_eq!(
        unknown(&module.types, "Health").as_deref(),
        Some("UnknownValue2")
    );
    assert_eq!(unknown(&module.types, "Level").as_deref(), Some("Unknown"));
    let doc = def(&module.types, "Health").doc.concat();
    assert!(
        doc.contains(
            "is `UnknownValue2`, kept as received and sent back unchanged; `From<&str>` gives"
        ),
        "{doc}"
    );
    let doc = def(&module.types, "Level").doc.concat();
    assert!(
        doc.contains("`From<i64>` gives the variant a value names"),
        "{doc}"
    );
    // One value too: a constant may grow a second value (while an untagged union tries its
    // members, the runtime has it refuse others, which tell the members apart).
    assert_eq!(unknown(&module.types, "Kind").as_deref(), Some("Unknown"));
}
