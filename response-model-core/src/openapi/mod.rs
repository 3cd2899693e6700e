//! OpenAPI 3.1 from handler types: the document and the wire never disagree.
//!
//! This module is the document's model: what a type implements to appear in it
//! ([`ApiResponse`], [`ApiInput`], [`ApiParts`], [`ApiHandler`]) and the pieces those
//! impls return ([`Responses`], [`ResponseDoc`], [`MediaDoc`], [`SchemaDoc`], ...). Routes
//! are built with [`routing`](crate::routing), as axum separates `routing` from `response`.
//!
//! [`ApiRouter`](crate::routing::ApiRouter) wraps `axum::Router`. Each route's operation is
//! read from its handler's types alone: every argument documents what it reads ([`ApiInput`]: `Path`/`Query`
//! parameters, a `Json` request body), the return type documents its responses
//! ([`ApiResponse`]: statuses, media types, headers, schemas). No annotations: change the
//! handler's types and the document follows.
//!
//! Response schemas use serde's serialize contract and request bodies the deserialize
//! contract (schemars `for_serialize`/`for_deserialize`). A type that differs between the
//! two gets two components, `Name-Input` and `Name-Output`. An optional field
//! (`skip_serializing_if`) of a response is documented as optional and not nullable: a
//! `None` is left out, never sent as `null`.
//!
//! # What each type documents
//!
//! | return type | responses |
//! |---|---|
//! | `Json<T>` (axum's and `extract::Json`), `Model<T>`, `FastJson<T>`, a derived view | `200` `application/json`, `T`'s schema |
//! | `Model<T, S>` (`Created<T>`, `Accepted<T>`) | `S` `application/json` (the status is in the type) |
//! | `Result<Model<T>, ResponseValidationError>` | the above and the `500` of a failed `Model::validate` |
//! | `Selected<T>` (with a `Selection<M>` argument) | `200` with `T`'s fields all optional, the `400` of a bad `?fields=`, `500`; `fields`/`exclude` query parameters |
//! | `Html<_>`, `TemplateResponse` | `200` `text/html` (templates: and `500`) |
//! | `String`, `&'static str`, `PlainText<_>` | `200` `text/plain` |
//! | `Redirect<S>` (this crate) | `S` with a required `Location` header |
//! | axum's `Redirect` | `3XX` with `Location`: its 303/307/308 is chosen at run time |
//! | `Sse<_>` (this crate's and axum's) | `200` `text/event-stream`, one event as the item schema |
//! | `JsonLines` | `200` `application/jsonl` (item: any JSON value, its type being erased) |
//! | `FileResponse` | `200`, `206`, `304`, `412`, `416`, `404`, `500`; `ETag`, `Last-Modified`, `Content-Disposition`, `Content-Range` |
//! | `StreamingResponse<M>` | `200` with `M`'s media type (`*/*` and a `500` for `AnyMedia`, whose media type is set at run time) |
//! | `WithStatus<S, R>` | `R`'s responses, its success one (2xx but `206`) under `S` |
//! | `StatusCode`, `(StatusCode, T)` | `default` with `T`'s body: the status is a run-time value, so no code is claimed |
//! | `(headers, T)` | `T`'s responses (header values are run-time values) |
//! | `Result<T, E>` | the union of `T`'s and `E`'s |
//! | axum's `Response` (FastAPI's `response_model=None`) | `default`, no body claimed; the route's parameters and body are still documented |
//! | `Either<A, B>`, `Either3<A, B, C>` | every variant's responses |
//! | `Statuses<T, A, B, ..>` | each of `A`, `B`, .. with `T`'s schema |
//! | `Content<M>` | `200` with `M`'s media type (`*/*` for `AnyMedia`) |
//! | `HttpError<S>` / `DynHttpError` | `S` / `default`, with the `{"detail": ...}` body |
//! | `()`, `NoContent` | `200` / `204`, no body |
//!
//! Arguments: `Path<T>` and `Query<T>` become parameters (`T: JsonSchema`), `Json<T>` and
//! `Form<T>` a request body (with the `400`/`415`/`422` of their rejections), axum's
//! `Multipart` a `multipart/form-data` object and
//! [`extract::Multipart<T>`](crate::extract::Multipart) one with `T`'s schema (its
//! [`UploadFile`](crate::extract::UploadFile) fields binary strings); `State`,
//! `Extension`, `HeaderMap` and other extractors document nothing. A type of your own
//! implements [`ApiResponse`] or [`ApiInput`].
//!
//! Streams carry the schema of one item: OpenAPI 3.2's `itemSchema`
//! ([`OpenApiVersion::V3_2`]), or by default, in a 3.1 document, a `string` body with the
//! item schema under `x-itemSchema`.
//!
//! ```
//! use axum::Json;
//! use axum::extract::Path;
//! use schemars::JsonSchema;
//! use serde::Serialize;
//! use response_model::routing::{ApiRouter, get};
//!
//! #[derive(Serialize, JsonSchema)]
//! struct Item { name: String }
//!
//! async fn read_item(Path(item_id): Path<u32>) -> Json<Item> {
//!     Json(Item { name: format!("item {item_id}") })
//! }
//!
//! let api = ApiRouter::new().route("/items/{item_id}", get(read_item));
//! let doc = api.openapi();
//! let op = &doc["paths"]["/items/{item_id}"]["get"];
//! assert_eq!(op["parameters"][0]["name"], "item_id");
//! assert_eq!(
//!     op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
//!     "#/components/schemas/Item"
//! );
//! // /openapi.json, /docs (Swagger UI, offline), /redoc and /scalar:
//! let app: axum::Router = api.with_docs().into_router();
//! ```

mod names;
mod operation;
pub(crate) mod router;
mod schema;
pub(crate) mod serve;
mod traits;
mod v3_0;

/// What a handler is to axum, and what the document needs of a type it describes: axum's
/// `Handler` and schemars' `JsonSchema`.
#[doc(no_inline)]
pub use axum::handler::Handler;
pub use operation::{
    HeaderDoc, MediaDoc, OperationDoc, ParamLocation, ParameterDoc, ResponseDoc, Responses,
    StatusKey,
};
pub(crate) use router::OpenApiVersion;
pub use schema::{DocContext, SchemaDoc, input_schema, output_schema};
#[doc(no_inline)]
pub use schemars::JsonSchema;
pub use traits::{
    ApiHandler, ApiInput, ApiParts, ApiResponse, json_responses, sse_responses, stream_responses,
};
