use std::any::Any;
use std::fmt;
use std::ops::{Deref, DerefMut};

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::encoder::{internal_server_error, json_response};

/// A JSON response of `T` with the status code `STATUS` (200 unless given): FastAPI's
/// `response_model=T, status_code=STATUS`.
///
/// `T` is any `Serialize` type: a view, `Vec<View>`, `Option<View>` (`None` is sent as
/// `200 null`, like FastAPI), a generic page. The status lives in the type, so the OpenAPI
/// document reads it without running the handler ([`Model::STATUS`]); a code outside
/// `100..=999` fails to build (`cargo build`; it is a constant evaluated when the type is
/// used, which `cargo check` may not reach).
///
/// ```
/// use axum::{Json, Router, extract::Path, routing::{get, post}};
/// use response_model::{Created, Model};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct ItemOut { id: i64, name: String, price: f64 }
///
/// async fn get_item(Path(id): Path<i64>) -> Model<Option<ItemOut>> {
///     Model((id != 999).then(|| ItemOut { id, name: "Laptop".into(), price: 75000.0 }))
/// }
///
/// async fn create_item(Json(item): Json<ItemOut>) -> Created<ItemOut> {
///     Model(item) // 201
/// }
///
/// let app: Router = Router::new()
///     .route("/items/{item_id}", get(get_item))
///     .route("/items", post(create_item));
/// assert_eq!(Created::<ItemOut>::STATUS, 201);
/// ```
///
/// In a handler the return type fixes `STATUS`. Where nothing does, `.into_response()`
/// still answers 200 (`Model(json!({..})).into_response()`, see [`Model::into_response`]);
/// elsewhere (a closure without a return type) write `Model::<_>(value)` for 200, since a
/// default of a const parameter is not used for inference.
///
/// Headers and cookies go beside it in an axum tuple, and `Result<Model<T>, E>` works
/// like any axum responder:
///
/// ```
/// use axum::response::{AppendHeaders, IntoResponse};
/// use http::header::{LOCATION, SET_COOKIE};
/// use response_model::Created;
///
/// let res = (
///     AppendHeaders([(LOCATION, "/items/1"), (SET_COOKIE, "seen=1"), (SET_COOKIE, "theme=dark")]),
///     Created::<[i32; 2]>::new([1, 2]),
/// )
///     .into_response();
/// assert_eq!(res.status(), 201);
/// assert_eq!(res.headers().get_all(SET_COOKIE).iter().count(), 2);
/// ```
///
/// `Model` is also FastAPI's `JSONResponse` (`Model(json!({..}))`) and what a derived view
/// answers with: a handler returning `UserOut` sends and documents exactly what
/// `Model<UserOut>` does.
#[must_use]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Model<T, const STATUS: u16 = 200>(pub T);

/// `201 Created` with a JSON body: `Model<T, 201>`.
///
/// ```
/// use response_model::Created;
/// let res = axum::response::IntoResponse::into_response(Created::<Vec<i32>>::new(vec![1]));
/// assert_eq!(res.status(), 201);
/// ```
pub type Created<T> = Model<T, 201>;

/// `202 Accepted` with a JSON body: `Model<T, 202>`.
///
/// ```
/// use response_model::Accepted;
/// let res = axum::response::IntoResponse::into_response(Accepted::<&str>::new("queued"));
/// assert_eq!(res.status(), 202);
/// ```
pub type Accepted<T> = Model<T, 202>;

impl<T, const S: u16> Model<T, S> {
    /// The status code of this response type, for documentation. Evaluating it for a code
    /// outside `100..=999` is a compile error.
    ///
    /// ```
    /// use response_model::Model;
    /// assert_eq!(Model::<String>::STATUS, 200);
    /// assert_eq!(Model::<String, 404>::STATUS, 404);
    /// ```
    pub const STATUS: u16 = {
        assert!(
            matches!(S, 100..=999),
            "`Model<T, STATUS>`: STATUS must be an HTTP status code in 100..=999"
        );
        S
    };

    /// Wraps anything that converts into `T`: a full model into its view
    /// (`Model::<UserOut>::new(user_in_db)`), an item into a `Vec`, ...
    ///
    /// ```
    /// use response_model::Model;
    ///
    /// struct UserInDB { id: i64, hashed_password: String }
    /// #[derive(serde::Serialize)]
    /// struct UserOut { id: i64 }
    /// impl From<UserInDB> for UserOut {
    ///     fn from(u: UserInDB) -> Self { UserOut { id: u.id } }
    /// }
    ///
    /// let m = Model::<UserOut>::new(UserInDB { id: 1, hashed_password: "x".into() });
    /// assert_eq!(m.id, 1);
    /// ```
    pub fn new(value: impl Into<T>) -> Self {
        Model(value.into())
    }

    /// The wrapped value.
    pub fn into_inner(self) -> T {
        self.0
    }

    /// The status code this response is sent with.
    pub fn status(&self) -> StatusCode {
        status_code(Self::STATUS)
    }
}

/// `Self::STATUS` is in 100..=999 (checked at compile time), which is exactly what
/// `StatusCode::from_u16` accepts.
#[allow(
    clippy::expect_used,
    reason = "the range is checked when `STATUS` is evaluated"
)]
pub(crate) fn status_code(code: u16) -> StatusCode {
    StatusCode::from_u16(code).expect("`Model::STATUS` is checked to be in 100..=999")
}

impl<T: DeserializeOwned, const S: u16> Model<T, S> {
    /// FastAPI's validation of a returned "dict/ORM/model": `value` (any owned `Serialize` —
    /// a `serde_json::Value`, a `HashMap`, another struct) is turned into `T`. Keys `T` does
    /// not have are dropped (unless `T` is `#[serde(deny_unknown_fields)]`); a missing
    /// required field or a wrong type is a [`ResponseValidationError`], which responds with
    /// a generic 500 that carries nothing of `value` and logs the reason (field path,
    /// expected vs found).
    ///
    /// A [`serde_json::Value`] (`json!`, a parsed document, or a `&'static Value`) is read
    /// as it is, without a copy; any other value goes through its JSON form. The result and
    /// the errors are the same either way. `value` is `'static` so that a `Value` can be
    /// recognised (an [`Any`] downcast): pass a borrowed row as `row.clone()`.
    ///
    /// Numbers convert as in Pydantic: `75000` is accepted for an `f64` field and sent as
    /// `75000.0`.
    ///
    /// ```
    /// use response_model::Model;
    /// use serde::{Deserialize, Serialize};
    /// use serde_json::json;
    /// use std::collections::HashMap;
    ///
    /// #[derive(Debug, Serialize, Deserialize)]
    /// struct ItemOut { id: i64, name: String, price: f64 }
    ///
    /// let rows = json!([
    ///     {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
    ///     {"id": 2, "name": "Phone", "price": 30000},
    /// ]);
    /// let items = Model::<Vec<ItemOut>>::validate(rows).unwrap();
    /// assert_eq!(
    ///     serde_json::to_string(&items.0).unwrap(),
    ///     r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":2,"name":"Phone","price":30000.0}]"#
    /// );
    ///
    /// let err = Model::<ItemOut>::validate(json!({"id": 1, "name": "Laptop"})).unwrap_err();
    /// assert_eq!(err.path(), Some("."));
    /// let err = Model::<Vec<ItemOut>>::validate(json!([{"id": 1}])).unwrap_err();
    /// assert_eq!(err.path(), Some("[0]"));
    ///
    /// // Any other `Serialize`, here a map: the same result.
    /// let row = HashMap::from([("id", json!(2)), ("name", json!("Phone")), ("price", json!(3))]);
    /// assert_eq!(Model::<ItemOut>::validate(row).unwrap().price, 3.0);
    /// ```
    pub fn validate(mut value: impl Serialize + 'static) -> Result<Self, ResponseValidationError> {
        let any: &mut dyn Any = &mut value;
        if let Some(value) = any.downcast_mut::<serde_json::Value>() {
            return Self::from_value(std::mem::take(value));
        }
        if let Some(value) = any.downcast_ref::<&'static serde_json::Value>() {
            // Only a failure copies the value, for the error's path.
            return match T::deserialize(*value) {
                Ok(model) => Ok(Model(model)),
                Err(_) => Self::from_value((*value).clone()),
            };
        }
        // Any other value goes through JSON text on the success path: writing `value` and
        // parsing `T` from it allocates only `T`'s own strings, where a `serde_json::Value`
        // in between would allocate a map, a key and a value for every entry first.
        // Anything that fails here is done again the slow way, which gives the error (and
        // its path) exactly as a `Value` gets it.
        let mut text = Vec::with_capacity(128);
        if serde_json::to_writer(&mut text, &value).is_ok()
            && let Ok(model) = serde_json::from_slice::<T>(&text)
        {
            return Ok(Model(model));
        }
        let model = std::any::type_name::<T>();
        let wire = serde_json::to_value(value)
            .map_err(|e| ResponseValidationError::encode(model, e.to_string()))?;
        Self::from_value(wire)
    }

    /// [`Model::validate`] of a [`serde_json::Value`].
    fn from_value(value: serde_json::Value) -> Result<Self, ResponseValidationError> {
        // The success path tracks no field path (serde_path_to_error records every map key
        // and sequence index it passes); only a failure is run again, with tracking, for
        // the path and message of its error.
        if let Ok(model) = T::deserialize(&value) {
            return Ok(Model(model));
        }
        serde_path_to_error::deserialize::<_, T>(value)
            .map(Model)
            .map_err(|e| shape_error(std::any::type_name::<T>(), e))
    }
}

fn shape_error(
    model: &'static str,
    err: serde_path_to_error::Error<serde_json::Error>,
) -> ResponseValidationError {
    let path = err.path().to_string();
    let message = err.into_inner().to_string();
    ResponseValidationError {
        model,
        kind: ErrorKind::Shape {
            path,
            redacted: crate::redact::serde_message(&message).into_owned(),
            message,
        },
    }
}

#[cfg(feature = "validate")]
#[cfg_attr(docsrs, doc(cfg(feature = "validate")))]
impl<T, const S: u16> Model<T, S>
where
    T: garde::Validate,
    T::Context: Default,
{
    /// Converts `value` into `T` and checks `T`'s garde constraints before sending, like a
    /// Pydantic model with `Field(gt=0)`: a broken constraint is a [`ResponseValidationError`]
    /// (a generic, logged 500). Feature `validate`.
    ///
    /// Deriving `schemars::JsonSchema` next to `garde::Validate` puts the same constraints
    /// (`minimum`, `maxLength`, `pattern`, ...) in the view's JSON Schema.
    ///
    /// ```
    /// use response_model::Model;
    ///
    /// #[derive(Debug, serde::Serialize, garde::Validate)]
    /// struct ItemOut {
    ///     #[garde(length(min = 1))]
    ///     name: String,
    ///     #[garde(range(min = 0.01))]
    ///     price: f64,
    /// }
    ///
    /// assert!(Model::<ItemOut>::checked(ItemOut { name: "Pen".into(), price: 1.5 }).is_ok());
    /// let err = Model::<ItemOut>::checked(ItemOut { name: "Pen".into(), price: 0.0 }).unwrap_err();
    /// assert_eq!(err.path(), Some("price"));
    /// ```
    pub fn checked(value: impl Into<T>) -> Result<Self, ResponseValidationError> {
        let value = value.into();
        match garde::Validate::validate(&value) {
            Ok(()) => Ok(Model(value)),
            Err(report) => Err(constraint_error(std::any::type_name::<T>(), &report)),
        }
    }
}

#[cfg(feature = "validate")]
#[cfg_attr(docsrs, doc(cfg(feature = "validate")))]
impl<T, const S: u16> Model<T, S>
where
    T: DeserializeOwned + garde::Validate,
    T::Context: Default,
{
    /// [`Model::validate`] then [`Model::checked`]: a dict-like value is filtered, converted
    /// and its constraints checked. Feature `validate`.
    ///
    /// ```
    /// use response_model::Model;
    /// use serde_json::json;
    ///
    /// #[derive(Debug, serde::Serialize, serde::Deserialize, garde::Validate)]
    /// struct ItemOut {
    ///     #[garde(skip)]
    ///     id: i64,
    ///     #[garde(range(min = 0.0))]
    ///     price: f64,
    /// }
    ///
    /// let rows = json!([{"id": 1, "price": 3}, {"id": 2, "price": -1}]);
    /// let err = Model::<Vec<ItemOut>>::validate_checked(rows).unwrap_err();
    /// assert_eq!(err.path(), Some("[1].price"));
    /// ```
    pub fn validate_checked(
        value: impl Serialize + 'static,
    ) -> Result<Self, ResponseValidationError> {
        let Model(value) = Model::<T, S>::validate(value)?;
        Model::<T, S>::checked(value)
    }
}

#[cfg(feature = "validate")]
fn constraint_error(model: &'static str, report: &garde::Report) -> ResponseValidationError {
    let mut first_path = None;
    let mut message = String::new();
    let mut redacted = String::new();
    for (path, error) in report.iter() {
        let path = path.to_string();
        if !message.is_empty() {
            message.push_str("; ");
            redacted.push_str("; ");
        }
        message.push_str(&format!("`{path}`: {error}"));
        redacted.push_str(&format!(
            "`{path}`: {}",
            crate::redact::constraint_message(error.message())
        ));
        first_path.get_or_insert(path);
    }
    ResponseValidationError {
        model,
        kind: ErrorKind::Constraint {
            path: first_path.unwrap_or_default(),
            message,
            redacted,
        },
    }
}

/// Wraps a value in a 200 `Model`: `Ok(item.into())` in a handler.
///
/// ```
/// # use response_model::Model;
/// let m: Model<Vec<i32>> = vec![1].into();
/// assert_eq!(m.0, [1]);
/// ```
impl<T> From<T> for Model<T> {
    fn from(value: T) -> Self {
        Model(value)
    }
}

impl<T, const S: u16> Deref for Model<T, S> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, const S: u16> DerefMut for Model<T, S> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Serialize> Model<T> {
    /// The response, for a `Model` whose status nothing else fixes: `Model(value)` built
    /// without a type is a 200, with no turbofish (the default of `STATUS` is not used
    /// for inference, so the trait method alone would ask which status). The same
    /// response as [`IntoResponse::into_response`]; a `Model<T, 201>` (or any other
    /// status) answers through the trait, as before.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use response_model::{Created, Model};
    /// use serde_json::json;
    ///
    /// let res = Model(json!({"message": "Hello"})).into_response();
    /// assert_eq!(res.status(), 200);
    /// assert_eq!(res.headers()["content-type"], "application/json");
    ///
    /// // A status in the type still wins.
    /// fn create() -> Created<serde_json::Value> {
    ///     Model(json!({"id": 1}))
    /// }
    /// assert_eq!(create().into_response().status(), 201);
    /// assert_eq!(Model::<_, 202>(json!(null)).into_response().status(), 202);
    /// ```
    pub fn into_response(self) -> Response {
        json_response(StatusCode::OK, &self.0)
    }
}

/// `STATUS` with `application/json`, encoded by the app-wide default encoder
/// ([`JsonEncoder::layer`](crate::encoder::JsonEncoder::layer)).
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::Model;
/// let res = Model::<Option<i32>>(None).into_response();
/// assert_eq!(res.status(), 200);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
impl<T: Serialize, const S: u16> IntoResponse for Model<T, S> {
    fn into_response(self) -> Response {
        json_response(status_code(Self::STATUS), &self.0)
    }
}

/// A returned value does not fit its response model: FastAPI's `ResponseValidationError`.
///
/// As a response it is Starlette's bare `500 Internal Server Error` (`text/plain`), which
/// says nothing about the value; the reason is logged with `tracing::error!` when the
/// response is made. Its [`Display`](fmt::Display) — for logs, never for clients — names
/// the model, the field path and what was expected, but no value: what serde or garde
/// quote of the value is replaced by its kind (`invalid type: a string, expected u32`),
/// and a custom message that may hold one is withheld, so a
/// `#[response_model(secret)]` field's value never reaches the logs. For development,
/// `RESPONSE_MODEL_LOG_VALUES=1` logs the messages whole; `{:#}` formats them so.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::Model;
///
/// #[derive(Debug, serde::Deserialize, serde::Serialize)]
/// struct ItemOut { price: f64 }
///
/// let err = Model::<ItemOut>::validate(serde_json::json!({"price": "cheap"})).unwrap_err();
/// assert_eq!(err.path(), Some("price"));
/// assert!(err.to_string().contains("invalid type: a string, expected f64"));
/// assert!(!err.to_string().contains("cheap"));
/// assert!(format!("{err:#}").contains(r#"string "cheap""#));
/// let res = err.into_response();
/// assert_eq!(res.status(), 500);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct ResponseValidationError {
    model: &'static str,
    kind: ErrorKind,
}

/// Each message twice: as serde or garde wrote it (which may quote the value, a secret
/// field's too) and `redacted`, with the values replaced by their kind.
#[derive(Clone)]
enum ErrorKind {
    /// The value could not be written as JSON (a failing `Serialize`, non-string map keys).
    Encode { message: String, redacted: String },
    /// The JSON form does not deserialize into the model.
    Shape {
        path: String,
        message: String,
        redacted: String,
    },
    /// garde constraints failed.
    #[cfg(feature = "validate")]
    Constraint {
        path: String,
        message: String,
        redacted: String,
    },
    /// A request-time selection could not be applied (e.g. no value at the pointer).
    Select(String),
}

impl ResponseValidationError {
    pub(crate) fn encode(model: &'static str, message: String) -> Self {
        Self {
            model,
            kind: ErrorKind::Encode {
                redacted: crate::redact::serde_message(&message).into_owned(),
                message,
            },
        }
    }

    pub(crate) fn select(model: &'static str, message: String) -> Self {
        Self {
            model,
            kind: ErrorKind::Select(message),
        }
    }

    /// The Rust type name of the response model the value was checked against.
    pub fn model(&self) -> &str {
        self.model
    }

    /// Where in the value the first problem is (`items[1].price`, `.` for the value
    /// itself), when it is about a field.
    pub fn path(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Shape { path, .. } => Some(path),
            #[cfg(feature = "validate")]
            ErrorKind::Constraint { path, .. } => Some(path),
            ErrorKind::Encode { .. } | ErrorKind::Select(_) => None,
        }
    }
}

/// The reason, for logs: the model, the path and what was expected. The values the
/// message of serde or garde quotes are replaced by their kind (`a string`), so a secret
/// field's value is never in it; the alternate form (`{:#}`) keeps them, for development.
/// `Debug` is the same as `Display`.
impl fmt::Display for ResponseValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let model = self.model;
        let with_values = f.alternate();
        let pick = |message: &'_ String, redacted: &'_ String| -> String {
            if with_values {
                message.clone()
            } else {
                redacted.clone()
            }
        };
        match &self.kind {
            ErrorKind::Encode { message, redacted } => write!(
                f,
                "the value returned for response model `{model}` cannot be written as JSON \
                 ({}); fix its Serialize impl (map keys must be strings)",
                pick(message, redacted)
            ),
            ErrorKind::Shape {
                path,
                message,
                redacted,
            } => write!(
                f,
                "the value returned for response model `{model}` does not match it at \
                 `{path}`: {}; return a value with that field and type, or change the model",
                pick(message, redacted)
            ),
            #[cfg(feature = "validate")]
            ErrorKind::Constraint {
                message, redacted, ..
            } => write!(
                f,
                "the value returned for response model `{model}` breaks its constraints: \
                 {}; fix the value or relax the #[garde] rule",
                pick(message, redacted)
            ),
            ErrorKind::Select(message) => write!(
                f,
                "request-time field selection on `{model}` could not be applied: {message}"
            ),
        }
    }
}

impl fmt::Debug for ResponseValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for ResponseValidationError {}

/// Logs the reason with `tracing::error!` and answers Starlette's bare 500.
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model::Model;
/// let res = Model::<u8>::validate(300).unwrap_err().into_response();
/// assert_eq!(res.status(), 500);
/// assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
/// ```
impl IntoResponse for ResponseValidationError {
    fn into_response(self) -> Response {
        if crate::redact::log_values() {
            tracing::error!(
                error = format_args!("{self:#}"),
                model = self.model,
                "response validation failed"
            );
        } else {
            tracing::error!(error = %self, model = self.model, "response validation failed");
        }
        internal_server_error()
    }
}

/// The status of the type (`Created<T>` -> 201) with `T`'s schema (serialize contract).
/// A `Model::validate` that fails is a `ResponseValidationError`: return
/// `Result<Model<T>, ResponseValidationError>` and its 500 is documented too.
impl<T: schemars::JsonSchema, const S: u16> crate::openapi::ApiResponse for Model<T, S> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::openapi::json_responses::<T>(cx, status_code(Self::STATUS))
    }
}

/// The 500 (`text/plain`, nothing of the data) of a failed validation.
impl crate::openapi::ApiResponse for ResponseValidationError {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::encoder::internal_server_error_doc()
    }
}
