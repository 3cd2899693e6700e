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
    const REJECTS_WHEN_OPTIONAL: bool = false;
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
    const REJECTS_WHEN_OPTIONAL: bool = false;
    type Rejection = NotAuthenticated;
}

/// Which API key an [`ApiKey`] reads: a type of yours naming an API-key scheme, as
/// FastAPI's `APIKeyHeader(name="X-API-Key")` instance does. A scheme that is not an API
/// key (`http_bearer()`, ...) is a compile error where `ApiKey` of it is used.
///
/// ```
/// use response_model::security::{ApiKeyLocation, ApiKeyScheme, SecurityScheme};
///
/// /// The key of a partner, in `X-API-Key`.
/// struct PartnerKey;
///
/// impl ApiKeyScheme for PartnerKey {
///     const SCHEME: SecurityScheme =
///         SecurityScheme::api_key(ApiKeyLocation::Header, "X-API-Key").description("Issued to partners.");
/// }
/// # assert!(PartnerKey::SCHEME.is_api_key());
/// ```
pub trait ApiKeyScheme: 'static {
    /// The scheme: `SecurityScheme::api_key(location, name)`, optionally `.named(..)` and
    /// `.description(..)`.
    const SCHEME: SecurityScheme;
}

/// An API key, read where its scheme `K` says (a header, a query parameter or a cookie):
/// FastAPI's `APIKeyHeader`, `APIKeyQuery` and `APIKeyCookie`, which return the key.
///
/// A missing or empty key is answered as FastAPI answers it: `401`
/// `{"detail": "Not authenticated"}` with `WWW-Authenticate: APIKey`
/// ([`NotAuthenticated`]); `Option<ApiKey<K>>` is `None` instead (`auto_error=False`).
/// Whether the key is valid is your code's business: compare it in constant time, or look
/// it up, in an extractor of your own built on this one. The key is a secret: `Debug`
/// never prints it.
///
/// ```
/// use response_model::security::{ApiKey, ApiKeyLocation, ApiKeyScheme, SecurityScheme};
/// use response_model::routing::{ApiRouter, get};
///
/// struct XApiKey;
///
/// impl ApiKeyScheme for XApiKey {
///     const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Header, "X-API-Key");
/// }
///
/// async fn read_items(key: ApiKey<XApiKey>) -> String {
///     format!("a key of {} bytes", key.len())
/// }
///
/// let doc = ApiRouter::<()>::new().route("/items", get(read_items)).openapi();
/// assert_eq!(doc["paths"]["/items"]["get"]["security"], serde_json::json!([{"APIKeyHeader": []}]));
/// assert_eq!(
///     doc["components"]["securitySchemes"]["APIKeyHeader"],
///     serde_json::json!({"type": "apiKey", "in": "header", "name": "X-API-Key"})
/// );
/// assert_eq!(doc["paths"]["/items"]["get"]["responses"]["401"]["description"], "Not authenticated");
/// ```
pub struct ApiKey<K> {
    key: String,
    scheme: std::marker::PhantomData<fn() -> K>,
}

impl<K> ApiKey<K> {
    /// The key, as sent (percent-decoded in a query or a cookie).
    ///
    /// ```
    /// # use response_model::security::{ApiKey, ApiKeyLocation, ApiKeyScheme, SecurityScheme};
    /// # struct Q; impl ApiKeyScheme for Q { const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Query, "k"); }
    /// fn owner(key: &ApiKey<Q>) -> &str { key.key() }
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The key, owned.
    ///
    /// ```
    /// # use response_model::security::{ApiKey, ApiKeyLocation, ApiKeyScheme, SecurityScheme};
    /// # struct Q; impl ApiKeyScheme for Q { const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Query, "k"); }
    /// fn keep(key: ApiKey<Q>) -> String { key.into_key() }
    /// ```
    pub fn into_key(self) -> String {
        self.key
    }
}

impl<K> std::ops::Deref for ApiKey<K> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.key
    }
}

impl<K> Clone for ApiKey<K> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            scheme: std::marker::PhantomData,
        }
    }
}

impl<K> PartialEq for ApiKey<K> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<K> Eq for ApiKey<K> {}

/// The key is a secret: it is never printed.
impl<K> std::fmt::Debug for ApiKey<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(..)")
    }
}

impl<K: ApiKeyScheme> ApiKey<K> {
    /// `K`'s scheme, checked to be an API key where `ApiKey<K>` is used.
    #[allow(
        clippy::panic,
        reason = "a const assertion: a compile error where the extractor is used"
    )]
    const CHECKED: SecurityScheme = {
        if !K::SCHEME.is_api_key() {
            panic!(
                "`ApiKey<K>` reads an API key: `K::SCHEME` must be `SecurityScheme::api_key(location, name)`; other schemes have extractors of their own (`BearerToken`, `BasicCredentials`)"
            );
        }
        K::SCHEME
    };

    fn read(parts: &Parts) -> Option<Self> {
        Self::CHECKED.read_api_key(parts).map(|key| Self {
            key,
            scheme: std::marker::PhantomData,
        })
    }
}

impl<K: ApiKeyScheme, S: Send + Sync> FromRequestParts<S> for ApiKey<K> {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Self::read(parts).ok_or(NotAuthenticated::new(Self::CHECKED))
    }
}

impl<K: ApiKeyScheme, S: Send + Sync> OptionalFromRequestParts<S> for ApiKey<K> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(Self::read(parts))
    }
}

impl<K: ApiKeyScheme> ApiSecurity for ApiKey<K> {
    const SCHEME: SecurityScheme = Self::CHECKED;
    const REJECTS_WHEN_OPTIONAL: bool = false;
    type Rejection = NotAuthenticated;
}
