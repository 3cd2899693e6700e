//! [`ApiResponse`] for std's and axum's response types, [`ApiParts`] for the parts of a
//! response tuple, and the helpers that document the common bodies.

use std::borrow::Cow;
use std::convert::Infallible;

use axum::extract::{Extension, Json};
use axum::response::{AppendHeaders, ErrorResponse, Html, NoContent, Redirect, Sse};
use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use schemars::JsonSchema;
use serde_json::json;

use super::{ApiParts, ApiResponse};
use crate::openapi::operation::{HeaderDoc, MediaDoc, ResponseDoc, Responses, StatusKey};
use crate::openapi::schema::{DocContext, SchemaDoc};

/// A 200 with one body.
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
/// use response_model::openapi::{DocContext, json_responses};
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

/// The part of [`json_responses`] that does not depend on `T`, compiled once.
pub(crate) fn json_responses_inner(schema: SchemaDoc, status: StatusCode) -> Responses {
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

/// Every view answers as `Model<View>` does: 200 `application/json` with its schema (one
/// impl for all views, instead of one generated per view).
impl<V: crate::view::View + JsonSchema> ApiResponse for V {
    fn responses(cx: &mut DocContext) -> Responses {
        json_responses::<V>(cx, StatusCode::OK)
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
                ok_with(
                    mime::APPLICATION_OCTET_STREAM.as_ref(),
                    MediaDoc::binary(mime::APPLICATION_OCTET_STREAM.as_ref()),
                )
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

/// A 200 `text/event-stream` whose items are described by `item` (one event).
///
/// ```
/// use response_model::openapi::{DocContext, SchemaDoc, sse_responses};
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
/// use response_model::openapi::{DocContext, stream_responses};
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
        sse_responses(SchemaDoc::plain(crate::responses::sse::event_schema(
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

/// axum's error reading a part of a `Multipart` body, as it answers it in `text/plain`: 400
/// for a malformed body, 413 over the body limit, 500 for a body that broke off in transit
/// (axum cannot tell a client gone from a failing server there).
impl ApiResponse for axum::extract::multipart::MultipartError {
    fn responses(_cx: &mut DocContext) -> Responses {
        let text = |status: StatusCode, why: &'static str| {
            Responses::single(
                status,
                ResponseDoc::new(why).content("text/plain", MediaDoc::text()),
            )
        };
        let mut r = text(StatusCode::BAD_REQUEST, "The multipart body is malformed");
        r.merge(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The body is larger than the limit",
        ));
        r.merge(text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The body could not be read to its end",
        ));
        r
    }
}

/// An untyped error response (`axum::response::Result`'s error): documented as `default`
/// with a body of any media type, since its type says nothing more.
impl ApiResponse for ErrorResponse {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusKey::Default,
            ResponseDoc::new("An error (status and body chosen at run time)")
                .content("*/*", MediaDoc::binary("*/*")),
        )
    }
}

/// FastAPI's `response_model=None`: a handler returning an opaque `Response` stays in the
/// document, with its parameters and request body, and one `default` response whose type
/// says nothing more (no status, no body claimed). Only routes added with
/// `route_undocumented` leave the document.
impl ApiResponse for axum::response::Response {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusKey::Default,
            ResponseDoc::new("Any response (the handler's type does not say which)"),
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

/// `(parts..., R)` and `(StatusCode, parts..., R)`, axum's tuple responders: `R`'s
/// responses (under `default` when a status is given), with what each part adds.
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
