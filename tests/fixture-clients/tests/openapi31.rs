//! OpenAPI 3.1 constructs on the wire (tests/fixtures/openapi31.yaml): nullable fields written
//! FastAPI's ways, `const`, type lists, tuples of one item type, `$ref` with siblings, `$defs`
//! and path items given by reference.

use fixture_clients::openapi31::{types, Client, GetPetParams};

mod common;
use common::only_request;

const PET: &str = r#"{"name":"Rex","kind":"dog","nickname":null,"owner":null,"weight":"heavy","position":[1.5,2.5],"label":["a",1],"collar":{"lit":true,"battery":3}}"#;

#[tokio::test]
async fn a_path_item_given_by_reference_is_an_operation() {
    let server = common::server(200, "application/json", PET.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetPetParams {
        id: 5,
        tag: Some("good".into()),
    };
    let pet = client.get_pet(&params).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/pets/5");
    assert_eq!(request.url.query(), Some("tag=good"));

    assert_eq!(pet.kind, types::PetKind::Dog, "`const` is a one-value enum");
    assert_eq!(pet.nickname, None, "a type list with null decodes null");
    assert_eq!(
        pet.owner,
        Some(None),
        "anyOf with null decodes null, told from absent"
    );
    assert_eq!(
        pet.weight,
        Some(types::PetWeight::String("heavy".into())),
        "a type list of two types is a union"
    );
    assert_eq!(pet.position, Some(vec![1.5, 2.5]), "a tuple of numbers");
    assert_eq!(
        pet.label,
        Some(vec![serde_json::json!("a"), serde_json::json!(1)]),
        "a tuple of different types is any JSON"
    );
    let collar = pet.collar.expect("a schema of $defs");
    assert_eq!((collar.lit, collar.battery), (Some(true), Some(3)));
}

#[tokio::test]
async fn a_required_nullable_field_is_sent_as_null() {
    let server = common::server(201, "application/json", PET.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let pet = types::Pet {
        name: "Rex".into(),
        kind: types::PetKind::Dog,
        nickname: None,
        owner: None,
        vet: Some(types::Owner {
            name: Some("Dr. Who".into()),
        }),
        weight: Some(types::PetWeight::Number(12.5)),
        ..Default::default()
    };
    client.add_pet(&pet).await.unwrap().into_inner();
    let body: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({
            "name": "Rex",
            "kind": "dog",
            "nickname": null,
            "vet": {"name": "Dr. Who"},
            "weight": 12.5
        })
    );
}
