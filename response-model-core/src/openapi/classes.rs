//! What this crate's response classes document: each one's media type, statuses and
//! headers, read from its type.

use http::StatusCode;
use schemars::JsonSchema;

use super::operation::{HeaderDoc, MediaDoc, ResponseDoc, Responses};
use super::schema::DocContext;
use super::traits::{ResponseDocs, json_responses};
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
