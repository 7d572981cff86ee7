use super::*;

fn normalized(text: &str) -> (Value, Moves) {
    let mut document: Value = serde_yaml::from_str(text).expect("yaml");
    let (moves, _) = normalize(&mut document, true);
    (document, moves)
}

#[test]
fn schema_constructs_become_their_30_counterparts() {
    let (document, moves) = normalized(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: [string, 'null']}
        owner:
          anyOf:
            - {type: 'null'}
            - {$ref: '#/components/schemas/Owner'}
        id: {anyOf: [{type: integer}, {type: string}]}
        both: {type: [integer, string]}
        kind: {const: dog}
        age: {type: integer, exclusiveMinimum: 0}
        photo: {type: string, contentEncoding: base64}
        anything: true
      additionalProperties: false
    Owner: {type: object}
",
    );
    let pet = &document["components"]["schemas"]["Pet"];
    let property = |name: &str| &pet["properties"][name];
    assert_eq!(property("name")["type"], Value::from("string"));
    assert_eq!(property("name")["nullable"], Value::from(true));
    assert_eq!(property("owner")["nullable"], Value::from(true));
    assert_eq!(
        property("owner")["allOf"][0]["$ref"],
        Value::from("#/components/schemas/Owner")
    );
    assert_eq!(property("id")["anyOf"][1]["type"], Value::from("string"));
    assert_eq!(property("both")["anyOf"][0]["type"], Value::from("integer"));
    assert_eq!(property("kind")["enum"][0], Value::from("dog"));
    assert_eq!(property("age")["minimum"], Value::from(0));
    assert_eq!(property("age")["exclusiveMinimum"], Value::from(true));
    assert_eq!(property("photo")["format"], Value::from("byte"));
    assert!(property("anything")
        .as_mapping()
        .is_some_and(Mapping::is_empty));
    assert_eq!(pet["additionalProperties"], Value::from(false));
    assert_eq!(document["paths"], Value::Mapping(Mapping::new()));
    assert_eq!(
        moves
            .original("#/components/schemas/Pet/properties/owner/allOf/0/$ref")
            .as_deref(),
        Some("#/components/schemas/Pet/properties/owner/anyOf/1/$ref")
    );
}

/// An `enum` that lists `null` admits it, unless a `type` without `"null"` refuses it (a newcomer's
/// trial: `{enum: [a, null]}` came back absent where the server sent `null`).
#[test]
fn an_enum_listing_null_is_nullable_unless_its_type_refuses_null() {
    let (document, _) = normalized(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    Rec:
      type: object
      properties:
        untyped: {enum: [a, null]}
        numbers: {enum: [1, null]}
        listed: {type: [string, 'null'], enum: [a, null]}
        refused: {type: string, enum: [a, null]}
        plain: {enum: [a, b]}
",
    );
    let nullable = |name: &str| {
        document["components"]["schemas"]["Rec"]["properties"][name]["nullable"].as_bool()
            == Some(true)
    };
    assert!(nullable("untyped") && nullable("numbers") && nullable("listed"));
    assert!(!nullable("refused") && !nullable("plain"));
}

#[test]
fn an_event_streams_item_schema_is_its_schema() {
    let (document, _) = normalized(
        "
openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /events:
    get:
      responses:
        '200':
          description: events
          content:
            text/event-stream:
              itemSchema: {type: object, properties: {n: {type: [integer, 'null']}}}
            application/jsonl:
              itemSchema: {type: object}
",
    );
    let content = &document["paths"]["/events"]["get"]["responses"]["200"]["content"];
    let events = &content["text/event-stream"];
    assert_eq!(
        events["schema"]["properties"]["n"]["nullable"],
        Value::from(true)
    );
    assert!(events.get("itemSchema").is_none());
    // Other sequential media types are not event streams: left alone.
    assert!(content["application/jsonl"].get("schema").is_none());
}

#[test]
fn schemas_in_operations_are_rewritten_and_examples_are_not() {
    let (document, _) = normalized(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {anyOf: [{type: string}, {type: 'null'}]}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: [array, 'null'], items: {type: string}}
              example: {type: [not, a, schema]}
",
    );
    let get = &document["paths"]["/a"]["get"];
    let query = &get["parameters"][0]["schema"];
    assert_eq!(query["allOf"][0]["type"], Value::from("string"));
    assert_eq!(query["nullable"], Value::from(true));
    let media = &get["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["schema"]["type"], Value::from("array"));
    assert!(media["example"]["type"].is_sequence(), "examples are data");
}

#[test]
fn ref_siblings_tuples_conditionals_and_path_item_refs() {
    let (mut document, moves) = normalized(
        "
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a: {$ref: '#/components/pathItems/A', summary: here}
components:
  pathItems:
    A: {summary: there, get: {responses: {'200': {description: ok}}}}
  schemas:
    S:
      properties:
        described: {$ref: '#/components/schemas/T', description: d}
        point: {type: array, prefixItems: [{type: number}, {type: number}], items: false}
        mixed: {type: array, prefixItems: [{type: string}, {type: integer}]}
        shaped: {type: object, if: {required: [a]}, then: {required: [b]}}
        fixed: {const: 3}
",
    );
    let property = |name: &str| document["components"]["schemas"]["S"]["properties"][name].clone();
    assert_eq!(
        property("described")["allOf"][0]["$ref"],
        Value::from("#/components/schemas/T")
    );
    assert_eq!(property("described")["description"], Value::from("d"));
    assert_eq!(
        moves
            .original("#/components/schemas/S/properties/described/allOf/0/$ref")
            .as_deref(),
        Some("#/components/schemas/S/properties/described/$ref")
    );
    assert_eq!(property("point")["items"]["type"], Value::from("number"));
    assert!(property("mixed")["items"]
        .as_mapping()
        .is_some_and(Mapping::is_empty));
    assert!(property("shaped").get("if").is_none() && property("shaped").get("then").is_none());
    assert_eq!(property("fixed")["type"], Value::from("integer"));

    let moves = inline_path_items(&mut document);
    let item = &document["paths"]["/a"];
    assert_eq!(
        item["summary"],
        Value::from("here"),
        "the reference's summary wins"
    );
    assert!(item.get("get").is_some() && item.get("$ref").is_none());
    assert_eq!(
        moves.original("#/paths/~1a/get").as_deref(),
        Some("#/components/pathItems/A/get")
    );
}
