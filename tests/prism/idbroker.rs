use crate::{text, Prism};
use provider_clients::idbroker::{
    self, types, LoginForAccessTokenUcsschoolApisAuthTokenPostError as LoginError,
};

fn logins() -> [types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost; 2] {
    let minimal = types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
        username: "ada.lovelace".into(),
        password: "correct horse".into(),
        ..Default::default()
    };
    let full = types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
        grant_type: Some("password".into()),
        scope: Some("ucsschool".into()),
        client_id: Some("id-broker".into()),
        client_secret: Some("client secret".into()),
        ..minimal.clone()
    };
    [minimal, full]
}

#[tokio::test]
async fn idbroker_requests_pass_prism_and_every_status_decodes() {
    let prism = Prism::start("idbroker").await;
    let client = |status| {
        idbroker::Client::with_base_url(prism.url())
            .unwrap()
            .with_http_client(prism.http(status))
    };
    let operation = "login_for_access_token_ucsschool_apis_auth_token_post";

    for login in logins() {
        let (outcome, sent) = prism
            .check(
                operation,
                client(None).login_for_access_token_ucsschool_apis_auth_token_post(&login),
            )
            .await;
        let token = outcome.unwrap_or_else(|error| panic!("{operation}: {error:?}\n{sent}"));
        let json = sent.json();
        assert_eq!(
            Some(token.access_token.as_str()),
            text(&json, "access_token"),
            "{sent}"
        );
        assert_eq!(
            Some(token.token_type.as_str()),
            text(&json, "token_type"),
            "{sent}"
        );
    }

    let (outcome, sent) = prism
        .check(
            operation,
            client(Some(422)).login_for_access_token_ucsschool_apis_auth_token_post(&logins()[1]),
        )
        .await;
    let Some(LoginError::UnprocessableEntity(body)) =
        outcome.as_ref().err().and_then(|error| error.api())
    else {
        panic!("{operation}: 422 should be UnprocessableEntity: {outcome:?}\n{sent}")
    };
    let detail = body.detail.clone().unwrap_or_default();
    let expected = sent.json()["detail"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(detail.len(), expected.len(), "{sent}");
    for (item, json) in detail.iter().zip(&expected) {
        assert_eq!(Some(item.msg.as_str()), text(json, "msg"), "{sent}");
    }
}
