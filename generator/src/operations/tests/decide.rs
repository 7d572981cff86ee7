//! `decide`: the decisions made once the types are final: how each parameter is passed, what a
//! params struct derives, the parts of a multipart body, the items operations share, and the
//! parameters a method's doc lists.

use super::{operation, param, spec, type_name};
use crate::module::{analyse, Module};
use crate::operations::{ParamShape, PartKind};
use crate::types::Ty;

#[test]
fn each_parameter_is_passed_as_text_by_value_as_a_list_or_as_json() {
    // §4.7.12.3 Style Values: a parameter's value is a primitive, an array or an object. Text
    // is borrowed, other primitives and integer enums are copied, string enums (which may hold
    // text they do not list) moved, arrays of those are slices; the rest (objects, maps, arrays
    // of objects or of arrays) is sent as its JSON text.
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - {name: id, in: query, schema: {$ref: '#/components/schemas/Id'}}
        - {name: flag, in: query, schema: {type: boolean}}
        - {name: ratio, in: query, schema: {type: number}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: day, in: query, schema: {type: string, format: date}}
        - {name: state, in: query, schema: {$ref: '#/components/schemas/State'}}
        - {name: level, in: query, schema: {type: integer, enum: [1, 2]}}
        - {name: names, in: query, schema: {type: array, items: {type: string}}}
        - {name: states, in: query, schema: {type: array, items: {$ref: '#/components/schemas/State'}}}
        - {name: points, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Point'}}}
        - {name: grid, in: query, schema: {type: array, items: {type: array, items: {type: integer}}}}
        - {name: labels, in: query, schema: {type: object, additionalProperties: {type: string}}}
        - {name: filter, in: query, content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Id: {type: string}
    State: {type: string, enum: [up, down]}
    Point: {type: object, properties: {x: {type: integer}}}
",
    ));
    let get_a = operation(&module, "get_a");
    let shape = |wire: &str| param(get_a, wire).shape.clone();
    assert_eq!(shape("id"), ParamShape::Text, "an alias of a string");
    assert_eq!(shape("flag"), ParamShape::Copy);
    assert_eq!(shape("ratio"), ParamShape::Copy);
    assert_eq!(shape("since"), ParamShape::Copy);
    assert_eq!(shape("day"), ParamShape::Copy);
    assert_eq!(shape("state"), ParamShape::Owned);
    assert_eq!(shape("level"), ParamShape::Copy);
    assert_eq!(shape("names"), ParamShape::List { item: Ty::String });
    let ParamShape::List { item } = shape("states") else {
        panic!("{:?}", shape("states"));
    };
    assert_eq!(type_name(&module, &item), "State");
    assert_eq!(shape("points"), ParamShape::Json);
    assert_eq!(shape("grid"), ParamShape::Json);
    assert_eq!(shape("labels"), ParamShape::Json);
    assert_eq!(shape("filter"), ParamShape::Json);
}

#[test]
fn a_params_struct_derives_default_unless_a_required_parameter_has_no_default() {
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: plain
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}}
        - {name: n, in: query, required: true, schema: {type: integer}}
        - {name: ids, in: query, required: true, schema: {type: array, items: {type: integer}}}
        - {name: point, in: query, schema: {$ref: '#/components/schemas/Point'}}
      responses: {'200': {description: ok}}
    put:
      operationId: withPoint
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: point, in: query, required: true, schema: {$ref: '#/components/schemas/Point'}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Point: {type: object, properties: {x: {type: integer}}}
",
    ));
    let derives_default = |name: &str| {
        let params_struct = operation(&module, name).params_struct.as_ref();
        params_struct.expect("params struct").derive_default
    };
    // Text, numbers and lists have a default; an optional parameter is `None` whatever its type.
    assert!(derives_default("plain"));
    // A required struct has none.
    assert!(!derives_default("with_point"));
}

#[test]
fn a_multipart_body_is_one_part_per_property_with_its_kind_and_content_type() {
    // §4.7.15 Encoding Object `contentType` defaults: `format: binary` →
    // `application/octet-stream`, other primitives → `text/plain` (RFC 7578 §4.4: a part without
    // one is `text/plain`, so none is sent), objects → `application/json`, arrays by their items
    // (§4.7.14.5 Special Considerations for multipart Content); an Encoding Object's
    // `contentType` replaces the default. §4.7.14.3 Considerations for File Uploads: an array of
    // binary strings uploads several files under one name.
    let module = analyse(&spec(
        "
paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                files: {type: array, items: {type: string, format: binary}}
                encoded: {type: string, format: byte}
                name: {type: string}
                count: {type: integer}
                tags: {type: array, items: {type: string}}
                meta: {type: object, properties: {a: {type: string}}}
                avatar: {type: string, format: binary}
            encoding:
              avatar: {contentType: image/png}
      responses: {'204': {description: ok}}
",
    ));
    let body = operation(&module, "upload").body.as_ref().expect("body");
    let kinds: Vec<(&str, PartKind)> = (body.parts.iter())
        .map(|p| (p.wire.as_str(), p.kind))
        .collect();
    assert_eq!(kinds[2], ("encoded", PartKind::Base64));
    // Its type is not asserted: `text/plain` by §4.7.15's table ("other primitive types"),
    // `application/octet-stream` by §4.7.14.5 ("`format: base64` (aka a file object)").
    let parts: Vec<(&str, PartKind, bool, Option<&str>)> = (body.parts.iter())
        .filter(|p| p.wire != "encoded")
        .map(|p| {
            let content_type = p.content_type.as_deref();
            (p.wire.as_str(), p.kind, p.optional, content_type)
        })
        .collect();
    let octets = Some("application/octet-stream");
    assert_eq!(
        parts,
        [
            ("file", PartKind::Bytes, false, octets),
            ("files", PartKind::BytesList, true, octets),
            ("name", PartKind::Text, true, None),
            ("count", PartKind::Copy, true, None),
            ("tags", PartKind::List, true, None),
            ("meta", PartKind::Json, true, Some("application/json")),
            ("avatar", PartKind::Bytes, true, Some("image/png")),
        ]
    );
}

/// The `same_as` of each operation's params struct, headers struct or error enum (`item`).
fn shared<'m>(module: &'m Module, item: &str) -> Vec<(&'m str, Option<&'m str>)> {
    (module.operations.iter())
        .map(|op| {
            let name_and_first = match item {
                "params" => op.params_struct.as_ref().map(|s| (&s.name, &s.same_as)),
                "headers" => op.headers_struct.as_ref().map(|s| (&s.name, &s.same_as)),
                _ => op.error_enum.as_ref().map(|e| (&e.name, &e.same_as)),
            };
            let (name, first) = name_and_first.expect(item);
            (name.as_str(), first.as_deref())
        })
        .collect()
}

#[test]
fn operations_with_the_same_parameters_share_the_first_params_struct() {
    let module = analyse(&spec(
        "
paths:
  /repos/{owner}/{repo}/issues:
    get:
      operationId: listIssues
      parameters: &page
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
        - {name: per_page, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /repos/{owner}/{repo}/pulls:
    get:
      operationId: listPulls
      parameters: *page
      responses: {'200': {description: ok}}
  /repos/{owner}/{repo}/tags:
    get:
      operationId: listTags
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
        - {name: per_page, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
",
    ));
    assert_eq!(
        shared(&module, "params"),
        [
            ("ListIssuesParams", None),
            ("ListPullsParams", Some("ListIssuesParams")),
            // `per_page` is text here: another struct.
            ("ListTagsParams", None),
        ]
    );
}

#[test]
fn operations_whose_responses_declare_the_same_headers_share_the_first_headers_struct() {
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: listA
      responses: {'200': {description: ok, headers: {Link: {schema: {type: string}}}}}
  /b:
    get:
      operationId: listB
      responses: {'200': {description: ok, headers: {Link: {schema: {type: string}}}}}
  /c:
    get:
      operationId: listC
      responses: {'200': {description: ok, headers: {Link: {schema: {type: integer}}}}}
",
    ));
    assert_eq!(
        shared(&module, "headers"),
        [
            ("ListAHeaders", None),
            ("ListBHeaders", Some("ListAHeaders")),
            ("ListCHeaders", None),
        ]
    );
}

#[test]
fn error_enums_are_shared_when_the_errors_are_the_same_whatever_the_media_type_or_success() {
    // The enum holds each error's status, description and body type; the media type a body is
    // read from, and the successes, are the method's.
    let module = analyse(&spec(
        "
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /b:
    get:
      operationId: getB
      responses:
        '204': {description: ok}
        '404': {description: gone, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /c:
    get:
      operationId: getC
      responses:
        '204': {description: ok}
        '404': {description: gone, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Problem: {type: object, properties: {title: {type: string}}}
",
    ));
    assert_eq!(
        shared(&module, "errors"),
        [
            ("GetAError", None),
            ("GetBError", Some("GetAError")),
            // Its 404 holds text, not a `Problem`.
            ("GetCError", None),
        ]
    );
}

#[test]
fn a_method_without_a_params_struct_lists_its_parameters_in_its_doc() {
    let module = analyse(&spec(
        "
paths:
  /pets/{id}:
    get:
      operationId: getPet
      summary: One pet.
      parameters:
        - {name: id, in: path, required: true, description: The pet's id., schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
    delete:
      operationId: deletePet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: hard, in: query, schema: {type: boolean}}]
      responses: {'204': {description: ok}}
",
    ));
    let doc = &operation(&module, "get_pet").doc;
    let section = doc.iter().position(|line| line == " # Parameters");
    let listed = &doc[section.expect("a # Parameters section") + 1..];
    assert_eq!(
        listed,
        [
            " - `id`: The pet's id.",
            " - `x_trace`: The `X-Trace` header parameter."
        ]
    );
    // With a params struct, each field has its own doc.
    let delete_pet = operation(&module, "delete_pet");
    assert!(delete_pet.params_struct.is_some());
    assert!(!delete_pet.doc.iter().any(|line| line == " # Parameters"));
}
