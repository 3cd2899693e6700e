//! The rejection of a bad selection: [`SelectionError`], its JSON body and its document.

use std::fmt;

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use super::query::{MAX_NAMES, Param};
use crate::encoder::json_response;

/// A `?fields=`/`?exclude=` selection the model does not allow: the rejection of
/// [`Selection`](super::Selection), answered with `400` and a JSON body:
///
/// ```json
/// {"detail": "unknown field `emial` in `fields`; did you mean `email`? allowed: id, name, email",
///  "param": "fields", "field": "emial", "did_you_mean": "email", "allowed": ["id", "name", "email"]}
/// ```
///
/// (`param`, `field`, `did_you_mean` and `allowed` appear when they apply; `allowed` lists
/// the names at the level where the unknown one was found.)
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model::Selection;
/// # use response_model::view::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let err = Selection::<P>::from_query("fields=").unwrap_err();
/// assert_eq!(err.to_string(), "`fields` names no field; give a comma-separated list such as `fields=x`, or leave it out");
/// assert_eq!(err.into_response().status(), 400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelectionError {
    kind: ErrorKind,
}

/// What was wrong; private so that new cases do not break callers (who read the message,
/// [`SelectionError::field`] and [`SelectionError::allowed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ErrorKind {
    Unknown {
        param: Param,
        field: String,
        parent: Option<String>,
        suggestion: Option<&'static str>,
        allowed: Vec<&'static str>,
    },
    NotNested {
        param: Param,
        field: String,
        parent: String,
    },
    Empty {
        param: Param,
    },
    Malformed,
    TooMany,
}

impl SelectionError {
    pub(super) fn new(kind: ErrorKind) -> Self {
        Self { kind }
    }

    /// The name as the client wrote it (`items.nmae`), when the error is about one.
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Unknown { field, .. } | ErrorKind::NotNested { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The names allowed where the unknown one was found (secret fields are never listed).
    pub fn allowed(&self) -> &[&'static str] {
        match &self.kind {
            ErrorKind::Unknown { allowed, .. } => allowed,
            _ => &[],
        }
    }
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Unknown {
                param,
                field,
                parent,
                suggestion,
                allowed,
            } => {
                write!(f, "unknown field `{field}` in `{}`", param.name())?;
                if let Some(s) = suggestion {
                    match parent {
                        Some(p) => write!(f, "; did you mean `{p}.{s}`?")?,
                        None => write!(f, "; did you mean `{s}`?")?,
                    }
                }
                match parent {
                    Some(p) => write!(f, " allowed in `{p}`: {}", allowed.join(", ")),
                    None => write!(f, " allowed: {}", allowed.join(", ")),
                }
            }
            ErrorKind::NotNested {
                param,
                field,
                parent,
            } => write!(
                f,
                "`{field}` in `{}`: `{parent}` has no sub-fields; select `{parent}` itself",
                param.name()
            ),
            ErrorKind::Empty { param } => {
                let example = match param {
                    Param::Fields => "fields=x",
                    Param::Exclude => "exclude=x",
                };
                write!(
                    f,
                    "`{}` names no field; give a comma-separated list such as `{example}`, or leave it out",
                    param.name()
                )
            }
            ErrorKind::Malformed => f.write_str(
                "the query string is not valid percent-encoded UTF-8; encode `fields`/`exclude` values with UTF-8",
            ),
            ErrorKind::TooMany => write!(
                f,
                "`fields` and `exclude` name more than {MAX_NAMES} fields; name fewer"
            ),
        }
    }
}

impl std::error::Error for SelectionError {}

/// The JSON body of a [`SelectionError`]; its schema is the document's.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(
    rename = "SelectionError",
    description = "The `fields` or `exclude` query parameter names a field the response does not have, or is malformed."
)]
struct ErrorBody<'a> {
    /// What is wrong and how to fix it.
    detail: String,
    /// The query parameter at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<Param>,
    /// The name that was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// The allowed name closest to the refused one.
    #[serde(skip_serializing_if = "Option::is_none")]
    did_you_mean: Option<String>,
    /// The names allowed where the refused one was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed: Option<&'a [&'static str]>,
}

/// `400 Bad Request` with the JSON body shown on [`SelectionError`].
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model::Selection;
/// # use response_model::view::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let res = Selection::<P>::from_query("fields=%FF").unwrap_err().into_response();
/// assert_eq!(res.status(), 400);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
impl IntoResponse for SelectionError {
    fn into_response(self) -> Response {
        let (param, did_you_mean, allowed) = match &self.kind {
            ErrorKind::Unknown {
                param,
                parent,
                suggestion,
                allowed,
                ..
            } => (
                Some(*param),
                suggestion.map(|s| match parent {
                    Some(p) => format!("{p}.{s}"),
                    None => s.to_owned(),
                }),
                Some(allowed.as_slice()),
            ),
            ErrorKind::NotNested { param, .. } | ErrorKind::Empty { param } => {
                (Some(*param), None, None)
            }
            ErrorKind::Malformed | ErrorKind::TooMany => (None, None, None),
        };
        let body = ErrorBody {
            detail: self.to_string(),
            param,
            field: self.field(),
            did_you_mean,
            allowed,
        };
        json_response(StatusCode::BAD_REQUEST, &body)
    }
}

/// The 400 of a bad selection.
pub(super) fn selection_error_doc(
    cx: &mut crate::openapi::DocContext,
) -> crate::openapi::Responses {
    use crate::openapi::{MediaDoc, ResponseDoc, Responses};
    Responses::single(
        StatusCode::BAD_REQUEST,
        ResponseDoc::new("Unknown or malformed field selection").content(
            mime::APPLICATION_JSON.as_ref(),
            MediaDoc::schema(cx.register_output::<ErrorBody<'static>>()),
        ),
    )
}

/// The 400 of a bad selection.
impl crate::openapi::ApiResponse for SelectionError {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        selection_error_doc(cx)
    }
}
