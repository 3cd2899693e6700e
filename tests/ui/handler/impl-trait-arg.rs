use axum::Json;
use axum::extract::FromRequestParts;
use response_model::handler;

/// An `impl Trait` argument.
#[handler]
pub async fn get_user(_who: impl FromRequestParts<()>) -> Json<u32> {
    Json(1)
}

fn main() {}
