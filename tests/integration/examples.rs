//! The examples the tests drive, from the examples package's library
//! (`response-model-examples`), each through its public entry points. Only the examples
//! the features under test allow are there (`examples/src/lib.rs`).

pub(crate) use response_model_examples::{
    files_streams, include_exclude, response_models, simple_oauth2,
};

#[cfg(feature = "templates")]
pub(crate) use response_model_examples::response_classes;

#[cfg(feature = "validate")]
pub(crate) use response_model_examples::users_db;

/// The showcase on a fresh in-memory database.
#[cfg(all(feature = "templates", feature = "validate"))]
pub(crate) mod showcase {
    use response_model::routing::ApiRouter;
    use response_model_examples::{showcase, users_db};

    /// Its documented routes.
    pub(crate) fn api() -> ApiRouter {
        showcase::api(users_db::pool("sqlite::memory:").unwrap())
    }

    /// Its app, with `/openapi.json`, `/docs` and `/redoc`.
    pub(crate) fn app() -> axum::Router {
        showcase::app(users_db::pool("sqlite::memory:").unwrap())
    }
}
