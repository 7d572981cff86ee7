//! Secrets never show in `Debug` or `Display`: canary values go in, and no output may hold them.
#![allow(deprecated)] // Canopy's token endpoint is deprecated in its spec.

use provider_clients::{akeneo, canopy, idbroker, knetik, occam};
use std::time::Duration;

const CANARIES: &[&str] = &[
    "CANARY-PASSWORD",
    "CANARY-SECRET",
    "CANARY-ACCESS",
    "CANARY-REFRESH",
    "CANARY-KEY",
];

fn assert_clean(what: &str, text: &str) {
    for canary in CANARIES {
        assert!(!text.contains(canary), "{what} shows {canary}: {text}");
    }
}

fn assert_debug_clean(what: &str, value: &impl std::fmt::Debug) {
    assert_clean(what, &format!("{value:?}"));
    assert_clean(what, &format!("{value:#?}"));
}

#[test]
fn request_bodies_redact_passwords_secrets_and_refresh_tokens() {
    let idbroker_body = idbroker::types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
        username: "ada".into(),
        password: "CANARY-PASSWORD".into(),
        client_secret: Some("CANARY-SECRET".into()),
        ..Default::default()
    };
    assert_debug_clean("idbroker body", &idbroker_body);
    let debug = format!("{idbroker_body:?}");
    assert!(debug.contains("password: ***"), "{debug}");
    assert!(debug.contains("client_secret: Some(***)"), "{debug}");
    assert!(
        debug.contains("username: \"ada\""),
        "non-secrets stay visible: {debug}"
    );

    assert_debug_clean(
        "canopy body",
        &canopy::types::TokenRequest {
            password: Some("CANARY-PASSWORD".into()),
            client_secret: Some("CANARY-SECRET".into()),
            refresh_token: Some("CANARY-REFRESH".into()),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "occam login",
        &occam::types::BodyAuthLogin {
            password: "CANARY-PASSWORD".into(),
            client_secret: Some("CANARY-SECRET".into()),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "occam refresh",
        &occam::types::RefreshTokenRequest {
            refresh_token: "CANARY-REFRESH".into(),
        },
    );
    assert_debug_clean(
        "akeneo body",
        &akeneo::types::PostTokenRequest {
            username: Some("u".into()),
            password: Some("CANARY-PASSWORD".into()),
            grant_type: "password".into(),
            refresh_token: Some("CANARY-REFRESH".into()),
        },
    );
    assert_debug_clean(
        "knetik body",
        &knetik::types::OAuthTokenRequest {
            client_secret: Some("CANARY-SECRET".into()),
            password: Some("CANARY-PASSWORD".into()),
            ..Default::default()
        },
    );
}

#[test]
fn token_responses_redact_tokens() {
    assert_debug_clean(
        "idbroker token",
        &idbroker::types::Token {
            access_token: "CANARY-ACCESS".into(),
            token_type: "bearer".into(),
        },
    );
    assert_debug_clean(
        "canopy grant",
        &canopy::types::GrantTypeHandlerResponse {
            access_token: Some("CANARY-ACCESS".into()),
            refresh_token: Some("CANARY-REFRESH".into()),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "occam tokens",
        &occam::types::AccessAndRefreshTokenResponse {
            access_token: "CANARY-ACCESS".into(),
            refresh_token: "CANARY-REFRESH".into(),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "occam token",
        &occam::types::AccessTokenResponse {
            access_token: "CANARY-ACCESS".into(),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "akeneo token",
        &akeneo::types::AuthenticationToken {
            access_token: Some("CANARY-ACCESS".into()),
            refresh_token: Some("CANARY-REFRESH".into()),
            ..Default::default()
        },
    );
    assert_debug_clean(
        "knetik token",
        &knetik::types::OAuth2Resource {
            access_token: Some("CANARY-ACCESS".into()),
            ..Default::default()
        },
    );
}

#[test]
fn clients_redact_credentials() {
    let akeneo = akeneo::Client::new().with_basic_auth("client", "CANARY-SECRET");
    assert_debug_clean("akeneo client", &akeneo);
    assert!(
        format!("{akeneo:?}").contains("basic"),
        "which credentials are set is visible"
    );
    assert_debug_clean(
        "idbroker client",
        &idbroker::Client::new().with_bearer_token("CANARY-ACCESS"),
    );
    assert_debug_clean(
        "knetik client",
        &knetik::Client::new().with_bearer_token("CANARY-ACCESS"),
    );
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        reqwest::header::HeaderValue::from_static("Bearer CANARY-ACCESS"),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    assert_debug_clean(
        "client with a custom reqwest client",
        &occam::Client::new().with_http_client(http),
    );
}

#[tokio::test]
async fn errors_redact_tokens_in_bodies_and_reasons() {
    // A token response of the wrong shape: the body excerpt must not carry the tokens.
    let body =
        r#"{"access_token":"CANARY-ACCESS","refresh_token":"CANARY-REFRESH","expires_at":"soon"}"#;
    let server = crate::server(200, "application/json", body).await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let login = occam::types::BodyAuthLogin {
        password: "CANARY-PASSWORD".into(),
        ..Default::default()
    };
    let error = client.auth_login(&login).await.unwrap_err();
    let occam::Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(
        decode
            .response
            .body_start
            .contains(r#""access_token":"***""#),
        "{error}"
    );
    assert!(
        decode
            .response
            .body_start
            .contains(r#""expires_at":"soon""#),
        "other values stay: {error}"
    );
    assert_debug_clean("decode error", &error);
    assert_clean("decode error display", &error.to_string());

    // An undocumented status whose form-encoded body echoes credentials.
    let server = crate::server(
        500,
        "application/x-www-form-urlencoded",
        "error=x&access_token=CANARY-ACCESS&password=CANARY-PASSWORD",
    )
    .await;
    let client = occam::Client::with_base_url(&server.uri()).unwrap();
    let error = client.auth_login(&login).await.unwrap_err();
    assert!(
        matches!(error, occam::Error::UnexpectedStatus(_)),
        "{error:?}"
    );
    assert_debug_clean("unexpected status", &error);
    assert_clean("unexpected status display", &error.to_string());

    // A documented error whose typed body carries a token.
    let server = crate::server(
        400,
        "application/json",
        r#"{"detail":"CANARY-ACCESS is not valid"}"#,
    )
    .await;
    let client = canopy::Client::with_base_url(&server.uri()).unwrap();
    let error = client.token_post_token(None).await.unwrap_err();
    assert_clean("canopy error display", &error.to_string());
}

#[tokio::test]
async fn transport_errors_do_not_show_the_url_and_its_key() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = occam::Client::with_base_url(&format!("http://{address}")).unwrap();
    let error = client.auth_token_from_key("CANARY-KEY").await.unwrap_err();
    assert!(matches!(error, occam::Error::Transport { .. }), "{error:?}");
    assert_debug_clean("transport error", &error);
    assert_clean("transport error display", &error.to_string());

    let server = crate::server(200, "application/json", "{}").await;
    let slow = occam::Client::with_base_url(&server.uri())
        .unwrap()
        .with_timeout(Duration::from_nanos(1));
    let error = slow.auth_token_from_key("CANARY-KEY").await.unwrap_err();
    assert_debug_clean("timeout", &error);
}
