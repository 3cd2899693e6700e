/// An HTML response: `text/html; charset=utf-8`, status 200 unless something around it
/// sets one.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::{Html, WithStatus};
///
/// // FastAPI: HTMLResponse(content="<h1>Under Maintenance</h1>", status_code=503)
/// async fn maintenance() -> WithStatus<503, Html<&'static str>> {
///     WithStatus(Html("<h1>Under Maintenance</h1>"))
/// }
///
/// let res = WithStatus::<503, _>(Html("<h1>Under Maintenance</h1>")).into_response();
/// assert_eq!(res.status(), 503);
/// assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
/// ```
///
/// A fixed status goes in the type with [`WithStatus`](super::WithStatus), which the
/// document lists as that status; a status chosen at run time in an axum tuple
/// (`(status, Html(..))`), documented as `default`.
///
/// FastAPI's `HTMLResponse` is axum's `Html`, re-exported here; templates (FastAPI's
/// `Jinja2Templates`) are [`Templates`](super::Templates) (feature `templates`).
pub use axum::response::Html;
