//! Routes whose operations are documented from their handlers' types: FastAPI's
//! `APIRouter` and `app.get(..)`, as axum's `routing` module.
//!
//! [`ApiRouter`] wraps `axum::Router` and is built the same way, with the eight method
//! functions of this module (`get`, `post`, `put`, `patch`, `delete`, `head`, `options`,
//! `trace`) in place of axum's. Each route's operation is read from its handler's
//! signature (see [`openapi`](crate::openapi) for what each type documents);
//! [`ApiRouter::with_docs`] serves `/openapi.json`, `/docs` (Swagger UI), `/redoc`
//! (ReDoc) and `/scalar` (Scalar), all embedded in the binary, configured by [`DocsConfig`].
//!
//! ```
//! use axum::Json;
//! use axum::extract::Path;
//! use response_model::routing::{ApiRouter, get};
//!
//! async fn read_item(Path(item_id): Path<u32>) -> Json<u32> {
//!     Json(item_id)
//! }
//!
//! let api = ApiRouter::new().route("/items/{item_id}", get(read_item));
//! assert_eq!(api.openapi()["paths"]["/items/{item_id}"]["get"]["operationId"], "read_item");
//! let app: axum::Router = api.with_docs().into_router();
//! ```

pub use crate::openapi::router::{
    ApiMethodRouter, ApiRouter, OpenApiVersion, RouteInfo, delete, get, head, options, patch, post,
    put, trace,
};
pub use crate::openapi::serve::DocsConfig;
