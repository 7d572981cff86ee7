//! Sending through reqwest-middleware: a retry policy that recovers from one 503, on the wire,
//! with the client's own retries turned off as its docs say.

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
        .with_retry_policy(oapigen_runtime::RetryPolicy::none())
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

    // Without the middleware, the client's own policy retries the GET; with none, the 503 is
    // the answer: `5XX` is a documented error of get_ranges.
    let server = flaky_server().await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    assert_eq!(client.get_ranges().await.unwrap().attempts(), 2);
    let server = flaky_server().await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(oapigen_runtime::RetryPolicy::none());
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

/// A retry policy out of attempts wraps the last error: its message keeps no URL (an API key
/// may be in the query), and a timeout behind it is still `Error::Timeout`.
#[tokio::test]
async fn a_retry_policy_out_of_attempts_shows_no_credential() {
    use fixture_clients::auth::Client as AuthClient;
    // A port nothing listens on: every attempt fails to connect.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let client = AuthClient::with_base_url(&format!("http://{address}"))
        .unwrap()
        .with_query_key("SECRETQUERYKEY")
        .with_middleware(retrying());
    let error = client.with_query_key2().await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("SECRETQUERYKEY"), "{shown}");
    assert!(
        matches!(
            error,
            oapigen_runtime::Error::Middleware(_) | oapigen_runtime::Error::Transport { .. }
        ),
        "{error:?}"
    );

    // A server that never answers, a 50 ms timeout: retried, then a timeout.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = silent.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let client = AuthClient::with_base_url(&format!("http://{address}"))
        .unwrap()
        .with_query_key("SECRETQUERYKEY")
        .with_timeout(Duration::from_millis(50))
        .with_middleware(retrying());
    let error = client.with_query_key2().await.unwrap_err();
    assert!(
        matches!(error, oapigen_runtime::Error::Timeout { .. }),
        "{error:?}"
    );
}
