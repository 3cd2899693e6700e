//! Micro benchmarks of response-model (issue #13), each beside its baseline in the same
//! run: divan prints them next to each other (same group, `ours` / `baseline` names).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p response-model-benches --bench micro
//! ```
//!
//! Groups:
//! - `serialize`: a derived view vs the equivalent hand-written `#[derive(Serialize)]` DTO,
//!   flat and nested, 1 and 1,000 items, serde_json and sonic-rs (`JsonEncoder::Fast`).
//! - `into_response`: `Model<T>` vs `axum::Json<T>`, and a view returned as is.
//! - `fast_json`: sonic-rs vs serde_json on the course's `/users` and `/big-data` payloads.
//! - `validate`: `Model::validate` of dict-like rows (a `serde_json::Value`) vs
//!   serializing the same items as structs; `from_value` (no tracking) for reference.
//! - `selection`: `?fields=id,name` applied to n items vs serializing them unselected; per
//!   request (diagnostic): the query parsed and applied at `/items` with its response, and
//!   the example's whole route in process, each vs its hand-written twin.
//! - `openapi`: the document of 500 routes built vs the same document only written out;
//!   `/openapi.json` served by the `ApiRouter` vs a plain route sending the same bytes.
//!
//! The allocation counts of `From<Model>` are in `benches/alloc_counts.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: a bench, not a server path
#![allow(missing_docs, unreachable_pub)] // reason: a bench binary

use axum::response::IntoResponse;
use divan::{Bencher, black_box};
use response_model::Selection;
use response_model::encoder::JsonEncoder;
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1, 1000];

// --- the types -------------------------------------------------------------------------

#[path = "fields_from_full.rs"]
mod fields_from_full;
#[path = "models.rs"]
mod models;
use fields_from_full::{Page, fields_users_from_full};
use models::*;

/// Benches one request through `app` in process (`tower::oneshot` on a current-thread
/// runtime), after checking it answers 200 with `expected`.
fn oneshot_bench(b: Bencher, app: axum::Router, uri: &'static str, expected: &[u8]) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let call = |app: &axum::Router| {
        rt.block_on(async {
            let req = http::Request::get(uri)
                .body(axum::body::Body::empty())
                .unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            assert_eq!(res.status(), 200);
            res.into_body().collect().await.unwrap().to_bytes()
        })
    };
    assert_eq!(call(&app), expected);
    b.bench(|| call(&app));
}

fn user(i: usize) -> UserInDB {
    UserInDB {
        id: i as i64,
        name: format!("User {i}"),
        email: format!("user{i}@example.com"),
        hashed_password: "$2b$12$abcdefghijklmnopqrstuv".into(),
        is_superuser: i.is_multiple_of(7),
    }
}

fn order(i: usize) -> Order {
    Order {
        id: i as i64,
        customer: format!("Customer {i}"),
        lines: (0..5)
            .map(|j| Line {
                sku: format!("SKU-{i}-{j}"),
                quantity: j as u32 + 1,
                price: 9.99 * (j as f64 + 1.0),
                cost: 4.5,
            })
            .collect(),
        gift: None,
        internal_note: "call before delivery".into(),
    }
}

fn flat_views(n: usize) -> Vec<UserOut> {
    (0..n).map(|i| UserOut::from(user(i))).collect()
}
fn flat_dtos(n: usize) -> Vec<UserDto> {
    (0..n).map(|i| UserDto::from(user(i))).collect()
}
fn nested_views(n: usize) -> Vec<OrderOut> {
    (0..n).map(|i| OrderOut::from(order(i))).collect()
}
fn nested_dtos(n: usize) -> Vec<OrderDto> {
    (0..n).map(|i| OrderDto::from(order(i))).collect()
}

fn same_bytes<A: Serialize, B: Serialize>(a: &A, b: &B) {
    assert_eq!(
        serde_json::to_vec(a).unwrap(),
        serde_json::to_vec(b).unwrap(),
        "the view and the DTO must write the same bytes"
    );
}

// --- serialize: view vs hand-written DTO -------------------------------------------------

#[divan::bench_group]
mod serialize {
    use super::*;

    fn run<T: Serialize + Sync>(b: Bencher, value: &T, encoder: JsonEncoder) {
        b.bench(|| encoder.to_vec(black_box(value)).unwrap());
    }

    #[divan::bench(args = SIZES)]
    fn flat_serde_json_ours_view(b: Bencher, n: usize) {
        let v = flat_views(n);
        same_bytes(&v, &flat_dtos(n));
        run(b, &v, JsonEncoder::Standard);
    }
    #[divan::bench(args = SIZES)]
    fn flat_serde_json_baseline_dto(b: Bencher, n: usize) {
        run(b, &flat_dtos(n), JsonEncoder::Standard);
    }
    #[divan::bench(args = SIZES)]
    fn flat_fast_ours_view(b: Bencher, n: usize) {
        run(b, &flat_views(n), JsonEncoder::Fast);
    }
    #[divan::bench(args = SIZES)]
    fn flat_fast_baseline_dto(b: Bencher, n: usize) {
        run(b, &flat_dtos(n), JsonEncoder::Fast);
    }
    #[divan::bench(args = SIZES)]
    fn nested_serde_json_ours_view(b: Bencher, n: usize) {
        let v = nested_views(n);
        same_bytes(&v, &nested_dtos(n));
        run(b, &v, JsonEncoder::Standard);
    }
    #[divan::bench(args = SIZES)]
    fn nested_serde_json_baseline_dto(b: Bencher, n: usize) {
        run(b, &nested_dtos(n), JsonEncoder::Standard);
    }
    #[divan::bench(args = SIZES)]
    fn nested_fast_ours_view(b: Bencher, n: usize) {
        run(b, &nested_views(n), JsonEncoder::Fast);
    }
    #[divan::bench(args = SIZES)]
    fn nested_fast_baseline_dto(b: Bencher, n: usize) {
        run(b, &nested_dtos(n), JsonEncoder::Fast);
    }
}

// --- into_response: Model<T> vs axum::Json<T>, a view ----------------------------------

#[divan::bench_group]
mod into_response {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn model_ours(b: Bencher, n: usize) {
        b.with_inputs(|| flat_dtos(n))
            .bench_values(|v| Model::<_>(v).into_response());
    }
    #[divan::bench(args = SIZES)]
    fn axum_json_baseline(b: Bencher, n: usize) {
        b.with_inputs(|| flat_dtos(n))
            .bench_values(|v| axum::Json(v).into_response());
    }
    /// One view returned as is (its own `IntoResponse`) vs `axum::Json` of the DTO.
    #[divan::bench]
    fn view_ours(b: Bencher) {
        b.with_inputs(|| UserOut::from(user(1)))
            .bench_values(|v| v.into_response());
    }
    #[divan::bench]
    fn view_axum_json_baseline(b: Bencher) {
        b.with_inputs(|| UserDto::from(user(1)))
            .bench_values(|v| axum::Json(v).into_response());
    }
}

// --- fast_json: sonic-rs vs serde_json on the course's payloads -------------------------

#[derive(Serialize)]
struct CourseUser {
    id: u32,
    name: String,
}

#[derive(Serialize)]
struct BigData {
    items: Vec<u32>,
}

#[divan::bench_group]
mod fast_json {
    use super::*;

    fn users() -> Vec<CourseUser> {
        (0..1000)
            .map(|i| CourseUser {
                id: i,
                name: format!("User {i}"),
            })
            .collect()
    }
    fn big() -> BigData {
        BigData {
            items: (0..10_000).collect(),
        }
    }

    #[divan::bench]
    fn users_1000_fast_ours(b: Bencher) {
        let v = users();
        assert_eq!(
            JsonEncoder::Fast.to_vec(&v).unwrap(),
            serde_json::to_vec(&v).unwrap()
        );
        b.bench(|| JsonEncoder::Fast.to_vec(black_box(&v)).unwrap());
    }
    #[divan::bench]
    fn users_1000_serde_json_baseline(b: Bencher) {
        let v = users();
        b.bench(|| serde_json::to_vec(black_box(&v)).unwrap());
    }
    /// Reference: `sonic_rs::to_vec` called directly (no library around it).
    #[divan::bench]
    fn users_1000_sonic_rs_direct_reference(b: Bencher) {
        let v = users();
        b.bench(|| sonic_rs::to_vec(black_box(&v)).unwrap());
    }
    /// Reference: `sonic_rs::to_vec` called directly.
    #[divan::bench]
    fn big_data_10000_sonic_rs_direct_reference(b: Bencher) {
        let v = big();
        b.bench(|| sonic_rs::to_vec(black_box(&v)).unwrap());
    }
    #[divan::bench]
    fn big_data_10000_fast_ours(b: Bencher) {
        let v = big();
        assert_eq!(
            JsonEncoder::Fast.to_vec(&v).unwrap(),
            serde_json::to_vec(&v).unwrap()
        );
        b.bench(|| JsonEncoder::Fast.to_vec(black_box(&v)).unwrap());
    }
    #[divan::bench]
    fn big_data_10000_serde_json_baseline(b: Bencher) {
        let v = big();
        b.bench(|| serde_json::to_vec(black_box(&v)).unwrap());
    }
}

// --- validate: Model::validate of dict-like rows vs serializing the items ----------------

/// The course's `ItemOut`.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
pub struct ItemOut {
    id: i64,
    name: String,
    price: f64,
}

/// The example's rows: dicts with an unknown key and integer prices.
fn item_rows(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"id": i, "name": format!("Item {i}"), "price": 75000, "secret": "ignored"}))
            .collect(),
    )
}

fn items(n: usize) -> Vec<ItemOut> {
    (0..n)
        .map(|i| ItemOut {
            id: i as i64,
            name: format!("Item {i}"),
            price: 75000.0,
        })
        .collect()
}

#[divan::bench_group]
mod validate {
    use super::*;

    /// `Model::validate(rows)` then the bytes it sends.
    #[divan::bench(args = SIZES)]
    fn validate_then_serialize_ours(b: Bencher, n: usize) {
        let rows = item_rows(n);
        let m = Model::<Vec<ItemOut>>::validate(rows.clone()).unwrap();
        assert_eq!(
            serde_json::to_vec(&m.0).unwrap(),
            serde_json::to_vec(&items(n)).unwrap()
        );
        b.with_inputs(|| rows.clone()).bench_values(|rows| {
            let m = Model::<Vec<ItemOut>>::validate(rows).unwrap();
            serde_json::to_vec(&m.0).unwrap()
        });
    }
    /// `Model::validate(rows)` alone (a `Value`: read directly, not copied).
    #[divan::bench(args = SIZES)]
    fn validate_only_ours(b: Bencher, n: usize) {
        b.with_inputs(|| item_rows(n))
            .bench_values(|rows| Model::<Vec<ItemOut>>::validate(rows).unwrap());
    }
    /// A borrowed value: `Model::validate(rows.clone())` (`validate` takes a `'static`
    /// value, so a borrowed one is cloned).
    #[divan::bench(args = SIZES)]
    fn validate_borrowed_ours(b: Bencher, n: usize) {
        let rows = item_rows(n);
        b.bench(|| Model::<Vec<ItemOut>>::validate(black_box(&rows).clone()).unwrap());
    }
    /// Reference: `serde_json::from_value` alone (no copy of the value, no path tracking).
    #[divan::bench(args = SIZES)]
    fn from_value_reference(b: Bencher, n: usize) {
        b.with_inputs(|| item_rows(n))
            .bench_values(|rows| serde_json::from_value::<Vec<ItemOut>>(rows).unwrap());
    }
    /// Reference: `serde_json::to_value` of the rows alone (the copy `validate` makes of a
    /// value it cannot see is already a `Value`).
    #[divan::bench(args = SIZES)]
    fn to_value_reference(b: Bencher, n: usize) {
        let rows = item_rows(n);
        b.bench(|| serde_json::to_value(black_box(&rows)).unwrap());
    }
    /// The baseline: the same items, built as structs, serialized.
    #[divan::bench(args = SIZES)]
    fn serialize_items_baseline(b: Bencher, n: usize) {
        let v = items(n);
        b.bench(|| serde_json::to_vec(black_box(&v)).unwrap());
    }
}

// --- selection: ?fields=id,name vs unselected --------------------------------------------

#[divan::bench_group]
mod selection {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn fields_id_name_ours(b: Bencher, n: usize) {
        let sel = Selection::<UserOut>::from_query("fields=id,name").unwrap();
        let v = flat_views(n);
        b.bench(|| sel.apply(black_box(&v)).into_bytes().unwrap());
    }
    #[divan::bench(args = SIZES)]
    fn all_fields_selection_ours(b: Bencher, n: usize) {
        let sel = Selection::<UserOut>::all();
        let v = flat_views(n);
        assert_eq!(
            sel.apply(&v).into_bytes().unwrap(),
            serde_json::to_vec(&v).unwrap()
        );
        b.bench(|| sel.apply(black_box(&v)).into_bytes().unwrap());
    }
    #[divan::bench(args = SIZES)]
    fn unselected_baseline(b: Bencher, n: usize) {
        let v = flat_views(n);
        b.bench(|| serde_json::to_vec(black_box(&v)).unwrap());
    }

    #[derive(Serialize)]
    struct IdName<'a> {
        id: i64,
        name: &'a str,
    }

    /// Diagnostic, the load benchmark's `/fields/users?fields=id,name` in process without
    /// building the users: the query parsed and checked, the selection applied at `/items`
    /// of a page of two views, the response made.
    #[divan::bench]
    fn request_fields_at_items_ours(b: Bencher) {
        let page = Page {
            items: flat_views(2),
            total: 2,
        };
        b.bench(|| {
            let sel = Selection::<UserOut>::from_query(black_box("fields=id,name")).unwrap();
            sel.apply_at("/items", black_box(&page)).into_response()
        });
    }
    /// Diagnostic, the whole route in process: the example's `/users?fields=id,name`
    /// (`examples/src/include_exclude.rs`, the showcase's `/fields/users`) through its router.
    #[divan::bench]
    fn route_fields_users_ours(b: Bencher) {
        route(b, response_model_examples::include_exclude::app());
    }
    /// Its baseline: the load benchmark's `/fields/users-from-full` (`benches/baseline.rs`:
    /// the same two full users built, copied into a two-field DTO, `axum::Json`).
    #[divan::bench]
    fn route_fields_users_baseline(b: Bencher) {
        route(
            b,
            axum::Router::new().route("/users", axum::routing::get(fields_users_from_full)),
        );
    }

    fn route(b: Bencher, app: axum::Router) {
        super::oneshot_bench(
            b,
            app,
            "/users?fields=id,name",
            br#"{"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}"#,
        );
    }

    /// Its baseline: the same page as two-field DTOs (borrowing the names), `axum::Json`.
    #[divan::bench]
    fn request_fields_at_items_baseline(b: Bencher) {
        let users = flat_views(2);
        b.bench(|| {
            let items = black_box(&users)
                .iter()
                .map(|u| IdName {
                    id: u.id,
                    name: &u.name,
                })
                .collect();
            axum::Json(Page { items, total: 2 }).into_response()
        });
    }
}

// --- openapi: 500 routes ------------------------------------------------------------------

async fn get_user(axum::extract::Path(id): axum::extract::Path<i64>) -> Model<UserOut> {
    Model::new(user(id as usize))
}

async fn list_orders() -> Model<Vec<OrderOut>> {
    Model(nested_views(2))
}

fn api_500() -> ApiRouter {
    (0..250).fold(ApiRouter::new().title("bench"), |api, i| {
        api.route(&format!("/r{i}/users/{{id}}"), get(get_user))
            .route(&format!("/r{i}/orders"), get(list_orders))
    })
}

#[divan::bench_group]
mod openapi {
    use super::*;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// The document of 500 routes, built and written as JSON.
    #[divan::bench]
    fn build_500_routes_ours(b: Bencher) {
        let api = api_500();
        b.bench(|| api.openapi_json());
    }
    /// Baseline: the same finished document only written as JSON.
    #[divan::bench]
    fn write_finished_document_baseline(b: Bencher) {
        let doc = api_500().openapi();
        b.bench(|| serde_json::to_string_pretty(black_box(&doc)).unwrap());
    }

    fn fetch(rt: &tokio::runtime::Runtime, app: &axum::Router) -> bytes::Bytes {
        rt.block_on(async {
            let req = http::Request::get("/openapi.json")
                .body(axum::body::Body::empty())
                .unwrap();
            let res = app.clone().oneshot(req).await.unwrap();
            res.into_body().collect().await.unwrap().to_bytes()
        })
    }

    /// `/openapi.json` of the 500-route app, served by `with_docs` (built once).
    #[divan::bench]
    fn serve_openapi_json_ours(b: Bencher) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let app = api_500().with_docs().into_router();
        b.bench(|| fetch(&rt, &app));
    }
    /// Baseline: a plain axum route sending the same bytes.
    #[divan::bench]
    fn serve_static_bytes_baseline(b: Bencher) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let ours = api_500().with_docs().into_router();
        let body = fetch(&rt, &ours);
        let app = axum::Router::new().route(
            "/openapi.json",
            axum::routing::get(move || {
                let body = body.clone();
                async move { ([(http::header::CONTENT_TYPE, "application/json")], body) }
            }),
        );
        assert_eq!(fetch(&rt, &app), fetch(&rt, &ours));
        b.bench(|| fetch(&rt, &app));
    }
}

// --- routing: one request in process (no socket), to find where a route's cost goes -------

/// The example's `/models/users/{user_id}`: response-model's `Path` and a view.
async fn rm_view(
    response_model::extract::Path(id): response_model::extract::Path<i64>,
) -> Model<UserOut> {
    Model::new(UserInDB {
        id,
        name: "Alice".into(),
        email: "alice@x.com".into(),
        hashed_password: "$2b$12$abc...".into(),
        is_superuser: false,
    })
}

/// The baseline's: axum's `Path` and `axum::Json` of a hand-written DTO.
async fn axum_dto(axum::extract::Path(id): axum::extract::Path<i64>) -> axum::Json<UserDto> {
    axum::Json(UserDto::from(UserInDB {
        id,
        name: "Alice".into(),
        email: "alice@x.com".into(),
        hashed_password: "$2b$12$abc...".into(),
        is_superuser: false,
    }))
}

/// axum's `Path` with the view: the extractor's share.
async fn axum_path_view(axum::extract::Path(id): axum::extract::Path<i64>) -> Model<UserOut> {
    rm_view(response_model::extract::Path(id)).await
}

#[divan::bench_group]
mod routing {
    use super::*;

    fn run(b: Bencher, app: axum::Router) {
        super::oneshot_bench(
            b,
            app,
            "/models/users/1",
            br#"{"id":1,"name":"Alice","email":"alice@x.com"}"#,
        );
    }

    /// As the showcase: an `ApiRouter` nested under `/models`.
    #[divan::bench]
    fn api_router_nested_ours(b: Bencher) {
        let api = ApiRouter::new().route("/users/{user_id}", get(rm_view));
        run(b, ApiRouter::new().nest("/models", api).into_router());
    }
    /// The same handler on a flat `ApiRouter` route.
    #[divan::bench]
    fn api_router_flat_ours(b: Bencher) {
        run(
            b,
            ApiRouter::new()
                .route("/models/users/{user_id}", get(rm_view))
                .into_router(),
        );
    }
    /// The view handler on a flat axum route, with axum's `Path`.
    #[divan::bench]
    fn axum_flat_axum_path_view(b: Bencher) {
        run(
            b,
            axum::Router::new().route(
                "/models/users/{user_id}",
                axum::routing::get(axum_path_view),
            ),
        );
    }
    /// The baseline's handler nested with `axum::Router::nest`.
    #[divan::bench]
    fn axum_nested_dto(b: Bencher) {
        let inner = axum::Router::new().route("/users/{user_id}", axum::routing::get(axum_dto));
        run(b, axum::Router::new().nest("/models", inner));
    }
    /// The baseline: a flat axum route, axum's `Path`, `axum::Json` of the DTO.
    #[divan::bench]
    fn axum_flat_dto_baseline(b: Bencher) {
        run(
            b,
            axum::Router::new().route("/models/users/{user_id}", axum::routing::get(axum_dto)),
        );
    }
}

// --- items_route: the example's `/models/items` handler and its response, in process ------

/// The example's two dict rows (`json!`, an unknown key, integer prices).
fn course_rows() -> Value {
    json!([
        {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
        {"id": 2, "name": "Phone",  "price": 30000},
    ])
}

#[divan::bench_group]
mod items_route {
    use super::*;

    fn body(res: axum::response::Response) -> usize {
        let _ = res.status();
        std::mem::size_of_val(&res)
    }

    /// The example: `json!` rows through `Model::validate`, then the response.
    #[divan::bench]
    fn dicts_validate_ours(b: Bencher) {
        b.bench(|| body(Model::<Vec<ItemOut>>::validate(course_rows()).into_response()));
    }
    /// The dicts converted by hand: `json!` + `serde_json::from_value` + `axum::Json`.
    #[divan::bench]
    fn dicts_from_value_by_hand(b: Bencher) {
        b.bench(|| {
            body(
                axum::Json(serde_json::from_value::<Vec<ItemOut>>(course_rows()).unwrap())
                    .into_response(),
            )
        });
    }
    /// The baseline: the structs built directly, `axum::Json`.
    #[divan::bench]
    fn structs_baseline(b: Bencher) {
        b.bench(|| {
            body(
                axum::Json(vec![
                    ItemOut {
                        id: 1,
                        name: "Laptop".into(),
                        price: 75000.0,
                    },
                    ItemOut {
                        id: 2,
                        name: "Phone".into(),
                        price: 30000.0,
                    },
                ])
                .into_response(),
            )
        });
    }
    /// Building the `json!` rows alone (and dropping them).
    #[divan::bench]
    fn json_rows_alone_reference(b: Bencher) {
        b.bench(course_rows);
    }
}
