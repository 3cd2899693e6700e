//! The integration tests, one binary: a module per feature.
//!
//! The compile-fail cases are their own binary, `tests/ui.rs` (trybuild, slow).
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

mod classes_basic;
mod classes_files;
mod classes_streams;
mod derive_exclude_unset;
// `pub`: the module denies warnings and its items are `pub`, as in a user's crate; they
// must be reachable from the crate root (`unreachable_pub`).
pub mod derive_hygiene;
mod derive_schema;
mod derive_serde_attrs;
mod derive_views;
mod examples;
mod extract;
mod model_runtime;
mod openapi;
// `pub`: as `derive_hygiene`.
pub mod openapi_handler;
