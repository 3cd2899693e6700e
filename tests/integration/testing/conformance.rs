//! `Conformance` on small apps, each with one fault put in on purpose: a renamed field, a
//! status the document does not give, a required field missing, a media type changed, a
//! case that expects the wrong status or reaches another operation; and the gaps an
//! exhaustive check reports.
//!
//! The faults live in opaque handlers (`Response`) whose documented bodies are declared
//! with `response_body`: with typed handlers the document and the wire come from the same
//! types and cannot part.

use axum::Json;
use axum::response::IntoResponse;
use http::StatusCode;
use response_model::extract::{Json as Body, Path};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get, post};
use response_model::testing::{Case, Conformance, Report};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Serialize, Deserialize, schemars::JsonSchema)]
struct Item {
    name: String,
    price: f64,
}

async fn read_item(Path(id): Path<u32>) -> Result<Model<Item>, HttpError<404>> {
    match id {
        1 => Ok(Model(Item {
            name: "Pen".into(),
            price: 1.5,
        })),
        _ => Err(HttpError::new("Item not found")),
    }
}

async fn create_item(Body(item): Body<Item>) -> Created<Item> {
    Model(item)
}

/// The app without faults.
fn shop() -> ApiRouter {
    ApiRouter::new()
        .route("/items/{id}", get(read_item))
        .route("/items", post(create_item))
}

async fn run(api: ApiRouter, cases: Vec<Case>) -> Report {
    let report = Conformance::new(api).cases(cases).run().await;
    println!("{report}");
    report
}

fn failures(report: &Report) -> Vec<String> {
    report.failures().map(|f| f.problem.clone()).collect()
}

#[tokio::test]
async fn a_conforming_app_passes_and_reports_what_it_saw() {
    let report = run(
        shop(),
        vec![
            Case::get("/items/1").operation("read_item").status(200),
            Case::get("/items/2").status(404),
            Case::get("/items/x").status(422),
            Case::post("/items")
                .json(&json!({"name": "Pen", "price": 1.5}))
                .status(201),
            Case::post("/items")
                .json(&json!({"name": "Pen"}))
                .status(422),
        ],
    )
    .await;
    report.assert_ok();
    assert_eq!(report.statuses("read_item"), [200, 404, 422]);
    assert_eq!(
        report.answers("create_item"),
        [
            (201, "application/json".to_owned()),
            (422, "application/json".to_owned())
        ]
    );
    let text = report.to_string();
    assert!(
        text.contains("GET /items/{id} (read_item): 200 404 422"),
        "{text}"
    );
    assert!(text.ends_with("ok"), "{text}");
}

/// An opaque handler answering `body` with `status`, documented as a 200 `Item` (and
/// nothing else).
fn lying(status: u16, body: serde_json::Value, content_type: &'static str) -> ApiRouter {
    let handler = move || {
        let body = body.to_string();
        async move {
            (
                StatusCode::from_u16(status).unwrap(),
                [(http::header::CONTENT_TYPE, content_type)],
                body,
            )
                .into_response()
        }
    };
    shop().route(
        "/faulty",
        get(handler)
            .operation_id("faulty")
            .response_body::<Item>(StatusCode::OK, "The item"),
    )
}

#[tokio::test]
async fn a_renamed_field_is_caught_with_where_it_is() {
    let api = lying(200, json!({"nme": "Pen", "price": 1.5}), "application/json");
    let report = run(api, vec![Case::get("/faulty").status(200)]).await;
    assert!(!report.is_ok());
    let problems = failures(&report);
    // Both renderings see it.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("GET /faulty (faulty) -> 200: \"name\" is a required property"),
        "{problems:#?}"
    );
    assert!(problems[0].ends_with("[OpenAPI 3.1.0]"), "{problems:#?}");
    assert!(problems[1].ends_with("[OpenAPI 3.0.3]"), "{problems:#?}");
}

#[tokio::test]
async fn a_wrong_type_names_the_json_path() {
    let api = lying(
        200,
        json!({"name": "Pen", "price": "1.5"}),
        "application/json",
    );
    let report = run(api, vec![Case::get("/faulty")]).await;
    let problems = failures(&report);
    assert!(
        problems[0].contains("(at `/price` of the body;"),
        "{problems:#?}"
    );
}

#[tokio::test]
async fn a_changed_status_is_caught() {
    // The opaque handler is documented with its declared 200 and a `default` (its type
    // says nothing of its status or body), which a 201 falls under: not a violation.
    let api = lying(
        201,
        json!({"name": "Pen", "price": 1.5}),
        "application/json",
    );
    let report = run(api, vec![Case::get("/faulty").status(200)]).await;
    assert_eq!(failures(&report), ["answered 201, the case expects 200"]);
    // Where the document lists the statuses one by one, a status outside them is named.
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/n": {"get": {"operationId": "n", "responses": {"200": {"description": "OK"}}}}},
    });
    let router =
        axum::Router::new().route("/n", axum::routing::get(|| async { StatusCode::ACCEPTED }));
    let report = Conformance::from_parts(doc, router)
        .case(Case::get("/n"))
        .run()
        .await;
    assert_eq!(
        failures(&report),
        ["GET /n (n) -> 202: status 202 is not documented (documented: [\"200\"]) [OpenAPI 3.1.0]"]
    );
}

#[tokio::test]
async fn an_undocumented_media_type_is_caught() {
    let api = lying(200, json!({"name": "Pen", "price": 1.5}), "text/plain");
    let report = run(api, vec![Case::get("/faulty")]).await;
    let problems = failures(&report);
    assert!(
        problems[0].contains("`Content-Type: text/plain` is not a documented media type"),
        "{problems:#?}"
    );
}

#[tokio::test]
async fn a_case_with_another_status_or_operation_fails() {
    let report = run(
        shop(),
        vec![
            Case::get("/items/1").status(201),
            Case::get("/items/1").operation("create_item"),
        ],
    )
    .await;
    assert_eq!(
        failures(&report),
        [
            "answered 200, the case expects 201",
            "reached GET /items/{id} (read_item), the case expects `create_item`",
        ]
    );
    let text = report.to_string();
    assert!(text.contains("request: case 1: GET /items/1"), "{text}");
}

#[tokio::test]
async fn an_exhaustive_check_fails_on_a_status_never_produced() {
    let check = || {
        Conformance::new(shop())
            .case(Case::get("/items/1"))
            .case(Case::post("/items").json(&json!({"name": "Pen", "price": 1.5})))
            .exhaustive()
    };
    // Not exhaustive: the gaps are listed, nothing fails.
    let report = Conformance::new(shop())
        .case(Case::get("/items/1"))
        .run()
        .await;
    assert!(report.is_ok(), "{report}");
    assert!(
        report
            .to_string()
            .contains("POST /items (create_item): never called")
    );

    let report = check().run().await;
    assert!(!report.is_ok());
    let mut never = report.never_produced();
    never.sort();
    assert_eq!(
        never,
        [
            ("GET /items/{id} (read_item)".to_owned(), "404".to_owned()),
            ("GET /items/{id} (read_item)".to_owned(), "422".to_owned()),
            ("POST /items (create_item)".to_owned(), "400".to_owned()),
            ("POST /items (create_item)".to_owned(), "413".to_owned()),
            ("POST /items (create_item)".to_owned(), "415".to_owned()),
            ("POST /items (create_item)".to_owned(), "422".to_owned()),
        ]
    );
    // A reason for each status no request gives closes the gap.
    let mut check = check();
    for (op, status) in never {
        let id = if op.contains("read_item") {
            "read_item"
        } else {
            "create_item"
        };
        check = check.unreachable(id, &status, "not in this test");
    }
    let report = check.run().await;
    report.assert_ok();
    assert!(
        report
            .to_string()
            .contains("404 unreachable: not in this test")
    );
}

#[tokio::test]
async fn an_unreachable_status_that_is_produced_or_not_documented_fails() {
    let report = Conformance::new(shop())
        .case(Case::get("/items/2").status(404))
        .unreachable("read_item", "404", "wrong")
        .unreachable("read_item", "418", "not documented")
        .unreachable("nope", "200", "no such operation")
        .run()
        .await;
    let problems = failures(&report);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("status 404 is listed as unreachable, and a request produced it"));
    assert_eq!(
        problems[1],
        "no operation `read_item` documents the status 418"
    );
    assert_eq!(problems[2], "no operation `nope` documents the status 200");
}

#[tokio::test]
async fn routes_served_and_not_documented_are_listed() {
    async fn health() -> &'static str {
        "ok"
    }
    let api = shop().route_undocumented("/health", axum::routing::get(health));
    let report = Conformance::new(api).run().await;
    assert_eq!(
        report.undocumented_routes().collect::<Vec<_>>(),
        ["/health"]
    );
    assert!(report.is_ok(), "{report}");
    assert!(
        report
            .to_string()
            .contains("served, not documented: /health")
    );
}

#[tokio::test]
async fn a_router_and_its_document_can_be_checked_apart() {
    // Another framework's app, or a committed document: the document says `count` is an
    // integer, the router sends a string.
    let router = axum::Router::new().route("/count", axum::routing::get(|| async { Json("3") }));
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "Counter", "version": "1.0.0"},
        "paths": {"/count": {"get": {"operationId": "count", "responses": {"200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"type": "integer"}}},
        }}}}},
    });
    let report = Conformance::from_parts(doc, router)
        .case(Case::get("/count"))
        .run()
        .await;
    let problems = failures(&report);
    assert_eq!(
        problems,
        [
            "GET /count (count) -> 200: \"3\" is not of type \"integer\" (at `` of the body; schema `/allOf/0/type`) [OpenAPI 3.1.0]"
        ]
    );
}
