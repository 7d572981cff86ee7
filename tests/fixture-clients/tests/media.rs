//! Bodies other than JSON on the wire: text, raw bytes and multipart forms.

use fixture_clients::media_types::{types, Client};

mod common;
use common::{header, only_request, server};

/// The boundary of a multipart request and its body as text.
fn multipart_text(request: &wiremock::Request) -> (String, String) {
    let content_type = header(request, "content-type").expect("content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart");
    let text = String::from_utf8_lossy(&request.body).into_owned();
    (boundary.to_owned(), text)
}

#[tokio::test]
async fn text_in_and_out() {
    let server = server(200, "text/plain; charset=utf-8", "HELLO, WÖRLD".as_bytes()).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    assert_eq!(
        client.echo_text("hello, wörld").await.unwrap().into_inner(),
        "HELLO, WÖRLD"
    );
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("text/plain"));
    assert_eq!(request.body, "hello, wörld".as_bytes());
}

#[tokio::test]
async fn bytes_in_and_out() {
    let payload = vec![0u8, 159, 146, 150, 255];
    let server = server(200, "application/octet-stream", &[1, 2, 3]).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    assert_eq!(
        client
            .echo_bytes(payload.clone())
            .await
            .unwrap()
            .into_inner()
            .bytes()
            .await
            .unwrap(),
        vec![1, 2, 3]
    );
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, payload);
}

#[tokio::test]
async fn multipart_sends_a_part_per_set_field() {
    let uploads = server(201, "", b"").await;
    let client = Client::with_base_url(&uploads.uri()).unwrap();
    let body = types::UploadBody {
        file: b"\x00binary\xff".to_vec(),
        caption: Some("a cat".into()),
    };
    client.upload(&body).await.unwrap().into_inner();

    let request = only_request(&uploads).await;
    let (boundary, text) = multipart_text(&request);
    let parts: Vec<&str> = text
        .split(&format!("--{boundary}"))
        .filter(|p| p.contains("Content-Disposition"))
        .collect();
    assert_eq!(parts.len(), 2, "{text}");
    assert!(
        parts[0].contains(r#"name="file"; filename="file""#),
        "{}",
        parts[0]
    );
    assert!(
        request.body.windows(8).any(|w| w == b"\x00binary\xff"),
        "raw bytes travel unchanged"
    );
    assert!(
        parts[1].contains(r#"name="caption""#) && parts[1].contains("a cat"),
        "{}",
        parts[1]
    );

    // An unset optional field sends no part.
    let without_caption = server(201, "", b"").await;
    let client = Client::with_base_url(&without_caption.uri()).unwrap();
    client
        .upload(&types::UploadBody {
            file: vec![1],
            caption: None,
        })
        .await
        .unwrap()
        .into_inner();
    let request = only_request(&without_caption).await;
    assert!(!String::from_utf8_lossy(&request.body).contains("caption"));
}

/// Optional nullable multipart fields are sent only when they hold a value: multipart cannot
/// say `null`.
#[tokio::test]
async fn tri_state_multipart_fields_are_sent_only_with_a_value() {
    use fixture_clients::nullable_tri_state::{types::Upload, Client};
    let server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let upload = Upload {
        caption: Some(Some("hi".into())),
        size: Some(None),
        tags: Some(Some(vec!["a".into(), "b".into()])),
        ..Default::default()
    };
    client.upload(Some(&upload)).await.unwrap().into_inner();
    let request = common::only_request(&server).await;
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("name=\"caption\"\r\n\r\nhi\r\n"), "{body}");
    assert!(!body.contains("name=\"size\""), "{body}");
    assert_eq!(body.matches("name=\"tags\"").count(), 2, "{body}");
}

/// ../shared/cases/form_body_arrays.yaml: arrays in a form body are written as the form style
/// says (exploded by default), not refused as "builder error".
#[tokio::test]
async fn form_bodies_write_arrays_and_objects_in_their_style() {
    use fixture_clients::form_body_arrays::{types, Client};
    let server = server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let body = types::CreateLicenseBody {
        name: "x".into(),
        ids: Some(vec![1, 2]),
        modes: Some(vec![
            types::CreateLicenseBodyModesItem::Read,
            types::CreateLicenseBodyModesItem::Write,
        ]),
    };
    client.create_license(&body).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.body, b"name=x&ids=1&ids=2&modes=read&modes=write");

    let server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let body = types::SearchLicensesBody {
        ids: Some(vec![1, 2]),
        words: Some(vec!["a".into(), "b".into()]),
        filter: Some(types::SearchLicensesBodyFilter {
            owner: Some("ada".into()),
            active: Some(true),
        }),
    };
    client.search_licenses(&body).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        // A nested object's properties go in key order.
        "ids=1%2C2&words=a+b&filter%5Bactive%5D=true&filter%5Bowner%5D=ada"
    );
}

/// ../shared/cases/json_suffix_media_types.yaml: `+json` bodies are JSON, typed, and a request
/// goes with the media type the spec declares.
#[tokio::test]
async fn json_suffix_media_types_are_json_sent_as_declared() {
    use fixture_clients::json_suffix_media_types::{types, Client, GetAccountError};
    let account = br#"{"id":"a1","name":"Ada"}"#;
    let server = common::server(200, "application/vnd.acme.v1+json", account).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let patch = types::AccountPatch {
        name: Some("Ada".into()),
    };
    let updated = client
        .patch_account("a1", &patch)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(updated.name, "Ada");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/merge-patch+json")
    );
    assert_eq!(request.body, br#"{"name":"Ada"}"#);

    let problem = br#"{"title":"Not Found","status":404,"detail":"no a2"}"#;
    let server = common::server(404, "application/problem+json", problem).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let error = client.get_account("a2").await.unwrap_err();
    let Some(GetAccountError::NotFound(problem)) = error.api() else {
        panic!("the documented 404, got {error:?}");
    };
    assert_eq!((problem.title.as_str(), problem.status), ("Not Found", 404));
}

/// A response is read as the media type the server sends, among those the spec lists for the
/// status: JSON, or `text/plain` holding the same object; XML is listed but cannot be read, so
/// it is not asked for, and a server sending it anyway gets a typed error showing what came.
#[tokio::test]
async fn a_response_is_read_as_the_listed_media_type_that_came() {
    use oapigen_runtime::Error;
    let note = br#"{"text":"t"}"#;
    for content_type in ["application/json", "text/plain; charset=utf-8"] {
        let server = server(200, content_type, note).await;
        let client = Client::with_base_url(&server.uri()).unwrap();
        let read = client.get_note(1).await.unwrap().into_inner();
        assert_eq!(read.text.as_deref(), Some("t"), "{content_type}");
        let request = only_request(&server).await;
        assert_eq!(
            header(&request, "accept"),
            Some("application/json, text/plain")
        );
    }
    let xml = b"<note><title>t</title></note>";
    let server = server(200, "application/xml", xml).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    match client.get_note(1).await {
        Err(Error::UnexpectedContentType { expected, response }) => {
            assert_eq!(expected, ["application/json", "text/plain"]);
            assert_eq!(response.content_type.as_deref(), Some("application/xml"));
            assert_eq!(response.body_start, "<note><title>t</title></note>");
        }
        other => panic!("{other:?}"),
    }
}

/// A status whose media types have different schemas is typed apart: the success is JSON or
/// CSV text, the error a problem object or plain text, whichever the server sends; `Accept`
/// lists every one, JSON first; a response without a `Content-Type` is read as the first.
#[tokio::test]
async fn a_status_typed_apart_by_media_type_is_read_as_the_one_that_came() {
    use fixture_clients::media_types::{GetReportError, GetReportSuccess};
    use oapigen_runtime::Error;
    let mock = server(200, "text/csv; charset=utf-8", b"id,text\n1,t\n").await;
    let client = Client::with_base_url(&mock.uri()).unwrap();
    let csv = client.get_report(1).await.unwrap().into_inner();
    assert_eq!(csv, GetReportSuccess::OkCsv("id,text\n1,t\n".into()));
    let request = only_request(&mock).await;
    let accept = "application/json, application/problem+json, text/csv, text/plain";
    assert_eq!(header(&request, "accept"), Some(accept));

    for content_type in ["application/json", ""] {
        let mock = server(200, content_type, br#"{"text":"t"}"#).await;
        let client = Client::with_base_url(&mock.uri()).unwrap();
        let json = client.get_report(1).await.unwrap().into_inner();
        let note = types::Note {
            text: Some("t".into()),
        };
        assert_eq!(
            json,
            GetReportSuccess::Ok(Box::new(note)),
            "{content_type:?}"
        );
    }

    let mock = server(404, "text/plain", b"no such report").await;
    let client = Client::with_base_url(&mock.uri()).unwrap();
    match client.get_report(1).await {
        Err(Error::Api(error)) => {
            assert_eq!(
                *error.body(),
                GetReportError::NotFoundText("no such report".into())
            )
        }
        other => panic!("{other:?}"),
    }
    let problem = br#"{"title":"Not Found","status":404}"#;
    let mock = server(404, "application/problem+json", problem).await;
    let client = Client::with_base_url(&mock.uri()).unwrap();
    match client.get_report(1).await {
        Err(Error::Api(error)) => match error.body() {
            GetReportError::NotFound(problem) => assert_eq!(problem.status, Some(404)),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// A status listing JSON beside any type (`*/*`, bytes): a JSON response is the JSON body, any
/// other (a PDF) the bytes; the closest listed type wins, not the first arm.
#[tokio::test]
async fn json_beside_any_type_is_read_as_json_and_anything_else_as_bytes() {
    use fixture_clients::media_types::GetExportSuccess;
    let mock = server(200, "application/json", br#"{"text":"t"}"#).await;
    let client = Client::with_base_url(&mock.uri()).unwrap();
    let json = client.get_export(1).await.unwrap().into_inner();
    let note = types::Note {
        text: Some("t".into()),
    };
    assert_eq!(json, GetExportSuccess::Ok(Box::new(note)));
    let mock = server(200, "application/pdf", b"%PDF-1.7").await;
    let client = Client::with_base_url(&mock.uri()).unwrap();
    let file = client.get_export(1).await.unwrap().into_inner();
    assert_eq!(file, GetExportSuccess::OkBytes(b"%PDF-1.7".to_vec()));
}

/// Each multipart part carries the type its Encoding Object names (the first of a list), or
/// OpenAPI's default for its kind: octet-stream for bytes, JSON for objects, none for text.
#[tokio::test]
async fn multipart_parts_carry_their_content_types() {
    let uploads = server(201, "", b"").await;
    let client = Client::with_base_url(&uploads.uri()).unwrap();
    let body = types::UploadPhotoBody {
        photo: b"\x89PNG".to_vec(),
        thumbnail: vec![1, 2],
        meta: types::UploadPhotoBodyMeta {
            tags: Some(vec!["cat".into()]),
        },
        rating: 5,
        notes: Some("<n/>".into()),
        extras: Some(vec![b"one".to_vec(), b"two".to_vec()]),
    };
    client.upload_photo(&body).await.unwrap().into_inner();
    let request = only_request(&uploads).await;
    let (boundary, text) = multipart_text(&request);
    let part_type = |name: &str| -> Option<String> {
        let part = text
            .split(&format!("--{boundary}"))
            .find(|part| part.contains(&format!("name=\"{name}\"")))
            .unwrap_or_else(|| panic!("no part {name}: {text}"));
        let head = part.split("\r\n\r\n").next().unwrap_or("");
        head.lines().find_map(|line| {
            let (name, value) = line.split_once(": ")?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.to_owned())
        })
    };
    assert_eq!(part_type("photo").as_deref(), Some("image/png"));
    assert_eq!(
        part_type("thumbnail").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(part_type("meta").as_deref(), Some("application/json"));
    assert!(text.contains(r#"{"tags":["cat"]}"#), "{text}");
    assert_eq!(part_type("rating"), None, "text needs no type");
    assert_eq!(part_type("notes").as_deref(), Some("application/xml"));
    // An array of binary is one file part per item, not one JSON part.
    let extras: Vec<&str> = (text.split(&format!("--{boundary}")))
        .filter(|part| part.contains("name=\"extras\""))
        .map(|part| part.split("\r\n\r\n").nth(1).unwrap_or("").trim_end())
        .collect();
    assert_eq!(extras, ["one", "two"], "{text}");
    assert_eq!(
        part_type("extras").as_deref(),
        Some("application/octet-stream")
    );
}

/// Raw bytes (`format: binary`) inside a JSON body travel as the JSON string they are, not as an
/// array of numbers; bytes that are not UTF-8 text cannot, and are refused before sending.
#[tokio::test]
async fn binary_properties_in_json_travel_as_text() {
    use fixture_clients::nullable_tri_state::{types::Upload, Client as Uploads};
    let server = server(204, "", b"").await;
    let client = Uploads::with_base_url(&server.uri()).unwrap();
    let upload = Upload {
        file: Some(Some(b"line 1\nline 2".to_vec())),
        ..Default::default()
    };
    client
        .upload_json(Some(&upload))
        .await
        .unwrap()
        .into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.body, br#"{"file":"line 1\nline 2"}"#);

    let not_text = Upload {
        file: Some(Some(vec![0xff, 0xfe])),
        ..Default::default()
    };
    match client.upload_json(Some(&not_text)).await {
        Err(oapigen_runtime::Error::InvalidRequest(reason)) => {
            assert!(reason.contains("not UTF-8 text"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}
