//! A token session with a local stand-in for Knetik's token endpoint; no network needed.
//!
//! Run with `cargo run --example knetik_session`. Knetik's docs describe the client credentials
//! grant (RFC 6749 §4.4): the session sends the client id and secret in the form body with
//! `grant_type=client_credentials`, reads `expires_in` although Knetik sends it as a string,
//! reuses the token, logs in again once it is due (this API version issues no refresh token),
//! and reports a refused secret with its status (Knetik's spec documents no error response).

use provider_clients::knetik;
use std::time::Duration;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    // "2" seconds: a token this short is used for half its life, so it is due after one second
    // (the demo's short wait; real tokens live longer).
    let token = serde_json::json!({
        "access_token": "knetik-token", "expires_in": "2", "scope": "global", "token_type": "bearer",
    });
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("client_secret=s3cret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token))
        .mount(&stand_in)
        .await;
    let refused = serde_json::json!({"error": "invalid_client", "error_description": "Bad client credentials"});
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(refused))
        .mount(&stand_in)
        .await;
    println!("Knetik stand-in listening on {}", stand_in.uri());

    let client = knetik::Client::with_base_url(&stand_in.uri())?;
    let session = client.client_credentials_session("game-server", "s3cret");
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
    session.access_token().await?;
    println!(
        "due by its expires_in \"2\": logged in again ({} requests)",
        requests().await
    );

    let wrong = client.client_credentials_session("game-server", "wrong");
    if let Err(error) = wrong.access_token().await {
        let login_error = error
            .request_error()
            .and_then(|e| e.downcast_ref::<knetik::Error>());
        match login_error.and_then(|e| e.status()) {
            Some(status) => println!("wrong secret: refused with status {status}"),
            None => println!("failed: {error}"),
        }
    }
    Ok(())
}
