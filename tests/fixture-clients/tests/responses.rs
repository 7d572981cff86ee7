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
        client.touch_things().await.unwrap();
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
            Err(Error::Api(error)) => assert_eq!(error, expected),
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
    assert_eq!(client.get_window().await.unwrap(), None);
    let some = server(200, "application/json", br#"{"day":"sun"}"#).await;
    let client = Client::with_base_url(&some.uri()).unwrap();
    let window = client.get_window().await.unwrap();
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
    client.get_window().await.unwrap();
    let request = common::only_request(&server).await;
    let hooked = request.headers.get("x-hooked").map(|v| v.to_str().unwrap());
    assert_eq!(hooked, Some("on"));
}
