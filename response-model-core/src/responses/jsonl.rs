use std::marker::PhantomData;

use axum::BoxError;
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt};
use serde::Serialize;

use super::stream::StreamingResponse;
use crate::encoder::{EncodeError, JsonEncoder};

/// The Content-Type of [`JsonLines`]: `application/jsonl`.
///
pub(crate) const JSONL: &str = "application/jsonl";

/// A JSON Lines response from a stream or a blocking iterator of serializable values.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::JsonLines;
/// let res = JsonLines::blocking(vec![serde_json::json!({"id": 1})]).into_response();
/// assert_eq!(res.headers()["content-type"], "application/jsonl");
/// ```
///
/// JSON Lines: one JSON value per line, streamed.
///
/// The Content-Type is `application/jsonl`, the name of the JSON Lines
/// specification (jsonlines.org) and the one FastAPI uses for streamed JSON Lines;
/// `application/x-ndjson` (NDJSON, the same format) can be chosen with
/// [`JsonLines::media_type`]. axum-extra's `JsonLines` sends no Content-Type at all.
///
/// Values are encoded with the request's [`JsonEncoder::current`](crate::encoder::JsonEncoder::current) (the one
/// [`JsonEncoder::layer`] chose), each followed by `\n`. The stream behaves as a
/// [`StreamingResponse`]: lines are coalesced into large writes, a client that goes away
/// stops the producer, and a value that fails to encode
/// aborts the connection after the lines before it.
///
/// ```
/// use axum::{Router, routing::get};
/// use futures_util::stream;
/// use response_model::responses::JsonLines;
///
/// #[derive(serde::Serialize)]
/// struct Row { id: u32 }
///
/// async fn rows() -> JsonLines<Row> {
///     JsonLines::new(stream::iter((1..=3).map(|id| Row { id })))
/// }
/// let app: Router = Router::new().route("/rows", get(rows));
/// ```
#[must_use = "a JsonLines does nothing until it is returned from a handler"]
pub struct JsonLines<T> {
    inner: StreamingResponse,
    /// The item type, so the OpenAPI document can give each line's schema.
    item: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for JsonLines<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines")
            .field("inner", &self.inner)
            .finish()
    }
}

fn line<T: Serialize>(encoder: JsonEncoder, value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = encoder.to_vec(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl<T: Serialize> JsonLines<T> {
    /// One line per item of an async stream.
    ///
    /// ```
    /// # use response_model::responses::JsonLines;
    /// let lines = JsonLines::new(futures_util::stream::iter([1, 2, 3]));
    /// ```
    pub fn new<S>(stream: S) -> Self
    where
        S: Stream<Item = T> + Send + 'static,
    {
        let encoder = JsonEncoder::current();
        Self::wrap(StreamingResponse::try_new(
            stream.map(move |value| line(encoder, &value)),
        ))
    }

    /// One line per `Ok` item of a fallible async stream; an `Err` aborts the connection.
    ///
    /// ```
    /// # use response_model::responses::JsonLines;
    /// let lines = JsonLines::try_new(futures_util::stream::iter([
    ///     Ok(1),
    ///     Err(std::io::Error::other("cursor lost")),
    /// ]));
    /// ```
    pub fn try_new<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<T, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let encoder = JsonEncoder::current();
        Self::wrap(StreamingResponse::try_new(stream.map(move |value| {
            let value = value.map_err(Into::into)?;
            line(encoder, &value).map_err(BoxError::from)
        })))
    }

    /// One line per item of a blocking iterator, run on tokio's blocking pool.
    ///
    /// ```
    /// # use response_model::responses::JsonLines;
    /// let lines = JsonLines::blocking((0..1000).map(|i| serde_json::json!({"i": i})));
    /// ```
    pub fn blocking<I>(iter: I) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: Send + 'static,
    {
        let encoder = JsonEncoder::current();
        Self::wrap(StreamingResponse::try_blocking(
            iter.into_iter().map(move |value| line(encoder, &value)),
        ))
    }

    fn wrap(inner: StreamingResponse) -> Self {
        Self {
            inner: inner.media_type(JSONL),
            item: PhantomData,
        }
    }
}

impl<T> JsonLines<T> {
    /// Another Content-Type, e.g. `application/x-ndjson`.
    ///
    /// ```
    /// # use response_model::responses::JsonLines;
    /// # use axum::response::IntoResponse;
    /// let res = JsonLines::new(futures_util::stream::iter([1]))
    ///     .media_type("application/x-ndjson")
    ///     .into_response();
    /// assert_eq!(res.headers()["content-type"], "application/x-ndjson");
    /// ```
    pub fn media_type(self, media_type: impl Into<String>) -> Self {
        Self {
            inner: self.inner.media_type(media_type),
            item: PhantomData,
        }
    }
}

impl<T> IntoResponse for JsonLines<T> {
    fn into_response(self) -> Response {
        self.inner.into_response()
    }
}

/// A 200 stream of JSON values of `T`, one per line: each line's schema is `T`'s
/// (serialize contract). `application/x-ndjson` is listed too, for `.media_type()`.
impl<T: schemars::JsonSchema> crate::openapi::ApiResponse for JsonLines<T> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        let item = cx.register_output::<T>();
        let mut r = crate::openapi::stream_responses(JSONL, item.clone());
        r.merge(crate::openapi::stream_responses(
            "application/x-ndjson",
            item,
        ));
        r
    }
}
