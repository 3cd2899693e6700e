//! Extractors whose rejections are FastAPI's: `422 Unprocessable Entity` with
//! `{"detail": [{"type", "loc", "msg", "input"}]}` in JSON, where axum answers in
//! `text/plain`. Same names as axum's, so switching is one `use` line.
//!
//! | extractor | bad input | FastAPI's `type` |
//! |---|---|---|
//! | [`Path<T>`] | a segment that doesn't parse (`/users/abc` for an `i64`) | `path_parsing` |
//! | [`Query<T>`] | a missing or malformed query parameter | `query_parsing` |
//! | [`Json<T>`] | a body that isn't JSON or doesn't match `T` (415 without a JSON `Content-Type`) | `body_parsing` |
//!
//! The client's own value is echoed in `input` for path segments only (as FastAPI does);
//! bodies are never echoed.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use http::request::Parts;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One validation error, in FastAPI's field order.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    description = "One problem with the request: what failed (`type`), where (`loc`), why (`msg`), and the offending input when it is safe to echo."
)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// What failed: `path_parsing`, `query_parsing`, `body_parsing`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where: `["path", "user_id"]`, `["query"]`, `["body"]`.
    pub loc: Vec<String>,
    /// Why, for a person.
    pub msg: String,
    /// The offending input, when it is safe to echo (a path segment), else `null`.
    pub input: Value,
}

/// The body of a rejected request: FastAPI's `{"detail": [...]}`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model_core::extract::RequestError;
/// let res = RequestError::new("query_parsing", ["query"], "missing field `q`").into_response();
/// assert_eq!(res.status(), 422);
/// ```
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    description = "A request the server could not read: one entry per problem (FastAPI's 422 body)."
)]
#[non_exhaustive]
pub struct RequestError {
    /// The errors, one per problem found.
    pub detail: Vec<ErrorDetail>,
    #[serde(skip)]
    #[schemars(skip)]
    status: StatusCode,
}

impl RequestError {
    /// A 422 with one error.
    ///
    /// ```
    /// # use response_model_core::extract::RequestError;
    /// let e = RequestError::new("body_parsing", ["body"], "expected a number");
    /// assert_eq!(e.detail[0].loc, ["body"]);
    /// ```
    pub fn new<L: Into<String>>(
        kind: &str,
        loc: impl IntoIterator<Item = L>,
        msg: impl Into<String>,
    ) -> Self {
        Self {
            detail: vec![ErrorDetail {
                kind: kind.to_owned(),
                loc: loc.into_iter().map(Into::into).collect(),
                msg: msg.into(),
                input: Value::Null,
            }],
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The same error with the offending input echoed.
    ///
    /// ```
    /// # use response_model_core::extract::RequestError;
    /// let e = RequestError::new("path_parsing", ["path", "id"], "not a number").with_input("abc");
    /// assert_eq!(e.detail[0].input, "abc");
    /// ```
    pub fn with_input(mut self, input: impl Into<Value>) -> Self {
        if let Some(d) = self.detail.last_mut() {
            d.input = input.into();
        }
        self
    }

    /// The same error answered with another status (e.g. 415 for a missing content type).
    ///
    /// ```
    /// # use response_model_core::extract::RequestError;
    /// let e = RequestError::new("body_parsing", ["body"], "no JSON").with_status(http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
    /// assert_eq!(e.status(), 415);
    /// ```
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for RequestError {
    fn into_response(self) -> Response {
        crate::encoder::json_response(self.status(), &self)
    }
}

/// axum's `Path<T>` with FastAPI's 422 JSON rejection.
///
/// Segments are read as Pydantic reads them when serde refuses them: a `bool` is
/// `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, `t`/`f`, `y`/`n` in any case.
///
/// ```
/// use axum::{Router, routing::get};
/// use response_model_core::extract::Path;
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
                let params: Vec<(String, String)> = RawPathParams::from_request_parts(parts, state)
                    .await
                    .map(|p| {
                        p.iter()
                            .map(|(k, v)| (k.to_owned(), v.to_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
                match crate::lax::from_path::<T>(&params) {
                    Some(value) => Ok(Path(value)),
                    None => Err(path_error(&rejection, &params)),
                }
            }
        }
    }
}

fn path_error(rejection: &PathRejection, params: &[(String, String)]) -> RequestError {
    let msg = rejection.body_text();
    let PathRejection::FailedToDeserializePathParams(e) = rejection else {
        // Missing parameters are a routing mistake, not the client's: keep axum's status.
        return RequestError::new("path_parsing", ["path"], msg).with_status(rejection.status());
    };
    match e.kind() {
        ErrorKind::ParseErrorAtKey { key, value, .. } => {
            RequestError::new("path_parsing", ["path", key.as_str()], msg)
                .with_input(value.as_str())
        }
        ErrorKind::ParseError { value, .. } | ErrorKind::ParseErrorAtIndex { value, .. } => {
            let loc = match params.iter().find(|(_, v)| v == value) {
                Some((key, _)) => vec!["path".to_owned(), key.clone()],
                None => vec!["path".to_owned()],
            };
            RequestError::new("path_parsing", loc, msg).with_input(value.as_str())
        }
        _ => RequestError::new("path_parsing", ["path"], msg),
    }
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
/// use response_model_core::extract::Query;
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
                let lax = crate::lax::from_query::<T>(parts.uri.query().unwrap_or_default());
                lax.map(Query).map_err(|why| {
                    RequestError::new(
                        "query_parsing",
                        ["query"],
                        format!("Failed to deserialize query string: {why}"),
                    )
                })
            }
        }
    }
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
/// use response_model_core::extract::Json;
/// async fn create(Json(n): Json<u32>) -> String { n.to_string() }
/// let app: Router = Router::new().route("/items", post(create));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let rejected = |rejection: JsonRejection| {
            let error = RequestError::new("body_parsing", ["body"], rejection.body_text());
            match rejection {
                JsonRejection::JsonDataError(_) | JsonRejection::JsonSyntaxError(_) => error,
                other => error.with_status(other.status()),
            }
        };
        if !json_content_type(req.headers()) {
            // axum's own rejection (415, its message), from its own check.
            return match axum::Json::<T>::from_request(req, state).await {
                Ok(axum::Json(v)) => Ok(Json(v)),
                Err(rejection) => Err(rejected(rejection)),
            };
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            RequestError::new("body_parsing", ["body"], rejection.body_text())
                .with_status(rejection.status())
        })?;
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(rejection @ JsonRejection::JsonDataError(_)) => {
                integral_floats_as_integers::<T>(&bytes).ok_or_else(|| rejected(rejection))
            }
            Err(rejection) => Err(rejected(rejection)),
        }
    }
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

/// `bytes` read again with every number that has a zero fraction (`3.0`) as an integer;
/// `None` if there is none, or if `T` still refuses the body.
fn integral_floats_as_integers<T: DeserializeOwned>(bytes: &[u8]) -> Option<Json<T>> {
    fn fix(v: &mut Value) -> bool {
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
            Value::Array(items) => items.iter_mut().fold(false, |acc, x| fix(x) | acc),
            Value::Object(map) => map.values_mut().fold(false, |acc, x| fix(x) | acc),
            _ => false,
        }
    }
    let mut value: Value = serde_json::from_slice(bytes).ok()?;
    if !fix(&mut value) {
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

    fn error_response(cx: &mut DocContext, status: StatusCode, why: &'static str) -> Responses {
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
