//! What the wire tests share: a wiremock server answering every request alike, and readers of
//! the request it received. Also compiled into tests/fixture-clients/tests/equivalence.rs.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every request with `status`, `content_type` and `body`.
pub async fn server(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if !content_type.is_empty() {
        response = response.set_body_raw(body.as_bytes().to_vec(), content_type);
    } else if !body.is_empty() {
        response = response.set_body_bytes(body.as_bytes().to_vec());
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// A header of a received request, as text.
pub fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

/// The body of a received request, as text.
pub fn body_text(request: &wiremock::Request) -> &str {
    std::str::from_utf8(&request.body).expect("UTF-8 body")
}

/// A FastAPI validation error body, as ID Broker and Occam send it.
pub const FASTAPI_422: &str = r#"{"detail":[{"loc":["body","username"],"msg":"field required","type":"value_error.missing"}]}"#;
