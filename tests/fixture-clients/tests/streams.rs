//! Bodies read as they arrive, over real sockets: downloads as byte chunks, server-sent events
//! yielded one by one while the server is still sending, and connections that stop midway.

mod common;
use common::raw::{chunk, chunked_head, last_chunk, serve_in_turn, serve_once};
use fixture_clients::streams::{types, Client, DownloadFileError};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::sync::oneshot;

/// How long a test waits for what should come at once (a stuck stream fails instead of hanging).
const PATIENCE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_download_arrives_chunk_by_chunk_as_the_server_sends_it() {
    let (first_read, first_read_seen) = oneshot::channel::<()>();
    let url = serve_once(move |mut socket| async move {
        chunked_head(&mut socket, 200, "application/octet-stream").await;
        chunk(&mut socket, b"first").await;
        // The rest only once the client has read the first chunk.
        first_read_seen.await.unwrap();
        chunk(&mut socket, b"-second").await;
        last_chunk(&mut socket).await;
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    // A client that waited for the whole body would wait forever: the server waits for it.
    let (status, stream, first) = tokio::time::timeout(PATIENCE, async {
        let response = client.download_file("f1").await.unwrap();
        let status = response.status();
        let mut stream = response.into_inner();
        let first = stream.chunk().await.unwrap();
        (status, stream, first)
    })
    .await
    .expect("the first chunk before the server sends the rest");
    assert_eq!(status, 200);
    assert_eq!(first.as_deref(), Some(&b"first"[..]));
    first_read.send(()).unwrap();
    assert_eq!(stream.bytes().await.unwrap(), b"-second");
}

#[tokio::test]
async fn a_download_that_stops_midway_is_a_transport_error() {
    let url = serve_once(|mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 1000\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(&[7u8; 100]).await.unwrap();
        // Closed after 100 of the 1000 bytes announced.
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let mut stream = client.get_image("i1").await.unwrap().into_inner();
    let mut received = 0;
    let error = loop {
        match stream.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => panic!("the body ended cleanly after {received} bytes"),
            Err(error) => break error,
        }
    };
    assert_eq!(received, 100);
    assert!(
        matches!(error, oapigen_runtime::Error::Transport { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_download_error_status_is_still_decoded() {
    let server = common::server(404, "application/json", br#"{"message":"gone"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.download_file("f2").await.unwrap_err();
    let expected = DownloadFileError::NotFound(Box::new(types::Problem {
        message: Some("gone".into()),
    }));
    assert_eq!(error.api(), Some(&expected));
}

#[tokio::test]
async fn events_are_yielded_before_the_server_sends_the_last() {
    let (first_seen, first_seen_rx) = oneshot::channel::<()>();
    let url = serve_once(move |mut socket| async move {
        chunked_head(&mut socket, 200, "text/event-stream").await;
        chunk(
            &mut socket,
            b": a comment, skipped\n\nretry: 1500\nid: 1\ndata: {\"line\":\"one\"}\n\n",
        )
        .await;
        first_seen_rx.await.unwrap();
        chunk(&mut socket, b"event: warning\ndata: {\"line\":\n").await;
        chunk(&mut socket, b"data: \"two\"}\n\n").await;
        last_chunk(&mut socket).await;
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let (mut events, first) = tokio::time::timeout(PATIENCE, async {
        let mut events = client.follow_logs().await.unwrap().into_inner();
        let first = events.next_event().await.unwrap().unwrap();
        (events, first)
    })
    .await
    .expect("the first event while the server waits");
    assert_eq!(first.data, types::LogLine { line: "one".into() });
    assert_eq!(first.event, "message");
    assert_eq!(first.id, "1");
    assert_eq!(first.retry, Some(Duration::from_millis(1500)));
    first_seen.send(()).unwrap();
    let second = events.next_event().await.unwrap().unwrap();
    // Two `data:` lines are one value, joined by a newline.
    assert_eq!(second.data, types::LogLine { line: "two".into() });
    assert_eq!(second.event, "warning");
    assert_eq!(second.id, "1", "the last id carries over");
    assert!(events.next_event().await.is_none());
}

#[tokio::test]
async fn an_event_stream_that_stops_midway_ends_with_a_transport_error() {
    let url = serve_once(|mut socket| async move {
        chunked_head(&mut socket, 200, "text/event-stream").await;
        chunk(&mut socket, b"data: tick 1\n\n").await;
        socket.write_all(b"40\r\ndata: tick").await.unwrap();
        // Closed inside a chunk.
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let mut events = client.watch_ticks().await.unwrap().into_inner();
    let first = events.next_event().await.unwrap().unwrap();
    assert_eq!(first.data, "tick 1", "text data is kept as sent");
    let error = events.next_event().await.unwrap().unwrap_err();
    assert!(
        matches!(error, oapigen_runtime::Error::Transport { .. }),
        "{error:?}"
    );
}

/// A stream that breaks after the call was retried says so: its error counts the attempt that
/// got the stream and the one before (issue 29), for bytes and events alike.
#[tokio::test]
async fn a_stream_that_breaks_after_a_retry_counts_both_attempts() {
    async fn unavailable_then_broken(index: usize, mut socket: tokio::net::TcpStream) {
        if index == 0 {
            let head = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            socket.write_all(head.as_bytes()).await.unwrap();
            return;
        }
        chunked_head(&mut socket, 200, "text/event-stream").await;
        chunk(&mut socket, b"data: tick 1\n\n").await;
        socket.write_all(b"40\r\ndata: tick").await.unwrap();
        // Closed inside a chunk.
    }
    let url = serve_in_turn(2, unavailable_then_broken).await;
    let client = Client::with_base_url(&url).unwrap();
    let response = client.watch_ticks().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let mut events = response.into_inner();
    assert_eq!(events.next_event().await.unwrap().unwrap().data, "tick 1");
    let error = events.next_event().await.unwrap().unwrap_err();
    assert!(
        matches!(error, oapigen_runtime::Error::Transport { attempts: 2, .. }),
        "{error:?}"
    );

    let url = serve_in_turn(2, |index, mut socket| async move {
        if index == 0 {
            let head = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            socket.write_all(head.as_bytes()).await.unwrap();
            return;
        }
        let head = "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 1000\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(&[7u8; 100]).await.unwrap();
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let error = client
        .get_image("i1")
        .await
        .unwrap()
        .into_inner()
        .bytes()
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 2, "{error:?}");
    assert!(error.to_string().ends_with("(after 2 attempts)"), "{error}");
}

/// `create_completion` reads JSON; `create_completion_stream` asks for events and decodes each
/// chunk, an undecodable one as an error of its own, up to `[DONE]`.
#[tokio::test]
async fn a_stream_method_beside_the_json_one() {
    let url = serve_once(|mut socket| async move {
        chunked_head(&mut socket, 200, "text/event-stream").await;
        let events = "data: {\"delta\":\"Hel\"}\n\ndata: {\"oops\":1}\n\ndata: {\"delta\":\"lo\"}\n\ndata: [DONE]\n\ndata: {\"delta\":\"after done\"}\n\n";
        chunk(&mut socket, events.as_bytes()).await;
        last_chunk(&mut socket).await;
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let request = types::CompletionRequest {
        prompt: "Hi".into(),
        stream: Some(true),
    };
    let mut events = client
        .create_completion_stream(&request)
        .await
        .unwrap()
        .into_inner();
    let mut text = String::new();
    let mut errors = Vec::new();
    while let Some(event) = events.next_event().await {
        match event {
            Ok(event) => text.push_str(&event.data.delta),
            Err(error) => errors.push(error.to_string()),
        }
    }
    assert_eq!(text, "Hello");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("missing field `delta`"), "{errors:?}");

    let server = common::server(200, "application/json", br#"{"text":"Hello"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let whole = client
        .create_completion(&request)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(whole.text.as_deref(), Some("Hello"));
    let sent = common::only_request(&server).await;
    assert_eq!(common::header(&sent, "accept"), Some("application/json"));
}

#[tokio::test]
async fn the_stream_method_asks_for_events_first() {
    let server = common::server(200, "text/event-stream", b"data: {\"delta\":\"x\"}\n\n").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let request = types::CompletionRequest {
        prompt: "Hi".into(),
        stream: Some(true),
    };
    let mut events = client
        .create_completion_stream(&request)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(events.next_event().await.unwrap().unwrap().data.delta, "x");
    let sent = common::only_request(&server).await;
    let accept = common::header(&sent, "accept").unwrap();
    assert!(accept.starts_with("text/event-stream"), "{accept}");
}

/// In a success enum, bytes are read whole; an error listed as an event stream is its text.
#[tokio::test]
async fn enum_variants_and_errors_are_read_whole() {
    let server = common::server(200, "application/octet-stream", &[1, 2, 3]).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let value = client.put_blob("b").await.unwrap().into_inner();
    assert_eq!(
        value,
        fixture_clients::streams::PutBlobSuccess::Ok(vec![1, 2, 3])
    );
    let server = common::server(429, "text/event-stream", b"data: busy\n\n").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.follow_logs().await.unwrap_err();
    let expected =
        fixture_clients::streams::FollowLogsError::TooManyRequests("data: busy\n\n".into());
    assert_eq!(error.api(), Some(&expected));
}

/// A stream may start with a UTF-8 byte order mark (split across chunks here), which the
/// standard says to skip; an event with an empty `data:` is no event.
#[tokio::test]
async fn a_byte_order_mark_and_empty_data_are_skipped() {
    let url = serve_once(|mut socket| async move {
        chunked_head(&mut socket, 200, "text/event-stream").await;
        chunk(&mut socket, b"\xEF\xBB").await;
        chunk(&mut socket, b"\xBFdata:\n\ndata: {\"line\":\"one\"}\n\n").await;
        last_chunk(&mut socket).await;
    })
    .await;
    let client = Client::with_base_url(&url).unwrap();
    let mut events = client.follow_logs().await.unwrap().into_inner();
    let first = events.next_event().await.unwrap().unwrap();
    assert_eq!(first.data, types::LogLine { line: "one".into() });
    assert!(events.next_event().await.is_none());
}

/// The client's timeout ends a stream that stalls: one `Timeout`, then the end (reqwest's body
/// would repeat the error forever).
#[tokio::test]
async fn a_stalled_stream_ends_with_one_timeout() {
    let url = serve_once(|mut socket| async move {
        chunked_head(&mut socket, 200, "text/event-stream").await;
        chunk(&mut socket, b"data: tick 1\n\n").await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = Client::with_base_url(&url)
        .unwrap()
        .with_timeout(Duration::from_millis(300));
    let outcomes = tokio::time::timeout(PATIENCE, async {
        let mut events = client.watch_ticks().await.unwrap().into_inner();
        let mut outcomes = Vec::new();
        while let Some(event) = events.next_event().await {
            outcomes.push(event.map(|e| e.data).map_err(|e| e.to_string()));
        }
        outcomes
    })
    .await
    .expect("the event stream ends");
    let timed_out = Err("the request timed out".to_owned());
    assert_eq!(outcomes, vec![Ok("tick 1".to_owned()), timed_out]);

    let url = serve_once(|mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 1000\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        socket.write_all(&[7u8; 10]).await.unwrap();
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = Client::with_base_url(&url)
        .unwrap()
        .with_timeout(Duration::from_millis(300));
    let results = tokio::time::timeout(PATIENCE, async {
        let mut stream = client.get_image("i").await.unwrap().into_inner();
        let mut results = Vec::new();
        loop {
            match stream.chunk().await {
                Ok(Some(chunk)) => results.push(Ok(chunk.len())),
                Ok(None) => break results,
                Err(error) => results.push(Err(error.to_string())),
            }
        }
    })
    .await
    .expect("the download ends");
    assert_eq!(
        results,
        vec![Ok(10), Err("the request timed out".to_owned())]
    );
}
