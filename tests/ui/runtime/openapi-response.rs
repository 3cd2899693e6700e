use axum::response::{IntoResponse, Response};
use response_model::openapi::{ApiRouter, get};

async fn raw() -> Response {
    "untyped".into_response()
}

fn main() {
    let _app: ApiRouter = ApiRouter::new().route("/raw", get(raw));
}
