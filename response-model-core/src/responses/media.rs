//! Media types as types, so that a streamed or file response's `Content-Type` is part of
//! the handler's return type and the OpenAPI document says the same as the wire.
//!
//! FastAPI writes `StreamingResponse(rows(), media_type="text/csv")` and documents the route
//! as `application/json`. Here the media type is a type parameter:
//! [`StreamingResponse<TextCsv>`](super::stream::StreamingResponse) sends
//! `Content-Type: text/csv; charset=utf-8` and the document lists `text/csv`.
//!
//! ```
//! use axum::response::IntoResponse;
//! use response_model::responses::media::TextCsv;
//! use response_model::responses::StreamingResponse;
//!
//! async fn export() -> StreamingResponse<TextCsv> {
//!     let rows = (1..=3).map(|i| format!("{i},User{i}\n"));
//!     StreamingResponse::blocking(rows).media::<TextCsv>()
//! }
//! # let res = StreamingResponse::blocking(["a\n"]).media::<TextCsv>().into_response();
//! # assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
//! ```
//!
//! Common types are provided below; declare others with [`media_type!`]
//! or by implementing [`MediaType`]. A media type that is not a valid header value (or has
//! no `/`) fails to build (`cargo build`; the check runs when the type is used), it is never
//! a run-time error. [`AnyMedia`] is the default parameter: the media type is then chosen
//! at run time (`.media_type("...")`, or a file's extension) and documented as `*/*`.

use crate::__private::is_valid_media_type;

/// A media type known at compile time (`text/csv`, `application/pdf`, ...).
///
/// `text/*` types are sent with `; charset=utf-8` unless they name a charset, as Starlette
/// does.
///
/// ```
/// use response_model::responses::media::MediaType;
///
/// /// Apache Parquet files.
/// struct Parquet;
/// impl MediaType for Parquet {
///     const MEDIA_TYPE: &'static str = "application/vnd.apache.parquet";
/// }
/// assert_eq!(Parquet::MEDIA_TYPE, "application/vnd.apache.parquet");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a media type",
    note = "use one of `response_model::responses::media` (`TextCsv`, `ApplicationPdf`, ...), declare one with `media_type!(pub Name = \"type/subtype\");`, or implement `MediaType`"
)]
pub trait MediaType: 'static {
    /// The media type, `type/subtype` (parameters allowed: `text/csv; header=present`).
    /// [`AnyMedia`]'s is `*/*`: chosen at run time.
    const MEDIA_TYPE: &'static str;
}

/// The media type is chosen at run time (documented as `*/*`): the default parameter of
/// [`StreamingResponse`](super::stream::StreamingResponse) and
/// [`FileResponse`](super::file::FileResponse).
///
/// ```
/// use response_model::responses::media::{AnyMedia, MediaType};
/// assert_eq!(AnyMedia::MEDIA_TYPE, "*/*");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnyMedia;

impl MediaType for AnyMedia {
    const MEDIA_TYPE: &'static str = "*/*";
}

/// Whether `M` is [`AnyMedia`] (chosen at run time) rather than a fixed media type.
pub(crate) fn is_any<M: MediaType>() -> bool {
    M::MEDIA_TYPE == AnyMedia::MEDIA_TYPE
}

/// Evaluated where a typed media type is used: an invalid one stops the build.
pub(crate) struct Checked<M>(std::marker::PhantomData<M>);

impl<M: MediaType> Checked<M> {
    pub(crate) const VALID: () = assert!(
        is_valid_media_type(M::MEDIA_TYPE),
        "a MediaType's MEDIA_TYPE must be `type/subtype` in visible ASCII"
    );
}

/// Declares media types: a unit struct implementing [`MediaType`] each, checked at
/// compile time.
///
/// ```
/// response_model::responses::media::media_type! {
///     /// Apache Parquet files.
///     pub Parquet = "application/vnd.apache.parquet";
///     /// GeoJSON.
///     pub(crate) GeoJson = "application/geo+json";
/// }
/// use response_model::responses::media::MediaType;
/// assert_eq!(GeoJson::MEDIA_TYPE, "application/geo+json");
/// ```
///
/// A value that cannot be a media type does not compile:
///
/// ```compile_fail
/// response_model::responses::media::media_type!(pub Broken = "no slash here");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __media_type {
    ($($(#[$attr:meta])* $vis:vis $name:ident = $value:literal;)+) => {$(
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name;

        impl $crate::__private::MediaType for $name {
            const MEDIA_TYPE: &'static str = $value;
        }

        const _: () = ::core::assert!(
            $crate::__private::is_valid_media_type($value),
            ::core::concat!("`", $value, "` is not a media type: write `type/subtype` in visible ASCII"),
        );
    )+};
}

#[doc(inline)]
pub use crate::__media_type as media_type;

macro_rules! media_types {
    ($($(#[$attr:meta])* $name:ident = $value:literal;)+) => {$(
        $(#[$attr])*
        #[doc = concat!("\n\n`", $value, "`")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl MediaType for $name {
            const MEDIA_TYPE: &'static str = $value;
        }
    )+};
}

media_types! {
    /// `text/plain` (sent with `; charset=utf-8`).
    TextPlain = "text/plain";
    /// `text/csv` (sent with `; charset=utf-8`).
    TextCsv = "text/csv";
    /// `text/html` (sent with `; charset=utf-8`).
    TextHtml = "text/html";
    /// `text/markdown` (sent with `; charset=utf-8`).
    TextMarkdown = "text/markdown";
    /// `application/json`.
    ApplicationJson = "application/json";
    /// `application/x-ndjson` (newline-delimited JSON; see also
    /// [`JsonLines`](super::jsonl::JsonLines)).
    ApplicationNdjson = "application/x-ndjson";
    /// `application/octet-stream`: any bytes.
    ApplicationOctetStream = "application/octet-stream";
    /// `application/pdf`.
    ApplicationPdf = "application/pdf";
    /// `application/zip`.
    ApplicationZip = "application/zip";
    /// `application/gzip`.
    ApplicationGzip = "application/gzip";
    /// `application/xml`.
    ApplicationXml = "application/xml";
    /// `image/png`.
    ImagePng = "image/png";
    /// `image/jpeg`.
    ImageJpeg = "image/jpeg";
    /// `image/gif`.
    ImageGif = "image/gif";
    /// `image/webp`.
    ImageWebp = "image/webp";
    /// `image/svg+xml`.
    ImageSvg = "image/svg+xml";
    /// `audio/mpeg`.
    AudioMpeg = "audio/mpeg";
    /// `video/mp4`.
    VideoMp4 = "video/mp4";
}

/// A body of `M` in the document: text is a string, anything else a binary string.
pub(crate) fn media_doc<M: MediaType>() -> crate::openapi::MediaDoc {
    if M::MEDIA_TYPE.starts_with("text/") {
        crate::openapi::MediaDoc::text()
    } else {
        crate::openapi::MediaDoc::binary(M::MEDIA_TYPE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        for ok in [
            "text/csv",
            "text/csv; header=present",
            "a/b",
            "application/vnd.x+json",
        ] {
            assert!(is_valid_media_type(ok), "{ok}");
        }
        for bad in [
            "",
            "text",
            "/csv",
            "text/",
            "text/csv\r\n",
            "text/é",
            "text/\u{0}",
        ] {
            assert!(!is_valid_media_type(bad), "{bad:?}");
        }
    }

    #[test]
    fn any_is_recognised() {
        assert!(is_any::<AnyMedia>());
        assert!(!is_any::<TextCsv>());
    }
}
