#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub use response_model_core::testing;
pub use response_model_core::{
    Accepted, Created, Defaulted, DynHttpError, HttpError, Model, ResponseValidationError,
    Selected, Selection, SelectionError, Statuses, Tristate, View, encoder, extract, openapi,
    responses, routing, security, serve, view,
};
#[doc = include_str!("docs/ResponseModel.md")]
pub use response_model_derive::ResponseModel;

#[doc = include_str!("docs/ApiError.md")]
pub use response_model_derive::ApiError;

#[doc = include_str!("docs/handler.md")]
pub use response_model_derive::handler;

/// What a handler module names: `use response_model::prelude::*;`.
///
/// The derives and the handler attribute, the response model and its status aliases, the
/// HTTP errors, the selection extractor and its response, [`Statuses`], and the field types
/// [`Tristate`] and [`Defaulted`]. Response classes, the router and the document's types
/// are imported from [`responses`], [`routing`] and [`openapi`].
///
/// ```
/// use response_model::prelude::*;
///
/// async fn count() -> Created<u32> {
///     Model(1)
/// }
/// # let _ = count;
/// ```
pub mod prelude {
    pub use response_model_core::{
        Accepted, Created, Defaulted, DynHttpError, HttpError, Model, ResponseValidationError,
        Selected, Selection, Statuses, Tristate,
    };
    pub use response_model_derive::{ApiError, ResponseModel, handler};
}

// The module itself, not a glob of its items: each item keeps its own `#[doc(hidden)]`,
// so rustc's diagnostics name a public path (`serde::Serialize`) rather than this one.
#[doc(hidden)]
pub use response_model_core::__private;
