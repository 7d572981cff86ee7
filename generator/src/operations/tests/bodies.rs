//! `bodies`: the request body's media type and type, the responses, what a success returns, the
//! error enum and the `Accept` header.

use super::{operation, outcome, spec, type_name, warnings_at};
use crate::module::{analyse, analyse_with_warnings};
use crate::operations::{Body, FormStyle, Media, Status, Success};
use crate::types::Ty;

/// The request body of the operation `method_name`.
fn request_body<'m>(module: &'m crate::module::Module, method_name: &str) -> &'m Body {
    let body = operation(module, method_name).body.as_ref();
    body.unwrap_or_else(|| panic!("`{method_name}` has no request body"))
}

/// A `Pet` object and a `Problem` object, for the tests' bodies.
const SCHEMAS: &str = "
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    Problem: {type: object, properties: {title: {type: string}}}
";

#[test]
fn json_is_chosen_first_among_the_media_types_of_a_request_body() {
    // §4.7.13 Request Body Object `content`: the body may be sent as any media type listed; JSON
    // is the one whose schema types the body best. The media type is kept as written.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/xml: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
          text/plain: {{schema: {{type: string}}}}
          application/x-www-form-urlencoded: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
          application/json; charset=utf-8: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
      responses: {{'204': {{description: ok}}}}
{SCHEMAS}"
    )));
    let body = request_body(&module, "add_pet");
    assert_eq!(body.media, Media::Json);
    assert_eq!(body.content_type, "application/json; charset=utf-8");
    assert_eq!(type_name(&module, &body.ty), "Pet");
}

#[test]
fn a_form_body_is_chosen_over_multipart_text_and_bytes_with_its_encoding_styles() {
    // §4.7.15 Encoding Object: for `application/x-www-form-urlencoded`, `style` and `explode`
    // follow the query parameters' rules "including default values": `form`, exploded. Only the
    // properties written otherwise are listed.
    let module = analyse(&spec(
        "
paths:
  /login:
    post:
      operationId: login
      requestBody:
        content:
          application/octet-stream: {}
          text/plain: {schema: {type: string}}
          multipart/form-data: {schema: {$ref: '#/components/schemas/Login'}}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Login'}
            encoding:
              user: {contentType: text/plain}
              tags: {style: pipeDelimited, explode: false}
              spaced: {style: spaceDelimited}
              ids: {explode: false}
              filter: {style: deepObject, explode: true}
      responses: {'204': {description: ok}}
components:
  schemas:
    Login:
      type: object
      properties:
        user: {type: string}
        tags: {type: array, items: {type: string}}
        spaced: {type: array, items: {type: string}}
        ids: {type: array, items: {type: integer}}
        filter: {type: object, additionalProperties: {type: string}}
",
    ));
    let body = request_body(&module, "login");
    assert_eq!(
        (body.media, body.content_type.as_str()),
        (Media::Form, "application/x-www-form-urlencoded")
    );
    assert_eq!(type_name(&module, &body.ty), "Login");
    let styles: Vec<(&str, FormStyle)> = (body.form_styles.iter())
        .map(|(name, style)| (name.as_str(), *style))
        .collect();
    assert_eq!(
        styles,
        [
            ("tags", FormStyle::Joined("|")),
            ("spaced", FormStyle::Joined(" ")),
            ("ids", FormStyle::Joined(",")),
            ("filter", FormStyle::DeepObject),
        ]
    );
}

#[test]
fn a_multipart_body_keeps_the_content_type_its_encoding_gives_each_part() {
    // §4.7.15 Encoding Object `contentType`: a media type, or a comma-separated list of them
    // (the first is sent); a value that is no media type is left out with a warning.
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /me:
    put:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                avatar: {type: string, format: binary}
                meta: {type: object}
                note: {type: string}
            encoding:
              avatar: {contentType: 'image/png, image/jpeg'}
              meta: {contentType: application/json}
              note: {contentType: not a type}
      responses: {'204': {description: ok}}
",
    ));
    let body = request_body(&module, "upload");
    assert_eq!(body.media, Media::Multipart);
    let declared: Vec<(&str, &str)> = (body.part_types.iter())
        .map(|(property, content_type)| (property.as_str(), content_type.as_str()))
        .collect();
    assert_eq!(
        declared,
        [("avatar", "image/png"), ("meta", "application/json")]
    );
    let pointer =
        "#/paths/~1me/put/requestBody/content/multipart~1form-data/encoding/note/contentType";
    assert_eq!(warnings_at(&warnings, pointer).len(), 1, "{warnings}");
}

#[test]
fn text_is_a_string_raw_media_types_are_bytes_and_a_body_is_optional_unless_required() {
    // §4.7.13 `required`: "Determines if the request body is required in the request. Defaults
    // to false." A `text/*` body is text; any other media type that is not JSON or a form is
    // raw bytes, whatever its schema (§4.7.14.3 Considerations for File Uploads).
    let module = analyse(&spec(
        "
paths:
  /a:
    put:
      operationId: putText
      requestBody: {required: true, content: {text/plain: {schema: {type: string}}}}
      responses: {'204': {description: ok}}
    post:
      operationId: postFile
      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses: {'204': {description: ok}}
    patch:
      operationId: postImage
      requestBody: {content: {image/png: {}}}
      responses: {'204': {description: ok}}
",
    ));
    let seen = |name: &str| {
        let body = request_body(&module, name);
        (body.media, body.ty.clone(), body.required)
    };
    assert_eq!(seen("put_text"), (Media::Text, Ty::String, true));
    assert_eq!(seen("post_file"), (Media::Bytes, Ty::Bytes, false));
    assert_eq!(seen("post_image"), (Media::Bytes, Ty::Bytes, false));
}

#[test]
fn each_response_is_an_outcome_of_its_status_named_by_its_reason_phrase() {
    // §4.7.16 Responses Object: status codes, the ranges `1XX` to `5XX`, and `default` for every
    // status not declared. §3.4 HTTP Status Codes: as RFC 7231 and the IANA registry define them.
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: statuses
      responses:
        '200': {description: ok}
        '404': {description: gone}
        '418': {description: teapot}
        '599': {description: unnamed}
        4XX: {description: client}
        5XX: {description: server}
        default: {description: other}
",
    ));
    let statuses = operation(&module, "statuses");
    let seen: Vec<(Status, &str, &str)> = (statuses.responses.iter())
        .map(|o| (o.status, o.variant.as_str(), o.description.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (Status::Code(200), "Ok", "ok"),
            (Status::Code(404), "NotFound", "gone"),
            (Status::Code(418), "ImATeapot", "teapot"),
            (Status::Code(599), "Status599", "unnamed"),
            (Status::Range(4), "ClientError", "client"),
            (Status::Range(5), "ServerError", "server"),
            (Status::Default, "Other", "other"),
        ]
    );
    let error_enum = statuses.error_enum.as_ref().expect("error enum");
    assert_eq!(error_enum.name, "StatusesError");
}

#[test]
fn success_statuses_with_the_same_body_return_one_type_and_no_error_enum_without_errors() {
    // §4.7.17 Response Object `content`; a referenced response (§4.7.23) is the one it names.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    put:
      operationId: putPet
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}
        '201': {{$ref: '#/components/responses/PetCreated'}}
{SCHEMAS}
  responses:
    PetCreated:
      description: created
      content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}
"
    )));
    let put_pet = operation(&module, "put_pet");
    assert_eq!(outcome(put_pet, Status::Code(201)).description, "created");
    let Success::Single(Some(body)) = &put_pet.success else {
        panic!("{:?}", put_pet.success);
    };
    assert_eq!(
        (type_name(&module, &body.ty), body.media),
        ("Pet", Media::Json)
    );
    assert!(put_pet.error_enum.is_none());
}

#[test]
fn success_statuses_with_different_bodies_return_an_enum_by_status() {
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    post:
      operationId: createPet
      responses:
        '201': {{description: created, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}
        '202': {{description: accepted}}
        '400': {{description: bad, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}}}}}
{SCHEMAS}"
    )));
    let create_pet = operation(&module, "create_pet");
    assert!(
        matches!(&create_pet.success, Success::Enum(name) if name == "CreatePetSuccess"),
        "{:?}",
        create_pet.success
    );
    let error_enum = create_pet.error_enum.as_ref().expect("error enum");
    assert_eq!(error_enum.name, "CreatePetError");
    let bad = outcome(create_pet, Status::Code(400)).body.as_ref();
    assert_eq!(type_name(&module, &bad.expect("body").ty), "Problem");
}

#[test]
fn with_no_success_status_listed_the_default_response_describes_the_success() {
    // §4.7.16 `default`: "The documentation of responses other than the ones declared for
    // specific HTTP response codes": with no 2xx declared, a 200 is one of them.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '404': {{description: gone}}
        default: {{description: any, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}
{SCHEMAS}"
    )));
    let list_pets = operation(&module, "list_pets");
    let Success::Single(Some(body)) = &list_pets.success else {
        panic!("{:?}", list_pets.success);
    };
    assert_eq!(type_name(&module, &body.ty), "Pet");
    // Any other status is an error as well.
    assert!(list_pets.error_enum.is_some());
}

#[test]
fn an_operation_that_documents_no_success_takes_any_2xx_as_success_with_a_warning() {
    // §4.7.16: the Responses Object "SHOULD be the response for a successful operation call".
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /pets:
    delete:
      operationId: deletePets
      responses: {'404': {description: gone}}
",
    ));
    let delete_pets = operation(&module, "delete_pets");
    let seen: Vec<(Status, &str, bool)> = (delete_pets.responses.iter())
        .map(|o| (o.status, o.variant.as_str(), o.body.is_some()))
        .collect();
    assert_eq!(
        seen,
        [
            (Status::Code(404), "NotFound", false),
            (Status::Range(2), "Success", false)
        ]
    );
    assert!(matches!(delete_pets.success, Success::Single(None)));
    let at = warnings_at(&warnings, "#/paths/~1pets/delete/responses");
    assert_eq!(at.len(), 1, "{warnings}");
}

#[test]
fn a_response_body_is_read_from_the_media_types_of_its_kind() {
    // §4.7.17 `content`: "a map containing descriptions of potential response payloads". JSON is
    // read from every JSON media type listed, and from a text one whose schema is not a string;
    // XML beside JSON is not read.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
          content:
            application/xml: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
            application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
            application/vnd.pet+json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
        '400':
          description: bad
          content:
            application/json: {{schema: {{$ref: '#/components/schemas/Problem'}}}}
            text/plain: {{schema: {{$ref: '#/components/schemas/Problem'}}}}
        '404': {{description: gone, content: {{text/plain: {{schema: {{type: string}}}}}}}}
        '500': {{description: down, content: {{application/octet-stream: {{}}}}}}
{SCHEMAS}"
    )));
    let get_pet = operation(&module, "get_pet");
    let read = |status: u16| {
        let body = outcome(get_pet, Status::Code(status)).body.as_ref();
        let body = body.unwrap_or_else(|| panic!("no body for {status}"));
        (
            body.media,
            body.content_type.as_str(),
            body.read_from.clone(),
        )
    };
    let json = "application/json";
    assert_eq!(
        read(200),
        (
            Media::Json,
            json,
            vec![json.into(), "application/vnd.pet+json".into()]
        )
    );
    assert_eq!(
        read(400),
        (Media::Json, json, vec![json.into(), "text/plain".into()])
    );
    assert_eq!(
        read(404),
        (Media::Text, "text/plain", vec!["text/plain".into()])
    );
    let octets = "application/octet-stream";
    assert_eq!(read(500), (Media::Bytes, octets, vec![octets.into()]));
    let body_type = |status| {
        outcome(get_pet, Status::Code(status))
            .body
            .as_ref()
            .map(|b| &b.ty)
    };
    assert_eq!(body_type(404), Some(&Ty::String));
    assert_eq!(body_type(500), Some(&Ty::Bytes));
}

#[test]
fn the_accept_header_lists_the_media_types_read_json_ones_first() {
    // RFC 9110 §12.5.1 Accept; the types a response lists but the client does not read (XML
    // beside JSON) are left out, so that a server that negotiates sends one it reads.
    let module = analyse(&spec(&format!(
        "
paths:
  /pets:
    get:
      operationId: getPet
      responses:
        '404': {{description: gone, content: {{text/plain: {{schema: {{type: string}}}}}}}}
        '200':
          description: ok
          content:
            application/xml: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
            application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}
        '410': {{description: gone, content: {{text/plain: {{schema: {{type: string}}}}}}}}
    delete:
      operationId: deletePet
      responses: {{'204': {{description: deleted}}}}
{SCHEMAS}"
    )));
    let accept = |name: &str| operation(&module, name).accept.clone();
    assert_eq!(
        accept("get_pet").as_deref(),
        Some("application/json, text/plain")
    );
    // Nothing to read: no `Accept`.
    assert_eq!(accept("delete_pet"), None);
}

#[test]
fn a_json_response_whose_schema_admits_null_is_optional() {
    // §4.7.24 Schema Object `nullable`: "A true value adds "null" to the allowed values".
    let module = analyse(&spec(
        "
paths:
  /name:
    get:
      operationId: getName
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string, nullable: true}}}}
    put:
      operationId: putName
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
",
    ));
    let success_type = |name: &str| match &operation(&module, name).success {
        Success::Single(Some(body)) => body.ty.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(success_type("get_name"), Ty::Option(Box::new(Ty::String)));
    assert_eq!(success_type("put_name"), Ty::String);
}

#[test]
fn a_binary_schema_under_the_any_media_type_range_is_raw_bytes() {
    // §4.7.14.3 Considerations for File Uploads: content "transferred in binary
    // (octet-stream)" is `type: string, format: binary`; `*/*` is a media type range (§4.7.13
    // `content`), which says nothing of JSON. Springdoc writes `*/*` for every download.
    let module = analyse(&spec(
        "
paths:
  /file:
    get:
      operationId: download
      responses:
        '200': {description: ok, content: {'*/*': {schema: {type: string, format: binary}}}}
",
    ));
    let Success::Single(Some(body)) = &operation(&module, "download").success else {
        panic!("no success body");
    };
    // Not `Media::Json` with `Ty::String`: the file's bytes would be decoded as a JSON string.
    assert_eq!((body.media, &body.ty), (Media::Bytes, &Ty::Bytes));
}
