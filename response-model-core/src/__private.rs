//! Items the derive's generated code names. Not public API: no stability promises.

#[doc(hidden)]
pub use ::axum::response::{IntoResponse, Response};
#[doc(hidden)]
pub use ::core::marker::PhantomData;
#[doc(hidden)]
pub use ::schemars::{self, JsonSchema};
#[doc(hidden)]
pub use ::serde::{self, Serialize};

#[doc(hidden)]
pub use crate::responses::media::MediaType;
#[doc(hidden)]
pub use crate::tristate::Tristate;
#[doc(hidden)]
pub use crate::view::{FieldInfo, FieldList, View, ViewOf};

/// `skip_serializing_if` of an `exclude_defaults` field.
#[inline]
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A 200 JSON response of a view (non-generic body: one copy per crate, not per view).
#[inline]
pub fn view_response<T: Serialize + ?Sized>(value: &T) -> Response {
    crate::encoder::json_response(::http::StatusCode::OK, value)
}

/// The [`ApiResponse`] impl that `#[derive(ResponseModel)]` emits for each view:
///
/// ```text
/// __view_docs! {
///     impl_generics: [<T>],           // may be empty: []
///     ty: [PageOut<T>],
///     where_predicates: [T: Clone,],  // may be empty: []
/// }
/// ```
///
/// A view documents exactly what `Model<View>` documents (it answers with the same
/// bytes). The view's own `JsonSchema` bound is listed first so the user's predicates may
/// come with or without a trailing comma.
#[doc(hidden)]
#[macro_export]
macro_rules! __view_docs {
    (
        impl_generics: [$($g:tt)*],
        ty: [$($t:tt)*],
        where_predicates: [$($w:tt)*] $(,)?
    ) => {
        #[automatically_derived]
        impl $($g)* $crate::__private::ApiResponse for $($t)*
        where
            Self: $crate::__private::JsonSchema,
            $($w)*
        {
            // Inline: compiled where a route is documented, not where the view is defined.
            #[inline]
            fn responses(
                __cx: &mut $crate::__private::DocContext,
            ) -> $crate::__private::Responses {
                $crate::__private::view_responses_doc::<Self>(__cx)
            }
        }
    };
}

#[doc(hidden)]
pub use crate::__view_docs as view_docs;

/// What every view documents: what `Model<V>` documents (one body for all views).
pub fn view_responses_doc<V: JsonSchema + ?Sized>(cx: &mut DocContext) -> Responses {
    crate::openapi::json_responses::<V>(cx, ::http::StatusCode::OK)
}

// Names the derive emitted before the 0.1 API pass (kept until it emits the new ones).
#[doc(hidden)]
pub use crate::openapi::{
    ApiHandler as HandlerDocs, ApiInput as InputDocs, ApiResponse as ResponseDocs,
};
#[doc(hidden)]
pub use crate::view::FieldList as ModelFields;

/// Everything a `nest(field = View)` needs from the pair (model `M`, view `V`), behind
/// one bound: a wrong `nest` is then one error at the user's token, however many places
/// the generated code uses the pair (identical diagnostics are merged by rustc).
pub struct Nest<M, V> {
    /// Model into view.
    pub convert: fn(M) -> V,
    /// The model's field list.
    pub full_fields: fn() -> &'static [FieldInfo],
    /// The view's field list.
    pub view_fields: fn() -> &'static [FieldInfo],
}

/// See [`Nest`].
pub const fn nest<M, V: ViewOf<M>>() -> Nest<M, V> {
    Nest {
        convert: V::from_full,
        full_fields: V::full_fields,
        view_fields: V::view_fields,
    }
}

// ---- `#[handler]` ---------------------------------------------------------------------

#[doc(hidden)]
pub use ::axum::extract::{FromRequest, FromRequestParts, Request};
#[doc(hidden)]
pub use ::axum::handler::Handler;

#[doc(hidden)]
pub use crate::openapi::{ApiHandler, ApiInput, ApiResponse, DocContext, OperationDoc, Responses};

/// The future of axum's `Handler` impls for `async fn`s, which a `#[handler]` delegates to.
pub type HandlerFuture =
    ::core::pin::Pin<Box<dyn ::core::future::Future<Output = Response> + Send + 'static>>;

/// The operation of the fn item `handler` (what `ApiRouter` would document without the
/// attribute), with the summary and description of its doc comment.
pub fn handler_operation<M, H: ApiHandler<M>>(
    handler: H,
    cx: &mut DocContext,
    summary: Option<&str>,
    description: Option<&str>,
) -> OperationDoc {
    let _ = handler;
    let mut op = H::operation(cx);
    set_handler_docs(&mut op, summary, description);
    op
}

fn set_handler_docs(op: &mut OperationDoc, summary: Option<&str>, description: Option<&str>) {
    if let Some(s) = summary {
        op.set_summary(s);
    }
    if let Some(d) = description {
        op.set_description(d);
    }
}

/// `true` when `s` can be a `Content-Type`: visible ASCII, spaces or tabs (what
/// `HeaderValue` accepts), with a `/` after a non-empty type.
pub const fn is_valid_media_type(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut slash = None;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b == b'\t' || (b >= 0x20 && b < 0x7f)) {
            return false;
        }
        if b == b'/' && slash.is_none() {
            slash = Some(i);
        }
        i += 1;
    }
    match slash {
        Some(at) => at > 0 && at + 1 < bytes.len(),
        None => false,
    }
}

/// The schema of `T` for a view field that is always sent: `T`'s own, but not an
/// `Option` to schemars, so the field is required under either contract (an always-sent
/// `Option` is `null`, never absent).
pub struct Required<T: ?Sized>(PhantomData<T>);

impl<T: JsonSchema + ?Sized> JsonSchema for Required<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> ::std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        T::json_schema(generator)
    }
}

// ---- `response_header!` ----------------------------------------------------------------

#[doc(hidden)]
pub use crate::openapi::ApiParts;
#[doc(hidden)]
pub use ::axum::response::{IntoResponseParts, ResponseParts};

/// A lowercase HTTP token (RFC 9110 `tchar`s): what `HeaderName` takes as is.
pub const fn is_valid_header_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ok = b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// Starlette's bare 500, as a response part's error.
pub type HeaderError = (::http::StatusCode, &'static str);

/// Writes `name: value` (from `Display`); a value that is not a header value (a line
/// break) is a logged bare 500.
pub fn insert_header(
    mut res: ResponseParts,
    name: &'static str,
    value: &dyn ::core::fmt::Display,
) -> Result<ResponseParts, HeaderError> {
    match ::http::HeaderValue::try_from(value.to_string()) {
        Ok(v) => {
            res.headers_mut()
                .insert(::http::HeaderName::from_static(name), v);
            Ok(res)
        }
        Err(_) => {
            tracing::error!(
                header = name,
                "a typed header's value is not a header value"
            );
            Err((
                ::http::StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error",
            ))
        }
    }
}

/// The header `name` on every response, required, with `T`'s schema.
pub fn document_header<T: JsonSchema>(
    _cx: &mut DocContext,
    responses: Responses,
    name: &str,
    description: &str,
) -> Responses {
    let mut schema = crate::openapi::output_schema::<T>();
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("$schema");
        obj.remove("title");
    }
    responses.with_header(
        name,
        crate::openapi::HeaderDoc::new(description.to_owned())
            .with_schema(schema)
            .required(),
    )
}

// ---- `#[derive(ApiError)]` -------------------------------------------------------------

#[doc(hidden)]
pub use crate::http_error::{
    ErrorVariantDoc, body_schema, detail_schema, error_body_response, error_detail_response,
    error_display_response, error_enum_responses, log_server_error,
};
