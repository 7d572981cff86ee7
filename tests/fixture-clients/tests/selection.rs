//! A module generated with only some operations selected (the `pets` tag and the `placeOrder`
//! operation of tests/fixtures/selection.yaml, by tests/fixture-clients/build.rs): it compiles
//! without warnings (CI's clippy), holds the selected methods with the types they reach, leaves
//! out the rest, and its calls work on the wire.

// A whole client of which these tests use a part: what they leave unused is no fault.
#[allow(dead_code, unused_imports)]
mod selection_pets {
    include!(concat!(env!("OUT_DIR"), "/selection_pets.rs"));
}

use selection_pets::{types, Client};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SELECTED: &str = include_str!(concat!(env!("OUT_DIR"), "/selection_pets.rs"));
const WHOLE: &str = include_str!(concat!(env!("OUT_DIR"), "/clients/selection.rs"));

#[test]
fn only_the_selected_operations_and_what_they_reach_are_generated() {
    for kept in [
        "pub fn list_pets(",
        "pub fn place_order(",
        "pub struct Pet ",
        "pub struct Category ",
        "pub struct Order ",
    ] {
        assert!(SELECTED.contains(kept), "`{kept}` is selected or reached");
        assert!(WHOLE.contains(kept), "`{kept}` is in the whole module too");
    }
    for left_out in [
        "pub fn list_owners(",
        "pub struct Owner ",
        "pub struct ListOwnersParams ",
        "pub struct ListOwnersFilter ",
        "pub fn get_health(",
        "pub struct Health ",
        "pub struct Unused ",
    ] {
        assert!(!SELECTED.contains(left_out), "`{left_out}` is left out");
        assert!(
            WHOLE.contains(left_out),
            "`{left_out}` is in the whole module"
        );
    }
}

#[tokio::test]
async fn the_selected_operations_work_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"[{"name":"Rex","category":{"name":"dog"}}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/store/orders"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_raw(r#"{"pet":{"name":"Rex"},"quantity":1}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let pets = client.list_pets().await.unwrap().into_inner();
    assert_eq!(pets[0].name, "Rex");
    let category = pets[0].category.as_ref().and_then(|c| c.name.as_deref());
    assert_eq!(category, Some("dog"));
    let order = types::Order {
        pet: pets[0].clone(),
        quantity: 1,
        placed_at: None,
    };
    let placed = client.place_order(&order).await.unwrap().into_inner();
    assert_eq!(placed.quantity, 1);
    let requests = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"pet": {"name": "Rex", "category": {"name": "dog"}}, "quantity": 1})
    );
}
