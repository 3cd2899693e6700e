//! The course's section 6.1 examples: 6.1.1 `examples/response_models.rs` (response_model)
//! and 6.1.2 `examples/include_exclude.rs` (include / exclude).

use http::{Method, StatusCode};
use serde_json::json;

use crate::common::{get_path, json_req, send};
use crate::examples::{include_exclude, response_models};

// ---------------------------------------------------------------------------------------
// course 6.1.1 — examples/response_models.rs

#[tokio::test]
async fn course_6_1_1_user_out_strips_secrets() {
    let r = get_path(&response_models::app(), "/users/1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice","email":"alice@x.com"}"#);
}

#[tokio::test]
async fn course_6_1_1_non_integer_user_id_is_a_json_422() {
    let r = get_path(&response_models::app(), "/users/abc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    let body = r.json();
    assert_eq!(body["detail"][0]["loc"], json!(["path", "user_id"]));
    assert_eq!(body["detail"][0]["input"], "abc");
    assert_eq!(body["detail"][0]["type"], "int_parsing");
    // FastAPI's body, byte for byte.
    assert_eq!(
        r.text(),
        r#"{"detail":[{"type":"int_parsing","loc":["path","user_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#
    );
}

#[tokio::test]
async fn course_6_1_1_items_list_is_filtered_and_validated() {
    let r = get_path(&response_models::app(), "/items").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":2,"name":"Phone","price":30000.0}]"#
    );
}

#[tokio::test]
async fn course_6_1_1_optional_item() {
    let r = get_path(&response_models::app(), "/items/999").await;
    assert_eq!((r.status, r.text()), (StatusCode::OK, "null"));
    assert_eq!(r.content_type(), "application/json");
    let r = get_path(&response_models::app(), "/items/5").await;
    assert_eq!(r.text(), r#"{"id":5,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn course_6_1_1_create_is_201_echo() {
    let r = send(
        &response_models::app(),
        json_req(
            Method::POST,
            "/items",
            r#"{"id":3,"name":"Pen","price":10}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":3,"name":"Pen","price":10.0}"#);
    let r = send(
        &response_models::app(),
        json_req(Method::POST, "/items", r#"{"id":3,"name":"Pen"}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "missing", "loc": ["body", "price"], "msg": "Field required",
                           "input": {"id": 3, "name": "Pen"}}]})
    );
}

// ---------------------------------------------------------------------------------------
// course 6.1.2 — examples/include_exclude.rs

#[tokio::test]
async fn course_6_1_2_include_and_exclude_views() {
    let r = get_path(&include_exclude::app(), "/users/1/public").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice"}"#);
    let r = get_path(&include_exclude::app(), "/users/1").await;
    assert_eq!(
        r.text(),
        r#"{"id":1,"name":"Alice","email":"a@x.com","role":"admin"}"#
    );
    let r = get_path(&include_exclude::app(), "/users/x/public").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json()["detail"][0]["loc"], json!(["path", "uid"]));
}

#[tokio::test]
async fn course_6_1_2_profile_drops_none_fields() {
    let r = get_path(&include_exclude::app(), "/profile").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"{"id":1,"name":"Alice","email":"a@x.com","role":"admin","bio":"Likes Rust"}"#
    );
}

#[tokio::test]
async fn course_6_1_2_fields_chosen_by_the_client() {
    let r = get_path(&include_exclude::app(), "/users?fields=id,name").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"{"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}"#
    );
    let r = get_path(&include_exclude::app(), "/users?exclude=email,role").await;
    assert_eq!(
        r.text(),
        r#"{"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}"#
    );
    let r = get_path(&include_exclude::app(), "/users").await;
    assert!(!r.text().contains("hunter2") && !r.text().contains("hashed_password"));
    let r = get_path(&include_exclude::app(), "/users?fields=hashed_password").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["allowed"], json!(["id", "name", "email", "role"]));
}
