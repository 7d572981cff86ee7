use crate::{text, Prism};
use provider_clients::akeneo::{self, types, PostTokenError};

fn credentials() -> types::PostTokenRequest {
    types::PostTokenRequest {
        username: Some("admin".into()),
        password: Some("correct horse".into()),
        grant_type: "password".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn akeneo_requests_pass_prism_and_every_status_decodes() {
    let prism = Prism::start("akeneo").await;
    let client = |status| {
        akeneo::Client::with_base_url(prism.url())
            .unwrap()
            .with_http_client(prism.http(status))
    };
    // The operation requires HTTP Basic (`basicAuth`): the client id and secret.
    let authorized = |status| client(status).with_basic_auth("1_client_id", "client secret");

    // Prism checks credentials: without them it answers 401, which the spec does not document.
    let (outcome, sent) = prism
        .exchange(
            "post_token without credentials",
            client(None).post_token(&credentials()),
        )
        .await;
    assert!(sent.rejection().is_some() && sent.status == 401, "{sent}");
    assert!(
        matches!(&outcome, Err(akeneo::Error::UnexpectedStatus(response)) if response.status == 401),
        "{outcome:?}\n{sent}"
    );

    let (outcome, sent) = prism
        .check("post_token", authorized(None).post_token(&credentials()))
        .await;
    let token = outcome.unwrap_or_else(|error| panic!("post_token: {error:?}\n{sent}"));
    let json = sent.json();
    assert_eq!(
        token.access_token.as_deref(),
        text(&json, "access_token"),
        "{sent}"
    );
    assert_eq!(token.expires_in, json["expires_in"].as_i64(), "{sent}");
    assert_eq!(
        token.token_type.as_deref(),
        text(&json, "token_type"),
        "{sent}"
    );
    assert_eq!(token.scope.as_deref(), text(&json, "scope"), "{sent}");
    assert_eq!(
        token.refresh_token.as_deref(),
        text(&json, "refresh_token"),
        "{sent}"
    );

    for status in [400, 415, 422] {
        let (outcome, sent) = prism
            .check(
                "post_token",
                authorized(Some(status)).post_token(&credentials()),
            )
            .await;
        let error = match outcome.map_err(|error| error.into_api()) {
            Err(Some(PostTokenError::BadRequest(error))) if status == 400 => error,
            Err(Some(PostTokenError::UnsupportedMediaType(error))) if status == 415 => error,
            Err(Some(PostTokenError::UnprocessableEntity(error))) if status == 422 => error,
            other => panic!("post_token: {status} decoded as {other:?}\n{sent}"),
        };
        let json = sent.json();
        assert_eq!(error.code, json["code"].as_i64(), "{sent}");
        assert_eq!(error.message.as_deref(), text(&json, "message"), "{sent}");
    }
}
