//! Every page of a paginated operation, over a real socket: one test per way of paging (cursor in
//! the query or the body, `Link` header, next URL in the body, page number with a total, offset
//! with `has_more`, Stripe's last item), each walking every item exactly once, and the walks that
//! must stop (a repeated cursor, a short page, an error, a cap) or refuse (a next URL to another
//! origin).

mod common;
use fixture_clients::pagination::{
    types, Client, GetCustomersParams, ListActivitiesParams, ListBooksParams, ListEventsParams,
    ListInvoicesParams, ListKeyedOrdersParams, ListLogsParams, ListNotesParams, ListOrdersParams,
    ListReposParams, SearchEventsParams,
};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers `GET route` (with `matcher`) with `body`, exactly once.
async fn page(
    server: &MockServer,
    route: &str,
    matcher: impl wiremock::Match + 'static,
    body: serde_json::Value,
) {
    Mock::given(method("GET"))
        .and(path(route))
        .and(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

/// Answers `GET route` once per page: the first (`""`) without `param`, each other with `param`
/// set to its position.
async fn pages(
    server: &MockServer,
    route: &str,
    param: &str,
    pages: Vec<(&str, serde_json::Value)>,
) {
    for (position, body) in pages {
        match position {
            "" => page(server, route, query_param_is_missing(param), body).await,
            _ => page(server, route, query_param(param, position), body).await,
        }
    }
}

/// `/logs`: `a` and `b` while more follow, then, at offset 2, `c` and no more.
async fn two_log_pages(server: &MockServer) {
    let first = json!({"entries": ["a", "b"], "has_more": true});
    page(server, "/logs", query_param_is_missing("offset"), first).await;
    let last = json!({"entries": ["c"], "has_more": false});
    page(server, "/logs", query_param("offset", "2"), last).await;
}

/// The ids of every event `list_events_pages` walks through.
async fn event_ids(server: &MockServer, params: &ListEventsParams) -> Vec<String> {
    let items = client(server).list_events_pages(params).items().all().await;
    items.unwrap().into_iter().map(|event| event.id).collect()
}

fn client(server: &MockServer) -> Client {
    Client::with_base_url(&server.uri()).unwrap()
}

#[tokio::test]
async fn a_cursor_in_the_query_walks_every_item_once() {
    let server = MockServer::start().await;
    let first = json!({"data": [{"id": "a"}, {"id": "b"}], "meta": {"next_cursor": "c2"}});
    page(&server, "/events", query_param_is_missing("cursor"), first).await;
    let last = json!({"data": [{"id": "c"}], "meta": {"next_cursor": null}});
    page(&server, "/events", query_param("cursor", "c2"), last).await;
    let params = ListEventsParams {
        limit: Some(2),
        ..Default::default()
    };
    let items = client(&server)
        .list_events_pages(&params)
        .items()
        .all()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|event| event.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    // The other parameters go with every page.
    for request in server.received_requests().await.unwrap() {
        assert!(
            request.url.query().unwrap().contains("limit=2"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn pages_keep_their_status_and_nothing_is_sent_until_polled() {
    let server = MockServer::start().await;
    page(
        &server,
        "/events",
        query_param_is_missing("cursor"),
        json!({"data": [{"id": "a"}]}),
    )
    .await;
    let mut pages = client(&server).list_events_pages(&ListEventsParams::default());
    assert!(server.received_requests().await.unwrap().is_empty());
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.body().data.len(), 1);
    // No next cursor: the walk is over.
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_walk() {
    let server = MockServer::start().await;
    let first = json!({"data": [{"id": "a"}], "meta": {"next_cursor": "c1"}});
    page(&server, "/events", query_param_is_missing("cursor"), first).await;
    let again = json!({"data": [{"id": "b"}], "meta": {"next_cursor": "c1"}});
    page(&server, "/events", query_param("cursor", "c1"), again).await;
    assert_eq!(
        event_ids(&server, &ListEventsParams::default()).await,
        ["a", "b"]
    );
}

#[tokio::test]
async fn a_cursor_in_the_request_body_is_set_there() {
    let server = MockServer::start().await;
    let answer = |body| ResponseTemplate::new(200).set_body_json(body);
    Mock::given(method("POST"))
        .and(path("/events/search"))
        .and(body_json(json!({"query": "x"})))
        .respond_with(answer(json!({"results": [{"id": "a"}], "next": "n1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/events/search"))
        .and(body_json(json!({"query": "x", "cursor": "n1"})))
        .respond_with(answer(json!({"results": [{"id": "b"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::SearchEventsBody {
        query: "x".into(),
        cursor: None,
    };
    let items = client(&server)
        .search_events_pages(&SearchEventsParams::default(), &body)
        .items()
        .all()
        .await
        .unwrap();
    let ids: Vec<String> = items.into_iter().map(|event| event.id).collect();
    assert_eq!(ids, ["a", "b"]);
    // Each page is a call of its own: the idempotency key the client made differs from page to
    // page (one key for both, and the server may answer the first page again).
    let keys: Vec<String> = (server.received_requests().await.unwrap().iter())
        .map(|request| {
            request.headers["idempotency-key"]
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[tokio::test]
async fn the_link_header_leads_to_the_next_page() {
    let server = MockServer::start().await;
    let next = format!(
        "<{}/repos?per_page=2&page=2>; rel=\"next\", <{0}/repos?page=2>; rel=\"last\"",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/repos"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", next)
                .set_body_json(json!(["r1", "r2"])),
        )
        .expect(1)
        .mount(&server)
        .await;
    page(&server, "/repos", query_param("page", "2"), json!(["r3"])).await;
    let params = ListReposParams { per_page: Some(2) };
    let mut pages = client(&server).list_repos_pages(&params);
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.into_inner(), ["r1", "r2"]);
    let position = pages.next_position().unwrap().to_owned();
    assert!(position.ends_with("/repos?per_page=2&page=2"), "{position}");
    assert_eq!(
        pages.next_page().await.unwrap().unwrap().into_inner(),
        ["r3"]
    );
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn a_next_url_in_the_body_is_followed_on_the_same_origin_only() {
    let server = MockServer::start().await;
    let next = format!("{}/orders?page=2", server.uri());
    let first = json!({"count": 3, "next": next, "results": [{"number": 1}, {"number": 2}]});
    page(&server, "/orders", query_param_is_missing("page"), first).await;
    let last = json!({"count": 3, "next": null, "previous": next, "results": [{"number": 3}]});
    page(&server, "/orders", query_param("page", "2"), last).await;
    let items = client(&server)
        .list_orders_pages(&ListOrdersParams::default())
        .items()
        .all()
        .await
        .unwrap();
    let numbers: Vec<i64> = items.iter().map(|order| order.number).collect();
    assert_eq!(numbers, [1, 2, 3]);

    // A next URL to another origin (another port) is an error, and the walk's last item.
    let elsewhere = MockServer::start().await;
    let server = MockServer::start().await;
    let next = format!("{}/orders?page=2", elsewhere.uri());
    page(
        &server,
        "/orders",
        query_param_is_missing("page"),
        json!({"count": 2, "next": next, "results": [{"number": 1}]}),
    )
    .await;
    let mut items = client(&server)
        .list_orders_pages(&ListOrdersParams::default())
        .items();
    assert_eq!(items.next_item().await.unwrap().unwrap().number, 1);
    let error = items.next_item().await.unwrap().unwrap_err().to_string();
    assert!(error.contains("not on the client's origin"), "{error}");
    assert!(items.next_item().await.is_none());
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_page_number_stops_at_the_number_of_pages() {
    let server = MockServer::start().await;
    pages(
        &server,
        "/invoices",
        "page",
        vec![
            ("", json!({"items": [1, 2], "total_pages": 2})),
            ("2", json!({"items": [3], "total_pages": 2})),
        ],
    )
    .await;
    let items = client(&server)
        .list_invoices_pages(&ListInvoicesParams::default())
        .items()
        .all();
    assert_eq!(items.await.unwrap(), [1, 2, 3]);
}

#[tokio::test]
async fn a_zero_based_page_number_asks_for_page_1_second_and_stops_at_the_total() {
    let server = MockServer::start().await;
    let first = json!({"content": ["a"], "number": 0, "totalPages": 2});
    pages(
        &server,
        "/books",
        "page",
        vec![
            ("", first),
            ("1", json!({"content": ["b"], "number": 1, "totalPages": 2})),
        ],
    )
    .await;
    let items = client(&server)
        .list_books_pages(&ListBooksParams::default())
        .items()
        .all();
    assert_eq!(items.await.unwrap(), ["a", "b"]);
}

#[tokio::test]
async fn a_next_page_number_in_the_body_is_asked_for_next() {
    let server = MockServer::start().await;
    let first = json!({"activities": ["a"], "meta": {"current_page": 1, "next_page": 2}});
    page(
        &server,
        "/activities",
        query_param_is_missing("page"),
        first,
    )
    .await;
    let last = json!({"activities": ["b"], "meta": {"current_page": 2, "next_page": null}});
    page(&server, "/activities", query_param("page", "2"), last).await;
    let items = client(&server)
        .list_activities_pages(&ListActivitiesParams::default())
        .items()
        .all();
    assert_eq!(items.await.unwrap(), ["a", "b"]);
}

#[tokio::test]
async fn a_walk_with_no_total_ends_on_the_empty_page_after_a_short_one() {
    // A short page does not end it: the server may cap the page size.
    let server = MockServer::start().await;
    pages(
        &server,
        "/notes",
        "page",
        vec![
            ("", json!(["a", "b"])),
            ("2", json!(["c"])),
            ("3", json!([])),
        ],
    )
    .await;
    let params = ListNotesParams {
        page_size: Some(2.0),
        ..Default::default()
    };
    let items = client(&server)
        .list_notes_pages(&params)
        .items()
        .all()
        .await;
    assert_eq!(items.unwrap(), ["a", "b", "c"]);
}

#[tokio::test]
async fn a_capped_page_size_does_not_end_a_walk_that_has_a_total() {
    // Asked for 500 a page, the server sends 2 (GitHub caps `per_page` at 100).
    let server = MockServer::start().await;
    pages(
        &server,
        "/invoices",
        "page",
        vec![
            ("", json!({"items": [1, 2], "total_pages": 2})),
            ("2", json!({"items": [3, 4], "total_pages": 2})),
        ],
    )
    .await;
    let params = ListInvoicesParams {
        per_page: Some(500),
        ..Default::default()
    };
    let items = client(&server)
        .list_invoices_pages(&params)
        .items()
        .all()
        .await;
    assert_eq!(items.unwrap(), [1, 2, 3, 4]);
}

#[tokio::test]
async fn a_cursor_walk_goes_on_past_an_empty_page_that_names_a_next_one() {
    // Google's lists may send a page with no items and a `nextPageToken` (AIP-158).
    let server = MockServer::start().await;
    pages(
        &server,
        "/events",
        "cursor",
        vec![
            (
                "",
                json!({"data": [{"id": "a"}], "meta": {"next_cursor": "c1"}}),
            ),
            ("c1", json!({"data": [], "meta": {"next_cursor": "c2"}})),
            ("c2", json!({"data": [{"id": "b"}]})),
        ],
    )
    .await;
    assert_eq!(
        event_ids(&server, &ListEventsParams::default()).await,
        ["a", "b"]
    );
}

#[tokio::test]
async fn an_offset_moves_by_the_items_read_while_has_more() {
    let server = MockServer::start().await;
    two_log_pages(&server).await;
    let items = client(&server)
        .list_logs_pages(&ListLogsParams::default())
        .items()
        .all();
    assert_eq!(items.await.unwrap(), ["a", "b", "c"]);
}

#[tokio::test]
async fn stripe_lists_go_on_after_the_last_items_id() {
    let server = MockServer::start().await;
    let list = |ids: &[&str], more: bool| {
        let data: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        json!({"data": data, "has_more": more, "object": "list", "url": "/v1/customers"})
    };
    pages(
        &server,
        "/customers",
        "starting_after",
        vec![
            ("", list(&["cus_1", "cus_2"], true)),
            ("cus_2", list(&["cus_3"], false)),
        ],
    )
    .await;
    let params = GetCustomersParams {
        limit: Some(2),
        ..Default::default()
    };
    let items = client(&server)
        .get_customers_pages(&params)
        .items()
        .all()
        .await
        .unwrap();
    let ids: Vec<String> = items.into_iter().map(|customer| customer.id).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
}

#[tokio::test]
async fn an_error_ends_the_walk_as_its_last_item() {
    let server = MockServer::start().await;
    page(
        &server,
        "/logs",
        query_param_is_missing("offset"),
        json!({"entries": ["a"], "has_more": true}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/logs"))
        .and(query_param("offset", "1"))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    // Each page is retried as the client's other calls are: 3 attempts, then the error.
    let quick = oapigen_runtime::RetryPolicy::standard().backoff(
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(5),
    );
    let client = client(&server).with_retry_policy(quick);
    let mut pages = client.list_logs_pages(&ListLogsParams::default());
    assert!(pages.next_page().await.unwrap().is_ok());
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert_eq!((error.status(), error.attempts()), (Some(503), 3));
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn a_walk_stops_at_its_cap_and_resumes_from_a_saved_position() {
    let server = MockServer::start().await;
    two_log_pages(&server).await;
    let client = client(&server);
    let mut pages = client
        .list_logs_pages(&ListLogsParams::default())
        .max_pages(1);
    assert_eq!(
        pages.next_page().await.unwrap().unwrap().entries,
        ["a", "b"]
    );
    assert!(pages.next_page().await.is_none());
    let saved = pages.next_position().unwrap().to_owned();
    assert_eq!(saved, "2");
    let rest = client
        .list_logs_pages(&ListLogsParams::default())
        .resume_from(saved);
    let rest: Vec<_> = rest.items().collect().await;
    let rest: Vec<String> = rest.into_iter().map(Result::unwrap).collect();
    assert_eq!(rest, ["c"]);
}

#[tokio::test]
async fn items_stop_at_their_cap_without_asking_for_more_pages() {
    let server = MockServer::start().await;
    page(
        &server,
        "/logs",
        query_param_is_missing("offset"),
        json!({"entries": ["a", "b"], "has_more": true}),
    )
    .await;
    let items = client(&server)
        .list_logs_pages(&ListLogsParams::default())
        .items()
        .max_items(2);
    assert_eq!(items.all().await.unwrap(), ["a", "b"]);
}

/// Records the query of every request it sees.
#[derive(Clone, Default)]
struct Seen(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl oapigen_runtime::Hook for Seen {
    fn before_send(&self, request: &mut reqwest::Request) {
        let query = request.url().query().unwrap_or_default().to_owned();
        self.0.lock().unwrap().push(query);
        request
            .headers_mut()
            .insert("x-trace", "on".parse().unwrap());
    }
}

#[tokio::test]
async fn the_clients_hooks_run_around_every_page() {
    let server = MockServer::start().await;
    pages(
        &server,
        "/logs",
        "offset",
        vec![
            ("", json!({"entries": ["a"], "has_more": true})),
            ("1", json!({"entries": ["b"], "has_more": false})),
        ],
    )
    .await;
    let seen = Seen::default();
    let client = client(&server).with_hook(seen.clone());
    let items = client
        .list_logs_pages(&ListLogsParams::default())
        .items()
        .all()
        .await;
    assert_eq!(items.unwrap(), ["a", "b"]);
    assert_eq!(*seen.0.lock().unwrap(), ["", "offset=1"]);
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers.get("x-trace").unwrap(), "on");
    }
}

#[tokio::test]
async fn a_token_session_authorizes_every_page() {
    use oapigen_runtime::{OAuth2Grant, Session};
    let server = MockServer::start().await;
    let token = r#"{"access_token":"t1","expires_in":3600}"#;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(token, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let next = format!("<{}/private/feed?page=2>; rel=\"next\"", server.uri());
    Mock::given(method("GET"))
        .and(path("/private/feed"))
        .and(query_param_is_missing("page"))
        .and(wiremock::matchers::header("authorization", "Bearer t1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", next)
                .set_body_json(json!(["a"])),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/private/feed"))
        .and(query_param("page", "2"))
        .and(wiremock::matchers::header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["b"])))
        .expect(1)
        .mount(&server)
        .await;
    let grant = OAuth2Grant::client_credentials(format!("{}/token", server.uri()), "id", "secret");
    let client = client(&server).with_session(Session::new(grant));
    assert_eq!(
        client.list_feed_pages().items().all().await.unwrap(),
        ["a", "b"]
    );
}

#[tokio::test]
async fn a_query_api_key_goes_with_a_next_url_that_lacks_it() {
    let server = MockServer::start().await;
    let next = format!("{}/keyed/orders?page=2", server.uri());
    let first = json!({"next": next, "results": [{"number": 1}]});
    pages(
        &server,
        "/keyed/orders",
        "page",
        vec![("", first), ("2", json!({"results": [{"number": 2}]}))],
    )
    .await;
    let client = client(&server).with_api_key("k3y");
    let items = client
        .list_keyed_orders_pages(&ListKeyedOrdersParams::default())
        .items()
        .all()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|order| order.number).collect::<Vec<_>>(),
        [1, 2]
    );
    for request in server.received_requests().await.unwrap() {
        let key = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "api_key");
        assert_eq!(
            key.map(|(_, value)| value.into_owned()).as_deref(),
            Some("k3y"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn a_walk_can_be_spawned_it_owns_what_it_needs() {
    let server = MockServer::start().await;
    page(
        &server,
        "/logs",
        query_param_is_missing("offset"),
        json!({"entries": ["a"], "has_more": false}),
    )
    .await;
    let walk = {
        let client = client(&server);
        let params = ListLogsParams::default();
        // Neither the client nor the parameters are borrowed past this block.
        client.list_logs_pages(&params).items().all()
    };
    let items = tokio::spawn(walk).await.unwrap();
    assert_eq!(items.unwrap(), ["a"]);
}

#[tokio::test]
async fn after_an_error_the_walk_resumes_at_the_page_that_failed() {
    let server = MockServer::start().await;
    page(
        &server,
        "/events",
        query_param_is_missing("cursor"),
        json!({"data": [{"id": "a"}], "meta": {"next_cursor": "c2"}}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut pages = client.list_events_pages(&ListEventsParams::default());
    assert!(pages.next_page().await.unwrap().is_ok());
    assert!(pages.next_page().await.unwrap().is_err());
    assert!(pages.next_page().await.is_none());
    assert_eq!(pages.next_position(), Some("c2"));
    page(
        &server,
        "/events",
        query_param("cursor", "c2"),
        json!({"data": [{"id": "b"}]}),
    )
    .await;
    let rest = client
        .list_events_pages(&ListEventsParams::default())
        .resume_from("c2");
    let ids: Vec<String> = rest
        .items()
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["b"]);
}

#[tokio::test]
async fn items_left_on_a_page_are_read_again_on_resume_not_lost() {
    let server = MockServer::start().await;
    let entries =
        |from: u32| -> Vec<String> { (from..from + 3).map(|n| format!("i{n}")).collect() };
    Mock::given(method("GET"))
        .and(path("/logs"))
        .and(query_param_is_missing("offset"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"entries": entries(0), "has_more": true})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/logs"))
        .and(query_param("offset", "3"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"entries": entries(3), "has_more": false})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let mut items = client
        .list_logs_pages(&ListLogsParams::default())
        .items()
        .max_items(4);
    let mut taken = Vec::new();
    while let Some(item) = items.next_item().await {
        taken.push(item.unwrap());
    }
    assert_eq!(taken, ["i0", "i1", "i2", "i3"]);
    // i4 and i5 were read but not taken: the position is the page holding them.
    assert_eq!(items.next_position(), Some("3"));
    let rest = client
        .list_logs_pages(&ListLogsParams::default())
        .resume_from("3")
        .items();
    assert_eq!(rest.all().await.unwrap(), ["i3", "i4", "i5"]);
}

#[tokio::test]
async fn a_relative_next_url_is_resolved_against_the_page_that_names_it() {
    let server = MockServer::start().await;
    page(
        &server,
        "/orders",
        query_param_is_missing("page"),
        json!({"count": 3, "next": "/deep/orders/p2", "results": [{"number": 1}]}),
    )
    .await;
    // Relative to /deep/orders/p2, not to /orders.
    page(
        &server,
        "/deep/orders/p2",
        wiremock::matchers::any(),
        json!({"count": 3, "next": "p3", "results": [{"number": 2}]}),
    )
    .await;
    page(
        &server,
        "/deep/orders/p3",
        wiremock::matchers::any(),
        json!({"count": 3, "results": [{"number": 3}]}),
    )
    .await;
    let items = client(&server)
        .list_orders_pages(&ListOrdersParams::default())
        .items()
        .all()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|order| order.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[tokio::test]
async fn a_cursor_asked_at_before_ends_the_walk_even_after_others() {
    let server = MockServer::start().await;
    pages(
        &server,
        "/events",
        "cursor",
        vec![
            (
                "",
                json!({"data": [{"id": "a"}], "meta": {"next_cursor": "A"}}),
            ),
            (
                "A",
                json!({"data": [{"id": "b"}], "meta": {"next_cursor": "B"}}),
            ),
            (
                "B",
                json!({"data": [{"id": "c"}], "meta": {"next_cursor": "A"}}),
            ),
        ],
    )
    .await;
    assert_eq!(
        event_ids(&server, &ListEventsParams::default()).await,
        ["a", "b", "c"]
    );

    // The cursor the caller started from, echoed back, is a repeat too.
    let server = MockServer::start().await;
    page(
        &server,
        "/events",
        query_param("cursor", "X"),
        json!({"data": [{"id": "x"}], "meta": {"next_cursor": "X"}}),
    )
    .await;
    let params = ListEventsParams {
        cursor: Some("X".into()),
        ..Default::default()
    };
    let items = client(&server)
        .list_events_pages(&params)
        .items()
        .all()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
}

#[tokio::test]
async fn a_next_link_of_a_post_is_fetched_with_a_get() {
    let server = MockServer::start().await;
    let next = format!("{}/widgets/search?page=2", server.uri());
    Mock::given(method("POST"))
        .and(path("/widgets/search"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"value": ["a"], "nextLink": next})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/widgets/search"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": ["b"]})))
        .expect(1)
        .mount(&server)
        .await;
    let body = types::SearchWidgetsBody { query: "w".into() };
    let items = client(&server)
        .search_widgets_pages(&body)
        .items()
        .all()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b"]);
    let requests = server.received_requests().await.unwrap();
    assert!(requests[1].body.is_empty() && !requests[1].headers.contains_key("content-type"));
}

#[tokio::test]
async fn a_page_number_to_resume_from_must_be_a_number() {
    let server = MockServer::start().await;
    let mut pages = client(&server)
        .list_invoices_pages(&ListInvoicesParams::default())
        .resume_from("abc");
    let error = pages.next_page().await.unwrap().unwrap_err().to_string();
    assert!(
        error.contains("`abc` is not a page number or an offset"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
