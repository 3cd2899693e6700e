//! The course example as one app, and every class over a real socket: the same answers as
//! through `oneshot`, and bad inputs as 500s without details.

use std::collections::BTreeMap;

use axum::Router;
use axum::routing::get;
use http::StatusCode;
use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION, SET_COOKIE};
use response_model::responses::{FastJson, Redirect, Templates};
use serde_json::json;

use super::course::{DASHBOARD, FIXTURES, HTML, example, example_app};
use crate::common::{GENERIC_500, JSON, TEXT, client, get_path, serve};

#[tokio::test]
async fn example_app_merges_the_file_routes_without_clashes() {
    // `app()` panics at build time if two routes clash (e.g. `/export/csv` and the file
    // routes' `/export/{user_id}`); static paths win over parameters.
    let app = example::app();
    let r = get_path(&app, "/export/csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header(CONTENT_DISPOSITION),
        r#"attachment; filename="data.csv""#
    );
    let r = get_path(&app, "/dashboard").await;
    assert_eq!(r.text(), DASHBOARD);
}

#[tokio::test]
async fn socket_every_class_of_the_example() {
    let base = serve(example_app()).await;
    let http = client();
    let get = |path: &str| http.get(format!("{base}{path}")).send();

    // JSON, implicit and explicit.
    let res = get("/items").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], JSON);
    assert_eq!(res.text().await.unwrap(), r#"{"items":["a","b"]}"#);
    let res = http.post(format!("{base}/items")).send().await.unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["x-item-id"], "42");
    assert_eq!(
        res.text().await.unwrap(),
        r#"{"message":"created","id":42}"#
    );
    let res = get("/check?flag=false").await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.text().await.unwrap(), r#"{"error":"flag is False"}"#);
    let res = get("/check?flag=maybe").await.unwrap();
    assert_eq!(res.status(), 422);

    // Fast JSON, per route and app-wide.
    let res = get("/big-data").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], JSON);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["items"].as_array().unwrap().len(), 10_000);
    assert_eq!(body["items"][9999], 9999);
    let res = get("/users").await.unwrap();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body[999], json!({"id": 999, "name": "User 999"}));

    // HTML and templates.
    let res = get("/maintenance").await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()[CONTENT_TYPE], HTML);
    assert_eq!(res.text().await.unwrap(), "<h1>Under Maintenance</h1>");
    let res = get("/dashboard").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], HTML);
    assert_eq!(res.text().await.unwrap(), DASHBOARD);

    // Plain text.
    let res = get("/ping").await.unwrap();
    assert_eq!(res.headers()[CONTENT_TYPE], TEXT);
    assert_eq!(res.text().await.unwrap(), "pong");
    let res = get("/export/csv").await.unwrap();
    assert_eq!(
        res.headers()[CONTENT_DISPOSITION],
        r#"attachment; filename="data.csv""#
    );
    assert_eq!(
        res.text().await.unwrap(),
        "id,name,price\n1,Laptop,75000\n2,Phone,30000"
    );

    // Redirects, not followed.
    for (path, status, location) in [
        ("/", 307, "/docs"),
        ("/old-path", 301, "/new-path"),
        ("/v1/users", 308, "/v2/users"),
    ] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()[LOCATION], location);
        assert_eq!(res.headers()["content-length"], "0");
        assert!(res.bytes().await.unwrap().is_empty());
    }
    let res = http
        .post(format!("{base}/login"))
        .json(&json!({"username": "alice", "password": "pw"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/dashboard");
}

#[tokio::test]
async fn socket_bad_inputs_are_500s_without_details() {
    let app = Router::new()
        .route(
            "/crlf",
            get(|| async { Redirect::<302>::to("/x\r\nSet-Cookie: evil=1") }),
        )
        .route(
            "/template",
            get(|| async { Templates::new(FIXTURES).response("broken.html", ()) }),
        )
        .route(
            "/fast",
            get(|| async { FastJson(BTreeMap::from([((1, 2), 3)])) }),
        );
    let base = serve(app).await;
    let http = client();
    for path in ["/crlf", "/template", "/fast"] {
        let res = http.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(res.status(), 500, "{path}");
        assert!(res.headers().get(LOCATION).is_none());
        assert!(res.headers().get(SET_COOKIE).is_none());
        assert_eq!(res.text().await.unwrap(), GENERIC_500);
    }
}
