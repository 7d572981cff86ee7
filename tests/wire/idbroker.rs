use crate::{body_text, header, only_request, FASTAPI_422};
use provider_clients::idbroker::{
    self, types, LoginForAccessTokenUcsschoolApisAuthTokenPostError as LoginError,
};

fn login() -> types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
    types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
        username: "ada".into(),
        password: "p@ss word&=".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn login_sends_a_form_of_the_set_fields_only() {
    let server = crate::server(
        200,
        "application/json",
        r#"{"access_token":"jwt.abc","token_type":"bearer"}"#,
    )
    .await;
    let client = idbroker::Client::with_base_url(&server.uri()).unwrap();

    let token = client
        .login_for_access_token_ucsschool_apis_auth_token_post(&login())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(token.access_token, "jwt.abc");
    assert_eq!(token.token_type, "bearer");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/ucsschool/apis/auth/token");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "authorization"), None);
    // grant_type, scope, client_id and client_secret are unset and absent (scope's default ""
    // is the server's to assume).
    assert_eq!(
        body_text(&request),
        "username=ada&password=p%40ss+word%26%3D"
    );
}

#[tokio::test]
async fn login_sends_every_field_that_is_set() {
    let server = crate::server(
        200,
        "application/json",
        r#"{"access_token":"a","token_type":"bearer"}"#,
    )
    .await;
    let client = idbroker::Client::with_base_url(&server.uri()).unwrap();
    let body = types::BodyLoginForAccessTokenUcsschoolApisAuthTokenPost {
        grant_type: Some("password".into()),
        scope: Some("read write".into()),
        client_id: Some("cid".into()),
        client_secret: Some("cs".into()),
        ..login()
    };
    client
        .login_for_access_token_ucsschool_apis_auth_token_post(&body)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        body_text(&only_request(&server).await),
        "grant_type=password&username=ada&password=p%40ss+word%26%3D&scope=read+write&client_id=cid&client_secret=cs"
    );
}

#[tokio::test]
async fn validation_error_is_typed_field_by_field() {
    let server = crate::server(422, "application/json", FASTAPI_422).await;
    let client = idbroker::Client::with_base_url(&server.uri()).unwrap();
    let error = client
        .login_for_access_token_ucsschool_apis_auth_token_post(&login())
        .await
        .unwrap_err();
    let Some(LoginError::UnprocessableEntity(body)) = error.api() else {
        panic!("{error:?}")
    };
    let detail = body.detail.as_ref().expect("detail");
    assert_eq!(detail.len(), 1);
    assert_eq!(
        detail[0].loc,
        vec!["body".to_owned(), "username".to_owned()]
    );
    assert_eq!(detail[0].msg, "field required");
    assert_eq!(detail[0].r#type, "value_error.missing");
    assert_eq!(error.to_string(), "status 422: Validation Error");
}
