use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, header};

/// A `text/plain; charset=utf-8` response of `T`'s bytes, status 200.
///
/// Status, headers and cookies come from axum's tuples:
/// `(StatusCode::SERVICE_UNAVAILABLE, PlainText("down"))`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::PlainText;
///
/// async fn ping() -> PlainText<&'static str> {
///     PlainText("pong")
/// }
///
/// let res = PlainText(bytes::Bytes::from_static(b"pong")).into_response();
/// assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
/// ```
///
/// Plain text: FastAPI's `PlainTextResponse`.
///
/// A handler returning `String` or `&'static str` already answers
/// `text/plain; charset=utf-8` in axum; [`PlainText`] says so in the type and does the
/// same for any body (`Bytes`, `Vec<u8>`, ...) that axum would otherwise label
/// `application/octet-stream`.
///
/// A download is the same response with a `Content-Disposition` header, as in the
/// course's CSV export:
///
/// ```
/// use axum::response::IntoResponse;
/// use http::header::CONTENT_DISPOSITION;
/// use response_model::responses::PlainText;
///
/// async fn export_csv() -> impl IntoResponse {
///     let csv_data = "id,name,price\n1,Laptop,75000\n2,Phone,30000";
///     (
///         [(CONTENT_DISPOSITION, r#"attachment; filename="data.csv""#)],
///         PlainText(csv_data),
///     )
/// }
/// ```
#[must_use]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlainText<T>(pub T);

impl<T: Into<Body>> IntoResponse for PlainText<T> {
    fn into_response(self) -> Response {
        text_response(self.0.into())
    }
}

impl<T> From<T> for PlainText<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

/// The non-generic half of [`PlainText::into_response`].
fn text_response(body: Body) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// `200 text/plain`, a string.
impl<T> crate::openapi::ApiResponse for PlainText<T> {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{MediaDoc, ResponseDoc, Responses};
        use http::StatusCode;
        Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK).content("text/plain", MediaDoc::text()),
        )
    }
}
