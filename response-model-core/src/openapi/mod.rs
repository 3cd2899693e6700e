//! OpenAPI 3.1 from handler types: the document and the wire never disagree.
//!
//! [`ApiRouter`] wraps `axum::Router`. Each route's operation is read from its handler's
//! types alone: every argument documents what it reads ([`InputDocs`]: `Path`/`Query`
//! parameters, a `Json` request body), the return type documents its responses
//! ([`ResponseDocs`]: statuses, media types, headers, schemas). No annotations: change the
//! handler's types and the document follows.
//!
//! Response schemas use serde's serialize contract and request bodies the deserialize
//! contract (schemars `for_serialize`/`for_deserialize`). A type that differs between the
//! two gets two components, `Name-Input` and `Name-Output`. An optional field
//! (`skip_serializing_if`) of a response is documented as optional and not nullable: a
//! `None` is left out, never sent as `null`.
//!
//! ```
//! use axum::Json;
//! use axum::extract::Path;
//! use schemars::JsonSchema;
//! use serde::Serialize;
//! use response_model_core::openapi::ApiRouter;
//!
//! #[derive(Serialize, JsonSchema)]
//! struct Item { name: String }
//!
//! async fn read_item(Path(item_id): Path<u32>) -> Json<Item> {
//!     Json(Item { name: format!("item {item_id}") })
//! }
//!
//! let api = ApiRouter::new().get("/items/{item_id}", read_item);
//! let doc = api.openapi();
//! let op = &doc["paths"]["/items/{item_id}"]["get"];
//! assert_eq!(op["parameters"][0]["name"], "item_id");
//! assert_eq!(
//!     op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
//!     "#/components/schemas/Item"
//! );
//! // /openapi.json, /docs (Swagger UI, offline) and /redoc:
//! let app: axum::Router = api.with_docs().into_router();
//! ```

mod classes;
mod operation;
mod router;
mod schema;
mod serve;
mod traits;
mod view_docs;

pub use operation::{
    HeaderDoc, MediaDoc, OperationDoc, ParamLocation, ParameterDoc, ResponseDoc, Responses,
    StatusKey,
};
pub use router::{
    ApiMethodRouter, ApiRouter, OpenApiVersion, delete, get, head, options, patch, post, put, trace,
};
pub use schema::{DocContext, DocSchema, InspectSchema, request_schema, response_schema};
pub use serve::DocsConfig;
pub use traits::{HandlerDocs, InputDocs, PartsDocs, ResponseDocs, json_responses, sse_responses};
#[doc(hidden)]
pub use view_docs::__view_responses;
