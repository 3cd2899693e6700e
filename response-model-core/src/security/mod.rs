//! Auth documented from extractor types: FastAPI's `fastapi.security`.
//!
//! A security scheme is a fact about the extractor that reads the credential, as a status
//! is a fact about a response type. An extractor says which [`SecurityScheme`] it reads by
//! implementing [`ApiSecurity`], once; every handler that takes it is then documented with
//! the requirement (`security` on the operation, the scheme in
//! `components.securitySchemes`) and with the responses its rejection gives, and Swagger
//! UI shows its "Authorize" button. `Option<Extractor>` (FastAPI's `auto_error=False`) is
//! documented as "this or anonymous".
//!
//! The library reads credentials, it does not decide who they belong to: [`BearerToken`]
//! (FastAPI's `HTTPBearer` / `OAuth2PasswordBearer`) and [`BasicCredentials`] (`HTTPBasic`)
//! answer a missing or malformed `Authorization` header with FastAPI's 401
//! `{"detail": "Not authenticated"}` and its `WWW-Authenticate`; your own extractor (a
//! user looked up from a JWT) is built on them and names its own scheme. The token is
//! issued by a login route that takes [`OAuth2PasswordRequestForm`] (the password flow's
//! form, FastAPI's class of that name, with its 422s), at the scheme's `tokenUrl`:
//!
//! ```
//! use axum::extract::FromRequestParts;
//! use http::request::Parts;
//! use response_model::security::{ApiSecurity, BearerToken, NotAuthenticated, SecurityScheme};
//! use response_model::routing::{ApiRouter, get};
//! use response_model::Model;
//!
//! /// The signed-in user, from `Authorization: Bearer <token>`.
//! struct CurrentUser(String);
//!
//! impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
//!     type Rejection = NotAuthenticated;
//!
//!     async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
//!         let BearerToken(token) = BearerToken::from_request_parts(parts, state).await?;
//!         // Decode the JWT and load the user here.
//!         Ok(CurrentUser(token))
//!     }
//! }
//!
//! impl ApiSecurity for CurrentUser {
//!     const SCHEME: SecurityScheme = SecurityScheme::oauth2_password("/login/access-token");
//!     type Rejection = NotAuthenticated;
//! }
//!
//! async fn me(CurrentUser(name): CurrentUser) -> Model<String> {
//!     Model(name)
//! }
//!
//! let doc = ApiRouter::<()>::new().route("/users/me", get(me)).openapi();
//! let op = &doc["paths"]["/users/me"]["get"];
//! assert_eq!(op["security"], serde_json::json!([{"OAuth2PasswordBearer": []}]));
//! assert_eq!(op["responses"]["401"]["description"], "Not authenticated");
//! assert_eq!(
//!     doc["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"],
//!     "/login/access-token"
//! );
//! ```

mod credentials;
mod form;
mod scheme;

pub use credentials::{ApiKey, ApiKeyScheme, BasicCredentials, BearerToken, NotAuthenticated};
pub use form::{OAuth2PasswordRequestForm, OAuth2PasswordRequestFormStrict};
pub use scheme::{ApiKeyLocation, SecurityScheme};

use crate::openapi::{ApiInput, ApiResponse, DocContext, OperationDoc};

/// The security scheme an extractor reads its credential with, and what its rejection
/// answers: implement it on your auth extractor and every handler taking it is documented
/// with the requirement.
///
/// [`ApiInput`] comes with it (a blanket impl): an `ApiSecurity` extractor needs nothing
/// else to be a documented handler argument. `SCOPES` are the OAuth2 scopes the extractor
/// requires (FastAPI's `Security(get_current_user, scopes=[..])`); each must be one the
/// scheme offers, checked at compile time where a handler taking the extractor is routed.
///
/// ```
/// use response_model::security::{ApiSecurity, BearerToken, NotAuthenticated, SecurityScheme};
/// use response_model::openapi::{ApiInput, DocContext, OperationDoc};
///
/// const SCHEME: SecurityScheme = SecurityScheme::oauth2_password("/token")
///     .scopes(&[("items:write", "Change items"), ("me", "Read your profile")]);
///
/// /// A token that may change items.
/// struct ItemWriter(BearerToken);
///
/// impl ApiSecurity for ItemWriter {
///     const SCHEME: SecurityScheme = SCHEME;
///     const SCOPES: &'static [&'static str] = &["items:write"];
///     type Rejection = NotAuthenticated;
/// }
///
/// let mut op = OperationDoc::new();
/// <ItemWriter as ApiInput>::document(&mut DocContext::new("/items"), &mut op);
/// assert_eq!(op.security_value(), Some(serde_json::json!([{"OAuth2PasswordBearer": ["items:write"]}])));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say which security scheme it reads",
    note = "implement `ApiSecurity` for `{Self}`: `const SCHEME: SecurityScheme = SecurityScheme::http_bearer();` (or `oauth2_password(token_url)`, `http_basic()`, `api_key(..)`, `open_id_connect(url)`) and `type Rejection` = its `FromRequestParts::Rejection`"
)]
pub trait ApiSecurity {
    /// The scheme the credential is read with.
    const SCHEME: SecurityScheme;
    /// The OAuth2 scopes the extractor requires (none by default).
    const SCOPES: &'static [&'static str] = &[];
    /// Whether `Option<Self>` can still refuse a request: `true` (the default) when its
    /// `OptionalFromRequestParts` rejection is not `Infallible` (a token that is there but
    /// invalid is refused, as FastAPI's `get_current_user` refuses it even with
    /// `auto_error=False`), so `Option<Self>` documents [`Rejection`](Self::Rejection)'s
    /// responses too; `false` when `Option<Self>` only ever gives `None` (the library's
    /// [`BearerToken`], [`BasicCredentials`] and [`ApiKey`]), so it documents none.
    const REJECTS_WHEN_OPTIONAL: bool = true;
    /// What the extractor answers when it refuses a request (its `FromRequestParts`
    /// rejection), documented on every operation that takes it.
    type Rejection: ApiResponse;
}

/// `T`'s scopes, each checked to be offered by `T`'s scheme when the impl is used.
struct CheckedScopes<T: ?Sized>(core::marker::PhantomData<T>);

impl<T: ApiSecurity + ?Sized> CheckedScopes<T> {
    #[allow(
        clippy::panic,
        reason = "a const assertion: a compile error where the extractor is documented"
    )]
    const SCOPES: &'static [&'static str] = {
        let mut i = 0;
        while i < T::SCOPES.len() {
            if !T::SCHEME.offers_scope(T::SCOPES[i]) {
                panic!(
                    "`ApiSecurity::SCOPES` names a scope its `SCHEME` does not offer: list it in `SecurityScheme::scopes(..)` (schemes other than OAuth2 have no scopes)"
                );
            }
            i += 1;
        }
        T::SCOPES
    };
}

/// The requirement of `T`'s scheme (with its scopes) and the responses of its rejection.
impl<T: ApiSecurity> ApiInput for T {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        op.require_security(T::SCHEME, CheckedScopes::<T>::SCOPES);
        if T::REJECTS_WHEN_OPTIONAL || !op.documents_optional_inputs() {
            op.responses_mut()
                .merge(<T::Rejection as ApiResponse>::responses(cx));
        }
    }
}
