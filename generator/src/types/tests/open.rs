//! `types::open`: every union gets an `Unknown` member of any JSON for a value no member holds,
//! unless the union holds any value already or `Config::strict_decoding` asks for refusal.

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
";

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
fn a_union_gets_an_unknown_member_named_apart_from_the_specs_members() {
    let (module, _) = crate::module::analyse_with_warnings(&components(SPEC));
    assert_eq!(
        variants(&module.types, "Shape"),
        [
            ("Circle".to_owned(), false, false),
            ("Unknown".to_owned(), false, false),
            ("Unknown2".to_owned(), true, true),
        ]
    );
    let doc = def(&module.types, "Shape").doc.join("\n");
    assert!(doc.contains("is `Unknown`, kept as received"), "{doc}");
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
}
