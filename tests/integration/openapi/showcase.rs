//! The showcase (`examples/showcase.rs`: every example, one document): its document's
//! snapshot, validity (3.0, 3.1, 3.2) and determinism, and the conformance of every route
//! to it (one request each here; every documented status: `statuses.rs`). The showcase
//! serves the course's templates: feature `templates`.

use axum::body::Body;
use http::{Method, Request};
use response_model::routing::OpenApiVersion;
use serde_json::{Value, json};

use response_model::testing::Conformance;

use super::conformance::conform_every_operation;
use super::document::assert_document_snapshot;
use super::{assert_valid, oas_schema};
use crate::common::{get_req, json_req, multipart_req};
use crate::examples::showcase;

#[test]
#[cfg_attr(
    not(feature = "preserve-order"),
    ignore = "the snapshots are recorded in field order (the default `preserve-order` feature)"
)]
fn showcase_document_matches_snapshot() {
    assert_document_snapshot("openapi_showcase", &showcase::api().openapi_json());
}

#[test]
fn showcase_document_is_valid_and_deterministic() {
    let a = showcase::api().openapi_json();
    assert_eq!(a, showcase::api().openapi_json());
    let doc: Value = serde_json::from_str(&a).unwrap();
    assert_valid(&oas_schema("3.1"), &doc, "the showcase document");
    let doc32 = showcase::api()
        .openapi_version(OpenApiVersion::V3_2)
        .openapi();
    assert_valid(&oas_schema("3.2"), &doc32, "the showcase 3.2 document");
    let v30 = showcase::api()
        .openapi_version(OpenApiVersion::V3_0)
        .openapi_json();
    assert_eq!(
        v30,
        showcase::api()
            .openapi_version(OpenApiVersion::V3_0)
            .openapi_json()
    );
    let doc30: Value = serde_json::from_str(&v30).unwrap();
    assert_eq!(doc30["openapi"], "3.0.3");
    assert_valid(&oas_schema("3.0"), &doc30, "the showcase 3.0 document");
}

fn showcase_request(op_id: &str) -> Request<Body> {
    let post_json = |uri: &str, body: Value| json_req(Method::POST, uri, &body.to_string());
    match op_id {
        "root" => get_req("/"),
        "ai_stream" => get_req("/ai/stream?prompt=hi"),
        "get_avatar" => get_req("/avatar/1"),
        "get_big_data" => get_req("/big-data"),
        "check" => get_req("/check?flag=yes"),
        "dashboard" => get_req("/dashboard"),
        "download_report" => get_req("/download/report"),
        "sse_events" => get_req("/events"),
        "export_csv" => get_req("/export/csv"),
        "stream_large_csv" => get_req("/export/large-csv"),
        "export_user_data" => get_req("/export/7"),
        "get_profile" => get_req("/fields/profile"),
        "list_users" => get_req("/fields/users?fields=id,name"),
        "get_user_fields_users__uid__get" => get_req("/fields/users/1"),
        "get_user_public" => get_req("/fields/users/1/public"),
        "health_page" => get_req("/health"),
        "list_items_items_get" => get_req("/items"),
        "create_item_items_post" => Request::post("/items").body(Body::empty()).unwrap(),
        "login" => post_json("/login", json!({"username": "alice", "password": "x"})),
        "maintenance_page" => get_req("/maintenance"),
        "list_items_models_items_get" => get_req("/models/items"),
        "create_item_models_items_post" => post_json(
            "/models/items",
            json!({"id": 3, "name": "Pen", "price": 10}),
        ),
        "get_item" => get_req("/models/items/999"),
        "get_user_models_users__user_id__get" => get_req("/models/users/1"),
        "old_path" => get_req("/old-path"),
        "ping" => get_req("/ping"),
        "get_users" => get_req("/users"),
        "users_v1" => get_req("/v1/users"),
        "browse_users" => get_req("/db/users?fields=id,email"),
        "create_user" => post_json(
            "/db/users",
            json!({"name": "Carol", "email": "carol@example.com", "password": "correct horse"}),
        ),
        "read_user" => get_req("/db/users/1"),
        "read_user_public" => get_req("/db/users/1/public"),
        "update_user" => json_req(Method::PATCH, "/db/users/1", r#"{"is_active": false}"#),
        "delete_user" => Request::delete("/db/users/2").body(Body::empty()).unwrap(),
        "list_user_items" => get_req("/db/users/1/items"),
        "add_user_item" => post_json("/db/users/1/items", json!({"name": "Bar", "price": 62})),
        "sign_in" => post_json(
            "/db/login",
            json!({"email": "alice@example.com", "password": "supersecret"}),
        ),
        "sign_out" => Request::post("/db/logout").body(Body::empty()).unwrap(),
        "read_me" => Request::get("/db/users/me")
            .header("cookie", "session=user-1")
            .body(Body::empty())
            .unwrap(),
        "read_user_card" => Request::get("/db/users/1/card")
            .header("accept", "application/xml")
            .body(Body::empty())
            .unwrap(),
        "put_user_item" => json_req(
            Method::PUT,
            "/db/users/1/items/40",
            r#"{"name": "Pen", "price": 1.5}"#,
        ),
        "upload_file" => multipart_req(
            "/files/upload",
            &[
                ("file", Some("notes.txt"), Some("text/plain"), b"hello"),
                ("description", None, None, b"notes"),
            ],
        ),
        "upload_files" => multipart_req(
            "/files/uploads",
            &[
                ("files", Some("a.txt"), None, b"a"),
                ("files", Some("b.png"), Some("image/png"), b"\x89PNG"),
            ],
        ),
        other => panic!("no sample request for the showcase's operation `{other}`: add one"),
    }
}

#[tokio::test]
async fn every_showcase_route_conforms_to_the_document() {
    let seen = conform_every_operation(showcase::api, showcase_request).await;
    assert_eq!(
        seen,
        [
            "add_user_item 201 application/json",
            "ai_stream 200 text/plain",
            "browse_users 200 application/json",
            "check 200 application/json",
            "create_item_items_post 201 application/json",
            "create_item_models_items_post 201 application/json",
            "create_user 201 application/json",
            "dashboard 200 text/html",
            "delete_user 204 ",
            "download_report 200 application/pdf",
            "export_csv 200 text/plain",
            "export_user_data 200 text/csv",
            "get_avatar 200 image/png",
            "get_big_data 200 application/json",
            "get_item 200 application/json",
            "get_profile 200 application/json",
            "get_user_fields_users__uid__get 200 application/json",
            "get_user_models_users__user_id__get 200 application/json",
            "get_user_public 200 application/json",
            "get_users 200 application/json",
            "health_page 200 text/html",
            "list_items_items_get 200 application/json",
            "list_items_models_items_get 200 application/json",
            "list_user_items 200 application/json",
            "list_users 200 application/json",
            "login 303 ",
            "maintenance_page 503 text/html",
            "old_path 301 ",
            "ping 200 text/plain",
            "put_user_item 201 application/json",
            "read_me 200 application/json",
            "read_user 200 application/json",
            "read_user_card 200 application/xml",
            "read_user_public 200 application/json",
            "root 307 ",
            "sign_in 200 application/json",
            "sign_out 204 ",
            "sse_events 200 text/event-stream",
            "stream_large_csv 200 text/csv",
            "update_user 200 application/json",
            "upload_file 200 application/json",
            "upload_files 200 application/json",
            "users_v1 308 ",
        ]
    );
}

/// Every request the showcase's document allows is accepted, every one it refuses gets a
/// 4xx: generated requests (examples and defaults first, then values from the input
/// schemas, one in four with one part made invalid), four seeds, every answer checked.
/// A garde rule the schema does not show, or a `?fields=` name the pattern admits and the
/// server refuses, fails here.
#[tokio::test]
async fn every_request_the_document_allows_is_accepted() {
    for seed in 0..4 {
        let report = Conformance::new(showcase::api())
            .generated(24)
            .seed(seed)
            .run()
            .await;
        println!("{report}");
        report.assert_ok();
    }
}
