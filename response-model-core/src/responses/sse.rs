//! Server-Sent Events: [`Event`], [`Sse`], [`KeepAlive`] and [`event_stream`].
//!
//! axum's `Sse` writes the format well, but its `Event` panics when an `event` name or an
//! `id` holds a line break (and when a field is set twice), and writes a `data` text's
//! `\r\n` as two line breaks. A handler that puts request text into an event could panic
//! a worker, so this module has its own [`Event`], which never panics, and the [`Sse`]
//! response that sends it (the same wire format, headers and keep-alive as axum's).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::BoxError;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::{BufMut, Bytes, BytesMut};
use futures_util::{Stream, TryStreamExt};
use http::{HeaderValue, header};
use pin_project_lite::pin_project;
use serde::Serialize;

use crate::encoder::internal_server_error;

/// One server-sent event, built field by field as axum's `Event` is (`data`, `json_data`,
/// `event`, `id`, `retry`, `comment`), and written in the order the fields were given.
///
/// It never panics. What the SSE grammar cannot say is handled per field:
///
/// | field | a CR, LF or CRLF in it | otherwise |
/// |---|---|---|
/// | [`data`](Self::data), [`json_data`](Self::json_data) | splits the text: each line is a `data:` line of its own, which a client joins back with `\n` | sent as given; empty data writes no line |
/// | [`comment`](Self::comment) | splits the text: each line is a comment line (`: ..`) | sent as given |
/// | [`event`](Self::event) | refused: [`InvalidEvent`] | sent as given |
/// | [`id`](Self::id) | refused: [`InvalidEvent`] (NUL too, which makes clients ignore the id) | sent as given |
/// | [`retry`](Self::retry) | (a [`Duration`]) | whole milliseconds |
///
/// A client following the WHATWG event-stream rules reads back exactly what was given,
/// with each line break of a `data` text as `\n` (CRLF, CR and LF all end a line on the
/// wire, so they cannot be told apart). Giving `data` twice adds lines to the data;
/// giving `event`, `id` or `retry` twice sends both, and clients keep the last.
///
/// ```
/// use std::time::Duration;
/// use response_model::responses::{Event, InvalidEvent};
///
/// fn update(name_from_request: &str) -> Result<Event, InvalidEvent> {
///     Ok(Event::default()
///         .event("update")?
///         .id(name_from_request)?
///         .retry(Duration::from_millis(1500))
///         .data("line 1\r\nline 2"))
/// }
/// assert_eq!(
///     update("7").unwrap().to_bytes(),
///     "event: update\nid: 7\nretry: 1500\ndata: line 1\ndata: line 2\n\n"
/// );
/// // A line break cannot be part of an id: refused, not a panic.
/// assert!(update("7\nevent: injected").is_err());
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Event {
    /// The fields so far, each line ending in `\n`; the blank line that ends the event is
    /// added when it is sent.
    buffer: BytesMut,
}

impl Event {
    /// Adds `data` as the event's data (`data: ..` lines). Each line of `data` (split at
    /// CRLF, CR and LF alike) is a `data:` line of its own; a client joins them with `\n`.
    /// Empty data writes no line, as axum's `Event` (browsers dispatch no event for it).
    /// Calling it again adds more lines.
    ///
    /// ```
    /// use response_model::responses::Event;
    /// let e = Event::default().data("a\r\nb\rc\nd");
    /// assert_eq!(e.to_bytes(), "data: a\ndata: b\ndata: c\ndata: d\n\n");
    /// ```
    pub fn data(mut self, data: impl AsRef<str>) -> Self {
        let data = data.as_ref();
        if !data.is_empty() {
            write_lines(&mut self.buffer, b"data: ", data.as_bytes());
        }
        self
    }

    /// Adds `value` written as compact JSON as the event's data (`data: {"n":1}`). A JSON
    /// text with line breaks (a [`serde_json::value::RawValue`] can hold some) is split
    /// into `data:` lines as [`data`](Self::data) does; a client reads the same JSON
    /// back. A value whose `Serialize` fails is an [`InvalidEvent::Json`].
    ///
    /// ```
    /// use response_model::responses::Event;
    /// let e = Event::default().json_data(serde_json::json!({"n": 1})).unwrap();
    /// assert_eq!(e.to_bytes(), "data: {\"n\":1}\n\n");
    /// ```
    pub fn json_data(self, value: impl Serialize) -> Result<Self, InvalidEvent> {
        let json = serde_json::to_string(&value).map_err(InvalidEvent::Json)?;
        Ok(self.data(json))
    }

    /// Sets the event's type (`event: ..`), what a browser's
    /// `addEventListener("update", ..)` listens to. A name holding CR or LF is refused
    /// with [`InvalidEvent::ControlCharacter`]: on the wire it would end the line and
    /// start a field of its own.
    ///
    /// ```
    /// use response_model::responses::{Event, InvalidEvent};
    /// let e = Event::default().event("update").unwrap().data("x");
    /// assert_eq!(e.to_bytes(), "event: update\ndata: x\n\n");
    ///
    /// let err = Event::default().event("a\nid: 1").unwrap_err();
    /// assert!(matches!(err, InvalidEvent::ControlCharacter { field: "event", index: 1, byte: b'\n' }));
    /// ```
    pub fn event(mut self, name: impl AsRef<str>) -> Result<Self, InvalidEvent> {
        let name = name.as_ref();
        check_line("event", name, |b| matches!(b, b'\r' | b'\n'))?;
        write_field(&mut self.buffer, b"event: ", name.as_bytes());
        Ok(self)
    }

    /// Sets the event's id (`id: ..`), which the browser sends back as `Last-Event-ID`
    /// when it reconnects. An id holding CR, LF or NUL is refused with
    /// [`InvalidEvent::ControlCharacter`] (a line break would start another field, and
    /// clients ignore an id with NUL).
    ///
    /// ```
    /// use response_model::responses::Event;
    /// let e = Event::default().id("42").unwrap().data("x");
    /// assert_eq!(e.to_bytes(), "id: 42\ndata: x\n\n");
    /// assert!(Event::default().id("4\x002").is_err());
    /// ```
    pub fn id(mut self, id: impl AsRef<str>) -> Result<Self, InvalidEvent> {
        let id = id.as_ref();
        check_line("id", id, |b| matches!(b, b'\r' | b'\n' | b'\0'))?;
        write_field(&mut self.buffer, b"id: ", id.as_bytes());
        Ok(self)
    }

    /// Sets how long the client waits before it reconnects (`retry: ..`), in whole
    /// milliseconds (a fraction of a millisecond is dropped).
    ///
    /// ```
    /// use std::time::Duration;
    /// use response_model::responses::Event;
    /// let e = Event::default().retry(Duration::from_secs(3));
    /// assert_eq!(e.to_bytes(), "retry: 3000\n\n");
    /// ```
    pub fn retry(mut self, duration: Duration) -> Self {
        let millis = duration.as_millis().to_string();
        write_field(&mut self.buffer, b"retry: ", millis.as_bytes());
        self
    }

    /// Adds a comment (`: ..`), which clients ignore: keep-alive text, notes for people
    /// reading the stream. Each line of `text` (split at CRLF, CR and LF) is a comment
    /// line of its own. Calling it again adds more.
    ///
    /// ```
    /// use response_model::responses::Event;
    /// let e = Event::default().comment("two\nlines");
    /// assert_eq!(e.to_bytes(), ": two\n: lines\n\n");
    /// ```
    pub fn comment(mut self, text: impl AsRef<str>) -> Self {
        write_lines(&mut self.buffer, b": ", text.as_ref().as_bytes());
        self
    }

    /// The bytes this event puts on the wire, the blank line that ends it included.
    ///
    /// ```
    /// use response_model::responses::Event;
    /// assert_eq!(Event::default().data("hi").to_bytes(), "data: hi\n\n");
    /// ```
    pub fn to_bytes(&self) -> Bytes {
        let mut out = BytesMut::with_capacity(self.buffer.len() + 1);
        out.extend_from_slice(&self.buffer);
        out.put_u8(b'\n');
        out.freeze()
    }

    /// The event as it is sent (no copy).
    fn finalize(mut self) -> Bytes {
        self.buffer.put_u8(b'\n');
        self.buffer.freeze()
    }
}

/// Shows the fields as they will be sent.
impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Event")
            .field(&String::from_utf8_lossy(&self.buffer))
            .finish()
    }
}

/// `Err` at the first byte of `value` that `forbidden` refuses.
fn check_line(
    field: &'static str,
    value: &str,
    forbidden: impl Fn(u8) -> bool,
) -> Result<(), InvalidEvent> {
    match value.bytes().enumerate().find(|&(_, b)| forbidden(b)) {
        Some((index, byte)) => Err(InvalidEvent::ControlCharacter { field, index, byte }),
        None => Ok(()),
    }
}

/// One `prefix value\n` line; `value` holds no line break (checked by the caller).
fn write_field(buffer: &mut BytesMut, prefix: &[u8], value: &[u8]) {
    buffer.reserve(prefix.len() + value.len() + 1);
    buffer.extend_from_slice(prefix);
    buffer.extend_from_slice(value);
    buffer.put_u8(b'\n');
}

/// A `prefix line\n` per line of `text`, lines ending at CRLF, CR or LF as the WHATWG
/// event-stream parser ends them ("a\n" is the lines "a" and "").
fn write_lines(buffer: &mut BytesMut, prefix: &[u8], text: &[u8]) {
    let mut rest = text;
    loop {
        let end = rest.iter().position(|&b| b == b'\r' || b == b'\n');
        let line = &rest[..end.unwrap_or(rest.len())];
        write_field(buffer, prefix, line);
        let Some(end) = end else { break };
        let skip = if rest[end..].starts_with(b"\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
}

/// Why a text cannot be a field of an [`Event`].
///
/// As a response (a handler that `?`s it before it streams) it is a bare 500 and the
/// reason is logged: a name the server chose is a server bug. For text taken from the
/// request, answer a 400 yourself. As the error of an event stream's item it ends the
/// stream (the connection is aborted after the events sent before it).
///
/// ```
/// use response_model::responses::{Event, InvalidEvent};
/// let err = Event::default().id("a\r\nb").unwrap_err();
/// assert!(matches!(err, InvalidEvent::ControlCharacter { field: "id", index: 1, byte: b'\r' }));
/// assert!(err.to_string().contains("0x0D at byte 1"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum InvalidEvent {
    /// The `event` name or the `id` holds `byte` (CR or LF; NUL in an id) at byte
    /// `index`: those fields are one line each.
    ControlCharacter {
        /// `"event"` or `"id"`.
        field: &'static str,
        /// Byte offset of the first refused character.
        index: usize,
        /// That byte.
        byte: u8,
    },
    /// The value given to [`Event::json_data`] could not be written as JSON.
    Json(serde_json::Error),
}

impl fmt::Display for InvalidEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ControlCharacter { field, index, byte } => write!(
                f,
                "SSE `{field}` has the control character 0x{byte:02X} at byte {index}; an \
                 event name or id is one line without CR or LF (nor NUL in an id): remove \
                 them, or send the text as `data`, which may span lines"
            ),
            Self::Json(err) => write!(f, "SSE data could not be written as JSON: {err}"),
        }
    }
}

impl std::error::Error for InvalidEvent {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Json(err) => Some(err),
            Self::ControlCharacter { .. } => None,
        }
    }
}

/// Logs the reason and answers the bare 500.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::Event;
/// let res = Event::default().event("a\nb").unwrap_err().into_response();
/// assert_eq!(res.status(), 500);
/// ```
impl IntoResponse for InvalidEvent {
    fn into_response(self) -> Response {
        tracing::error!(error = %self, "SSE event refused");
        internal_server_error()
    }
}

/// The bare 500 it answers with.
impl crate::openapi::ApiResponse for InvalidEvent {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::encoder::internal_server_error_doc()
    }
}

/// A Server-Sent Events response (`text/event-stream`, `Cache-Control: no-cache`) of a
/// stream of `Result<`[`Event`]`, E>`. The events are sent as they come; the stream is
/// dropped as soon as the client goes away, which stops an async producer at its next
/// `.await`. An `Err` item ends the body with an error: the connection is aborted after
/// the events sent before it.
///
/// [`event_stream`] is the one-call form with keep-alive comments on.
///
/// ```
/// use std::{convert::Infallible, time::Duration};
/// use futures_util::stream;
/// use response_model::responses::{Event, KeepAlive, Sse};
///
/// async fn ticks() -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
///     Sse::new(stream::iter([Ok(Event::default().data("tick"))]))
/// }
///
/// let with_pings = Sse::new(stream::iter([Ok::<_, Infallible>(Event::default().data("a"))]))
///     .keep_alive(KeepAlive::new().interval(Duration::from_secs(5)).text("ping"));
/// ```
#[derive(Clone)]
#[must_use]
pub struct Sse<S> {
    stream: S,
}

impl<S> Sse<S> {
    /// An SSE response of `stream`, without keep-alive.
    pub fn new(stream: S) -> Self {
        Sse { stream }
    }

    /// Sends [`KeepAlive`] comments whenever the stream is silent for its interval, so
    /// proxies do not close an idle stream. The timer is `tokio::time`'s: the runtime
    /// needs its time driver (`#[tokio::main]` and `Runtime::new()` have it).
    pub fn keep_alive(self, keep_alive: KeepAlive) -> Sse<KeepAliveStream<S>> {
        Sse {
            stream: KeepAliveStream::new(keep_alive, self.stream),
        }
    }
}

impl<S> fmt::Debug for Sse<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sse")
            .field("stream", &std::any::type_name::<S>())
            .finish()
    }
}

impl<S, E> IntoResponse for Sse<S>
where
    S: Stream<Item = Result<Event, E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn into_response(self) -> Response {
        let body = Body::from_stream(self.stream.map_ok(Event::finalize));
        let mut res = Response::new(body);
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(mime::TEXT_EVENT_STREAM.as_ref()),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        res
    }
}

/// A 200 `text/event-stream` whose item schema is one event (`data` is text; `event`,
/// `id`, `retry`).
impl<S> crate::openapi::ApiResponse for Sse<S> {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::openapi::sse_responses(crate::openapi::SchemaDoc::plain(event_schema(
            serde_json::json!({"type": "string"}),
        )))
    }
}

/// The schema of one server-sent event as [`Event`] (and axum's) writes it, with `data`
/// described by `data`.
pub(crate) fn event_schema(data: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "data": data,
            "event": {"type": "string"},
            "id": {"type": "string"},
            "retry": {"type": "integer", "minimum": 0},
        },
    })
}

/// The comment an [`Sse`] sends when its stream is silent, and how long the silence
/// lasts first: by default an empty comment (`:`) every 15 seconds.
///
/// ```
/// use std::time::Duration;
/// use response_model::responses::KeepAlive;
/// let k = KeepAlive::new().interval(Duration::from_secs(30)).text("still here");
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct KeepAlive {
    event: Event,
    interval: Duration,
}

impl KeepAlive {
    /// An empty comment every 15 seconds.
    pub fn new() -> Self {
        let mut buffer = BytesMut::new();
        buffer.extend_from_slice(b":\n");
        Self {
            event: Event { buffer },
            interval: Duration::from_secs(15),
        }
    }

    /// The silence after which a keep-alive is sent.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The comment's text; each line of it is a comment line (see [`Event::comment`]).
    pub fn text(self, text: impl AsRef<str>) -> Self {
        self.event(Event::default().comment(text))
    }

    /// Sends `event` as the keep-alive instead of a comment.
    pub fn event(mut self, event: Event) -> Self {
        self.event = event;
        self
    }
}

impl Default for KeepAlive {
    fn default() -> Self {
        Self::new()
    }
}

pin_project! {
    /// A stream of events with [`KeepAlive`] events added whenever it is silent for the
    /// interval: the stream of an [`Sse::keep_alive`] response.
    #[derive(Debug)]
    pub struct KeepAliveStream<S> {
        // Made on the first silence, so a response built outside a runtime (a test, a
        // `const` setup) does not need one until it is polled.
        #[pin]
        timer: Option<tokio::time::Sleep>,
        #[pin]
        inner: S,
        keep_alive: KeepAlive,
    }
}

impl<S> KeepAliveStream<S> {
    fn new(keep_alive: KeepAlive, inner: S) -> Self {
        Self {
            timer: None,
            inner,
            keep_alive,
        }
    }
}

/// Restarts the silence timer, if there is one yet.
fn restart(timer: Pin<&mut Option<tokio::time::Sleep>>, interval: Duration) {
    if let Some(timer) = timer.as_pin_mut() {
        timer.reset(tokio::time::Instant::now() + interval);
    }
}

impl<S, E> Stream for KeepAliveStream<S>
where
    S: Stream<Item = Result<Event, E>>,
{
    type Item = Result<Event, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        let interval = this.keep_alive.interval;
        match this.inner.poll_next(cx) {
            Poll::Ready(Some(Ok(event))) => {
                restart(this.timer.as_mut(), interval);
                Poll::Ready(Some(Ok(event)))
            }
            Poll::Ready(other) => Poll::Ready(other),
            Poll::Pending => {
                if this.timer.is_none() {
                    this.timer.set(Some(tokio::time::sleep(interval)));
                }
                let Some(timer) = this.timer.as_mut().as_pin_mut() else {
                    return Poll::Pending;
                };
                ready!(timer.poll(cx));
                restart(this.timer.as_mut(), interval);
                Poll::Ready(Some(Ok(this.keep_alive.event.clone())))
            }
        }
    }
}

/// An SSE response of `stream` with keep-alive comments (`:` lines) every 15 seconds of
/// silence, so proxies do not close an idle stream. For another interval or text use
/// `Sse::new(stream).keep_alive(KeepAlive::new().interval(..))`.
///
/// ```
/// use std::convert::Infallible;
/// use axum::response::IntoResponse;
/// use response_model::responses::{Event, InvalidEvent, event_stream};
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let event = Event::default().event("update")?.id("1")?.data("line 1\nline 2");
/// let res = event_stream(futures_util::stream::iter([Ok::<_, Infallible>(event)])).into_response();
/// assert_eq!(res.headers()["content-type"], "text/event-stream");
/// # Ok::<_, InvalidEvent>(())
/// # }).unwrap();
/// ```
///
/// The keep-alive timer uses `tokio::time`: the runtime needs its time driver
/// (`#[tokio::main]` and `Runtime::new()` have it).
///
/// Server-Sent Events (`text/event-stream`), the course's `/events` endpoint. The course's
/// raw `yield f"data: Event {i}\n\n"` becomes `Event::default().data(format!("Event {i}"))`,
/// which puts the same bytes on the wire.
///
/// ```
/// use std::{convert::Infallible, time::Duration};
/// use axum::{Router, routing::get};
/// use futures_util::{StreamExt, stream};
/// use response_model::responses::{Event, event_stream};
///
/// async fn events() -> impl axum::response::IntoResponse {
///     let ticks = stream::iter(0..10).then(|i| async move {
///         if i > 0 {
///             tokio::time::sleep(Duration::from_secs(1)).await;
///         }
///         Ok::<_, Infallible>(Event::default().data(format!("Event {i}")))
///     });
///     event_stream(ticks)
/// }
/// let app: Router = Router::new().route("/events", get(events));
/// ```
pub fn event_stream<S, E>(stream: S) -> Sse<KeepAliveStream<S>>
where
    S: Stream<Item = Result<Event, E>> + Send + 'static,
    E: Into<BoxError>,
{
    Sse::new(stream).keep_alive(KeepAlive::default())
}
