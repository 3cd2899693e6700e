use std::marker::PhantomData;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{StatusCode, header};

use super::media::{AnyMedia, Checked, MediaType, is_any, media_doc};
use crate::openapi::{ApiResponse, DocContext, ResponseDoc, Responses};

/// A body held in memory, of the media type `M`: FastAPI's
/// `Response(content=data, media_type="application/xml")`.
///
/// The media type is in the type, so the `Content-Type` header and the document always
/// agree: `200` with `M`'s media type (a string for `text/*`, else a binary string; `text/*`
/// gets `; charset=utf-8` on the wire). With the default `AnyMedia` no `Content-Type` is
/// sent, as FastAPI's `Response` without `media_type`, and the document says `*/*`. Other
/// statuses and headers go in an axum tuple around it.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::Content;
/// use response_model::responses::media::ApplicationXml;
///
/// async fn legacy_data() -> Content<ApplicationXml> {
///     Content::new(r#"<?xml version="1.0"?><shampoo><Header>Apply shampoo here.</Header></shampoo>"#)
/// }
///
/// let res = Content::<ApplicationXml>::new("<a/>").into_response();
/// assert_eq!(res.headers()["content-type"], "application/xml");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content<M = AnyMedia> {
    body: Bytes,
    media: PhantomData<fn() -> M>,
}

impl<M: MediaType> Content<M> {
    /// `body` as a response of `M` (an invalid `M` fails the build).
    pub fn new(body: impl Into<Bytes>) -> Self {
        let () = Checked::<M>::VALID;
        Self {
            body: body.into(),
            media: PhantomData,
        }
    }
}

impl<M: MediaType> IntoResponse for Content<M> {
    fn into_response(self) -> Response {
        let mut res = Response::new(Body::from(self.body));
        if !is_any::<M>() {
            match super::stream::content_type_value(M::MEDIA_TYPE) {
                Some(value) => {
                    res.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                // `Checked` refuses, at build time, a media type that is not a header value.
                None => {
                    tracing::error!(media_type = M::MEDIA_TYPE, "not a Content-Type value");
                    return crate::encoder::internal_server_error();
                }
            }
        }
        res
    }
}

/// `200` with `M`'s media type and its body schema.
impl<M: MediaType> ApiResponse for Content<M> {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK).content(M::MEDIA_TYPE, media_doc::<M>()),
        )
    }
}
