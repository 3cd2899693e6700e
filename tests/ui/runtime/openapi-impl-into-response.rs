use axum::response::IntoResponse;
use response_model::routing::{ApiRouter, get};

async fn opaque() -> impl IntoResponse {
    "hidden type"
}

fn main() {
    let _app: ApiRouter = ApiRouter::new().route("/opaque", get(opaque));
}
