//! What `response_model::testing::ValidateResponses` costs per request (issue #20): the same
//! request through the same app, with and without the layer, in one run (divan prints each
//! pair side by side: `without_baseline` / `with_ours`). In process (`oneshot`, no socket),
//! the response read whole, so the figure is the layer's share of a whole request.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p response-model-benches --features testing --bench validate
//! ```
//!
//! Groups:
//! - `small_json`: `GET /users/1` of the `response_models` example (a view of 3 fields).
//! - `json_1000`: a `Json<Vec<Row>>` of 1,000 rows: the body buffered and checked whole;
//!   parsing it into a `Value` alone, for reference.
//! - `jsonl_1000`: the same rows as JSON Lines: each line checked as its frame passes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: a bench, not a server path
#![allow(missing_docs, unreachable_pub)] // reason: a bench binary

use axum::Json;
use axum::body::Body;
use divan::Bencher;
use http_body_util::BodyExt;
use response_model::responses::JsonLines;
use response_model::routing::{ApiRouter, get};
use response_model::testing::ValidateResponses;
use tower::ServiceExt;

fn main() {
    divan::main();
}

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Row {
    id: u32,
    name: String,
    price: f64,
    tags: Vec<String>,
}

fn rows() -> Vec<Row> {
    (0..1000)
        .map(|id| Row {
            id,
            name: format!("row {id}"),
            price: f64::from(id) * 1.5,
            tags: vec!["a".into(), "b".into()],
        })
        .collect()
}

async fn json_rows() -> Json<Vec<Row>> {
    Json(rows())
}

async fn jsonl_rows() -> JsonLines<Row> {
    JsonLines::new(futures_util::stream::iter(rows()))
}

fn api() -> ApiRouter {
    response_model_examples::response_models::api()
        .route("/rows.json", get(json_rows))
        .route("/rows.jsonl", get(jsonl_rows))
}

/// The app without the layer, and with it (failing on violations, as a test would run it).
fn apps() -> (axum::Router, axum::Router) {
    let plain = api().into_router();
    let api = api();
    let validate = ValidateResponses::new(&api).fail_on_violation();
    (plain, api.into_router().layer(validate))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn fetch(rt: &tokio::runtime::Runtime, app: &axum::Router, path: &str) -> bytes::Bytes {
    rt.block_on(async {
        let req = http::Request::get(path).body(Body::empty()).unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), 200);
        res.into_body().collect().await.unwrap().to_bytes()
    })
}

/// Both apps answer `path` with the same bytes; then `b` times `app` (the one `with` picks).
fn bench(b: Bencher, path: &str, with: bool) {
    let rt = runtime();
    let (plain, checked) = apps();
    assert_eq!(fetch(&rt, &plain, path), fetch(&rt, &checked, path));
    let app = if with { checked } else { plain };
    b.bench_local(|| fetch(&rt, &app, path));
}

#[divan::bench_group]
mod small_json {
    use super::*;

    #[divan::bench]
    fn without_baseline(b: Bencher) {
        bench(b, "/users/1", false);
    }
    #[divan::bench]
    fn with_ours(b: Bencher) {
        bench(b, "/users/1", true);
    }
}

#[divan::bench_group]
mod json_1000 {
    use super::*;

    #[divan::bench]
    fn without_baseline(b: Bencher) {
        bench(b, "/rows.json", false);
    }
    #[divan::bench]
    fn with_ours(b: Bencher) {
        bench(b, "/rows.json", true);
    }
    /// Reference: only parsing the body into a `serde_json::Value`, the least a check of
    /// a JSON body does (the rest is the schema's validation and the layer).
    #[divan::bench]
    fn parse_only_reference(b: Bencher) {
        let rt = runtime();
        let (plain, _) = apps();
        let body = fetch(&rt, &plain, "/rows.json");
        b.bench_local(|| {
            serde_json::from_slice::<serde_json::Value>(divan::black_box(&body)).unwrap()
        });
    }
}

#[divan::bench_group]
mod jsonl_1000 {
    use super::*;

    #[divan::bench]
    fn without_baseline(b: Bencher) {
        bench(b, "/rows.jsonl", false);
    }
    #[divan::bench]
    fn with_ours(b: Bencher) {
        bench(b, "/rows.jsonl", true);
    }
}
