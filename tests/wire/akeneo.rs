use crate::clients::akeneo::{self, types, PostTokenError};
use crate::{body_text, header, only_request};

fn credentials() -> types::PostTokenRequest {
    types::PostTokenRequest {
        username: Some("admin".into()),
        password: Some("pw".into()),
        grant_type: "password".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn token_request_is_json_with_basic_auth() {
    let body = r#"{"access_token":"acc","expires_in":3600,"token_type":"bearer","scope":null,"refresh_token":"ref"}"#;
    let server = crate::server(200, "application/json", body).await;
    let client = akeneo::Client::with_base_url(&server.uri())
        .unwrap()
        .with_basic_auth("client_id", "secret");
    let token = client
        .post_token(&credentials())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(token.access_token.as_deref(), Some("acc"));
    assert_eq!(token.expires_in, Some(3600));
    assert_eq!(token.token_type.as_deref(), Some("bearer"));
    assert_eq!(token.scope, None);
    assert_eq!(token.refresh_token.as_deref(), Some("ref"));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/oauth/v1/token");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    // base64("client_id:secret")
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic Y2xpZW50X2lkOnNlY3JldA==")
    );
    assert_eq!(
        body_text(&request),
        r#"{"username":"admin","password":"pw","grant_type":"password"}"#
    );
}

#[tokio::test]
async fn without_credentials_no_authorization_is_sent() {
    let server = crate::server(200, "application/json", "{}").await;
    let client = akeneo::Client::with_base_url(&server.uri()).unwrap();
    client
        .post_token(&credentials())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn error_statuses_share_the_error_schema_and_ignore_links() {
    type Pick = fn(&PostTokenError) -> Option<&types::Error>;
    let cases: [(u16, &str, Pick); 3] = [
        (400, "Missing client id", |e| match e {
            PostTokenError::BadRequest(b) => Some(b),
            _ => None,
        }),
        (
            415,
            "The content type must be application/json",
            |e| match e {
                PostTokenError::UnsupportedMediaType(b) => Some(b),
                _ => None,
            },
        ),
        (422, "Username or password is invalid", |e| match e {
            PostTokenError::UnprocessableEntity(b) => Some(b),
            _ => None,
        }),
    ];
    for (status, message, pick) in cases {
        let body = format!(
            r#"{{"code":{status},"message":"{message}","_links":{{"documentation":{{"href":"http://api.akeneo.com/documentation/authentication.html"}}}}}}"#
        );
        let server = crate::server(status, "application/json", &body).await;
        let client = akeneo::Client::with_base_url(&server.uri())
            .unwrap()
            .with_basic_auth("id", "s");
        let error = client.post_token(&credentials()).await.unwrap_err();
        let Some(api) = error.api() else {
            panic!("{status}: {error:?}")
        };
        let body = pick(api).unwrap_or_else(|| panic!("{status}: wrong variant {api:?}"));
        assert_eq!(body.code, Some(i64::from(status)));
        assert_eq!(body.message.as_deref(), Some(message));
    }
}

#[test]
fn base_url_defaults_to_the_spec_server() {
    assert_eq!(
        akeneo::Client::default().base_url(),
        "http://demo.akeneo.com"
    );
    assert_eq!(akeneo::Client::DEFAULT_BASE_URL, "http://demo.akeneo.com");
}

/// Akeneo's session: the password grant with the API connection's client id and secret as HTTP
/// Basic, the token reused until due, then Akeneo's refresh grant through the same endpoint
/// (the refresh token, no username or password, Basic again).
#[tokio::test]
async fn a_password_session_refreshes_through_the_token_endpoint() {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    // 2 s: a token this short is used for half its life, so it is due after one second.
    let first = r#"{"access_token":"a1","expires_in":2,"token_type":"bearer","scope":null,"refresh_token":"r1"}"#;
    let second = r#"{"access_token":"a2","expires_in":3600,"token_type":"bearer","scope":null,"refresh_token":"r2"}"#;
    Mock::given(method("POST"))
        .and(path("/api/oauth/v1/token"))
        .and(body_string_contains(r#""grant_type":"password""#))
        .respond_with(ResponseTemplate::new(200).set_body_raw(first, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/oauth/v1/token"))
        .and(body_string_contains(r#""grant_type":"refresh_token""#))
        .respond_with(ResponseTemplate::new(200).set_body_raw(second, "application/json"))
        .mount(&server)
        .await;
    let client = akeneo::Client::with_base_url(&server.uri())
        .unwrap()
        .with_basic_auth("client_id", "secret");
    let session = client.password_session("admin", "pw");
    assert_eq!(session.access_token().await.unwrap(), "a1");
    assert_eq!(session.access_token().await.unwrap(), "a1", "reused");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(session.access_token().await.unwrap(), "a2", "refreshed");

    let requests = server.received_requests().await.unwrap();
    let bodies: Vec<_> = requests.iter().map(body_text).collect();
    assert_eq!(
        bodies,
        [
            r#"{"username":"admin","password":"pw","grant_type":"password"}"#,
            r#"{"grant_type":"refresh_token","refresh_token":"r1"}"#,
        ]
    );
    for request in &requests {
        assert_eq!(
            header(request, "authorization"),
            Some("Basic Y2xpZW50X2lkOnNlY3JldA==")
        );
    }
}
