//! Typed response headers: `response_header!` declares one, whose value's schema the
//! document shows.

/// Declares a typed response header (FastAPI's `headers={"X-Item-ID": ...}` with a
/// documented schema): a tuple struct around the value's type, which goes in an axum tuple
/// beside a response. The header is written from the value's `Display`; the document lists
/// it, required, on the route's responses, with the value type's schema and the doc
/// comment as its description. A name that is not a lowercase HTTP token fails the build.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::Model;
/// use response_model::responses::response_header;
///
/// response_header! {
///     /// The id of the item just created.
///     pub XItemId = "x-item-id": u32;
/// }
///
/// async fn create() -> (XItemId, Model<&'static str>) {
///     (XItemId(42), Model("created"))
/// }
///
/// let res = (XItemId(42), Model::<_>("created")).into_response();
/// assert_eq!(res.headers()["x-item-id"], "42");
/// ```
///
/// ```compile_fail
/// response_model::responses::response_header!(pub Bad = "X Item": u32;);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __response_header {
    ($($(#[doc = $doc:literal])* $vis:vis $name:ident = $header:literal : $ty:ty;)+) => {$(
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq)]
        $vis struct $name(pub $ty);

        const _: () = ::core::assert!(
            $crate::__private::is_valid_header_name($header),
            ::core::concat!("`", $header, "` is not a header name: write a lowercase token such as `x-item-id`"),
        );

        impl $crate::__private::IntoResponseParts for $name {
            type Error = $crate::__private::HeaderError;

            fn into_response_parts(
                self,
                res: $crate::__private::ResponseParts,
            ) -> ::core::result::Result<$crate::__private::ResponseParts, Self::Error> {
                $crate::__private::insert_header(res, $header, &self.0)
            }
        }

        impl $crate::__private::ApiParts for $name {
            fn document(
                cx: &mut $crate::__private::DocContext,
                responses: $crate::__private::Responses,
            ) -> $crate::__private::Responses {
                $crate::__private::document_header::<$ty>(
                    cx,
                    responses,
                    $header,
                    ::core::concat!($($doc),*).trim(),
                )
            }
        }
    )+};
}

#[doc(inline)]
pub use crate::__response_header as response_header;
