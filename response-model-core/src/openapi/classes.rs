//! What this crate's response classes document: each one's media type, statuses and
//! headers, read from its type.

use http::StatusCode;
use schemars::JsonSchema;

use super::operation::{HeaderDoc, MediaDoc, ResponseDoc, Responses, StatusKey};
use super::schema::DocContext;
use super::traits::{PartsDocs, ResponseDocs, json_responses};
use crate::responses::attachment::Attachment;
use crate::responses::json::{FastJson, JsonResponse};
use crate::responses::redirect::{InvalidRedirect, Redirect, RedirectStatus};
use crate::responses::text::PlainText;

/// Starlette's bare 500 (`text/plain`), answered when a response cannot be produced
/// (an encoding failure, a refused redirect target, a failed validation).
pub(crate) fn internal_error() -> Responses {
    Responses::single(
        StatusCode::INTERNAL_SERVER_ERROR,
        ResponseDoc::for_status(StatusCode::INTERNAL_SERVER_ERROR)
            .content("text/plain", MediaDoc::text()),
    )
}

impl<T: JsonSchema> ResponseDocs for JsonResponse<T> {
    fn responses(cx: &mut DocContext) -> Responses {
        json_responses::<T>(cx, StatusCode::OK)
    }
}

impl<T: JsonSchema> ResponseDocs for FastJson<T> {
    fn responses(cx: &mut DocContext) -> Responses {
        json_responses::<T>(cx, StatusCode::OK)
    }
}

impl<T> ResponseDocs for PlainText<T> {
    fn responses(_cx: &mut DocContext) -> Responses {
        Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK).content("text/plain", MediaDoc::text()),
        )
    }
}

/// `Content-Disposition` on every response of the route (axum applies parts to whatever
/// the body turned into).
impl PartsDocs for Attachment {
    fn document(_cx: &mut DocContext, responses: Responses) -> Responses {
        responses.with_header(
            "Content-Disposition",
            HeaderDoc::new(
                "`attachment; filename=...` (RFC 6266): the name to save the body under",
            )
            .required(),
        )
    }
}

fn redirect_responses(status: StatusCode) -> Responses {
    let mut r = Responses::single(
        status,
        ResponseDoc::for_status(status)
            .header("Location", HeaderDoc::new("The URL to go to").required()),
    );
    // A target with control characters is refused with a 500 (see `InvalidRedirect`).
    r.merge(internal_error());
    r
}

/// The status of the type (`Redirect<301>` -> `301`) with its required `Location`.
impl<const S: u16> ResponseDocs for Redirect<S>
where
    Self: RedirectStatus,
{
    fn responses(_cx: &mut DocContext) -> Responses {
        redirect_responses(<Self as RedirectStatus>::STATUS)
    }
}

impl ResponseDocs for InvalidRedirect {
    fn responses(_cx: &mut DocContext) -> Responses {
        internal_error()
    }
}

#[cfg(feature = "templates")]
mod templates {
    use super::*;
    use crate::responses::template::TemplateResponse;

    /// 200 `text/html`, or the 500 of a template that failed to render.
    impl ResponseDocs for TemplateResponse {
        fn responses(_cx: &mut DocContext) -> Responses {
            let mut r = Responses::single(
                StatusCode::OK,
                ResponseDoc::for_status(StatusCode::OK).content("text/html", MediaDoc::text()),
            );
            r.merge(internal_error());
            r
        }
    }
}

mod files_and_streams {
    use serde_json::json;

    use super::*;
    use crate::openapi::schema::DocSchema;
    use crate::openapi::stream_responses;
    use crate::responses::file::{FileDirError, FileResponse};
    use crate::responses::jsonl::{JSONL, JsonLines};
    use crate::responses::media::{MediaType, is_any};
    use crate::responses::stream::StreamingResponse;

    /// A body of `M`: text is a string, anything else bytes with no schema.
    fn media_doc<M: MediaType>() -> MediaDoc {
        if M::MEDIA_TYPE.starts_with("text/") {
            MediaDoc::text()
        } else {
            MediaDoc::any()
        }
    }

    fn header(description: &'static str) -> HeaderDoc {
        HeaderDoc::new(description)
    }

    fn not_found() -> Responses {
        Responses::single(
            StatusCode::NOT_FOUND,
            ResponseDoc::for_status(StatusCode::NOT_FOUND).content(
                mime::APPLICATION_JSON.as_ref(),
                MediaDoc::schema(DocSchema::plain(json!({
                    "type": "object",
                    "properties": {"detail": {"type": "string"}},
                    "required": ["detail"],
                }))),
            ),
        )
    }

    /// The file's bytes (media type `M`'s, or for `AnyMedia` `*/*`: chosen from the file
    /// at run time) with its validators and, for a download, `Content-Disposition`; the statuses of ranges and
    /// conditional requests (served through `FileLayer`): 206, 304, 412, 416; 404 for a
    /// missing file and 500 for one that cannot be read.
    impl<M: MediaType> ResponseDocs for FileResponse<M> {
        fn responses(_cx: &mut DocContext) -> Responses {
            let validators = |r: ResponseDoc| {
                r.header("ETag", header("Strong validator of the file's version"))
                    .header("Last-Modified", header("The file's modification time"))
            };
            let mut r = Responses::single(
                StatusCode::OK,
                validators(ResponseDoc::new("The file").content(M::MEDIA_TYPE, media_doc::<M>()))
                    .header(
                        "Content-Disposition",
                        header("`attachment; filename=...` when a filename is set (RFC 6266)"),
                    )
                    .header("Accept-Ranges", header("`bytes` (through `FileLayer`)")),
            );
            r.insert(
                StatusCode::PARTIAL_CONTENT,
                validators(
                    ResponseDoc::new("The requested range(s) of the file")
                        .content(M::MEDIA_TYPE, media_doc::<M>())
                        .content("multipart/byteranges", MediaDoc::any()),
                )
                .header(
                    "Content-Range",
                    header("`bytes first-last/length` (one range)"),
                ),
            );
            r.insert(
                StatusCode::NOT_MODIFIED,
                validators(ResponseDoc::new("The client's copy is current")),
            );
            r.insert(
                StatusCode::PRECONDITION_FAILED,
                ResponseDoc::for_status(StatusCode::PRECONDITION_FAILED),
            );
            r.insert(
                StatusCode::RANGE_NOT_SATISFIABLE,
                ResponseDoc::for_status(StatusCode::RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", header("`bytes */length`").required()),
            );
            r.merge(not_found());
            r.merge(internal_error());
            r
        }
    }

    /// `{"detail": "Not Found"}` for a refused or missing name.
    impl ResponseDocs for FileDirError {
        fn responses(_cx: &mut DocContext) -> Responses {
            not_found()
        }
    }

    /// The media type of `M` (`*/*` for `AnyMedia`, chosen at run time); a text type
    /// has a string schema. The status can be changed at run time (`.status()`), so it is
    /// documented as `default`. Write a stream of items with a typed class (`JsonLines`,
    /// `Sse`) where there is one: those document the item schema too.
    impl<M: MediaType> ResponseDocs for StreamingResponse<M> {
        fn responses(_cx: &mut DocContext) -> Responses {
            let description = if is_any::<M>() {
                "A streamed body (status and media type set at run time)"
            } else {
                "A streamed body"
            };
            Responses::single(
                StatusKey::Default,
                ResponseDoc::new(description).content(M::MEDIA_TYPE, media_doc::<M>()),
            )
        }
    }

    /// A 200 stream of JSON values of `T`, one per line: each line's schema is `T`'s
    /// (serialize contract). `application/x-ndjson` is listed too, for `.media_type()`.
    impl<T: JsonSchema> ResponseDocs for JsonLines<T> {
        fn responses(cx: &mut DocContext) -> Responses {
            let item = cx.response_schema::<T>();
            let mut r = stream_responses(JSONL, item.clone());
            r.merge(stream_responses("application/x-ndjson", item));
            r
        }
    }
}
