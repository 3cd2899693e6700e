use std::fmt;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::encoder::internal_server_error;

/// A redirect with status `S` (307 by default) and a `Location` header, empty body.
///
/// `S` is one of 301, 302, 303, 307 and 308; others do not compile. Relative (`/docs`)
/// and absolute (`https://example.com/x`) targets are both sent as given (after the
/// encoding described above).
///
/// ```
/// use axum::{Router, routing::{get, post}, response::IntoResponse};
/// use response_model::responses::Redirect;
///
/// async fn root() -> Redirect {
///     Redirect::to("/docs") // 307, as FastAPI's RedirectResponse
/// }
/// async fn old_path() -> Redirect<301> {
///     Redirect::to("/new-path")
/// }
/// async fn login() -> Redirect<303> {
///     Redirect::to("/dashboard")
/// }
///
/// let app: Router = Router::new()
///     .route("/", get(root))
///     .route("/old-path", get(old_path))
///     .route("/login", post(login));
///
/// let res = Redirect::<308>::to("https://example.com/v2/users").into_response();
/// assert_eq!(res.status(), 308);
/// assert_eq!(res.headers()["location"], "https://example.com/v2/users");
/// ```
///
/// A status that is not a redirect is refused at compile time:
///
/// ```compile_fail,E0599
/// # use response_model::responses::Redirect;
/// let _ = Redirect::<200>::to("/");
/// ```
///
/// Redirects: FastAPI's `RedirectResponse`, with the status in the type.
///
/// | FastAPI | here | meaning |
/// |---|---|---|
/// | `RedirectResponse(url)` | [`Redirect::to`] (`Redirect<307>`) | temporary, method kept |
/// | `status_code=301` | `Redirect::<301>::to` | moved permanently |
/// | `status_code=302` | `Redirect::<302>::to` | found (temporary; clients may switch to GET) |
/// | `status_code=303` | `Redirect::<303>::to` | see other: after a POST |
/// | `status_code=308` | `Redirect::<308>::to` | permanent, method kept |
///
/// Any other code does not compile, and the status is known from the handler's return
/// type alone (for the OpenAPI document).
///
/// The target is written to `Location` as Starlette writes it: characters a URL may not
/// hold (space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, non-ASCII) are
/// percent-encoded, everything else (`%` included, so encoded input stays as it is) is
/// kept. A control character (CR, LF, NUL, ...) is never sent: Starlette would
/// percent-encode it, but such a target is a bug or an attack (header injection), so it is
/// refused, by [`Redirect::try_to`] as an [`InvalidRedirect`] or by [`Redirect::to`] as a
/// logged 500.
#[must_use]
#[derive(Clone, Debug)]
pub struct Redirect<const S: u16 = 307> {
    location: Result<HeaderValue, InvalidRedirect>,
}

/// The redirect statuses [`Redirect`] accepts, with their [`StatusCode`].
///
/// Implemented for `Redirect<301>`, `Redirect<302>`, `Redirect<303>`, `Redirect<307>` and
/// `Redirect<308>` only (other crates cannot add codes: both the trait and the type are
/// this crate's).
///
/// ```
/// use response_model::responses::{Redirect, RedirectStatus};
/// assert_eq!(<Redirect as RedirectStatus>::STATUS, http::StatusCode::TEMPORARY_REDIRECT);
/// assert_eq!(<Redirect<303> as RedirectStatus>::STATUS, 303);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a redirect status",
    note = "use Redirect<301>, Redirect<302>, Redirect<303>, Redirect<307> (the default) or Redirect<308>"
)]
pub trait RedirectStatus {
    /// The response status.
    const STATUS: StatusCode;
}

macro_rules! redirect_statuses {
    ($($code:literal => $status:ident,)*) => {$(
        impl RedirectStatus for Redirect<$code> {
            const STATUS: StatusCode = StatusCode::$status;
        }
    )*};
}

redirect_statuses! {
    301 => MOVED_PERMANENTLY,
    302 => FOUND,
    303 => SEE_OTHER,
    307 => TEMPORARY_REDIRECT,
    308 => PERMANENT_REDIRECT,
}

impl<const S: u16> Redirect<S>
where
    Self: RedirectStatus,
{
    /// A redirect to `url`. An invalid target (a control character, see
    /// [`InvalidRedirect`]) is not sent: the response is a bare 500 and the reason is
    /// logged. Use [`try_to`](Self::try_to) to handle it yourself.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use response_model::responses::Redirect;
    ///
    /// let res = Redirect::<302>::to("/search?q=café au lait").into_response();
    /// assert_eq!(res.headers()["location"], "/search?q=caf%C3%A9%20au%20lait");
    ///
    /// let res = Redirect::<302>::to("/x\r\nSet-Cookie: a=b").into_response();
    /// assert_eq!(res.status(), 500);
    /// assert!(res.headers().get("location").is_none());
    /// ```
    pub fn to(url: impl AsRef<str>) -> Self {
        Self {
            location: location(url.as_ref()),
        }
    }

    /// A redirect to `url`, or why `url` cannot be a `Location`.
    ///
    /// For a target taken from the request (a `?next=` parameter), answer the error with a
    /// 400; for a target the server built, `?` turns it into a logged 500.
    ///
    /// ```
    /// use response_model::responses::{InvalidRedirect, Redirect};
    ///
    /// let ok: Redirect = Redirect::try_to("/dashboard").unwrap();
    /// assert_eq!(ok.location(), Some("/dashboard"));
    ///
    /// let err = Redirect::<303>::try_to("/next\nX-Evil: 1").unwrap_err();
    /// assert!(matches!(err, InvalidRedirect::ControlCharacter { index: 5, byte: b'\n', .. }));
    /// ```
    pub fn try_to(url: impl AsRef<str>) -> Result<Self, InvalidRedirect> {
        location(url.as_ref()).map(|value| Self {
            location: Ok(value),
        })
    }

    /// The `Location` value that will be sent, or `None` if the target was refused.
    ///
    /// ```
    /// use response_model::responses::Redirect;
    /// assert_eq!(Redirect::<301>::to("/a b").location(), Some("/a%20b"));
    /// assert_eq!(Redirect::<301>::to("/a\0b").location(), None);
    /// ```
    pub fn location(&self) -> Option<&str> {
        // `location()` only builds values from ASCII, so `to_str` cannot fail here.
        self.location.as_ref().ok().and_then(|v| v.to_str().ok())
    }
}

impl Redirect {
    /// The response, for a `Redirect` whose status nothing else fixes:
    /// `Redirect::to("/docs").into_response()` is a 307 (FastAPI's default), with no
    /// turbofish. The same response as [`IntoResponse::into_response`]; a redirect whose
    /// type names another status (`Redirect::<301>::to(..)`, a handler returning
    /// `Redirect<303>`) answers with it through the trait, as before.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use response_model::responses::Redirect;
    ///
    /// let res = Redirect::to("/docs").into_response();
    /// assert_eq!(res.status(), 307);
    /// assert_eq!(res.headers()["location"], "/docs");
    ///
    /// assert_eq!(Redirect::<301>::to("/new").into_response().status(), 301);
    /// async fn login() -> Redirect<303> {
    ///     Redirect::to("/dashboard")
    /// }
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// assert_eq!(login().await.into_response().status(), 303);
    /// # });
    /// ```
    pub fn into_response(self) -> Response {
        redirect_response(StatusCode::TEMPORARY_REDIRECT, self.location)
    }
}

impl<const S: u16> IntoResponse for Redirect<S>
where
    Self: RedirectStatus,
{
    fn into_response(self) -> Response {
        redirect_response(<Self as RedirectStatus>::STATUS, self.location)
    }
}

/// The non-generic half of [`Redirect::into_response`].
fn redirect_response(
    status: StatusCode,
    location: Result<HeaderValue, InvalidRedirect>,
) -> Response {
    match location {
        Ok(value) => (status, [(header::LOCATION, value)]).into_response(),
        Err(err) => err.into_response(),
    }
}

/// Characters Starlette's `RedirectResponse` percent-encodes: all but ASCII letters,
/// digits, `_.-~` and `:/%#?=@[]!$&'()*+,;` (its `quote(url, safe=...)`).
const LOCATION_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b':')
    .remove(b'/')
    .remove(b'%')
    .remove(b'#')
    .remove(b'?')
    .remove(b'=')
    .remove(b'@')
    .remove(b'[')
    .remove(b']')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';');

fn location(url: &str) -> Result<HeaderValue, InvalidRedirect> {
    if let Some((index, byte)) = url.bytes().enumerate().find(|(_, b)| b.is_ascii_control()) {
        return Err(InvalidRedirect::ControlCharacter { index, byte });
    }
    let encoded = utf8_percent_encode(url, LOCATION_ENCODE).to_string();
    // Only visible ASCII is left; a failure here would be a bug in the set above, and it
    // still ends as a refused target rather than a panic.
    HeaderValue::try_from(encoded).map_err(|_| InvalidRedirect::NotAHeaderValue)
}

/// Why a redirect target cannot be sent as a `Location` header.
///
/// As a response it is a bare 500 (the reason is logged): a target the server built is
/// a server bug. A target taken from the request deserves a 400 instead; map it yourself.
///
/// ```
/// use response_model::responses::{InvalidRedirect, Redirect};
///
/// let err = Redirect::<307>::try_to("/a\r\nb").unwrap_err();
/// assert_eq!(err, InvalidRedirect::ControlCharacter { index: 2, byte: b'\r' });
/// assert!(err.to_string().contains("0x0D at byte 2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidRedirect {
    /// The target holds a control character (CR, LF, NUL, DEL, ...) at byte `index`:
    /// sent as is, it would end the header and let the target write its own.
    ControlCharacter {
        /// Byte offset of the first control character in the target.
        index: usize,
        /// That byte.
        byte: u8,
    },
    /// The encoded target is not a valid header value.
    NotAHeaderValue,
}

impl fmt::Display for InvalidRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ControlCharacter { index, byte } => write!(
                f,
                "redirect target has the control character 0x{byte:02X} at byte {index}; \
                 a Location header cannot carry CR, LF or other control characters: \
                 remove them, or percent-encode them if they are data"
            ),
            Self::NotAHeaderValue => write!(
                f,
                "redirect target is not a valid Location header value; percent-encode it"
            ),
        }
    }
}

impl std::error::Error for InvalidRedirect {}

impl IntoResponse for InvalidRedirect {
    fn into_response(self) -> Response {
        tracing::error!(error = %self, "redirect refused");
        internal_server_error()
    }
}

/// The status of the type (`Redirect<301>` -> `301`) with its required `Location`, and
/// the 500 of a refused target ([`InvalidRedirect`]).
impl<const S: u16> crate::openapi::ApiResponse for Redirect<S>
where
    Self: RedirectStatus,
{
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{HeaderDoc, ResponseDoc, Responses};
        let status = <Self as RedirectStatus>::STATUS;
        let mut r = Responses::single(
            status,
            ResponseDoc::for_status(status)
                .header("Location", HeaderDoc::new("The URL to go to").required()),
        );
        r.merge(crate::encoder::internal_server_error_doc());
        r
    }
}

/// The bare 500 it answers with.
impl crate::openapi::ApiResponse for InvalidRedirect {
    fn responses(_cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        crate::encoder::internal_server_error_doc()
    }
}
