#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use response_model_core::{
    Accepted, Created, HttpError, HttpException, Model, ResponseValidationError, Selected,
    Selection, SelectionError, Statuses, Tristate, View, encoder, extract, openapi, responses,
    routing, security, view,
};
pub use response_model_derive::ResponseModel;

/// An error enum whose variants name their statuses and bodies: FastAPI's
/// `raise HTTPException(404, ...)` and `responses={404: {"model": Message}}` in one type.
///
/// `#[derive(ApiError)]` gives the enum `IntoResponse` and
/// [`ApiResponse`](crate::openapi::ApiResponse), so a handler returning
/// `Result<T, ThatEnum>` answers and documents every variant: its status, its body's
/// schema, and its doc comment as the description. Each variant says:
///
/// | attribute | the client receives |
/// |---|---|
/// | `#[api_error(status = 404)]` | `{"detail": "<the enum's Display>"}` |
/// | `#[api_error(status = 500, detail = "Internal Server Error")]` | `{"detail": "Internal Server Error"}` (the `Display` is logged, never sent) |
/// | `#[api_error(status = 409, body)]` | the variant's one field as JSON (a `Serialize + JsonSchema` type) |
///
/// The status is checked when the enum compiles (400..=599). Variants that share a status
/// are documented as one response whose body is `oneOf` their bodies and whose description
/// lists theirs. A 5xx variant is logged (`tracing`, level `error`) with its `Display`
/// before it is answered. The enum needs `Display` (derive it with `thiserror`, whose
/// `#[from]` also makes `?` convert your domain errors) for the variants that send or log
/// it. `#[api_error(crate = path)]` on the enum names a re-exported `response_model`.
///
/// ```
/// use axum::extract::Path;
/// use response_model::routing::{ApiRouter, get};
/// use response_model::{ApiError, Model};
///
/// #[derive(Debug, serde::Serialize, schemars::JsonSchema)]
/// struct Taken {
///     email: String,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum UserError {
///     /// No user has this id.
///     #[api_error(status = 404)]
///     NotFound(u64),
///     /// The email is already registered.
///     #[api_error(status = 409, body)]
///     EmailTaken(Taken),
///     /// The database failed.
///     #[api_error(status = 500, detail = "Internal Server Error")]
///     Database(String),
/// }
///
/// impl std::fmt::Display for UserError {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         match self {
///             UserError::NotFound(id) => write!(f, "User {id} not found"),
///             UserError::EmailTaken(t) => write!(f, "{} is taken", t.email),
///             UserError::Database(e) => write!(f, "database: {e}"),
///         }
///     }
/// }
///
/// async fn get_user(Path(id): Path<u64>) -> Result<Model<String>, UserError> {
///     if id == 1 { Ok(Model("Ada".into())) } else { Err(UserError::NotFound(id)) }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::response::IntoResponse;
/// let res = UserError::NotFound(7).into_response();
/// assert_eq!(res.status(), 404);
/// let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
/// assert_eq!(&body[..], br#"{"detail":"User 7 not found"}"#);
///
/// let doc = ApiRouter::<()>::new().route("/users/{id}", get(get_user)).openapi();
/// let responses = &doc["paths"]["/users/{id}"]["get"]["responses"];
/// assert_eq!(responses["404"]["description"], "No user has this id.");
/// assert_eq!(responses["409"]["description"], "The email is already registered.");
/// assert_eq!(
///     responses["500"]["content"]["application/json"]["example"],
///     serde_json::json!({"detail": "Internal Server Error"}),
/// );
/// # }
/// ```
pub use response_model_derive::ApiError;

/// Makes an `async fn` handler's doc comment its OpenAPI summary and description.
///
/// A fn item's type cannot be named, so [`ApiRouter`](crate::routing::ApiRouter) documents a
/// plain handler from its types alone. On `#[handler] async fn get_user(..) -> T { .. }`
/// this attribute emits instead:
///
/// - a unit struct `get_user` (same visibility, the fn's doc comment) that routes exactly
///   as the fn did, with [`routing::get`] as with
///   `axum::routing::get`: its axum `Handler` impl calls the fn through axum's own impl,
///   so extraction and its rejections (400, 415, 422, ...) are unchanged;
/// - the fn itself as `get_user::call` (same signature, body and other attributes, such as
///   `#[tracing::instrument]`), to call it directly in tests;
/// - its [`ApiHandler`](crate::openapi::ApiHandler): the operation of the fn's types, with
///   the doc comment's first paragraph (lines joined by spaces; or a leading `# Heading`,
///   without its `#`) as the `summary` and the following paragraphs (Markdown, the common
///   indentation removed) as the `description`.
///
/// A route's [`summary`](crate::routing::ApiMethodRouter::summary) and
/// [`description`](crate::routing::ApiMethodRouter::description) still win over the doc
/// comment, which wins over the summary made from the fn's name (`get_user` ->
/// `Get User`). The operation id stays the fn's name. A handler whose types the document
/// cannot describe still compiles and serves; `ApiRouter` reports it where it is routed,
/// as it would without the attribute.
///
/// The only option is `#[handler(crate = path)]`, for `response_model` re-exported under
/// another path. The handler must be a free, non-generic `async fn` of at most 16
/// arguments with their types spelled out (no `impl Trait`); anything else is a compile
/// error that says what to write. A computed `#[doc = include_str!(..)]` is not read (a
/// macro sees no file contents).
///
/// ```
/// use axum::Json;
/// use axum::extract::Path;
/// use response_model::handler;
/// use response_model::routing::{ApiRouter, get};
///
/// /// Get a user.
/// ///
/// /// Looks the user up by **id**.
/// #[handler]
/// async fn get_user(Path(id): Path<u32>) -> Json<u32> {
///     Json(id)
/// }
///
/// #[tokio::main(flavor = "current_thread")]
/// async fn main() {
///     let app: ApiRouter = ApiRouter::new().route("/users/{id}", get(get_user));
///     let doc = app.openapi();
///     let op = &doc["paths"]["/users/{id}"]["get"];
///     assert_eq!(op["summary"], "Get a user.");
///     assert_eq!(op["description"], "Looks the user up by **id**.");
///     assert_eq!(op["operationId"], "get_user");
///
///     // The fn is still there, to call directly.
///     assert_eq!(get_user::call(Path(7)).await.0, 7);
/// }
/// ```
pub use response_model_derive::handler;

/// What a handler module names: `use response_model::prelude::*;`.
///
/// The derives and the handler attribute, the response model and its status aliases, the
/// HTTP errors, the selection extractor and its response, and [`Tristate`]. Response
/// classes, the router and the document's types are imported from [`responses`],
/// [`routing`] and [`openapi`].
///
/// ```
/// use response_model::prelude::*;
///
/// async fn count() -> Created<u32> {
///     Model(1)
/// }
/// # let _ = count;
/// ```
pub mod prelude {
    pub use response_model_core::{
        Accepted, Created, HttpError, HttpException, Model, ResponseValidationError, Selected,
        Selection, Tristate,
    };
    pub use response_model_derive::{ApiError, ResponseModel, handler};
}

#[doc(hidden)]
pub mod __private {
    #[doc(hidden)]
    pub use response_model_core::__private::*;
}
