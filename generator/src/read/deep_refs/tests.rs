use super::*;

const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '401':
          description: unauthorized
          content:
            application/json:
              schema:
                type: object
                properties:
                  code: {type: string}
  /b:
    get:
      responses:
        '401': {$ref: '#/paths/~1a/get/responses/401'}
components:
  schemas:
    Video:
      type: object
      properties:
        uuid: {type: string, format: uuid}
    VideoInfo:
      type: object
      properties:
        uuid: {$ref: '#/components/schemas/Video/properties/uuid'}
        code: {$ref: '#/paths/~1a/get/responses/401/content/application~1json/schema/properties/code'}
";

#[test]
fn detects_deep_refs_only() {
    assert!(has_deep_refs(SPEC));
    assert!(!has_deep_refs(
        "x: {$ref: '#/components/schemas/Pet'}\ny:\n  $ref: \"#/components/responses/NotFound\"\n"
    ));
    assert!(!has_deep_refs(
        "x: {$ref: '#/components/schemas/My%20Pet'}\n"
    ));
}

#[test]
fn targets_move_to_their_section_and_are_never_copied() {
    let mut document: Value = serde_yaml::from_str(SPEC).expect("yaml");
    let moves = normalize(&mut document);
    let text = serde_yaml::to_string(&document).expect("yaml");
    assert!(!has_deep_refs(&text), "{text}");
    let schemas = &document["components"]["schemas"];
    assert_eq!(schemas["VideoUuid"]["format"], Value::from("uuid"));
    assert_eq!(
        schemas["Video"]["properties"]["uuid"]["$ref"],
        Value::from("#/components/schemas/VideoUuid")
    );
    assert_eq!(
        schemas["VideoInfo"]["properties"]["uuid"]["$ref"],
        Value::from("#/components/schemas/VideoUuid")
    );
    // The response is referenced from a response's place: it is a response component, and
    // both operations refer to it.
    let responses = &document["components"]["responses"];
    assert_eq!(responses["401"]["description"], Value::from("unauthorized"));
    for path in ["/a", "/b"] {
        assert_eq!(
            document["paths"][path]["get"]["responses"]["401"]["$ref"],
            Value::from("#/components/responses/401")
        );
    }
    assert_eq!(
        moves
            .original("#/components/responses/401/description")
            .as_deref(),
        Some("#/paths/~1a/get/responses/401/description")
    );
    assert_eq!(
        moves.original("#/components/schemas/VideoUuid").as_deref(),
        Some("#/components/schemas/Video/properties/uuid")
    );
    assert_eq!(moves.original("#/components/schemas/Video"), None);
    let api: openapiv3::OpenAPI = serde_yaml::from_value(document).expect("typed");
    assert!(api.components.is_some());
}

#[test]
fn targets_outside_the_components_that_refer_to_each_other_move_once() {
    let text = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Root: {$ref: '#/x-defs/A'}
x-defs:
  A:
    type: object
    properties:
      b: {$ref: '#/x-defs/B'}
  B:
    type: object
    properties:
      a: {$ref: '#/x-defs/A'}
      self: {$ref: '#/x-defs/B'}
";
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    normalize(&mut document);
    let out = serde_yaml::to_string(&document).expect("yaml");
    assert!(!has_deep_refs(&out), "{out}");
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["Root"]["$ref"],
        Value::from("#/components/schemas/XdefsA")
    );
    assert_eq!(
        schemas["XdefsA"]["properties"]["b"]["$ref"],
        Value::from("#/components/schemas/XdefsB")
    );
    assert_eq!(
        schemas["XdefsB"]["properties"]["self"]["$ref"],
        Value::from("#/components/schemas/XdefsB")
    );
    assert!(out.len() < text.len() * 2, "nothing is copied: {out}");
}

#[test]
fn a_target_that_refers_to_another_file_is_followed_as_written() {
    let text = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/x-defs/B'}
x-defs:
  B: {$ref: 'other.yaml#/Pet'}
";
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    normalize(&mut document);
    assert_eq!(
        document["components"]["schemas"]["A"]["$ref"],
        Value::from("other.yaml#/Pet")
    );
}

#[test]
fn places_say_what_a_target_is() {
    let kind = |pointer: &str| kind_at(&tokens_of(pointer));
    assert_eq!(kind("#/paths/~1a/get/parameters/0"), Kind::Parameter);
    assert_eq!(kind("#/paths/~1a/parameters/0/schema"), Kind::Schema);
    assert_eq!(kind("#/paths/~1a/post/requestBody"), Kind::RequestBody);
    assert_eq!(
        kind("#/paths/~1a/get/responses/200/content/application~1json/schema/items"),
        Kind::Schema
    );
    assert_eq!(
        kind("#/paths/~1a/get/responses/200/headers/X-Rate"),
        Kind::Header
    );
    assert_eq!(
        kind("#/components/responses/Ok/content/text~1plain"),
        Kind::MediaType
    );
    // A property named `responses` is still a schema.
    assert_eq!(
        kind("#/components/schemas/A/properties/responses"),
        Kind::Schema
    );
    assert_eq!(kind("#/x-shared/A"), Kind::Other);
}

/// An example is literal data (OpenAPI 3.0.3 §4.7.14, §4.7.19, §4.7.24): a `$ref` key inside one
/// is a value, never followed, moved or rewritten; a property named `example` is still a schema.
#[test]
fn a_ref_inside_an_example_is_data_and_stays_as_written() {
    let text = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  code: {type: string}
                  example: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/code'}
                example: {code: c, link: {$ref: '#/paths/~1b'}}
              example: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/code'}
              examples:
                one: {value: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}}
components:
  schemas:
    Pet:
      type: object
      default: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/code'}
      enum: [{$ref: '#/paths/~1a'}]
";
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    normalize(&mut document);
    let media = &document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
    let code = "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/code";
    // The one reference that stands where a schema does (the property named `example`) moved
    // its target; every `$ref` in data reads as it was written.
    let schema = &media["schema"];
    assert_eq!(
        schema["properties"]["example"]["$ref"],
        Value::from("#/components/schemas/Code")
    );
    assert_eq!(media["example"]["$ref"], Value::from(code));
    assert_eq!(
        schema["example"]["link"]["$ref"],
        Value::from("#/paths/~1b")
    );
    assert_eq!(
        media["examples"]["one"]["value"]["$ref"],
        Value::from("#/paths/~1a/get/responses/200/content/application~1json/schema")
    );
    let pet = &document["components"]["schemas"]["Pet"];
    assert_eq!(pet["default"]["$ref"], Value::from(code));
    assert_eq!(pet["enum"][0]["$ref"], Value::from("#/paths/~1a"));
    // The schema the example's `value` names did not move: only its property did.
    assert_eq!(schema["type"], Value::from("object"));
    let api: openapiv3::OpenAPI = serde_yaml::from_value(document).expect("typed");
    assert!(api.components.is_some());
}
