//! Items the derive's generated code names. Not public API: no stability promises.

pub use ::axum::response::{IntoResponse, Response};
pub use ::schemars::{self, JsonSchema};
pub use ::serde::{self, Serialize};
pub use ::core::marker::PhantomData;

pub use crate::encoder::json_response;
pub use crate::fields::{FieldInfo, ModelFields, View, ViewOf};

/// `skip_serializing_if` of an `exclude_defaults` field.
#[inline]
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A 200 JSON response of a view (non-generic body: one copy per crate, not per view).
#[inline]
pub fn view_response<T: Serialize + ?Sized>(value: &T) -> Response {
    json_response(::http::StatusCode::OK, value)
}

pub use crate::__view_docs as view_docs;
