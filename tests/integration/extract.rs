//! FastAPI-style rejections of `response_model::extract::{Path, Query, Json}`: a bad
//! request is a 4xx JSON `{"detail": [...]}` naming where it failed, never a panic.

use axum::Router;
use axum::body::Body;
use axum::routing::{get, post};
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use response_model::extract::{Json, Path, Query};
use serde::Deserialize;
use serde_json::{Value, json};
use tower::ServiceExt;

#[derive(Deserialize)]
struct Search {
    q: String,
    limit: u8,
}

#[derive(Deserialize)]
struct Item {
    #[allow(dead_code, reason = "only deserialized")]
    price: f64,
}

fn app() -> Router {
    Router::new()
        .route(
            "/users/{user_id}",
            get(|Path(id): Path<i64>| async move { id.to_string() }),
        )
        .route(
            "/search",
            get(|Query(s): Query<Search>| async move { format!("{} {}", s.q, s.limit) }),
        )
        .route("/items", post(|Json(_): Json<Item>| async { "ok" }))
}

async fn call(req: Request<Body>) -> (StatusCode, Option<String>, Value) {
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        ct,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn good_requests_pass_through() {
    let res = app().oneshot(get_req("/users/7")).await.unwrap();
    assert_eq!(res.status(), 200);
    let res = app().oneshot(get_req("/search?q=a&limit=3")).await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn bad_path_segment_is_422_naming_the_parameter_and_echoing_it() {
    let (status, ct, body) = call(get_req("/users/abc")).await;
    assert_eq!(status, 422);
    assert_eq!(ct.as_deref(), Some("application/json"));
    assert_eq!(body["detail"][0]["type"], "path_parsing");
    assert_eq!(body["detail"][0]["loc"], json!(["path", "user_id"]));
    assert_eq!(body["detail"][0]["input"], "abc");
}

#[tokio::test]
async fn bad_query_is_422_with_the_reason() {
    for uri in [
        "/search?q=a",
        "/search?q=a&limit=300",
        "/search?q=a&limit=x",
    ] {
        let (status, _, body) = call(get_req(uri)).await;
        assert_eq!(status, 422, "{uri}");
        assert_eq!(body["detail"][0]["loc"], json!(["query"]));
        assert!(
            body["detail"][0]["msg"].as_str().unwrap().contains("limit"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn bad_body_is_422_and_never_echoed() {
    let req = Request::post("/items")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"price":"SECRET-VALUE"}"#))
        .unwrap();
    let (status, _, body) = call(req).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["loc"], json!(["body"]));
    assert_eq!(body["detail"][0]["input"], Value::Null);
    let req = Request::post("/items")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    assert_eq!(call(req).await.0, 422);
}

#[tokio::test]
async fn missing_content_type_is_415_json() {
    let req = Request::post("/items")
        .body(Body::from(r#"{"price":1}"#))
        .unwrap();
    let (status, ct, body) = call(req).await;
    assert_eq!(status, 415);
    assert_eq!(ct.as_deref(), Some("application/json"));
    assert_eq!(body["detail"][0]["type"], "body_parsing");
}
