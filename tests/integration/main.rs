//! The integration tests, one binary with a module per feature:
//!
//! ```text
//! derive/    #[derive(ResponseModel)]: views, schemas, serde attributes, exclude_unset, hygiene
//! model/     Model<T>, validation, Tristate, request-time selection, garde, course 6.1
//! classes/   response classes: JSON, fast JSON, HTML and templates, text, redirects,
//!            files, streams
//! openapi/   the documents (sample app, showcase), validity, serving, conformance,
//!            #[handler]
//! extract    FastAPI-style rejections of Path, Query, Json
//! forms      Form<T> and the OAuth2 password form: FastAPI's answers, the document
//! uploads    Multipart<T> and UploadFile, axum's Multipart: FastAPI's answers, the document
//! lint       generated code under deny(warnings, unused_qualifications, clippy::pedantic)
//! common     requests, Reply, a served app and its client, logs, waiting
//! examples   the examples the tests drive
//! ```
//!
//! The compile-fail cases are their own binary, `tests/ui.rs` (trybuild; slow):
//! `cargo test --workspace --all-features -- --exact --skip ui` runs everything else.
//!
//! Snapshots are insta's, one update mechanism for all of them: the OpenAPI documents
//! (`tests/snapshots/*.snap`, see `openapi/document.rs`) and the derive crate's expansions
//! (`response-model-derive/tests/expand/**/*.snap`). After a reviewed change:
//! `INSTA_UPDATE=always cargo test --workspace --all-features`, then `git diff`. Proptest
//! keeps its regressions under `tests/proptest-regressions/<module path>.txt`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

/// `response_model` under another name, for the `crate = path` options of the derive and
/// of `#[handler]`.
pub use response_model as rm_alias;

mod common;
mod examples;

mod api_error;
mod classes;
// `pub` down to the modules whose items are `pub` (hygiene tests): see `derive/mod.rs`.
pub mod derive;
mod errors;
mod extract;
mod forms;
#[cfg(feature = "templates")]
mod fuzz;
mod server_limits;
// The showcase: templates (the response classes) and validate (users_db).
#[cfg(all(feature = "templates", feature = "validate"))]
mod storm;
#[cfg(feature = "validate")]
mod users_db;
#[cfg(feature = "validate")]
mod valid;
// The 422s of the FastAPI template's constraints (a UUID path: the `uuid` feature).
#[cfg(all(feature = "validate", feature = "uuid"))]
mod wire422;
// `pub`: as `derive`; the lint test's items are `pub` as a library's are.
pub mod lint;
mod model;
// `pub`: as `derive`.
pub mod openapi;
mod security;
mod testing;
mod uploads;
