//! The API's routes (`app/api/main.py`), one module per file of `app/api/routes/`.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::deps::AppState;
use response_model::routing::ApiRouter;

pub mod items;
pub mod login;
pub mod private;
pub mod users;
pub mod utils;

/// `skip: int = 0, limit: int = 100`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Pagination {
    /// How many rows to skip.
    #[serde(default)]
    pub skip: i64,
    /// How many rows at most.
    #[serde(default = "hundred")]
    pub limit: i64,
}

fn hundred() -> i64 {
    100
}

/// The API router: login, users, utils, items, and private when `development`.
pub fn api(development: bool) -> ApiRouter<AppState> {
    let api = ApiRouter::new()
        .merge(login::router())
        .merge(users::router())
        .merge(utils::router())
        .merge(items::router());
    if development {
        api.merge(private::router())
    } else {
        api
    }
}
