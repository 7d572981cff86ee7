//! A Swagger 2.0 document's constructs on the wire (tests/fixtures/swagger2.yaml): collection
//! formats, body and form parameters, shared parameters and responses, file responses, security
//! definitions and the server made of host, basePath and schemes.

use fixture_clients::swagger2::{types, Client, ListPetsParams, UpdatePetError};

mod common;
use common::{header, only_request};

#[test]
fn the_server_is_host_and_base_path_with_the_first_scheme() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.example.com/v2");
}

#[tokio::test]
async fn query_and_header_arrays_follow_their_collection_format() {
    let server = common::server(200, "application/json", b"[]").await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_api_key("k");
    let params = ListPetsParams {
        page_size: Some(5),
        tags: Some(vec!["a".into(), "b".into()]),
        ids: Some(vec![1, 2]),
        kinds: Some(vec!["cat".into(), "dog".into()]),
        words: Some(vec!["x".into(), "y".into()]),
        x_trace: Some(vec!["t1".into(), "t2".into()]),
    };
    assert_eq!(
        client.list_pets(&params).await.unwrap().into_inner(),
        vec![]
    );
    let request = only_request(&server).await;
    // csv (the default) and pipes joined in one value, multi repeated, ssv joined by spaces.
    assert_eq!(
        request.url.query(),
        Some("page_size=5&tags=a%2Cb&ids=1&ids=2&kinds=cat%7Cdog&words=x+y")
    );
    assert_eq!(header(&request, "x-trace"), Some("t1,t2"));
    assert_eq!(header(&request, "x-api-key"), Some("k"));
}

#[tokio::test]
async fn a_shared_body_parameter_is_the_json_request_body() {
    let server = common::server(201, "application/json", br#"{"name":"Rex","kind":"dog"}"#).await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_basic_auth("ada", "pw");
    let pet = types::Pet {
        name: "Rex".into(),
        ..Default::default()
    };
    let added = client.add_pet(&pet).await.unwrap().into_inner();
    assert_eq!(added.kind.as_deref(), Some("dog"));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"name":"Rex"}"#);
    assert_eq!(header(&request, "authorization"), Some("Basic YWRhOnB3"));
}

#[tokio::test]
async fn a_shared_response_decodes_as_the_operation_error() {
    let server = common::server(404, "application/json", br#"{"message":"gone"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let body = types::UpdatePetBody {
        name: Some("Rex".into()),
    };
    let error = client.update_pet(7, &body).await.unwrap_err();
    let Some(UpdatePetError::NotFound(found)) = error.api() else {
        panic!("expected the documented 404, got {error:?}");
    };
    assert_eq!(found.message.as_deref(), Some("gone"));
    assert_eq!(only_request(&server).await.url.path(), "/pets/7");
}

#[tokio::test]
async fn form_data_with_a_file_is_multipart() {
    let server = common::server(200, "", b"").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let body = types::UploadPhotoBody {
        caption: Some("at the beach".into()),
        file: b"PNG".to_vec(),
    };
    client.upload_photo(3, &body).await.unwrap().into_inner();
    let request = only_request(&server).await;
    let content_type = header(&request, "content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let text = String::from_utf8_lossy(&request.body);
    assert!(
        text.contains("name=\"caption\"\r\n\r\nat the beach\r\n"),
        "{text}"
    );
    assert!(text.contains("name=\"file\""), "{text}");
}

#[tokio::test]
async fn form_data_without_a_file_is_url_encoded_in_its_collection_formats() {
    let server = common::server(200, "application/json", br#"{"token":"t"}"#).await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let body = types::LoginBody {
        username: "ada".into(),
        remember: Some(true),
        scopes: Some(vec!["read".into(), "write".into()]),
        roles: Some(vec!["admin".into(), "dev".into()]),
    };
    let session = client.login(&body).await.unwrap().into_inner();
    assert_eq!(session.token.as_deref(), Some("t"));
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // collectionFormat csv (the default) joins the items, multi repeats the pair.
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "username=ada&remember=true&scopes=read%2Cwrite&roles=admin&roles=dev"
    );
}

#[tokio::test]
async fn a_file_response_is_bytes_and_oauth2_sends_a_bearer_token() {
    let server = common::server(200, "image/png", b"\x89PNG").await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let photo = client.get_photo(3).await.unwrap().into_inner();
    assert_eq!(photo.bytes().await.unwrap(), b"\x89PNG");
    assert_eq!(
        header(&only_request(&server).await, "accept"),
        Some("image/png")
    );

    let server = common::server(204, "", b"").await;
    let client = Client::with_base_url(&server.uri())
        .unwrap()
        .with_bearer_token("tok");
    client.delete_pet(3).await.unwrap().into_inner();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer tok"));
}
