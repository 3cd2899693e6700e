use axum::BoxError;
use futures_util::Stream;

pub use axum::response::sse::{Event, KeepAlive, KeepAliveStream, Sse};

/// An SSE response of `stream` with keep-alive comments (`:` lines) every 15 seconds of
/// silence, so proxies do not close an idle stream. For another interval or text use
/// `Sse::new(stream).keep_alive(KeepAlive::new().interval(..))`.
///
/// ```
/// use std::convert::Infallible;
/// use axum::response::IntoResponse;
/// use response_model::responses::{Event, event_stream};
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let events = futures_util::stream::iter([Ok::<_, Infallible>(
///     Event::default().event("update").id("1").data("line 1\nline 2"),
/// )]);
/// let res = event_stream(events).into_response();
/// assert_eq!(res.headers()["content-type"], "text/event-stream");
/// # });
/// ```
///
/// The keep-alive timer is axum's and uses `tokio::time`: the runtime needs its time
/// driver (`#[tokio::main]` and `Runtime::new()` have it).
///
/// Server-Sent Events (`text/event-stream`), the course's `/events` endpoint.
///
/// axum's [`Sse`] already writes the format correctly (multi-line `data`, `event`, `id`,
/// `retry`, comments, JSON data through [`Event::json_data`], keep-alive comments) and drops
/// the event stream as soon as the client goes away, which stops an async producer at its
/// next `.await`. This module re-exports it and adds [`event_stream`], the one-call form with
/// keep-alive on. The course's raw `yield f"data: Event {i}\n\n"` becomes
/// `Event::default().data(format!("Event {i}"))`, which puts the same bytes on the wire.
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
