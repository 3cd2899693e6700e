use axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::model::status_code;
use crate::openapi::{ApiResponse, DocContext, ResponseDoc, Responses, StatusKey};

/// Any response class with a fixed status `S` in its type: FastAPI's
/// `HTMLResponse(content=..., status_code=503)` is `WithStatus<503, Html<String>>`.
///
/// It works around every class (HTML, text, files, streams, [`Content`](super::Content),
/// templates): the class answers as it does, then the status of its success response
/// becomes `S`. The document lists the class's success response under `S`, with its
/// media type, schema and headers, where a tuple `(StatusCode::SERVICE_UNAVAILABLE, html)`
/// can only say `default` (its status is a value, chosen at run time).
///
/// `S` is checked when the type is used (`cargo build`): a status a body can have, in
/// `200..=599` but `204`, `205` and `304`. For JSON, [`Model<T, S>`](crate::Model) already
/// carries its status.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::routing::{ApiRouter, get};
/// use response_model::responses::{Html, WithStatus};
///
/// async fn maintenance_page() -> WithStatus<503, Html<&'static str>> {
///     WithStatus(Html("<h1>Under Maintenance</h1>"))
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let res = maintenance_page().await.into_response();
/// assert_eq!(res.status(), 503);
/// assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
///
/// let doc = ApiRouter::<()>::new().route("/maintenance", get(maintenance_page)).openapi();
/// let responses = &doc["paths"]["/maintenance"]["get"]["responses"];
/// assert_eq!(responses["503"]["description"], "Service Unavailable");
/// assert!(responses["503"]["content"]["text/html"].is_object());
/// assert_eq!(responses.as_object().unwrap().len(), 1);
/// # }
/// ```
///
/// What "its success response" means, class by class: the 2xx status the class answers
/// with becomes `S`; an error it answers instead (a refused redirect target, a missing
/// file) keeps its own status, and so does `206 Partial Content`, which a
/// [`FileResponse`](super::FileResponse) answers to a `Range` request.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::{PlainText, StreamingResponse, WithStatus, media::TextPlain};
///
/// async fn accepted() -> WithStatus<202, StreamingResponse<TextPlain>> {
///     WithStatus(StreamingResponse::new(futures_util::stream::iter(["queued"])).media::<TextPlain>())
/// }
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// assert_eq!(accepted().await.into_response().status(), 202);
/// # });
/// ```
///
/// A status that cannot carry a body does not build:
///
/// ```compile_fail
/// use response_model::responses::{Html, WithStatus};
/// let _ = axum::response::IntoResponse::into_response(WithStatus::<204, _>(Html("x")));
/// ```
#[must_use]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WithStatus<const S: u16, R>(pub R);

impl<const S: u16, R> WithStatus<S, R> {
    /// The status of this type, for documentation. Evaluating it for a code that cannot
    /// carry a body (outside `200..=599`, or `204`, `205`, `304`) is a compile error.
    ///
    /// ```
    /// use response_model::responses::{Html, WithStatus};
    /// assert_eq!(WithStatus::<503, Html<String>>::STATUS, 503);
    /// ```
    pub const STATUS: u16 = {
        assert!(
            matches!(S, 200..=599) && S != 204 && S != 205 && S != 304,
            "`WithStatus<S, R>`: S must be a status a body can have (200..=599 but 204, 205 and 304)"
        );
        S
    };

    /// The wrapped response.
    ///
    /// ```
    /// use response_model::responses::{PlainText, WithStatus};
    /// let r = WithStatus::<503, _>(PlainText("down"));
    /// assert_eq!(r.into_inner().0, "down");
    /// ```
    pub fn into_inner(self) -> R {
        self.0
    }
}

impl<const S: u16, R: IntoResponse> IntoResponse for WithStatus<S, R> {
    fn into_response(self) -> Response {
        restatus_response(status_code(Self::STATUS), self.0.into_response())
    }
}

/// Whether the status `status` of a class's response is the success response that a
/// [`WithStatus`] replaces: a 2xx but `206`, which answers a `Range` request.
fn replaced(status: u16) -> bool {
    (200..300).contains(&status) && status != StatusCode::PARTIAL_CONTENT.as_u16()
}

/// The non-generic half of [`WithStatus::into_response`].
fn restatus_response(status: StatusCode, mut res: Response) -> Response {
    if replaced(res.status().as_u16()) {
        *res.status_mut() = status;
    }
    res
}

/// The inner class's responses, its success ones (2xx but 206) moved to `S` with the
/// reason phrase of `S` as their description; the others as they are.
impl<const S: u16, R: ApiResponse> ApiResponse for WithStatus<S, R> {
    fn responses(cx: &mut DocContext) -> Responses {
        restatus_docs(status_code(Self::STATUS), &R::responses(cx))
    }
}

/// The non-generic half of [`WithStatus::responses`].
fn restatus_docs(status: StatusCode, inner: &Responses) -> Responses {
    let mut out = Responses::new();
    for key in inner.keys() {
        let Some(doc) = inner.get(key) else { continue };
        match key {
            StatusKey::Code(code) if replaced(code) => {
                // The first description at a status is kept: `S`'s reason phrase.
                out.insert(status, ResponseDoc::for_status(status));
                out.insert(status, doc.clone());
            }
            _ => out.insert(key, doc.clone()),
        }
    }
    out
}
