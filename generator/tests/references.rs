//! `$ref`s as specs write them: percent-encoded names, targets anywhere in the document, and what
//! a diagnostic about such a target says.

use oapigen::{generate_source, Config};

#[test]
fn a_percent_encoded_reference_names_the_component() {
    let text = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/My%20Pet'}
components:
  schemas:
    My Pet:
      type: object
      properties: {name: {type: string}}
";
    let code = generate_source("pets.yaml", text, &Config::new())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
        .code;
    assert!(code.contains("pub struct MyPet"), "{code}");
    assert!(
        code.contains("::oapigen_runtime::Call<types::MyPet>"),
        "{code}"
    );
}

#[test]
fn a_diagnostic_about_a_moved_target_names_its_place_in_the_file() {
    let text = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/x-shared/Thing'}
x-shared:
  Thing:
    type: object
    properties:
      kind: {type: strin}
";
    let diagnostics =
        generate_source("refs.yaml", text, &strict()).expect_err("the typo is an error");
    let error = diagnostics.iter().next().expect("an error");
    assert_eq!(error.code, oapigen::Code::UnknownType);
    assert_eq!(error.pointer, "#/x-shared/Thing/properties/kind/type");
    // Line 17 is `kind: {type: strin}`; inside flow style the locator stops at the key.
    assert_eq!(error.location, Some((17, 7)));
}

#[test]
fn a_reference_that_names_nothing_says_which_way_it_is_wrong() {
    let text = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/x-defs/Lef'}
    B: {$ref: '#/components/parameters/Foo'}
    C: {$ref: '#/components/schemas/My%2'}
    D: {$ref: 'other.yaml#/Foo'}
x-defs:
  Leaf: {type: string}
";
    let diagnostics = generate_source("refs.yaml", text, &strict()).expect_err("refused");
    type Found<'d> = (&'d str, Option<(u32, u32)>, &'d str);
    let found: Vec<Found> = diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.location, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "#/components/schemas/A/$ref",
                Some((6, 5)),
                "`$ref: #/x-defs/Lef` points at nothing"
            ),
            (
                "#/components/schemas/B/$ref",
                Some((7, 5)),
                "`$ref: #/components/parameters/Foo` points into components/parameters, where one \
                 of components/schemas is expected"
            ),
            (
                "#/components/schemas/C/$ref",
                Some((8, 5)),
                "`$ref: #/components/schemas/My%2` is not a JSON pointer into this file"
            ),
            (
                "#/components/schemas/D/$ref",
                Some((9, 5)),
                "`$ref: other.yaml#/Foo` points into another file, which is read only when the \
                 spec is generated from its path"
            ),
        ]
    );
}

/// YAML merge keys (`<<: *anchor`) merge the anchored mapping in, as YAML 1.1 says: the merged
/// properties are the object's, and no property is named `<<`.
#[test]
fn yaml_merge_keys_merge() {
    let text = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base:
      type: object
      properties: &common
        id: {type: integer}
    Pet:
      type: object
      properties:
        <<: *common
        name: {type: string}
";
    let code = generate_source("merge.yaml", text, &Config::new())
        .expect("generates")
        .code;
    let pet = &code[code.find("pub struct Pet {").expect("Pet")..];
    let pet = &pet[..pet.find('}').expect("end")];
    assert!(pet.contains("pub id: Option<i64>,"), "{pet}");
    assert!(pet.contains("pub name: Option<String>,"), "{pet}");
    assert!(!code.contains("<<"), "{code}");
}

/// A configuration under which each defect is an error.
fn strict() -> Config {
    Config::new().strict(true).clone()
}
