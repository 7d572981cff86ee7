//! A token session with a local stand-in for Canopy's token endpoint; no network needed.
//!
//! Run with `cargo run --example canopy_session`. Canopy's endpoint needs a tenant and a client id
//! beside the credentials, so the session is built from a whole login body
//! (`password_session_with`). It logs in, reuses the token, refreshes it through the same
//! endpoint once due (ASP.NET's `.expires` date says when), and reports a refused login as the
//! operation's typed `BadRequest` with its problem details.

use provider_clients::canopy::{self, types, TokenPostTokenError};
use std::time::{Duration, SystemTime};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    // Due 2 s from now: a token this short is used for half its life, so it is due after a second.
    let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let first = serde_json::json!({
        "access_token": "token-1", "refresh_token": "refresh-1", ".expires": soon,
    });
    let second = serde_json::json!({
        "access_token": "token-2", "refresh_token": "refresh-2", "expires_in": 3600,
    });
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("password=correct-horse"))
        .respond_with(ResponseTemplate::new(201).set_body_json(first))
        .mount(&stand_in)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(201).set_body_json(second))
        .mount(&stand_in)
        .await;
    let problem = serde_json::json!({"title": "invalid_grant", "status": 400});
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(problem))
        .mount(&stand_in)
        .await;
    println!("Canopy stand-in listening on {}", stand_in.uri());

    let client = canopy::Client::with_base_url(&stand_in.uri())?;
    let login = |password: &str| types::TokenRequest {
        username: Some("ada".into()),
        password: Some(password.into()),
        tenant: Some("acme".into()),
        client_id: Some("canopy-web".into()),
        ..Default::default()
    };
    let session = client.password_session_with(login("correct-horse"));
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
        "refresh: {} ({} requests)",
        session.access_token().await?,
        requests().await
    );

    let wrong = client.password_session_with(login("wrong"));
    if let Err(error) = wrong.access_token().await {
        let typed = error
            .request_error()
            .and_then(|e| e.downcast_ref::<canopy::Error<TokenPostTokenError>>())
            .and_then(|e| e.api());
        match typed {
            Some(TokenPostTokenError::BadRequest(problem)) => {
                println!("wrong password: BadRequest, title {:?}", problem.title)
            }
            _ => println!("failed: {error}"),
        }
    }
    Ok(())
}
