//! What the router adds to the document and the wire: operation-id rules (FastAPI's
//! `generate_unique_id_function`).

use response_model::handler;
use response_model::routing::{ApiRouter, RouteInfo, get, post};
use serde_json::Value;

async fn read_items() -> &'static str {
    "[]"
}
async fn create_item() -> &'static str {
    "{}"
}
async fn read_user_me() -> &'static str {
    "{}"
}
/// Documented by `#[handler]`: the rule sees the fn's name all the same.
#[handler]
async fn login_access_token() -> &'static str {
    "{}"
}

/// The template's `custom_generate_unique_id`: `{tag}-{name}`.
fn template_rule(route: &RouteInfo<'_>) -> String {
    format!("{}-{}", route.tag(), route.name().unwrap_or("anonymous"))
}

fn op_id<'a>(doc: &'a Value, path: &str, method: &str) -> &'a str {
    doc["paths"][path][method]["operationId"]
        .as_str()
        .unwrap_or_else(|| panic!("{method} {path} has no operationId"))
}

#[test]
fn a_rule_names_every_operation_nested_merged_and_added_later() {
    let items = ApiRouter::new()
        .route("/items/", get(read_items).post(create_item))
        .tag("items");
    let login = ApiRouter::new()
        .route("/login/access-token", post(login_access_token))
        .tag("login");
    let api: ApiRouter = ApiRouter::new()
        .nest("/api/v1", items)
        .operation_ids(template_rule)
        // Added after the rule: named by it too.
        .merge(login)
        .route("/users/me", get(read_user_me).tag("users"));
    let doc = api.openapi();
    assert_eq!(op_id(&doc, "/api/v1/items/", "get"), "items-read_items");
    assert_eq!(op_id(&doc, "/api/v1/items/", "post"), "items-create_item");
    assert_eq!(
        op_id(&doc, "/login/access-token", "post"),
        "login-login_access_token"
    );
    assert_eq!(op_id(&doc, "/users/me", "get"), "users-read_user_me");
}

#[test]
fn a_routes_own_id_and_an_inner_rule_win() {
    let inner = ApiRouter::new()
        .route("/a", get(read_items))
        .operation_ids(|r| format!("inner_{}", r.name().unwrap_or_default()));
    let api: ApiRouter = ApiRouter::new()
        .route("/b", get(read_items).operation_id("chosen"))
        .route("/c", get(read_user_me))
        .merge(inner)
        .operation_ids(|r| format!("outer_{}", r.name().unwrap_or_default()));
    let doc = api.openapi();
    assert_eq!(op_id(&doc, "/a", "get"), "inner_read_items");
    assert_eq!(op_id(&doc, "/b", "get"), "chosen");
    assert_eq!(op_id(&doc, "/c", "get"), "outer_read_user_me");
}

#[test]
fn ids_a_rule_makes_twice_are_told_apart_and_the_document_stays_valid() {
    let api: ApiRouter = ApiRouter::new()
        .route("/items/", get(read_items))
        .route("/items/{id}", get(read_items))
        .tag("items")
        .operation_ids(template_rule);
    let doc = api.openapi();
    let a = op_id(&doc, "/items/", "get");
    let b = op_id(&doc, "/items/{id}", "get");
    assert_ne!(a, b);
    assert_eq!(a, "items-read_items_items__get");
    assert_eq!(b, "items-read_items_items__id__get");
    super::assert_valid(&super::oas_schema("3.1"), &doc, "the document");
}
