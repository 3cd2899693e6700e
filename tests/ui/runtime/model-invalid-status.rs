use axum::Router;
use axum::routing::get;
use response_model::prelude::*;

#[derive(serde::Serialize)]
struct ItemOut {
    id: i64,
}

// 99 is not an HTTP status code.
async fn handler() -> Model<ItemOut, 99> {
    Model(ItemOut { id: 1 })
}

fn main() {
    let _app: Router = Router::new().route("/", get(handler));
}
