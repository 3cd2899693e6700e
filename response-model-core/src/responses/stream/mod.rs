//! [`StreamingResponse`] and its two bodies: the coalescing body of an async stream, and the
//! body of a blocking producer with the pipe, writer and timer thread it needs. This module
//! is private: the documentation a user reads is on [`StreamingResponse`].

mod blocking;
mod coalesce;
mod flusher;
mod pipe;
mod writer;

use std::borrow::Cow;
use std::io;
use std::marker::PhantomData;

use axum::BoxError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::Stream;
use http::{HeaderValue, header};

use super::media::{AnyMedia, Checked, MediaType};
use blocking::BlockingBody;
use coalesce::Coalesce;
use pipe::Pipe;
pub use writer::StreamWriter;

/// The size a coalesced write grows to before it is handed to the server (64 KiB).
pub(crate) const CHUNK_SIZE: usize = 64 * 1024;

/// A streamed response body with a status, a media type and headers (FastAPI's
/// `StreamingResponse`): a body produced piece by piece from an async [`Stream`], a blocking
/// [`Iterator`], or a blocking function that writes. See *What the body does* below for
/// buffering, disconnects and errors.
///
/// `M` is the media type ([`media`](super::media)); the default, [`AnyMedia`], leaves it
/// to run time.
///
/// ```
/// use futures_util::stream;
/// use response_model::responses::media::TextPlain;
/// use response_model::responses::StreamingResponse;
///
/// async fn tokens() -> StreamingResponse<TextPlain> {
///     let words = stream::iter(["This ", "is ", "streamed "]);
///     StreamingResponse::new(words).media::<TextPlain>()
/// }
/// ```
///
/// ```
/// use std::io::Write;
/// use axum::{Router, routing::get};
/// use response_model::responses::Attachment;
/// use response_model::responses::media::TextCsv;
/// use response_model::responses::{StreamWriter, StreamingResponse};
///
/// // The course's `def generate_csv()`: one CSV row per `yield`, here per `writeln!`,
/// // run on tokio's blocking pool.
/// fn generate_csv(out: &mut StreamWriter) -> std::io::Result<()> {
///     writeln!(out, "id,name,score")?;
///     for i in 1..=1_000_000 {
///         writeln!(out, "{i},User{i},{:?}", f64::from(i) * 1.5)?;
///     }
///     Ok(())
/// }
///
/// async fn stream_large_csv() -> (Attachment, StreamingResponse<TextCsv>) {
///     let body = StreamingResponse::blocking_writer(generate_csv).media::<TextCsv>();
///     (Attachment::new("data.csv"), body)
/// }
///
/// // The same rows as an iterator of one `String` per row.
/// async fn rows() -> StreamingResponse<TextCsv> {
///     let rows = (1..=3).map(|i| format!("{i},User{i},{:?}\n", f64::from(i) * 1.5));
///     StreamingResponse::blocking(rows).media::<TextCsv>()
/// }
/// let app: Router = Router::new()
///     .route("/export/large-csv", get(stream_large_csv))
///     .route("/rows", get(rows));
/// ```
///
/// # What the body does
///
/// - **Coalescing.** Small items are copied into one buffer that is handed to the server
///   when it reaches [`CHUNK_SIZE`](StreamingResponse::CHUNK_SIZE) (64 KiB) *or* when the
///   producer has nothing more ready.
///   For an async stream that is the moment it returns `Pending`. A blocking iterator runs
///   on another thread, so "nothing ready" is observed in time: bytes that have not grown
///   into a full chunk within 1 ms are sent as they are (a process-wide timer thread wakes
///   the body; `tokio::time` is not required). A fast producer therefore gets few large
///   writes, and a slow producer's bytes wait at most 1 ms, never for the buffer to fill.
///   (A blocking producer wakes the server's task only when it has two chunks ready, or an
///   item of a chunk or more, or ends; the first chunk of a burst that then stops waits
///   for those 1 ms too.) An item of 64 KiB or more is passed through without copying.
/// - **Blocking producers** ([`StreamingResponse::blocking`] iterators and
///   [`StreamingResponse::blocking_writer`] functions) run on tokio's blocking pool
///   (Starlette runs sync generators in its threadpool), starting when the body is first
///   polled. Each item (each write) is copied into a bounded byte buffer shared with the
///   body, under a lock taken once per item: when the buffer holds two chunks (128 KiB)
///   the producer thread waits until the server has taken all but less than a chunk, so
///   memory stays bounded
///   whatever the producer's speed, and the producer runs ahead while the server writes.
///   A writer formats each `writeln!` row straight into that buffer, so a row costs no
///   allocation and no extra copy; an iterator of `String`s allocates one per row.
/// - **Disconnects.** When the client goes away the server drops the body: an async stream
///   is dropped at once, a blocking iterator stops (and is dropped, on its thread) at its
///   next item, and a writer's next write fails with `BrokenPipe`. FastAPI, by contrast, keeps running an async generator to its end.
/// - **Errors.** An `Err` item (from [`StreamingResponse::try_new`] or
///   [`StreamingResponse::try_blocking`]), an `Err` returned by a writer function, or a
///   panicking producer ends the body with an
///   error after the bytes produced before it: the server then aborts the connection
///   (no final chunk), so the client sees a failed transfer, never a complete-looking one.
/// - **Content-Type.** The media type is best given as a type,
///   [`.media::<TextCsv>()`](StreamingResponse::media), so that it is in the handler's return
///   type (`StreamingResponse<TextCsv>`) and the OpenAPI document lists it (see
///   [`media`](super::media)). [`.media_type("...")`](StreamingResponse::media_type) sets
///   one at run time instead, documented as `*/*`. Like Starlette, a `text/*` media type
///   without a charset gets `; charset=utf-8`; with neither, no Content-Type is sent
///   (Starlette sends none either).
#[must_use = "a StreamingResponse does nothing until it is returned from a handler"]
pub struct StreamingResponse<M = AnyMedia> {
    body: Body,
    media_type: Option<Cow<'static, str>>,
    media: PhantomData<fn() -> M>,
}

impl<M> std::fmt::Debug for StreamingResponse<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamingResponse")
            .field("media_type", &self.media_type)
            .finish_non_exhaustive()
    }
}

impl StreamingResponse {
    /// The size small items are coalesced into before they are written (64 KiB); an item
    /// larger than this is written as it is.
    pub const CHUNK_SIZE: usize = CHUNK_SIZE;

    /// Streams the items of an async stream (an async generator in Python).
    ///
    /// ```
    /// use futures_util::{StreamExt, stream};
    /// use response_model::responses::StreamingResponse;
    /// let rows = stream::iter(0..3).map(|i| format!("row {i}\n"));
    /// let res = StreamingResponse::new(rows).media_type("text/plain");
    /// ```
    pub fn new<S>(stream: S) -> Self
    where
        S: Stream + Send + 'static,
        S::Item: Into<Bytes>,
    {
        use futures_util::StreamExt;
        Self::try_new(stream.map(Ok::<_, std::convert::Infallible>))
    }

    /// Streams the items of a fallible async stream; an `Err` aborts the connection after
    /// the bytes produced before it.
    ///
    /// ```
    /// use futures_util::stream;
    /// use response_model::responses::StreamingResponse;
    /// let items = stream::iter([Ok("a\n"), Err(std::io::Error::other("db went away"))]);
    /// let res = StreamingResponse::try_new(items);
    /// ```
    pub fn try_new<S, T, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<T, E>> + Send + 'static,
        T: Into<Bytes>,
        E: Into<BoxError>,
    {
        Self::from_body(Body::new(Coalesce::new(stream)))
    }

    /// Streams the items of a blocking iterator (a Python `def` generator), run on tokio's
    /// blocking pool: use it for CPU-bound or blocking-I/O producers.
    ///
    /// ```
    /// use response_model::responses::StreamingResponse;
    /// let rows = (1..=1_000_000).map(|i| format!("{i},User{i}\n"));
    /// let res = StreamingResponse::blocking(rows).media_type("text/csv");
    /// ```
    pub fn blocking<I>(iter: I) -> Self
    where
        I: IntoIterator,
        I::IntoIter: Send + 'static,
        I::Item: AsRef<[u8]> + 'static,
    {
        Self::try_blocking(iter.into_iter().map(Ok::<_, std::convert::Infallible>))
    }

    /// Streams the items of a fallible blocking iterator; an `Err` aborts the connection
    /// after the bytes produced before it.
    ///
    /// ```
    /// use response_model::responses::StreamingResponse;
    /// let lines = std::io::Cursor::new("a\nb\n");
    /// let res = StreamingResponse::try_blocking(std::io::BufRead::lines(lines).map(|l| {
    ///     l.map(|mut l| {
    ///         l.push('\n');
    ///         l
    ///     })
    /// }));
    /// ```
    pub fn try_blocking<I, T, E>(iter: I) -> Self
    where
        I: IntoIterator<Item = Result<T, E>>,
        I::IntoIter: Send + 'static,
        T: AsRef<[u8]> + 'static,
        E: Into<BoxError> + 'static,
    {
        Self::from_body(Body::new(BlockingBody::new(iter.into_iter())))
    }

    /// Streams what a blocking function writes, run on tokio's blocking pool: Rust's
    /// twin of a Python `def` generator, with `writeln!(out, ...)?` where Python has
    /// `yield`. Each write (each `writeln!`) is one item: coalesced with the next ones into
    /// 64 KiB writes, and never held back when the function then blocks. Formatting a row
    /// goes straight into the body's buffer, so a row costs no allocation.
    ///
    /// When the client has gone, writes fail with [`io::ErrorKind::BrokenPipe`], so `?`
    /// stops the function at its next row. An `Err` returned for another reason aborts the
    /// connection after the bytes written before it, as an `Err` item does.
    ///
    /// ```
    /// use std::io::Write;
    /// use response_model::responses::media::TextCsv;
    /// use response_model::responses::{StreamWriter, StreamingResponse};
    ///
    /// // def generate_csv(): yield "id,name,score\n"; for i in ...: yield f"{i},User{i},..."
    /// fn generate_csv(out: &mut StreamWriter) -> std::io::Result<()> {
    ///     writeln!(out, "id,name,score")?;
    ///     for i in 1..=1_000_000 {
    ///         writeln!(out, "{i},User{i},{:?}", f64::from(i) * 1.5)?;
    ///     }
    ///     Ok(())
    /// }
    ///
    /// async fn stream_large_csv() -> StreamingResponse<TextCsv> {
    ///     StreamingResponse::blocking_writer(generate_csv).media::<TextCsv>()
    /// }
    /// ```
    pub fn blocking_writer<F>(write: F) -> Self
    where
        F: FnOnce(&mut StreamWriter) -> io::Result<()> + Send + 'static,
    {
        Self::from_body(Body::new(BlockingBody::with_producer(Box::new(
            move |pipe: &Pipe| {
                let mut out = StreamWriter { pipe };
                if let Err(err) = write(&mut out)
                    && !out.is_closed()
                {
                    pipe.fail(err.into());
                }
            },
        ))))
    }

    /// How many blocking producers ([`blocking`](Self::blocking),
    /// [`blocking_writer`](Self::blocking_writer)) are running in this process now: a
    /// gauge for monitoring. A producer stops at its next write once its client has gone,
    /// so after a crowd of clients leaves this falls back to what is still being sent.
    ///
    /// ```
    /// use response_model::responses::StreamingResponse;
    /// assert_eq!(StreamingResponse::<response_model::responses::media::AnyMedia>::running_producers(), 0);
    /// ```
    // Hidden: the disconnect-storm test (tests/integration/storm.rs) and the benchmarks
    // count producers with it; it is not part of the API a handler is written against,
    // and it may move to a test-support module (issue #17).
    #[doc(hidden)]
    pub fn running_producers() -> usize {
        blocking::running()
    }

    fn from_body(body: Body) -> Self {
        Self {
            body,
            media_type: None,
            media: PhantomData,
        }
    }

    /// Fixes the media type as a type: the handler returns `StreamingResponse<M>` and the
    /// OpenAPI document lists `M`'s media type (`text/*` gets `; charset=utf-8` on the
    /// wire). A media type that is not valid fails the build.
    ///
    /// ```
    /// # use response_model::responses::StreamingResponse;
    /// use axum::response::IntoResponse;
    /// use response_model::responses::media::TextCsv;
    ///
    /// async fn export() -> StreamingResponse<TextCsv> {
    ///     StreamingResponse::blocking(["id,name\n", "1,Ann\n"]).media::<TextCsv>()
    /// }
    /// let res = StreamingResponse::blocking(["a"]).media::<TextCsv>().into_response();
    /// assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    /// ```
    pub fn media<N: MediaType>(self) -> StreamingResponse<N> {
        let () = Checked::<N>::VALID;
        StreamingResponse {
            body: self.body,
            media_type: Some(Cow::Borrowed(N::MEDIA_TYPE)),
            media: PhantomData,
        }
    }

    /// Sets the Content-Type at run time (`text/*` types get `; charset=utf-8` unless they
    /// name one). The document can only say `*/*` for it: when the media type is known in
    /// advance, prefer [`media`](Self::media).
    ///
    /// ```
    /// # use response_model::responses::StreamingResponse;
    /// # use axum::response::IntoResponse;
    /// let res = StreamingResponse::new(futures_util::stream::iter(["a"]))
    ///     .media_type("text/csv")
    ///     .into_response();
    /// assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    /// ```
    pub fn media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(Cow::Owned(media_type.into()));
        self
    }
}

/// `text/*` media types get `; charset=utf-8`, as Starlette's `init_headers` does.
pub(crate) fn content_type_value(media_type: &str) -> Option<HeaderValue> {
    if media_type.starts_with("text/") && !media_type.contains("charset=") {
        HeaderValue::try_from(format!("{media_type}; charset=utf-8")).ok()
    } else {
        HeaderValue::try_from(media_type).ok()
    }
}

impl<M: MediaType> IntoResponse for StreamingResponse<M> {
    fn into_response(self) -> Response {
        let mut res = Response::new(self.body);
        if let Some(media_type) = self.media_type {
            match content_type_value(&media_type) {
                Some(value) => {
                    res.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                None => {
                    tracing::error!(
                        media_type = %media_type,
                        "StreamingResponse media type is not a valid header value"
                    );
                    return crate::encoder::internal_server_error();
                }
            }
        }
        res
    }
}

/// A 200 of the media type of `M` (`*/*` for `AnyMedia`, chosen at run time, which adds
/// the bare 500 of a media type that is not a header value; a text type has a string
/// schema): the class always answers 200. Only a status set around it says
/// otherwise: [`WithStatus`](super::WithStatus) documents its fixed status, a tuple
/// `(StatusCode, ..)` `default`. Write a stream of items with a typed class (`JsonLines`,
/// `Sse`) where there is one: those document the item schema too.
impl<M: MediaType> crate::openapi::ApiResponse for StreamingResponse<M> {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{ResponseDoc, Responses};
        let any = super::media::is_any::<M>();
        let description = if any {
            "A streamed body (its media type is set at run time)"
        } else {
            "A streamed body"
        };
        let mut r = Responses::single(
            http::StatusCode::OK,
            ResponseDoc::new(description).content(M::MEDIA_TYPE, super::media::media_doc::<M>()),
        );
        if any {
            // A media type given at run time may not be a header value: a logged 500.
            r.merge(crate::encoder::internal_server_error_doc());
        }
        r
    }
}
