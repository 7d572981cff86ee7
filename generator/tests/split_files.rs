//! Documents split across files, read from disk by `generate_file`, `Config` and the CLI: the
//! split fixture generates the client its bundled form does; a file that cannot be read is an
//! error in the file that names it, at its line; URLs are not fetched; a Swagger 2.0 document
//! split the way Azure's are reads its shared definitions and parameters; a folder of specs
//! takes fragments for what they are.

use oapigen::{generate_file, generate_source, Code, Config};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The module's code without its first line, which names the spec.
fn body(code: &str) -> &str {
    code.split_once('\n').map_or(code, |(_, rest)| rest)
}

/// A warning's code, file name (without its folders), pointer, and line and column.
type Finding<'d> = (Code, &'d str, &'d str, Option<(u32, u32)>);

/// Each warning as a [`Finding`].
fn findings(warnings: &oapigen::Diagnostics) -> Vec<Finding<'_>> {
    (warnings.iter())
        .map(|w| {
            let name = w.file.rsplit('/').next().unwrap_or_default();
            (w.code, name, w.pointer.as_str(), w.location)
        })
        .collect()
}

/// A scratch folder of this test's own, holding `files` (path, text).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("split-files")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_document_split_across_files_generates_the_client_of_its_bundled_form() {
    let split = generate_file(fixtures().join("split_files/openapi.yaml"), &Config::new())
        .unwrap_or_else(|d| panic!("{d}"));
    let bundled_path = fixtures().join("split_files.yaml");
    let bundled_text = std::fs::read_to_string(&bundled_path).unwrap();
    let bundled = generate_source("split_files.yaml", &bundled_text, &Config::new()).unwrap();
    assert_eq!(body(&split.code), body(&bundled.code));
    assert!(split.warnings.is_empty(), "{}", split.warnings);
    // Every file read, for a build script's rerun lines, in the order first referred to.
    let expected = [
        "schemas/pet.yaml",
        "schemas/owner.yaml",
        "common.yaml",
        "paths/pets.yaml",
    ];
    assert_eq!(split.files.len(), expected.len(), "{:?}", split.files);
    for (path, expected) in split.files.iter().zip(expected) {
        let expected = Path::new("split_files").join(expected);
        assert!(path.ends_with(expected), "{path:?}");
    }
}

#[test]
fn each_file_that_cannot_be_read_is_an_error_at_the_reference_in_the_file_that_names_it() {
    let dir = folder(
        "missing",
        &[
            ("api.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'schemas/a.yaml'}\n"),
            ("schemas/a.yaml", "type: object\nproperties:\n  b:\n    $ref: './b.yaml'\n  c:\n    $ref: './c.yaml'\n"),
        ],
    );
    let errors =
        generate_file(dir.join("api.yaml"), &Config::new()).expect_err("b.yaml is missing");
    // Every file that cannot be read is reported at once.
    assert_eq!(errors.errors().count(), 2, "{errors}");
    let error = errors.errors().next().unwrap();
    assert_eq!(error.code, Code::RefNotFound);
    assert!(error.file.ends_with("schemas/a.yaml"), "{errors}");
    assert_eq!(error.pointer, "#/properties/b/$ref");
    assert_eq!(error.location, Some((4, 5)), "{errors}");
    assert!(error.message.contains("b.yaml cannot be read"), "{errors}");
}

#[test]
fn a_url_is_not_fetched_its_schema_is_any_json_value_and_strict_refuses_it() {
    let dir = folder(
        "url",
        &[("api.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'https://example.com/a.yaml'}\n")],
    );
    let generated = generate_file(dir.join("api.yaml"), &Config::new()).unwrap();
    let warning = generated.warnings.iter().next().unwrap();
    assert_eq!(warning.code, Code::RefExternal);
    assert_eq!(warning.cost(), Some("typed as any JSON value"));
    assert!(
        warning.hint.as_deref().unwrap().contains("vendor the file"),
        "{warning}"
    );
    let strict = Config::new().strict(true).clone();
    assert!(generate_file(dir.join("api.yaml"), &strict).is_err());
}

#[test]
fn a_swagger_2_document_split_as_azure_splits_them_reads_shared_definitions_and_parameters() {
    let dir = folder(
        "swagger2",
        &[
            (
                "service/api.json",
                r#"{
  "swagger": "2.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/widgets/{name}": {
      "get": {
        "operationId": "Widgets_Get",
        "parameters": [
          {"$ref": "../common/types.json#/parameters/ApiVersion"},
          {"name": "name", "in": "path", "required": true, "type": "string"}
        ],
        "responses": {
          "200": {"description": "ok", "schema": {"$ref": "./definitions.json#/definitions/Widget"}},
          "default": {"description": "error", "schema": {"$ref": "../common/types.json#/definitions/ErrorResponse"}}
        }
      }
    }
  }
}"#,
            ),
            (
                "service/definitions.json",
                r##"{"definitions": {"Widget": {"type": "object", "properties": {"name": {"type": "string"}, "error": {"$ref": "../common/types.json#/definitions/ErrorResponse"}}}}}"##,
            ),
            (
                "common/types.json",
                r##"{"parameters": {"ApiVersion": {"name": "api-version", "in": "query", "required": true, "type": "string"}}, "definitions": {"ErrorResponse": {"type": "object", "properties": {"message": {"type": "string"}, "details": {"type": "array", "items": {"$ref": "#/definitions/ErrorResponse"}}}}}}"##,
            ),
        ],
    );
    let generated = generate_file(dir.join("service/api.json"), &Config::new())
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(generated.warnings.is_empty(), "{}", generated.warnings);
    let code = &generated.code;
    assert!(code.contains("pub struct Widget {"), "{code}");
    assert!(code.contains("pub error: Option<ErrorResponse>"), "{code}");
    assert!(
        code.contains("pub details: Option<Vec<ErrorResponse>>"),
        "{code}"
    );
    assert!(
        code.contains(".query(\"api-version\", api_version)"),
        "{code}"
    );
}

#[test]
fn a_specs_folder_generates_its_documents_and_takes_fragments_for_what_they_are() {
    let dir = folder(
        "folder",
        &[
            ("specs/pets.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'pet.yaml'}\n"),
            ("specs/pet.yaml", "type: object\nproperties:\n  name: {type: string}\n"),
        ],
    );
    let report = Config::new()
        .specs_dir(dir.join("specs"))
        .out_dir(dir.join("out"))
        .generate()
        .unwrap_or_else(|d| panic!("{d}"));
    let names: Vec<&str> = report
        .modules
        .iter()
        .map(|module| module.name.as_str())
        .collect();
    assert_eq!(names, ["pets"]);
    let code = std::fs::read_to_string(dir.join("out/pets.rs")).unwrap();
    assert!(code.contains("pub struct Pet {"), "{code}");
}

/// What a client is not made of is not followed (an extension's `$ref` to a code sample, an
/// example's to a missing file); a loop of path items across files costs its path; a referenced
/// file's text has the tolerances the document's has (a repeated JSON name, a tab beginning a
/// block scalar); a fragment that is not a pointer, or that names nothing, where a schema stands
/// types it as any JSON value. Each with a warning in its own file; the rest generates.
#[test]
fn a_defect_in_or_of_another_file_costs_what_it_touches() {
    let api = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /echo:
    post:
      operationId: echo
      x-codeSamples: [{lang: 'C#', source: {$ref: 'code_samples/post.cs'}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas.json#/S'}
              examples: {one: {$ref: missing-example.yaml}}
  /one: {$ref: one.yaml}
  /tab: {$ref: paths/tab.yaml}
components:
  schemas:
    T: {$ref: 'schemas.json#Thing'}
    U: {$ref: 'schemas.json#/Missing'}
";
    let dir = folder(
        "defects",
        &[
            ("api.yaml", api),
            ("code_samples/post.cs", "public class X { int a: 1; }\n"),
            ("one.yaml", "$ref: two.yaml\n"),
            ("two.yaml", "$ref: one.yaml\n"),
            ("paths/tab.yaml", "get:\n  operationId: tab\n  description: |\n    \tTabbed\n  responses: {'204': {description: ok}}\n"),
            ("schemas.json", "{\"S\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}, \"x\": {\"type\": \"integer\"}}},\n \"Thing\": {\"type\": \"string\"}}\n"),
        ],
    );
    let generated =
        generate_file(dir.join("api.yaml"), &Config::new()).unwrap_or_else(|d| panic!("{d}"));
    let found: Vec<(Code, &str)> = (findings(&generated.warnings).into_iter())
        .map(|(code, file, ..)| (code, file))
        .collect();
    let expected = [
        (Code::InvalidDocument, "schemas.json"),
        (Code::RefMalformed, "api.yaml"),
        (Code::RefNotFound, "api.yaml"),
        (Code::InvalidYaml, "tab.yaml"),
        (Code::RefCycle, "two.yaml"),
    ];
    assert_eq!(found, expected, "{}", generated.warnings);
    let code = &generated.code;
    assert!(
        code.contains("pub fn echo(") && code.contains("pub fn tab("),
        "{code}"
    );
    assert!(
        code.contains("pub x: Option<i64>,"),
        "the last `x` is kept: {code}"
    );
    assert!(code.contains("pub type T = serde_json::Value;"), "{code}");
}

/// A shared parameter's or response's defect is found where it is defined, once however many
/// operations use it, in the file it is in; `$ref: '#'` (the whole document) where a schema
/// stands is any JSON value, not a refusal; a URN is not a file.
#[test]
fn a_shared_items_defect_is_found_once_where_it_is_defined() {
    let api = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Q'}]
      responses: {'200': {$ref: 'responses.yaml#/Resp'}}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/Q'}]
      responses: {'200': {$ref: 'responses.yaml#/Resp'}}
components:
  parameters:
    Q: {name: q, in: query, schema: {type: strin}}
  schemas:
    Root: {$ref: '#'}
    Named: {$ref: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66'}
";
    let resp = "Resp:\n  description: r\n  content:\n    application/json:\n      schema: {type: integr}\n";
    let dir = folder("shared", &[("api.yaml", api), ("responses.yaml", resp)]);
    let generated =
        generate_file(dir.join("api.yaml"), &Config::new()).unwrap_or_else(|d| panic!("{d}"));
    let found = findings(&generated.warnings);
    let expected = [
        (
            Code::RefWrongKind,
            "api.yaml",
            "#/components/schemas/Root/$ref",
            Some((16, 5)),
        ),
        (
            Code::RefExternal,
            "api.yaml",
            "#/components/schemas/Named/$ref",
            Some((17, 5)),
        ),
        (
            Code::UnknownType,
            "api.yaml",
            "#/components/parameters/Q/schema/type",
            Some((14, 5)),
        ),
        (
            Code::UnknownType,
            "responses.yaml",
            "#/Resp/content/application~1json/schema/type",
            Some((5, 7)),
        ),
    ];
    assert_eq!(found, expected, "{}", generated.warnings);
}
