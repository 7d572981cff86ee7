//! `date-time`, `date` and `uuid` strings as the configured library's types, over the wire, in
//! every configuration: chrono (the default, `fixture_clients::formats`), jiff and `String`
//! (written into `$OUT_DIR` by build.rs).

mod common;
use common::{only_request, server};

// Whole clients of which these tests use a part: what they leave unused is no fault.
#[allow(dead_code, unused_imports)]
mod formats_jiff {
    include!(concat!(env!("OUT_DIR"), "/formats_jiff.rs"));
}

#[allow(dead_code, unused_imports)]
mod formats_time {
    include!(concat!(env!("OUT_DIR"), "/formats_time.rs"));
}

#[allow(dead_code, unused_imports)]
mod formats_text {
    include!(concat!(env!("OUT_DIR"), "/formats_text.rs"));
}

const RECORD: &str = r#"{"createdAt":"2024-02-29T23:59:58.5+05:30","birthday":"1815-12-10","id":"67e55044-10b1-426f-9247-bb680e5fe0c8"}"#;
const ID: &str = "67e55044-10b1-426f-9247-bb680e5fe0c8";

#[tokio::test]
async fn chrono_types_by_default() {
    use fixture_clients::formats::{types::Record, Client};
    use oapigen_runtime::chrono::{Datelike, Timelike};
    let server = server(200, "application/json", RECORD.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    let created = record.created_at.unwrap();
    assert_eq!(
        created.offset().local_minus_utc(),
        5 * 3600 + 30 * 60,
        "offset kept"
    );
    assert_eq!((created.hour(), created.nanosecond()), (23, 500_000_000));
    let birthday = record.birthday.unwrap();
    assert_eq!(
        (birthday.year(), birthday.month(), birthday.day()),
        (1815, 12, 10)
    );
    assert_eq!(record.id.unwrap().to_string(), ID);
    // Sent back as RFC 3339, with the offset it came with.
    let sent = serde_json::to_value(&record).unwrap();
    assert_eq!(sent["createdAt"], "2024-02-29T23:59:58.500+05:30");
    assert_eq!(sent["birthday"], "1815-12-10");
    // A path parameter of a uuid.
    let blob_server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&blob_server.uri()).unwrap();
    let id = ID.parse().unwrap();
    client.upload_blob(id, vec![1]).await.unwrap();
    let path = only_request(&blob_server).await.url.path().to_owned();
    assert_eq!(path, format!("/records/{ID}/blob"));
}

#[tokio::test]
async fn jiff_types_when_configured() {
    use formats_jiff::{types::Record, Client};
    let server = server(200, "application/json", RECORD.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    let created: oapigen_runtime::jiff::Timestamp = record.created_at.unwrap();
    assert_eq!(
        created.to_string(),
        "2024-02-29T18:29:58.5Z",
        "an instant, in UTC"
    );
    let birthday: oapigen_runtime::jiff::civil::Date = record.birthday.unwrap();
    assert_eq!(birthday.to_string(), "1815-12-10");
    assert_eq!(record.id.unwrap().to_string(), ID);
}

#[tokio::test]
async fn time_types_when_configured() {
    use formats_time::{types::Record, Client};
    let server = server(200, "application/json", RECORD.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    let created: oapigen_runtime::time::OffsetDateTime = record.created_at.unwrap();
    assert_eq!(created.offset().whole_minutes(), 5 * 60 + 30, "offset kept");
    assert_eq!((created.hour(), created.millisecond()), (23, 500));
    let birthday: oapigen_runtime::time::Date = record.birthday.unwrap();
    assert_eq!(birthday.to_string(), "1815-12-10");
    // Written back in RFC 3339 (time's own serde format is not), the date as a full-date.
    let sent = serde_json::to_value(&record).unwrap();
    assert_eq!(sent["createdAt"], "2024-02-29T23:59:58.5+05:30");
    assert_eq!(sent["birthday"], "1815-12-10");
    let bad = br#"{"createdAt":"2024-02-30T00:00:00Z"}"#;
    let server = common::server(200, "application/json", bad).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.create_record(&Record::default()).await.unwrap_err();
    assert!(error.to_string().contains("`createdAt`"), "{error}");
}

#[tokio::test]
async fn text_when_configured() {
    use formats_text::{types::Record, Client};
    let server = server(200, "application/json", RECORD.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    let created: String = record.created_at.unwrap();
    assert_eq!(created, "2024-02-29T23:59:58.5+05:30", "as written");
    let id: String = record.id.unwrap();
    assert_eq!(id, ID);
}

/// A value that is not of its format is a `Decode` error that names the property, in every
/// configuration with a type for it.
#[tokio::test]
async fn a_value_not_of_its_format_is_a_decode_error_naming_the_field() {
    let body = br#"{"small":1,"createdAt":"yesterday"}"#;
    let server = server(200, "application/json", body).await;
    let chrono_client = fixture_clients::formats::Client::with_base_url(&server.uri()).unwrap();
    let error = chrono_client
        .create_record(&Default::default())
        .await
        .unwrap_err();
    let oapigen_runtime::Error::Decode(decode) = &error else {
        panic!("{error:?}");
    };
    assert!(decode.reason.contains("createdAt"), "{error}");
    let jiff_client = formats_jiff::Client::with_base_url(&server.uri()).unwrap();
    let error = jiff_client
        .create_record(&Default::default())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("createdAt"), "{error}");
    let bad_uuid = br#"{"id":"not-a-uuid"}"#;
    let server = common::server(200, "application/json", bad_uuid).await;
    let client = fixture_clients::formats::Client::with_base_url(&server.uri()).unwrap();
    let error = client.create_record(&Default::default()).await.unwrap_err();
    assert!(error.to_string().contains("`id`"), "{error}");
}

/// `format: byte` is bytes: base64 on the wire (padding optional when read), bytes in Rust.
#[tokio::test]
async fn byte_is_base64_bytes() {
    use fixture_clients::formats::{types::Record, Client};
    let server = server(200, "application/json", br#"{"payload":"/wBB"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record = Record {
        payload: Some(vec![0x00, 0xff]),
        ..Default::default()
    };
    let echoed = client.create_record(&record).await.unwrap().into_inner();
    assert_eq!(echoed.payload, Some(vec![0xff, 0x00, 0x41]));
    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(sent["payload"], "AP8=");
    let unpadded = server_sending(br#"{"payload":"AP8"}"#).await;
    let client = Client::with_base_url(&unpadded.uri()).unwrap();
    let record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(record.payload, Some(vec![0x00, 0xff]));
    let bad = server_sending(br#"{"payload":"not base64!"}"#).await;
    let client = Client::with_base_url(&bad.uri()).unwrap();
    let error = client.create_record(&Record::default()).await.unwrap_err();
    assert!(error.to_string().contains("`payload`"), "{error}");
}

async fn server_sending(body: &[u8]) -> wiremock::MockServer {
    server(200, "application/json", body).await
}

#[tokio::test]
async fn a_float_keeps_every_digit_the_server_sent_and_sends_them_back() {
    use fixture_clients::formats::{types::Record, Client};
    // `format: float` is held as an `f64`: as an `f32` this came back `0.0039838585`.
    let body = r#"{"ratio":0.003983858739957213,"precise":0.1}"#;
    let server = server(200, "application/json", body.as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let record: Record = client
        .create_record(&Record::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(record.ratio, Some(0.003983858739957213));
    // Sent back with every digit.
    client.create_record(&record).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let sent: serde_json::Value = requests[1].body_json().unwrap();
    assert_eq!(sent["ratio"].to_string(), "0.003983858739957213");
}
