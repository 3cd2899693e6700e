use axum::response::{IntoResponse, Response};
use response_model::handler;
use response_model::routing::{ApiRouter, get};

/// A response type of the user's that says nothing to the document.
pub struct Raw;

impl IntoResponse for Raw {
    fn into_response(self) -> Response {
        "raw".into_response()
    }
}

/// Serves, but `Raw` does not implement `ApiResponse`.
#[handler]
pub async fn raw() -> Raw {
    Raw
}

fn main() {
    // Fine: axum needs no documentation.
    let _plain: axum::Router = axum::Router::new().route("/raw", axum::routing::get(raw));
    // The document cannot describe it.
    let _api: ApiRouter = ApiRouter::new().route("/raw", get(raw));
}
