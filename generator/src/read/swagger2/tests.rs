//! The conversion's references.

use super::convert;
use serde_yaml::Value;

/// A property may be named like a keyword whose value is data (`example`, `examples`) or like an
/// extension (`x-tag`): it is a schema all the same, and its `$ref` points at the 3.0 place (six
/// documents of the 2022 directory kept `#/definitions/...`, which then pointed at nothing). An
/// example's `$ref` is data and stays as written.
#[test]
fn a_property_named_like_a_keyword_has_its_reference_converted() {
    let text = "
swagger: '2.0'
info: {title: t, version: '1'}
paths: {}
definitions:
  Tag: {type: string}
  Pet:
    type: object
    properties:
      example: {$ref: '#/definitions/Tag'}
      examples: {type: array, items: {$ref: '#/definitions/Tag'}}
      x-tag: {$ref: '#/definitions/Tag'}
    example: {example: {$ref: '#/definitions/Tag'}}
";
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    let (_, warnings) = convert(&mut document);
    assert!(warnings.is_empty(), "{warnings:?}");
    let pet = &document["components"]["schemas"]["Pet"];
    let tag = Value::from("#/components/schemas/Tag");
    assert_eq!(pet["properties"]["example"]["$ref"], tag);
    assert_eq!(pet["properties"]["examples"]["items"]["$ref"], tag);
    assert_eq!(pet["properties"]["x-tag"]["$ref"], tag);
    assert_eq!(
        pet["example"]["example"]["$ref"],
        Value::from("#/definitions/Tag")
    );
    let api: openapiv3::OpenAPI = serde_yaml::from_value(document).expect("typed");
    assert!(api.components.is_some());
}
