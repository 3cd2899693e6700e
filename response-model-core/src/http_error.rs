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
/// time is an [`HttpException`] (documented as `default`, never as a status it may not
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
fn error_status(code: u16) -> StatusCode {
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

/// FastAPI's `HTTPException` with a status chosen at run time:
/// `{"detail": ...}` as JSON with that status. Since the type cannot say which status it
/// will be, the document lists it as `default` (with the body's schema); prefer
/// [`HttpError<STATUS>`](HttpError) where the status is known.
///
/// ```
/// use axum::response::IntoResponse;
/// use http::StatusCode;
/// use response_model::HttpException;
///
/// fn check(stock: u32) -> Result<(), HttpException> {
///     let status = if stock == 0 { StatusCode::GONE } else { StatusCode::CONFLICT };
///     Err(HttpException::new(status, "Not available"))
/// }
///
/// let res = check(0).unwrap_err().into_response();
/// assert_eq!(res.status(), 410);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpException {
    status: StatusCode,
    detail: Cow<'static, str>,
}

impl HttpException {
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

impl fmt::Display for HttpException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.as_u16(), self.detail)
    }
}

impl std::error::Error for HttpException {}

impl<const S: u16> From<HttpError<S>> for HttpException {
    fn from(error: HttpError<S>) -> Self {
        Self {
            status: error_status(HttpError::<S>::STATUS),
            detail: error.detail,
        }
    }
}

impl IntoResponse for HttpException {
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
impl ApiResponse for HttpException {
    fn responses(cx: &mut DocContext) -> Responses {
        let doc = ResponseDoc::new("An error (its status is chosen at run time)");
        Responses::single(StatusKey::Default, detail_doc(cx, doc))
    }
}

/// The body of an [`HttpError`] or [`HttpException`]: FastAPI's `{"detail": "..."}`.
#[derive(Serialize, JsonSchema)]
#[schemars(
    rename = "HTTPError",
    description = "An error, with a message for the client."
)]
struct Detail<'a> {
    #[schemars(description = "What went wrong.")]
    detail: &'a str,
}

pub(crate) fn detail_doc(cx: &mut DocContext, doc: ResponseDoc) -> ResponseDoc {
    doc.content(
        mime::APPLICATION_JSON.as_ref(),
        MediaDoc::schema(cx.register_output::<Detail<'static>>()),
    )
}

// ---- `#[derive(ApiError)]` -------------------------------------------------------------

/// One variant of a `#[derive(ApiError)]` enum, as the document needs it (the derive
/// writes one per variant; not public API).
#[doc(hidden)]
pub struct ErrorVariantDoc {
    /// Its status, checked by the derive to be in 400..=599.
    pub status: u16,
    /// Its doc comment, or `""` for the status's reason.
    pub description: &'static str,
    /// The schema of its body.
    pub body: fn(&mut DocContext) -> crate::openapi::SchemaDoc,
    /// The `detail` its body always carries, when it is a literal.
    pub detail: Option<&'static str>,
}

/// The schema of FastAPI's `{"detail": "..."}` body.
#[doc(hidden)]
pub fn detail_schema(cx: &mut DocContext) -> crate::openapi::SchemaDoc {
    cx.register_output::<Detail<'static>>()
}

/// The schema of a variant's own body type.
#[doc(hidden)]
pub fn body_schema<T: Serialize + JsonSchema>(cx: &mut DocContext) -> crate::openapi::SchemaDoc {
    cx.register_output::<T>()
}

/// The responses of an error enum: one per status, in the order the variants first name
/// it. Variants sharing a status are one response: its body is `oneOf` their bodies (one
/// schema when they send the same shape), its description lists theirs.
#[doc(hidden)]
pub fn error_enum_responses(cx: &mut DocContext, variants: &[ErrorVariantDoc]) -> Responses {
    let mut statuses: Vec<u16> = Vec::new();
    for v in variants {
        if !statuses.contains(&v.status) {
            statuses.push(v.status);
        }
    }
    let mut out = Responses::new();
    for status in statuses {
        let code = error_status(status);
        let of_status: Vec<&ErrorVariantDoc> =
            variants.iter().filter(|v| v.status == status).collect();
        let mut schemas: Vec<crate::openapi::SchemaDoc> = Vec::new();
        for v in &of_status {
            let s = (v.body)(cx);
            if !schemas.contains(&s) {
                schemas.push(s);
            }
        }
        let descriptions: Vec<&str> = of_status
            .iter()
            .map(|v| v.description)
            .filter(|d| !d.is_empty())
            .collect();
        let mut doc = match descriptions.as_slice() {
            [] => ResponseDoc::for_status(code),
            [one] => ResponseDoc::new(*one),
            many => ResponseDoc::new(
                many.iter()
                    .map(|d| bullet(d))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        };
        let schema = if schemas.len() == 1 {
            schemas.remove(0)
        } else {
            let alternatives: Vec<serde_json::Value> =
                schemas.into_iter().map(|s| s.value).collect();
            // Output side, as every alternative is (their `$ref`s are renamed on render).
            crate::openapi::SchemaDoc::plain(serde_json::json!({ "oneOf": alternatives }))
        };
        let mut media = MediaDoc::schema(schema);
        if let [only] = of_status.as_slice()
            && let Some(detail) = only.detail
        {
            media = media.with_example(serde_json::json!({ "detail": detail }));
        }
        doc = doc.content(mime::APPLICATION_JSON.as_ref(), media);
        out.insert(code, doc);
    }
    out
}

/// `text` as a Markdown list item: `- ` before its first line, its other lines indented
/// under it (blank lines left blank).
fn bullet(text: &str) -> String {
    let mut out = String::from("-");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(if i == 0 { " " } else { "  " });
            out.push_str(line);
        }
    }
    out
}

/// A variant's response: `body` as JSON with `status`.
#[doc(hidden)]
pub fn error_body_response<T: Serialize + ?Sized>(status: u16, body: &T) -> Response {
    json_response(error_status(status), body)
}

/// A variant's response: `{"detail": detail}` with `status`.
#[doc(hidden)]
pub fn error_detail_response(status: u16, detail: &str) -> Response {
    json_response(error_status(status), &Detail { detail })
}

/// `Display`, as an `ApiError` enum needs it (a clearer error than `Display`'s own).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` needs `Display`: a variant without `body` or `detail` sends it as `{{\"detail\": ...}}`, and a 5xx variant logs it",
    label = "this variant sends or logs the enum's `Display`",
    note = "derive it with `thiserror::Error` and `#[error(\"...\")]` on each variant, or implement `std::fmt::Display`"
)]
pub trait ErrorDisplay: fmt::Display {}

impl<T: fmt::Display + ?Sized> ErrorDisplay for T {}

/// A variant's response: `{"detail": error.to_string()}` with `status`.
#[doc(hidden)]
pub fn error_display_response<E: ErrorDisplay + ?Sized>(status: u16, error: &E) -> Response {
    error_detail_response(status, &error.to_string())
}

/// Logs a server error (5xx) before it is answered: its status and its `Display`, which
/// the client may not see (`detail = "..."`).
#[doc(hidden)]
pub fn log_server_error<E: ErrorDisplay + ?Sized>(status: u16, type_name: &str, error: &E) {
    tracing::error!(status, error_type = type_name, error = %error, "server error");
}
