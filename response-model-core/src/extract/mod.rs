//! Extractors whose rejections are FastAPI's: `422 Unprocessable Entity` with
//! `{"detail": [{"type", "loc", "msg", "input", "ctx"}]}` in JSON, where axum answers in
//! `text/plain`. Same names as axum's, so switching is one `use` line: [`Json<T>`] also
//! answers as axum's does (200 `application/json`), so a handler that returns `Json(x)`
//! keeps compiling.
//!
//! Each error is Pydantic's: its `type` (`missing`, `int_parsing`, `bool_parsing`,
//! `enum`, `json_invalid`, ...), its full location (`["path", "user_id"]`,
//! `["query", "limit"]`, `["body", "items", 0, "price"]`), a message, the offending
//! input, and the constraint in `ctx` when there is one.
//!
//! | extractor | bad input | for example |
//! |---|---|---|
//! | [`Path<T>`] | a segment that doesn't parse | `/users/abc` for an `i64`: `int_parsing` at `["path", "user_id"]` |
//! | [`Query<T>`] | a missing or malformed query parameter | no `q`: `missing` at `["query", "q"]` |
//! | [`Json<T>`] | a body that isn't JSON or doesn't match `T` (415 without a JSON `Content-Type`) | `{"price": "x"}`: `float_parsing` at `["body", "price"]` |
//! | [`Form<T>`] | a missing or malformed form field (all missing without a form `Content-Type`, as FastAPI) | no `username`: `missing` at `["body", "username"]` |
//! | [`Multipart<T>`] | a missing or malformed field or file of a `multipart/form-data` body ([`UploadFile`]) | no `file`: `missing` at `["body", "file"]` |
//! | [`Valid<E>`] (feature `validate`) | a value that breaks its garde constraint | `string_too_short` with `ctx: {"min_length": 3}` |
//!
//! As FastAPI does, `input` echoes the client's own value at `loc` (for a missing field,
//! the object that lacks it); a body that is not JSON at all is not echoed.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use bytes::Bytes;
use http::StatusCode;
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[cfg(feature = "validate")]
mod email;
mod error;
mod form;
mod json_fields;
mod multipart;
#[cfg(feature = "validate")]
mod valid;
#[cfg(feature = "validate")]
mod wire;

pub use error::{ErrorDetail, Loc, RequestError, is_secret_field};
pub use form::Form;
pub(crate) use form::{document_form_body, form_fields};
pub use multipart::{Multipart, UploadFile};
#[cfg(feature = "validate")]
#[cfg_attr(docsrs, doc(cfg(feature = "validate")))]
pub use valid::Valid;

/// axum's `Path<T>` with FastAPI's 422 JSON rejection.
///
/// Segments are read as Pydantic reads them when serde refuses them: a `bool` is
/// `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, `t`/`f`, `y`/`n` in any case.
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model::extract::Path;
/// async fn get_user(Path(user_id): Path<i64>) -> String { user_id.to_string() }
/// let app: Router = Router::new().route("/users/{user_id}", get(get_user));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                // A single primitive parameter fails without its name: find it by value.
                let params = path_params(parts, state).await;
                match crate::lax::from_path::<T>(&params) {
                    Some(value) => Ok(Path(value)),
                    None => Err(path_error(&rejection, &params)),
                }
            }
        }
    }
}

/// The route's path parameters, by name, percent-decoded (none if the route has none).
pub(crate) async fn path_params<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Vec<(String, String)> {
    RawPathParams::from_request_parts(parts, state)
        .await
        .map(|p| {
            p.iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn path_error(rejection: &PathRejection, params: &[(String, String)]) -> RequestError {
    let PathRejection::FailedToDeserializePathParams(e) = rejection else {
        // Missing parameters are a routing mistake, not the client's: keep axum's status.
        return RequestError::new("value_error", ["path"], rejection.body_text())
            .with_status(rejection.status());
    };
    let at = |key: &str| vec![Loc::from("path"), Loc::from(key)];
    // A single primitive parameter fails without its name: find it by value.
    let by_value = |value: &str| match params.iter().find(|(_, v)| v == value) {
        Some((key, _)) => at(key),
        None => vec![Loc::from("path")],
    };
    let detail = match e.kind() {
        ErrorKind::ParseErrorAtKey {
            key,
            value,
            expected_type,
        } => error::parse_failure(expected_type).detail(at(key), value.as_str().into()),
        ErrorKind::ParseError {
            value,
            expected_type,
        }
        | ErrorKind::ParseErrorAtIndex {
            value,
            expected_type,
            ..
        } => error::parse_failure(expected_type).detail(by_value(value), value.as_str().into()),
        ErrorKind::DeserializeError {
            key,
            value,
            message,
        } => error::classify(message).detail(at(key), value.as_str().into()),
        ErrorKind::InvalidUtf8InPathParam { key } => ErrorDetail::new(
            "string_unicode",
            at(key),
            "Input should be a valid string, unable to parse raw data as a unicode string",
        ),
        ErrorKind::Message(message) => {
            error::classify(message).detail(vec![Loc::from("path")], Value::Null)
        }
        _ => ErrorDetail::new("value_error", ["path"], rejection.body_text()),
    };
    RequestError::from_details(vec![detail])
}

/// axum's `Query<T>` with FastAPI's 422 JSON rejection.
///
/// Values are read as Pydantic reads them: a `bool` is `true`/`false`, `1`/`0`,
/// `yes`/`no`, `on`/`off`, `t`/`f`, `y`/`n` in any case (`?flag=False` works, as in
/// FastAPI), and numbers may have surrounding spaces. A query serde reads as it is costs
/// nothing more; only a refused one is read again this way.
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model::extract::Query;
/// #[derive(serde::Deserialize)]
/// struct Q { prompt: String }
/// async fn ai(Query(q): Query<Q>) -> String { q.prompt }
/// let app: Router = Router::new().route("/ai", get(ai));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            // serde refused the query: read it as Pydantic does, and answer with what
            // that reading says (it names the field and the value).
            Err(_) => {
                let query = parts.uri.query().unwrap_or_default();
                crate::lax::from_query::<T>(query)
                    .map(Query)
                    .map_err(|(path, why)| query_error(query, &path, &why))
            }
        }
    }
}

/// The 422 of a query that `lax::from_query` refused at `path` for `why`.
fn query_error(query: &str, path: &serde_path_to_error::Path, why: &str) -> RequestError {
    let p = error::classify(why);
    let mut loc = error::loc_of("query", path);
    let field = match (&p.field, loc.get(1)) {
        (Some(f), _) => Some(f.clone()),
        (None, Some(Loc::Key(k))) => Some(k.clone()),
        _ => None,
    };
    // The client's value for the field (its first occurrence), unless it is missing.
    let input = match (&p.field, &field) {
        (None, Some(f)) => form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == f.as_str())
            .map_or(Value::Null, |(_, v)| Value::from(v.into_owned())),
        _ => Value::Null,
    };
    if loc.len() > 2 {
        loc.truncate(2);
    }
    RequestError::from_details(vec![p.detail(loc, input)])
}

/// axum's `Json<T>` body extractor with FastAPI's 422 JSON rejection (415 when the
/// request has no JSON `Content-Type`).
///
/// A number with a zero fraction (`3.0`) is read as the integer it is, for an integer
/// field, as JSON Schema's `integer` (what the document says) and Pydantic accept it; serde
/// alone would refuse it. Only a body that failed to deserialize is read again this way,
/// so a valid body costs nothing more.
///
/// ```
/// use axum::{Router, routing::post};
/// use response_model::extract::Json;
/// async fn create(Json(n): Json<u32>) -> String { n.to_string() }
/// let app: Router = Router::new().route("/items", post(create));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = json_body(req, state).await?;
        from_json_bytes(&bytes).map(Json)
    }
}

/// A 200 `application/json` response of `T`, as axum's `Json` answers (encoded by the
/// app-wide encoder, as [`Model`](crate::Model) is), so a handler that switched to this
/// extractor still returns `Json(x)`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::extract::Json;
///
/// async fn echo(Json(n): Json<u32>) -> Json<u32> {
///     Json(n + 1)
/// }
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let res = echo(Json(1)).await.into_response();
/// assert_eq!(res.status(), 200);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// # });
/// ```
impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        crate::encoder::json_response(StatusCode::OK, &self.0)
    }
}

/// A 200 `application/json` response of `T` (serialize contract), as axum's `Json`.
impl<T: schemars::JsonSchema> crate::openapi::ApiResponse for Json<T> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::openapi::json_responses::<T>(cx, StatusCode::OK)
    }
}

/// The body of a JSON request, or what axum refuses before reading JSON: 415 without a
/// JSON content type, 400 for a body that broke off, 413 over the limit (each with its
/// status and axum's message).
pub(crate) async fn json_body<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<Bytes, RequestError> {
    if !json_content_type(req.headers()) {
        return Err(RequestError::new(
            "json_invalid",
            ["body"],
            "Expected request with `Content-Type: application/json`",
        )
        .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    Bytes::from_request(req, state)
        .await
        .map_err(|r| RequestError::unreadable(r.status(), r.body_text()))
}

/// `bytes` read as `T`, or Pydantic's errors for them.
pub(crate) fn from_json_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, RequestError> {
    // serde_json reads a struct from an array too (`["a", 1]` as `{title, price}`); a model
    // is read from an object only, as Pydantic reads it.
    if bytes.trim_ascii_start().starts_with(b"[") && !crate::lax::struct_fields::<T>().is_empty() {
        let input: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
        return Err(RequestError::new(
            "model_attributes_type",
            ["body"],
            "Input should be a valid dictionary or object to extract fields from",
        )
        .with_input(input));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => match de.end() {
            Ok(()) => return Ok(v),
            Err(trailing) => return Err(json_invalid(bytes, &trailing)),
        },
        Err(e) => e,
    };
    let inner = error.inner();
    if !matches!(inner.classify(), serde_json::error::Category::Data) {
        return Err(json_invalid(bytes, inner));
    }
    if let Some(Json(v)) = integral_floats_as_integers::<T>(bytes) {
        return Ok(v);
    }
    let message = without_position(inner);
    let loc = error::loc_of("body", error.path());
    let body: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    // The value at the error (for a missing field: the object that lacks it).
    let input = error::value_at(&body, &loc).clone();
    let first = error::classify(&message).detail(loc, input);
    // And every other top-level field that is missing or bad, as FastAPI lists them.
    Err(RequestError::from_details(json_fields::every_error::<T>(
        &body, first,
    )))
}

/// serde_json's message without its ` at line L column C`.
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&position) {
        Some(m) => m.to_owned(),
        None => message,
    }
}

/// Pydantic's answer to a body that is not JSON: `json_invalid` at `["body", offset]`.
fn json_invalid(bytes: &[u8], e: &serde_json::Error) -> RequestError {
    // serde_json counts lines from 1 and columns from 1 (0 before the first byte).
    let line_start: usize = bytes
        .split(|&b| b == b'\n')
        .take(e.line().saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    let offset = (line_start + e.column().saturating_sub(1)).min(bytes.len());
    RequestError::from_details(vec![ErrorDetail::new(
        "json_invalid",
        [Loc::from("body"), Loc::from(offset)],
        "JSON decode error",
    )])
    .with_input(Value::Object(serde_json::Map::new()))
    .with_ctx(serde_json::json!({ "error": without_position(e) }))
}

/// What axum's `Json` checks: `application/json` or `application/*+json`.
fn json_content_type(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| {
            m.type_() == "application"
                && (m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"))
        })
}

/// Every integral float of `v` (`1.0`) made the integer Pydantic reads it as; whether one was.
pub(super) fn integral_floats_to_integers(v: &mut Value) -> bool {
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Within ±2^53 every integer is exact in an f64.
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "checked integral and in range"
                )]
                let i = f as i64;
                *v = Value::from(i);
                true
            } else {
                false
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |acc, x| integral_floats_to_integers(x) | acc),
        Value::Object(map) => map
            .values_mut()
            .fold(false, |acc, x| integral_floats_to_integers(x) | acc),
        _ => false,
    }
}

/// `bytes` read again with every number that has a zero fraction (`3.0`) as an integer;
/// `None` if there is none, or if `T` still refuses the body.
fn integral_floats_as_integers<T: DeserializeOwned>(bytes: &[u8]) -> Option<Json<T>> {
    let mut value: Value = serde_json::from_slice(bytes).ok()?;
    if !integral_floats_to_integers(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok().map(Json)
}

/// The document of each extractor: what axum's documents (parameters, body), with the
/// rejection documented as the 422 JSON error body it really is.
mod docs {
    use http::StatusCode;
    use schemars::JsonSchema;

    use super::{Json, Path, Query, RequestError};
    use crate::openapi::{ApiInput, DocContext, MediaDoc, OperationDoc, ResponseDoc, Responses};

    pub(super) fn error_response(
        cx: &mut DocContext,
        status: StatusCode,
        why: &'static str,
    ) -> Responses {
        let schema = cx.register_output::<RequestError>();
        Responses::single(
            status,
            ResponseDoc::new(why)
                .content(mime::APPLICATION_JSON.as_ref(), MediaDoc::schema(schema)),
        )
    }

    /// Parameters as axum's extractor `A` documents them, without its text rejections.
    fn parameters_of<A: ApiInput>(cx: &mut DocContext, op: &mut OperationDoc) {
        let mut scratch = OperationDoc::new();
        A::document(cx, &mut scratch);
        for p in scratch.parameters() {
            op.add_parameter(p.clone());
        }
    }

    impl<T: JsonSchema> ApiInput for Path<T> {
        fn document(cx: &mut DocContext, op: &mut OperationDoc) {
            parameters_of::<axum::extract::Path<T>>(cx, op);
            let r = error_response(cx, StatusCode::UNPROCESSABLE_ENTITY, "Validation Error");
            op.responses_mut().merge(r);
        }
    }

    impl<T: JsonSchema> ApiInput for Query<T> {
        fn document(cx: &mut DocContext, op: &mut OperationDoc) {
            parameters_of::<axum::extract::Query<T>>(cx, op);
            let r = error_response(cx, StatusCode::UNPROCESSABLE_ENTITY, "Validation Error");
            op.responses_mut().merge(r);
        }
    }

    impl<T: JsonSchema> ApiInput for Json<T> {
        fn document(cx: &mut DocContext, op: &mut OperationDoc) {
            let schema = cx.register_input::<T>();
            op.add_request_body(
                mime::APPLICATION_JSON.as_ref(),
                MediaDoc::schema(schema),
                true,
            );
            let mut r = error_response(cx, StatusCode::UNPROCESSABLE_ENTITY, "Validation Error");
            r.merge(error_response(
                cx,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Missing or wrong Content-Type",
            ));
            // The body is buffered before it is read: up to axum's limit
            // (`DefaultBodyLimit`, 2 MiB by default), and whole (a connection that breaks
            // off mid-body is a 400).
            r.merge(error_response(
                cx,
                StatusCode::BAD_REQUEST,
                "The body could not be read",
            ));
            r.merge(error_response(
                cx,
                StatusCode::PAYLOAD_TOO_LARGE,
                "The body is larger than the limit",
            ));
            op.responses_mut().merge(r);
        }
    }
}
