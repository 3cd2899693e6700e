//! Conformance: every operation of the sample app is called once through the public
//! conformance check (`response_model::testing::Conformance`), and each real response
//! (status, documented headers and their values, media type, body) is checked against what
//! the document says of it, in both renderings: OpenAPI 3.1 (the default) and 3.0.3. Every
//! documented status of every operation, each produced by a request of its own:
//! `statuses.rs`. The showcase's routes: `showcase.rs`.

use axum::body::Body;
use http::{Method, Request, header};
use response_model::routing::{ApiRouter, OpenApiVersion};
use response_model::testing::{Case, Conformance, Contract, Violation};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::app;
use crate::common::{get_req, json_req};

/// A request for each documented operation, by operation id. Every operation must have
/// one (the test fails on an operation it cannot call), so new routes get checked.
fn sample_request(op_id: &str) -> Request<Body> {
    let json = |method: Method, uri: &str, body: Value| json_req(method, uri, &body.to_string());
    match op_id {
        "read_item" => get_req("/items/2"),
        "list_items" => get_req("/items?skip=1&limit=2"),
        "create_item" => json(Method::POST, "/items", json!({"name": "x", "price": 2.5})),
        "delete_item" => Request::delete("/items/1").body(Body::empty()).unwrap(),
        "read_user" => get_req("/users/7"),
        "find_user" => get_req("/users/2/lookup"),
        "create_user" => json(
            Method::POST,
            "/users",
            json!({"id": 1, "name": "A", "hashed_password": "h", "bio": null}),
        ),
        "home" => get_req("/"),
        "plain_text" => get_req("/text"),
        "static_text" => get_req("/static-text"),
        "moved" => get_req("/moved"),
        "ticks" => get_req("/ticks"),
        "with_headers" => get_req("/headers"),
        "touch" => Request::put("/touch").body(Body::empty()).unwrap(),
        "nothing" => get_req("/nothing"),
        "read_file" => get_req("/files/a/b.txt"),
        "counter" => get_req("/v1/counter"),
        "account_profile" => get_req("/accounts/1"),
        "account_public" => get_req("/accounts/1/public"),
        "account_out" => get_req("/accounts/1/full"),
        "fast_item" => get_req("/fast"),
        "json_response" => get_req("/json-response"),
        "export_csv" => get_req("/export.csv"),
        "old_home" => get_req("/old-home"),
        "login" => Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=ada&remember=true"))
            .unwrap(),
        "shop_item" => get_req("/shops/north/items/3"),
        "create_model" => json(Method::POST, "/models", json!({"name": "m", "price": 1.0})),
        "validated" => get_req("/validated/1"),
        "select_accounts" => get_req("/accounts?fields=id,name"),
        "account_page" => get_req("/account-page?fields=items.name"),
        "download" => get_req("/download"),
        "words" => get_req("/words"),
        "rows" => get_req("/rows"),
        "typed_rows" => get_req("/typed-rows"),
        "events" => get_req("/events"),
        other => panic!("no sample request for operation `{other}`: add one"),
    }
}

/// The head of a response: its status and headers.
pub(super) struct Wire {
    pub(super) status: u16,
    pub(super) headers: http::HeaderMap,
}

/// Sends `req` to `app`; the head of its answer.
pub(super) async fn send(app: &axum::Router, req: Request<Body>) -> Wire {
    let res = app.clone().oneshot(req).await.unwrap();
    Wire {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
    }
}

/// Calls every operation of `api`'s document with `request(operation_id)` through the
/// public conformance check (each answer checked against both renderings);
/// `"<operationId> <status> <media type>"`, sorted.
pub(super) async fn conform_every_operation(
    api: fn() -> ApiRouter,
    request: fn(&str) -> Request<Body>,
) -> Vec<String> {
    let doc = api().openapi();
    let ids: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap().to_owned())
        .collect();
    let mut check = Conformance::new(api());
    for id in &ids {
        check = check.case(Case::request(request(id)).operation(id));
    }
    let report = check.run().await;
    report.assert_ok();
    let mut seen: Vec<String> = ids
        .iter()
        .flat_map(|id| {
            report
                .answers(id)
                .into_iter()
                .map(move |(status, media)| format!("{id} {status} {media}"))
        })
        .collect();
    seen.sort();
    seen
}

#[tokio::test]
async fn every_route_conforms_to_the_document() {
    let summary = conform_every_operation(app::api, sample_request).await;
    assert_eq!(
        summary,
        [
            "account_out 200 application/json",
            "account_page 200 application/json",
            "account_profile 200 application/json",
            "account_public 200 application/json",
            "counter 200 application/json",
            "create_item 201 application/json",
            "create_model 201 application/json",
            "create_user 200 application/json",
            "delete_item 204 ",
            "download 200 text/plain",
            "events 200 text/event-stream",
            "export_csv 200 text/plain",
            "fast_item 200 application/json",
            "find_user 404 application/json",
            "home 200 text/html",
            "json_response 200 application/json",
            "list_items 200 application/json",
            "login 200 text/html",
            "moved 308 ",
            "nothing 204 ",
            "old_home 301 ",
            "plain_text 200 text/plain",
            "read_file 200 text/plain",
            "read_item 200 application/json",
            "read_user 200 application/json",
            "rows 200 application/jsonl",
            "select_accounts 200 application/json",
            "shop_item 200 text/plain",
            "static_text 200 text/plain",
            "ticks 200 text/event-stream",
            "touch 200 ",
            "typed_rows 200 application/jsonl",
            "validated 200 application/json",
            "with_headers 200 application/json",
            "words 200 text/plain",
        ]
    );
}

/// `body` as the JSON answer of `GET /items/2` (`read_item`, documented as `Item-Output`),
/// checked by the public `Contract` against one rendering of the sample app's document.
fn check_item(version: OpenApiVersion, body: Value) -> Result<(), Violation> {
    let contract = Contract::new(&app::api().openapi_version(version));
    let mut headers = http::HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    let body = body.to_string();
    contract.check(&Method::GET, "/items/2", 200, &headers, body.as_bytes())
}

#[test]
fn a_wrong_body_fails_conformance() {
    // The body check can fail, in either rendering: a body that does not match the
    // documented schema, with where it parts from it.
    for version in [OpenApiVersion::V3_1, OpenApiVersion::V3_0] {
        let what = format!("{version:?}");
        let missing = check_item(version, json!({"name": "x", "price": 1.0})).unwrap_err();
        assert!(
            missing.message.contains("\"tags\" is a required property"),
            "{what}: {missing}"
        );
        let null = json!({"name": "x", "price": 1.0, "tags": [], "description": null});
        assert!(check_item(version, null).is_err(), "{what}");
        let wrong =
            check_item(version, json!({"name": "x", "price": "1", "tags": []})).unwrap_err();
        assert_eq!(wrong.instance_path, "/price", "{what}: {wrong}");
        assert_eq!(
            wrong.operation, "GET /items/{item_id} (read_item)",
            "{what}"
        );
        check_item(version, json!({"name": "x", "price": 1.0, "tags": []})).unwrap();
    }
}

/// The header check can fail: a documented integer header that isn't one.
#[test]
fn a_header_that_breaks_its_schema_fails_conformance() {
    let contract = Contract::from_document(json!({
        "openapi": "3.1.0",
        "paths": {"/x": {"get": {"responses": {"200": {
            "description": "OK",
            "headers": {"x-item-id": {"required": true, "schema": {"type": "integer"}}},
        }}}}},
        "components": {"schemas": {}},
    }));
    let check = |value: Option<&str>| {
        let mut headers = http::HeaderMap::new();
        if let Some(v) = value {
            headers.insert("x-item-id", v.parse().unwrap());
        }
        contract.check(&Method::GET, "/x", 200, &headers, b"")
    };
    check(Some("3")).unwrap();
    let err = check(Some("abc")).unwrap_err();
    assert!(err.message.starts_with("header `x-item-id: abc`"), "{err}");
    let err = check(None).unwrap_err();
    assert!(
        err.message
            .contains("required header `x-item-id` is missing"),
        "{err}"
    );
}
