//! Extractors that only read a credential, with FastAPI's answers when it is missing.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};

use super::{ApiSecurity, SecurityScheme};
use crate::HttpError;
use crate::openapi::{ApiResponse, DocContext, HeaderDoc, ResponseDoc, Responses};

/// The extractor impls of a credential type with a `fn read(&Parts) -> Option<Self>` and an
/// [`ApiSecurity`] impl (written out, so that diagnostics listing them name the types): its
/// rejection is [`NotAuthenticated`] with the scheme's challenge, and `Option<_>` of it is
/// `None` instead (FastAPI's `auto_error=False`).
macro_rules! credential_extractor {
    ($ty:ty) => {
        impl<S: Send + Sync> FromRequestParts<S> for $ty {
            type Rejection = NotAuthenticated;

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
                Self::read(parts).ok_or(NotAuthenticated::new(Self::SCHEME))
            }
        }

        impl<S: Send + Sync> OptionalFromRequestParts<S> for $ty {
            type Rejection = std::convert::Infallible;

            async fn from_request_parts(
                parts: &mut Parts,
                _: &S,
            ) -> Result<Option<Self>, Self::Rejection> {
                Ok(Self::read(parts))
            }
        }
    };
}

/// FastAPI's answer to a request without usable credentials: `401`
/// `{"detail": "Not authenticated"}` with the scheme's `WWW-Authenticate` challenge
/// (`Bearer`, `Basic`, `APIKey`).
///
/// The rejection of [`BearerToken`] and [`BasicCredentials`]; an extractor of your own
/// returns it (or wraps it in its error enum) for the same answer.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::security::{NotAuthenticated, SecurityScheme};
///
/// let res = NotAuthenticated::new(SecurityScheme::http_bearer()).into_response();
/// assert_eq!(res.status(), 401);
/// assert_eq!(res.headers()["www-authenticate"], "Bearer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAuthenticated {
    challenge: &'static str,
}

impl NotAuthenticated {
    /// The answer for a request that gave no usable credential for `scheme`.
    pub const fn new(scheme: SecurityScheme) -> Self {
        Self {
            challenge: scheme.challenge(),
        }
    }

    /// The `WWW-Authenticate` value it is sent with.
    pub const fn challenge(&self) -> &'static str {
        self.challenge
    }
}

impl std::fmt::Display for NotAuthenticated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Not authenticated")
    }
}

impl std::error::Error for NotAuthenticated {}

impl IntoResponse for NotAuthenticated {
    fn into_response(self) -> Response {
        (
            [(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(self.challenge),
            )],
            HttpError::<401>::new("Not authenticated"),
        )
            .into_response()
    }
}

/// `401` with the `{"detail"}` body and a required `WWW-Authenticate` header.
impl ApiResponse for NotAuthenticated {
    fn responses(cx: &mut DocContext) -> Responses {
        let doc = crate::http_error::detail_doc(cx, ResponseDoc::new("Not authenticated"));
        Responses::single(StatusCode::UNAUTHORIZED, doc).with_header(
            "www-authenticate",
            HeaderDoc::new("The authentication scheme to use")
                .with_schema(serde_json::json!({"type": "string"}))
                .required(),
        )
    }
}

/// `Authorization: <scheme> <credentials>`, split as FastAPI splits it (at the first
/// space, the credentials trimmed), with the scheme compared case-insensitively.
fn authorization<'a>(parts: &'a Parts, scheme: &str) -> Option<&'a str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (given, credentials) = value.split_once(' ').unwrap_or((value, ""));
    given
        .eq_ignore_ascii_case(scheme)
        .then(|| credentials.trim_matches([' ', '\t']))
}

/// A bearer token from `Authorization: Bearer <token>`: FastAPI's `HTTPBearer` (and the
/// token `OAuth2PasswordBearer` returns).
///
/// A missing header, another scheme or an empty token is answered with
/// [`NotAuthenticated`] (`401`, `WWW-Authenticate: Bearer`); `Option<BearerToken>` is
/// `None` instead (FastAPI's `auto_error=False`). Documented as the `HTTPBearer` scheme;
/// an extractor of your own built on it names its own scheme (OAuth2 password, JWT
/// bearer format) in its [`ApiSecurity`] impl.
///
/// ```
/// use response_model::security::BearerToken;
/// use response_model::routing::{ApiRouter, get};
///
/// async fn secret(BearerToken(token): BearerToken) -> String {
///     format!("{} characters", token.len())
/// }
///
/// let doc = ApiRouter::<()>::new().route("/secret", get(secret)).openapi();
/// assert_eq!(doc["paths"]["/secret"]["get"]["security"], serde_json::json!([{"HTTPBearer": []}]));
/// assert_eq!(doc["components"]["securitySchemes"]["HTTPBearer"], serde_json::json!({"type": "http", "scheme": "bearer"}));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken(pub String);

/// The token is a secret: it is never printed.
impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(..)")
    }
}

impl BearerToken {
    fn read(parts: &Parts) -> Option<Self> {
        authorization(parts, "bearer")
            .filter(|t| !t.is_empty())
            .map(|t| Self(t.to_owned()))
    }
}

credential_extractor!(BearerToken);

impl ApiSecurity for BearerToken {
    const SCHEME: SecurityScheme = SecurityScheme::http_bearer();
    type Rejection = NotAuthenticated;
}

/// A username and password from `Authorization: Basic base64(username:password)`:
/// FastAPI's `HTTPBasic` and its `HTTPBasicCredentials`.
///
/// A missing header, another scheme, credentials that are not base64 of ASCII text, or
/// text without a `:` is answered with [`NotAuthenticated`] (`401`,
/// `WWW-Authenticate: Basic`), as FastAPI answers; `Option<BasicCredentials>` is `None`
/// instead. Compare the password in constant time in your own code (as FastAPI's docs
/// say with `secrets.compare_digest`).
///
/// ```
/// use response_model::security::BasicCredentials;
/// use response_model::routing::{ApiRouter, get};
///
/// async fn who(creds: BasicCredentials) -> String {
///     creds.username
/// }
///
/// let doc = ApiRouter::<()>::new().route("/who", get(who)).openapi();
/// assert_eq!(doc["paths"]["/who"]["get"]["security"], serde_json::json!([{"HTTPBasic": []}]));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    /// The username, as sent.
    pub username: String,
    /// The password, as sent.
    pub password: String,
}

/// The password is a secret: it is never printed.
impl std::fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl BasicCredentials {
    fn read(parts: &Parts) -> Option<Self> {
        let encoded = authorization(parts, "basic")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()?;
        // FastAPI decodes the credentials as ASCII and refuses anything else.
        if !bytes.is_ascii() {
            return None;
        }
        let text = String::from_utf8(bytes).ok()?;
        let (username, password) = text.split_once(':')?;
        Some(Self {
            username: username.to_owned(),
            password: password.to_owned(),
        })
    }
}

credential_extractor!(BasicCredentials);

impl ApiSecurity for BasicCredentials {
    const SCHEME: SecurityScheme = SecurityScheme::http_basic();
    type Rejection = NotAuthenticated;
}
