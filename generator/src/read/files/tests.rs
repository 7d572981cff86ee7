//! The pieces of bundling that do not need files: which texts refer to other files, which are
//! documents, how paths and origins are worked out. Bundling itself is tested on real files
//! (tests/split_files.rs).

use super::*;

#[test]
fn a_ref_to_another_file_is_found_by_its_value_not_by_a_local_pointer() {
    assert!(has_file_refs("schema: {$ref: './pet.yaml'}"));
    assert!(has_file_refs(
        "\"$ref\": \"common.json#/definitions/Error\""
    ));
    assert!(has_file_refs("$ref: https://example.com/pet.yaml"));
    assert!(!has_file_refs("schema: {$ref: '#/components/schemas/Pet'}"));
    assert!(!has_file_refs("description: no references here"));
}

#[test]
fn a_document_has_openapi_or_swagger_at_its_top_level_and_a_fragment_has_neither() {
    assert!(is_document("openapi: 3.0.3\ninfo: {}\n"));
    assert!(is_document("# comment\n\"swagger\": '2.0'\n"));
    assert!(is_document("{\n  \"openapi\": \"3.1.0\"\n}"));
    // A fragment: a schema, components only, or a key that merely starts like one.
    assert!(!is_document(
        "type: object\nproperties:\n  openapi: {type: string}\n"
    ));
    assert!(!is_document("components:\n  schemas: {}\n"));
    assert!(!is_document("openapiVersion: 3\n"));
    assert!(!is_document("{\"type\": \"object\"}"));
    // A property named `openapi` does not make a JSON fragment a document; a byte order mark
    // does not hide a YAML document's key.
    assert!(!is_document(
        r#"{"type": "object", "properties": {"openapi": {"type": "string"}}}"#
    ));
    assert!(is_document("\u{feff}openapi: 3.0.3\n"));
    // A schemas file with a schema named `openapi` (JSON or YAML) is a fragment too.
    assert!(!is_document(r#"{"openapi": {"type": "object"}}"#));
    assert!(!is_document("openapi:\n  type: object\n"));
    assert!(!is_document("openapi: {type: object}\n"));
}

#[test]
fn a_path_is_normalized_without_the_file_system() {
    assert_eq!(
        normalize(Path::new("specs/schemas/../common/./types.yaml")),
        PathBuf::from("specs/common/types.yaml")
    );
    // Above the start, `..` stays: the file system decides.
    assert_eq!(
        normalize(Path::new("../shared/x.yaml")),
        PathBuf::from("../shared/x.yaml")
    );
}

#[test]
fn an_origin_is_the_longest_copied_place_with_the_rest_of_the_pointer() {
    let mut files = Files::default();
    let place = "#/components/schemas/Pet".to_owned();
    files.origins.insert(place, (0, "#".to_owned()));
    let owner = "#/components/schemas/owner".to_owned();
    files
        .origins
        .insert(owner, (1, "#/definitions/Owner".to_owned()));
    assert_eq!(
        files.origin("#/components/schemas/Pet/properties/kind/type"),
        Some((0, "#/properties/kind/type".to_owned()))
    );
    assert_eq!(
        files.origin("#/components/schemas/owner"),
        Some((1, "#/definitions/Owner".to_owned()))
    );
    assert_eq!(files.origin("#/components/schemas/Petal"), None);
    assert_eq!(files.origin("#/paths"), None);
}

#[test]
fn a_swagger_2_place_has_the_kind_of_what_it_becomes_in_3_0() {
    let tokens = |pointer: &str| tokens_of(pointer);
    assert_eq!(
        place_kind(&tokens("#/definitions/Pet/properties/a"), true),
        Kind::Schema
    );
    assert_eq!(
        place_kind(&tokens("#/parameters/Id"), true),
        Kind::Parameter
    );
    assert_eq!(
        place_kind(&tokens("#/paths/~1a/get/responses/200/schema"), true),
        Kind::Schema
    );
    assert_eq!(
        place_kind(&tokens("#/paths/~1a/get/responses/200"), true),
        Kind::Response
    );
    assert_eq!(
        section_of(Kind::Schema, true).as_deref(),
        Some("#/definitions")
    );
    assert_eq!(section_of(Kind::Header, true), None);
    assert_eq!(
        section_of(Kind::Header, false).as_deref(),
        Some("#/components/headers")
    );
}

#[test]
fn a_uri_with_a_scheme_is_not_a_file() {
    assert!(is_uri("https://example.com/pet.yaml"));
    assert!(is_uri("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"));
    assert!(is_uri("//host/pet.yaml"));
    assert!(!is_uri("schemas/pet.yaml"));
    assert!(!is_uri("../common.yaml"));
    assert!(!is_uri("C:/specs/pet.yaml"));
}
