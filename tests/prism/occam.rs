use crate::{text, Prism};
use provider_clients::occam::{
    self, types, AuthLoginError, AuthRefreshError, AuthTokenFromKeyError,
};
use serde_json::Value;

fn logins() -> [types::BodyAuthLogin; 2] {
    let minimal = types::BodyAuthLogin {
        username: "ada@example.com".into(),
        password: "correct horse".into(),
        ..Default::default()
    };
    let full = types::BodyAuthLogin {
        grant_type: Some("password".into()),
        scope: Some("read write".into()),
        client_id: Some("occam-web".into()),
        client_secret: Some("client secret".into()),
        ..minimal.clone()
    };
    [minimal, full]
}

fn refresh() -> types::RefreshTokenRequest {
    types::RefreshTokenRequest {
        refresh_token: "eyJhbGciOiJIUzI1NiJ9.cmVmcmVzaA.c2ln".into(),
    }
}

fn check_tokens(
    tokens: &types::AccessAndRefreshTokenResponse,
    json: &Value,
    sent: &crate::Exchange,
) {
    assert_eq!(
        Some(tokens.access_token.as_str()),
        text(json, "access_token"),
        "{sent}"
    );
    assert_eq!(
        Some(tokens.expires_at),
        json["expires_at"].as_i64(),
        "{sent}"
    );
    assert_eq!(
        Some(tokens.refresh_token.as_str()),
        text(json, "refresh_token"),
        "{sent}"
    );
    assert_eq!(
        Some(tokens.refresh_token_expires_at),
        json["refresh_token_expires_at"].as_i64(),
        "{sent}"
    );
    // Absent stays absent: the default `Bearer` is the server's to assume.
    assert_eq!(
        tokens.token_type.as_deref(),
        text(json, "token_type"),
        "{sent}"
    );
}

/// The `detail` of a decoded 422 has the items of the JSON body.
fn check_detail(body: &types::HttpValidationError, sent: &crate::Exchange) {
    let expected = sent.json()["detail"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let detail = body.detail.clone().unwrap_or_default();
    assert_eq!(detail.len(), expected.len(), "{sent}");
    for (item, json) in detail.iter().zip(&expected) {
        assert_eq!(Some(item.msg.as_str()), text(json, "msg"), "{sent}");
        assert_eq!(
            item.loc.len(),
            json["loc"].as_array().map_or(0, Vec::len),
            "{sent}"
        );
    }
}

#[tokio::test]
async fn occam_requests_pass_prism_and_every_status_decodes() {
    let prism = Prism::start("occam").await;
    let client = |status| {
        occam::Client::with_base_url(prism.url())
            .unwrap()
            .with_http_client(prism.http(status))
    };

    // Prism does validate: a request that breaks the spec (no `key`) is flagged, and the check
    // that every other request passes relies on that flag.
    let call = prism
        .http(None)
        .get(format!("{}/auth/access-token", prism.url()))
        .send();
    let (_, sent) = prism
        .exchange("GET /auth/access-token without key", call)
        .await;
    let rejection = sent.rejection().unwrap_or_default();
    assert!(
        rejection.contains("'key'"),
        "Prism should flag the missing key:\n{sent}"
    );

    let (outcome, sent) = prism
        .check(
            "auth_token_from_key",
            client(None).auth_token_from_key("k-9f86d081"),
        )
        .await;
    let token = outcome.unwrap_or_else(|error| panic!("auth_token_from_key: {error:?}\n{sent}"));
    let json = sent.json();
    assert_eq!(
        Some(token.access_token.as_str()),
        text(&json, "access_token"),
        "{sent}"
    );
    assert_eq!(
        Some(token.expires_at),
        json["expires_at"].as_i64(),
        "{sent}"
    );
    assert_eq!(
        token.token_type.as_deref(),
        text(&json, "token_type"),
        "{sent}"
    );

    let (outcome, sent) = prism
        .check(
            "auth_token_from_key",
            client(Some(400)).auth_token_from_key("k-9f86d081"),
        )
        .await;
    assert!(
        matches!(
            outcome.as_ref().err().and_then(|error| error.api()),
            Some(AuthTokenFromKeyError::BadRequest)
        ),
        "auth_token_from_key: 400 should be BadRequest: {outcome:?}\n{sent}"
    );
    let (outcome, sent) = prism
        .check(
            "auth_token_from_key",
            client(Some(422)).auth_token_from_key("k-9f86d081"),
        )
        .await;
    let Some(AuthTokenFromKeyError::UnprocessableEntity(body)) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("auth_token_from_key: 422 should be UnprocessableEntity: {outcome:?}\n{sent}")
    };
    check_detail(body, &sent);

    for login in logins() {
        let (outcome, sent) = prism
            .check("auth_login", client(None).auth_login(&login))
            .await;
        let tokens = outcome.unwrap_or_else(|error| panic!("auth_login: {error:?}\n{sent}"));
        check_tokens(&tokens, &sent.json(), &sent);
    }
    let (outcome, sent) = prism
        .check("auth_login", client(Some(400)).auth_login(&logins()[1]))
        .await;
    assert!(
        matches!(
            outcome.as_ref().err().and_then(|error| error.api()),
            Some(AuthLoginError::BadRequest)
        ),
        "auth_login: 400 should be BadRequest: {outcome:?}\n{sent}"
    );
    let (outcome, sent) = prism
        .check("auth_login", client(Some(422)).auth_login(&logins()[1]))
        .await;
    let Some(AuthLoginError::UnprocessableEntity(body)) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("auth_login: 422 should be UnprocessableEntity: {outcome:?}\n{sent}")
    };
    check_detail(body, &sent);

    let (outcome, sent) = prism
        .check("auth_refresh", client(None).auth_refresh(&refresh()))
        .await;
    let tokens = outcome.unwrap_or_else(|error| panic!("auth_refresh: {error:?}\n{sent}"));
    check_tokens(&tokens, &sent.json(), &sent);
    for (status, variant) in [
        (400, AuthRefreshError::BadRequest),
        (404, AuthRefreshError::NotFound),
    ] {
        let (outcome, sent) = prism
            .check(
                "auth_refresh",
                client(Some(status)).auth_refresh(&refresh()),
            )
            .await;
        assert!(
            matches!(&outcome, Err(occam::Error::Api(response)) if *response.body() == variant),
            "auth_refresh: {status} should be {variant:?}: {outcome:?}\n{sent}"
        );
    }
    let (outcome, sent) = prism
        .check("auth_refresh", client(Some(422)).auth_refresh(&refresh()))
        .await;
    let Some(AuthRefreshError::UnprocessableEntity(body)) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("auth_refresh: 422 should be UnprocessableEntity: {outcome:?}\n{sent}")
    };
    check_detail(body, &sent);
}
