//! Defects that publishers leave in their documents and that can be worked around safely: the
//! document generates, with a warning at the defect's place in the file saying what was assumed
//! (`README.md` lists them). Each test is the smallest document with one defect, seen in the
//! published documents of `../shared/corpus-modern/` (named in each test), and checks what the
//! module holds; the warning's text and place are checked in `tests/ui/` (named by its code).

use oapigen::{generate_source, Code, Config, Generated};

fn generate(text: &str) -> Generated {
    generate_source("defect.yaml", text, &Config::new())
        .unwrap_or_else(|diagnostics| panic!("refused: {diagnostics}"))
}

/// The codes of the warnings, in order.
fn codes(generated: &Generated) -> Vec<Code> {
    generated
        .warnings
        .iter()
        .map(|warning| warning.code)
        .collect()
}

/// Svix, LocalAI: `{app_id}` in the path, no parameter for it.
#[test]
fn a_template_name_without_a_parameter_is_a_required_string() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /apps/{app_id}/messages:
    get:
      operationId: listMessages
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::UndeclaredPathParameter],
        "{}",
        generated.warnings
    );
    let code = generated
        .code
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(code.contains("pub app_id: String,"), "{code}");
    assert!(
        code.contains(
            r#"&[ "/apps/".into(), ::oapigen_runtime::encode_path("app_id", &params.app_id), "/messages".into(), ]"#
        ),
        "{code}"
    );
}

/// Temporal, Svix: one operationId on two operations.
#[test]
fn a_repeated_operation_id_gets_a_numbered_method() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: getPets
      responses: {'200': {description: ok}}
  /animals:
    get:
      operationId: getPets
      responses: {'200': {description: ok}}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::DuplicateOperationId],
        "{}",
        generated.warnings
    );
    assert!(generated.code.contains("pub fn get_pets("));
    assert!(generated.code.contains("pub fn get_pets2("));
}

/// Supabase, Ory: requirements naming schemes the document does not define.
#[test]
fn an_undefined_security_scheme_is_reported_once_and_not_applied() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: a
      security: [{bearer: []}]
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: b
      security: [{bearer: []}]
      responses: {'200': {description: ok}}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::UndefinedSecurityScheme],
        "{}",
        generated.warnings
    );
    assert!(
        !generated.code.contains("authorize"),
        "no scheme is applied"
    );
}

/// Litestar: an OAuth2 flow without the `scopes` OpenAPI requires.
#[test]
fn an_oauth2_flow_without_scopes_has_none() {
    let generated = generate(
        "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /me:
    get:
      operationId: me
      security: [{token: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    token:
      type: oauth2
      flows:
        password: {tokenUrl: /login}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::MissingScopes],
        "{}",
        generated.warnings
    );
    assert!(generated.code.contains("pub fn with_bearer_token("));
}

/// Hugging Face: a 3.0 document with 3.1's numeric exclusive bounds; Weaviate-like type lists.
#[test]
fn constructs_of_31_in_a_30_document_are_read_as_31_reads_them() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Params:
      type: object
      properties:
        top_p: {type: number, format: double, exclusiveMinimum: 0}
        stop: {type: [string, 'null']}
",
    );
    let borrowed = [Code::Borrowed31Construct, Code::Borrowed31Construct];
    assert_eq!(codes(&generated), borrowed, "{}", generated.warnings);
    assert!(generated.code.contains("pub stop: Option<String>,"));
}

/// OpenAI: `minimum: -9223372036854776000`, a float printed as an integer beyond 64 bits (the
/// maximum fits a `u64`).
#[test]
fn an_integer_beyond_64_bits_is_read_as_a_float() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Request:
      type: object
      properties:
        seed: {type: integer, minimum: -9223372036854776000, maximum: 18446744073709551615}
",
    );
    let beyond = [Code::IntegerBeyond64Bits];
    assert_eq!(codes(&generated), beyond, "{}", generated.warnings);
    assert!(generated.code.contains("pub seed: Option<i64>,"));
}

/// LocalAI: `responses: {}` on a WebSocket endpoint (OpenAPI requires one response at least).
#[test]
fn an_operation_without_responses_succeeds_on_any_2xx() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /ws:
    get:
      operationId: ws
      responses: {}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::NoSuccessResponse],
        "{}",
        generated.warnings
    );
    let code = generated
        .code
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        code.contains("200..=299 => response.ok((), &[]), _ => response.undocumented(),"),
        "{code}"
    );
}

/// Swagger's petstore: `addPet` documents only `405`.
#[test]
fn an_operation_without_a_successful_response_succeeds_on_any_2xx() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      operationId: addPet
      responses:
        '405': {description: invalid input}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::NoSuccessResponse],
        "{}",
        generated.warnings
    );
    let code = generated
        .code
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        code.contains("405 => response.api_error(AddPetError::MethodNotAllowed, &[]), 200..=299 => response.ok((), &[]),"),
        "{code}"
    );
}

/// A multipart Encoding Object whose `contentType` is not a media type: the part keeps its
/// default type, never a header value the request builder would refuse at run time.
#[test]
fn a_part_content_type_that_is_not_a_media_type_is_left_out() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
            encoding:
              file: {contentType: 'an image'}
      responses:
        '204': {description: ok}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::InvalidPartContentType],
        "{}",
        generated.warnings
    );
    let code: String = generated.code.split_whitespace().collect();
    assert!(
        code.contains(r#".bytes_opt("file",body.file.clone(),"application/octet-stream","#),
        "{}",
        generated.code
    );
}

/// Linode, GitHub, Moby, OpenAI: `required` names a property that `properties` does not declare.
/// The key is kept (any JSON, required) with a warning, never silently dropped.
#[test]
fn a_required_property_that_is_not_declared_is_any_json() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Config:
      type: object
      required: [label, purpose]
      properties:
        label: {type: string}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::RequiredNotDeclared],
        "{}",
        generated.warnings
    );
    assert!(
        generated.code.contains("pub purpose: serde_json::Value,"),
        "{}",
        generated.code
    );
}

/// Apache Polaris: a response header given by a `$ref` to a parameter is read as the header that
/// parameter describes; one whose `$ref` names nothing is left out. Neither fails the spec: a
/// header is metadata beside the body.
#[test]
fn a_header_ref_to_a_parameter_is_read_as_a_header() {
    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /tables:
    get:
      operationId: getTable
      responses:
        '200':
          description: ok
          headers:
            etag: {$ref: '#/components/parameters/etag'}
components:
  parameters:
    etag: {name: If-None-Match, in: header, description: The table's version., schema: {type: integer}}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::RefWrongKind],
        "{}",
        generated.warnings
    );
    assert!(
        generated.code.contains("pub etag: Option<i64>,"),
        "{}",
        generated.code
    );
    assert!(generated.code.contains("/// The table's version."));

    let generated = generate(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /tables:
    get:
      operationId: getTable
      responses:
        '200':
          description: ok
          headers:
            etag: {$ref: '#/components/headers/Missing'}
",
    );
    assert_eq!(
        codes(&generated),
        [Code::RefNotFound],
        "{}",
        generated.warnings
    );
    assert!(
        !generated.code.contains("GetTableHeaders"),
        "{}",
        generated.code
    );
}

/// A payments provider, in every version of its documents (APIs-guru, 2022): a block scalar whose
/// first line begins with a tab after its indentation, which libyaml refuses and YAML 1.2,
/// PyYAML and js-yaml read as text. Also below a sequence entry (`- description: |`).
#[test]
fn a_block_scalar_whose_first_line_begins_with_a_tab_is_read_as_yaml_1_2_reads_it() {
    let generated = generate(
        "openapi: 3.0.3
info:
  title: t
  version: '1'
  description: |
    \tTabbed first line
    second line
paths: {}
tags:
  - name: a
    description: >-
      \tanother
components:
  schemas:
    Pay:
      type: object
      properties:
        note:
          type: string
          description: |-
             \tcode
             more
",
    );
    let repaired = [Code::InvalidYaml, Code::InvalidYaml, Code::InvalidYaml];
    assert_eq!(codes(&generated), repaired, "{}", generated.warnings);
    assert!(
        generated.code.contains("Tabbed first line"),
        "{}",
        generated.code
    );
    assert!(generated.code.contains("pub note: Option<String>,"));
    // The warning is at the block's header: line 5 is `description: |`.
    let first = generated.warnings.iter().next().unwrap();
    assert_eq!(first.location, Some((5, 16)));
}

/// A JSON document whose object repeats a name: RFC 8259 §4 leaves it to parsers, which keep the
/// last; YAML (libyaml, and the typed model's structs) refuses it. Read as JSON reads it.
#[test]
fn a_json_document_that_repeats_a_name_keeps_the_last_as_json_parsers_do() {
    let generated = generate(
        r#"{
  "openapi": "3.0.3",
  "info": {"title": "first", "version": "1", "title": "second"},
  "paths": {
    "/a": {
      "get": {"operationId": "old", "responses": {"204": {"description": "gone"}}},
      "get": {"operationId": "getA", "responses": {"204": {"description": "ok"}}}
    }
  }
}"#,
    );
    let repeated = [Code::InvalidDocument, Code::InvalidDocument];
    assert_eq!(codes(&generated), repeated, "{}", generated.warnings);
    assert!(
        generated.code.contains("Client for second"),
        "{}",
        generated.code
    );
    assert!(generated.code.contains("pub fn get_a("));
    assert!(!generated.code.contains("pub fn old("));
}

/// A YAML document that starts with a UTF-8 byte order mark (as Windows editors save them):
/// libyaml took it for two documents. The mark is the encoding's, not the content's.
#[test]
fn a_yaml_document_starting_with_a_byte_order_mark_is_read() {
    let generated =
        generate("\u{feff}openapi: 3.0.3\ninfo: {title: marked, version: '1'}\npaths: {}\n");
    assert!(generated.warnings.is_empty(), "{}", generated.warnings);
    assert!(generated.code.contains("Client for marked"));
}
