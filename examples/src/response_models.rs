//! Course 6.1.1 — `response_model`: a view strips the secret fields of a full model,
//! `Model::validate` filters and checks dict-like values, `Option` answers `null`, and the
//! status code lives in the return type.
//!
//! Run: `cargo run --example response_models` (port from `PORT`, default 8000; the binary is
//! `examples/response_models.rs`), then
//!
//! ```text
//! curl localhost:8000/users/1       # {"id":1,"name":"Alice","email":"alice@x.com"}
//! curl localhost:8000/users/abc     # 422 {"detail":[{"type":"int_parsing","loc":["path","user_id"],...}]}
//! curl localhost:8000/items         # [{"id":1,"name":"Laptop","price":75000.0},{"id":2,"name":"Phone","price":30000.0}]
//! curl localhost:8000/items/999     # null
//! curl -X POST localhost:8000/items -H 'content-type: application/json' \
//!      -d '{"id":3,"name":"Pen","price":10}'   # 201 {"id":3,"name":"Pen","price":10.0}
//! ```

use axum::Router;
use response_model::ResponseValidationError;
use response_model::extract::{Json, Path};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Full internal model (has sensitive data). `UserOut` is its public view: the secret
/// `hashed_password` is in no view, and `is_superuser` is excluded from this one.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(UserOut, exclude(is_superuser)))]
pub struct UserInDB {
    id: i64,
    name: String,
    email: String,
    #[response_model(secret)]
    hashed_password: String, // NEVER sent to a client
    is_superuser: bool,
}

/// An item as sent and received (the course's `ItemOut`).
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct ItemOut {
    id: i64,
    name: String,
    price: f64,
}

// FastAPI filters the return value through `UserOut`; here the view is the return type.
// `#[handler]` makes the doc comment the operation's summary and description.

/// Read a user
///
/// The user's public view: `hashed_password` and `is_superuser` never leave the server.
#[handler]
async fn get_user(Path(user_id): Path<i64>) -> Model<UserOut> {
    // Return the full DB object: the conversion drops hashed_password and is_superuser.
    Model::new(UserInDB {
        id: user_id,
        name: "Alice".into(),
        email: "alice@x.com".into(),
        hashed_password: "$2b$12$abc...".into(),
        is_superuser: false,
    })
}

// Dict-like rows (one with a "secret" key, integer prices) validated into `Vec<ItemOut>`.

/// List items
///
/// Every item is checked against `ItemOut` before it is sent; unknown keys are dropped.
#[handler]
async fn list_items() -> Result<Model<Vec<ItemOut>>, ResponseValidationError> {
    let rows = json!([
        {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
        {"id": 2, "name": "Phone",  "price": 30000},
    ]);
    Model::validate(rows)
}

// `Option<ItemOut>`: `None` is `200 null`.

/// Read an item
///
/// `null` when there is no such item (try `999`).
#[handler]
async fn get_item(
    Path(item_id): Path<i64>,
) -> Result<Model<Option<ItemOut>>, ResponseValidationError> {
    if item_id == 999 {
        return Ok(Model(None));
    }
    Model::validate(json!({"id": item_id, "name": "Laptop", "price": 75000}))
}

// `status_code=201` is in the type: `Created<T>` is `Model<T, 201>`.

/// Create an item
#[handler]
async fn create_item(Json(item): Json<ItemOut>) -> Created<ItemOut> {
    Model(item)
}

/// The routes, documented from the handlers' types (the showcase nests them).
pub fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/users/{user_id}", get(get_user))
        .route("/items", get(list_items).post(create_item))
        .route("/items/{item_id}", get(get_item))
}

/// The app with `/openapi.json`, `/docs` and `/redoc`.
pub fn app() -> Router {
    api().with_docs().into_router()
}
