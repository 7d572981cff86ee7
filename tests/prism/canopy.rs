// The token endpoint is marked obsolete in the spec, so the client method is `#[deprecated]`; these
// tests call it on purpose.
#![allow(deprecated)]

use crate::{text, Prism};
use provider_clients::canopy::{self, types, TokenPostTokenError};

fn password_grant() -> types::TokenRequest {
    types::TokenRequest {
        grant_type: Some("password".into()),
        username: Some("ada".into()),
        tenant: Some("acme".into()),
        password: Some("correct horse".into()),
        client_id: Some("canopy.web".into()),
        client_secret: Some("client secret".into()),
        ..Default::default()
    }
}

fn refresh_grant() -> types::TokenRequest {
    types::TokenRequest {
        grant_type: Some("refresh_token".into()),
        refresh_token: Some("8f14e45fceea167a".into()),
        client_id: Some("canopy.web".into()),
        ..Default::default()
    }
}

fn check_problem(problem: &types::ProblemDetails, sent: &crate::Exchange) {
    let json = sent.json();
    assert_eq!(problem.r#type.as_deref(), text(&json, "type"), "{sent}");
    assert_eq!(problem.title.as_deref(), text(&json, "title"), "{sent}");
    assert_eq!(
        problem.status.map(i64::from),
        json["status"].as_i64(),
        "{sent}"
    );
    assert_eq!(problem.detail.as_deref(), text(&json, "detail"), "{sent}");
    assert_eq!(
        problem.instance.as_deref(),
        text(&json, "instance"),
        "{sent}"
    );
}

#[tokio::test]
async fn canopy_requests_pass_prism_and_every_status_decodes() {
    let prism = Prism::start("canopy").await;
    let client = |status| {
        canopy::Client::with_base_url(prism.url())
            .unwrap()
            .with_http_client(prism.http(status))
    };

    // The body is optional: both grants, and no body at all.
    for body in [Some(password_grant()), Some(refresh_grant()), None] {
        let (outcome, sent) = prism
            .check(
                "token_post_token",
                client(None).token_post_token(body.as_ref()),
            )
            .await;
        let grant = outcome.unwrap_or_else(|error| panic!("token_post_token: {error:?}\n{sent}"));
        assert_eq!(sent.status, 201, "{sent}");
        let json = sent.json();
        assert_eq!(grant.expires.as_deref(), text(&json, ".expires"), "{sent}");
        assert_eq!(grant.issued.as_deref(), text(&json, ".issued"), "{sent}");
        assert_eq!(
            grant.access_token.as_deref(),
            text(&json, "access_token"),
            "{sent}"
        );
        assert_eq!(
            grant.canopysimulations_client_id.as_deref(),
            text(&json, "canopysimulations:client_id:"),
            "{sent}"
        );
        assert_eq!(
            grant.expires_in.map(i64::from),
            json["expires_in"].as_i64(),
            "{sent}"
        );
        assert_eq!(
            grant.refresh_token.as_deref(),
            text(&json, "refresh_token"),
            "{sent}"
        );
        assert_eq!(
            grant.two_factor_enabled,
            json["two_factor_enabled"].as_bool(),
            "{sent}"
        );
        assert_eq!(grant.username.as_deref(), text(&json, "username"), "{sent}");
    }

    let (outcome, sent) = prism
        .check(
            "token_post_token",
            client(Some(400)).token_post_token(Some(&password_grant())),
        )
        .await;
    let Some(TokenPostTokenError::BadRequest(problem)) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("token_post_token: 400 should be BadRequest: {outcome:?}\n{sent}")
    };
    check_problem(problem, &sent);

    // Any other status is the spec's `default` response.
    let (outcome, sent) = prism
        .check(
            "token_post_token",
            client(Some(500)).token_post_token(Some(&password_grant())),
        )
        .await;
    let Some(TokenPostTokenError::Other { status: 500, body }) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("token_post_token: 500 should be Other {{ status: 500, .. }}: {outcome:?}\n{sent}")
    };
    check_problem(body, &sent);
}
