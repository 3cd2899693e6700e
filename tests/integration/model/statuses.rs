//! `Statuses<T, A, B, ..>`: one JSON body, a status from a set chosen at run time; the
//! document lists exactly the set, each with the body's schema, and the wire matches it.

use axum::extract::Path;
use http::StatusCode;
use response_model::Statuses;
use response_model::routing::{ApiRouter, put};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

use crate::common::{JSON, send};
use crate::openapi::assert_valid;

#[derive(Serialize, JsonSchema)]
struct Item {
    name: String,
}

/// 201 for a new item, 200 for a replaced one, 202 for one queued.
async fn put_item(Path(name): Path<String>) -> Statuses<Item, 200, 201, 202> {
    let item = Item { name: name.clone() };
    match name.as_str() {
        "foo" => Statuses::with::<200>(item),
        "later" => Statuses::with::<202>(item),
        _ => Statuses::with::<201>(item),
    }
}

fn api() -> ApiRouter {
    ApiRouter::new().route("/items/{name}", put(put_item))
}

#[tokio::test]
async fn each_status_of_the_set_is_answered_and_documented() {
    let doc = api().openapi();
    let responses = &doc["paths"]["/items/{name}"]["put"]["responses"];
    let app = api().into_router();
    for (name, status) in [("foo", 200), ("bar", 201), ("later", 202)] {
        let req = http::Request::put(format!("/items/{name}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let r = send(&app, req).await;
        assert_eq!(r.status.as_u16(), status, "{name}");
        assert_eq!(r.content_type(), JSON);
        assert_eq!(r.json(), json!({"name": name}));
        let schema = &responses[status.to_string()]["content"]["application/json"]["schema"];
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "allOf": [schema],
            "components": doc["components"],
        });
        assert_valid(&root, &r.json(), name);
    }
    let mut keys: Vec<&str> = responses
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // The set, and axum's `Path` rejection.
    assert_eq!(keys, ["200", "201", "202", "400"]);
}

#[test]
fn a_run_time_status_outside_the_set_is_refused() {
    assert!(Statuses::<u8, 200, 201>::try_new(StatusCode::IM_A_TEAPOT, 1).is_none());
    let s = Statuses::<u8, 200, 201>::try_new(StatusCode::CREATED, 1).unwrap();
    assert_eq!(s.status(), 201);
}
