//! `Model<T>`: 200 JSON with the exact body, statuses in the type, headers and cookies
//! through axum tuples, `Result`, conversion from the full model, and the app-wide fast
//! encoder writing the same bytes.

use axum::body::Body;
use axum::response::AppendHeaders;
use axum::routing::{get, post};
use axum::{Json, Router};
use http::header::{LOCATION, SET_COOKIE};
use http::{Method, Request, StatusCode};
use response_model::Accepted;
#[cfg(feature = "fast-json")]
use response_model::encoder::JsonEncoder;
use response_model::prelude::*;
use serde_json::{Value, json};

use super::{ItemOut, UserInDB, UserOut, laptop};
use crate::common::{get_path, json_req, send};

#[tokio::test]
async fn model_is_200_json_with_the_exact_body() {
    let app = Router::new().route("/", get(|| async { Model::<_>(laptop()) }));
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn model_of_a_list_and_of_nested_generics() {
    let app = Router::new()
        .route(
            "/list",
            get(|| async { Model::<_>(vec![laptop(), laptop()]) }),
        )
        .route(
            "/map",
            get(|| async {
                let mut m = std::collections::BTreeMap::new();
                m.insert("a", vec![Some(1), None]);
                Model::<_>(m)
            }),
        );
    let r = get_path(&app, "/list").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":1,"name":"Laptop","price":75000.0}]"#
    );
    let r = get_path(&app, "/map").await;
    assert_eq!(r.text(), r#"{"a":[1,null]}"#);
}

#[tokio::test]
async fn model_of_none_is_200_null() {
    let app = Router::new().route("/", get(|| async { Model::<Option<ItemOut>>(None) }));
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), "null");
}

#[tokio::test]
async fn status_codes_live_in_the_type() {
    assert_eq!(Model::<ItemOut>::STATUS, 200);
    assert_eq!(Created::<ItemOut>::STATUS, 201);
    assert_eq!(Accepted::<ItemOut>::STATUS, 202);
    assert_eq!(Model::<ItemOut, 418>::STATUS, 418);
    assert_eq!(Model::<(), 999>::STATUS, 999);
    assert_eq!(Model::<(), 100>::STATUS, 100);

    let app = Router::new()
        .route(
            "/created",
            post(|Json(item): Json<ItemOut>| async move { Created::<ItemOut>::new(item) }),
        )
        .route("/accepted", get(|| async { Accepted::<[u8; 0]>::new([]) }))
        .route(
            "/teapot",
            get(|| async { Model::<_, 418>("short and stout") }),
        );
    let r = send(
        &app,
        json_req(
            Method::POST,
            "/created",
            r#"{"id":3,"name":"Pen","price":10}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":3,"name":"Pen","price":10.0}"#);

    let r = get_path(&app, "/accepted").await;
    assert_eq!((r.status, r.text()), (StatusCode::ACCEPTED, "[]"));
    let r = get_path(&app, "/teapot").await;
    assert_eq!(
        (r.status, r.text()),
        (StatusCode::IM_A_TEAPOT, r#""short and stout""#)
    );
}

#[tokio::test]
async fn headers_and_cookies_go_in_an_axum_tuple() {
    let app = Router::new().route(
        "/",
        post(|| async {
            (
                AppendHeaders([
                    (LOCATION, "/items/1"),
                    (SET_COOKIE, "session=abc; HttpOnly"),
                    (SET_COOKIE, "theme=dark"),
                ]),
                Created::<ItemOut>::new(laptop()),
            )
        }),
    );
    let r = send(&app, Request::post("/").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.headers[LOCATION], "/items/1");
    let cookies: Vec<_> = r.headers.get_all(SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["session=abc; HttpOnly", "theme=dark"]);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn result_of_model_works_both_ways() {
    async fn find(
        axum::extract::Path(id): axum::extract::Path<i64>,
    ) -> Result<Model<ItemOut>, (StatusCode, Json<Value>)> {
        if id == 1 {
            Ok(laptop().into())
        } else {
            Err((
                StatusCode::NOT_FOUND,
                Json(json!({"detail": "Item not found"})),
            ))
        }
    }
    let app = Router::new().route("/items/{id}", get(find));
    let r = get_path(&app, "/items/1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
    let r = get_path(&app, "/items/2").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.text(), r#"{"detail":"Item not found"}"#);
}

#[tokio::test]
async fn new_converts_a_full_model_into_its_view() {
    let app = Router::new().route(
        "/me",
        get(|| async {
            Model::<UserOut>::new(UserInDB {
                id: 7,
                name: "Alice".into(),
                email: "alice@x.com".into(),
                hashed_password: "$2b$12$abc...".into(),
            })
        }),
    );
    let r = get_path(&app, "/me").await;
    assert_eq!(r.text(), r#"{"id":7,"name":"Alice","email":"alice@x.com"}"#);
    assert!(!r.text().contains("$2b$"));
}

#[cfg(feature = "fast-json")]
#[tokio::test]
async fn the_app_wide_fast_encoder_writes_the_same_bytes() {
    let handler = || async {
        Model::<_>(json!({"price": 75000.0, "name": "Ünïcode \"q\"", "n": [1, 2.5, null]}))
    };
    let plain = Router::new().route("/", get(handler));
    let fast = Router::new()
        .route("/", get(handler))
        .layer(JsonEncoder::Fast.layer());
    let a = get_path(&plain, "/").await;
    let b = get_path(&fast, "/").await;
    assert_eq!(b.status, StatusCode::OK);
    assert_eq!(b.content_type(), "application/json");
    assert_eq!(a.body, b.body);
    // The map keeps its keys' order, as a Python dict (feature `preserve-order`).
    let expected = if cfg!(feature = "preserve-order") {
        r#"{"price":75000.0,"name":"Ünïcode \"q\"","n":[1,2.5,null]}"#
    } else {
        r#"{"n":[1,2.5,null],"name":"Ünïcode \"q\"","price":75000.0}"#
    };
    assert_eq!(b.text(), expected);
}
