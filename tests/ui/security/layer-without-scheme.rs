use axum::extract::FromRequestParts;
use axum::middleware::from_extractor;
use http::request::Parts;
use response_model::routing::{ApiRouter, get};

/// An extractor that says nothing about the scheme it reads.
struct Guard;

impl<S: Send + Sync> FromRequestParts<S> for Guard {
    type Rejection = http::StatusCode;

    async fn from_request_parts(_: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Guard)
    }
}

async fn list() -> &'static str {
    "[]"
}

fn main() {
    let _api: ApiRouter = ApiRouter::new()
        .route("/items", get(list))
        .security_layer(from_extractor::<Guard>());
}
