//! Options of one call (issue 29): timeouts, extra headers and query parameters, a retry policy
//! and an idempotency key for that call alone, and the request without sending it.

use fixture_clients::retries::{types, Client, CreatePaymentParams, CreateRefundParams};
use oapigen_runtime::{Error, RetryPolicy};
use std::time::{Duration, Instant};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn order() -> types::Order {
    types::Order { item: "tea".into() }
}

fn quick() -> RetryPolicy {
    RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording")
}

fn items() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(["a"])
}

#[tokio::test]
async fn a_calls_timeout_ends_it_sooner_than_the_clients() {
    let server = answering(items().set_delay(Duration::from_secs(5))).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_timeout(Duration::from_secs(30));
    let started = Instant::now();
    let error = client
        .list_items()
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// An attempt's timeout is retried; the call's own timeout covers its attempts and waits.
#[tokio::test]
async fn an_attempt_timeout_is_retried_and_the_calls_timeout_bounds_them_all() {
    let server = answering(items().set_delay(Duration::from_millis(400))).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let error = client
        .list_items()
        .attempt_timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { attempts: 3 }), "{error:?}");

    let started = Instant::now();
    let error = client
        .list_items()
        .attempt_timeout(Duration::from_millis(100))
        .retry_policy(quick().max_attempts(10))
        .timeout(Duration::from_millis(250))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.attempts() < 10, "{error:?}");
    assert!(elapsed < Duration::from_millis(1000), "{elapsed:?}");
}

#[tokio::test]
async fn an_extra_header_and_query_parameter_go_with_one_call_only() {
    let server = answering(items()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    client
        .list_items()
        .header("X-Trace", "t-1")
        .query("debug", "1 2")
        .await
        .unwrap();
    client.list_items().await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent[0].headers["x-trace"], "t-1");
    assert_eq!(sent[0].url.query(), Some("debug=1+2"));
    assert!(sent[1].headers.get("x-trace").is_none());
    assert_eq!(sent[1].url.query(), None);
}

#[tokio::test]
async fn a_header_a_call_cannot_send_is_refused_before_anything_goes_out() {
    let server = answering(items()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client
        .list_items()
        .header("X-Trace", "line\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    // The error names the header, never its value (it may be a credential).
    let error = client
        .list_items()
        .header("bad name", "s3cret")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains(r#"header "bad name" is not"#), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_calls_retry_policy_overrides_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(items())
        .with_priority(2)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let response = client.list_items().retry_policy(quick()).await.unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_calls_idempotency_key_replaces_the_one_the_client_would_make() {
    let server = answering(ResponseTemplate::new(201).set_body_json(order())).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    client
        .create_payment(&CreatePaymentParams::default(), &order())
        .idempotency_key("pay-9")
        .await
        .unwrap();
    // An operation that declares none: the key goes as `Idempotency-Key`.
    client
        .create_order(&order())
        .idempotency_key("order-9")
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent[0].headers["idempotency-key"], "pay-9");
    assert_eq!(sent[0].headers.get_all("idempotency-key").iter().count(), 1);
    assert_eq!(sent[1].headers["idempotency-key"], "order-9");
}

/// The call's key goes in the header the operation declares, `X-Idempotency-Key` here, also
/// when the caller set that parameter too (the call's key wins), and a second key replaces the
/// first: one key header, one key.
#[test]
fn a_calls_key_goes_in_the_declared_header_whoever_set_it_first() {
    let client = Client::with_base_url("http://127.0.0.1:9").unwrap();
    let params = CreateRefundParams {
        x_idempotency_key: Some("from-params".into()),
    };
    let keyed = |call: oapigen_runtime::Call<types::Order>| {
        let request = call.into_request().unwrap();
        let headers = request.headers();
        assert!(!headers.contains_key("idempotency-key"), "{headers:?}");
        let keys: Vec<_> = headers.get_all("x-idempotency-key").iter().collect();
        keys.iter()
            .map(|key| key.to_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let call = client
        .create_refund(&params, &order())
        .idempotency_key("from-call");
    assert_eq!(keyed(call), ["from-call"]);
    let unset = CreateRefundParams::default();
    let call = (client.create_refund(&unset, &order()))
        .idempotency_key("k1")
        .idempotency_key("k2");
    assert_eq!(keyed(call), ["k2"]);
}

#[tokio::test]
async fn into_request_gives_the_request_without_sending_it() {
    let server = answering(items()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let request = client
        .put_item("a b", &order())
        .header("X-Trace", "t")
        .into_request()
        .unwrap();
    assert_eq!(request.method(), reqwest::Method::PUT);
    assert_eq!(request.url().path(), "/items/a%20b");
    assert_eq!(request.headers()["x-trace"], "t");
    assert_eq!(
        request.body().and_then(|body| body.as_bytes()),
        Some(&br#"{"item":"tea"}"#[..])
    );
    assert!(requests(&server).await.is_empty());
}

#[test]
fn a_calls_debug_shows_its_options_and_hides_credentials() {
    let client = Client::with_base_url("http://127.0.0.1:9").unwrap();
    let call = client
        .list_items()
        .header("X-Api-Key", "CANARY")
        .header("X-Trace", "t")
        .timeout(Duration::from_secs(3));
    let shown = format!("{call:?}");
    assert!(!shown.contains("CANARY"), "{shown}");
    assert!(
        shown.contains("x-api-key") && shown.contains("t"),
        "{shown}"
    );
    assert!(shown.contains("3s"), "{shown}");
}

/// A cheap copy of a client with other defaults, for a scope of calls: the copy shares the
/// connection pool and the retry budget.
#[tokio::test]
async fn a_client_copy_takes_other_defaults_for_its_calls() {
    let server = answering(ResponseTemplate::new(503)).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_retry_policy(quick());
    let patient = client.clone().with_retry_policy(quick().max_attempts(5));
    assert_eq!(client.list_items().await.unwrap_err().attempts(), 3);
    assert_eq!(patient.list_items().await.unwrap_err().attempts(), 5);
}
