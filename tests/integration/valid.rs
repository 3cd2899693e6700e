//! `extract::Valid<E>`: garde constraints on request bodies, queries and paths, broken
//! ones answered as Pydantic answers them (type, full `loc`, input, `ctx`), and the
//! document's 422 body being that shape.

use axum::Router;
use garde::Validate;
use http::Method;
use response_model::Model;
use response_model::extract::{Json, Path, Query, Valid};
use response_model::routing::{ApiRouter, get, post};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::common::{get_req, json_req, send};
use crate::openapi::assert_valid;

#[derive(Deserialize, Validate, JsonSchema)]
struct Line {
    #[garde(range(min = 0.01))]
    price: f64,
    #[garde(length(min = 1, max = 20))]
    sku: String,
}

#[derive(Deserialize, Validate, JsonSchema)]
struct Order {
    #[garde(length(min = 3))]
    customer: String,
    #[garde(length(min = 1), dive)]
    items: Vec<Line>,
    #[garde(email)]
    email: String,
    #[garde(pattern(r"^[A-Z]{2}$"))]
    country: String,
}

#[derive(Deserialize, Validate, JsonSchema)]
struct Page {
    #[garde(range(min = 1, max = 100))]
    limit: u32,
    #[garde(skip)]
    q: Option<String>,
}

#[derive(Deserialize, Validate, JsonSchema)]
#[garde(transparent)]
struct UserId(#[garde(range(min = 1))] i64);

async fn create(Valid(Json(order)): Valid<Json<Order>>) -> Model<String> {
    Model(order.customer)
}

async fn list(Valid(Query(page)): Valid<Query<Page>>) -> Model<u32> {
    Model(page.limit + u32::from(page.q.is_some()))
}

async fn user(Valid(Path(id)): Valid<Path<UserId>>) -> Model<i64> {
    Model(id.0)
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/orders", post(create))
        .route("/items", get(list))
        .route("/users/{id}", get(user))
}

fn app() -> Router {
    api().into_router()
}

const GOOD: &str = r#"{"customer":"Ada","items":[{"price":1.5,"sku":"A1"}],"email":"ada@example.com","country":"GB"}"#;

#[tokio::test]
async fn valid_requests_reach_the_handler() {
    let app = app();
    let r = send(&app, json_req(Method::POST, "/orders", GOOD)).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!("Ada")));
    let r = send(&app, get_req("/items?limit=5&q=x")).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!(6)));
    let r = send(&app, get_req("/users/3")).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!(3)));
}

#[tokio::test]
async fn every_broken_body_constraint_is_one_pydantic_error() {
    let body = r#"{"customer":"Al","items":[{"price":1,"sku":"A"},{"price":0,"sku":""}],"email":"nope","country":"gb"}"#;
    let r = send(&app(), json_req(Method::POST, "/orders", body)).await;
    assert_eq!(r.status, 422);
    let detail = r.json()["detail"].as_array().unwrap().clone();
    let find = |loc: Value| -> Value {
        detail
            .iter()
            .find(|d| d["loc"] == loc)
            .cloned()
            .unwrap_or_else(|| panic!("no error at {loc}: {detail:?}"))
    };
    assert_eq!(
        find(json!(["body", "customer"])),
        json!({"type": "string_too_short", "loc": ["body", "customer"],
               "msg": "String should have at least 3 characters", "input": "Al",
               "ctx": {"min_length": 3}})
    );
    assert_eq!(
        find(json!(["body", "items", 1, "price"])),
        json!({"type": "greater_than_equal", "loc": ["body", "items", 1, "price"],
               "msg": "Input should be greater than or equal to 0.01", "input": 0,
               "ctx": {"ge": 0.01}})
    );
    assert_eq!(
        find(json!(["body", "items", 1, "sku"]))["type"],
        "string_too_short"
    );
    let email = find(json!(["body", "email"]));
    assert_eq!(email["type"], "value_error");
    assert!(
        email["msg"]
            .as_str()
            .unwrap()
            .starts_with("value is not a valid email address: "),
        "{email}"
    );
    assert_eq!(
        find(json!(["body", "country"])),
        json!({"type": "string_pattern_mismatch", "loc": ["body", "country"],
               "msg": "String should match pattern '^[A-Z]{2}$'", "input": "gb",
               "ctx": {"pattern": "^[A-Z]{2}$"}})
    );
    assert_eq!(detail.len(), 5, "{detail:?}");
}

#[tokio::test]
async fn an_empty_list_is_too_short_with_its_length() {
    let body = r#"{"customer":"Ada","items":[],"email":"ada@example.com","country":"GB"}"#;
    let r = send(&app(), json_req(Method::POST, "/orders", body)).await;
    assert_eq!(
        r.json()["detail"][0],
        json!({"type": "too_short", "loc": ["body", "items"],
               "msg": "List should have at least 1 item after validation, not 0", "input": [],
               "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0}})
    );
}

#[tokio::test]
async fn a_body_that_does_not_parse_is_refused_before_validation() {
    let r = send(
        &app(),
        json_req(Method::POST, "/orders", r#"{"customer":"Ada"}"#),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["detail"][0]["type"], "missing");
}

#[tokio::test]
async fn query_and_path_constraints_name_the_parameter() {
    let r = send(&app(), get_req("/items?limit=500")).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "less_than_equal", "loc": ["query", "limit"],
                           "msg": "Input should be less than or equal to 100", "input": "500",
                           "ctx": {"le": 100}}]})
    );
    let r = send(&app(), get_req("/users/0")).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "greater_than_equal", "loc": ["path", "id"],
                           "msg": "Input should be greater than or equal to 1", "input": "0",
                           "ctx": {"ge": 1}}]})
    );
}

/// The document's 422 is the shape the wire sends (`loc` of names and indices, `ctx`),
/// and the request body's schema carries the garde constraints (schemars reads them).
#[tokio::test]
async fn the_document_describes_the_422_and_the_constraints() {
    let doc = api().openapi();
    let op = &doc["paths"]["/orders"]["post"];
    assert_eq!(
        op["responses"]["422"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/HTTPValidationError"})
    );
    let body = r#"{"customer":"Al","items":[{"price":0,"sku":"A"}],"email":"nope","country":"gb"}"#;
    let r = send(&app(), json_req(Method::POST, "/orders", body)).await;
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/HTTPValidationError",
        "components": doc["components"],
    });
    assert_valid(&schema, &r.json(), "a validation 422");
    let order = &doc["components"]["schemas"]["Order"]["properties"];
    assert_eq!(order["customer"]["minLength"], 3);
    assert_eq!(order["items"]["minItems"], 1);
    assert_eq!(order["country"]["pattern"], "^[A-Z]{2}$");
}
