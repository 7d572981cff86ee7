//! Credentials from `securitySchemes`, on the wire: each scheme puts its credential where the spec
//! says, only on the operations that require it.

use fixture_clients::auth::Client;

mod common;
use common::{header, last_request};
use wiremock::MockServer;

async fn server() -> MockServer {
    common::server(200, "application/json", br#"{"ok":true}"#).await
}

fn all_credentials(base_url: &str) -> Client {
    Client::with_base_url(base_url)
        .unwrap()
        .with_basic_auth("user", "pass")
        .with_bearer_token("tok")
        .with_header_key("hk")
        .with_query_key("qk")
        .with_cookie_key("ck")
}

#[tokio::test]
async fn each_scheme_sends_its_credential_where_the_spec_says() {
    let server = server().await;
    let client = all_credentials(&server.uri());

    client.with_basic().await.unwrap().into_inner();
    let request = last_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic dXNlcjpwYXNz")
    ); // user:pass
    assert_eq!(request.url.query(), None);

    client.with_bearer().await.unwrap().into_inner();
    assert_eq!(
        header(&last_request(&server).await, "authorization"),
        Some("Bearer tok")
    );

    client.with_oauth().await.unwrap().into_inner();
    assert_eq!(
        header(&last_request(&server).await, "authorization"),
        Some("Bearer tok")
    );

    client.with_oauth_and_bearer().await.unwrap().into_inner();
    let request = last_request(&server).await;
    let authorization: Vec<_> = request.headers.get_all("authorization").iter().collect();
    assert_eq!(
        authorization,
        ["Bearer tok"],
        "schemes that are all the same bearer token send it once"
    );

    client.with_header_key2().await.unwrap().into_inner();
    let request = last_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("hk"));
    assert_eq!(
        header(&request, "authorization"),
        None,
        "only the required scheme is sent"
    );

    client.with_query_key2().await.unwrap().into_inner();
    let request = last_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=qk"));
    assert_eq!(header(&request, "authorization"), None);

    client.with_cookie_key2().await.unwrap().into_inner();
    assert_eq!(
        header(&last_request(&server).await, "cookie"),
        Some("session=ck")
    );
}

#[tokio::test]
async fn public_operations_send_no_credentials_and_inherited_ones_do() {
    let server = server().await;
    let client = all_credentials(&server.uri());

    client.without_auth().await.unwrap().into_inner();
    let request = last_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(header(&request, "cookie"), None);
    assert_eq!(request.url.query(), None);

    client.with_inherited_auth().await.unwrap().into_inner();
    assert_eq!(
        header(&last_request(&server).await, "authorization"),
        Some("Bearer tok")
    );
}

#[tokio::test]
async fn alternatives_use_the_first_that_the_client_can_meet() {
    let server = server().await;
    let base = server.uri();

    let with_bearer = Client::with_base_url(&base)
        .unwrap()
        .with_bearer_token("tok")
        .with_header_key("hk");
    with_bearer.with_bearer_or_header_key().await.unwrap();
    let request = last_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer tok"));
    assert_eq!(header(&request, "x-api-key"), None);

    let key_only = Client::with_base_url(&base).unwrap().with_header_key("hk");
    key_only.with_bearer_or_header_key().await.unwrap();
    let request = last_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key"), Some("hk"));

    let none = Client::with_base_url(&base).unwrap();
    none.with_bearer_or_header_key().await.unwrap();
    let request = last_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key"), None);
}

#[test]
fn debug_never_shows_credentials() {
    let client = all_credentials("http://127.0.0.1:1");
    let debug = format!("{client:?}");
    for secret in ["pass", "tok", "hk", "qk", "ck"] {
        assert!(!debug.contains(&format!("\"{secret}\"")), "{debug}");
    }
    assert!(
        debug.contains("basic") && debug.contains("bearer") && debug.contains("headerKey"),
        "{debug}"
    );
}

/// A query parameter the operation declares and an API key scheme also sets is sent once: with
/// the key, which the client was given for that purpose.
#[tokio::test]
async fn a_declared_parameter_that_an_api_key_sets_is_sent_once() {
    let server = server().await;
    let client = all_credentials(&server.uri());
    let params = fixture_clients::auth::WithDeclaredQueryKeyParams {
        api_key: Some("from-the-caller".into()),
    };
    client
        .with_declared_query_key(&params)
        .await
        .unwrap()
        .into_inner();
    let request = last_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=qk"));
}

/// The same for a header (names compare without case, as HTTP's do).
#[tokio::test]
async fn a_declared_header_that_an_api_key_sets_is_sent_once() {
    let server = server().await;
    let client = all_credentials(&server.uri());
    let params = fixture_clients::auth::WithDeclaredHeaderKeyParams {
        x_api_key: Some("from-the-caller".into()),
    };
    client
        .with_declared_header_key(&params)
        .await
        .unwrap()
        .into_inner();
    let request = last_request(&server).await;
    let values: Vec<&str> = request
        .headers
        .get_all("x-api-key")
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(values.len(), 1, "{values:?}");
    assert_ne!(values[0], "from-the-caller");
}
