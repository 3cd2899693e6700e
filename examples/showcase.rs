//! Everything, one server: every example of FastAPI's responses course (section 6) with
//! its OpenAPI document, Swagger UI and ReDoc.
//!
//! Run: `cargo run --example showcase` (127.0.0.1, port from `PORT`, default 8000), then
//! open <http://127.0.0.1:8000/docs>. The response classes (6.2) are served at the course's
//! paths; the response-model examples are nested, since both sections use `/items` and
//! `/users/{id}`:
//!
//! ```text
//! /models/...   6.1.1 response_model       (examples/response_models.rs)
//! /fields/...   6.1.2 include / exclude     (examples/include_exclude.rs)
//! /db/...       users and items on SQLite   (examples/users_db.rs)
//! /...          6.2   response classes      (examples/response_classes/)
//! /openapi.json, /docs, /redoc
//! ```

#[allow(dead_code, reason = "each example's own `main` and test hooks")]
#[path = "include_exclude.rs"]
mod include_exclude;
#[allow(dead_code, reason = "each example's own `main` and test hooks")]
#[path = "response_classes/main.rs"]
mod response_classes;
#[allow(dead_code, reason = "each example's own `main` and test hooks")]
#[path = "response_models.rs"]
mod response_models;
#[allow(dead_code, reason = "each example's own `main` and test hooks")]
#[path = "users_db.rs"]
pub(crate) mod users_db;

use response_model::routing::ApiRouter;

/// The documented app: every example, one OpenAPI document.
pub(crate) fn api() -> ApiRouter {
    ApiRouter::new()
        .title("response-model showcase")
        .description("FastAPI's responses course (section 6), in Rust on axum.")
        .nest(
            "/models",
            response_models::api().tag("6.1.1 response_model"),
        )
        .nest(
            "/fields",
            include_exclude::api().tag("6.1.2 include / exclude"),
        )
        .merge(response_classes::api().tag("6.2 Response classes"))
        .nest("/db", users_db::api().tag("Users on SQLite"))
}

/// The served app: [`api`] with `/openapi.json`, `/docs` and `/redoc`.
pub(crate) fn app() -> axum::Router {
    api().with_docs().into_router()
}

#[path = "common/serve.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "the showcase and the tests include several examples, each with this module"
)]
pub(crate) mod serve;

/// jemalloc, with its background thread, rather than glibc's malloc. Under load glibc
/// keeps what a burst of requests freed in its per-thread arenas (one per blocking-pool
/// thread, up to 16 here), so the resident set creeps up and stays up after a crowd has
/// gone; jemalloc hands freed pages back within ~10 s. `BENCHMARKS.md` ("Memory") has
/// the figures of both. (Not in the tests, which include this file as a module.)
#[cfg(not(test))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    serve::serve(app()).await
}
