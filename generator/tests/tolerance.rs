//! Defects that publishers leave in their documents and that can be worked around safely: the
//! document generates, with a warning at the defect's place in the file saying what was assumed
//! (`README.md` lists them). Each test is the smallest document with one defect, seen in the
//! published documents of `../shared/corpus-modern/` (named in each test).

use oapigen::{generate_source, Config, Diagnostic, Generated};

fn generate(text: &str) -> Generated {
    generate_source("defect.yaml", text, &Config::new())
        .unwrap_or_else(|diagnostics| panic!("refused: {diagnostics}"))
}

/// The only warning, checked for message, pointer and line:column.
fn only_warning<'g>(
    generated: &'g Generated,
    message: &str,
    pointer: &str,
    location: (u32, u32),
) -> &'g Diagnostic {
    let warnings = &generated.warnings.0;
    assert_eq!(warnings.len(), 1, "{}", generated.warnings);
    let warning = &warnings[0];
    assert!(
        warning.message.contains(message),
        "{:?} lacks {message:?}",
        warning.message
    );
    assert_eq!(warning.pointer, pointer);
    assert_eq!(warning.location, Some(location));
    warning
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
    only_warning(
        &generated,
        "the path template names `{app_id}` but the operation has no path parameter `app_id`: it is taken as a required string",
        "#/paths/~1apps~1{app_id}~1messages/get",
        (5, 5),
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
    let warning = only_warning(
        &generated,
        "operationId `getPets` is used twice: this operation's method is `get_pets2`",
        "#/paths/~1animals/get/operationId",
        (10, 7),
    );
    assert!(warning
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("#/paths/~1pets/get"));
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
    only_warning(
        &generated,
        "security scheme `bearer` is not defined in components/securitySchemes: requirements naming it are left out, here and in every other operation",
        "#/paths/~1a/get/security",
        (7, 7),
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
    only_warning(
        &generated,
        "this OAuth2 flow has no `scopes`, which OpenAPI requires: read as no scopes",
        "#/components/securitySchemes/token/flows/password",
        (14, 9),
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
    type Found<'w> = (&'w str, &'w str, Option<(u32, u32)>);
    let warnings: Vec<Found> = generated
        .warnings
        .0
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str(), w.location))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "#/components/schemas/Params/properties/top_p/exclusiveMinimum",
                "a numeric `exclusiveMinimum` is OpenAPI 3.1's, not OpenAPI 3.0's: read as 3.1 reads it",
                Some((9, 9))
            ),
            (
                "#/components/schemas/Params/properties/stop/type",
                "a list of types is OpenAPI 3.1's, not OpenAPI 3.0's: read as 3.1 reads it",
                Some((10, 9))
            ),
        ]
    );
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
    let warnings: Vec<String> = generated
        .warnings
        .0
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: defect.yaml:9:40: the number -9223372036854776000 is beyond 64-bit integers: read as the nearest float",
        ]
    );
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
    only_warning(
        &generated,
        "the operation documents no response: any 2xx status is taken as success, with no body",
        "#/paths/~1ws/get/responses",
        (7, 7),
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
    only_warning(
        &generated,
        "the operation documents no successful response: any 2xx status is taken as success, with no body",
        "#/paths/~1pets/post/responses",
        (7, 7),
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
    only_warning(
        &generated,
        "`an image` is not a media type: the part is sent with its default type",
        "#/paths/~1upload/post/requestBody/content/multipart~1form-data/encoding/file/contentType",
        (14, 15),
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
    only_warning(
        &generated,
        "`purpose` is required but not among the properties: it is typed as any JSON",
        "#/components/schemas/Config/required/1",
        (8, 7),
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
    only_warning(
        &generated,
        "`#/components/parameters/etag` names a parameter, not a header: it is read as the header it describes",
        "#/paths/~1tables/get/responses/200/headers/etag/$ref",
        (11, 13),
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
    only_warning(
        &generated,
        "`$ref: #/components/headers/Missing` points at nothing: the header is left out",
        "#/paths/~1tables/get/responses/200/headers/etag/$ref",
        (11, 13),
    );
    assert!(
        !generated.code.contains("GetTableHeaders"),
        "{}",
        generated.code
    );
}
