use axum::Json;
use response_model::routing::{ApiRouter, get};

#[derive(serde::Serialize)]
struct NoSchema {
    id: u32,
}

async fn handler() -> Json<NoSchema> {
    Json(NoSchema { id: 1 })
}

fn main() {
    let _app: ApiRouter = ApiRouter::new().route("/", get(handler));
}
