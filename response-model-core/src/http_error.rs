use std::borrow::Cow;
use std::fmt;

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use schemars::JsonSchema;
use serde::Serialize;

use crate::encoder::json_response;
use crate::openapi::{ApiResponse, DocContext, MediaDoc, ResponseDoc, Responses, StatusKey};

/// FastAPI's `raise HTTPException(status_code=404, detail="Item not found")`, with the
/// status in the type: `{"detail": "Item not found"}` as JSON with the status `STATUS`,
/// and the document lists exactly that status with the body's schema.
///
/// `STATUS` must be an error status (400..=599), checked when the type is used, as for
/// [`Model`](crate::Model). Headers go beside it in an axum tuple; a status chosen at run
/// time is a [`DynHttpError`] (documented as `default`, never as a status it may not
/// be).
///
/// ```
/// use axum::extract::Path;
/// use response_model::{HttpError, Model};
///
/// async fn read_item(Path(item_id): Path<String>) -> Result<Model<String>, HttpError<404>> {
///     if item_id != "foo" {
///         return Err(HttpError::new("Item not found"));
///     }
///     Ok(Model("The Foo Wrestlers".to_owned()))
/// }
///
/// // `?` works with a `From` of your own error:
/// struct NotInDb;
/// impl From<NotInDb> for HttpError<404> {
///     fn from(_: NotInDb) -> Self {
///         HttpError::new("Item not found")
///     }
/// }
///
/// use axum::response::IntoResponse;
/// let res = HttpError::<404>::new("Item not found").into_response();
/// assert_eq!(res.status(), 404);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpError<const STATUS: u16> {
    detail: Cow<'static, str>,
}

impl<const S: u16> HttpError<S> {
    /// The status, checked to be in 400..=599 when the type is used.
    pub const STATUS: u16 = {
        assert!(
            matches!(S, 400..=599),
            "`HttpError<STATUS>`: STATUS must be an HTTP error status in 400..=599"
        );
        S
    };

    /// The error with its `detail`, the message the client reads.
    pub fn new(detail: impl Into<Cow<'static, str>>) -> Self {
        let _ = Self::STATUS;
        Self {
            detail: detail.into(),
        }
    }

    /// The message the client reads.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// `STATUS` is in 400..=599 (checked at compile time), which `StatusCode::from_u16`
/// accepts.
#[allow(
    clippy::expect_used,
    reason = "the range is checked when `STATUS` is evaluated"
)]
pub(crate) fn error_status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).expect("an error status is checked to be in 400..=599")
}

impl<const S: u16> fmt::Display for HttpError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Self::STATUS, self.detail)
    }
}

impl<const S: u16> std::error::Error for HttpError<S> {}

impl<const S: u16> IntoResponse for HttpError<S> {
    fn into_response(self) -> Response {
        json_response(
            error_status(Self::STATUS),
            &Detail {
                detail: &self.detail,
            },
        )
    }
}

/// `STATUS` with the `{"detail": ...}` body (the status's reason as its description).
impl<const S: u16> ApiResponse for HttpError<S> {
    fn responses(cx: &mut DocContext) -> Responses {
        let status = error_status(Self::STATUS);
        Responses::single(status, detail_doc(cx, ResponseDoc::for_status(status)))
    }
}

/// FastAPI's `HTTPException` with a status chosen at run time (the `Dyn` of its name):
/// `{"detail": ...}` as JSON with that status, the body of [`HttpError<STATUS>`](HttpError).
/// Since the type cannot say which status it will be, the document lists it as `default`
/// (with the body's schema, the component `HttpError`); prefer `HttpError<STATUS>` where
/// the status is known.
///
/// ```
/// use axum::response::IntoResponse;
/// use http::StatusCode;
/// use response_model::DynHttpError;
///
/// fn check(stock: u32) -> Result<(), DynHttpError> {
///     let status = if stock == 0 { StatusCode::GONE } else { StatusCode::CONFLICT };
///     Err(DynHttpError::new(status, "Not available"))
/// }
///
/// let res = check(0).unwrap_err().into_response();
/// assert_eq!(res.status(), 410);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynHttpError {
    status: StatusCode,
    detail: Cow<'static, str>,
}

impl DynHttpError {
    /// The error with `status` and its `detail`, the message the client reads.
    pub fn new(status: StatusCode, detail: impl Into<Cow<'static, str>>) -> Self {
        Self {
            status,
            detail: detail.into(),
        }
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message the client reads.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for DynHttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.as_u16(), self.detail)
    }
}

impl std::error::Error for DynHttpError {}

impl<const S: u16> From<HttpError<S>> for DynHttpError {
    fn from(error: HttpError<S>) -> Self {
        Self {
            status: error_status(HttpError::<S>::STATUS),
            detail: error.detail,
        }
    }
}

impl IntoResponse for DynHttpError {
    fn into_response(self) -> Response {
        json_response(
            self.status,
            &Detail {
                detail: &self.detail,
            },
        )
    }
}

/// `default` (the status is a run-time value) with the `{"detail": ...}` body.
impl ApiResponse for DynHttpError {
    fn responses(cx: &mut DocContext) -> Responses {
        let doc = ResponseDoc::new("An error (its status is chosen at run time)");
        Responses::single(StatusKey::Default, detail_doc(cx, doc))
    }
}

/// The body of an [`HttpError`] or [`DynHttpError`]: FastAPI's `{"detail": "..."}`, the
/// component named after the type (`HttpError`).
#[derive(Serialize, JsonSchema)]
#[schemars(
    rename = "HttpError",
    description = "An error, with a message for the client."
)]
pub(crate) struct Detail<'a> {
    #[schemars(description = "What went wrong.")]
    pub(crate) detail: &'a str,
}

pub(crate) fn detail_doc(cx: &mut DocContext, doc: ResponseDoc) -> ResponseDoc {
    doc.content(
        mime::APPLICATION_JSON.as_ref(),
        MediaDoc::schema(crate::__private::detail_schema(cx)),
    )
}
