//! Logs in to a local stand-in for the Occam API through the generated client; no network needed.
//!
//! Run with `cargo run --example occam_login`. The stand-in (a wiremock server on 127.0.0.1)
//! answers like Occam: a token pair for the right password, 400 with no body for a wrong one.

use provider_clients::occam::{self, types, AuthLoginError};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stand_in = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .and(body_string_contains("password=correct-horse"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "eyJhbGciOiJIUzI1NiJ9.demo",
            "expires_at": 1_767_225_600,
            "refresh_token": "demo-refresh",
            "refresh_token_expires_at": 1_767_830_400,
        })))
        .mount(&stand_in)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/access-token"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&stand_in)
        .await;
    println!("Occam stand-in listening on {}", stand_in.uri());

    let client = occam::Client::with_base_url(&stand_in.uri())?;
    for password in ["wrong", "correct-horse"] {
        let login = types::BodyAuthLogin {
            username: "ada@example.com".into(),
            password: password.into(),
            ..Default::default()
        };
        println!("\nrequest body: {login:?}");
        match client.auth_login(&login).await {
            Ok(response) => {
                println!("logged in with status {}", response.status());
                let tokens = response.into_inner();
                println!("{tokens:?}");
                println!(
                    "token type {}, expires at {}",
                    // Absent means the spec's default, `Bearer`.
                    tokens.token_type.as_deref().unwrap_or("Bearer"),
                    tokens.expires_at
                );
            }
            Err(error) if error.api() == Some(&AuthLoginError::BadRequest) => {
                println!("refused: wrong email or password");
            }
            Err(other) => println!("failed: {other}"),
        }
    }
    Ok(())
}
