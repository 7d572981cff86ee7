//! Every class of bad input gets its own clear, located message, all at once, and never a panic.
//! The specs are in `tests/bad_specs/`.

use oapigen::{Config, Diagnostic, Diagnostics, Severity};
use std::path::PathBuf;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_specs")
        .join(name)
}

fn errors_of(name: &str) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path(name)).expect("bad spec is readable");
    let diagnostics =
        oapigen::generate_source(name, &text, &Config::new()).expect_err("the spec is refused");
    assert!(
        diagnostics.0.iter().all(|d| d.file == name),
        "every diagnostic names the file"
    );
    diagnostics
        .0
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The only error of `name`, checked for message, pointer and line:column.
fn single(name: &str, message: &str, pointer: &str, location: Option<(u32, u32)>) -> Diagnostic {
    let errors = errors_of(name);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = errors.into_iter().next().expect("one");
    assert!(
        error.message.contains(message),
        "{name}: {:?} lacks {message:?}",
        error.message
    );
    assert_eq!(error.pointer, pointer, "{name}");
    assert_eq!(error.location, location, "{name}");
    error
}

#[test]
fn dangling_ref() {
    let error = single(
        "dangling_ref.yaml",
        "`$ref: #/components/schemas/Pet` points at nothing",
        "#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
        Some((13, 17)),
    );
    assert_eq!(
        error.hint.as_deref(),
        Some("define `Pet` under components/schemas")
    );
}

#[test]
fn ref_cycle_that_cannot_be_a_type() {
    let errors = errors_of("ref_cycle.yaml");
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["#/components/schemas/A", "#/components/schemas/B"]
    );
    assert!(
        errors[0]
            .message
            .contains("is a `$ref` to itself (through `B`)"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].location, Some((6, 5)));
}

/// A path parameter the template does not name cannot be sent: an error. A template name no
/// parameter declares is taken as a string, with a warning (generator/tests/tolerance.rs).
#[test]
fn a_path_parameter_missing_from_the_template_is_an_error() {
    let error = single(
        "path_params.yaml",
        "path parameter `id` does not appear in the path template",
        "#/paths/~1pets~1{petId}/get/parameters",
        Some((7, 7)),
    );
    assert_eq!(error.severity, Severity::Error);
}

#[test]
fn unknown_type() {
    single(
        "unknown_type.yaml",
        "unknown type `strin`",
        "#/components/schemas/Pet/properties/name/type",
        Some((10, 11)),
    );
}

#[test]
fn documents_of_versions_not_read() {
    single(
        "swagger12.yaml",
        "Swagger 1.2 is not supported",
        "#/swagger",
        Some((1, 1)),
    );
    single(
        "openapi4.yaml",
        "OpenAPI 4.0.0 is not supported",
        "#/openapi",
        Some((1, 1)),
    );
    single(
        "not_openapi.yaml",
        "not an OpenAPI document: it has no `openapi` field",
        "",
        None,
    );
    single("empty.yaml", "the file is empty", "", None);
}

#[test]
fn yaml_errors_carry_their_line() {
    single(
        "bad_yaml.yaml",
        "invalid YAML: mapping values are not allowed",
        "",
        Some((4, 11)),
    );
    single(
        "wrong_shape.yaml",
        "not a valid OpenAPI document: paths: invalid type: sequence",
        "",
        Some((4, 3)),
    );
}

#[test]
fn shape_errors_in_a_converted_document_name_the_place_in_the_file() {
    single(
        "swagger2_shape.yaml",
        "not a valid Swagger 2.0 document: invalid type: string \"not-a-list\", expected a sequence",
        "#/definitions/Pet/properties/name/enum",
        Some((22, 9)),
    );
}

/// The body parameter leaves the OpenAPI 3.0 parameter list, the others are renumbered: each
/// diagnostic still names its parameter's place in the file.
#[test]
fn diagnostics_of_a_swagger_2_document_name_its_own_places() {
    let name = "swagger2_parameters.yaml";
    let text = std::fs::read_to_string(path(name)).expect("readable");
    let diagnostics = oapigen::generate_source(name, &text, &Config::new()).expect_err("refused");
    let lines: Vec<String> = diagnostics.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "warning: swagger2_parameters.yaml:7:9: at #/paths/~1pets/post/parameters/0: header parameter `Accept` is ignored, as OpenAPI 3.0 says\n  hint: content types come from the request body and responses, credentials from securitySchemes",
            "error: swagger2_parameters.yaml:14:13: at #/paths/~1pets/post/parameters/1/schema/$ref: `$ref: #/definitions/Pet` points at nothing\n  hint: define `Pet` under definitions",
            "warning: swagger2_parameters.yaml:19:11: at #/paths/~1pets/post/parameters/2/collectionFormat: `collectionFormat: tsv` has no OpenAPI 3.0 counterpart in query: the items are sent comma-separated (`csv`)\n  hint: use `csv`, or `multi` in a query",
        ],
    );
}

#[test]
fn characters_yaml_forbids_are_removed_with_a_warning_at_their_place() {
    let text = "openapi: 3.0.3\ninfo:\n  title: Caf\u{e9} \u{90}menu\n  version: '1'\npaths: {}\n";
    let generated = oapigen::generate_source("c1.yaml", text, &Config::new()).expect("read");
    let warning = &generated.warnings.0[0];
    assert_eq!(warning.location, Some((3, 15)));
    assert_eq!(
        generated.warnings.to_string().lines().next(),
        Some("warning: c1.yaml:3:15: YAML does not allow the character(s) U+0090: removed")
    );
    assert!(generated
        .code
        .contains("/// Client for Café menu (version 1)"));
}

#[test]
fn names_that_collide_after_case_conversion_are_numbered_in_spec_order() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    pet_item: {type: object, properties: {a: {type: string}}}\n    PetItem: {type: object, properties: {b: {type: string}}}\n";
    let code = oapigen::generate_source("collide.yaml", text, &Config::new())
        .expect("generates")
        .code;
    let first = code
        .find("pub struct PetItem {")
        .expect("first keeps the name");
    let second = code
        .find("pub struct PetItem2 {")
        .expect("second is numbered");
    assert!(first < second);
}

/// `cargo build` (through `Config`, as build.rs uses it) and `oapigen check` (through
/// `generate_source`) report the same diagnostics for the same spec.
#[test]
fn build_and_check_report_the_same() {
    let spec = path("path_params.yaml");
    let name = spec.display().to_string();
    let text = std::fs::read_to_string(&spec).expect("readable");
    let direct: Diagnostics =
        oapigen::generate_source(&name, &text, &Config::new()).expect_err("refused");
    let out = std::env::temp_dir().join(format!("oapigen-diag-{}", std::process::id()));
    let through_config = oapigen::Config::new()
        .spec(&spec)
        .out_dir(&out)
        .generate()
        .expect_err("refused");
    assert_eq!(through_config.to_string(), direct.to_string());
    assert!(
        !out.join("path_params.rs").exists(),
        "nothing is written for a spec with errors"
    );
}

/// Messages about a Swagger 2.0 document name its sections (`#/definitions/...`), not the
/// OpenAPI 3.0 ones it was converted into.
#[test]
fn messages_about_a_swagger_2_document_use_its_words() {
    let text = "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      security: [{key: []}]
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Nope'}}
";
    let diagnostics =
        oapigen::generate_source("words.yaml", text, &Config::new()).expect_err("refused");
    let text = diagnostics.to_string();
    assert!(
        text.contains("`$ref: #/definitions/Nope` points at nothing"),
        "{text}"
    );
    assert!(text.contains("define `Nope` under definitions"), "{text}");
    assert!(
        text.contains("security scheme `key` is not defined in securityDefinitions"),
        "{text}"
    );
    assert!(!text.contains("components"), "{text}");
}
