//! `headers`: the headers the responses declare, gathered into one struct per operation, and how
//! each is read (its [`HeaderReading`], decided once the types are final).

use super::{operation, outcome, spec, warnings_at};
use crate::diagnostics::Code;
use crate::module::{analyse, analyse_with_warnings, Module};
use crate::operations::{HeaderReading, ResponseHeader, Status};
use crate::types::Ty;

/// The fields of the headers struct of `method_name`.
fn fields<'m>(module: &'m Module, method_name: &str) -> &'m [ResponseHeader] {
    let headers_struct = operation(module, method_name).headers_struct.as_ref();
    let headers_struct = headers_struct.unwrap_or_else(|| panic!("`{method_name}`: no struct"));
    &headers_struct.fields
}

/// The field of `method_name`'s headers struct for the header `wire` (lower case).
fn field<'m>(module: &'m Module, method_name: &str, wire: &str) -> &'m ResponseHeader {
    let found = fields(module, method_name).iter().find(|f| f.wire == wire);
    found.unwrap_or_else(|| panic!("`{method_name}` reads no header `{wire}`"))
}

#[test]
fn each_declared_response_header_is_a_field_of_the_operation_headers_struct() {
    // §4.7.17 Response Object `headers`: "Maps a header name to its definition. RFC7230 states
    // header names are case insensitive." §4.7.21 Header Object: a schema, as a parameter's.
    let module = analyse(&spec(
        "
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: {description: Calls left., schema: {type: integer, format: int32}}
            Link: {schema: {type: string}}
        '429':
          description: slow down
          headers:
            Retry-After: {schema: {type: integer}}
",
    ));
    let list_pets = operation(&module, "list_pets");
    let headers_struct = list_pets.headers_struct.as_ref().expect("headers struct");
    assert_eq!(headers_struct.name, "ListPetsHeaders");
    let seen: Vec<(&str, &str, &Ty)> = (headers_struct.fields.iter())
        .map(|f| (f.name.bare(), f.wire.as_str(), &f.ty))
        .collect();
    assert_eq!(
        seen,
        [
            ("x_rate_limit", "x-rate-limit", &Ty::I32),
            ("link", "link", &Ty::String),
            ("retry_after", "retry-after", &Ty::I64),
        ]
    );
    assert_eq!(
        outcome(list_pets, Status::Code(200)).headers,
        ["x-rate-limit", "link"]
    );
    assert_eq!(
        outcome(list_pets, Status::Code(429)).headers,
        ["retry-after"]
    );
    let rate_limit = field(&module, "list_pets", "x-rate-limit");
    assert_eq!(
        rate_limit.doc.first().map(String::as_str),
        Some(" Calls left.")
    );
    let retry_after = field(&module, "list_pets", "retry-after");
    assert!(
        retry_after
            .doc
            .last()
            .is_some_and(|line| line.contains("status 429")),
        "{:?}",
        retry_after.doc
    );
}

#[test]
fn a_content_type_response_header_is_ignored() {
    // §4.7.17 `headers`: "If a response header is defined with the name "Content-Type", it SHALL
    // be ignored."
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: onlyContentType
      responses:
        '200': {description: ok, headers: {Content-Type: {schema: {type: string}}}}
    put:
      operationId: withOthers
      responses:
        '200':
          description: ok
          headers:
            content-type: {schema: {type: string}}
            ETag: {schema: {type: string}}
",
    ));
    let only = operation(&module, "only_content_type");
    assert!(only.headers_struct.is_none());
    assert!(outcome(only, Status::Code(200)).headers.is_empty());
    let wires: Vec<&str> = (fields(&module, "with_others").iter())
        .map(|f| f.wire.as_str())
        .collect();
    assert_eq!(wires, ["etag"]);
}

#[test]
fn a_header_of_several_statuses_is_one_field_and_text_when_their_schemas_differ() {
    // §4.7.17: header names are case insensitive, so `X-Request-Id` and `x-request-id` are one
    // header; a value that may be either schema's is read as text.
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          headers:
            X-Request-Id: {schema: {type: integer}}
            X-Version: {schema: {type: integer}}
        '404':
          description: gone
          headers:
            x-request-id: {schema: {type: integer}}
            X-Version: {schema: {type: string}}
",
    ));
    let seen: Vec<(&str, &Ty)> = (fields(&module, "get_a").iter())
        .map(|f| (f.wire.as_str(), &f.ty))
        .collect();
    assert_eq!(
        seen,
        [("x-request-id", &Ty::I64), ("x-version", &Ty::String)]
    );
    let request_id = field(&module, "get_a", "x-request-id");
    assert!(
        (request_id.doc.last()).is_some_and(|line| line.contains("statuses 200, 404")),
        "{:?}",
        request_id.doc
    );
}

#[test]
fn each_header_is_read_as_a_value_a_list_or_text_as_its_schema_allows() {
    // §4.7.21 Header Object: "All traits that are affected by the location MUST be applicable
    // to a location of `header`", whose style is `simple`; §4.7.12.3-4 Style Values and Examples:
    // `simple` writes an array as `blue,black,brown` and an object as `R,100,G,200`, which says
    // no JSON type: it is kept as its text.
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          headers:
            X-Count: {schema: {type: integer}}
            X-Flag: {schema: {type: boolean}}
            X-State: {schema: {$ref: '#/components/schemas/State'}}
            X-Ids: {schema: {type: array, items: {type: integer}}}
            X-Point: {schema: {type: object, properties: {x: {type: integer}}}}
components:
  schemas:
    State: {type: string, enum: [up, down]}
",
    ));
    let reading = |wire: &str| field(&module, "get_a", wire).reading;
    assert_eq!(reading("x-count"), HeaderReading::Value);
    assert_eq!(reading("x-flag"), HeaderReading::Value);
    assert_eq!(reading("x-state"), HeaderReading::Value);
    assert_eq!(reading("x-ids"), HeaderReading::List);
    assert_eq!(reading("x-point"), HeaderReading::Text);
    assert_eq!(
        field(&module, "get_a", "x-ids").ty,
        Ty::Vec(Box::new(Ty::I64))
    );
    // Read as text, it is a `String`.
    assert_eq!(field(&module, "get_a", "x-point").ty, Ty::String);
}

#[test]
fn cookies_and_credentials_in_response_headers_are_secret() {
    let module = analyse(&spec(
        "
paths:
  /login:
    post:
      operationId: login
      responses:
        '200':
          description: ok
          headers:
            Set-Cookie: {schema: {type: string}}
            X-Auth-Token: {schema: {type: string}}
            X-Token-Count: {schema: {type: integer}}
            X-Rate-Limit: {schema: {type: string}}
",
    ));
    let secret: Vec<(&str, bool)> = (fields(&module, "login").iter())
        .map(|f| (f.wire.as_str(), f.secret))
        .collect();
    assert_eq!(
        secret,
        [
            ("set-cookie", true),
            ("x-auth-token", true),
            // A number never holds a credential by its name alone.
            ("x-token-count", false),
            ("x-rate-limit", false),
        ]
    );
}

#[test]
fn a_header_ref_to_a_parameter_is_read_as_the_header_it_describes_with_a_warning() {
    // §4.7.17 `headers` values are "Header Object | Reference Object"; a Parameter Object of
    // `in: header` has the Header Object's fields and more (§4.7.21), so it reads as one.
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          headers:
            ETag: {$ref: '#/components/parameters/Etag'}
            X-Shared: {$ref: '#/components/headers/Shared'}
components:
  parameters:
    Etag: {name: etag, in: header, description: The version., schema: {type: string}}
  headers:
    Shared: {schema: {type: integer}}
",
    ));
    let etag = field(&module, "get_a", "etag");
    assert_eq!(etag.ty, Ty::String);
    assert_eq!(etag.doc.first().map(String::as_str), Some(" The version."));
    assert_eq!(field(&module, "get_a", "x-shared").ty, Ty::I64);
    let pointer = "#/paths/~1a/get/responses/200/headers";
    assert_eq!(
        warnings_at(&warnings, &format!("{pointer}/ETag/$ref")).len(),
        1,
        "{warnings}"
    );
    assert!(warnings_at(&warnings, &format!("{pointer}/X-Shared/$ref")).is_empty());
}

#[test]
fn a_header_that_cannot_be_read_is_left_out_and_one_with_content_is_text() {
    // §4.7.21 Header Object: `schema` or `content` (a map of one media type); a header's value
    // serialised as a media type is kept as the text it arrives as.
    let (module, warnings) = analyse_with_warnings(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          headers:
            X-Meta: {content: {application/json: {schema: {type: object}}}}
            X-Missing: {$ref: '#/components/headers/Missing'}
",
    ));
    let seen: Vec<(&str, &Ty)> = (fields(&module, "get_a").iter())
        .map(|f| (f.wire.as_str(), &f.ty))
        .collect();
    assert_eq!(seen, [("x-meta", &Ty::String)]);
    let about_missing = (warnings.warnings()).filter(|w| w.code == Code::RefNotFound);
    assert_eq!(about_missing.count(), 1, "{warnings}");
}
