//! Each kind of item a node of the wrong shape costs, read through `read::parse`, and what is
//! still refused.

use crate::diagnostics::{Code, Severity};

/// The warnings of reading `text` (pointer and cost), and the document read.
fn read(text: &str) -> (crate::read::Document, Vec<(String, String)>) {
    let document = crate::read::parse(text).unwrap_or_else(|d| panic!("{d}"));
    let warnings = (document.rewritten.warnings.iter())
        .filter(|warning| warning.code == Code::InvalidDocument)
        .inspect(|warning| assert_eq!(warning.severity, Severity::Warning))
        .map(|warning| {
            (
                warning.pointer.clone(),
                warning.cost().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (document, warnings)
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_schema_of_the_wrong_shape_is_any_json_value_and_the_others_are_read() {
    // Real documents: a string where a schema belongs under components/schemas; a tuple's
    // `items: [...]` (JSON Schema draft 4), which OpenAPI 3.0's `items` is not, is read as the
    // tuple it is first (`openapi31::draft_4_tuple`), of items of any JSON value.
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Odd: 'a string'\n    Pair:\n      type: array\n      items: [{{type: string}}, {{type: integer}}]\n    Fine: {{type: string}}\n"
    );
    let (document, warnings) = read(&text);
    let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/Pair/items",
            "#/components/schemas/Odd"
        ]
    );
    assert_eq!(warnings[1].1, "the schema is typed as any JSON value");
    let schemas = &document.api.components.as_ref().unwrap().schemas;
    assert_eq!(schemas.len(), 3);
}

#[test]
fn a_parameter_response_or_operation_of_the_wrong_shape_is_left_out_and_later_places_stay_located()
{
    let text = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - {{name: bad, in: query, style: 7}}
        - {{name: good, in: query, schema: {{type: string}}}}
      responses:
        200: {{description: [not text]}}
        204: {{description: ok}}
    post:
      requestBody: {{content: 5}}
      responses: {{'204': {{description: ok}}}}
"
    );
    let (document, warnings) = read(&text);
    let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(pointers.len(), 3, "{warnings:?}");
    assert!(
        pointers[0].starts_with("#/paths/~1a/get/parameters/0"),
        "{pointers:?}"
    );
    assert!(
        pointers.contains(&"#/paths/~1a/get/responses/200/description"),
        "{pointers:?}"
    );
    assert!(
        (warnings.iter()).any(|(_, m)| m == "the operation at #/paths/~1a/post is left out"),
        "{warnings:?}"
    );
    let item = document.api.paths.paths["/a"].as_item().unwrap();
    let get = item.get.as_ref().unwrap();
    assert_eq!(get.parameters.len(), 1);
    assert!(item.post.is_none());
    // The parameter that moved up a place is still named by its place in the file.
    assert_eq!(
        document
            .original_pointer("#/paths/~1a/get/parameters/0")
            .as_deref(),
        Some("#/paths/~1a/get/parameters/1")
    );
}

#[test]
fn a_node_no_item_holds_still_refuses_the_document() {
    let text = "openapi: 3.0.3\ninfo: {title: [a, list], version: '1'}\npaths: {}\n";
    let refused = crate::read::parse(text).expect_err("info is the document's");
    let error = refused.errors().next().unwrap();
    assert_eq!(error.code, Code::InvalidDocument);
    assert!(error.pointer.starts_with("#/info"), "{refused}");
}

/// A path item, and a shared parameter, of the wrong shape are items of their own: each is left
/// out, not the document (both were refused: their containers were taken for lists).
#[test]
fn a_path_item_or_a_component_parameter_of_the_wrong_shape_is_left_out() {
    let text = format!(
        "{HEAD}paths:
  /ok:
    get:
      parameters: [{{$ref: '#/components/parameters/Q'}}]
      responses: {{'204': {{description: ok}}}}
  /z: 42
components:
  parameters:
    P: 5
    Q: {{name: q, in: nowhere}}
"
    );
    let (document, warnings) = read(&text);
    let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(pointers.len(), 3, "{warnings:?}");
    assert!(pointers.contains(&"#/paths/~1z"), "{pointers:?}");
    assert!(
        pointers
            .iter()
            .any(|p| p.starts_with("#/components/parameters/P")),
        "{pointers:?}"
    );
    assert!(
        pointers
            .iter()
            .any(|p| p.starts_with("#/components/parameters/Q")),
        "{pointers:?}"
    );
    assert!(document.api.paths.paths.contains_key("/ok"));
    assert!(!document.api.paths.paths.contains_key("/z"));
}

/// Many items of one kind of the wrong shape (beyond the cuts a document is read again for) are
/// found by one walk once the first is: each left out with its warning, in the file's order.
#[test]
fn many_items_of_one_kind_of_the_wrong_shape_are_each_left_out() {
    let operations: String = (0..400)
        .map(|i| format!("  /a{i}:\n    get:\n      parameters: [5, 6]\n      responses: {{'204': {{description: ok}}}}\n"))
        .collect();
    let (document, warnings) = read(&format!("{HEAD}paths:\n{operations}"));
    assert_eq!(warnings.len(), 800);
    assert_eq!(warnings[0].0, "#/paths/~1a0/get/parameters/0");
    assert_eq!(warnings[1].0, "#/paths/~1a0/get/parameters/1");
    assert_eq!(warnings[799].0, "#/paths/~1a399/get/parameters/1");
    assert_eq!(document.api.paths.paths.len(), 400);
}
