use axum::extract::FromRequestParts;
use http::request::Parts;
use response_model::routing::{ApiRouter, get};
use response_model::security::{ApiSecurity, BearerToken, NotAuthenticated, SecurityScheme};

struct Writer;

impl<S: Send + Sync> FromRequestParts<S> for Writer {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        BearerToken::from_request_parts(parts, state).await?;
        Ok(Writer)
    }
}

impl ApiSecurity for Writer {
    const SCHEME: SecurityScheme =
        SecurityScheme::oauth2_password("/token").scopes(&[("items:read", "Read items")]);
    // Not a scope the scheme offers.
    const SCOPES: &'static [&'static str] = &["items:write"];
    type Rejection = NotAuthenticated;
}

async fn write(_: Writer) {}

fn main() {
    let _api: ApiRouter = ApiRouter::new().route("/items", get(write));
}
