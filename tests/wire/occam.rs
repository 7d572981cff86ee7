use crate::{body_text, header, only_request, FASTAPI_422};
use provider_clients::occam::{
    self, types, AuthLoginError, AuthRefreshError, AuthTokenFromKeyError,
};

const TOKENS: &str = r#"{"access_token":"acc","expires_at":1700000000,"refresh_token":"ref","refresh_token_expires_at":1700086400}"#;

fn login() -> types::BodyAuthLogin {
    types::BodyAuthLogin {
        username: "ada@example.com".into(),
        password: "pw".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn login_posts_a_form_of_the_set_fields_and_leaves_defaults_to_the_server() {
    let server = crate::server(200, "application/json", TOKENS).await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let tokens = client.auth_login(&login()).await.unwrap().into_inner();
    assert_eq!(tokens.access_token, "acc");
    assert_eq!(
        tokens.token_type, None,
        "an absent token_type stays absent (its default is the server's)"
    );
    assert_eq!(tokens.expires_at, 1_700_000_000);
    assert_eq!(tokens.refresh_token, "ref");
    assert_eq!(tokens.refresh_token_expires_at, 1_700_086_400);

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/auth/access-token");
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(
        body_text(&request),
        "username=ada%40example.com&password=pw",
        "the unset scope is not sent: its default \"\" is the server's"
    );
}

#[tokio::test]
async fn login_bad_request_has_no_body() {
    let server = crate::server(400, "", "").await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_login(&login()).await.unwrap_err();
    assert!(
        matches!(error.api(), Some(AuthLoginError::BadRequest)),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "status 400: Invalid email or password");
}

#[tokio::test]
async fn login_validation_error_accepts_integer_locations() {
    let body =
        r#"{"detail":[{"loc":["body",0,"username"],"msg":"Field required","type":"missing"}]}"#;
    let server = crate::server(422, "application/json", body).await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_login(&login()).await.unwrap_err();
    let Some(AuthLoginError::UnprocessableEntity(body)) = error.api() else {
        panic!()
    };
    let detail = &body.detail.as_ref().unwrap()[0];
    assert_eq!(
        detail.loc,
        vec![
            types::ValidationErrorLocItem::String("body".into()),
            types::ValidationErrorLocItem::Integer(0),
            types::ValidationErrorLocItem::String("username".into()),
        ]
    );
    assert_eq!(detail.msg, "Field required");
    assert_eq!(detail.r#type, "missing");
}

#[tokio::test]
async fn refresh_sends_json() {
    let server = crate::server(
        200,
        "application/json",
        &TOKENS.replace("\"acc\"", "\"acc2\""),
    )
    .await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let tokens = client
        .auth_refresh(&types::RefreshTokenRequest {
            refresh_token: "ref".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(tokens.access_token, "acc2");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/auth/refresh-token");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(body_text(&request), r#"{"refresh_token":"ref"}"#);
}

#[tokio::test]
async fn refresh_errors_by_status() {
    let body = types::RefreshTokenRequest {
        refresh_token: "ref".into(),
    };
    for (status, expected) in [
        (400, AuthRefreshError::BadRequest),
        (404, AuthRefreshError::NotFound),
    ] {
        let server = crate::server(status, "", "").await;
        let client = occam::Client::with_base_url(&server.uri()).unwrap();
        match client.auth_refresh(&body).await {
            Err(occam::Error::Api(response)) => assert_eq!(*response.body(), expected),
            other => panic!("status {status}: {other:?}"),
        }
    }
    let server = crate::server(422, "application/json", FASTAPI_422).await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_refresh(&body).await.unwrap_err();
    let Some(AuthRefreshError::UnprocessableEntity(body)) = error.api() else {
        panic!()
    };
    assert_eq!(body.detail.as_ref().unwrap()[0].msg, "field required");
}

#[tokio::test]
async fn token_from_key_sends_the_key_in_the_query() {
    let server = crate::server(
        200,
        "application/json",
        r#"{"access_token":"acc","expires_at":5,"token_type":"Bearer"}"#,
    )
    .await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let token = client
        .auth_token_from_key("k&y=1 2")
        .await
        .unwrap()
        .into_inner();
    assert_eq!(token.access_token, "acc");
    assert_eq!(token.expires_at, 5);
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/auth/access-token");
    assert_eq!(request.url.query(), Some("key=k%26y%3D1+2"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn token_from_key_errors_by_status() {
    let server = crate::server(400, "", "").await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_token_from_key("k").await.unwrap_err();
    assert!(matches!(
        error.api(),
        Some(AuthTokenFromKeyError::BadRequest)
    ));

    let server = crate::server(422, "application/json", FASTAPI_422).await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_token_from_key("k").await.unwrap_err();
    let Some(AuthTokenFromKeyError::UnprocessableEntity(body)) = error.api() else {
        panic!()
    };
    assert_eq!(
        body.detail.as_ref().unwrap()[0].loc[1],
        types::ValidationErrorLocItem::String("username".into())
    );
}

#[test]
fn base_url_defaults_to_localhost_when_the_spec_names_no_server() {
    assert_eq!(occam::Client::new().base_url(), "http://localhost");
}

/// Occam's own login and refresh operations as a token session: it logs in once, reuses the
/// token, refreshes with `auth_refresh` once the `expires_at` has passed, and a wrong password is
/// the login's typed `BadRequest`, reached through the session error.
#[tokio::test]
async fn a_password_session_uses_occams_own_operations() {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    // Logged in: a token that expired in 1970, so the next call refreshes.
    let expired = r#"{"token_type":"bearer","access_token":"a1","expires_at":1,"refresh_token":"r1","refresh_token_expires_at":1}"#;
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .and(body_string_contains("password=correct"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(expired, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let fresh = r#"{"token_type":"bearer","access_token":"a2","expires_at":4102444800,"refresh_token":"r2","refresh_token_expires_at":4102444800}"#;
    Mock::given(method("POST"))
        .and(path("/auth/refresh-token"))
        .and(body_string_contains(r#""refresh_token":"r1""#))
        .respond_with(ResponseTemplate::new(200).set_body_raw(fresh, "application/json"))
        .mount(&server)
        .await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let session = client.password_session("ada@example.com", "correct");
    assert_eq!(session.access_token().await.unwrap(), "a1");
    assert_eq!(
        session.access_token().await.unwrap(),
        "a2",
        "expired: refreshed"
    );
    assert_eq!(session.access_token().await.unwrap(), "a2", "reused");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "one login, one refresh");
    let login = body_text(&requests[0]);
    assert!(
        login.contains("grant_type=password") && login.contains("username=ada%40example.com"),
        "{login}"
    );

    let session = client.password_session("ada@example.com", "wrong");
    let error = session.access_token().await.unwrap_err();
    let typed = error
        .request_error()
        .and_then(|e| e.downcast_ref::<occam::Error<AuthLoginError>>())
        .and_then(|e| e.api());
    assert_eq!(typed, Some(&AuthLoginError::BadRequest));
    assert!(!format!("{error} {error:?} {session:?}").contains("wrong"));
}
