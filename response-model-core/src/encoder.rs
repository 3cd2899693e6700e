//! The JSON encoder of every JSON response, chosen per app or per route: FastAPI's
//! `default_response_class=ORJSONResponse`.
//!
//! [`JsonEncoder::layer`] sets the encoder for the routes it wraps; [`EncoderLayer`] and
//! [`EncoderService`] are that layer's `tower` types, and [`EncodeError`] is what a value
//! that cannot be JSON (a map with non-string keys) fails with.
//!
//! ```
//! use response_model::encoder::JsonEncoder;
//! use response_model::routing::{ApiRouter, get};
//! use response_model::Model;
//!
//! async fn price() -> Model<f64> {
//!     Model(75000.0)
//! }
//!
//! let app: axum::Router = ApiRouter::new()
//!     .route("/price", get(price))
//!     .into_router()
//!     .layer(JsonEncoder::Fast.layer());
//! ```

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;

/// Which library turns values into JSON bytes.
///
/// Both write the same text for the same value: integers as integers, `f64` with a
/// fractional part or exponent (`75000.0`, as Pydantic), non-finite floats as `null`,
/// and non-ASCII characters unescaped.
///
/// ```
/// use response_model::encoder::JsonEncoder;
/// let std = JsonEncoder::Standard.to_vec(&serde_json::json!({"price": 75000.0})).unwrap();
/// assert_eq!(std, br#"{"price":75000.0}"#);
/// ```
///
/// Every JSON response ([`Model`](crate::Model), derived views, JSON Lines, selections) is
/// encoded by the encoder chosen for its request with [`JsonEncoder::layer`] (FastAPI's
/// `default_response_class=ORJSONResponse`), read by [`JsonEncoder::current`], or by
/// [`JsonEncoder::Standard`] (serde_json) when none was chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonEncoder {
    /// serde_json: FastAPI's `JSONResponse`.
    #[default]
    Standard,
    /// sonic-rs (SIMD): FastAPI's `ORJSONResponse`. Only with the `fast-json` feature (on
    /// by default): without sonic-rs there is no fast encoder to ask for.
    #[cfg(feature = "fast-json")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fast-json")))]
    Fast,
}

/// Why a value could not be encoded as JSON (a `Serialize` impl failed, or a map had
/// non-string keys).
#[derive(Debug)]
pub struct EncodeError(String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not encode the response as JSON: {}", self.0)
    }
}

impl std::error::Error for EncodeError {}

impl JsonEncoder {
    /// Encodes `value` with this encoder.
    ///
    /// ```
    /// use response_model::encoder::JsonEncoder;
    /// let fast = JsonEncoder::Fast.to_vec(&vec![1, 2, 3]).unwrap();
    /// assert_eq!(fast, b"[1,2,3]");
    /// ```
    pub fn to_vec<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<u8>, EncodeError> {
        match self {
            #[cfg(feature = "fast-json")]
            JsonEncoder::Fast => {
                let bytes = sonic_rs::to_vec(value).map_err(|e| EncodeError(e.to_string()))?;
                // serde_json's `RawValue` (and `Number` under its `arbitrary_precision`
                // feature) serialize as a struct with a private name only serde_json
                // understands; sonic-rs writes it as an object keyed by that name. Such
                // output is encoded again by serde_json, so both encoders write the same JSON.
                // Inside JSON strings `"` is escaped, so this only matches a real key.
                if memchr::memmem::find(&bytes, b"{\"$serde_json::private::").is_some() {
                    return serde_json::to_vec(value).map_err(|e| EncodeError(e.to_string()));
                }
                Ok(bytes)
            }
            _ => serde_json::to_vec(value).map_err(|e| EncodeError(e.to_string())),
        }
    }

    /// A tower layer that makes this encoder the default for every JSON response of the
    /// routes it wraps: one line switches an app to the fast encoder.
    ///
    /// ```
    /// use axum::{Router, routing::get};
    /// use response_model::encoder::JsonEncoder;
    /// let app: Router = Router::new()
    ///     .route("/", get(|| async { "hi" }))
    ///     .layer(JsonEncoder::Fast.layer());
    /// ```
    pub fn layer(self) -> EncoderLayer {
        EncoderLayer(self)
    }

    /// The encoder of the request being handled: the one chosen by the innermost
    /// [`layer`](Self::layer) around its route, or [`JsonEncoder::Standard`] outside any.
    ///
    /// ```
    /// use response_model::encoder::JsonEncoder;
    /// assert_eq!(JsonEncoder::current(), JsonEncoder::Standard);
    /// ```
    pub fn current() -> JsonEncoder {
        ENCODER.try_with(|e| *e).unwrap_or_default()
    }
}

tokio::task_local! {
    static ENCODER: JsonEncoder;
}

/// Encodes `value` with [`JsonEncoder::current`].
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    JsonEncoder::current().to_vec(value)
}

/// A JSON response of `value` with `status`, encoded by [`JsonEncoder::current`].
/// An encoding failure is logged and answered with a bare 500.
pub(crate) fn json_response<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    bytes_response(status, encode(value))
}

pub(crate) fn bytes_response(status: StatusCode, body: Result<Vec<u8>, EncodeError>) -> Response {
    match body {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(mime::APPLICATION_JSON.as_ref()),
            )],
            bytes,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "response serialization failed");
            internal_server_error()
        }
    }
}

/// Starlette's bare 500: `text/plain` `Internal Server Error`, with nothing of the data.
pub(crate) fn internal_server_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        "Internal Server Error",
    )
        .into_response()
}

/// The layer returned by [`JsonEncoder::layer`].
#[derive(Clone, Copy, Debug)]
pub struct EncoderLayer(JsonEncoder);

impl<S> tower::Layer<S> for EncoderLayer {
    type Service = EncoderService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        EncoderService {
            inner,
            encoder: self.0,
        }
    }
}

/// The service of [`EncoderLayer`]: runs the inner service with its encoder as the default.
#[derive(Clone, Debug)]
pub struct EncoderService<S> {
    inner: S,
    encoder: JsonEncoder,
}

impl<S, R> tower::Service<R> for EncoderService<S>
where
    S: tower::Service<R>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> Self::Future {
        Box::pin(ENCODER.scope(self.encoder, self.inner.call(req)))
    }
}

/// What [`internal_server_error`] documents: Starlette's bare 500 (`text/plain`), answered
/// when a response cannot be produced (an encoding failure, a refused redirect target, a
/// failed validation).
pub(crate) fn internal_server_error_doc() -> crate::openapi::Responses {
    use crate::openapi::{MediaDoc, ResponseDoc, Responses};
    Responses::single(
        StatusCode::INTERNAL_SERVER_ERROR,
        ResponseDoc::for_status(StatusCode::INTERNAL_SERVER_ERROR)
            .content("text/plain", MediaDoc::text()),
    )
}
