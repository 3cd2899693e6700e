//! Contract tests, as a user of response-model writes them for an app of their own (the
//! README's "Contract testing"): the conformance check with a case table and generated
//! requests, every response of a test run validated as it is sent, and the document
//! compared with the one committed beside this package (`openapi.json`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

mod common;

use common::{Backend, TestApp};
use http::{Method, header};
use response_model::testing::{Case, Conformance, ValidateResponses, assert_compatible};
use serde_json::json;

/// 1. Every documented operation called, every answer checked against the document: the
///    cases a person writes, then 16 generated requests per operation (as the superuser).
#[tokio::test]
async fn every_route_conforms() {
    let app = TestApp::new(&Backend::Sqlite).await;
    let token = app.admin_token().await;
    let login = format!(
        "username={}&password={}",
        app.admin_email.replace('@', "%40"),
        common::ADMIN_PASSWORD
    );
    let report = Conformance::new(full_stack::api(app.state.clone()))
        .cases([
            Case::post("/api/v1/login/access-token")
                .body("application/x-www-form-urlencoded", login)
                .status(200),
            Case::post("/api/v1/login/access-token")
                .form(&[
                    ("username", "nobody@example.com"),
                    ("password", "wrong-password"),
                ])
                .status(400),
            Case::get("/api/v1/users/me").bearer(&token).status(200),
            Case::get("/api/v1/users/me").status(401),
            Case::post("/api/v1/items/")
                .bearer(&token)
                .json(&json!({"title": "A pen", "description": "blue"}))
                .status(200),
            Case::post("/api/v1/items/")
                .bearer(&token)
                .json(&json!({}))
                .status(422),
            Case::get("/api/v1/utils/health-check/").status(200),
        ])
        .header("authorization", &format!("Bearer {token}"))
        .generated(16)
        .run()
        .await;
    println!("{report}");
    report.assert_ok();
}

/// 2. The app's own flows, every response validated against the document as it is sent:
///    a response that breaks its schema would come back as a 500 and fail the test.
#[tokio::test]
async fn responses_are_validated_while_tests_run() {
    let mut app = TestApp::new(&Backend::Sqlite).await;
    let api = full_stack::api(app.state.clone());
    let validate = ValidateResponses::new(&api).fail_on_violation();
    app.router = api.into_router().layer(validate);
    let token = app.admin_token().await;
    let item = app
        .call(
            Method::POST,
            "/api/v1/items/",
            Some(&token),
            common::Send::Json(json!({"title": "A pen"})),
        )
        .await
        .expect(200);
    let id = item.body["id"].as_str().unwrap().to_owned();
    app.get("/api/v1/items/", Some(&token)).await.expect(200);
    app.get(&format!("/api/v1/items/{id}"), Some(&token))
        .await
        .expect(200);
    app.get("/api/v1/users/", Some(&token)).await.expect(200);
    let (_, _, user, _) = app.new_user().await;
    app.get(&format!("/api/v1/items/{id}"), Some(&user))
        .await
        .expect(403);
    app.get("/api/v1/users/me", None).await.expect(401);
    let answer = app.get("/api/v1/users/me", Some(&user)).await.expect(200);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
}

/// 3. The document compared with the committed `openapi.json`: a change that would break
///    the frontend's generated client fails here first.
/// `RESPONSE_MODEL_UPDATE_OPENAPI=1 cargo test -p full-stack --test contract` rewrites it.
#[tokio::test]
async fn no_breaking_change() {
    let app = TestApp::new(&Backend::Sqlite).await;
    assert_compatible("openapi.json", &full_stack::api(app.state.clone()));
}
