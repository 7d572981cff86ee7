//! Path, query, header and cookie parameters on the wire, with the spec's styles.

use fixture_clients::parameters::{Client, GetItemParams};

mod common;
use common::{header, only_request};
use wiremock::MockServer;

async fn server(status: u16, body: &str) -> MockServer {
    common::server(status, "application/json", body.as_bytes()).await
}

#[tokio::test]
async fn every_location_and_style() {
    let server = server(200, "{}").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetItemParams {
        store_id: "north/east 1".into(),
        item_id: 42,
        tags: Some(vec!["a".into(), "b c".into()]),
        ids: Some(vec![1, 2, 3]),
        words: Some(vec!["x".into(), "y".into()]),
        codes: Some(vec!["p".into(), "q".into()]),
        r#type: Some("t&u".into()),
        self_: Some("me".into()),
        limit: Some(10),
        verbose: Some(true),
        x_request_id: "req-1".into(),
        x_trace: None,
        session: Some("s1".into()),
    };
    client.get_item(&params).await.unwrap().into_inner();

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    // A path parameter stays one segment, whatever it holds.
    assert_eq!(request.url.path(), "/stores/north%2Feast%201/items/42");
    assert_eq!(
        request.url.query(),
        Some("tags=a&tags=b+c&ids=1%2C2%2C3&words=x+y&codes=p%7Cq&type=t%26u&self=me&limit=10&verbose=true")
    );
    assert_eq!(header(&request, "x-request-id"), Some("req-1"));
    assert_eq!(
        header(&request, "x-trace"),
        None,
        "unset optional header is not sent"
    );
    assert_eq!(header(&request, "cookie"), Some("session=s1"));
    assert_eq!(
        header(&request, "authorization"),
        None,
        "the spec's Authorization parameter is ignored"
    );
}

#[tokio::test]
async fn unset_optional_parameters_are_left_out() {
    let server = server(200, "{}").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetItemParams {
        store_id: "s".into(),
        item_id: 1,
        x_request_id: "r".into(),
        ..Default::default()
    };
    client.get_item(&params).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "cookie"), None);
}

#[tokio::test]
async fn path_level_parameters_reach_every_method() {
    let server = server(204, "").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    client.delete_item("s", 7).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/stores/s/items/7");
}

#[tokio::test]
async fn identical_inline_schemas_are_one_type_on_the_wire() {
    use fixture_clients::shared_inline::{types, Client};
    let server = server(200, r#"{"next_page_token": "p2"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    // One `Alt` value serves both operations, and both return the same page type.
    let alt = types::Alt::Proto;
    let disks: types::ListDisksResponse =
        client.list_disks(alt.clone()).await.unwrap().into_inner();
    let images: types::ListDisksResponse = client
        .list_images(alt, types::ListImagesOrder::Desc)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(disks, images);
    assert_eq!(disks.next_page_token.as_deref(), Some("p2"));
    // Same parameter name, other values: a type of its own.
    client
        .list_snapshots(types::ListSnapshotsOrder::Oldest)
        .await
        .unwrap()
        .into_inner();

    let queries: Vec<String> = server
        .received_requests()
        .await
        .expect("recording")
        .iter()
        .map(|request| request.url.query().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        queries,
        ["alt=proto", "alt=proto&order=desc", "order=oldest"]
    );
}

/// An array path parameter is its items, each encoded, joined by commas (simple style); unset
/// optional header and cookie arrays send nothing, set ones their comma-joined items.
#[tokio::test]
async fn arrays_in_a_path_and_in_optional_headers_and_cookies() {
    use fixture_clients::parameters::GetBatchParams;
    let server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetBatchParams {
        ids: vec![1, 2, 3],
        ..Default::default()
    };
    client.get_batch(&params).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/batches/1,2,3");
    assert_eq!(header(&request, "x-tags"), None);
    assert_eq!(header(&request, "cookie"), None);

    let server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetBatchParams {
        ids: vec![7],
        x_tags: Some(vec!["a".into(), "b".into()]),
        flavors: Some(vec!["x".into()]),
    };
    client.get_batch(&params).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/batches/7");
    assert_eq!(header(&request, "x-tags"), Some("a,b"));
    assert_eq!(header(&request, "cookie"), Some("flavors=x"));
}

/// A value that cannot be carried faithfully in its place is refused before sending, with an
/// `InvalidRequest` naming the parameter: nothing reaches the server.
#[tokio::test]
async fn values_that_would_go_elsewhere_are_refused_naming_the_parameter() {
    let server = server(204, "").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let refused = |error: oapigen_runtime::Error| match error {
        oapigen_runtime::Error::InvalidRequest(reason) => reason,
        other => panic!("expected InvalidRequest, got {other:?}"),
    };
    // `..` would be resolved away and reach another path; an empty segment another route.
    let reason = refused(client.delete_item("..", 1).await.unwrap_err());
    assert_eq!(
        reason,
        "the path parameter `storeId` is `..`, which URLs resolve away"
    );
    let reason = refused(client.delete_item("", 1).await.unwrap_err());
    assert!(reason.contains("`storeId` is empty"), "{reason}");
    // A line break would end the header and start another.
    let params = GetItemParams {
        store_id: "s".into(),
        item_id: 1,
        x_request_id: "a\r\nX-Injected: 1".into(),
        ..Default::default()
    };
    let reason = refused(client.get_item(&params).await.unwrap_err());
    assert_eq!(
        reason,
        "the header parameter `X-Request-Id` holds a line break, which it cannot carry"
    );
    let params = GetItemParams {
        store_id: "s".into(),
        item_id: 1,
        session: Some("a; admin=1".into()),
        ..Default::default()
    };
    let reason = refused(client.get_item(&params).await.unwrap_err());
    assert!(
        reason.contains("cookie parameter `session` holds `;`"),
        "{reason}"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

/// Integer enums travel as their numbers: in a query, in a JSON body, and back; a number the
/// schema does not list is refused on decode, not carried as a bare integer.
#[tokio::test]
async fn integer_enums_are_sent_and_read_as_their_numbers() {
    use fixture_clients::enums::{
        types::{Level, Priority, Status, Task},
        Client, ListTasksParams,
    };
    let tasks = r#"[{"priority": 3, "level": -1}, {"level": 0.0}, {}]"#;
    let server = server(200, tasks).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListTasksParams {
        status: Status::Done,
        order: None,
        priority: Some(Priority::Value2),
    };
    let decoded = client.list_tasks(&params).await.unwrap().into_inner();
    assert_eq!(only_request(&server).await.url.query(), Some("priority=2"));
    let levels: Vec<(Option<Priority>, Option<Level>)> = decoded
        .iter()
        .map(|task| (task.priority, task.level))
        .collect();
    assert_eq!(
        levels,
        [
            (Some(Priority::Value3), Some(Level::LevelLow)),
            (None, Some(Level::LevelUnset)),
            // Absent stays absent: the schema's default, 1, is the server's to assume.
            (None, None),
        ]
    );
    assert_eq!(Level::default(), Level::LevelHigh, "the enum's default");

    let sent = serde_json::to_string(&Task {
        priority: Some(Priority::Value1),
        level: Some(Level::LevelLow),
        ..Task::default()
    })
    .unwrap();
    // Only what was set: the unset kind and visibility (whose defaults are the server's) stay out.
    assert_eq!(sent, r#"{"priority":1,"level":-1}"#);

    // An integer not listed is kept (issue 29); what is no integer, or none an i64 holds, is not.
    let unlisted = serde_json::from_str::<Priority>("4").unwrap();
    assert_eq!((unlisted, unlisted.value()), (Priority::from(4), 4));
    assert_eq!(serde_json::to_string(&unlisted).unwrap(), "4");
    let strict = serde_json::from_str::<fixture_clients::enums_strict::types::Priority>("4");
    assert!(strict.unwrap_err().to_string().contains("[1, 2, 3]"));
    for unlisted in ["1.5", r#""1""#, "18446744073709551615"] {
        let error = serde_json::from_str::<Priority>(unlisted).unwrap_err();
        assert!(
            error.to_string().contains("[1, 2, 3]"),
            "{unlisted}: {error}"
        );
    }
}

/// A method builds its request when called and returns a call that owns it: the call is sent
/// when first polled, and may outlive the client and the arguments (spawned on another task).
#[tokio::test]
async fn a_call_owns_its_request_and_sends_it_when_polled() {
    let server = server(200, "{}").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = GetItemParams {
        store_id: "s1".into(),
        item_id: 7,
        x_request_id: "req-7".into(),
        ..GetItemParams::default()
    };
    let call = client.get_item(&params);
    drop((client, params));
    tokio::task::yield_now().await;
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing goes out before the call is polled"
    );
    let sent = tokio::spawn(call).await.expect("joined");
    sent.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/stores/s1/items/7");
    assert_eq!(header(&request, "x-request-id"), Some("req-7"));
}
