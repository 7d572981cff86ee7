//! Sending through reqwest-middleware: a retry policy that recovers from one 503, on the wire.

use fixture_clients::responses::{types, Client};
use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers the first request with 503 and every later one with a thing.
async fn flaky_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(&br#"{"name":"kept"}"#[..], "application/json"),
        )
        .mount(&server)
        .await;
    server
}

fn retrying() -> reqwest_middleware::ClientWithMiddleware {
    let policy = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(1), Duration::from_millis(5))
        .build_with_max_retries(2);
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(RetryTransientMiddleware::new_with_policy(policy))
        .build()
}

#[tokio::test]
async fn a_retry_middleware_recovers_from_one_503() {
    struct Seen(std::sync::Arc<std::sync::Mutex<Vec<u16>>>);
    impl oapigen_runtime::Hook for Seen {
        fn after_receive(&self, status: u16, _: &reqwest::header::HeaderMap) {
            self.0.lock().unwrap().push(status);
        }
    }
    let server = flaky_server().await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_middleware(retrying())
        .with_hook(Seen(seen.clone()));
    let response = client.get_ranges().await.unwrap();
    assert_eq!(response.status(), 200);
    let thing = response.into_inner();
    assert_eq!(
        thing,
        types::Thing {
            name: Some("kept".into())
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "one 503, then the retry");
    // The hook sees what the middleware returns: the final response only.
    assert_eq!(*seen.lock().unwrap(), vec![200]);

    // Without the middleware, the 503 is the answer: `5XX` is a documented error of get_ranges.
    let server = flaky_server().await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.get_ranges().await.unwrap_err();
    assert_eq!(error.status(), Some(503));
}

/// A middleware's own error is `Error::Middleware`, with the middleware's message.
#[tokio::test]
async fn a_middleware_error_is_reported_as_such() {
    struct Refuse;
    #[async_trait::async_trait]
    impl reqwest_middleware::Middleware for Refuse {
        async fn handle(
            &self,
            _: reqwest::Request,
            _: &mut http::Extensions,
            _: reqwest_middleware::Next<'_>,
        ) -> reqwest_middleware::Result<reqwest::Response> {
            Err(reqwest_middleware::Error::middleware(
                std::io::Error::other("circuit open"),
            ))
        }
    }
    let server = flaky_server().await;
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(Refuse)
        .build();
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_middleware(http);
    let error = client.get_ranges().await.unwrap_err();
    let oapigen_runtime::Error::Middleware(inner) = &error else {
        panic!("{error:?}");
    };
    assert!(inner.to_string().contains("circuit open"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
