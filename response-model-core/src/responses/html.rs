/// An HTML response: `text/html; charset=utf-8`, status 200 unless a tuple sets one.
///
/// ```
/// use axum::response::IntoResponse;
/// use http::StatusCode;
/// use response_model::responses::Html;
///
/// // FastAPI: HTMLResponse(content="<h1>Under Maintenance</h1>", status_code=503)
/// async fn maintenance() -> (StatusCode, Html<&'static str>) {
///     (StatusCode::SERVICE_UNAVAILABLE, Html("<h1>Under Maintenance</h1>"))
/// }
///
/// let res = (StatusCode::SERVICE_UNAVAILABLE, Html("<h1>Under Maintenance</h1>")).into_response();
/// assert_eq!(res.status(), 503);
/// assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
/// ```
///
/// FastAPI's `HTMLResponse` is axum's `Html`, re-exported here; templates (FastAPI's
/// `Jinja2Templates`) are [`Templates`](super::Templates) (feature `templates`).
pub use axum::response::Html;
