//! A token session with a local stand-in for Akeneo's token endpoint; no network needed.
//!
//! Run with `cargo run --example akeneo_session`. Akeneo's endpoint takes the PIM user's
//! password grant with the API connection's client id and secret as HTTP Basic credentials,
//! and renews a token with its refresh grant through the same endpoint. The session logs in,
//! reuses the token, refreshes it once due, and reports a wrong password as the operation's
//! typed `UnprocessableEntity` with Akeneo's message.

use provider_clients::akeneo::{self, PostTokenError};
use std::time::Duration;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    // base64("connection-id:connection-secret"): Akeneo checks the API connection first.
    let basic = "Basic Y29ubmVjdGlvbi1pZDpjb25uZWN0aW9uLXNlY3JldA==";
    // 2 s: a token this short is used for half its life, so it is due after one second (the
    // demo's short wait; Akeneo's tokens live an hour).
    let first = serde_json::json!({
        "access_token": "akeneo-1", "expires_in": 2, "token_type": "bearer", "scope": null,
        "refresh_token": "refresh-1",
    });
    let second = serde_json::json!({
        "access_token": "akeneo-2", "expires_in": 3600, "token_type": "bearer", "scope": null,
        "refresh_token": "refresh-2",
    });
    let token = || path("/api/oauth/v1/token");
    Mock::given(method("POST"))
        .and(token())
        .and(header("authorization", basic))
        .and(body_string_contains(r#""password":"correct-horse""#))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&stand_in)
        .await;
    Mock::given(method("POST"))
        .and(token())
        .and(header("authorization", basic))
        .and(body_string_contains(r#""refresh_token":"refresh-1""#))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&stand_in)
        .await;
    let invalid = serde_json::json!({"code": 422, "message": "Username or password is invalid.",
        "_links": {"documentation": {"href": "http://api.akeneo.com/documentation/authentication.html"}}});
    Mock::given(method("POST"))
        .and(token())
        .respond_with(ResponseTemplate::new(422).set_body_json(invalid))
        .mount(&stand_in)
        .await;
    println!("Akeneo stand-in listening on {}", stand_in.uri());

    let client = akeneo::Client::with_base_url(&stand_in.uri())?
        .with_basic_auth("connection-id", "connection-secret");
    let session = client.password_session("julia", "correct-horse");
    let requests = || async { stand_in.received_requests().await.unwrap_or_default().len() };
    println!(
        "login: {} ({} request)",
        session.access_token().await?,
        requests().await
    );
    println!(
        "reuse: {} (still {} request)",
        session.access_token().await?,
        requests().await
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    println!(
        "refresh: {} ({} requests, the second with grant_type=refresh_token)",
        session.access_token().await?,
        requests().await
    );

    let wrong = client.password_session("julia", "wrong");
    if let Err(error) = wrong.access_token().await {
        let typed = error
            .request_error()
            .and_then(|e| e.downcast_ref::<akeneo::Error<PostTokenError>>())
            .and_then(|e| e.api());
        match typed {
            Some(PostTokenError::UnprocessableEntity(body)) => {
                println!(
                    "wrong password: UnprocessableEntity, message {:?}",
                    body.message
                )
            }
            _ => println!("failed: {error}"),
        }
    }
    Ok(())
}
