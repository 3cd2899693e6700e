//! Streaming responses (FastAPI's `StreamingResponse`): a body produced piece by piece
//! from an async [`Stream`], a blocking [`Iterator`], or a blocking function that writes.
//!
//! ```
//! use std::io::Write;
//! use axum::{Router, routing::get};
//! use response_model_core::responses::Attachment;
//! use response_model_core::responses::media::TextCsv;
//! use response_model_core::responses::{StreamWriter, StreamingResponse};
//!
//! // The course's `def generate_csv()`: one CSV row per `yield`, here per `writeln!`,
//! // run on tokio's blocking pool.
//! fn generate_csv(out: &mut StreamWriter) -> std::io::Result<()> {
//!     writeln!(out, "id,name,score")?;
//!     for i in 1..=1_000_000 {
//!         writeln!(out, "{i},User{i},{:?}", f64::from(i) * 1.5)?;
//!     }
//!     Ok(())
//! }
//!
//! async fn stream_large_csv() -> (Attachment, StreamingResponse<TextCsv>) {
//!     let body = StreamingResponse::blocking_writer(generate_csv).media::<TextCsv>();
//!     (Attachment::new("data.csv"), body)
//! }
//!
//! // The same rows as an iterator of one `String` per row.
//! async fn rows() -> StreamingResponse<TextCsv> {
//!     let rows = (1..=3).map(|i| format!("{i},User{i},{:?}\n", f64::from(i) * 1.5));
//!     StreamingResponse::blocking(rows).media::<TextCsv>()
//! }
//! let app: Router = Router::new()
//!     .route("/export/large-csv", get(stream_large_csv))
//!     .route("/rows", get(rows));
//! ```
//!
//! # What the body does
//!
//! - **Coalescing.** Small items are copied into one buffer that is handed to the server
//!   when it reaches [`CHUNK_SIZE`] (64 KiB) *or* when the producer has nothing more ready.
//!   For an async stream that is the moment it returns `Pending`. A blocking iterator runs
//!   on another thread, so "nothing ready" is observed in time: bytes that have not grown
//!   into a full chunk within 1 ms are sent as they are (a process-wide timer thread wakes
//!   the body; `tokio::time` is not required). A fast producer therefore gets few large
//!   writes, and a slow producer's bytes wait at most 1 ms, never for the buffer to fill.
//!   An item of 64 KiB or more is passed through without copying.
//! - **Blocking producers** ([`StreamingResponse::blocking`] iterators and
//!   [`StreamingResponse::blocking_writer`] functions) run on tokio's blocking pool
//!   (Starlette runs sync generators in its threadpool), starting when the body is first
//!   polled. Each item (each write) is copied into a bounded byte buffer shared with the
//!   body, under a lock taken once per item: when the buffer holds two chunks (128 KiB)
//!   the producer thread waits until the server takes some, so memory stays bounded
//!   whatever the producer's speed, and the producer runs ahead while the server writes.
//!   A writer formats each `writeln!` row straight into that buffer, so a row costs no
//!   allocation and no extra copy; an iterator of `String`s allocates one per row.
//! - **Disconnects.** When the client goes away the server drops the body: an async stream
//!   is dropped at once, a blocking iterator stops (and is dropped, on its thread) at its
//!   next item, and a writer's next write fails with `BrokenPipe`. FastAPI, by contrast, keeps running an async generator to its end.
//! - **Errors.** An `Err` item (from [`StreamingResponse::try_new`] or
//!   [`StreamingResponse::try_blocking`]), an `Err` returned by a writer function, or a
//!   panicking producer ends the body with an
//!   error after the bytes produced before it: the server then aborts the connection
//!   (no final chunk), so the client sees a failed transfer, never a complete-looking one.
//! - **Content-Type.** The media type is best given as a type,
//!   [`.media::<TextCsv>()`](StreamingResponse::media), so that it is in the handler's return
//!   type (`StreamingResponse<TextCsv>`) and the OpenAPI document lists it (see
//!   [`media`](super::media)). [`.media_type("...")`](StreamingResponse::media_type) sets
//!   one at run time instead, documented as `*/*`. Like Starlette, a `text/*` media type
//!   without a charset gets `; charset=utf-8`; with neither, no Content-Type is sent
//!   (Starlette sends none either).

use super::media::{AnyMedia, Checked, MediaType};
use std::borrow::Cow;
use std::io;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use axum::BoxError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use futures_util::Stream;
use http::{HeaderValue, header};
use http_body::Frame;

/// The size a coalesced write grows to before it is handed to the server (64 KiB).
pub(crate) const CHUNK_SIZE: usize = 64 * 1024;

/// How many bytes a blocking producer may run ahead of the body before it waits: two
/// chunks, so it keeps producing while the server writes the previous chunk (on two cores
/// the two then overlap instead of taking turns), memory stays bounded, and a producer
/// whose client has gone has run at most this far ahead of the server's writes. (Four
/// chunks measured no faster.)
const PIPE_CAPACITY: usize = 2 * CHUNK_SIZE;

/// A streamed response body with a status, a media type and headers (FastAPI's
/// `StreamingResponse`). See the [module docs](self) for buffering, disconnects and errors.
///
/// `M` is the media type ([`media`](super::media)); the default, [`AnyMedia`], leaves it
/// to run time.
///
/// ```
/// use futures_util::stream;
/// use response_model_core::responses::media::TextPlain;
/// use response_model_core::responses::StreamingResponse;
///
/// async fn tokens() -> StreamingResponse<TextPlain> {
///     let words = stream::iter(["This ", "is ", "streamed "]);
///     StreamingResponse::new(words).media::<TextPlain>()
/// }
/// ```
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
    /// use response_model_core::responses::StreamingResponse;
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
    /// use response_model_core::responses::StreamingResponse;
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
    /// use response_model_core::responses::StreamingResponse;
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
    /// use response_model_core::responses::StreamingResponse;
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
    /// use response_model_core::responses::media::TextCsv;
    /// use response_model_core::responses::{StreamWriter, StreamingResponse};
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
    /// # use response_model_core::responses::StreamingResponse;
    /// use axum::response::IntoResponse;
    /// use response_model_core::responses::media::TextCsv;
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
    /// # use response_model_core::responses::StreamingResponse;
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

/// The writing end of [`StreamingResponse::blocking_writer`]: an [`io::Write`] whose every
/// write is one item of the stream (see there).
///
/// ```
/// use std::io::Write;
/// use response_model_core::responses::{StreamWriter, StreamingResponse};
///
/// let res = StreamingResponse::blocking_writer(|out: &mut StreamWriter| {
///     for word in ["This ", "is ", "streamed"] {
///         out.write_all(word.as_bytes())?;
///     }
///     Ok(())
/// });
/// ```
pub struct StreamWriter<'a> {
    pipe: &'a Pipe,
}

impl std::fmt::Debug for StreamWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamWriter").finish_non_exhaustive()
    }
}

impl StreamWriter<'_> {
    fn is_closed(&self) -> bool {
        self.pipe.lock().closed
    }
}

fn client_gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the client went away")
}

impl io::Write for StreamWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pipe.push(buf).map_err(|Closed| client_gone())?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.write(buf).map(drop)
    }

    /// One `write!`/`writeln!` is one item, however many pieces it formats.
    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> io::Result<()> {
        if let Some(s) = args.as_str() {
            return self.write_all(s.as_bytes());
        }
        match self.pipe.push_fmt(args) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(std::fmt::Error)) => Err(io::Error::other("formatter error")),
            Err(Closed) => Err(client_gone()),
        }
    }

    /// Nothing is held back: every write is already the body's.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
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

pin_project_lite::pin_project! {
    /// Body of an async stream: polls the stream while it has items ready and hands
    /// them over as one buffer (see the module docs).
    struct Coalesce<S> {
        #[pin]
        stream: S,
        buf: BytesMut,
        // An item too large to copy, waiting until `buf` has been handed over.
        big: Option<Bytes>,
        error: Option<BoxError>,
        done: bool,
    }
}

impl<S> Coalesce<S> {
    fn new(stream: S) -> Self {
        Self {
            stream,
            buf: BytesMut::new(),
            big: None,
            error: None,
            done: false,
        }
    }
}

impl<S, T, E> http_body::Body for Coalesce<S>
where
    S: Stream<Item = Result<T, E>>,
    T: Into<Bytes>,
    E: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let mut this = self.project();
        loop {
            if this.buf.is_empty()
                && let Some(big) = this.big.take()
            {
                return Poll::Ready(Some(Ok(Frame::data(big))));
            }
            if *this.done {
                if !this.buf.is_empty() {
                    return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                }
                return Poll::Ready(this.error.take().map(Err));
            }
            match this.stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(item))) => {
                    let item: Bytes = item.into();
                    if item.len() >= CHUNK_SIZE {
                        if this.buf.is_empty() {
                            return Poll::Ready(Some(Ok(Frame::data(item))));
                        }
                        *this.big = Some(item);
                        return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                    }
                    if this.buf.len() + item.len() > CHUNK_SIZE {
                        let out = this.buf.split().freeze();
                        this.buf.reserve(CHUNK_SIZE);
                        this.buf.extend_from_slice(&item);
                        return Poll::Ready(Some(Ok(Frame::data(out))));
                    }
                    if this.buf.capacity() == 0 {
                        this.buf.reserve(CHUNK_SIZE);
                    }
                    this.buf.extend_from_slice(&item);
                }
                Poll::Ready(Some(Err(err))) => {
                    *this.error = Some(err.into());
                    *this.done = true;
                }
                Poll::Ready(None) => *this.done = true,
                Poll::Pending => {
                    if this.buf.is_empty() {
                        return Poll::Pending;
                    }
                    return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                }
            }
        }
    }
}

/// What the producer thread and the body share.
struct Pipe {
    state: Mutex<PipeState>,
    /// Signalled when the body took the buffer or went away.
    space: Condvar,
}

#[derive(Default)]
struct PipeState {
    buf: BytesMut,
    /// The body's waker, set while it waits for bytes.
    waker: Option<Waker>,
    /// The body waits for a full chunk (it is lingering), not for the next byte.
    wants_full: bool,
    /// The producer finished (normally, with an error, or by panicking).
    done: bool,
    error: Option<BoxError>,
    /// The body was dropped: the producer must stop.
    closed: bool,
}

/// The body is gone (the client left): the producer must stop.
struct Closed;

impl Pipe {
    fn lock(&self) -> MutexGuard<'_, PipeState> {
        // The only user code run under this lock is a row's `Display` impls
        // (`Pipe::push_fmt`): a panic there leaves whole bytes in the buffer, so a
        // poisoned lock still holds consistent state.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends one item's bytes for the body (waiting while the buffer is full) and wakes
    /// the body if it waits for them. One lock per item: the bytes are the body's at once,
    /// so a producer that then blocks never holds them back.
    fn push(&self, bytes: &[u8]) -> Result<(), Closed> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.append(bytes.len(), |buf| buf.extend_from_slice(bytes))
    }

    /// Formats one row straight into the buffer (no intermediate copy). Only the row's
    /// `Display` impls run under the lock; if one fails, the bytes it wrote stay, and the
    /// writer's error then ends the body with an error after them.
    fn push_fmt(&self, args: std::fmt::Arguments<'_>) -> Result<std::fmt::Result, Closed> {
        self.append(64, |buf| std::fmt::Write::write_fmt(buf, args))
    }

    /// The body of [`push`](Self::push): waits for room, appends, wakes the body if it
    /// waits for these bytes.
    fn append<R>(
        &self,
        len_hint: usize,
        write: impl FnOnce(&mut BytesMut) -> R,
    ) -> Result<R, Closed> {
        let (out, waker) = {
            let mut state = self.lock();
            while state.buf.len() >= PIPE_CAPACITY && !state.closed {
                state = self
                    .space
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.closed {
                return Err(Closed);
            }
            if state.buf.capacity() - state.buf.len() < len_hint {
                state.buf.reserve(CHUNK_SIZE.max(len_hint));
            }
            let before = state.buf.len();
            let out = write(&mut state.buf);
            let waker = if state.buf.len() == before
                || (state.wants_full && state.buf.len() < CHUNK_SIZE)
            {
                None
            } else {
                state.waker.take()
            };
            (out, waker)
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(out)
    }

    /// Ends the body with `err` after the bytes pushed before it.
    fn fail(&self, err: BoxError) {
        self.lock().error = Some(err);
    }
}

/// A blocking producer, run once on the blocking pool.
type Producer = Box<dyn FnOnce(&Pipe) + Send>;

/// Body of a blocking iterator or writer (see the module docs).
struct BlockingBody {
    /// The producer, until the first poll moves it to the blocking pool.
    producer: Option<Producer>,
    pipe: Arc<Pipe>,
    /// Until when a small buffer may wait to grow (see [`LINGER`]).
    linger_until: Option<Instant>,
}

impl BlockingBody {
    fn new<I, T, E>(iter: I) -> Self
    where
        I: Iterator<Item = Result<T, E>> + Send + 'static,
        T: AsRef<[u8]>,
        E: Into<BoxError>,
    {
        Self::with_producer(Box::new(move |pipe: &Pipe| produce(iter, pipe)))
    }

    fn with_producer(producer: Producer) -> Self {
        Self {
            producer: Some(producer),
            linger_until: None,
            pipe: Arc::new(Pipe {
                state: Mutex::new(PipeState::default()),
                space: Condvar::new(),
            }),
        }
    }
}

impl Drop for BlockingBody {
    fn drop(&mut self) {
        self.pipe.lock().closed = true;
        self.pipe.space.notify_all();
    }
}

/// Marks the pipe done when the producer ends, however it ends (a panicking iterator
/// becomes a body error instead of a body that never ends).
struct ProducerGuard(Arc<Pipe>);

impl Drop for ProducerGuard {
    fn drop(&mut self) {
        let waker = {
            let mut state = self.0.lock();
            state.done = true;
            if std::thread::panicking() && state.error.is_none() {
                state.error = Some("the streaming producer panicked".into());
            }
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

fn produce<I, T, E>(iter: I, pipe: &Pipe)
where
    I: Iterator<Item = Result<T, E>>,
    T: AsRef<[u8]>,
    E: Into<BoxError>,
{
    for item in iter {
        match item {
            Ok(bytes) => {
                if pipe.push(bytes.as_ref()).is_err() {
                    return;
                }
            }
            Err(err) => return pipe.fail(err.into()),
        }
    }
}

impl http_body::Body for BlockingBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Some(producer) = this.producer.take() {
            let Ok(runtime) = tokio::runtime::Handle::try_current() else {
                return Poll::Ready(Some(Err(
                    "StreamingResponse::blocking needs a tokio runtime".into(),
                )));
            };
            let guard = ProducerGuard(Arc::clone(&this.pipe));
            // The JoinHandle is not needed: the guard reports the end, however it comes.
            drop(runtime.spawn_blocking(move || producer(&guard.0)));
        }
        let mut state = this.pipe.lock();
        let len = state.buf.len();
        if len > 0 {
            // A small buffer waits (up to LINGER) for the producer to fill it, unless the
            // producer has finished.
            let now = Instant::now();
            let ready = len >= CHUNK_SIZE
                || state.done
                || this.linger_until.is_some_and(|until| now >= until);
            if !ready && let Some(flusher) = flusher() {
                if this.linger_until.is_none() {
                    let until = now + LINGER;
                    this.linger_until = Some(until);
                    flusher.wake_at(until, cx.waker().clone());
                }
                state.waker = Some(cx.waker().clone());
                state.wants_full = true;
                return Poll::Pending;
            }
            this.linger_until = None;
            state.wants_full = false;
            // At most one chunk per frame; the rest stays for the next poll.
            let out = state.buf.split_to(len.min(CHUNK_SIZE)).freeze();
            drop(state);
            this.pipe.space.notify_one();
            return Poll::Ready(Some(Ok(Frame::data(out))));
        }
        if let Some(err) = state.error.take() {
            return Poll::Ready(Some(Err(err)));
        }
        if state.done {
            return Poll::Ready(None);
        }
        state.waker = Some(cx.waker().clone());
        state.wants_full = false;
        Poll::Pending
    }
}

/// How long a blocking producer's small output may wait to grow into a full chunk.
///
/// Without it, the server (which polls the body again as soon as it has buffered a frame)
/// takes a few rows at a time from a fast producer and writes them as tiny chunks, which
/// made the course's 1M-row CSV four times slower than hand-batched rows. A producer that
/// fills a chunk within this time wakes the body at once; one that does not (a slow
/// producer) has its bytes sent after at most this delay.
const LINGER: Duration = Duration::from_millis(1);

/// One process-wide thread that wakes lingering bodies at their deadline. A thread of our
/// own rather than `tokio::time`, which panics on runtimes built without the time driver.
struct Flusher {
    due: Mutex<Vec<(Instant, Waker)>>,
    changed: Condvar,
}

fn flusher() -> Option<&'static Flusher> {
    static FLUSHER: OnceLock<Option<&'static Flusher>> = OnceLock::new();
    *FLUSHER.get_or_init(|| {
        let flusher: &'static Flusher = Box::leak(Box::new(Flusher {
            due: Mutex::new(Vec::new()),
            changed: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("response-model-flush".into())
            .spawn(move || flusher.run())
            .map_err(|err| tracing::warn!(error = %err, "no flush thread: streams will not linger"))
            .ok()
            .map(|_| flusher)
    })
}

impl Flusher {
    fn wake_at(&self, at: Instant, waker: Waker) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let earliest = due.iter().map(|(t, _)| *t).min();
        due.push((at, waker));
        drop(due);
        if earliest.is_none_or(|e| at < e) {
            self.changed.notify_one();
        }
    }

    fn run(&self) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let now = Instant::now();
            let mut ready = Vec::new();
            due.retain(|(at, waker)| {
                if *at <= now {
                    ready.push(waker.clone());
                    false
                } else {
                    true
                }
            });
            if !ready.is_empty() {
                drop(due);
                ready.into_iter().for_each(Waker::wake);
                due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            due = match due.iter().map(|(t, _)| *t).min() {
                None => self
                    .changed
                    .wait(due)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(next) => {
                    self.changed
                        .wait_timeout(due, next.saturating_duration_since(now))
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
            };
        }
    }
}

/// The media type of `M` (`*/*` for `AnyMedia`, chosen at run time); a text type has a
/// string schema. A status set around the class is a run-time value, so the response is
/// documented as `default`. Write a stream of items with a typed class (`JsonLines`,
/// `Sse`) where there is one: those document the item schema too.
impl<M: MediaType> crate::openapi::ApiResponse for StreamingResponse<M> {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{ResponseDoc, Responses, StatusKey};
        let description = if super::media::is_any::<M>() {
            "A streamed body (its media type is set at run time)"
        } else {
            "A streamed body"
        };
        Responses::single(
            StatusKey::Default,
            ResponseDoc::new(description).content(M::MEDIA_TYPE, super::media::media_doc::<M>()),
        )
    }
}
