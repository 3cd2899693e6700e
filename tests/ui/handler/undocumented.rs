use axum::response::{IntoResponse, Response};
use response_model::handler;
use response_model::openapi::{ApiRouter, get};

/// Serves, but a `Response` hides its body's type.
#[handler]
pub async fn raw() -> Response {
    "raw".into_response()
}

fn main() {
    // Fine: axum needs no documentation.
    let _plain: axum::Router = axum::Router::new().route("/raw", axum::routing::get(raw));
    // The document cannot describe it.
    let _api: ApiRouter = ApiRouter::new().route("/raw", get(raw));
}
