//! The traits that turn a handler's types into an operation, and their impls for std and
//! axum types.

use std::borrow::Cow;
use std::convert::Infallible;
use std::future::Future;

use axum::extract::{
    ConnectInfo, Extension, Form, Json, MatchedPath, OriginalUri, Path, Query, RawQuery, Request,
    State,
};
use axum::response::{AppendHeaders, ErrorResponse, Html, NoContent, Redirect, Sse};
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri, Version};
use schemars::JsonSchema;
use serde_json::{Value, json};

use super::operation::{
    HeaderDoc, MediaDoc, OperationDoc, ParamLocation, ParameterDoc, ResponseDoc, Responses,
    StatusKey,
};
use super::schema::{DocContext, SchemaDoc, Side};

/// Documents the responses of a handler's return type.
///
/// Implemented for the response types of axum and of this crate; implement it for your own
/// `IntoResponse` types (it has no required method to keep a type out of the document:
/// the default documents nothing).
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use http::StatusCode;
/// use response_model_core::openapi::{DocContext, MediaDoc, ResponseDoc, ApiResponse, Responses};
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
/// use response_model_core::openapi::{DocContext, ApiInput, OperationDoc};
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
/// use response_model_core::openapi::{DocContext, ApiHandler};
///
/// async fn get_item(Path(id): Path<u32>) -> Json<u32> { Json(id) }
///
/// fn operation<H: ApiHandler<M>, M>(_: &H) -> response_model_core::openapi::OperationDoc {
///     H::operation(&mut DocContext::new("/items/{id}"))
/// }
/// let op = operation(&get_item);
/// assert_eq!(op.parameters()[0].name(), "id");
/// assert!(op.responses().get(http::StatusCode::OK).is_some());
/// ```
#[diagnostic::on_unimplemented(
    message = "the OpenAPI document cannot describe the handler `{Self}`",
    label = "its argument or return types are not documented",
    note = "every argument must implement `ApiInput` and the return type `ApiResponse`: return a concrete documented type (`Json<T>`, a view, `Html<_>`, `String`, `Redirect`, `(StatusCode, T)`, `Result<T, E>`, ...), not `impl IntoResponse` or `Response`",
    note = "`Json<T>`, `Path<T>`, `Query<T>` and `Form<T>` are documented when `T: JsonSchema`: add `#[derive(JsonSchema)]` to `T`",
    note = "to serve a route without documenting it, use `ApiRouter::route_undocumented`"
)]
pub trait ApiHandler<M> {
    /// The operation: parameters, request body and responses.
    fn operation(cx: &mut DocContext) -> OperationDoc;
}

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
/// use response_model_core::openapi::{DocContext, ApiParts, ResponseDoc, Responses};
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

// ---- response impls -------------------------------------------------------------------

fn ok_with(media_type: &str, media: MediaDoc) -> Responses {
    Responses::single(
        StatusCode::OK,
        ResponseDoc::for_status(StatusCode::OK).content(media_type, media),
    )
}

/// A 200 `application/json` response of `T` under the serialize contract: what
/// `Json<T>` and the derive's views document.
///
/// ```
/// use response_model_core::openapi::{DocContext, json_responses};
/// let r = json_responses::<Vec<String>>(&mut DocContext::new("/"), http::StatusCode::OK);
/// assert!(r.get(http::StatusCode::OK).unwrap().media("application/json").is_some());
/// ```
pub fn json_responses<T: JsonSchema + ?Sized>(
    cx: &mut DocContext,
    status: StatusCode,
) -> Responses {
    let schema = cx.register_output::<T>();
    json_responses_inner(schema, status)
}

fn json_responses_inner(schema: SchemaDoc, status: StatusCode) -> Responses {
    Responses::single(
        status,
        ResponseDoc::for_status(status)
            .content(mime::APPLICATION_JSON.as_ref(), MediaDoc::schema(schema)),
    )
}

impl<T: JsonSchema> ApiResponse for Json<T> {
    fn responses(cx: &mut DocContext) -> Responses {
        json_responses::<T>(cx, StatusCode::OK)
    }
}

impl<T> ApiResponse for Html<T> {
    fn responses(_cx: &mut DocContext) -> Responses {
        ok_with("text/html", MediaDoc::text())
    }
}

macro_rules! text_responses {
    ($($ty:ty),*) => {$(
        impl ApiResponse for $ty {
            fn responses(_cx: &mut DocContext) -> Responses {
                ok_with("text/plain", MediaDoc::text())
            }
        }
    )*};
}
text_responses!(String, &'static str, Cow<'static, str>, Box<str>);

macro_rules! bytes_responses {
    ($($ty:ty),*) => {$(
        impl ApiResponse for $ty {
            fn responses(_cx: &mut DocContext) -> Responses {
                ok_with(mime::APPLICATION_OCTET_STREAM.as_ref(), MediaDoc::any())
            }
        }
    )*};
}
bytes_responses!(Vec<u8>, Bytes, &'static [u8], Box<[u8]>, Cow<'static, [u8]>);

/// `()`: a 200 with an empty body.
impl ApiResponse for () {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(StatusCode::OK, ResponseDoc::for_status(StatusCode::OK))
    }
}

/// The type says nothing of which status: documented as `default`, without a body.
impl ApiResponse for StatusCode {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::new().into_default()
    }
}

impl ApiResponse for NoContent {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusCode::NO_CONTENT,
            ResponseDoc::for_status(StatusCode::NO_CONTENT),
        )
    }
}

/// axum's `Redirect` picks 303, 307 or 308 at run time: documented as `3XX` with its
/// `Location` header. (This crate's redirect classes carry their status in the type.)
impl ApiResponse for Redirect {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusKey::Range(3),
            ResponseDoc::new("Redirect")
                .header("Location", HeaderDoc::new("The URL to go to").required()),
        )
    }
}

/// The schema of one server-sent event as axum's `Event` writes it: `data` is text.
pub(crate) fn sse_event_schema(data: Value) -> Value {
    json!({
        "type": "object",
        "properties": {
            "data": data,
            "event": {"type": "string"},
            "id": {"type": "string"},
            "retry": {"type": "integer", "minimum": 0},
        },
    })
}

/// A 200 `text/event-stream` whose items are described by `item` (one event).
///
/// ```
/// use response_model_core::openapi::{DocContext, SchemaDoc, sse_responses};
/// let r = sse_responses(SchemaDoc::plain(serde_json::json!({"type": "object"})));
/// assert!(r.get(http::StatusCode::OK).unwrap().media("text/event-stream").unwrap().item_schema().is_some());
/// ```
pub fn sse_responses(item: SchemaDoc) -> Responses {
    ok_with(mime::TEXT_EVENT_STREAM.as_ref(), MediaDoc::stream(item))
}

/// A 200 stream of `media_type` (JSON Lines, JSON sequences, ...) whose items each match
/// `item`: what a typed stream class documents.
///
/// ```
/// use response_model_core::openapi::{DocContext, stream_responses};
/// let mut cx = DocContext::new("/rows");
/// let r = stream_responses("application/jsonl", cx.register_output::<Vec<u8>>());
/// let media = r.get(http::StatusCode::OK).unwrap().media("application/jsonl").unwrap();
/// assert!(media.item_schema().is_some());
/// ```
pub fn stream_responses(media_type: &str, item: SchemaDoc) -> Responses {
    ok_with(media_type, MediaDoc::stream(item))
}

impl<S> ApiResponse for Sse<S> {
    fn responses(_cx: &mut DocContext) -> Responses {
        sse_responses(SchemaDoc::plain(sse_event_schema(
            json!({"type": "string"}),
        )))
    }
}

/// Both sides: the statuses of `T` and of `E` (merged where they share one).
impl<T: ApiResponse, E: ApiResponse> ApiResponse for Result<T, E> {
    fn responses(cx: &mut DocContext) -> Responses {
        let mut r = T::responses(cx);
        r.merge(E::responses(cx));
        r
    }
}

impl ApiResponse for Infallible {}

/// An untyped error response (`axum::response::Result`'s error): documented as `default`
/// with a body of any media type, since its type says nothing more.
impl ApiResponse for ErrorResponse {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusKey::Default,
            ResponseDoc::new("An error (status and body chosen at run time)")
                .content("*/*", MediaDoc::any()),
        )
    }
}

/// `(StatusCode, T)`: the status is a value, chosen at run time, so the type cannot say
/// which one. Documented honestly as `default` with `T`'s body and headers, not as `T`'s own
/// status (which the response would then contradict).
impl<R: ApiResponse> ApiResponse for (StatusCode, R) {
    fn responses(cx: &mut DocContext) -> Responses {
        R::responses(cx).into_default()
    }
}

macro_rules! impl_parts_tuples {
    ($($ty:ident),+) => {
        impl<$($ty: ApiParts,)+ R: ApiResponse> ApiResponse for ($($ty,)+ R) {
            fn responses(cx: &mut DocContext) -> Responses {
                let r = R::responses(cx);
                $(let r = <$ty as ApiParts>::document(cx, r);)+
                r
            }
        }
        impl<$($ty: ApiParts,)+ R: ApiResponse> ApiResponse for (StatusCode, $($ty,)+ R) {
            fn responses(cx: &mut DocContext) -> Responses {
                let r = R::responses(cx).into_default();
                $(let r = <$ty as ApiParts>::document(cx, r);)+
                r
            }
        }
    };
}
impl_parts_tuples!(T1);
impl_parts_tuples!(T1, T2);
impl_parts_tuples!(T1, T2, T3);
impl_parts_tuples!(T1, T2, T3, T4);
impl_parts_tuples!(T1, T2, T3, T4, T5);
impl_parts_tuples!(T1, T2, T3, T4, T5, T6);
impl_parts_tuples!(T1, T2, T3, T4, T5, T6, T7);
impl_parts_tuples!(T1, T2, T3, T4, T5, T6, T7, T8);

impl<K, V, const N: usize> ApiParts for [(K, V); N] {}
impl ApiParts for HeaderMap {}
impl<I> ApiParts for AppendHeaders<I> {}
impl<T> ApiParts for Extension<T> {}
impl ApiParts for http::Extensions {}
impl<T: ApiParts> ApiParts for Option<T> {
    fn document(cx: &mut DocContext, responses: Responses) -> Responses {
        T::document(cx, responses)
    }
}

// ---- input impls ----------------------------------------------------------------------

macro_rules! no_input_docs {
    ($($ty:ty),* $(,)?) => {$(
        impl ApiInput for $ty {}
    )*};
}
no_input_docs!(
    HeaderMap,
    Method,
    Uri,
    Version,
    String,
    Bytes,
    axum::body::Body,
    http::request::Parts,
    http::Extensions,
    OriginalUri,
    MatchedPath,
    RawQuery,
);
impl<S> ApiInput for State<S> {}
impl<T> ApiInput for Extension<T> {}
impl<T> ApiInput for ConnectInfo<T> {}
impl<B> ApiInput for Request<B> {}

/// An optional extractor: what `T` documents, with its request body not required.
impl<T: ApiInput> ApiInput for Option<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let had_body = op.has_request_body();
        T::document(cx, op);
        if !had_body {
            op.request_body_optional();
        }
    }
}

/// `Result<T, T::Rejection>`: the handler answers the rejection itself, so `T`'s
/// parameters and body are documented, not its rejection responses (the handler's return
/// type documents what it answers instead).
impl<T: ApiInput, E> ApiInput for Result<T, E> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let mut inner = OperationDoc::new();
        T::document(cx, &mut inner);
        op.add_inputs_of(inner);
    }
}

fn rejection(status: StatusCode, why: &'static str) -> Responses {
    Responses::single(
        status,
        ResponseDoc::new(why).content("text/plain", MediaDoc::text()),
    )
}

fn property_params(schema: &Value, location: ParamLocation, op: &mut OperationDoc) -> bool {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return false;
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (name, prop) in props {
        let mut prop = prop.clone();
        let description = prop
            .as_object_mut()
            .and_then(|o| o.remove("description"))
            .and_then(|d| d.as_str().map(str::to_owned));
        let mut p = ParameterDoc::new(
            name.clone(),
            location,
            SchemaDoc {
                side: Side::Input,
                value: prop,
            },
        )
        .required(required.contains(&name.as_str()));
        if let Some(d) = description {
            p = p.description(d);
        }
        op.add_parameter(p);
    }
    true
}

fn document_path(cx: &mut DocContext, op: &mut OperationDoc, schema: Value) {
    let names = cx.path_params();
    if property_params(&schema, ParamLocation::Path, op) {
        return;
    }
    let items: Vec<Value> = match schema.get("prefixItems").and_then(Value::as_array) {
        Some(items) => items.clone(),
        None if names.len() == 1 => vec![schema],
        // A map or sequence of every segment: each one a string.
        None => names.iter().map(|_| json!({"type": "string"})).collect(),
    };
    for (name, item) in names.into_iter().zip(items) {
        op.add_parameter(ParameterDoc::new(
            name,
            ParamLocation::Path,
            SchemaDoc {
                side: Side::Input,
                value: item,
            },
        ));
    }
    op.responses_mut().merge(rejection(
        StatusCode::BAD_REQUEST,
        "Invalid path parameters",
    ));
}

/// Path parameters: a struct's fields by name, a tuple's items in path order, or one value.
impl<T: JsonSchema> ApiInput for Path<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.input_object_schema::<T>();
        document_path(cx, op, schema);
    }
}

fn document_query(op: &mut OperationDoc, mut schema: Value) {
    // A query string has no `null`: an optional field is simply absent.
    let required: Vec<Value> = schema
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            if !required.contains(&Value::from(name.as_str())) {
                super::schema::strip_null(prop);
            }
        }
    }
    property_params(&schema, ParamLocation::Query, op);
    op.responses_mut()
        .merge(rejection(StatusCode::BAD_REQUEST, "Invalid query string"));
}

/// Query parameters: one per field of `T` (required unless optional or defaulted).
impl<T: JsonSchema> ApiInput for Query<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.input_object_schema::<T>();
        document_query(op, schema);
    }
}

fn document_body(op: &mut OperationDoc, media_type: &str, schema: SchemaDoc, syntax: &'static str) {
    op.add_request_body(media_type, MediaDoc::schema(schema), true);
    let mut r = rejection(StatusCode::BAD_REQUEST, syntax);
    r.merge(rejection(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "Missing or wrong Content-Type",
    ));
    r.merge(rejection(
        StatusCode::UNPROCESSABLE_ENTITY,
        "The body does not match the schema",
    ));
    op.responses_mut().merge(r);
}

/// A JSON request body of `T` under the deserialize contract, and the rejections of a bad
/// body (400, 415, 422 in `text/plain`, as axum answers them).
impl<T: JsonSchema> ApiInput for Json<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.register_input::<T>();
        document_body(
            op,
            mime::APPLICATION_JSON.as_ref(),
            schema,
            "The body is not valid JSON",
        );
    }
}

/// A form body (`application/x-www-form-urlencoded`) of `T`.
impl<T: JsonSchema> ApiInput for Form<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.register_input::<T>();
        document_body(
            op,
            mime::APPLICATION_WWW_FORM_URLENCODED.as_ref(),
            schema,
            "The form could not be read",
        );
    }
}
