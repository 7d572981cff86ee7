//! The provider specs written in the other versions providers publish (tests/equivalence/):
//! FastAPI-style OpenAPI 3.1 versions of the ID Broker, Occam and Canopy specs, and Swagger 2.0
//! versions of the Akeneo and Knetik specs, generate the modules their OpenAPI 3.0 versions in
//! specs/ generate. (The Swagger 2.0 clients also pass the same wire tests:
//! tests/fixture-clients/tests/equivalence.rs.)

use oapigen::{generate_source, Config};
use std::path::Path;

fn module(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    let text = std::fs::read_to_string(&path).expect("spec is readable");
    let generated = generate_source("spec", &text, &Config::new())
        .unwrap_or_else(|diagnostics| panic!("{relative}: {diagnostics}"));
    assert!(
        generated.warnings.is_empty(),
        "{relative}: {}",
        generated.warnings
    );
    generated.code
}

#[test]
fn fastapi_style_openapi_31_specs_generate_the_same_modules() {
    for provider in ["idbroker", "occam", "canopy"] {
        let from_30 = module(&format!("specs/{provider}.yaml"));
        let from_31 = module(&format!("tests/equivalence/{provider}_openapi31.yaml"));
        assert!(from_31 == from_30, "{provider}: the modules differ");
    }
}

#[test]
fn akeneo_as_swagger_2_generates_the_same_module() {
    let from_30 = module("specs/akeneo.yaml");
    let from_20 = module("tests/equivalence/akeneo_swagger2.yaml");
    assert!(from_20 == from_30, "the modules differ");
}

/// Knetik's form fields are Swagger 2.0 `formData` parameters, which give the body's type no
/// name: the module is the same but for that name (and the doc that says where it stands).
#[test]
fn knetik_as_swagger_2_generates_the_same_module_but_for_the_form_type_name() {
    let from_30 = module("specs/knetik.yaml");
    let from_20 = module("tests/equivalence/knetik_swagger2.yaml");
    let renamed = from_30
        .replace("OAuthTokenRequest", "GetOAuthTokenBody")
        .replace("o_auth_token_request_", "get_o_auth_token_body_");
    let without_docs = |code: &str| {
        let mut lines: Vec<String> = code
            .lines()
            .filter(|line| !line.trim_start().starts_with("///"))
            .map(str::to_owned)
            .collect();
        // Types are ordered by name; the renamed one moves.
        lines.sort();
        lines
    };
    assert_eq!(without_docs(&from_20), without_docs(&renamed));
    assert!(from_20.contains("/// The schema at `#/paths/~1oauth~1token/post/parameters`."));
}

/// Every OpenAPI 3.0 fixture of tests/fixtures, written the way 3.1 documents say the same
/// things (below), generates a module with the same code: only doc comments may differ, as
/// FastAPI's titles document what had no description.
#[test]
fn every_30_fixture_written_as_31_generates_the_same_code() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    names.sort();
    let (mut compared, mut rewrites) = (0, 0);
    for path in names {
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut document: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
        let is_30 = document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3.0"));
        if !is_30 {
            continue;
        }
        as_31(&mut document, false, &mut rewrites);
        document["openapi"] = "3.1.0".into();
        let text_31 = serde_yaml::to_string(&document).expect("YAML out");
        let name = path.display().to_string();
        let code = |text: &str| {
            let generated = generate_source("spec", text, &Config::new())
                .unwrap_or_else(|diagnostics| panic!("{name}: {diagnostics}"));
            generated
                .code
                .lines()
                .filter(|line| !line.trim_start().starts_with("///"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (from_30, from_31) = (code(&text), code(&text_31));
        if from_30 != from_31 {
            let line = from_30
                .lines()
                .zip(from_31.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name}: the 3.1 version differs at line {line}:\n{}\n---\n{}\n\n3.1 text:\n{text_31}",
                from_30.lines().nth(line).unwrap_or(""),
                from_31.lines().nth(line).unwrap_or("")
            );
        }
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} fixtures compared");
    // The fixtures' three nullable schemas (object_fields, all_of) were written the 3.1 way.
    assert!(rewrites >= 3, "only {rewrites} schemas rewritten");
}

/// Rewrites the schemas of a 3.0 document as FastAPI and pydantic 2 write 3.1: nullable as a
/// type list or an `anyOf` with `null`, exclusive bounds as numbers, and a `title` on every
/// property. (`in_schema`: the node is a schema, so `properties` holds schemas.)
fn as_31(node: &mut serde_yaml::Value, in_schema: bool, rewrites: &mut usize) {
    use serde_yaml::Value;
    match node {
        Value::Mapping(map) => {
            if in_schema && map.remove("nullable") == Some(Value::Bool(true)) {
                *rewrites += 1;
                let nullable = |member: Value| {
                    let mut null = serde_yaml::Mapping::new();
                    null.insert("type".into(), "null".into());
                    Value::Sequence(vec![member, Value::Mapping(null)])
                };
                if let Some(Value::String(ty)) = map.get("type").cloned() {
                    map.insert(
                        "type".into(),
                        Value::Sequence(vec![ty.into(), "null".into()]),
                    );
                } else if let Some(Value::Sequence(all_of)) = map.get("allOf").cloned() {
                    if all_of.len() == 1 {
                        map.remove("allOf");
                        map.insert("anyOf".into(), nullable(all_of[0].clone()));
                    } else {
                        map.insert("nullable".into(), true.into());
                    }
                } else {
                    // oneOf/anyOf lists and `{}` keep 3.0's keyword, which 3.1 readers honour.
                    map.insert("nullable".into(), true.into());
                }
            }
            for (exclusive, bound) in [
                ("exclusiveMinimum", "minimum"),
                ("exclusiveMaximum", "maximum"),
            ] {
                if in_schema && map.get(exclusive) == Some(&Value::Bool(true)) {
                    if let Some(value) = map.remove(bound) {
                        *rewrites += 1;
                        map.insert(exclusive.into(), value);
                    }
                }
            }
            let schema_valued = ["schema", "items", "additionalProperties", "not"];
            let schema_lists = ["allOf", "anyOf", "oneOf"];
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default().to_owned();
                if in_schema && key == "properties" {
                    for (name, property) in child.as_mapping_mut().into_iter().flatten() {
                        if let (Some(name), Some(property)) =
                            (name.as_str(), property.as_mapping_mut())
                        {
                            if !property.contains_key("$ref") && !property.contains_key("title") {
                                property.insert("title".into(), name.to_owned().into());
                            }
                        }
                        as_31(property, true, rewrites);
                    }
                } else if key == "schemas" && !in_schema {
                    for (_, schema) in child.as_mapping_mut().into_iter().flatten() {
                        as_31(schema, true, rewrites);
                    }
                } else if schema_lists.contains(&key.as_str()) && in_schema {
                    for member in child.as_sequence_mut().into_iter().flatten() {
                        as_31(member, true, rewrites);
                    }
                } else if key == "example" || key == "examples" {
                    // Data, not schemas.
                } else {
                    let child_is_schema =
                        in_schema && schema_valued.contains(&key.as_str()) || key == "schema";
                    as_31(child, child_is_schema, rewrites);
                }
            }
        }
        Value::Sequence(items) => items
            .iter_mut()
            .for_each(|item| as_31(item, false, rewrites)),
        _ => {}
    }
}

/// A 3.0 document is read straight into the typed model, or through a YAML value when something
/// in it needs that (a `default: null`, a merge key, an Encoding Object, a deep `$ref`): either
/// way it means the same. Here a word in a description is all that differs.
#[test]
fn a_30_document_means_the_same_whichever_way_it_is_read() {
    let text = |description: &str| {
        format!(
            "openapi: 3.0.3
info: {{title: t, version: '1', description: '{description}'}}
paths: {{}}
components:
  schemas:
    Owner: {{type: object, properties: {{name: {{type: string}}}}}}
    Pet:
      type: object
      properties:
        owner: {{$ref: '#/components/schemas/Owner', nullable: true, description: ignored in 3.0}}
        kind: {{type: string, const: dog}}
        point: {{type: array, prefixItems: [{{type: number}}]}}
"
        )
    };
    let module = |text: &str| {
        generate_source("spec", text, &Config::new())
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
            .code
            .lines()
            .filter(|line| !line.trim_start().starts_with("///"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let direct = module(&text("plain"));
    let through_a_value = module(&text("with an encoding"));
    assert!(
        direct == through_a_value,
        "{direct}\n---\n{through_a_value}"
    );
    assert!(direct.contains("pub owner: Option<Owner>,"), "{direct}");
    assert!(
        direct.contains("pub point: Option<Vec<serde_json::Value>>,"),
        "{direct}"
    );
}
