//! The runtime on its own, as generated code calls it: requests built and sent to a real server on
//! 127.0.0.1 (wiremock), parameter encoding, decoding by hand-written impls, and redaction of
//! credentials in errors and `Debug`.

use oapigen_runtime::{
    decode_enum, decode_struct, encode_path, encode_path_list, first_missing, join_params,
    read_value, required, serde_param, skip_value, ApiKeyLocation, ClientCore, DecodeStruct, Error,
    Key, PathPiece, Scheme, WireEnum,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_request_carries_its_path_query_headers_cookies_and_json_body() {
    let server = server(200, "application/json", "{}").await;
    let core = ClientCore::with_base_url(&format!("{}/api/", server.uri())).expect("valid");
    let request = core
        .request_path(
            reqwest::Method::POST,
            &["/pets/".into(), encode_path("id", "a b/c")],
        )
        .accept("application/json")
        .query("limit", 10)
        .query_opt::<&str>("absent", None)
        .query_list("tag", &["x", "y"], true, ",")
        .query_list("id", &[1, 2], false, "|")
        .header("X-Trace", "t1")
        .cookie("session", "s1")
        .cookie_opt("theme", Some("dark"))
        .json(&serde_json::json!({"name": "Rex"}), "application/json");
    let received = request.send().await.expect("sent");
    assert_eq!(received.status(), 200);

    let seen = only_request(&server).await;
    assert_eq!(seen.method.as_str(), "POST");
    assert_eq!(seen.url.path(), "/api/pets/a%20b%2Fc");
    assert_eq!(seen.url.query(), Some("limit=10&tag=x&tag=y&id=1%7C2"));
    assert_eq!(header(&seen, "accept"), Some("application/json"));
    assert_eq!(header(&seen, "x-trace"), Some("t1"));
    assert_eq!(header(&seen, "cookie"), Some("session=s1; theme=dark"));
    assert_eq!(header(&seen, "content-type"), Some("application/json"));
    assert_eq!(seen.body, br#"{"name":"Rex"}"#);
}

#[tokio::test]
async fn the_first_requirement_whose_credentials_are_all_set_is_applied() {
    let server = server(204, "text/plain", "").await;
    let mut core = ClientCore::with_base_url(&server.uri()).expect("valid");
    core.set_api_key("key", "k-123".to_owned());
    core.set_bearer_token("t-456".to_owned());
    let key = Scheme::ApiKey {
        scheme: "key",
        location: ApiKeyLocation::Query,
        name: "api_key",
    };
    // Basic is not set, so the first requirement cannot be met; the second can.
    let requirements: &[&[Scheme]] = &[&[Scheme::Basic, key], &[key, Scheme::Bearer]];
    let request = core.authorize(core.request(reqwest::Method::GET, "/"), requirements);
    request.send().await.expect("sent");
    let seen = only_request(&server).await;
    assert_eq!(seen.url.query(), Some("api_key=k-123"));
    assert_eq!(header(&seen, "authorization"), Some("Bearer t-456"));

    let debug = format!("{core:?}");
    assert!(
        !debug.contains("k-123") && !debug.contains("t-456"),
        "{debug}"
    );
    assert!(debug.contains("bearer") && debug.contains("key"), "{debug}");
}

#[test]
fn base_urls_must_be_absolute_http_without_query() {
    assert!(ClientCore::with_base_url("https://api.example.com/v1").is_ok());
    for bad in [
        "ftp://example.com",
        "/relative",
        "https://x.com/?a=1",
        "https://x.com/#f",
    ] {
        let error = ClientCore::with_base_url(bad).expect_err(bad);
        assert!(
            error.to_string().starts_with("invalid base URL: "),
            "{error}"
        );
    }
    assert_eq!(
        ClientCore::new("https://api.example.com/").base_url(),
        "https://api.example.com"
    );
}

#[test]
fn parameter_values_encode_as_their_text() {
    let ok = |text: &str| PathPiece::from(text);
    assert_eq!(encode_path("id", "ü~-._ok"), ok("%C3%BC~-._ok"));
    assert_eq!(encode_path_list("ids", &["a/b", "c"]), ok("a%2Fb,c"));
    for refused in ["", ".", ".."] {
        assert_ne!(encode_path("id", refused), ok(refused), "{refused:?}");
    }
    assert_ne!(encode_path_list::<&str>("ids", &[]), ok(""));
    assert_eq!(join_params(&[1.5, 2.0], ","), "1.5,2");
    assert_eq!(serde_param(&"plain"), "plain");
    assert_eq!(serde_param(&serde_json::json!({"a": [1]})), r#"{"a":[1]}"#);
}

#[derive(Debug, PartialEq)]
struct Pet {
    name: String,
    tag: Option<String>,
}

impl DecodeStruct for Pet {
    const NAME: &'static str = "Pet";
    fn decode<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        // As generated: typed slots, a call per key, the required fields checked together.
        let mut name: Option<String> = None;
        let mut tag: Option<Option<String>> = None;
        while let Some(key) = map.next_key::<Key>()? {
            let read = match key.as_str() {
                "name" => read_value(&mut map, &mut name),
                "tag" => read_value(&mut map, &mut tag),
                _ => skip_value(&mut map),
            };
            read?;
        }
        match (required(name, "name"), required(tag, "tag")) {
            (Ok(name), Ok(tag)) => Ok(Pet { name, tag }),
            (name, tag) => Err(first_missing([name.err(), tag.err()])),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Pet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_struct(deserializer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Color {
    Red,
    DarkBlue,
}

impl WireEnum for Color {
    const VARIANTS: &'static [Self] = &[Color::Red, Color::DarkBlue];
    const VALUES: &'static [&'static str] = &["red", "dark-blue"];
}

impl<'de> serde::Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_enum(deserializer)
    }
}

#[test]
fn objects_and_enums_decode_as_serde_derives_would() {
    let pet: Pet = serde_json::from_str(r#"{"extra": [1, {"x": 2}], "name": "Rex"}"#).expect("ok");
    assert_eq!(
        pet,
        Pet {
            name: "Rex".into(),
            tag: None
        }
    );
    let missing = serde_json::from_str::<Pet>(r#"{"tag": "a"}"#).expect_err("no name");
    assert_eq!(
        missing.to_string(),
        "missing field `name` at line 1 column 12"
    );
    let array = serde_json::from_str::<Pet>(r#"["Rex", null]"#).expect_err("not an object");
    assert!(array.to_string().contains("expected struct Pet"), "{array}");

    let colors: Vec<Color> = serde_json::from_str(r#"["dark-blue", "red"]"#).expect("ok");
    assert_eq!(colors, [Color::DarkBlue, Color::Red]);
    let unknown = serde_json::from_str::<Color>(r#""green""#).expect_err("unknown");
    assert!(
        unknown
            .to_string()
            .starts_with("unknown variant `green`, expected `red` or `dark-blue`"),
        "{unknown}"
    );
}

#[tokio::test]
async fn errors_keep_a_redacted_start_of_the_body_and_never_the_token() {
    let body = r#"{"access_token": "tok-secret", "detail": "expected a number"}"#;
    let json_server = server(200, "application/json", body).await;
    let core = ClientCore::with_base_url(&json_server.uri()).expect("valid");
    let received = core
        .request(reqwest::Method::GET, "/")
        .send()
        .await
        .expect("sent");
    let error: Error = received
        .json::<Pet, _, ()>(&["application/json"])
        .expect_err("not a pet");
    let text = format!("{error} {error:?}");
    assert!(!text.contains("tok-secret"), "{text}");
    assert!(text.contains("***"), "{text}");
    assert!(text.contains("missing field `name`"), "{text}");
    assert_eq!(error.status(), Some(200));

    let form = "grant_type=password&password=hunter2&user=ada";
    let form_server = server(418, "application/x-www-form-urlencoded", form).await;
    let core = ClientCore::with_base_url(&form_server.uri()).expect("valid");
    let received = core
        .request(reqwest::Method::GET, "/")
        .send()
        .await
        .expect("sent");
    let error: Error = received
        .undocumented::<(), _, ()>()
        .expect_err("undocumented");
    let text = error.to_string();
    assert!(
        text.starts_with("undocumented response: status 418"),
        "{text}"
    );
    assert!(
        !text.contains("hunter2") && text.contains("user=ada"),
        "{text}"
    );
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_is_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let mut core = ClientCore::with_base_url(&server.uri()).expect("valid");
    core.set_timeout(std::time::Duration::from_millis(100));
    let error: Error = core
        .request(reqwest::Method::GET, "/")
        .send()
        .await
        .err()
        .expect("timed out");
    assert!(matches!(error, Error::Timeout { .. }), "{error}");
}

#[tokio::test]
async fn credentials_under_any_common_key_spelling_or_in_a_bearer_header_are_blanked() {
    let body = r#"{"sessionId": "S1", "refreshToken": "R1", "X-Api-Key": "K1", "jwt": "J1",
        "passphrase": "P1", "msg": "Bearer B1 rejected", "user": "ada"}"#;
    let server = server(500, "application/json", body).await;
    let core = ClientCore::with_base_url(&server.uri()).expect("valid");
    let received = core
        .request(reqwest::Method::GET, "/")
        .send()
        .await
        .expect("sent");
    let error: Error = received
        .undocumented::<(), _, ()>()
        .expect_err("undocumented");
    let text = error.to_string();
    for secret in ["S1", "R1", "K1", "J1", "P1", "B1"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("ada") && text.contains("rejected"), "{text}");
}

/// Hooks run around every request, in the order they were added: before sending, with the
/// request as the client built it (credentials and body included), and when the response's
/// status and headers arrive.
#[tokio::test]
async fn hooks_change_the_request_before_sending_and_see_the_response() {
    use std::sync::{Arc, Mutex};
    struct Tag(&'static str, Arc<Mutex<Vec<String>>>);
    impl oapigen_runtime::Hook for Tag {
        fn before_send(&self, request: &mut reqwest::Request) {
            let seen = request
                .headers()
                .get("x-trace")
                .map(|v| v.to_str().unwrap_or_default());
            let value = format!("{}{}", seen.unwrap_or_default(), self.0);
            let header = reqwest::header::HeaderValue::from_str(&value).expect("ascii");
            request.headers_mut().insert("x-trace", header);
        }
        fn after_receive(&self, status: u16, headers: &reqwest::header::HeaderMap) {
            let kind = headers
                .get("content-type")
                .map(|v| v.to_str().unwrap_or_default());
            let line = format!("{} {status} {}", self.0, kind.unwrap_or_default());
            self.1.lock().expect("not poisoned").push(line);
        }
    }
    let server = server(201, "application/json", "{}").await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut core = ClientCore::with_base_url(&server.uri()).expect("valid");
    core.set_bearer_token("t0ken".into());
    core.add_hook(Tag("a", seen.clone()));
    core.add_hook(Tag("b", seen.clone()));
    let request = core.request(reqwest::Method::GET, "/things");
    let request = core.authorize(request, &[&[Scheme::Bearer]]);
    let received = request.send().await.expect("sent");
    assert_eq!(received.status(), 201);
    let sent = only_request(&server).await;
    assert_eq!(header(&sent, "x-trace"), Some("ab"));
    assert_eq!(header(&sent, "authorization"), Some("Bearer t0ken"));
    let lines = seen.lock().expect("not poisoned").clone();
    assert_eq!(lines, ["a 201 application/json", "b 201 application/json"]);
}

/// The password grant over a socket: the RFC 6749 §4.3 form with HTTP Basic client
/// credentials; the token reused, then refreshed (§6) once it expires; a refused login is an
/// error that shows no credential.
#[tokio::test]
async fn a_password_grant_session_logs_in_reuses_and_refreshes() {
    use oapigen_runtime::{OAuth2Grant, Session};
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::body_string_contains(
        "grant_type=password",
    ))
    .respond_with(ResponseTemplate::new(200).set_body_raw(
        r#"{"access_token":"first","refresh_token":"r1","expires_in":"1"}"#,
        "application/json",
    ))
    .mount(&server)
    .await;
    Mock::given(wiremock::matchers::body_string_contains(
        "grant_type=refresh_token",
    ))
    .respond_with(ResponseTemplate::new(200).set_body_raw(
        r#"{"access_token":"second","expires_in":3600}"#,
        "application/json",
    ))
    .mount(&server)
    .await;
    let grant = OAuth2Grant::password(format!("{}/token", server.uri()), "ada", "pa55")
        .client("app", "app-s3cret")
        .scope("read write");
    let clock = MovedClock::default();
    let session = Session::builder(grant)
        .margin(std::time::Duration::ZERO)
        .clock(clock.clone())
        .build();
    assert_eq!(session.access_token().await.unwrap(), "first");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let form = String::from_utf8(requests[0].body.clone()).unwrap();
    assert_eq!(
        form,
        "grant_type=password&username=ada&password=pa55&scope=read+write"
    );
    let basic = requests[0]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(basic, "Basic YXBwOmFwcC1zM2NyZXQ="); // app:app-s3cret
                                                     // Expired after a second: refreshed with the refresh token, which is kept.
    clock.advance(std::time::Duration::from_secs(2));
    assert_eq!(session.access_token().await.unwrap(), "second");
    assert_eq!(session.access_token().await.unwrap(), "second");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let form = String::from_utf8(requests[1].body.clone()).unwrap();
    assert!(
        form.starts_with("grant_type=refresh_token&refresh_token=r1"),
        "{form}"
    );
    let kept = session.token().await.unwrap();
    assert_eq!(kept.refresh_token.as_deref(), Some("r1"));
    assert!(!format!("{session:?} {kept:?}").contains("second"));

    let refusing = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"error":"invalid_grant","password":"pa55"}"#,
            "application/json",
        ))
        .mount(&refusing)
        .await;
    let grant = OAuth2Grant::password(format!("{}/token", refusing.uri()), "ada", "pa55");
    let error = Session::new(grant).access_token().await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(
        shown.contains("400") && shown.contains("invalid_grant"),
        "{shown}"
    );
    assert!(!shown.contains("pa55"), "{shown}");
}

/// The system clock moved forward by hand.
#[derive(Clone, Default)]
struct MovedClock(std::sync::Arc<std::sync::Mutex<std::time::Duration>>);

impl MovedClock {
    fn advance(&self, by: std::time::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl oapigen_runtime::Clock for MovedClock {
    fn now(&self) -> std::time::SystemTime {
        std::time::SystemTime::now() + *self.0.lock().unwrap()
    }
}
