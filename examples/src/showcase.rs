//! Everything, one server: every example of FastAPI's responses course (section 6) with
//! its OpenAPI document, Swagger UI and ReDoc.
//!
//! Run: `cargo run --example showcase` (127.0.0.1, port from `PORT`, default 8000; the
//! binary is `examples/showcase.rs`), then open <http://127.0.0.1:8000/docs>. The response classes (6.2) are served at the course's
//! paths; the response-model examples are nested, since both sections use `/items` and
//! `/users/{id}`:
//!
//! ```text
//! /models/...   6.1.1 response_model       (response_models)
//! /fields/...   6.1.2 include / exclude     (include_exclude)
//! /db/...       users and items on SQLite   (users_db)
//! /...          6.2   response classes      (response_classes, files_streams)
//! /files/...    uploads (multipart/form-data) (uploads)
//! /openapi.json, /docs, /redoc
//! ```

use response_model::routing::ApiRouter;

use crate::users_db::Db;
use crate::{include_exclude, response_classes, response_models, uploads, users_db};

/// The documented app: every example, one OpenAPI document; `users_db` on `db`.
pub fn api(db: Db) -> ApiRouter {
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
        .merge(uploads::api().tag("Uploads"))
        .nest("/db", users_db::api(db).tag("Users on SQLite"))
}

/// The served app: [`api`] with `/openapi.json`, `/docs` and `/redoc`.
pub fn app(db: Db) -> axum::Router {
    api(db).with_docs().into_router()
}
