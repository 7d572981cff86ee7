//! What goes wrong besides documented errors: each is a typed error that says what a user needs
//! to debug it, and never a panic.

use oapigen_runtime::ResponseSummary;
use provider_clients::occam::{self, types};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn login() -> types::BodyAuthLogin {
    types::BodyAuthLogin {
        username: "ada".into(),
        password: "pw".into(),
        ..Default::default()
    }
}

async fn client_for(server: &MockServer) -> occam::Client {
    occam::Client::with_base_url(&server.uri()).unwrap()
}

fn decode_summary(error: &occam::Error<occam::AuthLoginError>) -> (&ResponseSummary, &str) {
    match error {
        occam::Error::Decode(decode) => (&decode.response, decode.reason.as_str()),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_status_keeps_status_content_type_and_body_start() {
    let server = crate::server(503, "text/html", "<html><body>upstream down</body></html>").await;
    let error = client_for(&server)
        .await
        .auth_login(&login())
        .await
        .unwrap_err();
    let occam::Error::UnexpectedStatus(response) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(response.status, 503);
    assert_eq!(response.content_type.as_deref(), Some("text/html"));
    assert_eq!(
        response.body_start,
        "<html><body>upstream down</body></html>"
    );
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        error.to_string(),
        r#"undocumented response: status 503, content type text/html, body starts "<html><body>upstream down</body></html>""#
    );
}

#[tokio::test]
async fn long_bodies_are_cut() {
    let server = crate::server(500, "text/plain", &"x".repeat(10_000)).await;
    let error = client_for(&server)
        .await
        .auth_login(&login())
        .await
        .unwrap_err();
    let occam::Error::UnexpectedStatus(response) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(response.body_start.len(), 512);
}

/// A body of a media type the spec does not list for the status (a login page from a proxy) is
/// not fed to the JSON decoder: the error says which types were expected and shows what came.
#[tokio::test]
async fn body_of_an_unlisted_media_type() {
    let server = crate::server(200, "text/html", "<html>login page</html>").await;
    let error = client_for(&server)
        .await
        .auth_login(&login())
        .await
        .unwrap_err();
    let occam::Error::UnexpectedContentType { expected, response } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*expected, ["application/json"]);
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type.as_deref(), Some("text/html"));
    assert_eq!(response.body_start, "<html>login page</html>");
    assert_eq!(error.status(), Some(200));
    assert_eq!(
        error.to_string(),
        r#"the response is not of a media type the spec lists for its status (application/json): status 200, content type text/html, body starts "<html>login page</html>""#
    );
}

/// JSON under any JSON media type, or without a `Content-Type`, is read as JSON.
#[tokio::test]
async fn json_under_another_json_media_type_or_none_is_read() {
    let tokens = r#"{"access_token":"acc","refresh_token":"ref","token_type":"bearer","expires_at":1,"refresh_token_expires_at":2}"#;
    for content_type in [
        "application/json; charset=utf-8",
        "application/vnd.occam+json",
        "",
    ] {
        let server = MockServer::start().await;
        let mut template = ResponseTemplate::new(200).set_body_raw(tokens.as_bytes(), content_type);
        if content_type.is_empty() {
            template = ResponseTemplate::new(200).set_body_bytes(tokens.as_bytes());
        }
        Mock::given(any())
            .respond_with(template)
            .mount(&server)
            .await;
        let login = client_for(&server).await.auth_login(&login()).await;
        assert!(login.is_ok(), "{content_type:?}: {login:?}");
    }
}

#[tokio::test]
async fn json_of_the_wrong_shape() {
    let server = crate::server(
        200,
        "application/json",
        r#"{"access_token":"acc","expires_at":"soon"}"#,
    )
    .await;
    let error = client_for(&server)
        .await
        .auth_login(&login())
        .await
        .unwrap_err();
    let (response, reason) = decode_summary(&error);
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type.as_deref(), Some("application/json"));
    assert!(reason.contains("invalid type"), "{reason}");
    assert!(reason.contains("expected i64"), "{reason}");
    assert!(
        !reason.contains("soon"),
        "quoted values are cut from reasons: {reason}"
    );
    assert!(error
        .to_string()
        .starts_with("could not decode the response (status 200, content type application/json"));
}

#[tokio::test]
async fn empty_body_where_one_is_expected() {
    let server = crate::server(200, "application/json", "").await;
    let error = client_for(&server)
        .await
        .auth_login(&login())
        .await
        .unwrap_err();
    let (response, reason) = decode_summary(&error);
    assert_eq!(response.status, 200);
    assert_eq!(response.body_start, "");
    assert_eq!(reason, "the body is empty, but the spec gives it a schema");
}

#[tokio::test]
async fn connection_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = occam::Client::with_base_url(&format!("http://{address}")).unwrap();
    let error = client.auth_login(&login()).await.unwrap_err();
    let occam::Error::Transport { error: inner, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(inner.is_connect(), "{inner:?}");
    // The message says why (the OS's words for it), not only reqwest's "error sending request".
    let message = error.to_string();
    assert!(
        message.starts_with("could not send the request"),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
    assert!(!message.contains(&address.port().to_string()), "{message}");
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn server_that_never_answers_times_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = client_for(&server)
        .await
        .with_timeout(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let error = client.auth_login(&login()).await.unwrap_err();
    assert!(matches!(error, occam::Error::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(error.to_string(), "the request timed out");
}

#[tokio::test]
async fn caller_supplied_http_client_is_used() {
    let server = crate::server(
        200,
        "application/json",
        r#"{"access_token":"a","expires_at":1}"#,
    )
    .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-trace", reqwest::header::HeaderValue::from_static("t-1"));
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = client_for(&server).await.with_http_client(http);
    client.auth_token_from_key("k").await.unwrap().into_inner();
    let request = crate::only_request(&server).await;
    assert_eq!(crate::header(&request, "x-trace"), Some("t-1"));
}
