//! Statuses on the wire: a range for success, ranges and `default` for errors, and a status the
//! spec does not list.

use fixture_clients::responses::{types, Client, Error, GetRangesError};

mod common;
use common::server;

#[tokio::test]
async fn a_2xx_range_takes_any_success_status() {
    for status in [200, 202, 204] {
        let server = server(status, "", b"").await;
        let client = Client::with_base_url(&server.uri()).unwrap();
        client.touch_things().await.unwrap().into_inner();
    }
    let server = server(409, "text/plain", b"busy").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.touch_things().await.unwrap_err();
    let Error::UnexpectedStatus(response) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        (response.status, response.body_start.as_str()),
        (409, "busy")
    );
}

#[tokio::test]
async fn error_ranges_and_default_carry_the_status() {
    let cases = [
        (
            418,
            "application/json",
            r#"{"message":"teapot"}"#,
            GetRangesError::ClientError {
                status: 418,
                body: Box::new(types::Problem {
                    message: Some("teapot".into()),
                }),
            },
        ),
        (
            503,
            "text/plain",
            "down",
            GetRangesError::ServerError {
                status: 503,
                body: "down".into(),
            },
        ),
        (302, "", "", GetRangesError::Other { status: 302 }),
    ];
    for (status, content_type, body, expected) in cases {
        let server = server(status, content_type, body.as_bytes()).await;
        let client = Client::with_base_url(&server.uri()).unwrap();
        match client.get_ranges().await {
            Err(Error::Api(response)) => assert_eq!(*response.body(), expected),
            other => panic!("{status}: {other:?}"),
        }
    }
}

/// A response body whose schema admits null (`Window`: `nullable: true`) decodes `null` to
/// `None`, a value to `Some`.
#[tokio::test]
async fn a_nullable_response_body_decodes_null_to_none() {
    use fixture_clients::nullable_components::{types::Window, Client};
    let none = server(200, "application/json", b"null").await;
    let client = Client::with_base_url(&none.uri()).unwrap();
    assert_eq!(client.get_window().await.unwrap().into_inner(), None);
    let some = server(200, "application/json", br#"{"day":"sun"}"#).await;
    let client = Client::with_base_url(&some.uri()).unwrap();
    let window = client.get_window().await.unwrap().into_inner();
    assert_eq!(window, Some(Window { day: "sun".into() }));
}

/// A generated client runs the hooks added with `with_hook` around each of its requests.
#[tokio::test]
async fn a_generated_client_runs_its_hooks() {
    struct AddHeader;
    impl oapigen_runtime::Hook for AddHeader {
        fn before_send(&self, request: &mut reqwest::Request) {
            let value = reqwest::header::HeaderValue::from_static("on");
            request.headers_mut().insert("x-hooked", value);
        }
    }
    let server = server(200, "application/json", b"null").await;
    let client = fixture_clients::nullable_components::Client::with_base_url(&server.uri())
        .unwrap()
        .with_hook(AddHeader);
    client.get_window().await.unwrap().into_inner();
    let request = common::only_request(&server).await;
    let hooked = request.headers.get("x-hooked").map(|v| v.to_str().unwrap());
    assert_eq!(hooked, Some("on"));
}

/// A server that answers every request with `status`, a JSON `body` and `headers`.
async fn server_with_headers(
    status: u16,
    body: &str,
    headers: &[(&str, &str)],
) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    let mut template = wiremock::ResponseTemplate::new(status)
        .set_body_raw(body.as_bytes().to_vec(), "application/json");
    for (name, value) in headers {
        template = template.append_header(*name, *value);
    }
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// A 201 gives its status, its `Location` and its declared headers typed, beside the body.
#[tokio::test]
async fn a_created_response_gives_status_location_and_typed_headers() {
    use fixture_clients::response_headers::{types, Client, CreateThingHeaders};
    let headers = [
        ("location", "https://api.example/things/7"),
        ("x-rate-limit-remaining", "41"),
        ("x-tags", "red, blue"),
        ("x-tags", "green"),
        ("x-cache", "hit"),
        ("x-session-token", "s3cr3t"),
        ("set-cookie", "session=c00k1e; HttpOnly"),
        ("x-shape", "r,1,g,2"),
        ("retry-after", "9"),
        ("etag", "\"v1\""),
    ];
    let server = server_with_headers(201, r#"{"name":"seven"}"#, &headers).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let response = client.create_thing().await.unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.name.as_deref(),
        Some("seven"),
        "derefs to the body"
    );
    let etag = response.headers().get("etag").unwrap().to_str().unwrap();
    assert_eq!(etag, "\"v1\"", "undeclared headers are there raw");
    let expected = CreateThingHeaders {
        location: Some("https://api.example/things/7".into()),
        x_rate_limit_remaining: Some(41),
        x_tags: Some(vec!["red".into(), "blue".into(), "green".into()]),
        x_cache: Some(types::CreateThingXCache::Hit),
        x_session_token: Some("s3cr3t".into()),
        set_cookie: Some("session=c00k1e; HttpOnly".into()),
        x_shape: Some("r,1,g,2".into()),
        // Declared for the 429 only: not read from a 201.
        retry_after: None,
    };
    assert_eq!(response.typed_headers(), &expected);
    let printed = format!("{response:?}");
    assert!(
        !printed.contains("s3cr3t") && !printed.contains("c00k1e"),
        "{printed}"
    );
    assert!(printed.contains("\"x-session-token\": ***"), "{printed}");
    let body = response.into_inner();
    assert_eq!(body.name.as_deref(), Some("seven"));
}

/// A documented error gives its status and its typed headers beside the decoded error.
#[tokio::test]
async fn a_typed_error_gives_its_status_and_headers() {
    use fixture_clients::response_headers::{types, Client, CreateThingError};
    let headers = [("retry-after", "30"), ("x-rate-limit-remaining", "0")];
    let server = server_with_headers(429, r#"{"message":"slow down"}"#, &headers).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.create_thing().await.unwrap_err();
    assert_eq!(error.status(), Some(429));
    let problem = types::Problem {
        message: Some("slow down".into()),
    };
    assert_eq!(
        error.api(),
        Some(&CreateThingError::TooManyRequests(Box::new(problem)))
    );
    let fixture_clients::response_headers::Error::Api(response) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.typed_headers().retry_after, Some(30));
    assert_eq!(response.typed_headers().x_rate_limit_remaining, Some(0));
    assert_eq!(response.typed_headers().location, None);
    assert_eq!(error.headers().unwrap()["retry-after"], "30");
    assert_eq!(error.typed_headers().and_then(|h| h.retry_after), Some(30));

    // An undocumented status keeps its headers too (a Retry-After of a 503).
    let server = server_with_headers(503, "", &[("retry-after", "5")]).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.create_thing().await.unwrap_err();
    assert!(matches!(
        error,
        fixture_clients::response_headers::Error::UnexpectedStatus(_)
    ));
    assert_eq!(error.headers().unwrap()["retry-after"], "5");
}

/// A declared header that does not parse as its schema says is `None`, and its error (naming
/// the header, never its value) is kept beside the response, which is not lost: a 201 means the
/// thing was created. Absent declared headers are `None`. A value its enum does not list is
/// kept, as in a body (issue 29).
#[tokio::test]
async fn a_declared_header_that_does_not_parse_is_none_and_reported() {
    use fixture_clients::response_headers::{types::CreateThingXCache, Client};
    let bad = [
        ("x-rate-limit-remaining", "many"),
        ("x-cache", "stale-token-abc"),
        ("location", "https://api.example/things/8"),
    ];
    let server = server_with_headers(201, r#"{"name":"eight"}"#, &bad).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let response = client.create_thing().await.unwrap();
    assert_eq!(response.name.as_deref(), Some("eight"));
    let typed = response.typed_headers();
    assert_eq!(typed.x_rate_limit_remaining, None);
    let unlisted = CreateThingXCache::from("stale-token-abc");
    assert_eq!(typed.x_cache, Some(unlisted));
    assert_eq!(
        typed.location.as_deref(),
        Some("https://api.example/things/8")
    );
    let errors = response.header_errors().join("\n");
    assert!(errors.contains("`x-rate-limit-remaining`"), "{errors}");
    assert!(!errors.contains("x-cache"), "{errors}");
    assert!(!errors.contains("many"), "{errors}");

    let server = server_with_headers(201, "{}", &[]).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let response = client.create_thing().await.unwrap();
    assert_eq!(response.typed_headers(), &Default::default());
    // An operation that declares no header still gives status and headers.
    let server =
        server_with_headers(200, "[]", &[("link", "<https://x/?page=2>; rel=\"next\"")]).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let response = client.list_things().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["link"]
        .to_str()
        .unwrap()
        .contains("page=2"));
    assert!(response.is_empty());
}
