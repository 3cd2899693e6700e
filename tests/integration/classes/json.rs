//! `Model` as FastAPI's JSONResponse: the course example's JSON endpoints, status,
//! headers and cookies from axum tuples, and an encoding failure as a logged generic 500.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::response::AppendHeaders;
use axum::routing::get;
use http::header::{CONTENT_TYPE, SET_COOKIE};
use http::{Request, StatusCode};
use response_model::Model;
use response_model::responses::FastJson;
use serde_json::json;

use super::course::example_app;
use crate::common::{GENERIC_500, JSON, Logs, TEXT, get_path, send};

#[tokio::test]
async fn json_implicit_items() {
    let r = get_path(&example_app(), "/items").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"items":["a","b"]}"#);
}

#[tokio::test]
async fn json_explicit_created_with_header() {
    let r = send(
        &example_app(),
        Request::post("/items").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.header("x-item-id"), "42");
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"message":"created","id":42}"#);
}

#[tokio::test]
async fn json_check_flag_true_false_and_python_spellings() {
    let app = example_app();
    for path in [
        "/check",
        "/check?flag=true",
        "/check?flag=True",
        "/check?flag=1",
        "/check?flag=yes",
    ] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.text(), r#"{"status":"ok"}"#, "{path}");
    }
    for path in [
        "/check?flag=false",
        "/check?flag=False",
        "/check?flag=0",
        "/check?flag=off",
    ] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), JSON);
        assert_eq!(r.text(), r#"{"error":"flag is False"}"#, "{path}");
    }
}

#[tokio::test]
async fn json_check_bad_query_is_422_naming_the_field() {
    let app = example_app();
    for (path, input) in [("/check?flag=maybe", "maybe"), ("/check?flag=", "")] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), JSON);
        // FastAPI's body: Pydantic's type, where, why, and the value sent.
        assert_eq!(
            r.json(),
            serde_json::json!({"detail": [{
                "type": "bool_parsing",
                "loc": ["query", "flag"],
                "msg": "Input should be a valid boolean, unable to interpret input",
                "input": input,
            }]}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn json_status_headers_and_cookies_from_tuples() {
    let app = Router::new().route(
        "/",
        get(|| async {
            (
                StatusCode::ACCEPTED,
                [("x-request-id", "abc")],
                AppendHeaders([
                    (SET_COOKIE, "session=s1; HttpOnly; Path=/"),
                    (SET_COOKIE, "theme=dark"),
                ]),
                Model::<_>(json!({"ok": true})),
            )
        }),
    );
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.header("x-request-id"), "abc");
    let cookies: Vec<_> = r.headers.get_all(SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["session=s1; HttpOnly; Path=/", "theme=dark"]);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"ok":true}"#);
}

#[tokio::test]
async fn json_encode_failure_is_a_logged_generic_500() {
    let logs = Logs::capture();
    // A map whose keys are not strings cannot be JSON: both encoders refuse it.
    let bad = || BTreeMap::from([((1, 2), "secret-value")]);
    let app = Router::new()
        .route("/std", get(move || async move { Model::<_>(bad()) }))
        .route("/fast", get(move || async move { FastJson(bad()) }));
    for path in ["/std", "/fast"] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), TEXT);
        assert_eq!(r.text(), GENERIC_500);
    }
    let logged = logs.text();
    assert_eq!(
        logged.matches("response serialization failed").count(),
        2,
        "{logged}"
    );
    assert!(!logged.contains("secret-value"), "{logged}");
}
