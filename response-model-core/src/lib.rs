//! Runtime of [`response-model`](https://docs.rs/response-model): the traits that
//! `#[derive(ResponseModel)]` implements, the [`Model`] responder, every
//! response class of FastAPI's course, and the OpenAPI document built from handler types.
//!
//! Users depend on the facade crate `response-model`, which re-exports everything here.

pub mod encoder;
pub mod extract;
pub mod fields;
pub mod model;
pub mod openapi;
pub mod responses;
pub mod select;
pub mod tristate;

#[doc(hidden)]
pub mod __private;

pub use encoder::{JsonEncoder, default_encoder};
pub use fields::{FieldInfo, ModelFields, View};
pub use model::{Accepted, Created, Model, ResponseValidationError};
pub use openapi::{ApiRouter, DocsConfig};
pub use select::{Fields, Selected, SelectionError};
pub use tristate::Tristate;
