//! The traits that turn a handler's types into an operation, and their impls for std and
//! axum types.
//!
//! The impls live beside the traits: [`ApiResponse`] and [`ApiParts`] for std and axum's
//! response types in `response_impls.rs`, [`ApiInput`] for axum's extractors in
//! `input_impls.rs`. (This crate's own types implement them beside their `IntoResponse`
//! or `FromRequestParts`.)

mod input_impls;
mod response_impls;

use std::future::Future;

use super::operation::{OperationDoc, Responses};
use super::schema::DocContext;
pub use response_impls::{json_responses, sse_responses, stream_responses};

/// Documents the responses of a handler's return type.
///
/// Implemented for the response types of axum and of this crate; implement it for your own
/// `IntoResponse` types (it has no required method to keep a type out of the document:
/// the default documents nothing).
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use http::StatusCode;
/// use response_model::openapi::{DocContext, MediaDoc, ResponseDoc, ApiResponse, Responses};
///
/// struct Teapot;
/// impl IntoResponse for Teapot {
///     fn into_response(self) -> Response {
///         (StatusCode::IM_A_TEAPOT, "short and stout").into_response()
///     }
/// }
/// impl ApiResponse for Teapot {
///     fn responses(_cx: &mut DocContext) -> Responses {
///         Responses::single(
///             StatusCode::IM_A_TEAPOT,
///             ResponseDoc::for_status(StatusCode::IM_A_TEAPOT).content("text/plain; charset=utf-8", MediaDoc::text()),
///         )
///     }
/// }
/// let r = Teapot::responses(&mut DocContext::new("/tea"));
/// assert!(r.get(StatusCode::IM_A_TEAPOT).is_some());
/// ```
#[diagnostic::on_unimplemented(
    message = "the OpenAPI document cannot describe the response type `{Self}`",
    label = "no `ApiResponse` for `{Self}`",
    note = "return a type whose responses are known from its type: `Json<T>`, a view, `Html<_>`, `String`, `Redirect`, `Sse<_>`, `StatusCode`, `(StatusCode, T)`, `(headers, T)`, `Result<T, E>` of those",
    note = "`impl IntoResponse` and `Response` hide the body's type: name the concrete type, implement `ApiResponse` for your own type, or add the route with `ApiRouter::route_undocumented`"
)]
pub trait ApiResponse {
    /// The responses this type can produce.
    fn responses(cx: &mut DocContext) -> Responses {
        let _ = cx;
        Responses::new()
    }
}

/// Documents what an extractor reads from the request: parameters, request body, and the
/// responses of its rejection.
///
/// Extractors that read nothing the document describes (`State`, `Extension`, `HeaderMap`,
/// ...) implement it with the default, empty method; so can yours.
///
/// ```
/// use response_model::openapi::{DocContext, ApiInput, OperationDoc};
/// use axum::extract::Query;
/// use schemars::JsonSchema;
/// use serde::Deserialize;
///
/// #[derive(Deserialize, JsonSchema)]
/// struct Page { skip: Option<u32>, limit: u32 }
///
/// let mut op = OperationDoc::new();
/// <Query<Page> as ApiInput>::document(&mut DocContext::new("/items"), &mut op);
/// let mut names: Vec<_> = op.parameters().iter().map(|p| (p.name(), p.is_required())).collect();
/// names.sort(); // field order with the `preserve-order` feature, else sorted by name
/// assert_eq!(names, [("limit", true), ("skip", false)]);
/// ```
#[diagnostic::on_unimplemented(
    message = "the OpenAPI document cannot describe the extractor `{Self}`",
    label = "no `ApiInput` for `{Self}`",
    note = "`Path<T>`, `Query<T>`, `Json<T>` and `Form<T>` need `T: JsonSchema` (derive it); an extractor of your own needs `impl ApiInput for {Self} {{}}` (the empty impl documents nothing)"
)]
pub trait ApiInput {
    /// Adds what this extractor reads to `op`.
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let _ = (cx, op);
    }
}

/// Documents a handler from its types: every argument's [`ApiInput`] and the return
/// type's [`ApiResponse`]. Implemented for `async fn`s and closures of up to 16
/// arguments; `M` is the tuple of argument types (inferred).
///
/// ```
/// use axum::Json;
/// use axum::extract::Path;
/// use response_model::openapi::{DocContext, ApiHandler};
///
/// async fn get_item(Path(id): Path<u32>) -> Json<u32> { Json(id) }
///
/// fn operation<H: ApiHandler<M>, M>(_: &H) -> response_model::openapi::OperationDoc {
///     H::operation(&mut DocContext::new("/items/{id}"))
/// }
/// let op = operation(&get_item);
/// assert_eq!(op.parameters()[0].name(), "id");
/// assert!(op.responses().get(http::StatusCode::OK).is_some());
/// ```
#[diagnostic::on_unimplemented(
    message = "the OpenAPI document cannot describe the handler `{Self}`",
    label = "its argument or return types are not documented",
    note = "every argument must implement `ApiInput` and the return type `ApiResponse`: return a concrete documented type (`Json<T>`, a view, `Html<_>`, `String`, `Redirect`, `(StatusCode, T)`, `Result<T, E>`, ...) or an opaque `Response` (documented as any response), not `impl IntoResponse` (a type of your own implements `ApiResponse`)",
    note = "`Json<T>`, `Path<T>`, `Query<T>` and `Form<T>` are documented when `T: JsonSchema`: add `#[derive(JsonSchema)]` to `T`",
    note = "an extractor of your own needs `impl ApiInput for YourExtractor {{}}` (the empty impl documents nothing), or `impl ApiSecurity` if it reads credentials",
    note = "a struct that only derives `Serialize` is not a response: return `Model<YourStruct>` (JSON, FastAPI's `response_model`) or a view of `#[derive(ResponseModel)]`",
    note = "to serve a route without documenting it, use `ApiRouter::route_undocumented`"
)]
pub trait ApiHandler<M> {
    /// The operation: parameters, request body and responses.
    fn operation(cx: &mut DocContext) -> OperationDoc;
}

/// `ApiHandler` for functions of the given argument types: each argument's `ApiInput`, in
/// order, then the responses of the output.
macro_rules! impl_handler_docs {
    ($($ty:ident),*) => {
        impl<F, Fut, $($ty,)*> ApiHandler<($($ty,)*)> for F
        where
            F: FnOnce($($ty),*) -> Fut,
            Fut: Future,
            Fut::Output: ApiResponse,
            $($ty: ApiInput,)*
        {
            fn operation(cx: &mut DocContext) -> OperationDoc {
                let mut op = OperationDoc::new();
                $(<$ty as ApiInput>::document(cx, &mut op);)*
                let responses = <Fut::Output as ApiResponse>::responses(cx);
                op.responses_mut().merge(responses);
                op
            }
        }
    };
}

impl_handler_docs!();
impl_handler_docs!(T1);
impl_handler_docs!(T1, T2);
impl_handler_docs!(T1, T2, T3);
impl_handler_docs!(T1, T2, T3, T4);
impl_handler_docs!(T1, T2, T3, T4, T5);
impl_handler_docs!(T1, T2, T3, T4, T5, T6);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9, T10);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13);
impl_handler_docs!(T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14);
impl_handler_docs!(
    T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15
);
impl_handler_docs!(
    T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16
);

/// Documents what a response part (the `headers` of `(headers, T)`) adds to a response.
///
/// Headers given as values (`[(K, V); N]`, `HeaderMap`) are not known from their type and
/// document nothing; typed parts (a cookie jar, a content disposition) add their header.
///
/// ```
/// use response_model::openapi::{DocContext, ApiParts, ResponseDoc, Responses};
/// let r = Responses::single(http::StatusCode::OK, ResponseDoc::new("OK"));
/// let same = <http::HeaderMap as ApiParts>::document(&mut DocContext::new("/"), r.clone());
/// assert_eq!(same, r);
/// ```
#[diagnostic::on_unimplemented(
    message = "the OpenAPI document cannot describe the response part `{Self}`",
    note = "implement `ApiParts` for `{Self}` (the default method adds nothing)"
)]
pub trait ApiParts {
    /// `responses` with what this part adds.
    fn document(cx: &mut DocContext, responses: Responses) -> Responses {
        let _ = cx;
        responses
    }
}
