//! The documentation impl that `#[derive(ResponseModel)]` emits for each view.

/// Called once per generated view:
///
/// ```text
/// __view_docs! {
///     impl_generics: [<T>],           // may be empty: []
///     ty: [PageOut<T>],
///     where_predicates: [T: Clone,],  // may be empty: []
/// }
/// ```
///
/// Expands to the view's [`ResponseDocs`](crate::openapi::ResponseDocs): a 200
/// `application/json` response whose schema is the view's, under the serialize contract.
/// The view's own `JsonSchema` bound is listed first so the user's predicates may come
/// with or without a trailing comma.
#[doc(hidden)]
#[macro_export]
macro_rules! __view_docs {
    (
        impl_generics: [$($g:tt)*],
        ty: [$($t:tt)*],
        where_predicates: [$($w:tt)*] $(,)?
    ) => {
        #[automatically_derived]
        impl $($g)* $crate::openapi::ResponseDocs for $($t)*
        where
            Self: $crate::__private::JsonSchema,
            $($w)*
        {
            fn responses(
                __cx: &mut $crate::openapi::DocContext,
            ) -> $crate::openapi::Responses {
                $crate::openapi::__view_responses::<Self>(__cx)
            }
        }
    };
}

/// What every view documents: a 200 JSON response of its schema (serialize contract).
/// One non-generic body shared by all views lives in `json_responses`.
#[doc(hidden)]
pub fn __view_responses<T: schemars::JsonSchema + ?Sized>(
    cx: &mut super::DocContext,
) -> super::Responses {
    super::json_responses::<T>(cx, http::StatusCode::OK)
}
