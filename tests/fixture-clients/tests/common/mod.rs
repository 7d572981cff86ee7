//! Helpers shared by the wire tests of the fixture clients.
#![allow(dead_code)] // each test binary uses its own subset of these helpers

pub mod raw;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every request with `status`, `content_type` and `body`.
pub async fn server(status: u16, content_type: &str, body: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), content_type))
        .mount(&server)
        .await;
    server
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

/// The latest request the server received.
pub async fn last_request(server: &MockServer) -> wiremock::Request {
    server
        .received_requests()
        .await
        .expect("recording")
        .pop()
        .expect("a request")
}

/// A header of a received request, as text.
pub fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}
