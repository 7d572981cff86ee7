//! A token session with a local stand-in for the Occam API; no network needed.
//!
//! Run with `cargo run --example occam_session`. The session logs in with Occam's own
//! `auth_login` operation, hands the same token out again without a second request, refreshes
//! it with `auth_refresh` once it has expired, and reports a wrong password as the login's typed
//! `BadRequest`. The stand-in (a wiremock server on 127.0.0.1) answers like Occam.

use oapigen_runtime::Expiry;
use provider_clients::occam::{self, AuthLoginError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    // A token that expires 2 s from now: a token this short is used for half its life, so it is
    // due for a refresh after a second (a real one lives longer; the demo shortens the wait).
    let tokens = |access: &str, expires_at: u64| {
        serde_json::json!({
            "token_type": "bearer",
            "access_token": access,
            "expires_at": expires_at,
            "refresh_token": format!("refresh-of-{access}"),
            "refresh_token_expires_at": expires_at + 86_400,
        })
    };
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .and(body_string_contains("password=correct-horse"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tokens("token-1", now + 2)))
        .mount(&stand_in)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&stand_in)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/refresh-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tokens("token-2", now + 3600)))
        .mount(&stand_in)
        .await;
    println!("Occam stand-in listening on {}", stand_in.uri());

    let client = occam::Client::with_base_url(&stand_in.uri())?;
    let session = client.password_session("ada@example.com", "correct-horse");
    let requests = || async { stand_in.received_requests().await.unwrap_or_default().len() };

    let first = session.access_token().await?;
    println!("login: {first} ({} request so far)", requests().await);
    let again = session.access_token().await?;
    println!("reuse: {again} (still {} request)", requests().await);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let refreshed = session.access_token().await?;
    println!(
        "refresh: {refreshed} ({} requests so far)",
        requests().await
    );
    // Debug shows no token: `Token { access_token: ***, refresh_token: Some(***), .. }`.
    if let Some(token) = session.token().await {
        let expires = match token.expires {
            Expiry::At(at) => httpdate::fmt_http_date(at),
            _ => "unknown".to_owned(),
        };
        println!("session: {session:?}, token: {token:?}, expires {expires}");
    }

    let wrong = client.password_session("ada@example.com", "wrong");
    match wrong.access_token().await {
        Ok(token) => println!("unexpected token {token}"),
        Err(error) => {
            let typed = error
                .request_error()
                .and_then(|e| e.downcast_ref::<occam::Error<AuthLoginError>>())
                .and_then(|e| e.api());
            match typed {
                Some(AuthLoginError::BadRequest) => {
                    println!("wrong password: refused as AuthLoginError::BadRequest ({error})")
                }
                _ => println!("failed: {error}"),
            }
        }
    }
    Ok(())
}
