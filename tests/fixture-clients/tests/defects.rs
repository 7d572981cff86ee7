//! A document with defects (tests/fixtures/defects/publisher_defects.yaml) generates a client
//! whose calls work, each defect costing only what it touches: a path parameter its template does
//! not name travels in the query, a parameter whose schema names nothing or whose type is a typo
//! takes any JSON value, a response that names nothing is an undocumented status, and the
//! operation whose request body names nothing has no method.

use fixture_clients::publisher_defects::{types, Client, ListInvocationsParams};

mod common;
use common::only_request;

#[tokio::test]
async fn a_path_parameter_the_template_does_not_name_is_sent_in_the_query() {
    let body = br#"{"id":"n1","zone":{"dc":"par1"},"pair":["a",1],"owner":{"name":"ada"}}"#;
    let server = common::server(200, "application/json", body).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let node = client.get_node_info("self").await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/GetNodeInfo");
    assert_eq!(request.url.query(), Some("node=self"));
    // The fields whose schemas could not be read hold whatever JSON came.
    let expected = types::NodeInfo {
        id: "n1".into(),
        zone: Some(serde_json::json!({"dc": "par1"})),
        pair: Some(vec![serde_json::json!("a"), serde_json::json!(1)]),
        owner: Some(serde_json::json!({"name": "ada"})),
    };
    assert_eq!(node, expected);
}

#[tokio::test]
async fn a_parameter_whose_schema_names_nothing_takes_any_json_and_the_others_are_kept() {
    let server = common::server(200, "application/json", b"[]").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListInvocationsParams {
        source_type: Some(serde_json::json!("github")),
        limit: Some(5),
    };
    assert!(client.list_invocations(&params).await.unwrap().is_empty());
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("source_type=github&limit=5"));
}

#[tokio::test]
async fn a_status_whose_response_names_nothing_is_undocumented_with_its_body_kept() {
    let server = common::server(404, "application/json", br#"{"detail":"none"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListInvocationsParams::default();
    let error = client.list_invocations(&params).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert!(error.to_string().contains("404"), "{error}");
}
