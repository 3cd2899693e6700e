use std::time::Duration;

use axum::response::{IntoResponseParts, ResponseParts};
use cookie::{Cookie, SameSite};
use http::{HeaderValue, header};

use crate::openapi::{ApiParts, DocContext, HeaderDoc, Responses};

/// A `Set-Cookie` response part: Starlette's `response.set_cookie(...)` (and, with
/// [`SetCookie::delete`], `delete_cookie`), written by the `cookie` crate.
///
/// The defaults are Starlette's: `Path=/` and `SameSite=Lax`; `Max-Age`, `Expires`,
/// `HttpOnly`, `Secure` and `Domain` are set with the builder. The name and value are
/// percent-encoded (Starlette quotes them instead); decode them when reading. It goes in an axum tuple
/// beside any response, several of them add several headers, and the document lists a
/// `Set-Cookie` header on the route's responses.
///
/// ```
/// use std::time::Duration;
/// use axum::response::IntoResponse;
/// use response_model::Model;
/// use response_model::responses::SetCookie;
///
/// // FastAPI: response.set_cookie(key="session", value="abc", httponly=True, max_age=3600)
/// let res = (
///     SetCookie::new("session", "abc").http_only().max_age(Duration::from_secs(3600)),
///     SetCookie::delete("theme"),
///     Model::<_>(serde_json::json!({"message": "logged in"})),
/// )
///     .into_response();
/// let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().collect();
/// assert_eq!(cookies[0], "session=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600");
/// assert!(cookies[1].to_str().unwrap().starts_with("theme=; SameSite=Lax; Path=/; Max-Age=0"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a SetCookie does nothing until it is part of a response"]
pub struct SetCookie(Cookie<'static>);

impl SetCookie {
    /// `name=value`, with `Path=/` and `SameSite=Lax`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut cookie = Cookie::new(name.into(), value.into());
        cookie.set_path("/");
        cookie.set_same_site(SameSite::Lax);
        Self(cookie)
    }

    /// Tells the client to delete the cookie `name` (Starlette's `delete_cookie`): an empty
    /// value that expires at once (`Max-Age=0` and an `Expires` in the past), `Path=/`.
    pub fn delete(name: impl Into<String>) -> Self {
        let mut this = Self::new(name, "");
        this.0.make_removal();
        this
    }

    /// `Max-Age`: seconds until the cookie expires.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        let secs = i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX);
        self.0.set_max_age(cookie::time::Duration::seconds(secs));
        self
    }

    /// `Expires`: when the cookie expires.
    pub fn expires(mut self, at: std::time::SystemTime) -> Self {
        self.0.set_expires(cookie::time::OffsetDateTime::from(at));
        self
    }

    /// `HttpOnly`: scripts cannot read the cookie.
    pub fn http_only(mut self) -> Self {
        self.0.set_http_only(true);
        self
    }

    /// `Secure`: sent over HTTPS only.
    pub fn secure(mut self) -> Self {
        self.0.set_secure(true);
        self
    }

    /// `Domain`.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.0.set_domain(domain.into());
        self
    }

    /// `Path` (default `/`).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.0.set_path(path.into());
        self
    }

    /// `SameSite` (default `Lax`): `Strict`, `Lax` or `None` (which browsers take only
    /// with `Secure`).
    pub fn same_site(mut self, same_site: SameSite) -> Self {
        self.0.set_same_site(same_site);
        self
    }
}

/// Appends a `Set-Cookie` header. The name and value are percent-encoded, so a value
/// cannot add attributes of its own (`abc; Domain=evil` is `abc%3B%20Domain%3Devil`) nor
/// break the header; a header that still is not valid would make the response a 500, as
/// axum's header parts do.
impl IntoResponseParts for SetCookie {
    type Error = (http::StatusCode, &'static str);

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        match HeaderValue::try_from(self.0.encoded().to_string()) {
            Ok(value) => {
                res.headers_mut().append(header::SET_COOKIE, value);
                Ok(res)
            }
            Err(_) => {
                tracing::error!("a cookie's name or value is not a valid header value");
                Err((
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal Server Error",
                ))
            }
        }
    }
}

/// `Set-Cookie` on every response of the route (axum applies parts to whatever the body
/// turned into).
impl ApiParts for SetCookie {
    fn document(_cx: &mut DocContext, responses: Responses) -> Responses {
        responses.with_header(
            "Set-Cookie",
            HeaderDoc::new("A cookie for the client to store (RFC 6265)"),
        )
    }
}
