//! Retries over real sockets (issue 29): which failures are sent again, how long the client
//! waits, which requests it never repeats, and what a failing server sees in all.

mod common;

use fixture_clients::retries::{types, Client};
use oapigen_runtime::RetryPolicy;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The default policy with waits short enough for tests.
fn quick() -> RetryPolicy {
    RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

/// A server that answers `first` to the first request to `route` (`"GET /items"`), then `then`.
async fn server(route: &str, first: ResponseTemplate, then: ResponseTemplate) -> MockServer {
    let (verb, route_path) = route.split_once(' ').expect("METHOD /path");
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route_path))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method(verb))
        .and(path(route_path))
        .respond_with(then)
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn items() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(["a", "b"])
}

fn order() -> types::Order {
    types::Order { item: "tea".into() }
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording")
}

#[tokio::test]
async fn a_get_is_sent_again_after_a_503_and_the_second_answer_is_the_result() {
    let server = server("GET /items", ResponseTemplate::new(503), items()).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let response = client.list_items().await.unwrap();
    assert_eq!(*response, ["a", "b"]);
    assert_eq!(response.attempts(), 2);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_429_is_retried_after_the_wait_its_retry_after_asks_for() {
    let busy = ResponseTemplate::new(429).insert_header("Retry-After", "1");
    let server = server("GET /items", busy, items()).await;
    // The backoff alone would wait at most 5 ms: the wait is the server's.
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let started = Instant::now();
    let response = client.list_items().await.unwrap();
    let waited = started.elapsed();
    assert_eq!(response.attempts(), 2);
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
    assert!(waited < Duration::from_millis(1800), "{waited:?}");
}

#[tokio::test]
async fn a_wait_beyond_the_cap_ends_the_call_at_once_with_the_wait_readable() {
    let later = ResponseTemplate::new(503).insert_header("Retry-After", "120");
    let server = server("GET /items", later, items()).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick().max_retry_after(Duration::from_secs(30)));
    let started = Instant::now();
    let error = client.list_items().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 1);
}

/// A wait too long for any clock (`Retry-After-Ms: 1e30`, seconds beyond `u64`) is beyond the
/// cap: the call ends at once, says the wait, and nothing panics.
#[tokio::test]
async fn a_wait_too_long_to_hold_ends_the_call_and_says_so() {
    for (name, value) in [
        ("Retry-After-Ms", "1e30"),
        ("Retry-After", "99999999999999999999"),
    ] {
        let later = ResponseTemplate::new(503).insert_header(name, value);
        let server = server("GET /items", later, items()).await;
        let client = Client::with_base_url(&server.uri())
            .unwrap()
            .with_retry_policy(quick());
        let error = client.list_items().await.unwrap_err();
        assert_eq!(error.attempts(), 1, "{name}: {value}");
        assert!(error.retry_after().unwrap() > Duration::from_secs(1 << 40));
        let message = error.to_string();
        assert!(
            message.contains("; the server asked to wait over 86400s"),
            "{message}"
        );
    }
}

/// `x-should-retry: true` is the server's word that the request may go again: a POST without a
/// key is sent again then.
#[tokio::test]
async fn a_post_the_server_marks_retryable_is_sent_again() {
    let marked = ResponseTemplate::new(503).insert_header("x-should-retry", "true");
    let created = ResponseTemplate::new(201).set_body_json(order());
    let server = server("POST /orders", marked, created).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let response = client.create_order(&order()).await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(requests(&server).await.len(), 2);
}

/// A body cut off midway is a failure of its attempt: a GET is sent again, and its message says
/// the response could not be read (the request was sent).
#[tokio::test]
async fn a_get_whose_body_is_cut_off_is_sent_again() {
    use tokio::io::AsyncWriteExt;
    async fn cut_then_whole(index: usize, mut socket: tokio::net::TcpStream) {
        let body = br#"["a","b"]"#;
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        let sent = if index == 0 { &body[..4] } else { &body[..] };
        socket.write_all(sent).await.unwrap();
    }
    let url = common::raw::serve_in_turn(2, cut_then_whole).await;
    let client = Client::with_base_url(&url)
        .unwrap()
        .with_retry_policy(quick());
    let response = client.list_items().await.unwrap();
    assert_eq!((*response).clone(), ["a", "b"]);
    assert_eq!(response.attempts(), 2);

    let url = common::raw::serve_in_turn(1, cut_then_whole).await;
    let client = (Client::with_base_url(&url).unwrap()).with_retry_policy(RetryPolicy::none());
    let error = client.list_items().await.unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("could not read the response: "),
        "{message}"
    );
}

#[tokio::test]
async fn a_post_without_an_idempotency_key_is_not_sent_again_after_a_response() {
    let created = ResponseTemplate::new(201).set_body_json(order());
    let server = server("POST /orders", ResponseTemplate::new(503), created).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let error = client.create_order(&order()).await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        requests(&server).await.len(),
        1,
        "the server may have acted"
    );
}

#[tokio::test]
async fn a_put_is_sent_again_with_its_body() {
    let server = server(
        "PUT /items/x",
        ResponseTemplate::new(502),
        ResponseTemplate::new(204),
    )
    .await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let response = client.put_item("x", &order()).await.unwrap();
    assert_eq!(response.attempts(), 2);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(sent[1].body, br#"{"item":"tea"}"#);
}

#[tokio::test]
async fn a_refused_connection_is_retried_for_any_method_since_nothing_was_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::with_base_url(&format!("http://{address}"))
        .unwrap()
        .with_retry_policy(quick());
    let error = client.create_order(&order()).await.unwrap_err();
    assert!(
        matches!(error, oapigen_runtime::Error::Transport { .. }),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
}

#[tokio::test]
async fn no_retries_with_the_none_policy() {
    let server = server("GET /items", ResponseTemplate::new(503), items()).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let error = client.list_items().await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_documented_error_status_is_retried_too_and_says_how_often() {
    let server = always(ResponseTemplate::new(503)).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick().max_attempts(4));
    let error = client.list_items().await.unwrap_err();
    assert!(error.api().is_some(), "the spec documents 503: {error:?}");
    assert_eq!(error.attempts(), 4);
    assert_eq!(requests(&server).await.len(), 4);
}

/// A client out of retry tokens sends each request once: 500 tokens, 5 a retry, so a server
/// that fails every request sees 100 retries from the client (and its clones) in all.
#[tokio::test]
async fn a_failing_server_sees_no_storm_once_the_budget_is_spent() {
    let server = always(ResponseTemplate::new(500)).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(RetryPolicy::standard().backoff(Duration::ZERO, Duration::ZERO));
    let mut attempts = Vec::new();
    for _ in 0..60 {
        // Clones share the budget.
        let client = client.clone();
        attempts.push(client.list_items().await.unwrap_err().attempts());
    }
    assert_eq!(attempts[..50], [3; 50]);
    assert_eq!(attempts[50..], [1; 10]);
    assert_eq!(requests(&server).await.len(), 50 * 3 + 10);
}

/// Hooks see every attempt: each request before it is sent, each response as it arrives.
#[tokio::test]
async fn hooks_see_every_attempt() {
    struct Count(Arc<AtomicU32>, Arc<AtomicU32>);
    impl oapigen_runtime::Hook for Count {
        fn before_send(&self, _: &mut reqwest::Request) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        fn after_receive(&self, _: u16, _: &reqwest::header::HeaderMap) {
            self.1.fetch_add(1, Ordering::SeqCst);
        }
    }
    let (sent, received) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
    let server = server("GET /items", ResponseTemplate::new(504), items()).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick())
        .with_hook(Count(sent.clone(), received.clone()));
    client.list_items().await.unwrap();
    assert_eq!(sent.load(Ordering::SeqCst), 2);
    assert_eq!(received.load(Ordering::SeqCst), 2);
}

/// A POST that declares an `Idempotency-Key` header gets a key of the client's own when the
/// caller leaves it unset (a UUID v4), the same on every attempt, and so is sent again after a
/// 503; a key the caller sets is the one sent.
#[tokio::test]
async fn a_post_declaring_an_idempotency_key_is_retried_with_one_key_for_the_call() {
    use fixture_clients::retries::CreatePaymentParams;
    let created = ResponseTemplate::new(201).set_body_json(order());
    let server = server(
        "POST /payments",
        ResponseTemplate::new(503),
        created.clone(),
    )
    .await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let params = CreatePaymentParams::default();
    let response = client.create_payment(&params, &order()).await.unwrap();
    assert_eq!(response.attempts(), 2);
    let sent = requests(&server).await;
    let keys: Vec<&str> = sent
        .iter()
        .map(|request| request.headers["idempotency-key"].to_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "one key for the call");
    assert!(uuid_v4(keys[0]), "{}", keys[0]);

    // Another call, another key.
    let second = client.create_payment(&params, &order()).await.unwrap();
    assert_eq!(second.attempts(), 1);
    let third = requests(&server).await.pop().unwrap();
    assert_ne!(third.headers["idempotency-key"].to_str().unwrap(), keys[0]);

    // The caller's own key is kept.
    let server = always(created).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = CreatePaymentParams {
        idempotency_key: Some("order-17".into()),
    };
    client.create_payment(&params, &order()).await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent[0].headers["idempotency-key"], "order-17");
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx` in lower-case hex (RFC 9562 §5.4).
fn uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && text
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// A server that answers every request with `answer`.
async fn always(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    server
}
