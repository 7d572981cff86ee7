//! OpenAPI 3.1 documents generate the module their 3.0 equivalents generate: the same spec written
//! both ways (3.1 as FastAPI and utoipa write it: nullable as `anyOf` with `null` or a type list,
//! `const`, numeric exclusive bounds, base64 content) gives the same code.

use oapigen::{generate_source, Config};

const OPENAPI_30: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 0, exclusiveMinimum: true}}
        - {name: tag, in: query, schema: {type: string, nullable: true}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [name, kind]
      properties:
        name: {type: string}
        kind: {type: string, enum: [dog]}
        nickname: {type: string, nullable: true}
        owner:
          nullable: true
          allOf: [{$ref: '#/components/schemas/Owner'}]
        photo: {type: string, format: byte}
        tags: {type: array, nullable: true, items: {type: string}}
    Owner:
      type: object
      properties:
        name: {type: string}
";

const OPENAPI_31: &str = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, exclusiveMinimum: 0}}
        - {name: tag, in: query, schema: {anyOf: [{type: string}, {type: 'null'}]}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [name, kind]
      properties:
        name: {type: string}
        kind: {const: dog, type: string}
        nickname: {type: [string, 'null']}
        owner:
          anyOf:
            - {$ref: '#/components/schemas/Owner'}
            - {type: 'null'}
        photo: {type: string, contentEncoding: base64}
        tags: {type: [array, 'null'], items: {type: string}}
    Owner:
      type: object
      properties:
        name: {type: string}
";

fn module(name: &str, text: &str) -> String {
    let generated = generate_source(name, text, &Config::new())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert!(
        generated.warnings.is_empty(),
        "{name}: {}",
        generated.warnings
    );
    // The header names the file; everything after it must be the same.
    generated
        .code
        .split_once('\n')
        .expect("header")
        .1
        .to_owned()
}

#[test]
fn a_31_document_generates_the_module_of_its_30_equivalent() {
    let from_30 = module("pets30.yaml", OPENAPI_30);
    let from_31 = module("pets31.yaml", OPENAPI_31);
    assert_eq!(from_31, from_30);
    // And that module has the types a 3.0 user expects of nullable fields.
    assert!(
        from_31.contains("pub nickname: Option<String>"),
        "{from_31}"
    );
    assert!(from_31.contains("pub owner: Option<Owner>"), "{from_31}");
    assert!(
        from_31.contains("pub tags: Option<Vec<String>>"),
        "{from_31}"
    );
}

#[test]
fn a_31_diagnostic_names_the_place_in_the_file() {
    let text = OPENAPI_31.replace(
        "- {$ref: '#/components/schemas/Owner'}",
        "- {$ref: '#/components/schemas/Ownr'}",
    );
    let strict = Config::new().strict(true).clone();
    let diagnostics = generate_source("pets31.yaml", &text, &strict).expect_err("dangling");
    let error = diagnostics.iter().next().expect("an error");
    assert_eq!(
        error.pointer,
        "#/components/schemas/Pet/properties/owner/anyOf/0/$ref"
    );
    assert_eq!(error.location, Some((27, 13))); // the `- {$ref: ...}` line
}

/// A type list made into an `anyOf` keeps the place of each of its entries: an error about one
/// names the entry in the file (`type/2`), never the converted copy's `anyOf/1/type`.
#[test]
fn an_error_in_a_type_list_names_the_entry_in_the_file() {
    let text = "openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        y:
          type:
            - 'null'
            - integer
            - 7
";
    let strict = Config::new().strict(true).clone();
    let diagnostics = generate_source("types31.yaml", text, &strict).expect_err("bad type");
    let error = diagnostics.iter().next().expect("an error");
    assert_eq!(error.pointer, "#/components/schemas/A/properties/y/type/2");
    assert_eq!(error.location, Some((13, 13))); // the `- 7` line
}
