use crate::{text, Prism};
use provider_clients::knetik::{self, types};

#[tokio::test]
async fn knetik_requests_pass_prism_and_every_status_decodes() {
    let prism = Prism::start("knetik").await;
    let client = knetik::Client::with_base_url(prism.url())
        .unwrap()
        .with_http_client(prism.http(None));
    let bodies = [
        // The spec's defaults alone: grant_type client_credentials, client_id knetik.
        types::OAuthTokenRequest::default(),
        types::OAuthTokenRequest {
            client_secret: Some("client secret".into()),
            ..Default::default()
        },
        types::OAuthTokenRequest {
            grant_type: "password".into(),
            client_id: "web".into(),
            username: Some("ada".into()),
            password: Some("correct horse".into()),
            ..Default::default()
        },
    ];
    // 200 is the only documented status.
    for body in &bodies {
        let (outcome, sent) = prism
            .check("get_o_auth_token", client.get_o_auth_token(body))
            .await;
        let token = outcome.unwrap_or_else(|error| panic!("get_o_auth_token: {error:?}\n{sent}"));
        let json = sent.json();
        assert_eq!(
            token.access_token.as_deref(),
            text(&json, "access_token"),
            "{sent}"
        );
        assert_eq!(
            token.expires_in.as_deref(),
            text(&json, "expires_in"),
            "{sent}"
        );
        assert_eq!(token.scope.as_deref(), text(&json, "scope"), "{sent}");
        assert_eq!(
            token.token_type.as_deref(),
            text(&json, "token_type"),
            "{sent}"
        );
    }
}
