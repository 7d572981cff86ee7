//! A token session with a local stand-in for the UCS@school ID Broker; no network needed.
//!
//! Run with `cargo run --example idbroker_session`. ID Broker's token response carries no
//! expiry field: the session reads the JWT's `exp` claim. It logs in with the spec's own login
//! operation, reuses the token, logs in again once the token is due (ID Broker has no refresh
//! grant), and reports a rejected login as the operation's typed `UnprocessableEntity`.

use base64::Engine;
use provider_clients::idbroker::{
    self, LoginForAccessTokenUcsschoolApisAuthTokenPostError as LoginError,
};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An unsigned JWT whose `exp` is `exp` (the session reads it; it never checks signatures).
fn jwt(subject: &str, exp: u64) -> String {
    let encode = |json: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let header = encode(r#"{"alg":"none"}"#.to_owned());
    let claims = encode(format!(r#"{{"sub":"{subject}","exp":{exp}}}"#));
    format!("{header}.{claims}.")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    // Expires 2 s from now: a token this short is used for half its life, so it is due after a
    // second (the demo's short wait; real tokens live longer).
    let token = serde_json::json!({"access_token": jwt("ada", now + 2), "token_type": "bearer"});
    Mock::given(method("POST"))
        .and(path("/ucsschool/apis/auth/token"))
        .and(body_string_contains("password=correct-horse"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token))
        .mount(&stand_in)
        .await;
    let detail = serde_json::json!({"detail": [{"loc": ["body", "password"], "msg": "wrong password", "type": "value_error"}]});
    Mock::given(method("POST"))
        .and(path("/ucsschool/apis/auth/token"))
        .respond_with(ResponseTemplate::new(422).set_body_json(detail))
        .mount(&stand_in)
        .await;
    println!("ID Broker stand-in listening on {}", stand_in.uri());

    let client = idbroker::Client::with_base_url(&stand_in.uri())?;
    let session = client.password_session("ada", "correct-horse");
    let requests = || async { stand_in.received_requests().await.unwrap_or_default().len() };
    let first = session.access_token().await?;
    println!("login: {}... ({} request)", &first[..12], requests().await);
    session.access_token().await?;
    println!("reuse: the same token (still {} request)", requests().await);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    session.access_token().await?;
    println!(
        "due by its JWT exp: logged in again ({} requests)",
        requests().await
    );

    let wrong = client.password_session("ada", "wrong");
    if let Err(error) = wrong.access_token().await {
        let typed = error
            .request_error()
            .and_then(|e| e.downcast_ref::<idbroker::Error<LoginError>>())
            .and_then(|e| e.api());
        match typed {
            Some(LoginError::UnprocessableEntity(body)) => {
                println!(
                    "wrong password: UnprocessableEntity, detail {:?}",
                    body.detail
                )
            }
            _ => println!("failed: {error}"),
        }
    }
    Ok(())
}
