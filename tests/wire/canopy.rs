// The token endpoint is marked obsolete in the spec, so the client method is `#[deprecated]`; these
// tests call it on purpose.
#![allow(deprecated)]

use crate::{body_text, header, only_request};
use provider_clients::canopy::{self, types, TokenPostTokenError};

const GRANT: &str = r#"{
  ".expires": "Thu, 01 Jan 2026 00:00:00 GMT",
  ".issued": "Wed, 31 Dec 2025 00:00:00 GMT",
  "access_token": "acc",
  "canopysimulations:client_id:": "canopy.web",
  "expires_in": 86400,
  "refresh_token": "ref",
  "roles": "user",
  "tenant_id": "t-1",
  "token_type": "bearer",
  "two_factor_enabled": false,
  "user_id": "u-1",
  "username": "ada"
}"#;

const PROBLEM: &str = r#"{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"Bad Request","status":400,"detail":"invalid_grant","instance":"/token","traceId":"00-abc"}"#;

fn password_grant() -> types::TokenRequest {
    types::TokenRequest {
        grant_type: Some("password".into()),
        username: Some("ada".into()),
        tenant: Some("acme".into()),
        password: Some("pw".into()),
        client_id: Some("canopy.web".into()),
        client_secret: Some("cs".into()),
        ..Default::default()
    }
}

fn check_grant(grant: &types::GrantTypeHandlerResponse) {
    assert_eq!(
        grant.expires.as_deref(),
        Some("Thu, 01 Jan 2026 00:00:00 GMT")
    );
    assert_eq!(
        grant.issued.as_deref(),
        Some("Wed, 31 Dec 2025 00:00:00 GMT")
    );
    assert_eq!(grant.access_token.as_deref(), Some("acc"));
    assert_eq!(
        grant.canopysimulations_client_id.as_deref(),
        Some("canopy.web")
    );
    assert_eq!(grant.expires_in, Some(86400));
    assert_eq!(grant.refresh_token.as_deref(), Some("ref"));
    assert_eq!(grant.roles.as_deref(), Some("user"));
    assert_eq!(grant.tenant_id.as_deref(), Some("t-1"));
    assert_eq!(grant.token_type.as_deref(), Some("bearer"));
    assert_eq!(grant.two_factor_enabled, Some(false));
    assert_eq!(grant.user_id.as_deref(), Some("u-1"));
    assert_eq!(grant.username.as_deref(), Some("ada"));
}

#[tokio::test]
async fn password_grant_is_a_form_and_the_odd_keys_decode() {
    let server = crate::server(201, "application/json; charset=utf-8", GRANT).await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let grant = client
        .token_post_token(Some(&password_grant()))
        .await
        .unwrap()
        .into_inner();
    check_grant(&grant);

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/token");
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        header(&request, "accept"),
        Some("application/json, text/json, text/plain")
    );
    assert_eq!(
        body_text(&request),
        "grant_type=password&username=ada&tenant=acme&password=pw&client_id=canopy.web&client_secret=cs"
    );
}

#[tokio::test]
async fn refresh_grant_sends_only_its_fields() {
    let server = crate::server(201, "application/json", GRANT).await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let refresh = types::TokenRequest {
        grant_type: Some("refresh_token".into()),
        refresh_token: Some("ref".into()),
        client_id: Some("canopy.web".into()),
        ..Default::default()
    };
    client
        .token_post_token(Some(&refresh))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        body_text(&only_request(&server).await),
        "grant_type=refresh_token&refresh_token=ref&client_id=canopy.web"
    );
}

#[tokio::test]
async fn json_labelled_text_plain_or_text_json_decodes() {
    for content_type in ["text/plain; charset=utf-8", "text/json"] {
        let server = crate::server(201, content_type, GRANT).await;
        let client = canopy::Client::with_base_url(&server.uri()).unwrap();
        let grant = client
            .token_post_token(Some(&password_grant()))
            .await
            .unwrap()
            .into_inner();
        check_grant(&grant);
    }
}

#[tokio::test]
async fn omitted_body_sends_no_body() {
    let server = crate::server(201, "application/json", "{}").await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let grant = client.token_post_token(None).await.unwrap().into_inner();
    assert_eq!(grant, types::GrantTypeHandlerResponse::default());
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert_eq!(header(&request, "content-type"), None);
}

#[tokio::test]
async fn bad_request_carries_problem_details() {
    let server = crate::server(400, "application/problem+json", PROBLEM).await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let error = client
        .token_post_token(Some(&password_grant()))
        .await
        .unwrap_err();
    let Some(TokenPostTokenError::BadRequest(problem)) = error.api() else {
        panic!("{error:?}")
    };
    assert_eq!(
        problem.r#type.as_deref(),
        Some("https://tools.ietf.org/html/rfc7231#section-6.5.1")
    );
    assert_eq!(problem.title.as_deref(), Some("Bad Request"));
    assert_eq!(problem.status, Some(400));
    assert_eq!(problem.detail.as_deref(), Some("invalid_grant"));
    assert_eq!(problem.instance.as_deref(), Some("/token"));
}

#[tokio::test]
async fn any_other_status_is_the_default_response_with_its_status() {
    let body = r#"{"title":"Internal Server Error","status":500,"detail":null}"#;
    let server = crate::server(500, "text/json", body).await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let error = client
        .token_post_token(Some(&password_grant()))
        .await
        .unwrap_err();
    let Some(TokenPostTokenError::Other { status, body }) = error.api() else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 500);
    assert_eq!(body.title.as_deref(), Some("Internal Server Error"));
    assert_eq!(body.status, Some(500));
    assert_eq!(body.detail, None);
    assert_eq!(error.to_string(), "status 500: Error");
}

/// Canopy's token endpoint takes a tenant and a client id beside the credentials: a session
/// from the whole login body (`password_session_with`) logs in with the password grant and
/// refreshes through the same operation with the refresh token, the credentials left out.
#[tokio::test]
async fn a_session_from_a_login_body_refreshes_through_the_same_operation() {
    use wiremock::matchers::{body_string_contains, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    // `expires_in: 0`: due at once, so the next call refreshes.
    let token = |access: &str, lifetime: u32| {
        let body = format!(
            r#"{{"access_token":"{access}","refresh_token":"r-{access}","expires_in":{lifetime}}}"#
        );
        ResponseTemplate::new(201).set_body_raw(body, "application/json")
    };
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=password"))
        .respond_with(token("a1", 0))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(token("a2", 3600))
        .mount(&server)
        .await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let login = types::TokenRequest {
        username: Some("ada".into()),
        password: Some("pa55".into()),
        tenant: Some("acme".into()),
        client_id: Some("app".into()),
        ..Default::default()
    };
    let session = client.password_session_with(login);
    assert_eq!(session.access_token().await.unwrap(), "a1");
    assert_eq!(session.access_token().await.unwrap(), "a2");
    assert_eq!(session.access_token().await.unwrap(), "a2");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "one login, one refresh");
    let login = body_text(&requests[0]);
    assert!(
        login.contains("grant_type=password") && login.contains("tenant=acme"),
        "{login}"
    );
    let refresh = body_text(&requests[1]);
    assert!(
        refresh.contains("refresh_token=r-a1") && refresh.contains("client_id=app"),
        "{refresh}"
    );
    assert!(
        !refresh.contains("pa55") && !refresh.contains("username"),
        "{refresh}"
    );
}
