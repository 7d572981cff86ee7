use crate::clients::knetik::{self, types};
use crate::{body_text, header, only_request};

#[tokio::test]
async fn defaults_fill_grant_type_and_client_id() {
    let body =
        r#"{"access_token":"acc","expires_in":"3599","scope":"global","token_type":"bearer"}"#;
    let server = crate::server(200, "application/json", body).await;
    let client = knetik::Client::with_base_url(&server.uri()).unwrap();
    let token = client
        .get_o_auth_token(&types::OAuthTokenRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(token.access_token.as_deref(), Some("acc"));
    assert_eq!(
        token.expires_in.as_deref(),
        Some("3599"),
        "expires_in is a string in this API"
    );
    assert_eq!(token.scope.as_deref(), Some("global"));
    assert_eq!(token.token_type.as_deref(), Some("bearer"));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/oauth/token");
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(
        body_text(&request),
        "grant_type=client_credentials&client_id=knetik"
    );
}

#[tokio::test]
async fn password_grant_sends_the_given_fields() {
    let server = crate::server(200, "application/json", "{}").await;
    let client = knetik::Client::with_base_url(&server.uri()).unwrap();
    let body = types::OAuthTokenRequest {
        grant_type: "password".into(),
        username: Some("ada".into()),
        password: Some("pw".into()),
        ..Default::default()
    };
    let token = client.get_o_auth_token(&body).await.unwrap().into_inner();
    assert_eq!(token, types::OAuth2Resource::default());
    assert_eq!(
        body_text(&only_request(&server).await),
        "grant_type=password&client_id=knetik&username=ada&password=pw"
    );
}

#[tokio::test]
async fn base_url_defaults_to_the_spec_server() {
    assert_eq!(
        knetik::Client::new().base_url(),
        "https://sandbox.knetikcloud.com"
    );
    assert_eq!(
        knetik::Client::DEFAULT_BASE_URL,
        "https://sandbox.knetikcloud.com"
    );
    let custom = knetik::Client::with_base_url("http://127.0.0.1:9/api/").unwrap();
    assert_eq!(custom.base_url(), "http://127.0.0.1:9/api");
    assert!(knetik::Client::with_base_url("not a url").is_err());
    assert!(knetik::Client::with_base_url("ftp://example.com").is_err());
}
