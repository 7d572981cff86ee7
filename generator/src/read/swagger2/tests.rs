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

/// A `$ref` into a place the conversion moves (a response's `schema`, into its content) points at
/// the new place, however it spells the pointer: eight documents of the 2022 directory wrote
/// such references percent-encoded (`%7Bid%7D`), which then pointed at nothing.
#[test]
fn a_reference_into_a_moved_place_points_at_where_it_went_however_it_is_spelled() {
    let text = "
swagger: '2.0'
info: {title: t, version: '1'}
produces: [application/json]
paths:
  /pets/{id}:
    get:
      responses:
        '200': {description: ok, schema: {type: object, properties: {name: {type: string}}}}
  /pets:
    get:
      responses:
        '200':
          description: ok
          schema: {type: array, items: {$ref: '#/paths/~1pets~1%7Bid%7D/get/responses/200/schema'}}
  /names:
    get:
      responses:
        '200': {description: ok, schema: {$ref: '#/paths/~1pets~1{id}/get/responses/200/schema/properties/name'}}
definitions:
  Pet: {type: object, properties: {tag: {$ref: '#/definitions/Pet/properties/name'}, name: {type: string}}}
";
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    convert(&mut document);
    let moved = "#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema";
    let schema = |path: &str| {
        &document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    };
    assert_eq!(schema("/pets")["items"]["$ref"], Value::from(moved));
    assert_eq!(
        schema("/names")["$ref"],
        Value::from(format!("{moved}/properties/name"))
    );
    let pet = &document["components"]["schemas"]["Pet"];
    let name = Value::from("#/components/schemas/Pet/properties/name");
    assert_eq!(pet["properties"]["tag"]["$ref"], name);
}
