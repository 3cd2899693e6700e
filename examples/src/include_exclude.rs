//! Course 6.1.2 — include/exclude: FastAPI's `response_model_include`,
//! `response_model_exclude` and `response_model_exclude_none` are views here (real types,
//! documented with their own schema), and the include/exclude a *client* chooses at request
//! time (`?fields=`, `?exclude=`) is checked against the view's field list.
//!
//! Run: `cargo run --example include_exclude` (port from `PORT`, default 8000; the binary is
//! `examples/include_exclude.rs`), then
//!
//! ```text
//! curl localhost:8000/users/1/public            # {"id":1,"name":"Alice"}
//! curl localhost:8000/users/1                   # {"id":1,"name":"Alice","email":"a@x.com","role":"admin"}
//! curl localhost:8000/profile                   # {"id":1,"name":"Alice","email":"a@x.com","role":"admin","bio":"Likes Rust"}
//! curl 'localhost:8000/users?fields=id,name'    # {"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}
//! curl 'localhost:8000/users?exclude=emial'     # 400 {"detail":"unknown field `emial` in `exclude`; did you mean `email`? ...}
//! ```

use axum::Router;
use response_model::extract::Path;
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use schemars::JsonSchema;
use serde::Serialize;

/// The course's `User`. Its views replace `response_model_include`/`_exclude`:
/// `UserPublic` (`response_model_include={"id", "name"}`) and `UserOut` (every field but
/// the secret one: `response_model_exclude={"hashed_password"}`). `UserPublic` is `closed`:
/// its schema admits exactly `id` and `name`, so a generated client refuses any other key
/// (adding a field to it is a breaking change); `UserOut`'s is open, as FastAPI's are.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(UserPublic, include(id, name), closed), view(UserOut))]
pub struct User {
    id: i64,
    name: String,
    email: String,
    role: String,
    #[response_model(secret)]
    hashed_password: String,
}

impl User {
    fn alice(id: i64) -> Self {
        User {
            id,
            name: "Alice".into(),
            email: "a@x.com".into(),
            role: "admin".into(),
            hashed_password: "secret".into(),
        }
    }
}

/// A user with optional profile fields; `UserProfile` is
/// `response_model_exclude_none=True`: `None` fields are left out.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(UserProfile, exclude_none))]
pub struct UserAccount {
    id: i64,
    name: String,
    email: String,
    role: String,
    bio: Option<String>,
    website: Option<String>,
    phone: Option<String>,
    #[response_model(secret)]
    hashed_password: String,
}

/// A page of items: the wrapper `?fields=` reaches into with `apply_at("/items", ...)`.
#[derive(Serialize, JsonSchema)]
pub struct Page<T> {
    items: Vec<T>,
    total: usize,
}

/// Only `id` and `name`.
async fn get_user_public(Path(uid): Path<i64>) -> Model<UserPublic> {
    Model::new(User::alice(uid))
}

/// Everything but `hashed_password`.
async fn get_user(Path(uid): Path<i64>) -> Model<UserOut> {
    Model::new(User::alice(uid))
}

/// `None` fields dropped (the course's `pass` body would be a 500 in FastAPI: a real
/// profile is returned instead).
async fn get_profile() -> Model<UserProfile> {
    Model::new(UserAccount {
        id: 1,
        name: "Alice".into(),
        email: "a@x.com".into(),
        role: "admin".into(),
        bio: Some("Likes Rust".into()),
        website: None,
        phone: None,
        hashed_password: "secret".into(),
    })
}

/// The client picks the fields: `?fields=id,name`, `?exclude=email`; an unknown (or
/// secret) name is a 400 listing the allowed ones.
async fn list_users(fields: Selection<UserOut>) -> Selected<Page<UserOut>> {
    let users = vec![
        User::alice(1),
        User {
            id: 2,
            name: "Bob".into(),
            email: "b@x.com".into(),
            role: "user".into(),
            hashed_password: "hunter2".into(),
        },
    ];
    let items: Vec<UserOut> = users.into_iter().map(UserOut::from).collect();
    let total = items.len();
    fields.apply_at("/items", Page { items, total })
}

/// The routes, documented from the handlers' types (the showcase nests them).
pub fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/users/{uid}/public", get(get_user_public))
        .route("/users/{uid}", get(get_user))
        .route("/users", get(list_users))
        .route("/profile", get(get_profile))
}

/// The app with `/openapi.json`, `/docs` and `/redoc`.
pub fn app() -> Router {
    api().with_docs().into_router()
}
