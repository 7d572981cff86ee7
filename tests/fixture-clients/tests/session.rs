//! A client with a token session, over real sockets: it logs in by itself, sends the token to
//! the operations that need one, and after a `401` refreshes once and retries once.

use fixture_clients::auth::Client;
use oapigen_runtime::{OAuth2Grant, Session};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn token(access: &str, refresh: &str) -> ResponseTemplate {
    let body =
        format!(r#"{{"access_token":"{access}","refresh_token":"{refresh}","expires_in":3600}}"#);
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(r#"{"ok":true}"#, "application/json")
}

/// The token endpoint: a login gives `first`, a refresh `second`.
async fn login_then_refresh(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=password"))
        .respond_with(token("first", "r1"))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(token("second", "r2"))
        .mount(server)
        .await;
}

async fn requests_to(server: &MockServer, route: &str) -> Vec<wiremock::Request> {
    let all = server.received_requests().await.unwrap();
    all.into_iter().filter(|r| r.url.path() == route).collect()
}

#[tokio::test]
async fn a_client_logs_in_by_itself_and_retries_a_401_once() {
    let server = MockServer::start().await;
    login_then_refresh(&server).await;
    // The server has revoked `first`: it answers 401 to it, 200 to `second`.
    Mock::given(path("/bearer"))
        .and(header("authorization", "Bearer first"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/bearer"))
        .and(header("authorization", "Bearer second"))
        .respond_with(ok())
        .mount(&server)
        .await;
    let grant = OAuth2Grant::password(format!("{}/token", server.uri()), "ada", "pa55");
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_session(Session::new(grant));
    let response = client.with_bearer().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        requests_to(&server, "/token").await.len(),
        2,
        "a login, then one refresh"
    );
    assert_eq!(requests_to(&server, "/bearer").await.len(), 2, "one retry");
    // The new token is reused: no more token requests.
    client.with_bearer().await.unwrap();
    assert_eq!(requests_to(&server, "/token").await.len(), 2);
    assert!(!format!("{client:?}").contains("second"));
}

#[tokio::test]
async fn a_second_401_is_the_answer_not_a_loop() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(token("any", "r"))
        .mount(&server)
        .await;
    Mock::given(path("/bearer"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let grant = OAuth2Grant::password(format!("{}/token", server.uri()), "ada", "pa55");
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_session(Session::new(grant));
    let error = client.with_bearer().await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        requests_to(&server, "/bearer").await.len(),
        2,
        "one retry, no more"
    );
}

#[tokio::test]
async fn a_failed_login_is_a_session_error_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(path("/token"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_raw(r#"{"error":"invalid_grant"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let grant = OAuth2Grant::password(format!("{}/token", server.uri()), "ada", "pa55");
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_session(Session::new(grant));
    let error = client.with_bearer().await.unwrap_err();
    assert!(
        matches!(error, oapigen_runtime::Error::Session(_)),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(
        shown.contains("invalid_grant") && !shown.contains("pa55"),
        "{shown}"
    );
    assert!(requests_to(&server, "/bearer").await.is_empty());
}

/// A client generated from a spec with an OAuth2 password flow logs in by itself: the token
/// request goes to the flow's `tokenUrl` (relative: resolved against the base URL taken as a
/// folder, so `token` under `.../api` is `/api/token`, beside the API's operations), and only
/// the operations whose security needs it carry the token.
#[tokio::test]
async fn a_generated_client_logs_in_with_its_specs_password_flow() {
    use fixture_clients::oauth2_password::Client;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/token"))
        .respond_with(token("t1", "r1"))
        .mount(&server)
        .await;
    Mock::given(path("/api/items"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"[{"name":"a"}]"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/health"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&format!("{}/api", server.uri()))
        .unwrap()
        .with_password_login("ada", "pa55");
    client.health().await.unwrap();
    assert!(
        requests_to(&server, "/api/token").await.is_empty(),
        "no token needed yet"
    );
    let items = client.list_items().await.unwrap().into_inner();
    assert_eq!(items[0].name, "a");
    client.list_items().await.unwrap();
    let logins = requests_to(&server, "/api/token").await;
    assert_eq!(logins.len(), 1, "one login for both calls");
    let form = String::from_utf8(logins[0].body.clone()).unwrap();
    assert_eq!(form, "grant_type=password&username=ada&password=pa55");
}

/// Fifty calls at once, none holding a token: one token request serves them all; when the token
/// expires, one refresh serves the next fifty.
#[tokio::test]
async fn fifty_concurrent_calls_make_one_token_request() {
    use fixture_clients::oauth2_password::Client;
    let server = MockServer::start().await;
    // The token lives 2 s: a short lifetime's margin is half of it, so it is due after one second.
    let short = |access: &str| {
        let body = format!(r#"{{"access_token":"{access}","refresh_token":"r","expires_in":2}}"#);
        ResponseTemplate::new(200)
            .set_body_raw(body, "application/json")
            .set_delay(std::time::Duration::from_millis(50))
    };
    Mock::given(body_string_contains("grant_type=password"))
        .respond_with(short("t1"))
        .mount(&server)
        .await;
    Mock::given(body_string_contains("grant_type=refresh_token"))
        .respond_with(short("t2"))
        .mount(&server)
        .await;
    Mock::given(path("/api/items"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&format!("{}/api", server.uri()))
        .unwrap()
        .with_password_login("ada", "pa55");
    let call_fifty = || {
        let calls: Vec<_> = (0..50)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.list_items().await.map(|_| ()) })
            })
            .collect();
        async move {
            for call in calls {
                call.await.unwrap().unwrap();
            }
        }
    };
    call_fifty().await;
    assert_eq!(requests_to(&server, "/api/token").await.len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    call_fifty().await;
    let tokens = requests_to(&server, "/api/token").await;
    assert_eq!(tokens.len(), 2, "one login, one refresh");
    let bearers: std::collections::BTreeSet<String> = requests_to(&server, "/api/items")
        .await
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(bearers, ["Bearer t1", "Bearer t2"].map(String::from).into());
}

/// From a refresh token of an authorization code flow (got elsewhere: the code needs a
/// browser), the client refreshes before its first protected call, and keeps the new token.
#[tokio::test]
async fn a_refresh_token_is_enough_to_start_a_session() {
    use fixture_clients::oauth2_password::Client;
    let server = MockServer::start().await;
    Mock::given(path("/api/token"))
        .and(body_string_contains(
            "grant_type=refresh_token&refresh_token=r0",
        ))
        .respond_with(token("fresh", "r1"))
        .mount(&server)
        .await;
    Mock::given(path("/api/items"))
        .and(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&format!("{}/api", server.uri()))
        .unwrap()
        .with_refresh_token("r0");
    client.list_items().await.unwrap();
    client.list_items().await.unwrap();
    assert_eq!(requests_to(&server, "/api/token").await.len(), 1);
}

/// A token operation of the spec that takes client credentials only: the session logs in with
/// it (`grant_type=client_credentials`, the id and secret in the form), its token reaches the
/// protected operation, and a wrong secret is the operation's typed `401`.
#[tokio::test]
async fn a_client_credentials_session_uses_the_specs_token_operation() {
    use fixture_clients::token_client_credentials::{Client, IssueTokenError};
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .and(body_string_contains("client_secret=right"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"access_token":"cc","token_type":"Bearer","expires_in":3600}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let refused = r#"{"error":"invalid_client"}"#;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(refused, "application/json"))
        .mount(&server)
        .await;
    Mock::given(path("/reports"))
        .and(header("authorization", "Bearer cc"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"["q3"]"#, "application/json"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let session = client.client_credentials_session("reporter", "right");
    let client = client.with_session(session);
    assert_eq!(*client.list_reports().await.unwrap(), ["q3"]);
    client.list_reports().await.unwrap();
    let logins = requests_to(&server, "/oauth2/token").await;
    assert_eq!(logins.len(), 1);
    assert_eq!(
        std::str::from_utf8(&logins[0].body).unwrap(),
        "grant_type=client_credentials&client_id=reporter&client_secret=right"
    );

    let wrong = client.client_credentials_session("reporter", "wrong-secret");
    let error = wrong.access_token().await.unwrap_err();
    let typed = error
        .request_error()
        .and_then(|e| e.downcast_ref::<oapigen_runtime::Error<IssueTokenError>>())
        .and_then(|e| e.api());
    match typed {
        Some(IssueTokenError::Unauthorized(body)) => assert_eq!(body.error, "invalid_client"),
        other => panic!("expected the typed 401, got {other:?}"),
    }
    assert!(!format!("{error} {error:?} {wrong:?}").contains("wrong-secret"));
}

/// A token endpoint that does not answer: the login gives up after the client's timeout (set
/// before `with_password_login`), and the protected call fails instead of waiting forever.
#[tokio::test]
async fn a_hanging_token_endpoint_ends_at_the_clients_timeout() {
    use fixture_clients::oauth2_password::Client;
    let server = MockServer::start().await;
    Mock::given(path("/api/token"))
        .respond_with(token("late", "r").set_delay(std::time::Duration::from_secs(10)))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&format!("{}/api", server.uri()))
        .unwrap()
        .with_timeout(std::time::Duration::from_millis(300))
        .with_password_login("ada", "pa55");
    let started = std::time::Instant::now();
    let error = client.list_items().await.unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{error}"
    );
    assert!(
        matches!(error, oapigen_runtime::Error::Session(_)),
        "{error}"
    );
}

/// A validation error that echoes the request (pydantic 2's `input`) shows no password in the
/// session error's `Display` or `Debug`, and keeps the endpoint's status.
#[tokio::test]
async fn a_password_the_server_echoes_is_not_shown() {
    use fixture_clients::oauth2_password::Client;
    let server = MockServer::start().await;
    let echo =
        r#"{"detail":[{"loc":["body","password"],"input":"pw-SECRET-1","msg":"too short"}]}"#;
    Mock::given(path("/api/token"))
        .respond_with(ResponseTemplate::new(422).set_body_raw(echo, "application/json"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&format!("{}/api", server.uri()))
        .unwrap()
        .with_password_login("ada", "pw-SECRET-1");
    let error = client.list_items().await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("pw-SECRET-1"), "{shown}");
    assert!(
        shown.contains("too short"),
        "the rest of the answer stays: {shown}"
    );
    match error {
        oapigen_runtime::Error::Session(session) => assert_eq!(session.status(), Some(422)),
        other => panic!("expected a session error, got {other}"),
    }
}

/// A `401` refreshed and a `503` retried compose: the session's new token after the `401` is part
/// of the first attempt, and the `503` that answers it is retried as any other, with the new token.
#[tokio::test]
async fn a_401_refresh_and_a_503_retry_compose() {
    let server = MockServer::start().await;
    login_then_refresh(&server).await;
    Mock::given(path("/bearer"))
        .and(header("authorization", "Bearer first"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/bearer"))
        .and(header("authorization", "Bearer second"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/bearer"))
        .and(header("authorization", "Bearer second"))
        .respond_with(ok())
        .with_priority(2)
        .mount(&server)
        .await;
    let grant = OAuth2Grant::password(format!("{}/token", server.uri()), "ada", "pa55");
    let quick = oapigen_runtime::RetryPolicy::standard().backoff(
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(5),
    );
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_session(Session::new(grant))
        .with_retry_policy(quick);
    let response = client.with_bearer().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.attempts(),
        2,
        "the refresh is inside the first attempt"
    );
    assert_eq!(requests_to(&server, "/token").await.len(), 2);
    let bearer = requests_to(&server, "/bearer").await;
    let tokens: Vec<&str> = (bearer.iter())
        .map(|r| r.headers["authorization"].to_str().unwrap())
        .collect();
    assert_eq!(tokens, ["Bearer first", "Bearer second", "Bearer second"]);
}
