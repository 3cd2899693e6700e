use axum::extract::FromRequestParts;
use http::request::Parts;
use response_model::routing::{ApiRouter, get};

/// An extractor of the user's own that says nothing to the document.
struct Tenant;

impl<S: Send + Sync> FromRequestParts<S> for Tenant {
    type Rejection = http::StatusCode;

    async fn from_request_parts(_: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tenant)
    }
}

async fn list(_tenant: Tenant) -> &'static str {
    "[]"
}

fn main() {
    let _api: ApiRouter = ApiRouter::new().route("/items", get(list));
}
