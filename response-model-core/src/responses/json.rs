use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use crate::encoder::{self, JsonEncoder};

/// A JSON response always encoded by sonic-rs: FastAPI's `ORJSONResponse` on one route
/// (`response_class=ORJSONResponse`).
///
/// Only the speed differs from [`Model`](crate::Model) (FastAPI's `JSONResponse`):
/// both send `Content-Type: application/json` and the same bytes for the same value:
/// serde_json and sonic-rs agree on float formatting (`75000.0`, `0.1`, `1e+300`, `-0.0`),
/// string escaping (control characters as `\u00XX`, `\n`-style short escapes, everything
/// else, `/` and non-ASCII included, written as is) and non-finite floats (`null`, which
/// orjson also writes; Python's `json` would write the invalid token `NaN`). serde_json's
/// `RawValue` is written as is by both (sonic-rs alone would wrap it in an object; the fast
/// encoder hands such values to serde_json). The crate's tests check this agreement, with
/// property tests over floats, strings and maps.
///
/// It exists only with the `fast-json` feature (on by default), so a build without sonic-rs
/// cannot ask for it and silently get serde_json. An encoding failure is a logged bare
/// 500, as for `Model`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::FastJson;
///
/// async fn big_data() -> FastJson<serde_json::Value> {
///     FastJson(serde_json::json!({"items": (0..10_000).collect::<Vec<_>>()}))
/// }
///
/// let res = FastJson(serde_json::json!({"price": 75000.0})).into_response();
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
///
#[must_use]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FastJson<T>(pub T);

impl<T: Serialize> IntoResponse for FastJson<T> {
    fn into_response(self) -> Response {
        encoder::bytes_response(StatusCode::OK, JsonEncoder::Fast.to_vec(&self.0))
    }
}

impl<T> From<T> for FastJson<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

/// `200 application/json` with `T`'s schema (serialize contract), as [`Model<T>`](crate::Model).
impl<T: schemars::JsonSchema> crate::openapi::ApiResponse for FastJson<T> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::openapi::json_responses::<T>(cx, StatusCode::OK)
    }
}
