//! Runtime of [`response-model`](https://docs.rs/response-model): the traits that
//! `#[derive(ResponseModel)]` implements, the [`Model`] responder, every
//! response class of FastAPI's course, and the OpenAPI document built from handler types.
//!
//! Users depend on the facade crate `response-model`, which re-exports everything here
//! under the same paths; its crate documentation holds the glossary.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod defaulted;
pub mod encoder;
pub mod extract;
mod http_error;
mod lax;
mod model;
pub mod openapi;
mod redact;
pub mod responses;
pub mod routing;
pub mod security;
mod selection;
pub mod serve;
mod statuses;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod tristate;
pub mod view;

#[doc(hidden)]
pub mod __private;

#[doc(inline)]
#[doc(inline)]
pub use defaulted::Defaulted;
#[doc(inline)]
pub use http_error::{DynHttpError, HttpError};
#[doc(inline)]
pub use model::{Accepted, Created, Model, ResponseValidationError};
#[doc(inline)]
pub use selection::{Selected, Selection, SelectionError};
#[doc(inline)]
pub use serve::serve;
#[doc(inline)]
pub use statuses::Statuses;
#[doc(inline)]
pub use tristate::Tristate;
#[doc(inline)]
pub use view::View;
