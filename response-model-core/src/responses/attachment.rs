use std::convert::Infallible;

use axum::response::{IntoResponseParts, ResponseParts};
use http::{HeaderValue, header};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// `Content-Disposition: attachment; filename="..."` (or `inline`) as a response part:
/// put it before the body in a tuple, `(Attachment::new("data.csv"), body)`. The OpenAPI
/// document lists the header on the route's responses. The name is sent as a name, not a
/// path: `/`, `\` and control characters become `_` (RFC 6266 section 4.3).
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::Attachment;
///
/// let res = (Attachment::new("résumé.pdf"), "%PDF-").into_response();
/// assert_eq!(
///     res.headers()["content-disposition"],
///     "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"
/// );
/// ```
///
/// `Content-Disposition` as a typed response part: the download name of any response,
/// documented in the OpenAPI document because it is in the handler's return type.
///
/// FastAPI's course sends a CSV as plain text with
/// `headers={"Content-Disposition": 'attachment; filename="data.csv"'}`; here:
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::responses::Attachment;
/// use response_model::responses::PlainText;
///
/// async fn export_csv() -> (Attachment, PlainText<&'static str>) {
///     (Attachment::new("data.csv"), PlainText("id,name,price\n1,Laptop,75000\n"))
/// }
/// # let res = (Attachment::new("data.csv"), PlainText("x")).into_response();
/// # assert_eq!(res.headers()["content-disposition"], r#"attachment; filename="data.csv""#);
/// ```
///
/// The value follows RFC 6266: a quoted ASCII `filename`, and for a name that is not
/// plain ASCII an RFC 8187 `filename*=UTF-8''...` next to an ASCII fallback, so a name
/// from user data can never break the header (quotes, CR/LF and non-ASCII are replaced
/// in the fallback and percent-encoded in `filename*`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "an Attachment does nothing until it is part of a response"]
pub struct Attachment {
    filename: String,
    inline: bool,
}

impl Attachment {
    /// Download as `filename` (`attachment; filename="..."`).
    ///
    /// ```
    /// # use response_model::responses::Attachment;
    /// let part = Attachment::new("data.csv");
    /// assert_eq!(part.filename(), "data.csv");
    /// ```
    pub fn new(filename: impl Into<String>) -> Self {
        Self {
            filename: filename.into(),
            inline: false,
        }
    }

    /// Display in the browser, saved as `filename` if the user saves it
    /// (`inline; filename="..."`).
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// # use response_model::responses::Attachment;
    /// let res = (Attachment::new("a.pdf").inline(), "%PDF-").into_response();
    /// assert_eq!(res.headers()["content-disposition"], r#"inline; filename="a.pdf""#);
    /// ```
    pub fn inline(mut self) -> Self {
        self.inline = true;
        self
    }

    /// The file name as given.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The header value.
    ///
    /// ```
    /// # use response_model::responses::Attachment;
    /// assert_eq!(Attachment::new("x.csv").header_value(), r#"attachment; filename="x.csv""#);
    /// ```
    pub fn header_value(&self) -> HeaderValue {
        content_disposition(self.inline, &self.filename)
    }
}

impl IntoResponseParts for Attachment {
    type Error = Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Infallible> {
        res.headers_mut()
            .insert(header::CONTENT_DISPOSITION, self.header_value());
        Ok(res)
    }
}

/// RFC 8187 `attr-char`: what `filename*` may carry unencoded.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// RFC 6266 `Content-Disposition`: a quoted ASCII `filename`, plus an RFC 8187
/// `filename*` when the name is not plain ASCII.
pub(crate) fn content_disposition(inline: bool, filename: &str) -> HeaderValue {
    let kind = if inline { "inline" } else { "attachment" };
    // A name, not a path (RFC 6266 section 4.3): separators and control characters
    // become `_` in both forms, so no client is asked to save under `../../etc/passwd` or
    // a name holding a line break.
    let named: String = filename
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let filename = named.as_str();
    let fallback: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let value = if fallback == filename {
        format!("{kind}; filename=\"{fallback}\"")
    } else {
        let encoded = utf8_percent_encode(filename, ATTR_CHAR);
        format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
    };
    #[allow(
        clippy::expect_used,
        reason = "control characters, quotes and non-ASCII are replaced or percent-encoded above"
    )]
    HeaderValue::try_from(value)
        .expect("a Content-Disposition of visible ASCII is a valid header value")
}

/// `Content-Disposition` on every response of the route (axum applies parts to whatever
/// the body turned into).
impl crate::openapi::ApiParts for Attachment {
    fn document(
        _cx: &mut crate::openapi::DocContext,
        responses: crate::openapi::Responses,
    ) -> crate::openapi::Responses {
        responses.with_header(
            "Content-Disposition",
            crate::openapi::HeaderDoc::new(
                "`attachment; filename=...` (RFC 6266): the name to save the body under",
            )
            .required(),
        )
    }
}
