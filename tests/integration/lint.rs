//! The generated code is clean under the strictest lints a user may turn on, in the manner
//! of thiserror's `tests/test_lints.rs`: the models, their derived views and the
//! `#[handler]` fns and the `#[derive(ApiError)]` enum below are written as a user writes them, and compile under
//! `#![deny(warnings, unused_qualifications, clippy::pedantic)]`.
//!
//! The rustc lints are checked by every build; clippy's only under `cargo clippy`, which
//! CI runs on all targets with `-D warnings` (`cargo clippy --workspace --all-targets
//! --all-features -- -D warnings`).
#![deny(warnings, unused_qualifications, clippy::pedantic)]

use axum::Json;
use axum::extract::{Path, Query};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use response_model::{Defaulted, Tristate, handler};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A post, as stored.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(PostOut, exclude(draft)))]
pub struct Post {
    /// Its title.
    pub title: String,
    /// Not published yet.
    pub draft: bool,
}

/// A user, as stored.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(
    view(UserOut, exclude(is_admin), nest(posts = PostOut)),
    view(UserPublic, include(id, name)),
    view(UserProfile, exclude(is_admin, posts), exclude_none)
)]
pub struct User {
    /// Its id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// What it says of itself, if anything.
    pub bio: Option<String>,
    /// Whether it administers the site.
    pub is_admin: bool,
    /// What it wrote.
    pub posts: Vec<Post>,
    /// Never in a view.
    #[response_model(secret)]
    pub password_hash: String,
}

/// One page of a list.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(PageOut, exclude(cursor)))]
pub struct Page<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// How many items there are in all.
    pub total: u64,
    /// Where the next page starts.
    pub cursor: String,
}

/// A change to a user, as `response_model_exclude_unset` answers it: a field left out of
/// the request is left out of the answer.
#[derive(Serialize, Deserialize, JsonSchema, ResponseModel)]
#[response_model(view(PatchOut, exclude_unset))]
pub struct Patch {
    /// The new name.
    pub name: String,
    /// The new bio: absent, null (cleared) or a value.
    #[serde(default)]
    pub bio: Tristate<String>,
    /// The new page size: absent, or a number (never null); 20 while unset.
    #[serde(default)]
    #[response_model(default = 20)]
    pub page_size: Defaulted<u32>,
    /// A note: absent while unset (no default to send), never null.
    #[serde(default)]
    pub note: Defaulted<String>,
}

/// Settings as every view sends them: an unset page size as its default, an unset note absent.
#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(SettingsOut))]
pub struct Settings {
    /// The page size; 20 while unset.
    #[serde(default)]
    #[response_model(default = 20)]
    pub page_size: Defaulted<u32>,
    /// A note, absent while unset.
    #[serde(default)]
    pub note: Defaulted<String>,
}

/// What reading a user fails with.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UserError {
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("user {0} not found")]
    NotFound(u32),
    /// The post is a draft; here it is.
    #[api_error(status = 409, body)]
    #[error("draft")]
    Draft(PostOut),
    /// The store failed.
    #[api_error(status = 503, detail = "Try again later")]
    #[error("store: {cause}")]
    Store {
        /// Why.
        cause: String,
    },
    /// A plain 400.
    #[api_error(transparent)]
    #[error(transparent)]
    Http(#[from] HttpError<400>),
}

/// Which users to list.
#[derive(Deserialize, JsonSchema)]
pub struct Search {
    /// The first letters of their names.
    pub prefix: String,
}

/// Reads a user, as an app reads its database.
async fn load(id: u32) -> User {
    tokio::task::yield_now().await;
    User {
        id,
        name: "ada".into(),
        bio: None,
        is_admin: true,
        posts: vec![Post {
            title: "Notes".into(),
            draft: false,
        }],
        password_hash: "$2b$12$abc".into(),
    }
}

/// Get a user.
///
/// Its profile and posts; never its password.
#[handler]
pub async fn get_user(Path(id): Path<u32>) -> Model<UserOut> {
    Model::new(load(id).await)
}

/// Get a user, or say why not.
#[handler]
async fn find_user(Path(id): Path<u32>) -> Result<Model<UserPublic>, UserError> {
    match id {
        0 => Err(HttpError::new("no id 0").into()),
        1 => Ok(Model::new(load(id).await)),
        2 => Err(UserError::Store {
            cause: "disk".into(),
        }),
        3 => Err(UserError::Draft(PostOut::from(Post {
            title: "Draft".into(),
            draft: true,
        }))),
        _ => Err(UserError::NotFound(id)),
    }
}

/// List the users whose names start with `prefix`.
#[handler]
async fn list_users(Query(search): Query<Search>) -> Json<PageOut<UserPublic>> {
    let user = load(1).await;
    let items = if user.name.starts_with(&search.prefix) {
        vec![UserPublic::from(user)]
    } else {
        Vec::new()
    };
    Json(PageOut::from(Page {
        total: items.len() as u64,
        items,
        cursor: String::new(),
    }))
}

/// List the users, the old way.
#[handler]
#[deprecated(note = "use `list_users`")]
pub async fn old_users() -> Json<Vec<u32>> {
    Json(vec![load(1).await.id])
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/users/{id}", get(get_user))
        .route("/old-users", get(old_users))
        .route("/users", get(list_users))
        .route("/found/{id}", get(find_user))
}

#[tokio::test]
async fn the_lint_clean_app_serves_and_documents_its_views() {
    let doc = api().openapi();
    assert_eq!(doc["paths"]["/users/{id}"]["get"]["summary"], "Get a user.");
    assert_eq!(doc["paths"]["/users"]["get"]["operationId"], "list_users");
    assert_eq!(doc["paths"]["/old-users"]["get"]["deprecated"], true);
    let found = &doc["paths"]["/found/{id}"]["get"]["responses"];
    assert_eq!(found["404"]["description"], "No user has this id.");
    assert_eq!(found["503"]["description"], "The store failed.");
    assert!(!doc.to_string().contains("password_hash"));

    let app = api().into_router();
    let r = crate::common::get_path(&app, "/users/7").await;
    assert_eq!(
        r.json(),
        json!({"id": 7, "name": "ada", "bio": null, "posts": [{"title": "Notes"}]})
    );
    let r = crate::common::get_path(&app, "/found/9").await;
    assert_eq!(r.json(), json!({"detail": "user 9 not found"}));
    let r = crate::common::get_path(&app, "/found/3").await;
    assert_eq!(r.json(), json!({"title": "Draft"}));
    let r = crate::common::get_path(&app, "/users?prefix=a").await;
    assert_eq!(
        r.json(),
        json!({"items": [{"id": 1, "name": "ada"}], "total": 1})
    );

    let profile = serde_json::to_value(UserProfile::from(load(2).await)).unwrap();
    assert_eq!(profile, json!({"id": 2, "name": "ada"}));
    let patch: Patch = serde_json::from_value(json!({"name": "grace"})).unwrap();
    assert_eq!(
        serde_json::to_value(PatchOut::from(patch)).unwrap(),
        json!({"name": "grace"})
    );
    let patch: Patch = serde_json::from_value(json!({"name": "grace", "bio": null})).unwrap();
    let out: Value = serde_json::to_value(PatchOut::from(patch)).unwrap();
    assert_eq!(out, json!({"name": "grace", "bio": null}));
    let settings = Settings {
        page_size: Defaulted::Unset,
        note: Defaulted::Unset,
    };
    let out: Value = serde_json::to_value(SettingsOut::from(settings)).unwrap();
    assert_eq!(out, json!({"page_size": 20}));
}
