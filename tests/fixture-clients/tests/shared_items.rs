//! Operations whose params struct, headers struct or error enum would be written out the same
//! share the first one's (tests/fixtures/shared_items.yaml), and each works on the wire through
//! the shared type.

use fixture_clients::shared_items::{
    types, Client, ListCommitsError, ListCommitsHeaders, ListCommitsParams, ListForksError,
    ListForksHeaders, ListForksParams, ListStarsParams, ListTagsError, ListTagsHeaders,
    ListTagsParams, ListWatchersError,
};
use std::any::TypeId;

mod common;
use common::server;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `A` and `B` are one type (one an alias of the other).
fn same<A: 'static, B: 'static>() -> bool {
    TypeId::of::<A>() == TypeId::of::<B>()
}

#[test]
fn operations_written_out_the_same_share_one_type() {
    assert!(same::<ListForksParams, ListCommitsParams>());
    assert!(same::<ListStarsParams, ListCommitsParams>());
    assert!(same::<ListForksHeaders, ListCommitsHeaders>());
    assert!(same::<ListForksError, ListCommitsError>());
    assert!(same::<ListWatchersError, ListCommitsError>());
    // A parameter documented otherwise, a header declared on another status, another error
    // description: listTags's own.
    assert!(!same::<ListTagsParams, ListCommitsParams>());
    assert!(!same::<ListTagsHeaders, ListCommitsHeaders>());
    assert!(!same::<ListTagsError, ListCommitsError>());
}

#[tokio::test]
async fn a_shared_params_struct_fills_each_operations_own_path() {
    let server = MockServer::start().await;
    for (at, names) in [
        ("/repos/octo/forks", r#"["f"]"#),
        ("/repos/octo/stars", r#"["s"]"#),
    ] {
        Mock::given(method("GET"))
            .and(path(at))
            .and(query_param("page", "2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(names.as_bytes().to_vec(), "application/json")
                    .append_header("link", "<next>; rel=\"next\""),
            )
            .mount(&server)
            .await;
    }
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListForksParams {
        owner: "octo".into(),
        page: Some(2),
    };
    let forks = client.list_forks(&params).await.unwrap();
    let stars = client.list_stars(&params).await.unwrap();
    assert_eq!(*forks, ["f"]);
    assert_eq!(*stars, ["s"]);
    let expected = ListCommitsHeaders {
        link: Some("<next>; rel=\"next\"".into()),
    };
    assert_eq!(forks.typed_headers(), &expected);
    assert_eq!(stars.typed_headers(), &expected);
}

#[tokio::test]
async fn a_shared_error_enum_decodes_each_operations_error() {
    let body = br#"{"message":"no octo"}"#;
    let json_server = server(404, "application/json", body).await;
    let client = Client::with_base_url(&json_server.uri()).unwrap();
    let params = ListCommitsParams {
        owner: "octo".into(),
        page: None,
    };
    let problem = types::Problem {
        message: Some("no octo".into()),
    };
    let error = client.list_forks(&params).await.unwrap_err();
    assert_eq!(
        error.api(),
        Some(&ListForksError::NotFound(Box::new(problem.clone())))
    );
    let error = client.list_commits(&params).await.unwrap_err();
    assert_eq!(
        error.api(),
        Some(&ListCommitsError::NotFound(Box::new(problem.clone())))
    );
    // The same enum, read from the media type listWatchers documents.
    let problem_server = server(404, "application/problem+json", body).await;
    let client = Client::with_base_url(&problem_server.uri()).unwrap();
    let error = client.list_watchers(&params).await.unwrap_err();
    assert_eq!(
        error.api(),
        Some(&ListWatchersError::NotFound(Box::new(problem)))
    );
}

#[tokio::test]
async fn headers_of_an_unshared_struct_are_read_on_their_own_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(206)
                .set_body_raw(br#"["v1"]"#.to_vec(), "application/json")
                .append_header("link", "<last>; rel=\"last\""),
        )
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).unwrap();
    let params = ListTagsParams {
        owner: "octo".into(),
        page: Some(0),
    };
    let tags = client.list_tags(&params).await.unwrap();
    assert_eq!(*tags, ["v1"]);
    assert_eq!(
        tags.typed_headers().link.as_deref(),
        Some("<last>; rel=\"last\"")
    );
}
